"""Hostile and office-made units files: read truly, each problem on its row, the rest written."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from tests.docxread import all_text, open_docx

from .harness import assert_refused, leftovers, vanban
from .test_content import GOOD, alias_bomb


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = tmp_path / "master.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def batch(master: Path, units: Path, tmp_path: Path, *extra: object, env: dict | None = None):
    return vanban(
        "batch",
        master,
        "--data",
        units,
        "--out-dir",
        tmp_path / "out",
        "--name",
        "{row}",
        "--check",
        "none",
        *extra,
        cwd=tmp_path,
        env=env,
    )


def manifest(tmp_path: Path) -> dict[int, dict[str, str]]:
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return {int(r["row"]): r for r in csv.DictReader(handle)}


def text_of(tmp_path: Path, name: str) -> str:
    return all_text(open_docx(tmp_path / "out" / name))


def workbook(path: Path, rows: list[list[object]], change=None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    for row in rows:
        sheet.append(row)
    if change:
        change(book, sheet)
    book.save(path)
    return path


def test_a_formula_without_a_saved_value_is_a_problem_of_its_row(
    master: Path, tmp_path: Path
) -> None:
    units = workbook(
        tmp_path / "u.xlsx",
        [["number", "place"], [7, "Tỉnh Bảy"], [8, '=CONCAT("Tỉnh ", "Tám")'], [9, "Tỉnh Chín"]],
    )
    run = batch(master, units, tmp_path)
    assert_refused(run, "u.xlsx:3", "B3", "công thức")
    rows = manifest(tmp_path)
    assert rows[3]["status"] == "error" and rows[2]["status"] == rows[4]["status"] == "ok"
    assert "Tỉnh Bảy" in text_of(tmp_path, "2.docx")


def test_merged_cells_are_a_problem_of_each_row_they_cover(master: Path, tmp_path: Path) -> None:
    def merge(book, sheet) -> None:
        sheet.merge_cells("B3:B4")

    units = workbook(
        tmp_path / "u.xlsx",
        [["number", "place"], [7, "Tỉnh Bảy"], [8, "Tỉnh Tám"], [9, None], [10, "Tỉnh Mười"]],
        merge,
    )
    run = batch(master, units, tmp_path)
    assert_refused(run, "u.xlsx:3", "u.xlsx:4", "B3:B4", "Unmerge")
    rows = manifest(tmp_path)
    assert [rows[r]["status"] for r in (2, 3, 4, 5)] == ["ok", "error", "error", "ok"]


def test_a_hidden_sheet_is_not_read_unless_named(master: Path, tmp_path: Path) -> None:
    def hide(book, sheet) -> None:
        hidden = book.create_sheet("Nháp", 0)
        hidden.append(["number", "place"])
        hidden.append([99, "Tỉnh Nháp"])
        hidden.sheet_state = "hidden"

    units = workbook(
        tmp_path / "u.xlsx",
        [["STT", "Số", "Địa danh", "Ngày"], [1, 7, "Tỉnh Bảy", "05/03/2025"]],
        hide,
    )
    run = batch(master, units, tmp_path)
    assert run.code == 0, run.text
    text = text_of(tmp_path, "2.docx")
    assert "Tỉnh Bảy, ngày 05 tháng 3 năm 2025" in text
    assert "Nháp" not in text
    run = vanban(
        "batch",
        master,
        "--data",
        units,
        "--out-dir",
        tmp_path / "draft",
        "--name",
        "{row}",
        "--sheet",
        "Nháp",
        cwd=tmp_path,
    )
    assert run.code == 0, run.text
    assert "Tỉnh Nháp" in all_text(open_docx(tmp_path / "draft" / "2.docx"))
    assert_refused(
        vanban("batch", master, "--data", units, "--sheet", "Khác", cwd=tmp_path),
        "Khác",
        "Đơn vị",
        "Nháp",
    )


def test_an_unbalanced_quote_in_a_csv_loses_no_row(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_text(
        'STT,number,place\n1,7,"Tỉnh Bảy\n2,8,Tỉnh Tám\n3,9,Tỉnh Chín\n', encoding="utf-8"
    )
    run = batch(master, units, tmp_path)
    assert_refused(run, "u.csv:2", "ngoặc kép")
    assert manifest(tmp_path)[2]["status"] == "error"
    assert not (tmp_path / "out" / "3.docx").exists() or "Tỉnh Tám" in text_of(tmp_path, "3.docx")


@pytest.mark.parametrize(
    "pattern", ["{kind:>1000000000}", "{row!r}", "{number.__class__}", "{" + "a." * 200 + "b}"]
)
def test_a_name_pattern_holds_field_names_only(master: Path, tmp_path: Path, pattern: str) -> None:
    units = tmp_path / "u.csv"
    units.write_text("number,place\n7,Tỉnh Bảy\n", encoding="utf-8")
    run = vanban(
        "batch",
        master,
        "--data",
        units,
        "--out-dir",
        tmp_path / "out",
        "--name",
        pattern,
        cwd=tmp_path,
    )
    assert_refused(run, "mẫu tên tệp")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").glob("*.docx")) == []


def test_a_deep_header_path_is_refused(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_text("number," + ".".join(["extra"] + ["k"] * 400) + "\n7,x\n", encoding="utf-8")
    assert_refused(batch(master, units, tmp_path), "u.csv:1", "depth")


def test_rows_over_the_limit_are_refused_naming_it(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_text(
        "number,place\n" + "".join(f"{i},Tỉnh {i}\n" for i in range(1, 21)), encoding="utf-8"
    )
    run = batch(master, units, tmp_path, env={"VANBAN_LIMIT_ROWS": "10"})
    assert_refused(run, "VANBAN_LIMIT_ROWS")
    assert list((tmp_path / "out").glob("*.docx")) == []


def test_hostile_yaml_units_are_refused(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.yaml"
    units.write_text(
        alias_bomb().replace(GOOD, "").replace("extra:\n", "- extra:\n"), encoding="utf-8"
    )
    assert_refused(batch(master, units, tmp_path), "yaml_nodes")


def test_invisible_characters_in_a_cell_are_located(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_text(
        "number,signatories.0.name\n7,Nguyễn \u202eVăn A\n8,Trần Văn B\n", encoding="utf-8"
    )
    run = batch(master, units, tmp_path)
    assert_refused(run, "u.csv:2", "signatories.0.name", "U+202E")
    assert manifest(tmp_path)[3]["status"] == "ok"


def test_manifest_cells_never_start_a_formula(master: Path, tmp_path: Path) -> None:
    units = tmp_path / '=HYPERLINK("x.invalid","y").csv'
    units.write_text("number,place\n7,Tỉnh Bảy\n-1,Tỉnh Âm\n", encoding="utf-8")
    run = batch(master, Path(units.name), tmp_path)  # as typed: the name starts the message
    assert run.code == 1, run.text
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[{"number": 2, "extra": ' + "[" * 5000 + "]" * 5000 + "}]", "depth"),
        ('[{"number": ' + "9" * 5000 + "}]", "number_digits"),
    ],
)
def test_hostile_json_units_are_refused(
    master: Path, tmp_path: Path, text: str, needle: str
) -> None:
    units = tmp_path / "u.json"
    units.write_text(text, encoding="utf-8")
    assert_refused(batch(master, units, tmp_path), "u.json:1:2", needle)


def test_a_broken_sheet_is_located(master: Path, tmp_path: Path) -> None:
    from . import packages

    good = workbook(
        tmp_path / "good.xlsx", [["number", "place"]] + [[i, f"Tỉnh {i}"] for i in range(1, 200)]
    )
    units = tmp_path / "u.xlsx"
    units.write_bytes(
        packages.rebuild(
            good.read_bytes(),
            lambda name, data: (
                data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data
            ),
        )
    )
    assert_refused(batch(master, units, tmp_path), "u.xlsx")
    assert leftovers(tmp_path) == []
