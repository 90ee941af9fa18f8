"""The format rules of the further kinds (nd30-format.md §3, §5, §8, §9, §13; content-format.md)."""

from __future__ import annotations

import datetime as dt

from generator import nd30
from generator.content.load import load_content_text


def test_vv_line_is_not_doubled() -> None:
    assert nd30.vv_line("nâng bậc lương năm 2019") == "V/v nâng bậc lương năm 2019"
    assert nd30.vv_line("V/v nâng bậc lương năm 2019") == "V/v nâng bậc lương năm 2019"
    assert nd30.vv_line("v/v nâng bậc lương") == "v/v nâng bậc lương"


def test_one_addressee_stands_on_the_line_without_end_mark() -> None:
    assert nd30.addressee_lines(["Bộ Nội vụ."]) == ["Kính gửi:\tBộ Nội vụ"]


def test_several_addressees_one_to_a_line() -> None:
    assert nd30.addressee_lines(["Sở Nội vụ", "- Sở Tài chính;", "Sở Tư pháp"]) == [
        "Kính gửi:\t- Sở Nội vụ;",
        "\t- Sở Tài chính;",
        "\t- Sở Tư pháp.",
    ]


def test_nhu_tren_first_when_there_are_addressees() -> None:
    assert nd30.with_along(["Lãnh đạo Sở"], ["Sở Nội vụ"]) == ["Như trên", "Lãnh đạo Sở"]
    assert nd30.with_along(["- Như trên;", "X"], ["Sở Nội vụ"]) == ["- Như trên;", "X"]
    assert nd30.with_along(["X"], []) == ["X"]


def test_symbol_of_a_letter_and_of_a_named_type() -> None:
    assert nd30.symbol_from("{lead}-{drafting_unit}", "", ["SNV"], "TĐKT") == "SNV-TĐKT"
    assert nd30.symbol_from("{lead}-{drafting_unit}", "", ["SNV"], None) == "SNV"
    assert nd30.symbol_from("{type_abbr}-{issuers}", "QĐ", ["UBND"], None) == "QĐ-UBND"


def test_numbers_in_cells_the_vietnamese_way() -> None:
    assert [nd30.cell_text(v) for v in (1500000, 98.5, 7, None, " Tổ 1 ")] == [
        "1.500.000",
        "98,5",
        "7",
        "",
        "Tổ 1",
    ]


def test_annex_reference_leaves_places_blank_like_the_date_line() -> None:
    full = nd30.annex_reference(
        "Quyết định", 125, "QĐ-UBND", dt.date(2025, 2, 5), 2025, "Chủ tịch Ủy ban nhân dân tỉnh"
    )
    assert full == (
        "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2025 của "
        "Chủ tịch Ủy ban nhân dân tỉnh)"
    )
    blank = nd30.annex_reference("Tờ trình", None, "TTr-SNV", None, 2025, "Sở Nội vụ")
    assert (
        blank
        == f"(Kèm theo Tờ trình số{nd30.BLANK}/TTr-SNV ngày{nd30.BLANK}tháng{nd30.BLANK}năm 2025 của Sở Nội vụ)"
    )


def test_proposal_line_ends_with_a_full_stop() -> None:
    assert nd30.proposal_line("Theo đề nghị của Giám đốc Sở Nội vụ") == (
        "Theo đề nghị của Giám đốc Sở Nội vụ."
    )
    assert nd30.proposal_line("Xét đề nghị của Giám đốc Sở Nội vụ,") == (
        "Xét đề nghị của Giám đốc Sở Nội vụ,"
    )


def test_enactment_agreement() -> None:
    lead = "ủy ban nhân dân tỉnh nghệ an"
    # A collective signs TM. it; a head signs as that head, or KT. that title.
    assert nd30.enactment_mismatch(lead, lead, ["tm. ủy ban nhân dân"], "chủ tịch") is None
    assert nd30.enactment_mismatch(lead, lead, [], "chủ tịch") is not None
    head = "chủ tịch ủy ban nhân dân tỉnh nghệ an"
    assert nd30.enactment_mismatch(head, lead, [], "chủ tịch") is None
    assert nd30.enactment_mismatch(head, lead, ["kt. chủ tịch"], "phó chủ tịch") is None
    assert nd30.enactment_mismatch(head, lead, ["tm. ủy ban nhân dân"], "chủ tịch") is not None
    assert nd30.enactment_mismatch(head, lead, [], "phó chủ tịch") is not None


URGENT = """\
kind: cong_van
issuers: [{name: Sở Nội vụ, abbr: SNV}]
place: Nghệ An
date: 2024-01-05
urgency: {urgency}
addressees: Bộ Nội vụ
signatories: [{title: Giám đốc, name: Nguyễn Văn An}]
recipients: [Lãnh đạo Sở]
"""


def test_urgency_marks_as_people_type_them() -> None:
    for typed, mark in (("khẩn", "Khẩn"), ("THƯỢNG KHẨN", "Thượng khẩn"), ("Hoả tốc", "Hỏa tốc")):
        assert load_content_text(URGENT.replace("{urgency}", typed)).urgency == mark
    assert nd30.urgency_mark("Hỏa tốc") == "HỎA TỐC"
