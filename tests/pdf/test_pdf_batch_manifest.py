"""`vanban batch --pdf`: the manifest names each row's PDF, made by the real LibreOffice."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.batch.manifest import read_manifest
from generator.cli import main
from tests.batch.conftest import HEADER, MASTER, good_rows, write_csv


def test_the_manifest_names_each_pdf(office: str, tmp_path: Path) -> None:
    master = tmp_path / "master.yaml"
    master.write_text(MASTER, encoding="utf-8")
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(2) + [["x", "", "", ""]])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(master),
            "--data",
            str(units),
            "--out-dir",
            str(out),
            "--name",
            "{row}",
            "--pdf",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output  # the third row is wrong
    entries = {e.row: e for e in read_manifest(out / "manifest.csv")}
    assert entries[2].pdf == "2.pdf" and entries[3].pdf == "3.pdf" and entries[4].pdf == ""
    for row in (2, 3):
        pdf = out / entries[row].pdf
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.with_suffix(".docx").is_file()
