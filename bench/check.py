"""How many documents per second `vanban check` gets through.

    .venv/bin/python bench/check.py [--seconds 3]

Measures a three-page ND30 document built here with python-docx (header table,
title, 40 body paragraphs, signature table, page-number header), and, when they
are present, a rendered example and the 16-page decree from ../shared. Prints
figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from generator.check import check_docx
from generator.check.parts import locate
from generator.check.reader import read_docx
from generator.check.text import canonical, fold
from generator.metrics import wrap

REPO = Path(__file__).resolve().parents[1]
DECREE = REPO.parent / "shared" / "fixtures" / "real" / "nd30-2020-decree.docx"
EXAMPLE = REPO / "content" / "examples" / "phat-dong-cuc-ctdp-2024.yaml"
SENTENCE = (
    "Các phòng, đơn vị thuộc Sở tổ chức phát động phong trào thi đua sâu rộng đến toàn thể "
    "cán bộ, công chức, viên chức và người lao động, gắn với việc thực hiện nhiệm vụ chính trị "
    "được giao, bảo đảm thiết thực, hiệu quả, tránh hình thức."
)
BODY_PARAGRAPHS = 28
LINES_PER_PAGE = 38  # A4, 20 mm margins, 14 pt Times New Roman at 1.15 lines, 6 pt after


def _line(container, text: str, size: float, bold: bool = False, italic: bool = False):
    par = container.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = par.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return par


def three_page_document() -> tuple[bytes, float]:
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind in ("begin", "separate", "end"):
        run = header.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "begin":
            instr = OxmlElement("w:instrText")
            instr.text = " PAGE "
            header.add_run()._r.append(instr)
    table = doc.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    _line(left, "SỞ CÔNG THƯƠNG", 13, bold=True)
    _line(left, "_" * 8, 13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    _line(right, "_" * 37, 14).runs[0].font.superscript = True
    _line(table.rows[1].cells[0], "Số: 05/KH-SCT", 13)
    _line(table.rows[1].cells[1], "Hà Nội, ngày 05 tháng 01 năm 2024", 14, italic=True)
    _line(doc, "KẾ HOẠCH", 14, bold=True)
    _line(doc, "Tổ chức phong trào thi đua năm 2024", 14, bold=True)
    _line(doc, "_" * 13, 14)
    lines = 12
    for n in range(BODY_PARAGRAPHS):
        text = f"{n + 1}. {SENTENCE}" + ("./." if n == BODY_PARAGRAPHS - 1 else "")
        par = doc.add_paragraph(text)
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        par.paragraph_format.first_line_indent = Cm(1)
        par.paragraph_format.space_after = Pt(6)
        lines += len(wrap(text, 467, 14)) + 0.4
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", 12, bold=True, italic=True)
    _line(left, "- Như trên;", 11)
    _line(left, "- Lưu: VT, VP.", 11)
    for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Nguyễn Văn An"):
        _line(right, text, 14, bold=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), (lines + 10) / LINES_PER_PAGE


def rate(fn: Callable[[], object], seconds: float) -> tuple[float, int]:
    fn()  # load the rule pack and the width table once, as a batch run would
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        # Text caches would make a repeated document look faster than a new one.
        canonical.cache_clear()
        fold.cache_clear()
        fn()
        count += 1
    elapsed = time.perf_counter() - start
    return count / elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    data, pages = three_page_document()
    inputs: list[tuple[str, bytes]] = [(f"tài liệu {pages:.1f} trang (python-docx)", data)]
    try:
        from generator.pipeline import render_content

        inputs.append((f"bản dựng mẫu {EXAMPLE.name}", render_content(EXAMPLE)))
    except Exception as exc:  # the renderer is optional here
        print(f"(bỏ qua bản dựng mẫu: {exc})")
    if DECREE.is_file():
        inputs.append(("Nghị định 30/2020 (16 trang)", DECREE.read_bytes()))
    for label, blob in inputs:
        per_sec, runs = rate(lambda blob=blob: check_docx(blob), args.seconds)
        read_rate, _ = rate(lambda blob=blob: read_docx(blob), args.seconds / 2)
        model = read_docx(blob)
        locate_rate, _ = rate(lambda model=model: locate(model), args.seconds / 2)
        print(
            f"{label}: {per_sec:.1f} văn bản/giây ({1000 / per_sec:.1f} ms/văn bản, {runs} lần)"
            f" — đọc {1000 / read_rate:.1f} ms, tìm phần {1000 / locate_rate:.1f} ms"
        )


if __name__ == "__main__":
    main()
