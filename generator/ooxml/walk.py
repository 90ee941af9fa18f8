"""Every paragraph of a part, in reading order, with one way of saying where it is.

Paragraphs stand in the part's body, in table cells (tables may nest), in
content controls (`w:sdt`, read through as Word shows them) and in text boxes
anchored in other paragraphs. Each is given with its `Location`, counted the
way a maintainer counts in Word:

- outside tables, the n-th paragraph of the part (`đoạn n`);
- in a table, the table's number in the part, the row and column, and the
  paragraph within the cell (a nested table counts as paragraphs of the outer
  cell it sits in);
- in a text box, the place of the paragraph the box is anchored in, and the
  paragraph within the box.

The checker and the template linter both read paragraphs through `paragraphs()`,
so a paragraph has one name in both reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from generator.diagnostics import DocxLocation
from generator.ooxml.names import local, q

Location = DocxLocation
"""Where a paragraph is: the place every diagnostic about a DOCX names."""
WRAPPERS = ("sdt", "sdtContent", "customXml")
"""Elements that wrap blocks, rows or cells without being one (content controls)."""
HIDDEN_BRANCHES = ("del", "moveFrom")
"""Inline content Word does not show; a text box in it is not read."""
_TXBX = q("w", "txbxContent")
_P = q("w", "p")
_TBL = q("w", "tbl")
_TR = q("w", "tr")
_TC = q("w", "tc")
_WRAPPER_TAGS = {q("w", name) for name in WRAPPERS}
_TCPR = q("w", "tcPr")
_GRID_SPAN = q("w", "gridSpan")
_VAL = q("w", "val")


# Frames and placed paragraphs are named tuples: as unchangeable as frozen dataclasses, and
# made several times faster, once for each paragraph of a long table.
class CellFrame(NamedTuple):
    """A table cell a paragraph sits in: the table, the cell and its 1-based row and column."""

    table: etree._Element
    cell: etree._Element
    row: int
    column: int
    grid_column: int = 0
    """0-based column of the table grid (`w:tblGrid`) where the cell starts."""
    span: int = 1
    """How many grid columns the cell spans (`w:gridSpan`)."""
    props: etree._Element | None = None
    """The cell's properties (`w:tcPr`), if it has them."""


class BoxFrame(NamedTuple):
    """A text box a paragraph sits in (`w:txbxContent`)."""

    box: etree._Element


Frame = CellFrame | BoxFrame


Place = tuple[str, str, int, int | None, int | None, int | None, int | None]
"""A `Location`'s part, part name, paragraph, table, row, column and box: what the walker
knows of every paragraph, made into a `Location` only where one is asked for (a checked
paragraph is named only in a finding about it)."""


class Placed(NamedTuple):
    """A paragraph (`w:p`) and where it is."""

    element: etree._Element
    place: Place
    frames: tuple[Frame, ...]
    """The cells and text boxes around the paragraph, outermost first."""
    block: int
    """1-based ordinal of the part's top-level block (paragraph or table) that holds it."""
    top: etree._Element
    """That top-level block."""
    chain: tuple[str, ...]
    """Elements from the part's root down to the paragraph's container, without wrappers:
    `('body',)`, `('body', 'tbl', 'tr', 'tc')`."""

    @property
    def location(self) -> Location:
        return Location(*self.place)


def block_children(el: etree._Element) -> Iterator[etree._Element]:
    """Children, reading through content controls (`w:sdt`) as Word shows them."""
    for child in el:
        if child.tag in _WRAPPER_TAGS:
            yield from block_children(child)
        elif isinstance(child.tag, str):
            yield child


