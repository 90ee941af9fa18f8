"""Good ND30 documents built with python-docx, and helpers to break them one fault at a time.

The documents follow nd30-format.md §1–§9 the way the project's templates do: a
borderless header table (issuer | Quốc hiệu, Tiêu ngữ; Số | date), the title and
subject, a body set through a paragraph style (so the checker must resolve styles),
a signature table with `Nơi nhận:` in its left cell, and a page number header.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from generator.check import Report, check_docx
from generator.metrics import text_width_pt

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
REAL = SHARED / "fixtures" / "real"

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT_COL = Cm(6.35)
RIGHT_COL = Cm(10.15)
CELL_MARGIN_PT = 108 / 20  # the default table style's left/right cell margin
MOTTO = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@dataclass
class Good:
    """A good document and the paragraphs a fault may change, by role."""

    doc: docx.document.Document
    variant: str
    h: dict[str, object] = field(default_factory=dict)

    def para(self, role: str) -> Paragraph:
        item = self.h[role]
        assert isinstance(item, Paragraph)
        return item

    def paras(self, role: str) -> list[Paragraph]:
        item = self.h[role]
        assert isinstance(item, list)
        return item

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def check(self) -> Report:
        return check_docx(self.bytes(), name=f"good-{self.variant}")


# -- small python-docx helpers -------------------------------------------------


def runs_of(par: Paragraph):
    return [r for r in par.runs if r.text]


def set_size(par: Paragraph, size: float) -> None:
    for run in runs_of(par):
        run.font.size = Pt(size)


def set_bold(par: Paragraph, value: bool) -> None:
    for run in runs_of(par):
        run.font.bold = value


def set_italic(par: Paragraph, value: bool) -> None:
    for run in runs_of(par):
        run.font.italic = value


def set_text(par: Paragraph, text: str) -> None:
    """Replace the text, keeping the first run's formatting."""
    runs = runs_of(par)
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def remove(par: Paragraph) -> None:
    par._p.getparent().remove(par._p)


def insert_after(par: Paragraph, text: str = "") -> Paragraph:
    new = OxmlElement("w:p")
    par._p.addnext(new)
    added = Paragraph(new, par._parent)
    if text:
        added.add_run(text)
    return added


def bottom_border(par: Paragraph) -> None:
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    bdr.append(bottom)
    ppr.append(bdr)


