"""LibreOffice on real government DOCX and on documents built here, from the session batch."""

from __future__ import annotations

import re
import unicodedata

import pytest

from .pdf_layout import docx_text, fonts, layout, norm, pdf_text, pdf_words, tokens
from .samples import REAL, every_vietnamese_letter

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

real = pytest.mark.skipif(not REAL.is_dir(), reason=f"real fixtures not found in {REAL}")


def assert_fonts_embedded(pdf) -> None:
    found = fonts(pdf)
    assert found, "pdffonts lists no font"
    assert [f.name for f in found if f.type.startswith("Type 3")] == []
    assert [f.name for f in found if not f.embedded] == []


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def assert_words_whole(docx, pdf, *, source_nfc: bool = True) -> None:
    """Every word of the DOCX comes out of the PDF whole, as often as it was written.

    With `source_nfc` the PDF text must be NFC as it stands; the real documents
    were partly typed in decomposed form, which the PDF rightly keeps.
    """
    text = pdf_words(pdf)
    source = docx_text(docx)
    if source_nfc:
        assert source == nfc(source)
        assert text == nfc(text), "the PDF text is not NFC"
    want, got = tokens(nfc(source)), tokens(nfc(text))
    assert want - got == {}, f"words missing or split in the PDF: {dict(want - got)}"
    assert got - want == {}, f"pieces of words in the PDF: {dict(got - want)}"


@real
@pytest.mark.parametrize("stem", ["nd30-2020-decree", "nd30-2020-appendix3-templates"])
def test_real_documents_keep_every_word_and_embed_their_fonts(office_batch, stem):
    docx, pdf = office_batch.get(f"real:{stem}")
    assert_words_whole(docx, pdf, source_nfc=False)
    assert_fonts_embedded(pdf)
    assert all(abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1 for p in layout(pdf))


@real
def test_real_decree_header_lies_as_published(office_batch):
    _, pdf = office_batch.get("real:nd30-2020-decree")
    pages = layout(pdf)
    assert len(pages) > 10
    first = pages[0]
    (qh,) = first.find(QUOC_HIEU)
    (tn,) = first.find(TIEU_NGU)
    (issuer,) = first.find("CHÍNH PHỦ", whole=True)
    assert qh.centre > first.width / 2 and tn.centre > first.width / 2
    assert issuer.centre < first.width / 2
    assert qh.y0 < tn.y0 < first.height / 6
    assert abs(qh.centre - tn.centre) < 3
    # The decree numbers its pages from page 2 on, centred in the top margin.
    assert not [w for w in first.words if w.text.isdigit() and w.y1 < 70]
    top = [w for w in pages[1].words if w.y1 < 70]
    assert [w.text for w in top] == ["2"]


def test_every_vietnamese_letter_survives_in_every_style(office_batch):
    docx, pdf = office_batch.get("built:letters")
    assert_words_whole(docx, pdf)
    assert_fonts_embedded(pdf)
    styles = {re.sub(r"^[A-Z]{6}\+", "", f.name) for f in fonts(pdf)}
    assert {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    } <= styles, styles
    words = [w.text for w in layout(pdf)[0].words]
    for letter in every_vietnamese_letter():
        assert words.count(letter) == 4, letter  # once in each of the four styles


def test_a_file_name_with_vietnamese_letters_and_spaces(office_batch):
    docx, pdf = office_batch.get("built:odd-name")
    assert pdf.name == "văn bản thử.pdf"
    assert norm("Thi đua là yêu nước") in norm(pdf_text(pdf))
