"""The kinds of the rest of the emulation year: decision, letter, submission, report, notice.

Expected values come from content-format.md ("More kinds", "Tables and annexes") and
nd30-format.md (§5, §6, §8, §9, §13), applied to the content files by hand here; what
is found is read from the DOCX the program produced, formatting resolved through styles.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from generator.check import check_docx
from generator.content.load import load_content
from generator.pipeline import render_model

from .conftest import EXAMPLES
from .docxread import look

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NEW = {
    "quyet_dinh": EXAMPLES / "quyet-dinh-khen-thuong-sct-lang-son-2023.yaml",
    "cong_van": EXAMPLES / "cong-van-huong-dan-tong-ket-bct-2023.yaml",
    "to_trinh": EXAMPLES / "to-trinh-de-nghi-khen-thuong-cum-iii-2023.yaml",
    "bao_cao": EXAMPLES / "bao-cao-cum-iii-bct-2023.yaml",
    "thong_bao": EXAMPLES / "thong-bao-ket-qua-cum-iii-2023.yaml",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, bytes]:
    return {kind: render_model(load_content(path)).docx for kind, path in NEW.items()}


def body_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{W}body")


def paragraph(doc, text: str):
    found = [p for p in doc.paragraphs if p.text == text]
    assert found, f"no paragraph {text!r} in {[p.text for p in doc.paragraphs]}"
    return found[0]


@pytest.mark.parametrize("kind", list(NEW))
def test_every_new_kind_passes_the_checker(docs: dict[str, bytes], kind: str) -> None:
    report = check_docx(docs[kind])
    assert report.ok, [str(r) for r in report.errors]
    assert Document(io.BytesIO(docs[kind])).paragraphs  # opens in python-docx


def test_decision_parts_in_order(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["quyet_dinh"]))
    texts = [p.text for p in doc.paragraphs]
    order = [
        "QUYẾT ĐỊNH",
        "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN",
        "Theo đề nghị của Chánh Văn phòng Sở.",
        "QUYẾT ĐỊNH:",
    ]
    assert [texts.index(t) for t in order] == sorted(texts.index(t) for t in order)
    # With a proposal after them, the last căn cứ ends with `;` too (content-format.md).
    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert len(bases) == 3 and all(t.endswith(";") for t in bases)
    enacted = look(doc, paragraph(doc, "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN"))
    assert enacted.bold and enacted.alignment == WD_ALIGN_PARAGRAPH.CENTER
    decision = look(doc, paragraph(doc, "QUYẾT ĐỊNH:"))
    assert decision.bold and decision.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert look(doc, paragraph(doc, "Theo đề nghị của Chánh Văn phòng Sở.")).italic


def test_articles_are_numbered_with_the_label_bold(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["quyet_dinh"]))
    articles = [p for p in doc.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(" ", 2)[1] for p in articles] == ["1.", "2.", "3."]
    for p in articles:
        runs = [r for r in p.runs if r.text.strip()]
        assert runs[0].text.strip().startswith("Điều") and runs[0].bold
        assert not any(r.bold for r in runs[1:])
    assert articles[-1].text.endswith("thi hành Quyết định này./.")


def test_award_list_read_from_xlsx_is_grouped_and_numbered(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["quyet_dinh"]))
    table = doc.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    # `STT` added by vanban; the workbook's own STT and the grouped column are not repeated.
    assert header == ["STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ", "Đơn vị"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    headings = [r for r in rows if r[0] in ("I", "II")]
    assert [(r[0], r[1]) for r in headings] == [("I", "TẬP THỂ"), ("II", "CÁ NHÂN")]
    people = [r for r in rows if r[0] not in ("I", "II")]
    assert len(people) >= 40
    split = rows.index(headings[1])
    assert [r[0] for r in rows[1:split]] == [str(i) for i in range(1, split)]
    assert rows[split + 1][0] == "1"  # numbered from 1 in each group
    xml = body_xml(docs["quyet_dinh"])
    tables = xml.findall(f"{W}tbl")
    first = tables[-1].find(f"{W}tr")
    assert first.find(f"{W}trPr/{W}tblHeader") is not None  # repeats on every page
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in tables[-1].findall(f"{W}tr"))


def test_annex_has_its_own_section_numbered_from_one(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["quyet_dinh"]))
    assert len(doc.sections) == 2
    assert doc.sections[1].start_type == 2  # new page
    number = doc.sections[1]._sectPr.find(f"{W}pgNumType")
    assert number is not None and number.get(f"{W}start") == "1"
    ref = paragraph(
        doc,
        "(Kèm theo Quyết định số 18/QĐ-SCT ngày 22 tháng 01 năm 2024 của "
        "Giám đốc Sở Công Thương tỉnh Lạng Sơn)",
    )
    assert look(doc, ref).italic
    title = look(doc, paragraph(doc, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN NĂM 2023"))
    assert title.bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_landscape_annex_of_a_submission(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["to_trinh"]))
    first, annex = doc.sections
    assert first.page_width < first.page_height
    assert annex.page_width > annex.page_height
    assert (
        "(Kèm theo Tờ trình số 03/TTr-CTĐIII ngày 15 tháng 01 năm 2024 của Cụm thi đua số III)"
        in [p.text for p in doc.paragraphs]
    )


def test_letter_has_vv_under_the_number_and_no_title(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["cong_van"]))
    left = doc.tables[0].rows[1].cells[0]
    lines = [p.text for p in left.paragraphs if p.text]
    assert lines == [
        "Số: 125/BCT-TĐKT",
        "V/v Hướng dẫn tổng kết công tác thi đua, khen thưởng năm 2023",
        "KHẨN",
    ]
    vv = look(doc, left.paragraphs[[p.text for p in left.paragraphs].index(lines[1])])
    assert not vv.bold and 12 <= vv.size <= 13
    urgent = left.paragraphs[[p.text for p in left.paragraphs].index("KHẨN")]
    assert look(doc, urgent).bold
    assert not any(p.text in ("CÔNG VĂN",) for p in doc.paragraphs)
    texts = [p.text for p in doc.paragraphs]
    assert "Kính gửi:\t- Sở Công Thương tỉnh Bắc Kạn;" in texts
    assert "\t- Sở Công Thương tỉnh Hà Giang." in texts  # the tab brings it under the first
    recipients = doc.tables[-1].rows[0].cells[0].paragraphs
    assert recipients[1].text == "- Như trên;"


def test_report_sections_and_score_table(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["bao_cao"]))
    texts = [p.text for p in doc.paragraphs]
    assert [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.")] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert "Kính gửi:\tHội đồng Thi đua - Khen thưởng Bộ Công Thương" in texts
    scores = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"][0]
    cells = [[c.text for c in r.cells] for r in scores.rows]
    assert cells[0] == ["STT", "Đơn vị", "Điểm tự chấm", "Điểm Cụm chấm", "Xếp hạng"]
    assert cells[1] == ["1", "Sở Công Thương tỉnh Lạng Sơn", "97,5", "97", "1"]
    assert cells[3][3] == "94,75"
    assert len(cells) == 5  # the four members of Cụm III


# --- bad input ------------------------------------------------------------------------

BASE = """\
kind: quyet_dinh
issuers: [{parent: Ủy ban nhân dân tỉnh Nghệ An, name: Sở Nội vụ, abbr: SNV}]
place: Nghệ An
date: 2024-01-22
subject: Về việc tặng Giấy khen
enacted_by: Giám đốc Sở Nội vụ
articles: [Tặng Giấy khen., Quyết định này có hiệu lực kể từ ngày ký.]
signatories: [{title: Giám đốc, name: Nguyễn Văn An}]
recipients: [Như Điều 2]
"""


def problems_of(tmp_path: Path, text: str, files: dict[str, bytes] | None = None) -> list[str]:
    from click.testing import CliRunner

    from generator.cli import main

    for name, data in (files or {}).items():
        (tmp_path / name).write_bytes(data)
    path = tmp_path / "qd.yaml"
    path.write_text(text, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(path), "--out-dir", str(out)])
    assert result.exit_code == 1, result.output
    assert not out.exists() or not any(out.iterdir())  # nothing written
    return [
        line
        for line in (result.stderr or result.output).splitlines()
        if "qd.yaml" in line or ".csv" in line or ".xlsx" in line
    ]


def test_the_base_of_the_bad_variants_is_good(tmp_path: Path) -> None:
    path = tmp_path / "qd.yaml"
    path.write_text(BASE, "utf-8")
    assert check_docx(render_model(load_content(path)).docx).ok


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (("kind: quyet_dinh", "kind: phat_dong"), "7:1: articles", "không có trường `articles`"),
        (("enacted_by: Giám đốc Sở Nội vụ\n", ""), ":1:1:", "phải có `enacted_by`"),
        (
            ("enacted_by: Giám đốc Sở Nội vụ", "enacted_by: Sở Nội vụ"),
            "6:13: enacted_by",
            "phải ký `TM.`",
        ),
        (
            (
                "signatories: [{title: Giám đốc,",
                "signatories: [{authority: TM. Sở Nội vụ, title: Giám đốc,",
            ),
            "6:13: enacted_by",
            "không khớp",
        ),
        (("date: 2024-01-22", "date: 2024-01-22\nurgency: Gấp"), "5:10: urgency", "độ khẩn"),
        (
            (
                "subject: Về việc tặng Giấy khen",
                "subject: Về việc tặng Giấy khen\ndrafting_unit: VP",
            ),
            "6:1: drafting_unit",
            "không có trường",
        ),
    ],
)
def test_bad_variant_is_a_located_error(
    tmp_path: Path, change: tuple[str, str], where: str, words: str
) -> None:
    lines = problems_of(tmp_path, BASE.replace(*change))
    assert any(where in line and words in line for line in lines), lines


TABLE = (
    BASE
    + """annexes:
  - title: Danh sách
    columns: [Họ và tên, Đơn vị]
    rows:
      - [Trần Thị Bình, Văn phòng]
      - [Lê Văn Cường]
