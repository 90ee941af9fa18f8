"""Where the pages break: a signature never stands alone (issue: sign without touching).

Each document's body ends at a different height, so that over the series the foot
of a page meets every part of the signature blocks and `Nơi nhận`. What LibreOffice
prints must keep: the body's last paragraph on the page of the first signature
row, every block (lines, room to sign, name) on one page, the two names of a row
level, and `Nơi nhận` on the page of the last signature.
"""

from __future__ import annotations

import pytest

from .pdf_layout import layout, norm
from .samples import COVENANT_PAGINATION, PAGINATION
from .test_pdf_examples import _column_above, _find_name, content_of, signers

NAMES = sorted(PAGINATION) + sorted(COVENANT_PAGINATION)


def _page_of(pages, text: str) -> list[int]:
    return [p.number for p in pages for s in p.segments if text in s.text]


@pytest.fixture(params=NAMES)
def printed(request, office_batch):
    name = request.param
    _, pdf = office_batch.get(name)
    return layout(pdf), content_of(office_batch.content[name])


def test_body_end_signatures_and_recipients_share_their_pages(printed):
    pages, content = printed
    found = [_find_name(pages, s.name) for s in signers(content)]
    end = _page_of(pages, "./.")
    assert len(end) == 1, f"the end mark is printed once: {end}"
    first_row = min(page.number for page, _ in found[:2])
    assert end[0] == first_row, (
        f"the body ends on page {end[0]} but the first signature stands on page {first_row}"
    )
    recipients = _page_of(pages, "Nơi nhận:")
    last = max(page.number for page, _ in found)
    assert recipients == [last], f"`Nơi nhận` on page {recipients}, the last signature on {last}"


def test_every_block_is_whole_on_one_page_and_names_are_level(printed):
    pages, content = printed
    blocks = signers(content)
    found = [_find_name(pages, s.name) for s in blocks]
    for signer, (page, name) in zip(blocks, found, strict=True):
        above = _column_above(page, name)
        want = norm(" ".join(signer.lines()))
        joined = [
            norm(" ".join(s.text for s in reversed(above[:k]))) for k in range(1, len(above) + 1)
        ]
        assert want in joined, f"{signer.name}: its lines are not above it on page {page.number}"
    pairs = (
        [(found[1], found[0])]
        if len(found) == 2
        else [tuple(found[i : i + 2]) for i in range(0, len(found) - 1, 2)]
    )
    for (page_a, a), (page_b, b) in pairs:
        assert page_a.number == page_b.number and abs(a.y0 - b.y0) < 1.0, (
            f"{a.text!r} and {b.text!r} sign side by side and must stand level"
        )
