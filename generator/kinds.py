"""Document kinds as data: a DOCX template and a profile file beside it.

`templates/docx/<kind>.kind.yaml` names the kind's title, type abbreviation, the
default headings of its named sections and the order they are numbered in, the
fields it requires, the names its template must use and its default file-name
pattern; `<kind>.docx` (or the profile's `template:`) lays it out,
and `<kind>.starter.yaml`, when there is one, is what `vanban new` prints.
Adding a kind is adding these files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

from generator.content.model import NAMED_SECTIONS

PACKAGE_TEMPLATES = Path(__file__).parent / "_templates"
REPO_TEMPLATES = Path(__file__).parent.parent / "templates" / "docx"
DEFAULT_FILE_NAME = "{kind}-{issuers[0].abbr}-{number}"
PROFILE_SUFFIX = ".kind.yaml"
EXTRA_SECTIONS = "sections"
"""Stands for the content's further `sections` (in their written order) in `section_order`."""
DEFAULT_SECTION_ORDER = (*NAMED_SECTIONS, EXTRA_SECTIONS)
"""content-format.md: the named sections in this order, then the further ones."""
DEFAULT_TEMPLATE_USES = (
    "issuers", "number_line", "date_line", "title", "subject", "theme", "bases", "body",
    "signature_tables", "recipients",
)
"""Names a kind's template must use, or content an author wrote would silently be left out
(`vanban template check`); a list among them must be looped over."""


class KindError(Exception):
    """A kind profile that cannot be used (a template maintainer's mistake)."""


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

    @property
    def starter(self) -> Path | None:
        """The commented starter content file `vanban new` prints, if the kind has one."""
        if self.profile is None:
            return None
        path = self.profile.parent / f"{self.name}.starter.yaml"
        return path if path.is_file() else None


def template_dirs() -> list[Path]:
    """Where kinds are looked for: `$VANBAN_TEMPLATES` (paths), then the shipped templates."""
    dirs = [Path(p) for p in os.environ.get("VANBAN_TEMPLATES", "").split(os.pathsep) if p]
    dirs += [d for d in (REPO_TEMPLATES, PACKAGE_TEMPLATES) if d.is_dir()]
    return dirs


def load_kind(profile: Path) -> Kind:
    yaml = YAML(typ="safe")
    try:
        data = yaml.load(profile.read_text("utf-8")) or {}
    except Exception as exc:  # a broken profile is reported, whatever the parser raised
        raise KindError(f"{profile}: cannot read kind profile: {exc}") from exc
    name = data.get("kind", profile.name.removesuffix(PROFILE_SUFFIX))
    missing = [k for k in ("title", "type_abbr") if not data.get(k)]
    if missing:
        raise KindError(f"{profile}: kind profile lacks {', '.join(missing)}")
    headings = dict(data.get("headings") or {})
    unknown = [k for k in headings if k not in NAMED_SECTIONS]
    if unknown:
        raise KindError(f"{profile}: unknown section(s) {unknown}; known: {list(NAMED_SECTIONS)}")
    order = tuple(str(s) for s in data.get("section_order") or DEFAULT_SECTION_ORDER)
    if sorted(order) != sorted(DEFAULT_SECTION_ORDER):
        raise KindError(f"{profile}: section_order must list each of "
                        f"{list(DEFAULT_SECTION_ORDER)} once, in any order; got {list(order)}")
    return Kind(
        name=name,
        label=data.get("label", data["title"]),
        title=data["title"],
        type_abbr=data["type_abbr"],
        template=profile.parent / data.get("template", f"{name}.docx"),
        headings=headings,
        required=tuple(data.get("required") or ()),
        signatories_from_members=bool(data.get("signatories_from_members", False)),
        file_name=data.get("file_name", DEFAULT_FILE_NAME),
        profile=profile,
        extra=dict(data.get("extra") or {}),
        section_order=order,
        template_uses=tuple(str(u) for u in data.get("template_uses") or DEFAULT_TEMPLATE_USES),
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
