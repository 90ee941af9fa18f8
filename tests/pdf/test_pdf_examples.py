"""Every example, printed by LibreOffice: the layout of Nghị định 30/2020 holds on paper.

What is expected comes from the content file (the contract of content-format.md)
and the page geometry from the DOCX; what is found is read from the PDF with
the position of every word. All documents come from the session's one batch.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from docx import Document

from generator.content.load import load_content
from generator.content.model import Content
from generator.kinds import get_kind
from generator.regimes import get_regime

from .pdf_layout import (
    Page,
    Segment,
    docx_text,
    fonts,
    layout,
    norm,
    pdf_words,
    repeated_header_text,
    tokens,
)
from .samples import EXAMPLES

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TOL = 2.0
"""Points a word may stray over a margin (glyph side bearings)."""
CENTRE_TOL = 3.0
"""Points between the centre of a centred line and the centre it is centred on."""

DOCS = [f"example:{p.stem}" for p in EXAMPLES] + ["derived:covenant16", "derived:long"]
# Party content in the state format. (In the covenant's, pdftotext joins the long parent
# name and the Quốc hiệu into one segment; test_pdf_regimes.py reads that one.)
DOCS += ["derived:dang-plan-as-state"]
if not EXAMPLES:
    DOCS = [pytest.param("example:none", marks=pytest.mark.skip(reason="no examples yet"))]


@dataclass(frozen=True)
class Geometry:
    """The page of a DOCX in points: width, height and the four margins."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_left(self) -> float:
        return self.left

    @property
    def text_right(self) -> float:
        return self.width - self.right

    @property
    def text_centre(self) -> float:
        return (self.text_left + self.text_right) / 2


@cache
def geometry(docx: Path) -> Geometry:
    s = Document(str(docx)).sections[0]
    return Geometry(
        s.page_width.pt,
        s.page_height.pt,
        s.top_margin.pt,
        s.bottom_margin.pt,
        s.left_margin.pt,
        s.right_margin.pt,
    )


@cache
def content_of(path: Path) -> Content:
    return load_content(path)


@dataclass(frozen=True)
class Signer:
    unit: str | None
    authority: tuple[str, ...]
    title: str
    name: str

    def lines(self) -> list[str]:
        """What stands above the name, top to bottom, as printed (capitals)."""
        above = ([self.unit] if self.unit else []) + list(self.authority) + [self.title]
        return [line.upper() for line in above]


def signers(content: Content) -> list[Signer]:
    """The signature blocks in their listed order: the signatories, else one per member.
    Authority lines are printed in the regime's spelling (`TM.` typed, `T/M` printed)."""
    regime = get_regime(content.regime)

    def lines(authority: list[str]) -> tuple[str, ...]:
        return tuple(regime.prefix(a) for a in authority)

    if content.signatories:
        return [Signer(s.unit, lines(s.authority), s.title, s.name) for s in content.signatories]
    return [
        Signer(m.name, lines(m.signatory.authority), m.signatory.title, m.signatory.name)
        for m in content.members
    ]


def has_letters(segment: Segment) -> bool:
    return any(ch.isalpha() for ch in segment.text)


def one(found: list[Segment], what: str, page: Page) -> Segment:
    assert len(found) == 1, f"{what}: expected once on page {page.number}, found {found!r}"
    return found[0]


@pytest.fixture(params=DOCS)
def doc(request, office_batch):
    """(docx, pdf, content file) of one rendered document."""
    name = request.param
    docx, pdf = office_batch.get(name)
    return docx, pdf, office_batch.content[name]


def test_every_word_comes_through_whole_in_nfc(doc):
    docx, pdf, _ = doc
    text = pdf_words(pdf)
    assert text == unicodedata.normalize("NFC", text), "the PDF text is not NFC"
    want, got = tokens(docx_text(docx)), tokens(text)
    assert want - got == {}, f"words missing or split in the PDF: {dict(want - got)}"
    # A table's header row is printed again on each page the table runs onto.
    repeated = set(tokens(repeated_header_text(docx)))
    pieces = {w: n for w, n in (got - want).items() if w not in repeated}
    assert pieces == {}, f"pieces of words in the PDF: {pieces}"


def test_fonts_are_embedded_times_metrics_and_no_type3(doc):
    _, pdf, _ = doc
    found = fonts(pdf)
    assert found
    assert [f.name for f in found if f.type.startswith("Type 3")] == []
    assert [f.name for f in found if not f.embedded] == []
    # Times New Roman or its metric twin: no fallback font stood in for a missing glyph.
    families = {re.sub(r"^[A-Z]{6}\+", "", f.name) for f in found}
    assert all(re.match(r"(LiberationSerif|TimesNewRoman)", f) for f in families), families


