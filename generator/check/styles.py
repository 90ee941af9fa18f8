"""Effective formatting the way Word computes it.

Order of precedence, lowest first (ECMA-376 §17.7.2): document defaults, table
style, numbering level, paragraph style (following w:basedOn), character style,
direct formatting. Each attribute inherits on its own (a style may set the space
before and its parent the space after). Toggle properties (bold, italic, caps)
are XOR-ed between the style levels and set absolutely by direct formatting
(ECMA-376 §17.7.3), which is why a bold character style in a bold paragraph
style gives upright text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from generator.ooxml.names import NS, W, number, on_off, twips, val, w

Props = dict[str, object]
TOGGLES = ("b", "i", "caps", "smallCaps", "vanish", "strike")
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def parse_rpr(rpr: etree._Element | None) -> Props:
    """The run properties an rPr element sets, and nothing it leaves unset."""
    out: Props = {}
    if rpr is None:
        return out
    for child in rpr:
        if not isinstance(child.tag, str) or not child.tag.startswith(W):
            continue
        tag = child.tag[len(W) :]
        if tag in TOGGLES:
            out[tag] = on_off(child)
        elif tag == "sz":
            size = val(child)
            if size and size.replace(".", "", 1).isdigit():
                out["sz"] = float(size) / 2
        elif tag == "rFonts":
            for slot in FONT_SLOTS:
                theme = child.get(W + slot + "Theme") or (
                    child.get(W + "cstheme") if slot == "cs" else None
                )
                name = child.get(W + slot)
                if theme:
                    out["font." + slot] = ("theme", theme)
                elif name:
                    out["font." + slot] = ("font", name)
        elif tag == "color":
            out["color"] = (val(child) or "auto", child.get(W + "themeColor"))
        elif tag == "vertAlign":
            out["vertAlign"] = val(child) or "baseline"
        elif tag == "spacing":
            out["charSpacing"] = twips(val(child)) or 0.0
        elif tag == "w":
            out["scale"] = number(val(child), 100) / 100
        elif tag == "rStyle":
            out["rStyle"] = val(child)
    return out


def parse_ppr(ppr: etree._Element | None) -> Props:
    """The paragraph properties a pPr element sets."""
    out: Props = {}
    if ppr is None:
        return out
    for child in ppr:
        if not isinstance(child.tag, str) or not child.tag.startswith(W):
            continue
        tag = child.tag[len(W) :]
        if tag == "jc":
            out["jc"] = val(child)
        elif tag == "ind":
            _parse_ind(child, out)
        elif tag == "spacing":
            for attr in ("before", "after", "line"):
                if child.get(W + attr) is not None:
                    out["spacing." + attr] = twips(child.get(W + attr))
            for attr in ("lineRule",):
                if child.get(W + attr) is not None:
                    out["spacing." + attr] = child.get(W + attr)
            for attr in ("beforeAutospacing", "afterAutospacing"):
                if child.get(W + attr) is not None:
                    out["spacing." + attr] = child.get(W + attr) not in ("0", "false", "off")
        elif tag == "contextualSpacing":
            out["contextualSpacing"] = on_off(child)
        elif tag == "pBdr":
            for side in ("top", "bottom"):
                edge = child.find(w(side))
                if edge is not None:
                    out["border." + side] = (val(edge) or "nil") not in ("nil", "none")
        elif tag == "numPr":
            num_id = val(child.find(w("numId")))
            ilvl = val(child.find(w("ilvl")))
            if num_id is not None:
                out["numId"] = num_id
            if ilvl is not None:
                out["ilvl"] = int(ilvl) if ilvl.isdigit() else 0
        elif tag == "pStyle":
            out["pStyle"] = val(child)
    return out


def _parse_ind(ind: etree._Element, out: Props) -> None:
    for names, key in ((("left", "start"), "ind.left"), (("right", "end"), "ind.right")):
        for name in names:
            if ind.get(W + name) is not None:
                out[key] = twips(ind.get(W + name))
                break
    # One key for both: a style that sets `hanging` cancels an inherited `firstLine`.
    if ind.get(W + "hanging") is not None:
        out["ind.first"] = -(twips(ind.get(W + "hanging")) or 0.0)
    elif ind.get(W + "firstLine") is not None:
        out["ind.first"] = twips(ind.get(W + "firstLine"))


@dataclass
class _Style:
    kind: str
    based_on: str | None
    rpr: Props
    ppr: Props
    tbl: etree._Element | None = None
    name: str = ""
    """The name a user sees in Word (`VB Nội dung`); the id is Word's internal key."""


@dataclass
class TableStyleInfo:
    rpr: Props = field(default_factory=dict)
    ppr: Props = field(default_factory=dict)
    cell_margins: dict[str, float] = field(default_factory=dict)


