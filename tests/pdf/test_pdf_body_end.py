"""A body that ends with an article (`Điều N.`) or a table still takes the signature along.

nd30-format.md §7: a signature block never stands alone on a page. Each document's
body ends a little lower than the one before, so that over the series the end meets
the foot of a page at every height; what LibreOffice prints must keep the body's last
line on the page of the signature's first line.
"""

from __future__ import annotations

import pytest

from .pdf_layout import Page, layout, norm
from .samples import BODY_END, LAST_ROW, PRINTED_SCORES
from .test_pdf_examples import content_of, signers


def _pages_of(pages: tuple[Page, ...], text: str, *, whole: bool = False) -> list[int]:
    return [page.number for page in pages if page.find(text, whole=whole)]


def _printed(name: str, office_batch):
    _, pdf = office_batch.get(name)
    return BODY_END[name][0], layout(pdf), content_of(office_batch.content[name])


@pytest.fixture(params=sorted(BODY_END))
def printed(request, office_batch):
    return _printed(request.param, office_batch)


@pytest.fixture(params=sorted(name for name, (shape, *_) in BODY_END.items() if shape == "table"))
def printed_table(request, office_batch):
    return _printed(request.param, office_batch)


def test_the_body_s_last_line_shares_a_page_with_the_signature_s_first(printed):
    shape, pages, content = printed
    (signer,) = signers(content)
    first = signer.lines()[0]
    signature = _pages_of(pages, first, whole=True)
    assert len(signature) == 1, f"the signature's first line {first!r} on pages {signature}"
    if shape == "article":
        end = _pages_of(pages, "./.")  # the end mark closes the last article
    else:
        end = _pages_of(pages, LAST_ROW)
        # The end mark follows the table's last row (content-format.md: the body ends
        # with `./.`), on the same page, below it.
        assert _pages_of(pages, "./.", whole=True) == end, "the end mark leaves the table"
        page = pages[end[0] - 1]
        (row,) = page.find(LAST_ROW)
        (mark,) = page.find("./.", whole=True)
        assert mark.y0 > row.y1, "the end mark stands above the table's last row"
    assert len(end) == 1, f"the body's last line on pages {end}"
    assert end == signature, (
        f"the body ends on page {end[0]}, its signature starts on page {signature[0]}"
    )


def test_numbers_in_a_table_line_up_on_the_right(printed_table):
    _, pages, _ = printed_table
    found = [
        seg
        for page in pages
        for seg in page.segments
        if norm(seg.text) in PRINTED_SCORES and seg.x0 > page.width / 2
    ]
    assert sorted(norm(s.text) for s in found) == sorted(PRINTED_SCORES)
    rights = [round(s.x1, 1) for s in found]
    lefts = [round(s.x0, 1) for s in found]
    assert max(rights) - min(rights) < 1.0, f"score cells end at {rights}: not right-aligned"
    assert max(lefts) - min(lefts) > 5.0, f"score cells start at {lefts}: left-aligned"
