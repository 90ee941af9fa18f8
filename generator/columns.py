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
TBL, TR, TC, TCPR, TCW, SPAN, T, GRID, GRID_COL, SDT, CUSTOM = (
    W + name
    for name in (
        *("tbl", "tr", "tc", "tcPr", "tcW", "gridSpan", "t"),
        *("tblGrid", "gridCol", "sdt", "customXml"),
    )
)
CELL_SIZE_PT = 13
"""The size of the templates' table styles (`VB Bảng – ô`, `VB Bảng – tiêu đề cột`)."""
CELL_MARGIN_TWIPS = 108
"""Word's left and right cell margin when a table names none."""
SLACK_TWIPS = 80
"""Room beyond the measured text (4 pt): borders, and rounding in the printer's own metrics,
so that a column sized to its longest word never breaks that word."""
MEASURED = 12
"""How many of a column's longest texts are measured: the widest line is among them."""


def fix_tables(xml: str) -> etree._Element:
    """The body parsed as docxtpl's `fix_tables` parses it, each table's grid made as wide as
    its widest row as `fix_tables` makes it, then its columns fitted (`fit_columns`): the
    same document as the two one after the other, each table's rows read once."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    for table in list(tree.iter(TBL)):
        own = _rows(table)
        # What `fix_tables` counts when a table is not simple: every row inside it, nested
        # tables' too.
        rows = (
            own if own is not None else [[_cell(c) for c in r.findall(TC)] for r in table.iter(TR)]
        )
        grid = table.find(GRID)
        _widen(grid, rows)
        if own is not None:
            _fit(table, grid, own)
    return tree


def fit_columns(tree: etree._Element) -> None:
    """Share the width of every table whose grid a loop widened by its columns' content."""
    for table in list(tree.iter(TBL)):
        grid = table.find(GRID)
        rows = _rows(table) if grid is not None else None
        if grid is not None and rows is not None:
            _fit(table, grid, rows)


def _widen(grid: etree._Element, rows: list[list[Cell]]) -> None:
    """docxtpl's `fix_tables`, step for step: columns added for the row with the most cells
    (all columns scaled to keep the table's width), columns no row reaches removed."""
    columns = grid.findall(GRID_COL)
    to_add = max([len(row) - len(columns) for row in rows] + [0])
    if to_add > 0:
        width = sum(float(c.get(W + "w")) for c in columns if c.get(W + "w") is not None)
        if width > 0:
            old_average = width / len(columns)
            new_average = width / (len(columns) + to_add)
            for c in columns:
                c.set(W + "w", str(int(float(c.get(W + "w")) * new_average / old_average)))
            for _ in range(to_add):
                etree.SubElement(grid, GRID_COL, {W + "w": str(int(new_average))})
    columns = grid.findall(GRID_COL)
    reached = max([sum(span for _, span, _ in row) for row in rows] + [0])
    to_remove = len(columns) - reached
    if to_remove > 0:
        removed = 0.0
        for c in columns[-to_remove:]:
            removed += float(c.get(W + "w"))
            grid.remove(c)
        left = grid.findall(GRID_COL)
        extra = int(removed / len(left)) if left else 0
        for c in left:
            c.set(W + "w", str(int(float(c.get(W + "w")) + extra)))


def _fit(table: etree._Element, grid: etree._Element, rows: list[list[Cell]]) -> None:
    columns = grid.findall(GRID_COL)
    total = round(sum(_twips(c.get(W + "w")) for c in columns))
    if not columns or total <= 0 or not _widened(rows, total):
        return
    widths = share(_wants(rows, len(columns), _margins(table)), total)
    for column, width in zip(columns, widths, strict=True):
        column.set(W + "w", str(width))
    spans: dict[tuple[int, int], str] = {}
    for row in rows:
        start = 0
        for found, span, _ in row:
            if found is not None:
                key = (start, span)
                if key not in spans:
                    spans[key] = str(sum(widths[start : start + span]))
                found.set(W + "w", spans[key])
                if not _dxa(found):
                    found.set(W + "type", "dxa")
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


def _wants(rows: list[list[Cell]], count: int, margins: float) -> list[tuple[float, float]]:
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


Cell = tuple[etree._Element | None, int, str] | list
"""A cell's width element (`w:tcW`), grid span and text."""


def _rows(table: etree._Element) -> list[list[Cell]] | None:
    """Every row's cells, in one pass over only the elements that matter (rows, cells, their
    width and span, text): a long list has tens of thousands of elements besides. None for a
    table that is not simple: one in or around another table, or with a cell wrapped in a
    content control (its rows' cells are not all its own children)."""
    if next(table.iterancestors(TBL), None) is not None:
        return None
    rows: list[list[Cell]] = []
    cells: list = []
    for el in table.iter(TR, TC, TCW, SPAN, T, TBL, SDT, CUSTOM):
        tag = el.tag
        if tag == T:
            if cells:
                cells[-1][2] += el.text or ""
        elif tag == TC:
            cells.append([None, 1, ""])
        elif tag == TR:
            if rows or cells:
                rows.append(cells)
            cells = []
        elif tag == TCW:  # tcW and gridSpan stand only in a cell's tcPr
            if cells:
                cells[-1][0] = el
        elif tag == SPAN:
            if cells:
                value = el.get(W + "val", "1")
                cells[-1][1] = int(value) if value.isdigit() else 1
        elif tag == TBL:
            if el is not table:
                return None
        elif el.getparent().tag == TR:  # a cell in a content control
            return None
    rows.append(cells)
    return rows if table.find(TR) is not None else []


def _cell(cell: etree._Element) -> Cell:
    span, width = 1, None
    props = cell.find(TCPR)
    for prop in props if props is not None else ():
        if prop.tag == TCW:
            width = prop
        elif prop.tag == SPAN:
            value = prop.get(W + "val", "1")
            span = int(value) if value.isdigit() else 1
    return width, span, "".join(t.text or "" for t in cell.iter(T))


def _widened(rows: list[list[Cell]], total: float) -> bool:
    """Whether a row's cells, each with its own width in twips, add up to other than the grid."""
    for row in rows:
        own = [_twips(w.get(W + "w")) for w, _, _ in row if w is not None and _dxa(w)]
        if row and len(own) == len(row) and abs(sum(own) - total) > len(own):
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