class StyleResolver:
    """Resolves run and paragraph properties through the styles part."""

    def __init__(self, styles: etree._Element | None, theme_fonts: dict[str, str]):
        self.theme_fonts = theme_fonts
        self._styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.doc_rpr: Props = {}
        self.doc_ppr: Props = {}
        if styles is not None:
            self._load(styles)
        self.style_rpr = lru_cache(maxsize=None)(self._chain_rpr)
        self.style_ppr = lru_cache(maxsize=None)(self._chain_ppr)
        self.table_style = lru_cache(maxsize=None)(self._table_style)

    def _load(self, styles: etree._Element) -> None:
        defaults = styles.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = parse_rpr(defaults.find("w:rPrDefault/w:rPr", NS))
            self.doc_ppr = parse_ppr(defaults.find("w:pPrDefault/w:pPr", NS))
        for el in styles.findall(w("style")):
            sid = el.get(W + "styleId")
            if not sid:
                continue
            kind = el.get(W + "type") or "paragraph"
            based = val(el.find(w("basedOn")))
            self._styles[sid] = _Style(
                kind,
                based,
                parse_rpr(el.find(w("rPr"))),
                parse_ppr(el.find(w("pPr"))),
                el.find(w("tblPr")),
                val(el.find(w("name"))) or "",
            )
            if on_off_attr(el.get(W + "default")):
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid
                elif kind == "table":
                    self.default_table = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        """The style and its ancestors, root first; cycles are cut."""
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            chain.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return chain[::-1]

    def _chain_rpr(self, sid: str | None) -> Props:
        merged: Props = {}
        for style in self._chain(sid):
            merged.update(style.rpr)
        return merged

    def _chain_ppr(self, sid: str | None) -> Props:
        merged: Props = {}
        for style in self._chain(sid):
            merged.update(style.ppr)
        return merged

    def _table_style(self, sid: str | None) -> TableStyleInfo:
        info = TableStyleInfo(self._chain_rpr(sid), self._chain_ppr(sid))
        for style in self._chain(sid):
            if style.tbl is not None:
                info.cell_margins.update(cell_margins(style.tbl.find(w("tblCellMar"))))
        return info

    def style_name(self, sid: str | None) -> str:
        """The name of a style as Word shows it; its id when it has none."""
        style = self._styles.get(sid or "")
        return (style.name or sid or "") if style else (sid or "")

    def paragraph_style_id(self, ppr: Props) -> str | None:
        sid = ppr.get("pStyle")
        if isinstance(sid, str) and sid in self._styles:
            return sid
        return self.default_para

    def effective_ppr(self, direct: Props, table: TableStyleInfo | None, numbering: Props) -> Props:
        sid = self.paragraph_style_id(direct)
        out: Props = dict(self.doc_ppr)
        if table is not None:
            out.update(table.ppr)
        out.update(numbering)
        out.update(self.style_ppr(sid))
        out.update(direct)
        out["pStyle"] = sid
        return out

    def effective_rpr(
        self,
        direct: Props,
        para_style: str | None,
        table: TableStyleInfo | None,
        numbering: Props | None = None,
    ) -> Props:
        char_sid = direct.get("rStyle") if isinstance(direct.get("rStyle"), str) else None
        levels = [
            self.doc_rpr,
            table.rpr if table is not None else {},
            numbering or {},
            self.style_rpr(para_style),
            self.style_rpr(char_sid) if char_sid else {},
        ]
        out: Props = {}
        for level in levels:
            out.update({k: v for k, v in level.items() if k not in TOGGLES})
        for key in TOGGLES:
            value = bool(self.doc_rpr.get(key, False))
            for level in levels[1:]:
                if level.get(key) is True:
                    value = not value
            if key in direct:
                value = bool(direct[key])
            out[key] = value
        out.update({k: v for k, v in direct.items() if k not in TOGGLES})
        return out

    def font_name(self, props: Props, slot: str) -> str:
        """The font a slot resolves to; Word falls back to Times New Roman when none is set."""
        entry = props.get("font." + slot)
        if not isinstance(entry, tuple):
            return "Times New Roman"
        kind, name = entry
        if kind == "theme":
            return self.theme_fonts.get(name, name)
        return name


def on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def cell_margins(mar: etree._Element | None) -> dict[str, float]:
    out: dict[str, float] = {}
    if mar is None:
        return out
    for names, key in ((("left", "start"), "left"), (("right", "end"), "right")):
        for name in names:
            edge = mar.find(w(name))
            if edge is not None and (edge.get(W + "type") in (None, "dxa")):
                out[key] = twips(edge.get(W + "w")) or 0.0
                break
    return out


def theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """minorHAnsi, majorHAnsi etc. to the typeface the theme names."""
    if theme is None:
        return {}
    a = "{" + NS["a"] + "}"
    out: dict[str, str] = {}
    for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        font = theme.find(f".//{a}{scheme}")
        if font is None:
            continue
        latin = font.find(a + "latin")
        east = font.find(a + "ea")
        cs = font.find(a + "cs")
        if latin is not None:
            out[prefix + "HAnsi"] = latin.get("typeface", "")
            out[prefix + "Ascii"] = latin.get("typeface", "")
        if east is not None:
            out[prefix + "EastAsia"] = east.get("typeface", "")
        if cs is not None:
            out[prefix + "Bidi"] = cs.get("typeface", "")
    return out
