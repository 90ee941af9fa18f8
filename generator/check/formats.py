"""Effective formatting of paragraphs and runs, resolved once per distinct properties.

What a paragraph or run looks like depends only on what its pPr or rPr says, the
paragraph style and the table style around it (`styles.StyleResolver` does the
resolving). A long table repeats a few such combinations thousands of times, so
each is resolved once and its fields (those of `model.Para` and `model.Run`) are
shared.
"""

from __future__ import annotations

from lxml import etree

from generator.check.numbering import Numbering
from generator.check.styles import Props, StyleResolver, TableStyleInfo, parse_ppr, parse_rpr

DEFAULT_SIZE = 10.0  # Word's size when nothing sets one (ECMA-376 §17.3.2.38)
AUTO_SPACING = 14.0  # Word's space for "auto" before/after spacing, pt


class Formats:
    def __init__(self, styles: StyleResolver, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self._paragraphs: dict[tuple, dict[str, object]] = {}
        self._runs: dict[tuple, dict[str, object] | None] = {}

    def paragraph(self, ppr_el, table: TableStyleInfo | None) -> dict[str, object]:
        """A paragraph's resolved formatting (the `Para` fields it sets), once per pPr and table."""
        key = (props_key(ppr_el), id(table))
        fmt = self._paragraphs.get(key)
        if fmt is not None:
            return fmt
        direct = parse_ppr(ppr_el)
        sid = self.styles.paragraph_style_id(direct)
        style_ppr = self.styles.style_ppr(sid)
        num_id = direct.get("numId", style_ppr.get("numId"))
        ilvl = direct.get("ilvl", style_ppr.get("ilvl", 0))
        level = self.numbering.level(num_id, ilvl)
        ppr = self.styles.effective_ppr(direct, table, level.ppr if level else {})
        fmt = self._paragraphs[key] = {
            "align": _align(ppr.get("jc")),
            "ind_left": _num(ppr.get("ind.left")),
            "ind_right": _num(ppr.get("ind.right")),
            "first_line": _num(ppr.get("ind.first")),
            "space_before": AUTO_SPACING
            if ppr.get("spacing.beforeAutospacing")
            else _num(ppr.get("spacing.before")),
            "space_after": AUTO_SPACING
            if ppr.get("spacing.afterAutospacing")
            else _num(ppr.get("spacing.after")),
            "line_rule": str(ppr.get("spacing.lineRule") or "auto"),
            "line_value": _num(ppr.get("spacing.line"), 12.0),
            "contextual": bool(ppr.get("contextualSpacing")),
            "border_bottom": bool(ppr.get("border.bottom")),
            "prefix": Numbering.bullet_prefix(level),
            "style_id": sid,
            "style_name": self.styles.style_name(sid),
        }
        return fmt

    def run(
        self, rpr_el, sid: str | None, table: TableStyleInfo | None
    ) -> dict[str, object] | None:
        """A run's resolved formatting (the `Run` fields besides its text), None when hidden;
        once per rPr, paragraph style and table style."""
        key = (props_key(rpr_el), sid, id(table))
        if key in self._runs:
            return self._runs[key]
        props = self.styles.effective_rpr(parse_rpr(rpr_el), sid, table)
        fmt = None if props.get("vanish") else self._run_fields(props)
        self._runs[key] = fmt
        return fmt

    def _run_fields(self, props: Props) -> dict[str, object]:
        color = props.get("color")
        color_val = "auto"
        if isinstance(color, tuple):
            color_val = (color[1] and f"theme:{color[1]}") or str(color[0])
        spacing = props.get("charSpacing")
        scale = props.get("scale")
        size = props.get("sz")
        return {
            "size": float(size) if isinstance(size, (int, float)) else DEFAULT_SIZE,
            "bold": bool(props.get("b")),
            "italic": bool(props.get("i")),
            "caps": bool(props.get("caps")),
            "font_ascii": self.styles.font_name(props, "ascii"),
            "font_hansi": self.styles.font_name(props, "hAnsi"),
            "color": color_val,
            "vert": str(props.get("vertAlign") or "baseline"),
            "char_spacing": float(spacing) if isinstance(spacing, (int, float)) else 0.0,
            "scale": float(scale) if isinstance(scale, (int, float)) else 1.0,
        }


def _num(value: object, default: float = 0.0) -> float:
    return float(value) if isinstance(value, (int, float)) else default


def _align(jc: object) -> str:
    value = str(jc or "left")
    return {
        "start": "left",
        "end": "right",
        "distribute": "both",
        "lowKashida": "both",
        "mediumKashida": "both",
        "highKashida": "both",
        "thaiDistribute": "both",
    }.get(value, value)


def props_key(props: etree._Element | None) -> bytes:
    """What a properties element (pPr, rPr, tcPr) says, as a dictionary key: its XML.
    Serialized in C, without an object made for each of its children."""
    return b"" if props is None else etree.tostring(props, with_tail=False)
