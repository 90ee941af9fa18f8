"""List numbering, only as far as the checker needs it.

A list level can indent the paragraph and can print a bullet (`-`) that is not
in the text; recipients and body bullets are often made that way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from generator.check.styles import Props, parse_ppr, parse_rpr
from generator.ooxml.names import W, number, val, w


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    ppr: Props = field(default_factory=dict)
    rpr: Props = field(default_factory=dict)


class Numbering:
    def __init__(self, root: etree._Element | None):
        self._levels: dict[tuple[str, int], Level] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        for an in root.findall(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in an.findall(w("lvl")):
                ilvl = int(number(lvl.get(W + "ilvl")))
                levels[ilvl] = Level(
                    val(lvl.find(w("numFmt"))) or "decimal",
                    val(lvl.find(w("lvlText"))) or "",
                    parse_ppr(lvl.find(w("pPr"))),
                    parse_rpr(lvl.find(w("rPr"))),
                )
            abstract[an.get(W + "abstractNumId") or ""] = levels
        for num in root.findall(w("num")):
            num_id = num.get(W + "numId") or ""
            levels = dict(abstract.get(val(num.find(w("abstractNumId"))) or "", {}))
            for over in num.findall(w("lvlOverride")):
                lvl = over.find(w("lvl"))
                if lvl is not None:
                    levels[int(number(over.get(W + "ilvl")))] = Level(
                        val(lvl.find(w("numFmt"))) or "decimal",
                        val(lvl.find(w("lvlText"))) or "",
                        parse_ppr(lvl.find(w("pPr"))),
                        parse_rpr(lvl.find(w("rPr"))),
                    )
            for ilvl, level in levels.items():
                self._levels[(num_id, ilvl)] = level

    def level(self, num_id: object, ilvl: object) -> Level | None:
        if not isinstance(num_id, str) or num_id == "0":
            return None
        return self._levels.get((num_id, ilvl if isinstance(ilvl, int) else 0))

    @staticmethod
    def bullet_prefix(level: Level | None) -> str:
        """The printed bullet of a bullet level, as text (`- `); numbers are not counted."""
        if level is None or level.fmt != "bullet":
            return ""
        mark = level.text.strip()
        if mark in ("-", "\u2013", "\u2014", "+", "\u2022", "\u00b7"):
            return mark + " "
        return ""
