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


def test_a_row_that_fails_the_check_carries_the_findings(tmp_path, monkeypatch):
    import json

    from tests.docxread import with_narrow_margin

    real = produce.check_docx

    def narrow_margin(data, name=None, regime=None):
        return real(with_narrow_margin(data), name=name, regime=regime)

    monkeypatch.setattr(produce, "check_docx", narrow_margin)
    args = ["batch", *ARGS, "--out-dir", str(tmp_path), "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    found = json.loads(result.stdout)["diagnostics"]
    row = f"{EXAMPLES / 'units.csv'}:2"
    # The checker's own finding, at its place in the row's document, naming the row...
    margins = [d for d in found if d["code"].startswith("nd30.page.margins")]
    assert margins and margins[0]["location"]["kind"] == "docx"
    assert margins[0]["location"]["file"] == row
    # ...and what it stopped, located at the row in the data file.
    # (A row whose check fails is not "the first checked": every row is checked and fails.)
    stopped = [d for d in found if d["code"] == "render.not_conformant"][0]
    assert stopped["location"]["file"] == str(EXAMPLES / "units.csv")
    assert stopped["location"]["line"] == 2
    # The text output names the row on each line, as before.
    text = CliRunner().invoke(main, ["batch", *ARGS, "--out-dir", str(tmp_path / "t")])
    lines = [t for t in text.stderr.splitlines() if t.startswith(f"{row}: ")]
    assert any("lề" in t for t in lines)
    assert any("không đạt thể thức" in t for t in lines)
