"""The register with the ND30 Phụ lục IV columns: `vanban register list|export`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import main
from generator.register.issue import issue

from .conftest import PLAN, content_file

DECREE_COLUMNS = [
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
]


@pytest.fixture
def filled(register: str, tmp_path: Path) -> str:
    out = tmp_path / "out"
    assert issue(
        [content_file(tmp_path, number=None)], register, date=dt.date(2024, 1, 12), out_dir=out
    ).ok
    assert issue(
        [content_file(tmp_path, PLAN, number=None)], register, date=dt.date(2024, 3, 8), out_dir=out
    ).ok
    assert issue(
        [content_file(tmp_path, number=None)], register, date=dt.date(2025, 1, 5), out_dir=out
    ).ok
    return register


def test_xlsx_has_the_decree_columns_and_prints_on_a4_landscape(
    filled: str, tmp_path: Path
) -> None:
    target = tmp_path / "so-van-ban-di.xlsx"
    done = CliRunner().invoke(
        main, ["register", "export", "--register", filled, "--year", "2024", "-o", str(target)]
    )
    assert done.exit_code == 0, done.output
    sheet = load_workbook(target).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2024"
    assert rows[1] == DECREE_COLUMNS
    assert rows[2] == [f"({n})" for n in range(1, 11)]
    assert [r[0] for r in rows[3:]] == ["01/PĐTĐ-CTĐP-CĐC", "01/KH-UBND"]
    plan = rows[4]
    assert plan[1] == "08/03/2024"
    assert plan[2].startswith("Kế hoạch tổ chức phong trào thi đua")
    assert plan[3] == "Lê Thị Minh Hà"
    assert plan[4].split("\n")[0] == "Ban Thi đua - Khen thưởng Trung ương (để b/c)"
    assert plan[5] == "VT, NC"
    assert plan[6] == 60
    assert plan[7:] == [None, None, None]  # filled in by hand on the printed register
    assert rows[3][2] == "Phát động phong trào thi đua năm 2024"
    # Printable: A4 landscape, one page wide, the header rows on every page.
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$2:$3"


def test_csv_and_the_issuer_filter(filled: str, tmp_path: Path) -> None:
    target = tmp_path / "so.csv"
    done = CliRunner().invoke(
        main, ["register", "export", "--register", filled, "--issuer", "CTĐP", "-o", str(target)]
    )
    assert done.exit_code == 0, done.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the letters right with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == DECREE_COLUMNS
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("01/PĐTĐ-CTĐP-CĐC", "12/01/2024"),
        ("01/PĐTĐ-CTĐP-CĐC", "05/01/2025"),
    ]
    again = CliRunner().invoke(
        main, ["register", "export", "--register", filled, "-o", str(target)]
    )
    assert again.exit_code == 1 and "--force" in again.output


def test_list_prints_the_register(filled: str) -> None:
    done = CliRunner().invoke(main, ["register", "list", "--register", filled, "--year", "2025"])
    assert done.exit_code == 0, done.output
    header, *lines = done.output.splitlines()
    assert header.split("\t") == DECREE_COLUMNS
    assert [line.split("\t")[:2] for line in lines] == [["01/PĐTĐ-CTĐP-CĐC", "05/01/2025"]]


def test_export_refuses_other_formats(sqlite_register: str, tmp_path: Path) -> None:
    done = CliRunner().invoke(
        main, ["register", "export", "--register", sqlite_register, "-o", str(tmp_path / "so.ods")]
    )
    assert done.exit_code == 2 and ".xlsx" in done.output


def test_an_unreachable_register_is_a_clear_error(tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["register", "list", "--register", str(tmp_path)])
    assert done.exit_code == 1 and "thư mục" in done.output


def test_listing_a_register_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "so-go-sai.sqlite"
    done = CliRunner().invoke(main, ["register", "list", "--register", str(missing)])
    assert done.exit_code == 1 and "chưa có sổ" in done.output
    assert not missing.exists()
