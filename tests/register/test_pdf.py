"""What LibreOffice prints at issue: PDF/A-2b for archiving, the page count in the sidecar,
and documents left for the signing tool to number (blank number, day and month, no images)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.content.load import load_content
from generator.pdf import convert_to_pdf, find_soffice
from generator.produce import make
from generator.register.issue import issue

from .conftest import content_file, in_ci, need_tool


@pytest.fixture(autouse=True)
def office() -> None:
    if find_soffice() is None:
        reason = "LibreOffice (soffice) is not installed"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    for tool in ("pdftotext", "pdfinfo", "pdfimages"):
        need_tool(tool)


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_pdf_a_declares_pdf_a_2b_and_the_sidecar_counts_its_pages(
    sqlite_register: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = issue(
        [content_file(tmp_path, number=None)],
        sqlite_register,
        date=dt.date(2024, 1, 12),
        out_dir=out,
        pdf_a=True,
    )
    assert result.ok, result.errors
    pdf = out / "phat_dong-ctdp-01-2024.pdf"
    assert sorted(p.name for p in out.iterdir()) == [
        "phat_dong-ctdp-01-2024.docx",
        "phat_dong-ctdp-01-2024.json",
        pdf.name,
    ]
    xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp)
    conformance = re.search(r"pdfaid:conformance(?:>|=\")([A-Za-z])", xmp)
    assert part and part.group(1) == "2", xmp
    assert conformance and conformance.group(1).upper() == "B", xmp
    assert "Số: 01/PĐTĐ-CTĐP-CĐC" in text_of(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    sidecar = json.loads((out / "phat_dong-ctdp-01-2024.json").read_text("utf-8"))
    assert sidecar["PageAmount"] == pages


def test_plain_pdf_is_not_pdf_a(sqlite_register: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert issue(
        [content_file(tmp_path, number=None)],
        sqlite_register,
        date=dt.date(2024, 1, 12),
        out_dir=out,
        pdf=True,
    ).ok
    reader = PdfReader(out / "phat_dong-ctdp-01-2024.pdf")
    metadata = reader.trailer["/Root"].get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata else ""
    assert "pdfaid:part" not in xmp


def test_a_document_for_the_signing_tool_keeps_number_day_month_blank(tmp_path: Path) -> None:
    """nd30-format.md §14: the clerk stamps number and date onto the signed PDF, and the
    signing tool lays the signature and seal images into the signature space."""
    content = load_content(content_file(tmp_path, number=None, date=None, year=2024))
    docx = tmp_path / "ky-so.docx"
    docx.write_bytes(make(content).docx)
    (pdf,) = convert_to_pdf([docx])
    lines = text_of(pdf).splitlines()
    number = next(line for line in lines if "Số:" in line)
    assert re.search(r"Số:\s{3,}/PĐTĐ-CTĐP-CĐC", number), number
    assert not re.search(r"Số:\s*\d", number)
    date = next(line for line in lines if "Hà Nội, ngày" in line)
    assert re.search(r"ngày\s{3,}tháng\s{3,}năm 2024", date), date
    # No pasted images anywhere: not in the package, not on the printed page.
    with zipfile.ZipFile(docx) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<w:drawing" not in xml and "<w:pict" not in xml
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert images[2:] == []  # only the two header lines of the listing
    # The signer's position and name with the space between them kept clear.
    position = next(i for i, line in enumerate(lines) if "PHÓ CỤC TRƯỞNG" in line)
    name = next(i for i, line in enumerate(lines) if "Đương Quốc Trịnh" in line)
    assert name - position >= 4
    assert all(not line[40:].strip() for line in lines[position + 1 : name])