def test_header_block(doc):
    docx, pdf, source = doc
    content = content_of(source)
    first = layout(pdf)[0]
    half = first.width / 2

    regime = get_regime(content.regime)
    if regime.state:
        qh = one(first.find(QUOC_HIEU, whole=True), "Quốc hiệu on one line", first)
        tn = one(first.find(TIEU_NGU, whole=True), "Tiêu ngữ on one line", first)
        assert qh.centre > half and tn.centre > half, "Quốc hiệu and Tiêu ngữ in the right half"
        assert qh.y0 < first.height * 0.15, "Quốc hiệu is at the top of page 1"
        assert qh.y0 == min(s.y0 for s in first.segments), "nothing stands above the Quốc hiệu"
        # Word boxes include ascent and descent, so consecutive lines overlap a little.
        assert qh.y0 < tn.y0 < qh.y0 + 1.5 * (qh.y1 - qh.y0), "Tiêu ngữ right under Quốc hiệu"
        assert abs(qh.centre - tn.centre) <= CENTRE_TOL, "Tiêu ngữ centred under Quốc hiệu"
    else:
        # regimes.md: the regime's title in place of the Quốc hiệu and Tiêu ngữ.
        top = one(first.find(regime.top_lines[0], whole=True), "the regime's title", first)
        assert top.centre > half, "the regime's title stands in the right half"
        assert top.y0 < first.height * 0.15, "the regime's title is at the top of page 1"
        assert top.y0 <= min(s.y0 for s in first.segments) + 1, "nothing stands above it"
        assert not first.find(QUOC_HIEU) and not first.find(TIEU_NGU), "no Quốc hiệu, Tiêu ngữ"
        marks = [s for s in first.segments if s.text == regime.issuer_mark]
        assert len(marks) == len(content.issuers) and all(s.centre < half for s in marks), (
            f"{regime.issuer_mark!r} under each issuer, in the left half"
        )

    number = one([s for s in first.segments if s.text.startswith("Số")], "Số line", first)
    assert number.centre < half
    date = one(first.find(f"{content.place}, ngày"), "date line", first)
    assert date.centre > half

    # The issuers, parent first, stacked in the left half above the number (names may wrap).
    left = [s for s in first.segments if s.y1 <= number.y0 and s.centre < half and has_letters(s)]
    expected = [part for issuer in content.issuers for part in (issuer.parent, issuer.name) if part]
    assert norm(" ".join(s.text for s in left)) == norm(" ".join(expected).upper())
    assert all(s.x1 < half + TOL for s in left)


def test_title_is_centred(doc):
    docx, pdf, source = doc
    content = content_of(source)
    page = layout(pdf)[0]
    centre = geometry(docx).text_centre
    kind = get_kind(content.kind)
    if kind.header == "vv":  # a công văn has no type line; its summary stands under the number
        # `V/v …`, or as written in a Party công văn (templates/regimes/, `cv_subject`).
        words = (get_regime(content.regime).vv_prefix + content.subject).split()[:3]
        assert page.find(" ".join(words)), "the summary line under the number"
        return
    title = (content.title or kind.title).upper()
    line = one(page.find(title, whole=True), "title", page)
    assert abs(line.centre - centre) <= CENTRE_TOL, (line.centre, centre)
    if content.subject and len(content.subject) < 50:
        subject = one(page.find(content.subject, whole=True), "subject", page)
        assert subject.y0 > line.y0
        assert abs(subject.centre - centre) <= CENTRE_TOL, (subject.centre, centre)


def _find_name(pages: tuple[Page, ...], name: str) -> tuple[Page, Segment]:
    hits = [(p, s) for p in pages for s in p.find(name, whole=True)]
    assert len(hits) == 1, f"signer {name!r}: expected once, found {len(hits)}"
    return hits[0]


def _column_above(page: Page, name: Segment) -> list[Segment]:
    """Segments centred on the name and above it, nearest first."""
    column = [
        s
        for s in page.segments
        if s.y1 <= name.y0 + 1 and abs(s.centre - name.centre) <= CENTRE_TOL + 1
    ]
    return sorted(column, key=lambda s: s.y0, reverse=True)


