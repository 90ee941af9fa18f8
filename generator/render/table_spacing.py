"""The space between a content table and the paragraph after it.

nd30-format.md §6 (P1 II.6e): paragraphs stand at least 6 pt apart. A paragraph gets
that from its spacing after; a table has none, so the paragraph that follows a table
would stand right under its last row. It is given 6 pt before it instead.

A content table is one with a column heading in the templates' `VB Bảng – tiêu đề cột`
style; the header and signature tables keep the spacing their template gives.
"""

from __future__ import annotations

from lxml import etree

from generator.render.well_formed import W

HEADING_STYLE = "TableHead"
"""The style id of `VB Bảng – tiêu đề cột`, which marks a content table."""
MARKER = f'w:val="{HEADING_STYLE}"'
"""How a part's XML shows that it holds a content table."""
SPACE_TWIPS = 120
"""6 pt (P1 II.6e)."""

# Children of w:pPr that come after w:spacing in the schema's order (CT_PPrBase, CT_PPr).
_AFTER_SPACING = {
    W + name
    for name in (
        *("ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc"),
        *("textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId"),
        *("cnfStyle", "rPr", "sectPr", "pPrChange"),
    )
}


def space_after_tables(body: etree._Element) -> None:
    """Give the paragraph after each content table in `body` at least 6 pt before it."""
    for table in body.iter(W + "tbl"):
        after = table.getnext()
        if after is None or after.tag != W + "p" or not _is_content_table(table):
            continue
        spacing = _spacing(after)
        before = spacing.get(W + "before")
        if before is None or not before.isdigit() or int(before) < SPACE_TWIPS:
            spacing.set(W + "before", str(SPACE_TWIPS))
            # `beforeLines` and auto spacing would win over `before`.
            for name in ("beforeLines", "beforeAutospacing"):
                spacing.attrib.pop(W + name, None)


def _is_content_table(table: etree._Element) -> bool:
    # Its own rows only: a table nested in a cell is judged on its own.
    for style in table.iterfind(f"{W}tr/{W}tc/{W}p/{W}pPr/{W}pStyle"):
        if style.get(W + "val") == HEADING_STYLE:
            return True
    return False


def _spacing(paragraph: etree._Element) -> etree._Element:
    """The paragraph's `w:spacing`, made in its place in `w:pPr` when it has none."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    spacing = properties.find(W + "spacing")
    if spacing is not None:
        return spacing
    spacing = etree.Element(W + "spacing")
    later = next((child for child in properties if child.tag in _AFTER_SPACING), None)
    if later is None:
        properties.append(spacing)
    else:
        later.addprevious(spacing)
    return spacing
