"""The government's own DOCX files (shared/fixtures/real) are read and judged fairly.

What each file is known to meet was read from its XML: the decree is A4 with
margins 25/20/35/20 mm, Times New Roman from docDefaults, a 13 pt bold Quốc hiệu,
a 14 pt bold Tiêu ngữ over a line of superscript underscores, the date line
`Hà Nội, ngày 05 tháng 3 năm 2020` in 14 pt italic, and a centred 14 pt PAGE field
with w:titlePg. Phụ lục III is a LibreOffice conversion whose template page is
laid out the same way, with placeholders (`…, ngày …… tháng …… năm ……`) in the date
line; a few of its runs carry no font of their own and inherit Calibri from its
Normal style.
"""

from __future__ import annotations

import pytest

from generator.check import Report, check_docx

DECREE_PASSES = [
    "nd30.page.size",
    "nd30.page.orientation",
    "nd30.page.margins",
    "nd30.font.family",
    "nd30.national_title.text",
    "nd30.national_title.case",
    "nd30.national_title.size",
    "nd30.national_title.bold",
    "nd30.national_title.upright",
    "nd30.national_title.align",
    "nd30.motto.text",
    "nd30.motto.size",
    "nd30.motto.bold",
    "nd30.motto.upright",
    "nd30.motto.rule",
    "nd30.motto.adjacent",
    "nd30.date.form",
    "nd30.date.day_padding",
    "nd30.date.month_padding",
    "nd30.date.italic",
    "nd30.date.size",
    "nd30.date.align",
    "nd30.issuer.rule",
    "nd30.number.form",
    "nd30.number.padding",
    "nd30.number.size",
    "nd30.page_number.field",
    "nd30.page_number.first_page",
    "nd30.page_number.size",
    "nd30.page_number.align",
    "nd30.signature.prefix",
    "nd30.signature.title_line",
    "nd30.signature.name.case",
    "nd30.recipients.heading.text",
    "nd30.recipients.items.punctuation",
    "nd30.recipients.items.last",
    "nd30.recipients.items.size",
    "nd30.body.end_mark",
]

APPENDIX_PASSES = [
    "nd30.page.size",
    "nd30.page.orientation",
    "nd30.page.margins",
    "nd30.national_title.text",
    "nd30.national_title.case",
    "nd30.national_title.size",
    "nd30.national_title.bold",
    "nd30.national_title.upright",
    "nd30.motto.text",
    "nd30.motto.size",
    "nd30.motto.bold",
    "nd30.motto.upright",
    "nd30.motto.rule",
    "nd30.motto.adjacent",
    "nd30.date.day_padding",
    "nd30.date.month_padding",
    "nd30.date.italic",
    "nd30.date.size",
    "nd30.date.align",
    "nd30.page_number.field",
    "nd30.page_number.first_page",
    "nd30.page_number.size",
    "nd30.page_number.align",
]


@pytest.fixture(scope="module")
def decree(real_dir) -> Report:
    return check_docx(real_dir / "nd30-2020-decree.docx")


@pytest.fixture(scope="module")
def appendix(real_dir) -> Report:
    return check_docx(real_dir / "nd30-2020-appendix3-templates.docx")


@pytest.mark.parametrize("rule", DECREE_PASSES)
def test_decree_meets_known_rules(decree: Report, rule: str) -> None:
    assert decree.status(rule) == "pass", decree.format_text()


@pytest.mark.parametrize("rule", APPENDIX_PASSES)
def test_appendix_meets_known_rules(appendix: Report, rule: str) -> None:
    assert appendix.status(rule) == "pass", appendix.format_text()


def test_every_real_file_is_read(real_dir) -> None:
    files = sorted(real_dir.glob("*.docx"))
    assert files
    for path in files:
        report = check_docx(path)
        assert report.results
        assert report.to_json()


def test_appendix_placeholder_date_is_not_a_date(appendix: Report) -> None:
    assert appendix.status("nd30.date.form") == "fail"


def test_appendix_font_failures_come_from_the_normal_style(appendix: Report) -> None:
    """Runs without their own rFonts inherit Normal's Calibri: style resolution at work."""
    findings = [f for f in appendix.findings if f.rule == "nd30.font.family"]
    assert findings
    assert all("Calibri" in f.detail for f in findings)
    assert len(findings) <= 12


def test_decree_parts_are_found(real_dir) -> None:
    from generator.check.parts import locate
    from generator.check.reader import read_docx

    parts = locate(read_docx(real_dir / "nd30-2020-decree.docx"))
    first = {
        name: parts.items(name)[0][0].stripped
        for name in (
            "national_title",
            "motto",
            "issuer",
            "number",
            "date",
            "title",
            "subject",
            "recipients_heading",
            "signature_name",
        )
    }
    assert first == {
        "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "issuer": "CHÍNH PHỦ",
        "number": "Số: 30/2020/NĐ-CP",
        "date": "Hà Nội, ngày 05 tháng 3 năm 2020",
        "title": "NGHỊ ĐỊNH",
        "subject": "Về công tác văn thư",
        "recipients_heading": "Nơi nhận:",
        "signature_name": "Nguyễn Xuân Phúc",
    }
    block = parts.signatures[0]
    assert [p.stripped for p in block.authority] == ["TM. CHÍNH PHỦ"]
    assert block.title is not None and block.title.stripped == "THỦ TƯỚNG"
    # Recipients wrapped onto a second paragraph are one item.
    items = [" ".join(p.stripped for p in group) for group in parts.items("recipients")]
    assert "- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;" in items
    assert items[-1] == "- Lưu: VT, HC (2)."