def test_each_signer_stands_under_their_own_lines(doc):
    docx, pdf, source = doc
    pages = layout(pdf)
    for signer in signers(content_of(source)):
        page, name = _find_name(pages, signer.name)
        assert name.text == signer.name, "names are printed as written"
        above = _column_above(page, name)
        want = norm(" ".join(signer.lines()))
        joined = [
            norm(" ".join(s.text for s in reversed(above[:k]))) for k in range(1, len(above) + 1)
        ]
        assert want in joined, (
            f"{signer.name}: the lines just above, centred on the name, should read {want!r}; "
            f"found {[s.text for s in above[:6]]!r}"
        )
        assert 0 <= name.x0 and name.x1 <= page.width, f"{signer.name} runs off the page"


def test_signature_blocks_are_placed_as_the_spec_says(doc):
    _, pdf, source = doc
    pages = layout(pdf)
    found = [_find_name(pages, s.name) for s in signers(content_of(source))]
    half = pages[0].width / 2
    centres = [name.centre for _, name in found]
    if len(found) == 1:
        assert centres[0] > half, "a single signer stands on the right"
    elif len(found) == 2:
        assert centres[0] > half > centres[1], "the lead on the right, the other on the left"
    else:
        rows = [found[i : i + 2] for i in range(0, len(found), 2)]
        for row in rows:
            if len(row) == 2:
                assert row[0][1].centre < half < row[1][1].centre, "two to a row, in order"
        tops = [min((p.number, s.y0) for p, s in row) for row in rows]
        assert tops == sorted(tops), "rows follow the listed order down the pages"


def test_noi_nhan_is_in_the_left_half(doc):
    docx, pdf, _ = doc
    hits = [(p, s) for p in layout(pdf) for s in p.segments if s.text.startswith("Nơi nhận")]
    assert len(hits) == 1, hits
    page, line = hits[0]
    assert line.text.startswith("Nơi nhận:")
    assert line.centre < page.width / 2
    assert line.x0 >= geometry(docx).text_left - TOL


def test_everything_stays_inside_the_margins(doc):
    docx, pdf, _ = doc
    g = geometry(docx)
    for page in layout(pdf):
        if page.width > page.height:  # a landscape annex: the same margins, the page turned
            g = Geometry(g.height, g.width, g.top, g.bottom, g.left, g.right)
        else:
            g = geometry(docx)
        assert abs(page.width - g.width) < 1 and abs(page.height - g.height) < 1
        for word in page.words:
            where = f"page {page.number}: {word.text!r} at x {word.x0:.1f}-{word.x1:.1f}"
            assert word.x0 >= g.text_left - TOL, where
            assert word.x1 <= g.text_right + TOL, where
            assert word.y1 <= g.height - g.bottom + TOL, where


def test_page_numbers_top_centre_from_page_two(doc):
    docx, pdf, _ = doc
    g = geometry(docx)
    pages = layout(pdf)
    in_top_margin = [[w for w in p.words if w.y1 <= g.top] for p in pages]
    assert in_top_margin[0] == [], "page 1 shows no page number"
    # Each annex numbers its pages from 1, its first page unnumbered (P1 III.1đ, I.7).
    starts = [p.number for p in pages if p.find("(Kèm theo")]
    for page, words in zip(pages[1:], in_top_margin[1:], strict=True):
        first = max([1, *[n for n in starts if n <= page.number]])
        if page.number in starts:
            assert words == [], f"page {page.number}: an annex's first page shows no number"
            continue
        number = page.number - first + 1
        assert [w.text for w in words] == [str(number)], f"page {page.number}"
        centre = (words[0].x0 + words[0].x1) / 2
        width = page.width - g.left - g.right
        assert abs(centre - (g.left + width / 2)) <= CENTRE_TOL, f"page {page.number} centred"


def test_the_long_document_has_a_second_page(office_batch):
    _, pdf = office_batch.get("derived:long")
    assert len(layout(pdf)) >= 2


def test_sixteen_member_covenant_grid_stays_inside_the_margins(office_batch):
    docx, pdf = office_batch.get("derived:covenant16")
    content = content_of(office_batch.content["derived:covenant16"])
    assert len(content.members) == 16
    g = geometry(docx)
    pages = layout(pdf)
    names = [_find_name(pages, s.name) for s in signers(content)]
    assert len(names) == 16
    rows = {(p.number, round(s.y0)) for p, s in names}
    assert len(rows) == 8, "16 members sign two to a row"
    for page, name in names:
        for segment in [name, *_column_above(page, name)[:4]]:
            assert g.text_left - TOL <= segment.x0 and segment.x1 <= g.text_right + TOL, (
                f"page {page.number}: {segment.text!r} at {segment.x0:.1f}-{segment.x1:.1f}"
            )
