"""Party and Youth Union documents as LibreOffice prints them (shared/spec/regimes.md).

The examples in the `dang` and `doan` regimes print the regime's title at the top right
(no Quốc hiệu), its mark under the issuer, its number form, its authority spellings and
its archive line; the same Party content in `nha_nuoc` prints the state header. The
general layout (signature blocks whole, under their own lines; margins; fonts) is
checked for every example, these included, in test_pdf_examples.py.
"""

from __future__ import annotations

import pytest

from generator.check import check_docx

from .pdf_layout import layout, pdf_text

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

PRINTED = {
    "example:ke-hoach-huyen-uy-dinh-hoa-2024": {
        "top": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "mark": "*",
        "number": "Số 12-KH/HU",
        "authority": ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
        "archive": "- Lưu Văn phòng Huyện ủy.",
        "summary": "phát động phong trào thi đua “Dân vận khéo” năm 2024",
        "end": "năm 2024.",
    },
    "example:giao-uoc-khoi-cac-co-quan-dang-2024": {
        "top": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "mark": "*",
        "number": "Số 03-GƯTĐ/VPTU",
        "authority": ["K/T TRƯỞNG BAN", "T/M ỦY BAN KIỂM TRA"],
        "archive": "- Lưu Văn phòng Tỉnh ủy.",
        "summary": "năm 2024",
        "end": "thưởng.",
    },
    "example:cong-van-ban-to-chuc-tinh-uy-2024": {
        "top": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "mark": "*",
        "number": "Số 05-CV/BTCTU",
        "authority": ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
        "archive": "- Lưu Văn phòng Ban.",
        "summary": "đăng ký thi đua năm 2024 của các",  # no `V/v` (dang.regime.yaml)
        "end": "Ban Thường vụ Tỉnh ủy.",
    },
    "example:phat-dong-tinh-doan-2024": {
        "top": "ĐOÀN TNCS HỒ CHÍ MINH",
        "mark": "***",
        "number": "Số: 08-PĐTĐ/TĐTN-BTG",
        "authority": ["TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "PHÓ BÍ THƯ"],
        "archive": "- Lưu: VP, BTG.",
        "summary": "Năm 2024",
        "end": "năm 2024./.",
    },
}


def lines_of(pdf) -> list[str]:
    return [" ".join(line.split()) for line in pdf_text(pdf).splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_the_regime_prints_its_own_header_number_and_authority(office_batch, name):
    docx, pdf = office_batch.get(name)
    want = PRINTED[name]
    first = layout(pdf)[0]
    half = first.width / 2
    top = first.find(want["top"], whole=True)
    assert len(top) == 1 and top[0].centre > half, top
    assert not first.find(QUOC_HIEU), "no Quốc hiệu in this regime"
    # The line under the title: a run of `_` right under it, as wide as the title or more.
    rules = [s for s in first.segments if set(s.text) == {"_"} and s.y0 > top[0].y0]
    rule = min(rules, key=lambda s: s.y0)
    assert rule.y0 - top[0].y1 < 12 and abs(rule.centre - top[0].centre) < 4
    assert rule.x1 - rule.x0 >= 0.9 * (top[0].x1 - top[0].x0)
    marks = [s for s in first.segments if s.text == want["mark"]]
    assert len(marks) == 1 and marks[0].centre < half
    number = [s for s in first.segments if s.text.startswith("Số")]
    assert [s.text for s in number] == [want["number"]] and number[0].centre < half
    assert number[0].y0 > marks[0].y0, "the number stands under the mark"
    printed = lines_of(pdf)
    joined = " ".join(printed)  # a long authority line may wrap in its cell
    for line in want["authority"]:
        assert line in joined, (line, printed)
    assert want["archive"] in printed
    assert want["summary"] in printed, "the summary is printed as the author wrote it"
    body_end = [line for line in printed if line.endswith(want["end"])]
    assert body_end, f"the body ends with {want['end']!r}"
    # What LibreOffice printed comes from a DOCX the checker passes in its regime.
    report = check_docx(docx)
    assert report.ok, report.format_text()
    assert report.regime == ("dang" if want["mark"] == "*" else "doan")


@pytest.mark.parametrize(
    ("name", "authority"),
    [
        ("derived:dang-plan-as-state", ["TM. BAN THƯỜNG VỤ"]),
        ("derived:dang-covenant-as-state", ["KT. TRƯỞNG BAN", "TM. ỦY BAN KIỂM TRA"]),
    ],
)
def test_the_same_content_in_the_state_regime_gets_the_state_header(office_batch, name, authority):
    docx, pdf = office_batch.get(name)
    first = layout(pdf)[0]
    assert len(first.find(QUOC_HIEU)) == 1
    assert not first.find("ĐẢNG CỘNG SẢN VIỆT NAM")
    printed = lines_of(pdf)
    assert [s.text for s in first.segments if s.text.startswith("Số")][0].startswith("Số: ")
    for line in authority:
        assert line in printed, (line, printed)
    assert not [line for line in printed if "T/M" in line or "K/T" in line]
    assert [line for line in printed if line.startswith("- Lưu: VT, ")]
    assert check_docx(docx).ok and check_docx(docx).regime == "nha_nuoc"


def test_party_sizes_print_as_the_profile_says(office_batch):
    """templates/regimes/dang.regime.yaml `sizes:` as LibreOffice prints them: the same
    content's lines stand taller in the Party format than in the state's, by the ratio of
    the profile's size to the state's (a word box's height follows the font's size)."""
    from generator.regimes import get_regime

    sizes = get_regime("dang").sizes
    _, party = office_batch.get("example:ke-hoach-huyen-uy-dinh-hoa-2024")
    _, state = office_batch.get("derived:dang-plan-as-state")

    def height(pdf, start: str) -> float:
        found = [s for s in layout(pdf)[0].segments if s.text.startswith(start)]
        assert found, (start, [s.text for s in layout(pdf)[0].segments])
        return found[0].y1 - found[0].y0

    for start, key, state_pt in (
        ("KẾ HOẠCH", "title", 14),
        ("HUYỆN ỦY ĐỊNH HÓA", "issuer", 13),
        ("Số", "number", 13),
    ):
        ratio = height(party, start) / height(state, start)
        assert ratio > 1.03 and abs(ratio - sizes[key][0] / state_pt) < 0.02, (start, ratio)


def test_a_party_letter_prints_its_header_text_and_annex_as_a_clerk_sends_it(office_batch):
    """A Party letter from the office of `Tỉnh ủy Bà Rịa - Vũng Tàu` (tests/pdf/names/):
    the parent breaks `TỈNH ỦY` / `BÀ RỊA - VŨNG TÀU`, the text that opens with `Căn cứ
    kết quả …` is printed as text (no dash) and passes the checker, and the annex names
    the letter by its Party number."""
    docx, pdf = office_batch.get("names:cong-van-van-phong-tinh-uy-brvt")
    printed = lines_of(pdf)
    first = layout(pdf)[0]
    half = first.width / 2
    parent = [s for s in first.segments if s.centre < half and s.y0 < 120]
    texts = [s.text for s in parent]
    assert "TỈNH ỦY" in texts and "BÀ RỊA - VŨNG TÀU" in texts, texts
    assert [line for line in printed if line.startswith("Căn cứ kết quả tổng kết")], printed
    assert not [line for line in printed if line.startswith("- Căn cứ")]
    joined = " ".join(printed)
    assert "(Kèm theo Văn bản số 412-CV/VPTU ngày 05 tháng 11 năm 2024 của" in joined
    report = check_docx(docx)
    assert report.regime == "dang" and report.ok, report.format_text()
