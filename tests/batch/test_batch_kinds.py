"""Batch works for every kind: one document per unit, from the example of each new kind."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document

from generator.check import check_docx

from .conftest import ROOT, docx_files, manifest, run_batch_cli, write_csv

EXAMPLES = ROOT / "content" / "examples"
UNITS = [
    ["Sở Công Thương tỉnh Bắc Kạn", "SCTBK", "Bắc Kạn", "Nông Thị Thảo"],
    ["Sở Công Thương tỉnh Cao Bằng", "SCTCB", "Cao Bằng", "Lương Văn Hải"],
    ["Sở Công Thương tỉnh Hà Giang", "SCTHG", "Hà Giang", "Vàng Văn Páo"],
]
HEADER = ["issuers.0.name", "issuers.0.abbr", "place", "signatories.0.name"]


@pytest.mark.parametrize(
    "example",
    [
        "to-trinh-de-nghi-khen-thuong-cum-iii-2023.yaml",
        "bao-cao-cum-iii-bct-2023.yaml",
        "quyet-dinh-khen-thuong-sct-lang-son-2023.yaml",
        "cong-van-huong-dan-tong-ket-bct-2023.yaml",
        "thong-bao-ket-qua-cum-iii-2023.yaml",
    ],
)
def test_one_document_per_unit(tmp_path: Path, example: str) -> None:
    # The master beside its data files, as an office keeps them (annex data is relative to it).
    shutil.copytree(EXAMPLES / "data", tmp_path / "data")
    master = tmp_path / example
    text = (EXAMPLES / example).read_text("utf-8")
    if "quyet-dinh" in example:  # each unit's director enacts its own decision
        text = text.replace(
            "enacted_by: Giám đốc Sở Công Thương tỉnh Lạng Sơn", "enacted_by: Giám đốc"
        )
    text = text.replace(
        "- authority: TL. Bộ trưởng\n    title: Vụ trưởng Vụ Thi đua - Khen thưởng",
        "- title: Giám đốc",
    )
    master.write_text(text, "utf-8")
    units = write_csv(tmp_path / "units.csv", HEADER, UNITS)
    out = tmp_path / "out"
    result = run_batch_cli(
        master, "--data", units, "--out-dir", out, "--check", "all", "--name", "{kind}-{row}"
    )
    assert result.exit_code == 0, result.stderr or result.output
    names = docx_files(out)
    assert len(names) == 3 and [e.status for e in manifest(out)] == ["ok"] * 3
    for name, unit in zip(names, UNITS, strict=True):
        data = (out / name).read_bytes()
        assert check_docx(data).ok
        header = Document(io.BytesIO(data)).tables[0]
        # The issuer's name in capitals, broken where a clerk breaks it.
        assert unit[0].upper() in header.rows[0].cells[0].text.replace("\n", " ")
        assert unit[1] in header.rows[1].cells[0].text.split("/")[1].split("-")
