"""The template's fixed text and page setup against the format rules (generator.check)."""

from __future__ import annotations

from pathlib import Path

from generator.templating.lint import check_template
from generator.templating.report import ERROR

from .docxedit import edited, locate, read_part, shipped

DEFAULT_FONTS = (
    'w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:eastAsia="Times New Roman" w:cs="Times New Roman"'
)

# The document's own section properties (an annex's section, ended inside the body, has its own).
BODY_LEFT_MARGIN = 'w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="720"/><w:titlePg/></w:sectPr></w:body>'
BODY_PAGE = 'r:id="rIdHeaderFirst"/><w:pgSz w:w="11906" w:h="16838"'


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_margins_outside_the_decree(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (BODY_LEFT_MARGIN, BODY_LEFT_MARGIN.replace('w:left="1701"', 'w:left="1134"')),
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:nd30.page.margins"], [str(p) for p in report.problems]
    problem = report.problems[0]
    assert problem.severity == ERROR and "lề trái 20 mm" in problem.message
    # Page setup has no paragraph: it is said to be seen in the trial document.
    assert problem.location is None and "văn bản tạo thử" in str(problem)
    assert "Margins" in problem.hint


def test_letter_paper(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (BODY_PAGE, BODY_PAGE.replace('w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"')),
    )
    assert codes(check_template(path, "phat_dong")) == ["format:nd30.page.size"]


def test_font_of_the_whole_document(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (DEFAULT_FONTS, DEFAULT_FONTS.replace("Times New Roman", "Arial")),
        part="word/styles.xml",
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:nd30.font.family"]
    assert "(và " in report.problems[0].message  # one problem for every paragraph in Arial


def test_national_title_text_is_located_in_the_template(tmp_path: Path):
    lower = "Cộng hòa xã hội chủ nghĩa Việt Nam"
    path = edited(shipped(), tmp_path / "t.docx", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lower))
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:nd30.national_title.case"]
    assert report.problems[0].location == locate(path, lower)


def test_motto_with_dashes_instead_of_hyphens(tmp_path: Path):
    wrong = "Độc lập – Tự do – Hạnh phúc"
    path = edited(shipped(), tmp_path / "t.docx", ("Độc lập - Tự do - Hạnh phúc", wrong))
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:nd30.motto.text"]
    assert report.problems[0].location == locate(path, wrong)


def test_national_title_not_bold(tmp_path: Path):
    style = '<w:name w:val="VB Quốc hiệu"/>'
    xml_end = "<w:b/><w:bCs/>"
    source = shipped()
    styles = read_part(source, "word/styles.xml")
    start = styles.index(style)
    bold_at = styles.index(xml_end, start)
    old = styles[start : bold_at + len(xml_end)]
    path = edited(
        source, tmp_path / "t.docx", (old, old.replace(xml_end, "")), part="word/styles.xml"
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:nd30.national_title.bold"]


def test_a_garbled_national_title_is_one_problem(tmp_path: Path):
    # The checker finds the header's parts from the Quốc hiệu: when it cannot, the parts it
    # misses are named in one problem rather than one per rule.
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIET NAM"),
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["format:missing-part"], [str(p) for p in report.problems]
    assert "«Quốc hiệu»" in report.problems[0].message


def test_no_format_check_while_tags_are_broken(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (BODY_LEFT_MARGIN, BODY_LEFT_MARGIN.replace('w:left="1701"', 'w:left="1134"')),
        ("{%p if theme %}", "{%p iff theme %}"),
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["unknown-tag"]
    assert report.notes and "chưa tạo thử" in report.notes[0]


def _body_styles_at(tmp_path: Path, half_points: int) -> Path:
    """The shipped template with its body styles (text, bases, headings) set to a size."""
    import re

    styles = read_part(shipped(), "word/styles.xml")
    for sid in ("BodyText", "Basis", "SectionHeading", "ItemTitle"):
        block = re.search(rf'w:styleId="{sid}".*?</w:style>', styles, re.S).group(0)
        styles = styles.replace(block, block.replace('w:val="28"', f'w:val="{half_points}"'))
    original = read_part(shipped(), "word/styles.xml")
    return edited(shipped(), tmp_path / "t.docx", (original, styles), part="word/styles.xml")


def test_body_styles_at_13_pt_are_within_the_decree(tmp_path: Path):
    report = check_template(_body_styles_at(tmp_path, 26), "phat_dong")
    assert report.problems == [], [str(p) for p in report.problems]


def test_a_body_style_out_of_range_is_named(tmp_path: Path):
    report = check_template(_body_styles_at(tmp_path, 22), "phat_dong")
    assert report.errors, "11 pt body text is outside the decree's 13–14 pt"
    styles = {"VB Nội dung", "VB Căn cứ", "VB Đề mục La Mã", "VB Khoản có tiêu đề"}
    for problem in report.errors:
        named = [s for s in styles if f"«{s}»" in problem.hint]
        assert named, f"the hint names the style to change: {problem}"
