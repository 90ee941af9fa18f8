"""Shared pieces of the batch tests: a small master, units files, and running `vanban batch`."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.batch.manifest import Entry, read_manifest
from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "content" / "examples" / "batch"

MASTER = """\
kind: phat_dong
issuers:
  - parent: Ủy ban nhân dân tỉnh An Giang
    name: Sở Công Thương
    abbr: SCT
number: 1
place: An Giang
date: 2024-01-15
subject: Năm 2024
contents:
  - Thi đua hoàn thành tốt nhiệm vụ năm 2024.
signatories:
  - title: Giám đốc
    name: Người Ký
recipients:
  - Bộ Công Thương (để b/c)
  - Các phòng thuộc Sở
archive: [VP]
"""

HEADER = ["number", "place", "issuers.0.abbr", "signatories.0.name"]


def good_rows(n: int) -> list[list[str]]:
    return [[f"{i + 1:02d}", f"Tỉnh {i + 1}", f"SCT{i + 1}", f"Người Ký {i + 1}"] for i in range(n)]


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = tmp_path / "master.yaml"
    path.write_text(MASTER, encoding="utf-8")
    return path


def run_batch_cli(*args: object) -> Result:
    return CliRunner().invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def docx_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.docx"))


def leftovers(folder: Path) -> list[str]:
    """Anything a batch must never leave behind: partial files and its staging folder."""
    if not folder.exists():
        return []
    return sorted(
        p.name
        for p in folder.rglob("*")
        if p.name.endswith(".part") or p.name.startswith(".vanban-batch-") or p.name.startswith(".")
    )


def manifest(folder: Path) -> list[Entry]:
    return read_manifest(folder / "manifest.csv")


def document_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")
