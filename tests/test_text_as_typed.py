"""Text, dates and names as people type them (content-format.md, "Text as people type it",
`date`): tidied or located, and `validate` agrees with what `render` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.load import load_content_text
from generator.pipeline import render_model
from generator.problems import ContentError
from tests.docxread import all_text, open_docx
from tests.test_content_is_data import notice


def load(data: dict):
    return load_content_text(json.dumps(data, ensure_ascii=False), "nd.json")


def problems(data: dict) -> list:
    with pytest.raises(ContentError) as caught:
        load(data)
    return caught.value.problems


def test_blanks_are_tidied_in_every_field():
    content = load(
        notice(
            subject="  Năm   2024 ",
            contents=[
                "1.    100%  cán bộ\tđạt  chuẩn",
                {"text": " Chỉ tiêu: ", "items": ["  a  b "]},
            ],
            recipients=["   Thường   trực  ", "-   Các đơn vị"],
            issuers=[{"name": " Cục  Công Thương\u00a0 địa phương ", "abbr": " CTĐP "}],
            signatories=[{"title": "  Cục  trưởng", "name": "Nguyễn  Văn   A "}],
        )
    )
    assert content.subject == "Năm 2024"
    assert content.contents[0] == "1. 100% cán bộ đạt chuẩn"
    assert content.contents[1].text == "Chỉ tiêu:" and content.contents[1].items == ["a b"]
    assert content.recipients == ["Thường trực", "- Các đơn vị"]
    assert content.issuers[0].name == "Cục Công Thương địa phương"
    assert content.issuers[0].abbr == "CTĐP"
    assert content.signatories[0].name == "Nguyễn Văn A"
    text = all_text(open_docx(render_model(content).docx))
    assert "- Thường trực;" in text and "- Các đơn vị;" in text and "Năm 2024" in text
    assert "  " not in text[text.index("PHÁT ĐỘNG") :]  # the blank number's room is the format's


def test_a_line_break_written_on_purpose_is_kept():
    content = load(notice(preamble="Đoạn  một.\n\nĐoạn   hai.", extra={"note": "  giữ  nguyên "}))
    assert content.preamble == "Đoạn một.\n\nĐoạn hai."
    assert content.extra == {"note": "  giữ  nguyên "}, "extra: is handed over as written"


@pytest.mark.parametrize(
    "written", ["05/03/2025", "5/3/2025", "05-03-2025", "05.03.2025", "2025-03-05"]
)
def test_day_first_dates_mean_the_same_day(written):
    content = load(notice(date=written))
    text = all_text(open_docx(render_model(content).docx))
    assert "Hà Nội, ngày 05 tháng 3 năm 2025" in text


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("30/02/2025", "đã đọc là `2025-02-30` (năm-tháng-ngày); tháng 2 năm 2025 có 28 ngày"),
        ("05/13/2025", "có phải là `2025-05-13`?"),
        ("2024-02-30", "tháng 2 năm 2024 có 29 ngày"),
        ("32/01/2025", "tháng 1 năm 2025 có 31 ngày"),
    ],
)
def test_an_impossible_date_is_located_with_the_iso_form_meant(written, hint):
    (problem,) = problems(notice(date=written))
    assert problem.path == "date" and problem.line == 1 and problem.column is not None
    assert "ngày không tồn tại" in problem.message and written in problem.message
    assert hint in problem.hint


def test_text_that_is_no_date_says_which_forms_are_read():
    (problem,) = problems(notice(date="ngày 5 tháng 3"))
    assert "2024-01-12" in problem.hint and "12/01/2024" in problem.hint


@pytest.mark.parametrize(
    ("name", "fixed"),
    [
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("Nguyễn văn An", "Nguyễn Văn An"),
        ("ĐOÀN MẠNH TRƯỜNG", "Đoàn Mạnh Trường"),
    ],
)
def test_a_signer_name_in_capitals_or_lower_case_is_a_content_error(name, fixed):
    (problem,) = problems(notice(signatories=[{"title": "Cục trưởng", "name": name}]))
    assert problem.path == "signatories[0].name"
    assert problem.hint == f"viết `{fixed}`"


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Mai Thị Ỷ Lan", "TS. Lê Văn B", "Nguyễn Văn A"])
def test_names_written_as_names_pass(name):
    assert load(notice(signatories=[{"title": "Cục trưởng", "name": name}]))


def test_validate_says_what_render_would_refuse(tmp_path: Path):
    path = tmp_path / "tb.json"
    path.write_text(
        json.dumps(
            notice(signatories=[{"title": "Cục trưởng", "name": "LÊ VĂN B"}]), ensure_ascii=False
        ),
        "utf-8",
    )
    runner = CliRunner()
    validated = runner.invoke(main, ["validate", str(path)])
    rendered = runner.invoke(main, ["render", str(path), "--out-dir", str(tmp_path / "out")])
    assert validated.exit_code == rendered.exit_code == 1
    line = f"{path}:1:"
    assert line in validated.output and "signatories[0].name" in validated.output
    assert "signatories[0].name" in rendered.output
    assert not (tmp_path / "out").exists()
