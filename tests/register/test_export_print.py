"""The exported register as LibreOffice prints it: A4 landscape, all ten columns across the
page, the header repeated on every page (the paper register the decree asks to close)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.pdf import find_soffice
from generator.register.export import HEADERS, xlsx_bytes
from generator.register.store import Row

from .conftest import in_ci, need_tool

ROWS = 70  # enough for several pages


def _rows() -> list[Row]:
    return [
        Row(
            scope="calendar_year",
            series="CTĐP",
            period="2024",
            number=n,
            issuer="CTĐP",
            year=2024,
            code_notation="PĐTĐ-CTĐP",
            issued_date=f"2024-{1 + n % 12:02d}-15",
            type_name="Phát động phong trào thi đua",
            subject=f"Đợt {n} năm 2024",
            organ_name="Cục Công Thương địa phương",
            signer_position="Phó Cục trưởng",
            signer_name="Đương Quốc Trịnh",
            recipients=["Công đoàn Bộ (để b/c)", "Các đơn vị thuộc Cục"],
            archive="VT, VP",
            copies=30,
            pages=2,
            files=[],
            source="x.yaml",
            created_at="2024-01-15T00:00:00+00:00",
        )
        for n in range(1, ROWS + 1)
    ]


def test_the_register_prints_on_a4_landscape_with_the_header_on_every_page(
    tmp_path: Path,
) -> None:
    soffice = find_soffice()
    if soffice is None:
        reason = "LibreOffice (soffice) is not installed"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    for tool in ("pdftotext", "pdfinfo"):
        need_tool(tool)
    sheet = tmp_path / "so-van-ban-di.xlsx"
    sheet.write_bytes(xlsx_bytes(_rows(), subtitle="NĂM 2024"))
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(sheet),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "so-van-ban-di.pdf"
    if not pdf.exists():
        reason = f"LibreOffice Calc could not print the sheet ({run.stdout}{run.stderr})"
        if in_ci():
            pytest.fail(reason + "; .ci/run installs libreoffice-calc-nogui")
        pytest.skip(reason + "; apt-get install libreoffice-calc-nogui")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    width, height = (
        float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    )
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        flat = " ".join(text.split())
        # Every column is on every page (one page wide), under its header.
        for header in (
            "Số, ký hiệu",
            "Người ký",
            "Nơi nhận văn",
            "Số lượng",
            "Ký nhận",
            "Ghi chú",
            "(10)",
        ):
            assert header in flat, (page, header)
    assert "70/PĐTĐ-CTĐP" in flat
    assert len(HEADERS) == 10
