"""`vanban render` checks the document before writing it, and can skip that or add a PDF."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import generator.produce as produce
from generator.cli import main
from tests.docxread import with_narrow_margin

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "content" / "examples" / "phat-dong-cuc-ctdp-2024.yaml"
)


def test_render_checks_its_output_and_passes(tmp_path, monkeypatch):
    seen = []
    real = produce.check_docx

    def spy(data, name=None, regime=None):
        seen.append(name)
        assert regime == "nha_nuoc"  # the content's regime (the default) is checked against
        return real(data, name=name, regime=regime)

    monkeypatch.setattr(produce, "check_docx", spy)
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen == [str(EXAMPLE)]
    assert (tmp_path / "phat_dong-ctdp-31.docx").exists()
    assert "KHÔNG ĐẠT" not in result.output


def test_a_failing_check_is_reported_and_nothing_is_written(tmp_path, monkeypatch):
    from generator.check import check_docx

    def failing(data, name=None, regime=None):
        return check_docx(with_narrow_margin(data), name=name)

    monkeypatch.setattr(produce, "check_docx", failing)
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--out-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "nd30.page.margins" in result.output
    assert "--no-check" in result.output
    assert not (tmp_path / "phat_dong-ctdp-31.docx").exists()
    assert list(tmp_path.iterdir()) == []


def test_no_check_skips_the_checker(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("checker called")

    monkeypatch.setattr(produce, "check_docx", refuse)
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE), "--out-dir", str(tmp_path), "--no-check"]
    )
    assert result.exit_code == 0, result.output


def test_pdf_without_libreoffice_keeps_the_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    import generator.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--out-dir", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert (tmp_path / "phat_dong-ctdp-31.docx").exists()
    assert "libreoffice" in result.output.lower()


def test_written_documents_are_readable_by_others(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--out-dir", str(tmp_path)])
    finally:
        os.umask(old)
    assert result.exit_code == 0
    mode = stat.S_IMODE((tmp_path / "phat_dong-ctdp-31.docx").stat().st_mode)
    assert mode == 0o644
