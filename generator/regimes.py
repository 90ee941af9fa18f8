"""Regimes as data: whose format a document follows (shared/spec/regimes.md).

`templates/regimes/<name>.regime.yaml` (its schema: `RegimeProfile` below) names, each
with its source, the text at the top right and the rule under it, the mark under the
issuer (a rule, `*`, `***`), the number line's pattern, the symbol pattern, the
spelling of the authority prefixes, the archive line's form, the body's end mark, the
sizes and the register's numbering scope. `nha_nuoc` (the default) is the state format
of Nghị định 30; `dang` the Party's, `doan` the Youth Union's. A maintainer corrects a
value or adds a regime by editing or adding a file; a file with a mistake is reported
with the line of each mistake. Values marked ⚠ in the files are defaults from practice.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.content.source import read_source
from generator.problems import Problem

REPO_REGIMES = Path(__file__).parent.parent / "templates" / "regimes"
PACKAGE_REGIMES = Path(__file__).parent / "_regimes"
SUFFIX = ".regime.yaml"
DEFAULT = "nha_nuoc"
PREFIX_KEYS = ("TM", "KT", "TL", "TUQ")
"""The authority prefixes by what they mean: thay mặt, ký thay, thừa lệnh, thừa ủy quyền."""


class RegimeError(Exception):
    """A regime profile that cannot be used (a maintainer's mistake)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)
        """The profile's mistakes, located in it (`profile.*` codes), when that is the cause."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    """Where the rule comes from; `⚠` marks a default from practice."""


class TopRight(_Part):
    lines: list[str] = Field(min_length=1)
    """The text at the top right, one paragraph a line (Quốc hiệu and Tiêu ngữ, or the
    system's title)."""
    rule: Literal["tieu_ngu", "full"]
    """`tieu_ngu`: the state's line under the Tiêu ngữ; `full`: a line as long as the text."""


class IssuerMark(_Part):
    mark: str
    """`rule` (a line 1/3–1/2 of the name) or the text printed centred under it (`*`)."""


class NumberLine(_Part):
    pattern: str
    """`{number}` and `{symbol}`: `Số: {number}/{symbol}`, `Số {number}-{symbol}`."""

    @field_validator("pattern")
    @classmethod
    def _parts(cls, value: str) -> str:
        if "{number}" not in value or "{symbol}" not in value:
            raise ValueError("the pattern needs `{number}` and `{symbol}`")
        return value


class SymbolPattern(_Part):
    pattern: str | None = None
    """`{type_abbr}` and `{issuers}` (every issuer's abbreviation, joined by `-`); none: the
    kind's own pattern."""


class TypeAbbrs(_Part):
    by_kind: dict[str, str] = Field(default_factory=dict)
    """A kind's type abbreviation in this regime, where it differs (`cong_van: CV`)."""


class Authority(_Part):
    prefixes: dict[Literal["TM", "KT", "TL", "TUQ"], str] = Field(min_length=1)
    """How each prefix is printed; a prefix not listed is refused in content."""


class Archive(_Part):
    pattern: str
    """`{units}`: `- Lưu: {units}.`, `- Lưu {units}.`."""
    first: str | None = None
    """The unit always named first (`VT`), or none."""
    empty: str | None = None
    """What is archived when the content names no unit and there is no `first`."""


class EndMark(_Part):
    mark: str


SizeValue = float | list[float]
"""A size in points, or a range `[low, high]`: the first is printed, the range accepted."""


class Sizes(_Part):
    """The sizes that differ from the state's; a size not named keeps the template's.

    Each names the styles of `generator/regime_styles.py` `STYLES`; the checker checks
    the same parts against them (rules with `regime_size:` in check/rules.yaml).
    """

    top_right: SizeValue | None = None
    issuer: SizeValue | None = None
    number: SizeValue | None = None
    title: SizeValue | None = None
    subject: SizeValue | None = None
    cv_subject: SizeValue | None = None
    body: SizeValue | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _range(cls, value: object) -> object:
        if isinstance(value, list) and not (len(value) == 2 and 0 < value[0] <= value[1]):
            raise ValueError("a range is `[low, high]`, low ≤ high")
        if isinstance(value, (int, float)) and value <= 0:
            raise ValueError("a size is a number of points above 0")
        return value


SIZE_KEYS = tuple(k for k in Sizes.model_fields if k != "source")


class CvSubject(_Part):
    """A công văn's summary under the number (P1 II.5b; regimes.md)."""

    prefix: str = "V/v "
    """Printed before the summary (`V/v `), or nothing."""
    italic: bool = False


class Bases(_Part):
    dash: str = ""
    """Printed before each căn cứ line (`- ` in Party documents), or nothing."""


class Numbering(_Part):
    scope: str
    """A scope of `generator/register/scopes.yaml`."""


class RegimeProfile(BaseModel):
    """The schema of `<name>.regime.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regime: str | None = None
    label: str
    top_right: TopRight
    issuer_mark: IssuerMark
    number: NumberLine
    symbol: SymbolPattern
    type_abbrs: TypeAbbrs | None = None
    authority: Authority
    archive: Archive
    end_mark: EndMark
    sizes: Sizes | None = None
    cv_subject: CvSubject | None = None
    bases: Bases | None = None
    numbering: Numbering


@dataclass(frozen=True)
class Regime:
    """A regime as the layout and the checker use it."""

    name: str
    label: str
    top_lines: tuple[str, ...]
    top_rule: str
    issuer_mark: str
    number_pattern: str
    symbol_pattern: str | None
    type_abbrs: dict[str, str]
    prefixes: dict[str, str]
    archive_pattern: str
    archive_first: str | None
    archive_empty: str | None
    end_mark: str
    scope: str
    profile: Path | None = None
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    """The regime's own sizes by part (`title`: (15, 16)); parts not named keep the state's."""
    sizes_source: str = ""
    vv_prefix: str = "V/v "
    vv_italic: bool = False
    basis_dash: str = ""

    def size(self, key: str, default: float) -> float:
        """The size printed for `key`: the first of the regime's range, else `default`."""
        found = self.sizes.get(key)
        return found[0] if found else default

    @property
    def state(self) -> bool:
        """Whether the top right holds the Quốc hiệu and Tiêu ngữ."""
        return self.top_rule == "tieu_ngu"

    def prefix(self, line: str) -> str:
        """An authority line typed either way (`TM. Ban Thường vụ`, `T/M Ban Thường vụ`)
        with its prefix in this regime's spelling."""
        found = AUTHORITY.match(line.strip())
        if not found:
            return line.strip()
        key = prefix_key(found.group("prefix"))
        printed = self.prefixes.get(key, found.group("prefix")) if key else found.group("prefix")
        return f"{printed} {found.group('rest').strip()}"


AUTHORITY = re.compile(r"^(?P<prefix>TM\.|KT\.|TL\.|TUQ\.|T/M|K/T|T/L)\s+(?P<rest>\S.*)$", re.S)
"""An authority line in any regime's spelling: `TM.` or `T/M`, `KT.` or `K/T`, `TL.` or
`T/L`, `TUQ.` (regimes.md: content authors write them as they know them)."""


def prefix_key(prefix: str) -> str | None:
    """`TM` for `TM.` and `T/M`; None for anything else."""
    key = prefix.replace("/", "").rstrip(".")
    return key if key in PREFIX_KEYS else None


def regime_dirs() -> list[Path]:
    """`$VANBAN_REGIMES` (paths), then the shipped profiles."""
    dirs = [Path(p) for p in os.environ.get("VANBAN_REGIMES", "").split(os.pathsep) if p]
    return dirs + [d for d in (REPO_REGIMES, PACKAGE_REGIMES) if d.is_dir()]


def profile_problems(path: Path) -> tuple[RegimeProfile | None, list[Problem]]:
    source = read_source(path)
    if source.problems:
        return None, [p.recoded("profile.syntax") for p in source.problems]
    if not isinstance(source.data, dict):
        return None, [
            source.problem((), "a regime profile is a mapping of `key: value`", code="profile.type")
        ]
    try:
        return RegimeProfile.model_validate(source.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                known = _known_keys(where[:-1])
                close = difflib.get_close_matches(str(where[-1]), known, n=1)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(known)
                problems.append(
                    source.problem(
                        where,
                        f"unknown key `{where[-1]}`",
                        hint,
                        key=True,
                        code="profile.unknown_key",
                    )
                )
            else:
                problems.append(source.problem(where, error["msg"], code="profile.invalid"))
        return None, problems


def _known_keys(parent: tuple) -> list[str]:
    model: type[BaseModel] = RegimeProfile
    for key in parent:
        field = model.model_fields.get(str(key))
        annotation = getattr(field, "annotation", None) if field else None
        inner = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not None]
        found = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if found is None:
            break
        model = found
    return list(model.model_fields)


def load_regime(path: Path) -> Regime:
    parsed, problems = profile_problems(path)
    if problems or parsed is None:
        raise RegimeError(
            "regime profile has mistakes:\n" + "\n".join(map(str, problems)), problems
        )
    return Regime(
        name=parsed.regime or path.name.removesuffix(SUFFIX),
        label=parsed.label,
        top_lines=tuple(parsed.top_right.lines),
        top_rule=parsed.top_right.rule,
        issuer_mark=parsed.issuer_mark.mark,
        number_pattern=parsed.number.pattern,
        symbol_pattern=parsed.symbol.pattern,
        type_abbrs=dict(parsed.type_abbrs.by_kind) if parsed.type_abbrs else {},
        prefixes=dict(parsed.authority.prefixes),
        archive_pattern=parsed.archive.pattern,
        archive_first=parsed.archive.first,
        archive_empty=parsed.archive.empty,
        end_mark=parsed.end_mark.mark,
        scope=parsed.numbering.scope,
        profile=path,
        sizes=_sizes(parsed.sizes),
        sizes_source=parsed.sizes.source if parsed.sizes else "",
        vv_prefix=parsed.cv_subject.prefix if parsed.cv_subject else "V/v ",
        vv_italic=parsed.cv_subject.italic if parsed.cv_subject else False,
        basis_dash=parsed.bases.dash if parsed.bases else "",
    )


def _sizes(sizes: Sizes | None) -> dict[str, tuple[float, float]]:
    if sizes is None:
        return {}
    found = {}
    for key in SIZE_KEYS:
        value = getattr(sizes, key)
        if value is not None:
            low, high = (value[0], value[1]) if isinstance(value, list) else (value, value)
            found[key] = (float(low), float(high))
    return found


@lru_cache(maxsize=4)
def _regimes_in(dirs: tuple[Path, ...]) -> dict[str, Regime]:
    found: dict[str, Regime] = {}
    for directory in dirs:
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            regime = load_regime(path)
            found.setdefault(regime.name, regime)
    return found


def available_regimes() -> dict[str, Regime]:
    return _regimes_in(tuple(regime_dirs()))


def get_regime(name: str | None) -> Regime:
    regimes = available_regimes()
    key = name or DEFAULT
    if key not in regimes:
        raise RegimeError(f"unknown regime {key!r}; known: {', '.join(sorted(regimes))}")
    return regimes[key]
