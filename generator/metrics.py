"""Times New Roman text widths, for ruled lines whose length depends on the text above.

The table holds advance widths from Liberation Serif, which is metric-compatible
with Times New Roman (tools/extract_metrics.py made it). Combining marks take no
width, so an unknown precomposed letter is measured by its base letter.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

TWIPS_PER_PT = 20


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(
        resources.files("generator").joinpath("data/tnr_widths.json").read_text("utf-8")
    )


def _face(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"


def char_width_em(ch: str, bold: bool = False, italic: bool = False) -> float:
    table = _table()
    widths = table[_face(bold, italic)]
    units = widths.get(ch)
    if units is None:
        if unicodedata.combining(ch):
            return 0.0
        base = unicodedata.normalize("NFD", ch)[:1]
        units = widths.get(base, table["units_per_em"] / 2)
    return units / table["units_per_em"]


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of `text` on one line, in points (no kerning, as Word sets it by default)."""
    return sum(char_width_em(ch, bold, italic) for ch in text) * size_pt


def wrap(text: str, box_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap, the way a word processor breaks a line at spaces; a `\\n` in the
    text is a line break."""
    if "\n" in text:
        return [line for part in text.split("\n") for line in wrap(part, box_pt, size_pt, bold)]
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width_pt(candidate, size_pt, bold) > box_pt:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def widest_line_pt(text: str, box_pt: float, size_pt: float, bold: bool = False) -> float:
    """Width of the widest line of `text` once wrapped into a box `box_pt` wide."""
    return max(
        (text_width_pt(line, size_pt, bold) for line in wrap(text, box_pt, size_pt, bold)),
        default=0.0,
    )
