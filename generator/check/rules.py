"""The rule pack: `rules.yaml` read and validated against the check types and parts."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.check.catalog import all_checks
from generator.check.parts import PART_LABELS


class RulePackError(Exception):
    """The rule pack cannot be used (bad YAML, unknown check type or part)."""


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    source: str
    severity: Literal["error", "warning"]
    part: str
    check: str
    title: str
    """What the rule requires, in Vietnamese, as shown to the user."""
    params: dict[str, Any] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    """Parts whose paragraphs are left out of `part` for this rule."""
    regimes: list[str] | None = None
    """The regimes (templates/regimes/) whose documents the rule applies to; none: all."""

    def applies_to(self, regime: str) -> bool:
        return self.regimes is None or regime in self.regimes


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: str
    version: int
    rules: list[Rule]


def _validate(pack: RulePack, origin: str) -> RulePack:
    seen: set[str] = set()
    for rule in pack.rules:
        if rule.id in seen:
            raise RulePackError(f"{origin}: quy tắc {rule.id} khai báo hai lần")
        seen.add(rule.id)
        if rule.check not in all_checks():
            raise RulePackError(f"{origin}: {rule.id}: không có kiểu kiểm tra «{rule.check}»")
        for part in [rule.part, *rule.exclude]:
            if part not in PART_LABELS:
                raise RulePackError(f"{origin}: {rule.id}: không có phần «{part}»")
    return pack


def load_rules(path: str | Path | None = None) -> RulePack:
    """The default pack shipped with the package, or the pack at `path`."""
    if path is None:
        return _default_pack()
    return _load_text(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _default_pack() -> RulePack:
    text = resources.files("generator.check").joinpath("rules.yaml").read_text(encoding="utf-8")
    return _load_text(text, "rules.yaml")


def _load_text(text: str, origin: str) -> RulePack:
    try:
        data = YAML(typ="safe").load(text)
        pack = RulePack.model_validate(data)
    except (YAMLError, ValidationError) as exc:
        raise RulePackError(f"{origin}: {exc}") from exc
    return _validate(pack, origin)
