"""`vanban pdf` and `vanban preview`, invoked through click with a stand-in for LibreOffice.

The stand-in writes a real (blank) one-page PDF, so `preview` runs the real
pdftoppm; the real LibreOffice is exercised once per session in `office_batch`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.pdf import pdf_command, preview_command
from generator.pdf import INSTALL_HINT, SOFFICE_ENV
from generator.preview import POPPLER_HINT

from .samples import EXAMPLES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def invoke(command, *args: str):
    return CliRunner().invoke(command, list(args), catch_exceptions=True)


def assert_clean_exit(result, code: int) -> None:
    """The expected exit code, and no Python traceback for the user."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.fixture
def two_docx(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "mot.docx", tmp_path / "hai.docx"]
    for p in paths:
        p.write_text("ok", encoding="utf-8")
    return paths


def test_pdf_writes_every_file(fake_soffice, two_docx, tmp_path):
    out = tmp_path / "out"
    result = invoke(pdf_command, *map(str, two_docx), "--out-dir", str(out), "--jobs", "2")
    assert_clean_exit(result, 0)
    assert sorted(p.name for p in out.iterdir()) == ["hai.pdf", "mot.pdf"]
    assert result.output.count(" → ") == 2
    assert f"{two_docx[0]} → {out / 'mot.pdf'}" in result.output
    assert len(fake_soffice.calls()) == 2


def test_pdf_keeps_existing_files_without_force(fake_soffice, two_docx):
    existing = two_docx[0].with_suffix(".pdf")
    existing.write_bytes(b"old")
    result = invoke(pdf_command, *map(str, two_docx))
    assert_clean_exit(result, 1)
    assert "--force" in result.output
    assert existing.read_bytes() == b"old"

    result = invoke(pdf_command, *map(str, two_docx), "--force")
    assert_clean_exit(result, 0)
    assert existing.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["nothing.docx"], "không tìm thấy tệp"),
        (["--jobs", "0", "{docx}"], "--jobs"),
        (["{yaml}"], "vanban render --pdf"),
        ([], "FILES"),
    ],
)
def test_pdf_usage_mistakes_exit_2(fake_soffice, tmp_path, args, says):
    (tmp_path / "a.docx").write_text("ok", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("kind: phat_dong\n", encoding="utf-8")
    args = [a.format(docx=tmp_path / "a.docx", yaml=tmp_path / "a.yaml") for a in args]
    result = invoke(pdf_command, *args)
    assert_clean_exit(result, 2)
    assert says in result.output
    assert fake_soffice.calls() == []


def test_pdf_without_office_tells_how_to_install(two_docx, tmp_path, monkeypatch):
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-soffice"))
    result = invoke(pdf_command, str(two_docx[0]))
    assert_clean_exit(result, 1)
    assert INSTALL_HINT in result.output
    assert two_docx[0].exists()


def test_pdf_conversion_failure_exits_1(fake_soffice, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_text("bad", encoding="utf-8")
    result = invoke(pdf_command, str(bad))
    assert_clean_exit(result, 1)
    assert "hong.docx" in result.output


def test_preview_of_a_docx(poppler, fake_soffice, two_docx, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(preview_command, str(two_docx[0]))
    assert_clean_exit(result, 0)
    assert (tmp_path / "mot.png").read_bytes().startswith(PNG_SIGNATURE)

    result = invoke(preview_command, str(two_docx[1]), "-o", str(tmp_path / "img" / "x.png"))
    assert_clean_exit(result, 0)
    assert (tmp_path / "img" / "x.png").read_bytes().startswith(PNG_SIGNATURE)
    assert sorted(p.name for p in (tmp_path / "img").iterdir()) == ["x.png"]


def test_preview_of_a_page_that_is_not_there(poppler, fake_soffice, two_docx, tmp_path):
    result = invoke(preview_command, str(two_docx[0]), "--page", "3", "-o", str(tmp_path / "x.png"))
    assert_clean_exit(result, 1)
    assert "chỉ có 1 trang" in result.output
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["{docx}", "-o", "anh.jpg"], ".png"),
        (["{docx}", "--page", "0"], "--page"),
        (["{txt}"], ".yaml/.json"),
        (["thieu.yaml"], "không tìm thấy tệp"),
    ],
)
def test_preview_usage_mistakes_exit_2(fake_soffice, tmp_path, args, says):
    (tmp_path / "a.docx").write_text("ok", encoding="utf-8")
    (tmp_path / "a.txt").write_text("ok", encoding="utf-8")
    args = [a.format(docx=tmp_path / "a.docx", txt=tmp_path / "a.txt") for a in args]
    result = invoke(preview_command, *args)
    assert_clean_exit(result, 2)
    assert says in result.output


def test_preview_without_poppler_tells_how_to_install(fake_soffice, two_docx, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_soffice.program.parent))
    result = invoke(preview_command, str(two_docx[0]))
    assert_clean_exit(result, 1)
    assert POPPLER_HINT in result.output
    assert fake_soffice.calls() == []  # found out before starting the office suite


def test_preview_of_content_with_mistakes_lists_them(fake_soffice, tmp_path):
    content = tmp_path / "sai.yaml"
    content.write_text("kind: phat_dong\nsignatorys: []\n", encoding="utf-8")
    result = invoke(preview_command, str(content), "-o", str(tmp_path / "x.png"))
    assert_clean_exit(result, 1)
    assert "sai.yaml:" in result.output
    assert "signatorys" in result.output
    assert not (tmp_path / "x.png").exists()
    assert fake_soffice.calls() == []


@pytest.mark.skipif(not EXAMPLES, reason="no examples in content/examples yet")
def test_preview_of_a_content_file_renders_it_first(poppler, fake_soffice, tmp_path):
    result = invoke(preview_command, str(EXAMPLES[0]), "-o", str(tmp_path / "x.png"))
    assert_clean_exit(result, 0)
    (call,) = fake_soffice.calls()
    assert call["files"][0].endswith(f"{EXAMPLES[0].stem}.docx")
    assert (tmp_path / "x.png").read_bytes().startswith(PNG_SIGNATURE)
