"""Read any DOCX into a `DocModel`: paragraphs in order with effective formatting.

`generator.ooxml` opens the package and walks its paragraphs (body, tables, text
boxes, headers), giving each the location the template linter gives it too; the
XML of each is read with lxml because checks need what python-docx leaves out
(style inheritance, borders, shapes, fields).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from generator.check.drawings import choice, shapes
from generator.check.formats import Formats, props_key
from generator.check.model import Block, Cell, DocModel, Field, Para, Run, Section
from generator.check.numbering import Numbering
from generator.check.styles import (
    StyleResolver,
    TableStyleInfo,
    cell_margins,
    theme_fonts,
)
from generator.ooxml.names import NS, W, local, number, q, twips, val, w
from generator.ooxml.package import UNREADABLE, NotDocx, Package, open_docx, reason
from generator.ooxml.rels import NUMBERING, STYLES, THEME, part_name, part_xml, related_by_id
from generator.ooxml.walk import BoxFrame, CellFrame, Placed, paragraphs

DEFAULT_CELL_MARGIN = 108 / 20  # Word's "Normal Table" left/right cell margin, pt
W_PPR = w("pPr")
W_RPR = w("rPr")
W_R = w("r")
W_T = w("t")
_ROWS_MAY_SPLIT = etree.XPath("boolean(w:tr[not(w:trPr/w:cantSplit)])", namespaces=NS)
_PASS_THROUGH = {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "bdo", "dir"}


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector held off while a model is built and used.

    The model of a long table is tens of thousands of small objects, all kept while it is
    read and checked: the collector, run again and again while they are made, would find
    nothing to free, and once running again it would walk them all, young and then old.
    Freed (by their reference counts) before the collector runs again, they cost it nothing.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def read_docx(source: str | Path | bytes) -> DocModel:
    package = open_docx(source)
    try:
        with collector_paused():
            return _Reader(package).read()
    except NotDocx:
        raise
    except (
        AttributeError,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        # A package that opens but whose XML breaks the schema the reader relies on.
        raise NotDocx(f"{UNREADABLE}: cấu trúc tệp Word bị hỏng: {reason(exc)}") from exc


class _Reader:
    def __init__(self, package: Package):
        self.part = package.main
        self.body = package.body
        theme = package.related_xml(THEME)
        self.styles = StyleResolver(package.related_xml(STYLES), theme_fonts(theme))
        self.numbering = Numbering(package.related_xml(NUMBERING))
        self.formats = Formats(self.styles, self.numbering)
        self.paras: list[Para] = []
        self.blocks: list[Block] = []
        self.section_props = self._section_elements()
        self.sections: list[Section] = []
        self._section_no = 0
        # Keyed by the elements themselves, which keeps their lxml proxies (and ids) alive.
        self._tables: dict[
            etree._Element, tuple[TableStyleInfo, dict[str, float], list[float]]
        ] = {}
        self._cell_widths: dict[tuple, float] = {}
        # The cells and text boxes paragraphs are in, kept while the model is read: a
        # paragraph's container is named by its element's id, which lxml would give to
        # another element once the first one's object is freed.
        self._containers: list[etree._Element] = []

    # -- sections ---------------------------------------------------------------
    def _section_elements(self) -> list[etree._Element]:
        found = [
            el for el in self.body.iter(w("sectPr")) if local(el.getparent()) in ("pPr", "body")
        ]
        return found or [etree.SubElement(etree.Element(w("body")), w("sectPr"))]

    def _page(self, sect: etree._Element) -> tuple[float, float, str, dict[str, float]]:
        size = sect.find(w("pgSz"))
        width = twips(val(size, "w")) or 612.0
        height = twips(val(size, "h")) or 792.0
        orient = val(size, "orient") or ("landscape" if width > height else "portrait")
        mar = sect.find(w("pgMar"))
        margins = {}
        for side in ("top", "bottom", "left", "right", "gutter"):
            margins[side] = abs(twips(val(mar, side)) or 0.0) if mar is not None else 72.0
        return width, height, orient, margins

    def _text_width(self, section_no: int) -> float:
        sect = self.section_props[min(section_no, len(self.section_props) - 1)]
        width, _h, _o, margins = self._page(sect)
        return width - margins["left"] - margins["right"] - margins["gutter"]

    def _build_sections(self) -> None:
        inherited: dict[str, list[Para] | None] = {"default": None, "first": None, "even": None}
        for no, sect in enumerate(self.section_props):
            width, height, orient, margins = self._page(sect)
            headers = dict(inherited)
            for ref in sect.findall(w("headerReference")):
                kind = val(ref, "type") or "default"
                target = related_by_id(self.part, ref.get(q("r", "id")))
                root = part_xml(target)
                headers[kind] = (
                    self._header_paras(root, part_name(target), no) if root is not None else None
                )
            inherited = headers
            self.sections.append(
                Section(
                    no + 1,
                    width,
                    height,
                    orient,
                    margins,
                    sect.find(w("titlePg")) is not None and _on(sect.find(w("titlePg"))),
                    headers,
                )
            )

    def _header_paras(self, root: etree._Element, name: str, section_no: int) -> list[Para]:
        out: list[Para] = []
        width = self._text_width(section_no)
        for placed in paragraphs(root, "header", name):
            self._place(placed, out, section_no, width)
        return out

    # -- body -------------------------------------------------------------------
    def read(self) -> DocModel:
        out: list[Para] = []
        top: Placed | None = None
        width = 0.0
        for placed in paragraphs(self.body, "body", part_name(self.part)):
            if top is None or placed.block != top.block:
                if top is not None:
                    self._end_block(top, out)
                top, out = placed, []
                width = self._text_width(self._section_no)
            self._place(placed, out, self._section_no, width)
        if top is not None:
            self._end_block(top, out)
        self._build_sections()
        for i, para in enumerate(self.paras, start=1):
            para.index = i
        return DocModel(self.paras, self.blocks, self.sections)

    def _end_block(self, first: Placed, out: list[Para]) -> None:
        """Record a top-level paragraph or table; a paragraph may end a section."""
        element = first.top
        if local(element) == "p":
            self.blocks.append(Block(first.block, "p", out))
            ppr = element.find(w("pPr"))
            if ppr is not None and ppr.find(w("sectPr")) is not None:
                self._section_no += 1
        else:
            rows = element.findall(w("tr"))
            repeats = bool(rows) and rows[0].find("w:trPr/w:tblHeader", NS) is not None
            whole = bool(rows) and not _ROWS_MAY_SPLIT(element)
            table = first.place[3] or 0
            self.blocks.append(Block(first.block, "tbl", out, table, repeats, whole))
        self.paras.extend(out)

    def _place(self, placed: Placed, out: list[Para], section_no: int, width: float) -> None:
        """Read one walked paragraph with what its place gives it: the width of its column,
        the table style, the cell or text box it belongs to."""
        header = placed.place[0] == "header"
        where = "header" if header else "body"
        container: tuple = (
            ("header", id(placed.top.getroottree().getroot())) if header else ("body",)
        )
        table: TableStyleInfo | None = None
        inner: CellFrame | None = None
        depth = 0
        for frame in placed.frames:
            if isinstance(frame, CellFrame):
                table, width = self._cell(frame, width)
                inner, depth = frame, depth + 1
                where = "header" if header else "cell"
                container = ("cell", id(frame.cell))
                self._containers.append(frame.cell)
            elif isinstance(frame, BoxFrame):
                table = None
                where = "header" if header else "textbox"
                container = ("textbox", id(frame.box))
                self._containers.append(frame.box)
        cell = None
        if inner is not None:
            cell = Cell(placed.place[3] or 0, inner.row, inner.column, depth)
        block = 0 if header else placed.block
        self._paragraph(
            placed.element, out, where, section_no, width, container, cell, table, block
        )
        out[-1].place = placed.place

    def _cell(self, frame: CellFrame, outer: float) -> tuple[TableStyleInfo, float]:
        """The style of the cell's table and the width of its text, pt."""
        tbl = frame.table
        known = self._tables.get(tbl)
        if known is None:
            tblpr = tbl.find(w("tblPr"))
            style_id = val(tblpr.find(w("tblStyle"))) if tblpr is not None else None
            info = self.styles.table_style(style_id or self.styles.default_table)
            margins = {"left": DEFAULT_CELL_MARGIN, "right": DEFAULT_CELL_MARGIN}
            margins.update(info.cell_margins)
            if tblpr is not None:
                margins.update(cell_margins(tblpr.find(w("tblCellMar"))))
            grid = [twips(val(col, "w")) or 0.0 for col in tbl.findall("w:tblGrid/w:gridCol", NS)]
            known = self._tables[tbl] = (info, margins, grid)
        info, margins, grid = known
        # A cell's text width follows from its tcPr and its place in the grid: once each.
        tcpr = frame.props
        key = (tbl, props_key(tcpr), frame.grid_column, frame.span, outer)
        box = self._cell_widths.get(key)
        if box is None:
            cell_w = _cell_width(tcpr, grid, frame.grid_column, frame.span, outer)
            own = dict(margins)
            if tcpr is not None:
                own.update(cell_margins(tcpr.find(w("tcMar"))))
            box = self._cell_widths[key] = max(cell_w - own["left"] - own["right"], 0.0)
        return info, box

    def _paragraph(
        self, p, out, where, section_no, width, container, cell, table: TableStyleInfo | None, block
    ) -> None:
        kids = list(p)
        fmt = self.formats.paragraph(_child(kids, W_PPR), table)
        state = _ParaState(fmt["style_id"], table)
        self._inline(kids, state)
        para = Para(
            index=0,
            where=where,
            runs=state.runs,
            box_width=width,
            block=block,
            container=container,
            cell=cell,
            shapes=state.shapes,
            section=section_no + 1,
            fields=state.fields,
            **fmt,
        )
        out.append(para)
        # The paragraphs of its text boxes come next from the walker (generator.ooxml.walk).

    def _inline(self, parent, state: _ParaState) -> None:
        for child in parent:
            if child.tag == W_R:  # the common case first, by Clark name
                self._run(child, state)
                continue
            name = local(child)
            if name == "r":
                self._run(child, state)
            elif name == "fldSimple":
                field = Field(child.get(W + "instr") or "")
                state.open.append(field)
                field.separated = True
                self._inline(child, state)
                state.open.remove(field)
                state.fields.append(field)
            elif name in _PASS_THROUGH:
                self._inline(child, state)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, state)
            elif name == "AlternateContent":
                self._inline(choice(child), state)

    def _run(self, r, state: _ParaState) -> None:
        kids = list(r)
        fmt = self.formats.run(_child(kids, W_RPR), state.sid, state.table)
        if fmt is None:  # hidden text (w:vanish) prints nothing
            return
        parts: list[str] = []
        for child in kids:
            if child.tag == W_T:  # the common case first, by Clark name
                parts.append(child.text or "")
                continue
            name = local(child)
            if name == "t":
                parts.append(child.text or "")
            elif name == "tab" or name == "ptab":
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name in ("drawing", "pict", "object"):
                shapes(child, state.shapes, state.boxes)
            elif name == "AlternateContent":
                shapes(choice(child), state.shapes, state.boxes)
            elif name == "fldChar":
                self._field_char(child, fmt, state)
            elif name == "instrText" and state.open:
                state.open[-1].instr += child.text or ""
        text = "".join(parts)
        if not text:
            return
        run = Run(text, **fmt)
        state.runs.append(run)
        if state.open and state.open[-1].separated:
            state.open[-1].result.append(run)

    def _field_char(self, el, fmt: dict[str, object], state: _ParaState) -> None:
        kind = el.get(W + "fldCharType")
        if kind == "begin":
            state.open.append(Field("", begin=Run("1", **fmt)))
        elif kind == "separate" and state.open:
            state.open[-1].separated = True
        elif kind == "end" and state.open:
            state.fields.append(state.open.pop())


