"""Document kinds as data: a DOCX template and a profile file beside it.

`templates/docx/<kind>.kind.yaml` (its schema: `Profile` below) names the kind's
title line or `V/v` header, type abbreviation and symbol pattern, the content
fields it takes and requires, its named sections with their headings and the
order they are numbered in, how the body is numbered (Roman sections or
articles `Điều N.`), its fixed lines (`QUYẾT ĐỊNH:`), the names its template
must use and its default file-name pattern; `<kind>.docx` (or the profile's
`template:`) lays it out, and `<kind>.starter.yaml`, when there is one, is
what `vanban new` prints. Adding a kind of an existing shape is adding these
files. A profile with a mistake is reported with the line of each mistake.
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

PACKAGE_TEMPLATES = Path(__file__).parent / "_templates"
REPO_TEMPLATES = Path(__file__).parent.parent / "templates" / "docx"
DEFAULT_FILE_NAME = "{kind}-{issuers[0].abbr}-{number}"
PROFILE_SUFFIX = ".kind.yaml"
EXTRA_SECTIONS = "sections"
"""Stands for the content's further `sections` (in their written order) in `section_order`."""
CLASSIC_SECTIONS = ("purposes", "contents", "targets", "measures")
"""content-format.md, Top level: the named sections of a launch notice, covenant or plan."""
REPORT_SECTIONS = ("results", "shortcomings", "plans", "proposals")
"""content-format.md, More kinds: the named sections of a báo cáo."""
NAMED_SECTIONS = CLASSIC_SECTIONS + REPORT_SECTIONS
DEFAULT_SECTION_ORDER = (*CLASSIC_SECTIONS, EXTRA_SECTIONS)
"""content-format.md: the named sections in this order, then the further ones."""

COMMON_FIELDS = (
    "kind",
    "issuers",
    "issuer",
    "number",
    "symbol",
    "type_abbr",
    "place",
    "date",
    "year",
    "subject",
    "bases",
    "preamble",
    "sections",
    "closing",
    "signatories",
    "recipients",
    "archive",
    "drafter",
    "extra",
    "urgency",
    "annexes",
    "regime",
    "term",
)
"""Fields every kind takes (content-format.md: "every field above keeps its meaning")."""
KIND_FIELDS = (
    "theme",
    "members",
    "addressees",
    "enacted_by",
    "proposal",
    "articles",
    "drafting_unit",
)
"""Fields a kind takes only when its profile names them under `fields` (sections aside)."""
DEFAULT_FIELDS = ("theme", "addressees")
"""What a profile that does not say takes (the launch notice's shape)."""

DEFAULT_TEMPLATE_USES = (
    "issuers",
    "number_line",
    "date_line",
    "title",
    "subject",
    "theme",
    "bases",
    "body",
    "signature_tables",
    "recipients",
)
"""Names a kind's template must use, or content an author wrote would silently be left out
(`vanban template check`); a list among them must be looped over."""
SYMBOL_PARTS = ("{type_abbr}", "{issuers}", "{lead}", "{drafting_unit}")


class KindError(Exception):
    """A kind profile that cannot be used (a template maintainer's mistake)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)
        """The profile's mistakes, located in it (`profile.*` codes), when that is the cause."""


SectionName = Literal[
    "purposes", "contents", "targets", "measures", "results", "shortcomings", "plans", "proposals"
]
FieldName = Literal[
    "theme", "members", "addressees", "enacted_by", "proposal", "articles", "drafting_unit"
]