def add_page_field(par: Paragraph, size: float = 14) -> None:
    def run_with(child: OxmlElement) -> None:
        run = par.add_run()
        run.font.size = Pt(size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(sep)
    shown = par.add_run("2")
    shown.font.size = Pt(size)
    run_with(end)


def underscores_for(text: str, size: float, bold: bool, ratio: float, rule_size: float) -> str:
    """A run of `_` about `ratio` times as wide as `text` (the §2/§5 rules use 1/3–1/2)."""
    width = text_width_pt(text, size, bold)
    return "_" * max(3, round(ratio * width / (0.5 * rule_size)))


def line(
    cell_or_doc, text: str, size: float, bold: bool = False, italic: bool = False, align=CENTER
) -> Paragraph:
    par = cell_or_doc.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if text:
        run = par.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
    return par


def first_paragraph(cell: _Cell) -> Paragraph:
    return cell.paragraphs[0]


# -- the document --------------------------------------------------------------


def _styles(doc: docx.document.Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    body = doc.styles.add_style("VB Body", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    fmt = body.paragraph_format
    fmt.alignment = JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    recipient = doc.styles.add_style("VB Recipient", WD_STYLE_TYPE.PARAGRAPH)
    recipient.base_style = normal
    recipient.font.size = Pt(11)
    recipient.paragraph_format.space_after = Pt(0)
    recipient.paragraph_format.line_spacing = 1.0
    emphasis = doc.styles.add_style("VB Nơi nhận", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.bold = True
    emphasis.font.italic = True
    emphasis.font.size = Pt(12)


def _page(doc: docx.document.Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.alignment = CENTER
    add_page_field(par)
    section.first_page_header.is_linked_to_previous = False


def _table(doc: docx.document.Document, rows: int) -> docx.table.Table:
    table = doc.add_table(rows=rows, cols=2)
    table.autofit = False
    for row in table.rows:
        row.cells[0].width = LEFT_COL
        row.cells[1].width = RIGHT_COL
    table.columns[0].width = LEFT_COL
    table.columns[1].width = RIGHT_COL
    return table


def _motto_rule(cell: _Cell, h: dict) -> None:
    """An empty paragraph whose bottom border is as wide as the Tiêu ngữ text."""
    par = line(cell, "", 14)
    box = RIGHT_COL.pt - 2 * CELL_MARGIN_PT
    indent = (box - text_width_pt(MOTTO, 14, True)) / 2
    par.paragraph_format.left_indent = Pt(indent)
    par.paragraph_format.right_indent = Pt(indent)
    bottom_border(par)
    h["motto_rule"] = par


def _header(doc: docx.document.Document, h: dict, cong_van: bool) -> None:
    table = _table(doc, 1 if cong_van else 2)
    left, right = table.rows[0].cells
    if not cong_van:
        h["parent"] = line(left, "BỘ CÔNG THƯƠNG", 13)
    h["issuer"] = line(left, "SỞ CÔNG THƯƠNG", 13, bold=True)
    h["issuer_rule"] = line(left, underscores_for("SỞ CÔNG THƯƠNG", 13, True, 0.42, 13), 13)
    h["national_title"] = line(right, QUOC_HIEU, 13, bold=True)
    h["motto"] = line(right, MOTTO, 14, bold=True)
    _motto_rule(right, h)
    for cell in (left, right):
        remove(first_paragraph(cell))
    number_cell, date_cell = (left, right) if cong_van else table.rows[1].cells
    if not cong_van:
        for cell in (number_cell, date_cell):
            remove(first_paragraph(cell))
    h["number"] = line(number_cell, "Số: 05/KH-SCT" if not cong_van else "Số: 12/SCT-VP", 13)
    if cong_van:
        h["cv_subject"] = line(number_cell, "V/v triển khai phong trào thi đua năm 2024", 12)
        h["mark"] = line(number_cell, "KHẨN", 14, bold=True)
    h["date"] = line(date_cell, "Hà Nội, ngày 05 tháng 01 năm 2024", 14, italic=True)


def _body(doc: docx.document.Document, h: dict, cong_van: bool) -> None:
    style = doc.styles["VB Body"]
    if cong_van:
        h["addressee"] = doc.add_paragraph("Kính gửi: Các phòng, đơn vị thuộc Sở.", style=style)
    else:
        h["title"] = line(doc, "KẾ HOẠCH", 14, bold=True)
        subject = "Tổ chức phong trào thi đua năm 2024"
        h["subject"] = line(doc, subject, 14, bold=True)
        h["subject_rule"] = line(doc, underscores_for(subject, 14, True, 0.42, 14), 14)
        h["bases"] = [
            doc.add_paragraph(
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", style=style
            ),
            doc.add_paragraph(
                "Căn cứ Kế hoạch số 01/KH-UBND ngày 03 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh.",
                style=style,
            ),
        ]
        for par in h["bases"]:
            set_italic(par, True)
    texts = [
        ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        (
            "text",
            "1. Động viên cán bộ, công chức, viên chức và người lao động thi đua hoàn "
            "thành xuất sắc nhiệm vụ được giao năm 2024.",
        ),
        ("text", "a) Phát huy tinh thần đoàn kết, sáng tạo trong thực hiện nhiệm vụ;"),
        ("text", "- Gắn thi đua với cải cách hành chính, chuyển đổi số."),
        ("heading", "II. TỔ CHỨC THỰC HIỆN"),
        (
            "text",
            "Các phòng, đơn vị thuộc Sở tổ chức thực hiện Kế hoạch này, báo cáo kết quả "
            "về Văn phòng Sở trước ngày 15 tháng 12 năm 2024./.",
        ),
    ]
    h["headings"] = []
    h["body"] = []
    for kind, text in texts:
        par = doc.add_paragraph(text, style=style)
        if kind == "heading":
            set_bold(par, True)
            h["headings"].append(par)
        else:
            h["body"].append(par)
    h["body_last"] = h["body"][-1]


def _signature(doc: docx.document.Document, h: dict) -> None:
    doc.add_paragraph()
    table = _table(doc, 1)
    left, right = table.rows[0].cells
    recipient = doc.styles["VB Recipient"]
    heading = left.paragraphs[0]
    heading.style = recipient
    heading.add_run("Nơi nhận:", style="VB Nơi nhận")
    h["recipients_heading"] = heading
    h["recipients"] = [
        left.add_paragraph(text, style=recipient)
        for text in (
            "- Ủy ban nhân dân tỉnh (để b/c);",
            "- Các phòng, đơn vị thuộc Sở;",
            "- Lưu: VT, VP.",
        )
    ]
    remove(first_paragraph(right))
    h["signature_lines"] = [
        line(right, "KT. GIÁM ĐỐC", 14, bold=True),
        line(right, "PHÓ GIÁM ĐỐC", 14, bold=True),
    ]
    for _ in range(3):
        line(right, "", 14)
    h["signature_name"] = line(right, "Nguyễn Văn An", 14, bold=True)
    h["signature_table"] = table


def build_good(variant: str = "ke_hoach") -> Good:
    """`ke_hoach`: a plan with title, subject, bases and sections; `cong_van`: a letter with
    V/v, Kính gửi and an urgency mark, no title."""
    doc = docx.Document()
    _styles(doc)
    _page(doc)
    h: dict[str, object] = {}
    cong_van = variant == "cong_van"
    _header(doc, h, cong_van)
    _body(doc, h, cong_van)
    _signature(doc, h)
    h["section"] = doc.sections[0]
    h["page_number"] = doc.sections[0].header.paragraphs[0]
    return Good(doc, variant, h)


VARIANTS = ("ke_hoach", "cong_van")


@pytest.fixture(params=VARIANTS)
def good(request) -> Good:
    return build_good(request.param)


@pytest.fixture
def kit() -> SimpleNamespace:
    """The builder and editing helpers, for tests that make their own documents."""
    return SimpleNamespace(
        build=build_good,
        set_size=set_size,
        set_bold=set_bold,
        set_italic=set_italic,
        set_text=set_text,
        remove=remove,
        insert_after=insert_after,
        bottom_border=bottom_border,
        add_page_field=add_page_field,
        line=line,
        runs_of=runs_of,
        Pt=Pt,
        Cm=Cm,
        Mm=Mm,
        RGBColor=RGBColor,
        CENTER=CENTER,
        JUSTIFY=JUSTIFY,
        LEFT=WD_ALIGN_PARAGRAPH.LEFT,
        RIGHT=WD_ALIGN_PARAGRAPH.RIGHT,
        ORIENT_LANDSCAPE=WD_ORIENT.LANDSCAPE,
        qn=qn,
        OxmlElement=OxmlElement,
        MOTTO=MOTTO,
        RIGHT_COL=RIGHT_COL,
        CELL_MARGIN_PT=CELL_MARGIN_PT,
    )


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real government files not found at {REAL} (../shared beside the repo)")
    return REAL
