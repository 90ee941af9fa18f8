"""Numbering scopes as data (`scopes.yaml`): which run of numbers a document takes.

A scope names the parts a run of numbers is kept for (the issuer, the type) and
the period after which it starts again from 01 (the calendar year of the issue
date, or a committee's term). The register stores the scope's name, the series
and the period with every number, so two scopes never share a run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

from generator.regimes import RegimeError, get_regime

SCOPES_FILE = Path(__file__).with_name("scopes.yaml")
SERIES_PARTS = ("issuer", "type")
PERIODS = ("year", "term")


class ScopeError(Exception):
    """A scope cannot be applied (a term is missing, the data file is wrong)."""


@dataclass(frozen=True)
class Scope:
    name: str
    label: str
    series: tuple[str, ...]
    period: str
    source: str

    def key(
        self, *, issuer: str, type_abbr: str, issued: dt.date, term: str | None = None
    ) -> tuple[str, str]:
        """(series, period) of a document: `("CTĐP", "2024")`, `("HU/KH", "2020-2025")`."""
        parts = {"issuer": issuer, "type": type_abbr}
        series = "/".join(parts[p] for p in self.series)
        if self.period == "year":
            return series, str(issued.year)
        if not term or not term.strip():
            raise ScopeError(
                f"đánh số theo nhiệm kỳ ({self.label.lower()}) nhưng chưa có "
                "nhiệm kỳ (`term`, ví dụ `2020-2025`)"
            )
        return series, term.strip()


@dataclass(frozen=True)
class Scopes:
    scopes: dict[str, Scope]

    def for_regime(self, regime: str) -> Scope:
        """The scope a regime's profile names (`numbering.scope`, templates/regimes/)."""
        try:
            return self.scopes[get_regime(regime).scope]
        except (KeyError, RegimeError):
            raise ScopeError(
                f"chưa có cách đánh số cho thể thức `{regime}` (xem {SCOPES_FILE.name} và "
                "templates/regimes/)"
            ) from None


def read_scopes(path: Path = SCOPES_FILE) -> Scopes:
    data = YAML(typ="safe").load(path.read_text("utf-8"))
    scopes = {}
    for name, raw in data["scopes"].items():
        scope = Scope(name, raw["label"], tuple(raw["series"]), raw["period"], raw["source"])
        if scope.period not in PERIODS or not set(scope.series) <= set(SERIES_PARTS):
            raise ScopeError(
                f"{path}: scope `{name}`: period is one of {PERIODS}, "
                f"series parts among {SERIES_PARTS}"
            )
        scopes[name] = scope
    return Scopes(scopes)


@cache
def scopes() -> Scopes:
    return read_scopes()
