"""Column widths of a table whose columns a template loop made (`{%tc for %}`).

docxtpl's `fix_tables` gives every column of a grid it widened the same width, so
the narrow `STT` column, a column of names and a column of amounts share alike.
Here such a table keeps its width and its columns share it by what they hold, as
a word processor's automatic layout does: a column is never narrower than its
longest word and needs no more than its longest line; what is left between the
two goes to each column in proportion to what it still wants.

A table's grid was widened when its cells' own widths (`w:tcW`, which `fix_tables`
leaves as the template had them) no longer add up to the grid. Any other table
keeps the widths its template gives.
"""

from __future__ import annotations

import heapq

from lxml import etree

from generator.metrics import text_width_pt

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SIZE_PT = 13
"""The size of the templates' table styles (`VB Bảng – ô`, `VB Bảng – tiêu đề cột`)."""
CELL_MARGIN_TWIPS = 108
"""Word's left and right cell margin when a table names none."""
SLACK_TWIPS = 80
"""Room beyond the measured text (4 pt): borders, and rounding in the printer's own metrics,
so that a column sized to its longest word never breaks that word."""
MEASURED = 12
"""How many of a column's longest texts are measured: the widest line is among them."""


def fit_columns(tree: etree._Element) -> None:
    """Share the width of every table whose grid a loop widened by its columns' content."""
    for table in tree.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(W + "gridCol")
        rows = [_cells(row) for row in table.findall(W + "tr")]
        total = round(sum(_twips(c.get(W + "w")) for c in columns))
        if not columns or total <= 0 or not _widened(rows, total):
            continue
        widths = share(_wants(rows, len(columns), _margins(table)), total)
        for column, width in zip(columns, widths, strict=True):
            column.set(W + "w", str(width))
        spans: dict[tuple[int, int], str] = {}
        for row in rows:
            start = 0
            for width, span, _ in row:
                if width is not None:
                    key = (start, span)
                    if key not in spans:
                        spans[key] = str(sum(widths[start : start + span]))
                    width.set(W + "w", spans[key])
                    if not _dxa(width):
                        width.set(W + "type", "dxa")
                start += span


def share(wants: list[tuple[float, float]], total: int) -> list[int]:
    """Widths (twips) adding up to `total` for columns wanting (least, most) each."""
    least = [a for a, _ in wants]
    most = [max(a, b) for a, b in wants]
    if sum(most) <= total:
        # Room for every line: what is left goes to the columns of words (names, units), in
        # proportion to how much their lines outgrow their words; a column of single words
        # or numbers (`STT`, scores) stays narrow.
        wrapping = [b - a if b > a + 1 else 0.0 for a, b in zip(least, most, strict=True)]
        base, extra, weight = most, total - sum(most), wrapping if any(wrapping) else most
    elif sum(least) >= total:  # not even room for the words: in proportion to the words
        base, extra, weight = [0.0] * len(wants), total, least
    else:
        base, extra = least, total - sum(least)
        weight = [b - a for a, b in zip(least, most, strict=True)]
    scale = extra / sum(weight) if sum(weight) > 0 else 0.0
    widths = [round(b + w * scale) for b, w in zip(base, weight, strict=True)]
    widths[max(range(len(widths)), key=widths.__getitem__)] += total - sum(widths)
    return widths


def _wants(
    rows: list[list[tuple[etree._Element | None, int, str]]], count: int, margins: float
) -> list[tuple[float, float]]:
    """(longest word, longest line) of each grid column in twips, cell margins included;
    a cell spanning several columns asks nothing of any of them. Only the texts and words
    longest in letters are measured: a long table has thousands of cells."""
    texts: list[list[tuple[str, bool]]] = [[] for _ in range(count)]
    for r, row in enumerate(rows):
        start = 0
        for _, span, text in row:
            if span == 1 and start < count and text:
                texts[start].append((text, r == 0))
            start += span
    wants = []
    for column in texts:
        longest = heapq.nlargest(MEASURED, column, key=lambda t: len(t[0]))
        words = heapq.nlargest(
            MEASURED,
            ((max(text.split(), key=len, default=""), bold) for text, bold in column),
            key=lambda t: len(t[0]),
        )
        line = max((_width(t, bold) for t, bold in longest), default=0.0)
        word = max((_width(t, bold) for t, bold in words), default=0.0)
        wants.append((word + margins + SLACK_TWIPS, line + margins + SLACK_TWIPS))
    return wants


def _width(text: str, bold: bool) -> float:
    return text_width_pt(text, CELL_SIZE_PT, bold=bold) * 20


def _cells(row: etree._Element) -> list[tuple[etree._Element | None, int, str]]:
    """Each cell's width element (`w:tcW`), grid span and text."""
    out = []
    for cell in row.iterchildren(W + "tc"):
        span, width = 1, None
        props = cell[0] if len(cell) and cell[0].tag == W + "tcPr" else None
        for prop in props if props is not None else ():
            if prop.tag == W + "tcW":
                width = prop
            elif prop.tag == W + "gridSpan":
                value = prop.get(W + "val", "1")
                span = int(value) if value.isdigit() else 1
        out.append((width, span, "".join(t.text or "" for t in cell.iter(W + "t"))))
    return out


def _widened(rows: list[list[tuple[etree._Element | None, int, str]]], total: float) -> bool:
    for row in rows:
        own = [_twips(w.get(W + "w")) for w, _, _ in row if w is not None and _dxa(w)]
        if len(own) == len(row) and abs(sum(own) - total) > len(own):
            return True
    return False


def _dxa(width: etree._Element) -> bool:
    return width.get(W + "type", "dxa") == "dxa"


def _margins(table: etree._Element) -> float:
    """Left plus right cell margin of the table, twips."""
    total = 0.0
    for side in ("left", "right"):
        edge = table.find(f"{W}tblPr/{W}tblCellMar/{W}{side}")
        total += _twips(edge.get(W + "w")) if edge is not None else CELL_MARGIN_TWIPS
    return total


def _twips(value: str | None) -> float:
    try:
        return float(value) if value is not None else 0.0
    except ValueError:
        return 0.0