"""
)


def test_table_row_of_the_wrong_length(tmp_path: Path) -> None:
    lines = problems_of(tmp_path, TABLE)
    assert any(":15:9: annexes[0].rows[1]: hàng có 1 ô, bảng có 2 cột" in line for line in lines), (
        lines
    )


def test_missing_data_file(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: khong-co.xlsx\n"
    lines = problems_of(tmp_path, text)
    assert any(":12:11: annexes[0].data: không tìm thấy tệp dữ liệu" in line for line in lines), (
        lines
    )


def test_data_file_row_too_long_is_located_in_the_file(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n"
    csv = "STT,Họ và tên,Đơn vị\n1,Trần Thị Bình,Văn phòng\n2,Lê Văn Cường,Văn phòng,thừa\n"
    lines = problems_of(tmp_path, text, {"ds.csv": csv.encode()})
    assert any("ds.csv:3:4: hàng có 4 ô" in line for line in lines), lines


def test_empty_data_file(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n"
    lines = problems_of(tmp_path, text, {"ds.csv": b"\n\n"})
    assert any("ds.csv: tệp dữ liệu không có hàng nào" in line for line in lines), lines


def test_data_file_with_only_its_column_names(tmp_path: Path) -> None:
    # A list left unfilled: the file is named, below its header, not the YAML's `rows`.
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n"
    lines = problems_of(tmp_path, text, {"ds.csv": "STT,Họ và tên,Đơn vị\n".encode()})
    assert any("ds.csv:2:1: tệp dữ liệu chỉ có hàng tên cột" in line for line in lines), lines
    assert not any("thêm `rows`" in line for line in lines), lines


def test_unknown_group_by_is_guessed_and_the_rows_still_checked(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n    group_by: Nhom\n"
    csv = "Nhóm,Họ và tên\nTập thể,Văn phòng\nCá nhân,Trần Thị Bình,thừa\n"
    lines = problems_of(tmp_path, text, {"ds.csv": csv.encode()})
    assert any(
        "annexes[0].group_by: tệp dữ liệu không có cột `Nhom`" in line and "`Nhóm`?" in line
        for line in lines
    ), lines
    assert any("ds.csv:3:3: hàng có 3 ô" in line for line in lines), lines


def test_a_file_that_is_not_a_workbook_has_a_hint(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.xlsx\n"
    lines = problems_of(tmp_path, text, {"ds.xlsx": "Họ và tên;Đơn vị\n".encode()})
    found = [line for line in lines if "ds.xlsx: không đọc được tệp Excel" in line]
    assert found and "gợi ý:" in found[0] and ".xlsx" in found[0].split("gợi ý:")[1], lines


def test_data_file_csv_groups_and_numbers(tmp_path: Path) -> None:
    csv = (
        "STT,Nhóm,Họ và tên,Tiền thưởng\n1,Tập thể,Văn phòng,1500000\n"
        "2,Cá nhân,Trần Thị Bình,750000.5\n3,Tập thể,Thanh tra,1500000\n"
    )
    (tmp_path / "ds.csv").write_text(csv, "utf-8")
    path = tmp_path / "qd.yaml"
    path.write_text(
        BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n    group_by: Nhóm\n", "utf-8"
    )
    doc = Document(io.BytesIO(render_model(load_content(path)).docx))
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert rows == [
        ["STT", "Họ và tên", "Tiền thưởng"],
        ["I", "TẬP THỂ", "TẬP THỂ"],  # one cell spanning both columns
        ["1", "Văn phòng", "1.500.000"],
        ["2", "Thanh tra", "1.500.000"],
        ["II", "CÁ NHÂN", "CÁ NHÂN"],
        ["1", "Trần Thị Bình", "750.000,5"],
    ]
    # With no number, the annex's reference leaves its place blank, as the date line does.
    assert any(
        p.text.startswith("(Kèm theo Quyết định số      /QĐ-SNV ngày 22 tháng 01")
        for p in doc.paragraphs
    )


def test_data_file_row_too_short_is_located_in_the_file(tmp_path: Path) -> None:
    text = BASE + "annexes:\n  - title: Danh sách\n    data: ds.csv\n"
    csv = "STT,Họ và tên,Đơn vị\n1,Trần Thị Bình,Văn phòng\n2,Lê Văn Cường\n"
    lines = problems_of(tmp_path, text, {"ds.csv": csv.encode()})
    assert any("ds.csv:3:3: hàng có 2 ô, ít hơn 3 cột" in line for line in lines), lines


def test_an_unknown_regime_is_reported_where_it_is_written(tmp_path: Path) -> None:
    lines = problems_of(tmp_path, BASE + "regime: dang_uy\n")
    assert any(":10:9: regime: thể thức `dang_uy` không có" in line for line in lines), lines
    assert any("`dang`" in line and "`doan`" in line for line in lines), lines
    path = tmp_path / "ok.yaml"
    path.write_text(BASE + "regime: nha_nuoc\n", "utf-8")
    assert check_docx(render_model(load_content(path)).docx).ok


def test_a_notice_may_use_the_named_sections_of_a_launch_notice(tmp_path: Path) -> None:
    path = tmp_path / "tb.yaml"
    path.write_text(
        "kind: thong_bao\nissuer: {name: Cụm thi đua số III, abbr: CTĐIII}\nplace: Lạng Sơn\n"
        "date: 2024-01-12\ncontents: [Nội dung một.]\nsections: [{heading: Kết quả, items: [Một.]}]\n"
        "signatories: [{authority: TM. Cụm thi đua số III, title: Cụm trưởng, name: Hoàng Văn Tuấn}]\n"
        "recipients: [Các đơn vị]\n",
        "utf-8",
    )
    texts = [p.text for p in Document(io.BytesIO(render_model(load_content(path)).docx)).paragraphs]
    assert "I. NỘI DUNG" in texts and "II. KẾT QUẢ" in texts


@pytest.mark.parametrize(
    ("typed", "mark", "width_mm"),
    [("Khẩn", "KHẨN", 20), ("Thượng khẩn", "THƯỢNG KHẨN", 40), ("Hỏa tốc", "HỎA TỐC", 30)],
)
def test_urgency_stands_in_a_frame_the_size_of_its_stamp(
    tmp_path: Path, typed: str, mark: str, width_mm: int
) -> None:
    # nd30-format.md §9 (P1 III.2b): 20×8, 40×8, 30×8 mm, single line, red.
    text = NEW["cong_van"].read_text("utf-8").replace("urgency: Khẩn", f"urgency: {typed}")
    path = tmp_path / "cv.yaml"
    path.write_text(text, "utf-8")
    doc = Document(io.BytesIO(render_model(load_content(path)).docx))
    cell = doc.tables[0].rows[1].cells[0]
    para = next(p for p in cell.paragraphs if p.text == mark)
    style = para.style
    border = style.element.find(f"{W}pPr/{W}pBdr")
    assert [e.tag.split("}")[1] for e in border] == ["top", "left", "bottom", "right"]
    assert {e.get(f"{W}val") for e in border} == {"single"}
    assert {e.get(f"{W}color") for e in border} == {"FF0000"}
    inner = cell.width.mm - 2 * 57 / 56.7  # the header cell less its side margins
    indent = style.paragraph_format.left_indent.mm
    assert style.paragraph_format.right_indent.mm == pytest.approx(indent)
    assert inner - 2 * indent == pytest.approx(width_mm, abs=1.5)


def test_a_landscape_annex_table_takes_the_turned_page_width(docs: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(docs["to_trinh"]))
    annex = doc.sections[1]
    text_width = annex.page_width - annex.left_margin - annex.right_margin
    table = body_xml(docs["to_trinh"]).findall(f"{W}tbl")[-1]
    grid = sum(int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol"))
    assert abs(grid - text_width / 635) <= 10  # EMU to twips
    portrait = Document(io.BytesIO(docs["quyet_dinh"])).sections[1]
    assert portrait.page_width < portrait.page_height  # the decision's annex stays upright