def children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with this Clark name (rows, cells), those wrapped in content controls too."""
    # lxml's filtered child iterator, in C: the rows' and cells' properties are passed over
    # without an element object made for each.
    for child in parent.iterchildren(tag, *_WRAPPER_TAGS):
        if child.tag == tag:
            yield child
        else:
            yield from children(child, tag)


def cells(table: etree._Element) -> Iterator[CellFrame]:
    """The cells of a table (not of tables nested in them), row by row."""
    for row_no, tr in enumerate(children(table, _TR), start=1):
        grid = 0
        for column_no, tc in enumerate(children(tr, _TC), start=1):
            props = next(tc.iterchildren(_TCPR), None)
            span = _span(props)
            yield CellFrame(table, tc, row_no, column_no, grid, span, props)
            grid += span


def _span(tcpr: etree._Element | None) -> int:
    found = next(tcpr.iterchildren(_GRID_SPAN), None) if tcpr is not None else None
    try:
        return max(int(found.get(_VAL, "1")), 1) if found is not None else 1
    except ValueError:
        return 1


def choice(alt: etree._Element) -> etree._Element:
    """The branch of mc:AlternateContent Word shows: the first Choice, else the Fallback."""
    for child in alt:
        if local(child) == "Choice":
            return child
    for child in alt:
        if local(child) == "Fallback":
            return child
    return etree.Element("empty")


def text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The text boxes (`w:txbxContent`) anchored in a paragraph, in the branch Word shows."""
    # lxml's search in C first: most paragraphs hold no text box at all.
    for box in paragraph.iter(_TXBX):
        if _shown_in(box, paragraph):
            yield box


def _shown_in(box: etree._Element, paragraph: etree._Element) -> bool:
    """Whether a text box belongs to `paragraph` itself (not to a paragraph of another
    box) and stands in what Word shows (not deleted, not an unchosen alternative)."""
    node = box.getparent()
    while node is not None and node is not paragraph:
        name = local(node)
        if name == "p" or name in HIDDEN_BRANCHES:
            return False
        if name in ("Choice", "Fallback") and choice(node.getparent()) is not node:
            return False
        node = node.getparent()
    return node is paragraph


def paragraphs(
    root: etree._Element, part: str = "body", part_name: str = "word/document.xml"
) -> Iterator[Placed]:
    """Every paragraph under `root` (a `w:body`, `w:hdr` or `w:ftr`) in reading order."""
    top_chain = (local(root),)
    paragraph_no = table_no = block = 0
    for top in block_children(root):
        name = top.tag
        # One search in C per block: most blocks, a long table too, hold no text box.
        boxes = next(top.iter(_TXBX), None) is not None
        if name == _P:
            block += 1
            paragraph_no += 1
            at = (part, part_name, paragraph_no, None, None, None, None)
            placed = Placed(top, at, (), block, top, top_chain)
            yield placed
            if boxes:
                yield from _in_boxes(placed)
        elif name == _TBL:
            block += 1
            table_no += 1
            chain = top_chain + ("tbl", "tr", "tc")
            for frame in cells(top):
                count = 0
                for element, frames, inner in _contained(frame.cell, (frame,), chain):
                    count += 1
                    at = (part, part_name, count, table_no, frame.row, frame.column, None)
                    placed = Placed(element, at, frames, block, top, inner)
                    yield placed
                    if boxes:
                        yield from _in_boxes(placed)


def _contained(
    container: etree._Element, frames: tuple[Frame, ...], chain: tuple[str, ...]
) -> Iterator[tuple[etree._Element, tuple[Frame, ...], tuple[str, ...]]]:
    """Paragraphs of a cell or text box, nested tables' paragraphs included, in order."""
    # Filtered in C: a cell's properties are passed over without an element object made.
    for el in container.iterchildren(_P, _TBL, *_WRAPPER_TAGS):
        name = el.tag
        if name == _P:
            yield el, frames, chain
        elif name == _TBL:
            for frame in cells(el):
                yield from _contained(frame.cell, frames + (frame,), chain + ("tbl", "tr", "tc"))
        else:  # a content control around blocks, read through
            yield from _contained(el, frames, chain)


def _in_boxes(anchor: Placed) -> Iterator[Placed]:
    """The paragraphs of the text boxes anchored in a paragraph (and in those), in order."""
    if next(anchor.element.iter(_TXBX), None) is None:
        return iter(())
    count = 0

    def inside(holder: Placed) -> Iterator[Placed]:
        nonlocal count
        for box in text_boxes(holder.element):
            frames = holder.frames + (BoxFrame(box),)
            chain = holder.chain + ("txbxContent",)
            for element, inner_frames, inner_chain in _contained(box, frames, chain):
                count += 1
                at = anchor.place[:6] + (count,)
                placed = Placed(element, at, inner_frames, anchor.block, anchor.top, inner_chain)
                yield placed
                yield from inside(placed)

    return inside(anchor)
