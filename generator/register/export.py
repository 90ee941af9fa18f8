"""The register as the decree prints it: ND30 Phụ lục IV, Mục I.2, ten columns.

`table()` gives the header and the rows as text; `write_csv` and `write_xlsx` write
them. The XLSX is laid out to be printed and closed as the paper register
(ND Điều 16.2b): A4 landscape, the header rows repeated on every page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from generator.output import write_atomic
from generator.register import entry
from generator.register.store import Row

TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
HEADERS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
"""The ten columns of ND30 Phụ lục IV Mục I.2 (nd30-format.md §14), in the decree's order."""

WIDTHS = (16, 12, 44, 18, 34, 16, 8, 11, 12, 14)
"""Column widths in characters: the ten fill an A4 landscape page between its margins."""


def cells(row: Row, *, lines: str = "\n") -> list[str | int | None]:
    """One register row's ten values; recipients one to a line (`lines` joins them)."""
    return [
        entry.number_and_code(row.number, row.code_notation),
        entry.day_first(row.issued_date),
        entry.summary(row.type_name, row.subject),
        row.signer_name,
        lines.join(row.recipients),
        row.archive,
        row.copies,
        row.sent_date,
        row.received_by,
        row.note,
    ]


def table(rows: Sequence[Row]) -> list[list[str]]:
    """The header and every row as text (recipients joined by `; `), for the terminal."""
    out = [list(HEADERS)]
    for row in rows:
        out.append(["" if v is None else str(v) for v in cells(row, lines="; ")])
    return out


def csv_bytes(rows: Sequence[Row]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in cells(row, lines="; ")])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Sequence[Row], *, subtitle: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)

    sheet.append([f"{TITLE} {subtitle}".strip()])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.cell(1, 1).font = Font(name="Times New Roman", size=14, bold=True)
    sheet.cell(1, 1).alignment = centre
    sheet.append(list(HEADERS))
    sheet.append([f"({n})" for n in range(1, len(HEADERS) + 1)])
    for column in range(1, len(HEADERS) + 1):
        for header_row in (2, 3):
            cell = sheet.cell(header_row, column)
            cell.font, cell.alignment, cell.border = bold, centre, box
    for row in rows:
        sheet.append(cells(row))
        for cell in sheet[sheet.max_row]:
            cell.font, cell.alignment, cell.border = font, top, box
    for n, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width

    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:3"  # the header and the column numbers on every page
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export(rows: Sequence[Row], target: Path, *, force: bool = False, subtitle: str = "") -> Path:
    """Write the register to `target` (`.xlsx` or `.csv`), atomically."""
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data = xlsx_bytes(rows, subtitle=subtitle)
    elif suffix == ".csv":
        data = csv_bytes(rows)
    else:
        raise ValueError(f"{target}: tên tệp phải có đuôi .xlsx hoặc .csv")
    return write_atomic(target, data, force=force)