class _ParaState:
    """What one paragraph's inline content yields while it is walked."""

    def __init__(self, sid: str | None, table: TableStyleInfo | None):
        self.sid = sid
        self.table = table
        self.runs: list[Run] = []
        self.shapes: list[float] = []
        self.boxes: list[etree._Element] = []
        self.fields: list[Field] = []
        self.open: list[Field] = []


def _on(el: etree._Element | None) -> bool:
    if el is None:
        return False
    value = el.get(W + "val")
    return value is None or value.lower() not in ("0", "false", "off")


def _child(children: Iterable[etree._Element], tag: str) -> etree._Element | None:
    """The first of `children` with this Clark name; a loop over a few beats `find`'s path."""
    for child in children:
        if child.tag == tag:
            return child
    return None


def _cell_width(tcpr, grid: list[float], col: int, span: int, outer: float) -> float:
    if tcpr is not None:
        tcw = tcpr.find(w("tcW"))
        kind = val(tcw, "type") if tcw is not None else None
        if tcw is not None and kind in (None, "dxa") and (twips(val(tcw, "w")) or 0) > 0:
            return twips(val(tcw, "w")) or 0.0
        if tcw is not None and kind == "pct":
            raw = val(tcw, "w") or "0"
            pct = number(raw.rstrip("%")) if raw.endswith("%") else number(raw) / 50
            return outer * pct / 100
    cols = grid[col : col + span]
    return sum(cols) if cols and sum(cols) > 0 else outer
