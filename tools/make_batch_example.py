"""Write content/examples/batch/units.xlsx from units.csv beside it, as office staff would keep it.

The workbook holds the same rows as the CSV, typed the way Excel types them:
document numbers are numbers (shown with two digits, `05`), dates are dates
(shown day first), the rest is text. The file is reproducible: fixed document
properties and zip timestamps, so regenerating it changes nothing in git.

    python tools/make_batch_example.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

EXAMPLE = Path(__file__).resolve().parent.parent / "content" / "examples" / "batch"
FIXED_TIME = dt.datetime(2024, 1, 1)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def cell_value(header: str, text: str) -> object:
    """The CSV text as Excel would hold it after typing it into the cell."""
    if not text:
        return None
    if header == "number":
        return int(text)
    if header == "date":
        return dt.date.fromisoformat(text)
    return text


def workbook_bytes(csv_path: Path) -> bytes:
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in body:
        sheet.append([cell_value(h, v) for h, v in zip(header, values, strict=True)])
    for column, name in enumerate(header, start=1):
        letter = sheet.cell(row=1, column=column).column_letter
        width = max(len(name), *(len(r[column - 1]) for r in body)) + 2
        sheet.column_dimensions[letter].width = min(width, 60)
        for row in range(2, len(body) + 2):
            cell = sheet.cell(row=row, column=column)
            if name == "number":
                cell.number_format = "00"
            elif name == "date":
                cell.number_format = "DD/MM/YYYY"
    book.properties.creator = "vanban"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_timestamps(raw.getvalue())


def _fixed_timestamps(package: bytes) -> bytes:
    """Zip entries dated 1980, and the modification time openpyxl sets on saving put back."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            target.writestr(fixed, data)
    return out.getvalue()


def main(argv: list[str]) -> int:
    csv_path = Path(argv[0]) if argv else EXAMPLE / "units.csv"
    xlsx_path = Path(argv[1]) if len(argv) > 1 else csv_path.with_suffix(".xlsx")
    xlsx_path.write_bytes(workbook_bytes(csv_path))
    print(f"{csv_path} → {xlsx_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
