"""An internal error is one Vietnamese line and a log file, never a traceback on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.cli.render as render_cli
from generator.cli import main
from generator.cli.crash import EXIT_BUG

from .test_content import GOOD


@pytest.mark.parametrize(
    "error",
    [
        ValueError("bên trong hỏng"),
        MemoryError(),
        RecursionError("maximum recursion depth exceeded"),
    ],
)
def test_an_internal_error_is_one_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    content = tmp_path / "x.yaml"
    content.write_text(GOOD, encoding="utf-8")

    def broken(path: Path) -> None:
        raise error

    monkeypatch.setattr(render_cli, "load_content", broken)
    monkeypatch.setenv("VANBAN_LOG_DIR", str(tmp_path / "logs"))
    result = CliRunner().invoke(main, ["validate", str(content)], catch_exceptions=False)
    assert result.exit_code == EXIT_BUG
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and "lỗi của chương trình" in lines[0]
    logs = list((tmp_path / "logs").glob("vanban-loi-*.log"))
    assert len(logs) == 1 and str(logs[0]) in lines[0]
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and type(error).__name__ in text and "validate" in text
