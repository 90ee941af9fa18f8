"""`vanban batch` checks what it wrote (the first document by default, or all) and can add PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.produce as produce
from generator.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "content" / "examples" / "batch"
ARGS = [
    str(EXAMPLES / "phat-dong-master.yaml"),
    "--data",
    str(EXAMPLES / "units.csv"),
    "--name",
    "{kind}-{place}-{number}",
    "--jobs",
    "1",
    "--quiet",
]


@pytest.mark.parametrize(("mode", "expected"), [(None, 1), ("first", 1), ("all", 6), ("none", 0)])
def test_checked_documents(tmp_path, monkeypatch, mode, expected):
    seen: list[str] = []
    real = produce.check_docx

    def spy(data, name=None, regime=None):
        seen.append(name)
        assert regime == "nha_nuoc"  # the content's regime (the default) is checked against
        return real(data, name=name, regime=regime)

    monkeypatch.setattr(produce, "check_docx", spy)
    args = ["batch", *ARGS, "--out-dir", str(tmp_path)] + (["--check", mode] if mode else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(seen) == expected
    # Checked before writing: the report names the data row, and every row was written.
    assert all(name.startswith(f"{EXAMPLES / 'units.csv'}:") for name in seen)
    assert len(list(tmp_path.glob("*.docx"))) == 6


def test_pdf_without_libreoffice_keeps_the_documents(tmp_path, monkeypatch):
    import generator.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["batch", *ARGS, "--out-dir", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert len(list(tmp_path.glob("*.docx"))) == 6
    assert "libreoffice" in result.output.lower()
