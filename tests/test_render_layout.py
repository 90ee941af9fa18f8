"""Rendered documents opened and read: text of each part in order, and its formatting."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.shared import Mm
from lxml import etree

from tests.docxread import (
    all_paragraphs,
    all_text,
    body_paragraphs,
    cell_paragraphs,
    look,
    open_docx,
)

NOTICE = "phat-dong-cuc-ctdp-2024"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def notice(rendered_examples):
    return open_docx(rendered_examples[NOTICE])


def test_every_part_is_well_formed_xml_and_opens(rendered_examples):
    assert len(rendered_examples) >= 1
    for name, data in rendered_examples.items():
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert package.testzip() is None
            for part in package.namelist():
                if part.endswith(".xml") or part.endswith(".rels"):
                    etree.fromstring(package.read(part))  # raises if not well-formed
            document = package.read("word/document.xml").decode("utf-8")
            assert "{{" not in document and "{%" not in document, name
        open_docx(data)


def test_page_is_a4_portrait_with_margins_in_range(rendered_examples):
    for data in rendered_examples.values():
        section = open_docx(data).sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert 20 <= section.top_margin.mm <= 25
        assert 20 <= section.bottom_margin.mm <= 25
        assert 30 <= section.left_margin.mm <= 35
        assert 15 <= section.right_margin.mm <= 20


def test_times_new_roman_throughout(rendered_examples):
    for data in rendered_examples.values():
        doc = open_docx(data)
        paragraphs = list(doc.paragraphs)
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs += cell.paragraphs
        for paragraph in paragraphs:
            if paragraph.text.strip():
                assert look(doc, paragraph).font == "Times New Roman", paragraph.text


def test_header_issuers_left_national_title_right(notice):
    header = notice.tables[0]
    left = [look(notice, p) for p in cell_paragraphs(header, 0, 0)]
    texts = [x.text for x in left]
    # Names too long for the column break where a clerk breaks them (a `w:br` is `\n` here).
    assert texts[:2] == ["BỘ CÔNG THƯƠNG", "CỤC CÔNG THƯƠNG\nĐỊA PHƯƠNG"]
    assert set(texts[2]) == {"_"}
    assert texts[3:5] == ["CÔNG ĐOÀN\nBỘ CÔNG THƯƠNG", "CÔNG ĐOÀN\nCỤC CÔNG THƯƠNG\nĐỊA PHƯƠNG"]
    assert set(texts[5]) == {"_"}
    parent, issuer = left[0], left[1]
    assert (parent.size, parent.bold) == (13, False)
    assert (issuer.size, issuer.bold) == (13, True)
    assert parent.alignment == issuer.alignment == ALIGN.CENTER

    right = [look(notice, p) for p in cell_paragraphs(header, 0, 1)]
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert (right[0].size, right[0].bold) == (13, True)
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert (right[1].size, right[1].bold) == (14, True)


def test_header_table_has_no_borders(notice):
    borders = notice.tables[0]._tbl.tblPr.find(f"{W}tblBorders")
    assert borders is not None
    assert {b.get(f"{W}val") for b in borders} == {"nil"}


def test_motto_has_a_line_beneath_as_long_as_the_text(notice):
    from generator.metrics import text_width_pt

    cell = notice.tables[0].cell(0, 1)
    rule = cell.paragraphs[2]
    assert rule.text == ""
    style = rule.style
    border = style.element.find(f".//{W}pBdr/{W}bottom")
    assert border is not None and border.get(f"{W}val") == "single"
    ind = style.element.find(f".//{W}ind")
    cell_width = int(cell._tc.tcPr.find(f"{W}tcW").get(f"{W}w"))
    margins = 2 * 57
    line = (cell_width - margins - int(ind.get(f"{W}left")) - int(ind.get(f"{W}right"))) / 20
    text = text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    assert abs(line - text) <= 3, (line, text)


def test_number_and_date_line(notice):
    header = notice.tables[0]
    number = look(notice, cell_paragraphs(header, 1, 0)[0])
    date = look(notice, cell_paragraphs(header, 1, 1)[0])
    assert number.text == "Số: 31/PĐTĐ-CTĐP-CĐC"
    assert number.size == 13 and not number.bold
    assert date.text == "Hà Nội, ngày 12 tháng 01 năm 2024"
    assert date.size == 14 and date.italic and not date.bold
    assert date.alignment == ALIGN.CENTER


def test_title_subject_and_rule(notice):
    paras = [look(notice, p) for p in body_paragraphs(notice)]
    title, subject, rule = paras[0], paras[1], paras[2]
    assert title.text == "PHÁT ĐỘNG PHONG TRÀO THI ĐUA"
    assert (title.size, title.bold, title.alignment) == (14, True, ALIGN.CENTER)
    assert subject.text == "Năm 2024"
    assert (subject.size, subject.bold, subject.alignment) == (14, True, ALIGN.CENTER)
    assert set(rule.text) == {"_"} and rule.alignment == ALIGN.CENTER


def test_body_in_order_with_sections_items_and_end_mark(notice):
    texts = [p.text for p in body_paragraphs(notice)]
    start = texts.index("Năm 2024") + 2
    end = next(i for i, t in enumerate(texts) if t.endswith("./.")) + 1
    body = texts[start:end]
    assert body[0].startswith("Năm 2024 là năm bản lề")
    assert body[1].startswith("Để thực hiện thắng lợi nhiệm vụ")
    headings = [t for t in body if t[:2] in ("I.", "II")]
    assert headings == ["I. MỤC ĐÍCH", "II. NỘI DUNG THI ĐUA", "III. BIỆN PHÁP THỰC HIỆN"]
    i = body.index("I. MỤC ĐÍCH")
    assert [t[:3] for t in body[i + 1 : i + 6]] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert "6. Các chỉ tiêu phấn đấu:" in body
    bullets = body[
        body.index("6. Các chỉ tiêu phấn đấu:") + 1 : body.index("III. BIỆN PHÁP THỰC HIỆN")
    ]
    assert len(bullets) == 5 and all(t.startswith("- ") for t in bullets)
    assert bullets[0] == "- 90% tập thể đạt Lao động xuất sắc;"
    assert body[-1].startswith("Để thực hiện tốt các chỉ tiêu đề ra")
    assert body[-1].endswith("phát triển vững mạnh./.")
    assert sum(t.endswith("./.") for t in texts) == 1


def test_body_formatting(notice):
    paras = body_paragraphs(notice)
    texts = [p.text for p in paras]
    start = texts.index("Năm 2024") + 2
    end = next(i for i, t in enumerate(texts) if t.endswith("./.")) + 1
    for paragraph in paras[start:end]:
        shown = look(notice, paragraph)
        assert shown.size == 14, shown
        assert shown.alignment == ALIGN.JUSTIFY, shown
        assert 1.0 <= shown.first_line_cm <= 1.27, shown
        assert shown.space_before_pt + shown.space_after_pt >= 6, shown
        assert shown.line_spacing is not None and 1.0 <= shown.line_spacing <= 1.5, shown
        heading = shown.text.split(".")[0] in ("I", "II", "III")
        titled = shown.text == "6. Các chỉ tiêu phấn đấu:"
        assert shown.bold == (heading or titled), shown
        assert not shown.italic
        if heading:
            assert shown.text == shown.text.upper()


def test_signatures_lead_on_the_right_names_level(notice):
    grid = notice.tables[1]
    left = cell_paragraphs(grid, 0, 0)
    right = cell_paragraphs(grid, 0, 1)
    assert [p.text for p in right] == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Đương Quốc Trịnh"]
    # a line too long for the cell breaks where a clerk breaks it (a `w:br` is `\n` here)
    assert [p.text for p in left][:3] == [
        "TM. BAN CHẤP HÀNH\nCÔNG ĐOÀN CỤC",
        "CHỦ TỊCH",
        "Đoàn Mạnh Trường",
    ]
    assert [p.text for p in left][3] == "Nơi nhận:"  # under the left block, in the last row
    for paragraph in left[:3] + right:
        shown = look(notice, paragraph)
        assert (shown.size, shown.bold, shown.alignment) == (14, True, ALIGN.CENTER)
    for name in (left[2], right[2]):
        assert look(notice, name).space_before_pt >= 50  # room for the signature and the seal


def test_recipients(notice):
    paras = all_paragraphs(notice)
    texts = [p.text for p in paras]
    start = texts.index("Nơi nhận:")
    heading = look(notice, paras[start])
    assert (heading.size, heading.bold, heading.italic) == (12, True, True)
    items = [look(notice, p) for p in paras[start + 1 : start + 8]]
    assert [i.text for i in items] == [
        "- Thủ trưởng Phan Thị Thắng (để b/c);",
        "- Công đoàn Bộ (để b/c);",
        "- Đảng ủy Cục;",
        "- Lãnh đạo Cục;",
        "- Các đơn vị thuộc Cục;",
        "- Các Tổ CĐ trực thuộc;",
        "- Lưu: VT, VP, CĐC.",
    ]
    assert all(i.size == 11 and not i.bold and not i.italic for i in items)


def test_page_numbers_from_page_two(rendered_examples):
    for data in rendered_examples.values():
        doc = open_docx(data)
        section = doc.sections[0]
        assert section.different_first_page_header_footer
        first = section.first_page_header._element.xml
        assert "PAGE" not in first
        header = section.header
        assert "PAGE" in header._element.xml
        paragraph = next(p for p in header.paragraphs if "PAGE" in p._p.xml)
        shown = look(doc, paragraph)
        assert shown.alignment == ALIGN.CENTER
        assert 13 <= shown.size <= 14


def test_parts_appear_in_order(notice):
    text = all_text(notice)
    order = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 31/",
        "Hà Nội, ngày 12",
        "PHÁT ĐỘNG PHONG TRÀO THI ĐUA",
        "I. MỤC ĐÍCH",
        "II. NỘI DUNG THI ĐUA",
        "III. BIỆN PHÁP THỰC HIỆN",
        "./.",
        # the signature row: its left cell (the second signer, then `Nơi nhận`), then
        # its right cell (the lead)
        "TM. BAN CHẤP HÀNH",
        "Đoàn Mạnh Trường",
        "Nơi nhận:",
        "- Lưu: VT, VP, CĐC.",
        "KT. CỤC TRƯỞNG",
        "Đương Quốc Trịnh",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_template_package_is_lean():
    from generator.kinds import available_kinds

    for kind in available_kinds().values():
        assert kind.template.stat().st_size < 60_000, kind.template