class Profile(BaseModel):
    """The schema of `<kind>.kind.yaml` (docs/templates.md §8)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str | None = None
    label: str | None = None
    title: str | None = None
    """The type line (`Quyết định`), printed in capitals; none for a công văn."""
    header: Literal["title", "vv"] = "title"
    """`title`: type line and summary under the header; `vv`: `V/v <subject>` under the number."""
    type_abbr: str | None = None
    symbol: str = "{type_abbr}-{issuers}"
    """The ký hiệu: `{type_abbr}`, `{issuers}` (every issuer's abbr), `{lead}`, `{drafting_unit}`."""
    headings: dict[SectionName, str] = Field(default_factory=dict)
    section_order: list[SectionName | Literal["sections"]] | None = None
    fields: list[FieldName] = Field(default_factory=lambda: list(DEFAULT_FIELDS))
    required: list[str] = Field(default_factory=list)
    numbering: Literal["sections", "articles"] = "sections"
    """`sections`: `I.` headings and `1.` items; `articles`: `Điều 1.` … (a decision)."""
    fixed_lines: dict[Literal["before_articles"], str] = Field(default_factory=dict)
    signatories_from_members: bool = False
    file_name: str = DEFAULT_FILE_NAME
    template: str | None = None
    template_uses: list[str] = Field(default_factory=lambda: list(DEFAULT_TEMPLATE_USES))
    extra: dict = Field(default_factory=dict)

    @field_validator("symbol")
    @classmethod
    def _symbol_parts(cls, value: str) -> str:
        unknown = [p for p in re.findall(r"\{[^}]*\}", value) if p not in SYMBOL_PARTS]
        if unknown:
            raise ValueError(f"unknown part(s) {unknown} (known: {', '.join(SYMBOL_PARTS)})")
        return value


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    title: str
    type_abbr: str
    template: Path
    headings: dict[str, str]
    required: tuple[str, ...] = ()
    signatories_from_members: bool = False
    file_name: str = DEFAULT_FILE_NAME
    profile: Path | None = None
    extra: dict = field(default_factory=dict)
    section_order: tuple[str, ...] = DEFAULT_SECTION_ORDER
    """Order in which sections are numbered: the named ones and `sections` (the further ones)."""
    template_uses: tuple[str, ...] = DEFAULT_TEMPLATE_USES
    """Names the kind's template must use (`vanban template check` reports the missing)."""
    header: str = "title"
    symbol: str = "{type_abbr}-{issuers}"
    fields: tuple[str, ...] = DEFAULT_FIELDS
    numbering: str = "sections"
    fixed_lines: dict[str, str] = field(default_factory=dict)

    @property
    def starter(self) -> Path | None:
        """The commented starter content file `vanban new` prints, if the kind has one."""
        if self.profile is None:
            return None
        path = self.profile.parent / f"{self.name}.starter.yaml"
        return path if path.is_file() else None

    @property
    def takes(self) -> frozenset[str]:
        """Every top-level content field a document of this kind may have."""
        named = [s for s in self.section_order if s != EXTRA_SECTIONS]
        taken = set(COMMON_FIELDS) | set(self.fields) | set(named)
        if self.header == "title":
            taken.add("title")
        if self.numbering == "articles":
            taken.add("articles")
        return frozenset(taken)


def template_dirs() -> list[Path]:
    """Where kinds are looked for: `$VANBAN_TEMPLATES` (paths), then the shipped templates."""
    dirs = [Path(p) for p in os.environ.get("VANBAN_TEMPLATES", "").split(os.pathsep) if p]
    dirs += [d for d in (REPO_TEMPLATES, PACKAGE_TEMPLATES) if d.is_dir()]
    return dirs


def _profile_problems(profile: Path) -> tuple[Profile | None, list[Problem]]:
    source = read_source(profile)
    problems = [p.recoded("profile.syntax") for p in source.problems]
    if problems:
        return None, problems
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        return None, [
            source.problem((), "a kind profile is a mapping of `key: value`", code="profile.type")
        ]
    try:
        parsed = Profile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                close = difflib.get_close_matches(str(path[-1]), list(Profile.model_fields), n=1)
                hint = (
                    f"did you mean `{close[0]}`?"
                    if close
                    else ("known keys: " + ", ".join(Profile.model_fields))
                )
                problems.append(
                    source.problem(
                        path,
                        f"unknown key `{path[-1]}`",
                        hint,
                        key=True,
                        code="profile.unknown_key",
                    )
                )
            else:
                problems.append(source.problem(path, error["msg"], code="profile.invalid"))
        return None, problems
    return parsed, _consistency(parsed, source)


def _consistency(parsed: Profile, source) -> list[Problem]:
    problems = []
    if parsed.header == "title" and not parsed.title:
        problems.append(
            source.problem(
                (),
                "a kind with a title line needs `title`",
                "or write `header: vv` for a công văn",
                code="profile.inconsistent",
            )
        )
    if "{type_abbr}" in parsed.symbol and not parsed.type_abbr:
        problems.append(
            source.problem(
                ("symbol",),
                "the symbol uses `{type_abbr}`, but the profile has no `type_abbr`",
                code="profile.inconsistent",
            )
        )
    order = parsed.section_order
    if order is not None:
        doubled = sorted({s for s in order if order.count(s) > 1})
        if doubled or EXTRA_SECTIONS not in order:
            problems.append(
                source.problem(
                    ("section_order",),
                    "section_order must list each section once, and `sections`",
                    f"got {list(order)}",
                    code="profile.inconsistent",
                )
            )
        missing = [h for h in parsed.headings if h not in order]
        classic = [s for s in order if s in CLASSIC_SECTIONS]
        if classic and not parsed.headings and len(classic) != len(CLASSIC_SECTIONS):
            missing += [s for s in CLASSIC_SECTIONS if s not in order]
        if missing:
            wanted = [*(parsed.headings or CLASSIC_SECTIONS), EXTRA_SECTIONS]
            problems.append(
                source.problem(
                    ("section_order",),
                    f"section_order leaves out {missing}",
                    f"list each of {wanted} once",
                    code="profile.inconsistent",
                )
            )
    for i, name in enumerate(parsed.required):
        known = set(COMMON_FIELDS) | set(KIND_FIELDS) | set(NAMED_SECTIONS)
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            problems.append(
                source.problem(
                    ("required", i),
                    f"unknown content field `{name}`",
                    f"did you mean `{close[0]}`?" if close else None,
                    code="profile.inconsistent",
                )
            )
    return problems


def _section_order(parsed: Profile) -> tuple[str, ...]:
    if parsed.section_order is not None:
        return tuple(parsed.section_order)
    if any(h not in CLASSIC_SECTIONS for h in parsed.headings):
        return (*parsed.headings, EXTRA_SECTIONS)
    return DEFAULT_SECTION_ORDER


def load_kind(profile: Path) -> Kind:
    parsed, problems = _profile_problems(profile)
    if problems or parsed is None:
        raise KindError("kind profile has mistakes:\n" + "\n".join(map(str, problems)), problems)
    name = parsed.kind or profile.name.removesuffix(PROFILE_SUFFIX)
    return Kind(
        name=name,
        label=parsed.label or parsed.title or name,
        title=parsed.title or "",
        type_abbr=parsed.type_abbr or "",
        template=profile.parent / (parsed.template or f"{name}.docx"),
        headings=dict(parsed.headings),
        required=tuple(parsed.required),
        signatories_from_members=parsed.signatories_from_members,
        file_name=parsed.file_name,
        profile=profile,
        extra=dict(parsed.extra),
        section_order=_section_order(parsed),
        template_uses=tuple(parsed.template_uses),
        header=parsed.header,
        symbol=parsed.symbol,
        fields=tuple(parsed.fields),
        numbering=parsed.numbering,
        fixed_lines=dict(parsed.fixed_lines),
    )


@lru_cache(maxsize=8)
def _kinds_in(dirs: tuple[Path, ...]) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for directory in dirs:
        for profile in sorted(directory.glob(f"*{PROFILE_SUFFIX}")):
            kind = load_kind(profile)
            kinds.setdefault(kind.name, kind)
    return kinds


def available_kinds() -> dict[str, Kind]:
    """Every kind found, the first directory winning when two define the same name."""
    return _kinds_in(tuple(template_dirs()))


def get_kind(name: str) -> Kind:
    kinds = available_kinds()
    if name not in kinds:
        raise KindError(f"unknown kind {name!r}; known: {', '.join(sorted(kinds))}")
    return kinds[name]
