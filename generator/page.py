"""The shipped templates' page and columns (`data/page.json`), in twips and as printable widths.

One source for the numbers: `tools/build_templates.py` builds the templates from them and
layout sizes lines to them (ruled lines, where a capitalised name breaks).
"""

from __future__ import annotations

import json
from importlib import resources

TWIPS_PER_PT = 20

_DATA = json.loads(resources.files("generator").joinpath("data/page.json").read_text("utf-8"))

PAGE_W: int = _DATA["page_width"]
PAGE_H: int = _DATA["page_height"]
MARGIN_TOP: int = _DATA["margin_top"]
MARGIN_BOTTOM: int = _DATA["margin_bottom"]
MARGIN_LEFT: int = _DATA["margin_left"]
MARGIN_RIGHT: int = _DATA["margin_right"]
CELL_MARGIN: int = _DATA["cell_margin"]
"""Left and right margin inside every cell of the header and signature tables."""
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT: int = _DATA["header_left"]
"""The header's left column: parent and issuer, number line."""
HEADER_RIGHT = TEXT_W - HEADER_LEFT
SIGN_LEFT = TEXT_W // 2
"""The signature table's columns: `Nơi nhận` or a block on the left, a block on the right."""
SIGN_RIGHT = TEXT_W - SIGN_LEFT


def in_cell_pt(column_twips: int) -> float:
    """Width a line of text has in a table column, less the cell's margins, in points."""
    return (column_twips - 2 * CELL_MARGIN) / TWIPS_PER_PT


ISSUER_PT = in_cell_pt(HEADER_LEFT)
"""Width of the parent's and issuer's lines."""
DATE_PT = in_cell_pt(HEADER_RIGHT)
"""Width of the date line, under the Quốc hiệu (or a regime's title)."""
SIGNATURE_PT = in_cell_pt(min(SIGN_LEFT, SIGN_RIGHT))
"""Width of a signature block's lines (unit, authority, title)."""
BODY_PT = TEXT_W / TWIPS_PER_PT
"""Width of the body's text: the title line."""
