"""`vanban render -o x.pdf` writes the PDF (through the real LibreOffice), not a DOCX named .pdf."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .pdf_layout import pdf_text
from .samples import EXAMPLES


def test_a_pdf_name_gets_a_pdf(office, poppler, tmp_path: Path):
    example = next(p for p in EXAMPLES if p.stem.startswith("phat-dong"))
    target = tmp_path / "thong-bao.pdf"
    result = CliRunner().invoke(main, ["render", str(example), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:5] == b"%PDF-"
    assert "PHÁT ĐỘNG PHONG TRÀO THI ĐUA" in pdf_text(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thong-bao.pdf"]
    again = CliRunner().invoke(main, ["render", str(example), "-o", str(target)])
    assert again.exit_code == 1 and "--force" in again.output


def test_another_suffix_is_refused(tmp_path: Path):
    example = EXAMPLES[0]
    result = CliRunner().invoke(main, ["render", str(example), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and ".docx hoặc .pdf" in result.output
    assert list(tmp_path.iterdir()) == []
