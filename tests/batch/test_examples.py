"""The batch examples: the Cụm XI launch notices (CSV and Excel) and the covenants of 28 blocs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .conftest import BATCH, ROOT, docx_files, manifest, run_batch_cli

PATTERN = "{kind}-{place}-{number}"


def test_units_csv_and_xlsx_make_the_same_documents(tmp_path: Path) -> None:
    for data in ("units.csv", "units.xlsx"):
        result = run_batch_cli(
            BATCH / "phat-dong-master.yaml",
            "--data",
            BATCH / data,
            "--out-dir",
            tmp_path / data,
            "--name",
            PATTERN,
        )
        assert result.exit_code == 0, result.stderr
    csv_rows, xlsx_rows = manifest(tmp_path / "units.csv"), manifest(tmp_path / "units.xlsx")
    assert [(e.file, e.sha256) for e in csv_rows] == [(e.file, e.sha256) for e in xlsx_rows]
    assert docx_files(tmp_path / "units.csv") == [
        "phat_dong-an-giang-05.docx",
        "phat_dong-bac-lieu-03.docx",
        "phat_dong-ca-mau-15.docx",
        "phat_dong-hau-giang-12.docx",
        "phat_dong-kien-giang-07.docx",
        "phat_dong-thanh-pho-can-tho-08.docx",
    ]


def test_one_covenant_for_each_bloc_of_decision_309(tmp_path: Path) -> None:
    result = run_batch_cli(
        BATCH / "giao-uoc-master.yaml", "--data", BATCH / "blocs.yaml", "--out-dir", tmp_path
    )
    assert result.exit_code == 0, result.stderr
    names = docx_files(tmp_path)
    assert len([n for n in names if n.startswith("giao_uoc-ktd")]) == 17
    assert len([n for n in names if n.startswith("giao_uoc-ctd")]) == 11


def test_the_committed_workbook_is_what_the_tool_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_batch_example", ROOT / "tools" / "make_batch_example.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.workbook_bytes(BATCH / "units.csv") == (BATCH / "units.xlsx").read_bytes()
