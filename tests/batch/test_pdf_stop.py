"""`vanban batch --pdf` with the real LibreOffice, stopped by a real signal in its PDF step:
it stops between documents, leaves only whole PDFs, and its manifest names them."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.pdf import find_soffice, pdf_complete
from tests.parts import need

from .conftest import HEADER, good_rows, write_csv

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="process groups as on Linux"
)

ROWS = 8


def _soffice() -> None:
    if find_soffice() is None:
        need("LibreOffice", "apt-get install libreoffice-writer")


def _start(master: Path, units: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "generator.cli", "batch", str(master), "--data"]
    command += [str(units), "--out-dir", str(out), "--check", "none", "--pdf", "-q", *extra]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _manifest(out: Path) -> list[dict[str, str]]:
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_pdf_step_stopped_by_sigint_leaves_whole_pdfs_named_in_the_manifest(
    master: Path, tmp_path: Path
) -> None:
    _soffice()
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(ROWS))
    out = tmp_path / "out"
    process = _start(master, units, out)
    # Wait for the PDF step to have made its first PDF, then stop it, as Ctrl-C would.
    deadline = time.monotonic() + 120
    while not list(out.glob("*.pdf")) and process.poll() is None:
        assert time.monotonic() < deadline, "no PDF within two minutes"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the PDF step did not stop")
    assert "Traceback" not in stderr, stderr
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert process.returncode == 130, (process.returncode, stderr)
    assert "manifest.csv" in stderr
    # Stopped between documents: fewer PDFs than documents, every one of them whole...
    assert 0 < len(pdfs) < ROWS, pdfs
    assert all(pdf_complete(out / name) for name in pdfs)
    assert not [p.name for p in out.iterdir() if p.suffix not in (".docx", ".pdf", ".csv")]
    # ...and the manifest names exactly those, beside the document each was made from.
    rows = _manifest(out)
    assert len(rows) == ROWS and {r["status"] for r in rows} == {"ok"}
    named = sorted(r["pdf"] for r in rows if r["pdf"])
    assert named == pdfs
    assert all(r["pdf"] == Path(r["file"]).with_suffix(".pdf").name for r in rows if r["pdf"])


def test_a_document_libreoffice_cannot_convert_is_a_diagnostic_of_its_row(
    master: Path, tmp_path: Path
) -> None:
    _soffice()
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(2))
    out = tmp_path / "out"
    # The batch writes its documents; the first is then broken before its PDF is made.
    from generator.batch import pdfs
    from generator.batch.runner import BatchOptions, run_batch

    report = run_batch(BatchOptions(master, units, out_dir=out, check="none"))
    first = out / report.written[0].file
    first.write_bytes(b"PK\x03\x04" + b"not a document")  # a broken package
    result = pdfs.batch_pdfs(report)
    (problem,) = result.problems
    assert problem.code == "pdf.failed"
    assert problem.location is not None and problem.location.file == str(units)
    assert getattr(problem.location, "line", None) == report.written[0].line
    assert list(result.made) == [report.written[1].line]
    assert pdf_complete(result.made[report.written[1].line])
    rows = _manifest(out)
    assert [bool(r["pdf"]) for r in rows] == [False, True]
