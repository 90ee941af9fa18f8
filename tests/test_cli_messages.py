"""The command line speaks Vietnamese, Click's own usage messages included."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["render"], "Lỗi: Thiếu đối số 'CONTENTS...'."),
        (["renderx"], "Lỗi: Không có lệnh 'renderx'. Có phải là 'render'?"),
        (["render", "--bogus", "x.yaml"], "Lỗi: Không có tùy chọn '--bogus'."),
        (
            ["batch", "README.md", "--data", "README.md", "--jobs", "abc"],
            "'abc' không phải số nguyên hợp lệ",
        ),
        (
            ["render", "khong-co.yaml"],
            "Lỗi: Giá trị không hợp lệ cho 'CONTENTS...': Tệp 'khong-co.yaml' không tồn tại.",
        ),
    ],
)
def test_usage_mistakes_are_told_in_vietnamese(args, said, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert said in result.output
    for english in ("Error:", "Usage:", "Try '", "Missing", "No such", "is not"):
        assert english not in result.output


def test_help_is_in_vietnamese():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Cách dùng:" in result.output and "Tùy chọn:" in result.output
    assert "In hướng dẫn này rồi thoát." in result.output
    assert "Show this message" not in result.output
