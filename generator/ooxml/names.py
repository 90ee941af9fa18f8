"""WordprocessingML names (namespaces, Clark names, attribute values) and units of length.

Every module that reads DOCX XML takes its names from here, so that a prefix
means one namespace everywhere.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W = "{" + NS["w"] + "}"
TWIPS_PER_PT = 20.0
EMU_PER_PT = 12700.0
MM_PER_PT = 25.4 / 72


def q(prefix: str, tag: str) -> str:
    """Clark name `{namespace}tag` for a prefix of NS."""
    return "{" + NS[prefix] + "}" + tag


def w(tag: str) -> str:
    """Clark name of a `w:` element or attribute."""
    return W + tag


def val(el: etree._Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    return el.get(W + attr)


def on_off(el: etree._Element) -> bool:
    """An ST_OnOff element: present without w:val means on."""
    value = el.get(W + "val")
    return value is None or value.lower() not in ("0", "false", "off", "none")


def twips(value: str | None) -> float | None:
    """Twentieths of a point (ST_TwipsMeasure, may be `1.5in`-style in strict files) to pt."""
    if value is None:
        return None
    try:
        return float(value) / TWIPS_PER_PT
    except ValueError:
        return length_pt(value)


_UNITS_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "px": 0.75}


def length_pt(value: str | None, default_unit: str = "pt") -> float | None:
    """A CSS-like length (`12pt`, `1.5in`, `2cm`) in points; VML and strict OOXML use these."""
    if not value:
        return None
    text = value.strip()
    for unit, factor in _UNITS_PT.items():
        if text.endswith(unit):
            try:
                return float(text[: -len(unit)]) * factor
            except ValueError:
                return None
    try:
        return float(text) * _UNITS_PT.get(default_unit, 1.0)
    except ValueError:
        return None


def number(value: str | None, default: float = 0.0) -> float:
    """A numeric attribute, or `default` when it is missing or malformed."""
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def local(el: etree._Element) -> str:
    # Called for every element the reader walks: string slicing, not a QName object each time.
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
