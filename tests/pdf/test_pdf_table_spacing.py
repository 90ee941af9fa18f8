"""The paragraph after a table stands apart from it as a paragraph after a paragraph does.

nd30-format.md §6 (P1 II.6e): paragraphs stand at least 6 pt apart. A table has no
spacing of its own, so without help the heading after a table would sit right under
its last row.
"""

from __future__ import annotations

from .pdf_layout import layout, norm

NOTICE = "example:thong-bao-ket-qua-cum-iii-2023"
"""A notice whose score table is followed by a section heading."""


def test_the_heading_after_a_table_stands_6_pt_below_it(office_batch):
    _, pdf = office_batch.get(NOTICE)
    (page,) = [p for p in layout(pdf) if p.find("II. ĐỀ NGHỊ KHEN THƯỞNG")]

    def line(text: str):
        (found,) = [s for s in page.segments if norm(s.text) == norm(text)]
        return found

    last_row = line("Sở Công Thương tỉnh Bắc Kạn")
    heading = line("II. ĐỀ NGHỊ KHEN THƯỞNG")
    # Blank paper between the last row's letters and the heading's: at least the 6 pt
    # between paragraphs (less a point for the fonts' boxes), not a line's leading.
    blank = heading.y0 - last_row.y1
    assert blank >= 5.0, f"{blank:.1f} pt between the table's last row and the heading after it"
