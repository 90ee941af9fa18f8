"""Write the award list of the decision example (content/examples/data/khen-thuong-2023.xlsx).

    python tools/make_award_list.py

Every name is invented (the seeds give none): family, middle and given names are combined
in a fixed order, so the list is the same each time. The workbook is what an office
exports from its spreadsheet: an `STT` column (vanban numbers the rows itself and ignores
it), a `Nhóm` column the decision groups by, then the columns printed in the annex.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

OUT = (
    Path(__file__).resolve().parent.parent
    / "content"
    / "examples"
    / "data"
    / "khen-thuong-2023.xlsx"
)
HEADER = ["STT", "Nhóm", "Tên tập thể, họ và tên cá nhân", "Chức vụ", "Đơn vị"]
UNITS = [
    "Văn phòng Sở",
    "Phòng Quản lý công nghiệp",
    "Phòng Quản lý thương mại",
    "Phòng Quản lý năng lượng",
    "Thanh tra Sở",
    "Trung tâm Khuyến công và Xúc tiến thương mại",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Thanh", "Quốc", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
    "Bảo",
    "Cường",
    "Diệp",
    "Hòa",
    "Kiên",
    "Lộc",
    "Nhung",
    "Oanh",
    "Phúc",
    "Thắng",
]
TITLES = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Kế toán viên",
    "Thanh tra viên",
]


def rows() -> list[list[object]]:
    out: list[list[object]] = []
    for i, unit in enumerate(UNITS):
        out.append([len(out) + 1, "Tập thể", unit, None, "Sở Công Thương tỉnh Lạng Sơn"])
        if i == 1:
            out.append(
                [
                    len(out) + 1,
                    "Tập thể",
                    "Công đoàn cơ sở Sở Công Thương",
                    None,
                    "Sở Công Thương tỉnh Lạng Sơn",
                ]
            )
    for i, given in enumerate(GIVEN):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i * 3) % len(MIDDLE)]} {given}"
        out.append([len(out) + 1, "Cá nhân", name, TITLES[i % len(TITLES)], UNITS[i % len(UNITS)]])
    return out


def workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(HEADER)
    for row in rows():
        sheet.append(row)
    fixed = dt.datetime(2024, 1, 1)
    book.properties.created = book.properties.modified = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(workbook_bytes())
    print(OUT, len(rows()), "rows")


if __name__ == "__main__":
    main()
