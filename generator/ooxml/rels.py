"""Relationships between the parts of a package: which part is the main document's
styles, numbering, theme, headers and footers.

python-docx loads the parts and their relationships; these helpers name a
related part's XML and its place in the package the same way for every reader.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

HEADER = RT.HEADER
FOOTER = RT.FOOTER
STYLES = RT.STYLES
NUMBERING = RT.NUMBERING
THEME = RT.THEME
PAGE_PARTS = {HEADER: "header", FOOTER: "footer"}
"""Parts docxtpl renders as templates of their own besides the body, by their kind."""


def related(part: Part, reltype: str) -> Part | None:
    """The first internal part `part` relates to with `reltype`, or None."""
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def related_by_id(part: Part, rid: str | None) -> Part | None:
    """The internal part a relationship id (`r:id` of a header reference) names."""
    if not rid:
        return None
    rel = part.rels.get(rid)
    if rel is None or rel.is_external:
        return None
    return rel.target_part


def related_all(part: Part, *reltypes: str) -> list[tuple[str, Part]]:
    """(reltype, part) of each internal relationship of these types, ordered by part name."""
    found = {
        id(rel.target_part): (rel.reltype, rel.target_part)
        for rel in part.rels.values()
        if rel.reltype in reltypes and not rel.is_external
    }
    return sorted(found.values(), key=lambda item: part_name(item[1]))


def part_name(part: Part) -> str:
    """The part's name inside the package, as a ZIP tool shows it: `word/header1.xml`."""
    return str(part.partname).lstrip("/")


def part_xml(part: Part | None) -> etree._Element | None:
    """The root element of a part: parsed by python-docx, or from its bytes; None if not XML."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    blob = getattr(part, "blob", None)
    if not blob:
        return None
    try:
        return etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None
