"""The date line prints on one line: the year never stands alone under it.

nd30-format.md §4 (P1 II.4c): the date line is italic, 13–14, under the Quốc hiệu. The
decree's own example, `Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019`, is wider than
the column at 14; vanban prints such a line at 13 (`nd30.date_size`).
"""

from __future__ import annotations

import re

import pytest

from generator.content.load import load_content

from .pdf_layout import layout, norm
from .samples import LONG_DATES, NAMES
from .test_pdf_examples import DOCS

DATE = re.compile(r", ngày .* năm \d{4}$")


def _date_line(office_batch, name: str) -> tuple[str, list[str]]:
    """The lines on the first page that start with the place: with the words on the same
    line after it (the blanks left for the clerk's date split it into segments)."""
    _, pdf = office_batch.get(name)
    content = load_content(office_batch.content[name])
    first = layout(pdf)[0]
    start = norm(content.place) + ","
    lines = []
    for found in (s for s in first.segments if norm(s.text).startswith(start)):
        after = [s for s in first.segments if abs(s.y0 - found.y0) < 1 and s.x0 >= found.x0]
        lines.append(" ".join(norm(s.text) for s in sorted(after, key=lambda s: s.x0)))
    return content.place, lines


@pytest.mark.parametrize(
    "name",
    [
        *sorted(LONG_DATES),
        *(f"names:{p.stem}" for p in NAMES),
        *(d for d in DOCS if d.startswith("example:")),
    ],
)
def test_the_date_line_is_one_line(office_batch, name):
    place, lines = _date_line(office_batch, name)
    assert lines, f"no line starting with {place!r},"
    (line,) = lines
    assert DATE.search(line), f"the date line wraps: {line!r}"
