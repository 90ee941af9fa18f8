"""The format rules, table-driven, with their edge cases."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from generator import nd30


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 1, 1), "Hà Nội, ngày 01 tháng 01 năm 2024"),
        (dt.date(2024, 2, 9), "Hà Nội, ngày 09 tháng 02 năm 2024"),
        (dt.date(2024, 3, 10), "Hà Nội, ngày 10 tháng 3 năm 2024"),
        (dt.date(2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
        (dt.date(2020, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2020"),
        (dt.date(2024, 12, 31), "Hà Nội, ngày 31 tháng 12 năm 2024"),
        (dt.date(2024, 10, 9), "Hà Nội, ngày 09 tháng 10 năm 2024"),
    ],
)
def test_date_line_pads_days_and_only_the_first_two_months(date, expected):
    assert nd30.date_line("Hà Nội", date, date.year) == expected


def test_date_line_left_blank_keeps_the_year():
    line = nd30.date_line("Thành phố Hồ Chí Minh", None, 2025)
    assert line.startswith("Thành phố Hồ Chí Minh, ngày ")
    assert line.endswith(" năm 2025")
    day_blank = line.split("ngày", 1)[1].split("tháng")[0]
    assert day_blank.strip() == "" and len(day_blank) >= 4


@pytest.mark.parametrize(
    ("number", "text"), [(1, "01"), (9, "09"), (10, "10"), (31, "31"), (9999, "9999")]
)
def test_number_padding(number, text):
    assert nd30.pad_number(number) == text
    assert nd30.number_line(number, "PĐTĐ-CTĐP") == f"Số: {text}/PĐTĐ-CTĐP"


def test_blank_number_leaves_room_before_the_slash():
    line = nd30.number_line(None, "PĐTĐ-CTĐP")
    assert line.startswith("Số:") and line.endswith("/PĐTĐ-CTĐP")
    assert line[3 : -len("/PĐTĐ-CTĐP")].strip() == "" and len(line[3 : -len("/PĐTĐ-CTĐP")]) >= 4


@pytest.mark.parametrize(
    ("type_abbr", "abbrs", "given", "expected"),
    [
        ("PĐTĐ", ["CTĐP", "CĐC"], None, "PĐTĐ-CTĐP-CĐC"),
        ("GƯTĐ", ["KTĐV"], None, "GƯTĐ-KTĐV"),
        ("PĐTĐ", ["CTĐP"], "PĐTĐ- CTĐP-CĐC", "PĐTĐ-CTĐP-CĐC"),
        ("KH", ["UBND"], "KH-UBND", "KH-UBND"),
    ],
)
def test_symbol_is_derived_or_given_without_spaces(type_abbr, abbrs, given, expected):
    assert nd30.symbol(type_abbr, abbrs, given) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("đoàn", "ĐOÀN"),
        ("Cục Công Thương địa phương", "CỤC CÔNG THƯƠNG ĐỊA PHƯƠNG"),
        (unicodedata.normalize("NFD", "thường trực"), "THƯỜNG TRỰC"),
        ("hoà", "HOÀ"),
    ],
)
def test_upper_keeps_vietnamese_letters_whole(text, expected):
    result = nd30.upper(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("n", "numeral"),
    [
        (1, "I"),
        (2, "II"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (11, "XI"),
        (14, "XIV"),
        (40, "XL"),
        (1999, "MCMXCIX"),
    ],
)
def test_roman(n, numeral):
    assert nd30.roman(n) == numeral


def test_roman_refuses_zero():
    with pytest.raises(ValueError):
        nd30.roman(0)


@pytest.mark.parametrize(
    ("index", "letter"),
    [
        (0, "a"),
        (3, "d"),
        (4, "đ"),
        (5, "e"),
        (6, "g"),
        (9, "k"),
        (19, "u"),
        (20, "v"),
        (21, "x"),
        (22, "y"),
        (23, "aa"),
    ],
)
def test_vietnamese_letters_skip_f_j_w_z(index, letter):
    assert nd30.vietnamese_letter(index) == letter


def test_twentieth_sub_item_is_u():
    assert nd30.item_label(1, 19) == "u)"
    assert {nd30.vietnamese_letter(i) for i in range(23)}.isdisjoint({"f", "j", "w", "z"})


@pytest.mark.parametrize(
    ("level", "index", "bullets", "label"),
    [
        (0, 0, False, "1."),
        (0, 11, False, "12."),
        (1, 1, False, "b)"),
        (1, 1, True, "-"),
        (2, 0, False, "-"),
    ],
)
def test_item_labels(level, index, bullets, label):
    assert nd30.item_label(level, index, bullets) == label


def test_section_heading_is_roman_and_capitals():
    assert nd30.section_heading(1, "Mục đích, yêu cầu") == "I. MỤC ĐÍCH, YÊU CẦU"
    assert nd30.section_heading(4, "tổ chức thực hiện") == "IV. TỔ CHỨC THỰC HIỆN"


@pytest.mark.parametrize(
    ("line", "index", "valid"),
    [
        ("TM. Ủy ban nhân dân", 0, True),
        ("KT. Cục trưởng", 0, True),
        ("KT. Chủ tịch", 1, True),
        ("TL. Bộ trưởng", 0, True),
        ("TUQ. Giám đốc", 0, True),
        ("TM. Ủy ban nhân dân", 1, False),
        ("K.T. Giám đốc", 0, False),
        ("KT Giám đốc", 0, False),
        ("Q. Giám đốc", 0, False),
        ("Giám đốc", 0, False),
        ("T.M. Ban chấp hành", 0, False),
    ],
)
def test_authority_lines(line, index, valid):
    assert (nd30.authority_problem(line, index) is None) is valid


def test_authority_hint_says_what_was_meant():
    message, hint = nd30.authority_problem("K.T. Giám đốc", 0)
    assert "K.T." in message and "KT. Giám đốc" in hint
    _, hint = nd30.authority_problem("Q. Giám đốc", 0)
    assert "title" in hint


def test_acting_prefix_is_fine_in_a_title_but_authority_prefixes_are_not():
    assert nd30.title_problem("Q. Cục trưởng") is None
    assert nd30.title_problem("KT. Cục trưởng") is not None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Công đoàn Bộ (để b/c)", "- Công đoàn Bộ (để b/c);"),
        ("Công đoàn Bộ;", "- Công đoàn Bộ;"),
        ("Công đoàn Bộ.", "- Công đoàn Bộ;"),
        ("- Như trên", "- Như trên;"),
        ("Lãnh đạo Cục ;", "- Lãnh đạo Cục;"),
    ],
)
def test_recipient_punctuation_is_never_doubled(text, line):
    assert nd30.recipient_line(text) == line


@pytest.mark.parametrize(
    ("archive", "drafter", "line"),
    [
        ([], None, "- Lưu: VT."),
        (["VP", "CĐC"], None, "- Lưu: VT, VP, CĐC."),
        (["VT", "VP"], None, "- Lưu: VT, VP."),
        (["VP", "VT"], None, "- Lưu: VT, VP."),
        (["VP."], None, "- Lưu: VT, VP."),
        (["VP"], "ĐXT(30)", "- Lưu: VT, VP. ĐXT(30)."),
    ],
)
def test_archive_line_starts_with_vt_once(archive, drafter, line):
    result = nd30.archive_line(archive, drafter)
    assert result == line
    assert "VT, VT" not in result


def test_drafter_mark_capitals_and_grouped_copies():
    assert nd30.drafter_mark("đxt", 30) == "ĐXT(30)"
    assert nd30.drafter_mark("NVA", 1500) == "NVA(1.500)"
    assert nd30.drafter_mark("NVA", None) == "NVA"


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("phát triển vững mạnh.", "phát triển vững mạnh./."),
        ("phát triển vững mạnh", "phát triển vững mạnh./."),
        ("đã xong./.", "đã xong./."),
        ("có dấu cách.  ", "có dấu cách./."),
        ("- 100% cá nhân;", "- 100% cá nhân./."),
        ("như sau:", "như sau./."),
    ],
)
def test_end_mark(text, ended):
    assert nd30.end_mark(text) == ended


def test_bases_end_with_semicolons_then_a_full_stop():
    assert nd30.basis_lines(["Căn cứ A", "Căn cứ B;", "Căn cứ C."]) == [
        "Căn cứ A;",
        "Căn cứ B;",
        "Căn cứ C.",
    ]


def test_theme_in_quotes_once():
    assert nd30.theme_line("Đoàn kết, sáng tạo") == "“Đoàn kết, sáng tạo”"
    assert nd30.theme_line("“Đoàn kết”") == "“Đoàn kết”"
    assert nd30.theme_line('"Đoàn kết"') == "“Đoàn kết”"


def test_rule_under_is_a_third_to_a_half_of_the_text():
    from generator.metrics import text_width_pt, widest_line_pt

    for name in ("CỤC QUẢN TRỊ", "CỤC CÔNG THƯƠNG ĐỊA PHƯƠNG", "VỤ TỔ CHỨC CÁN BỘ"):
        rule = nd30.rule_under(name, 170, 13)
        text = widest_line_pt(name, 170, 13, bold=True)
        ratio = text_width_pt(rule, 13) / text
        assert 1 / 3 <= ratio <= 1 / 2, (name, ratio)
