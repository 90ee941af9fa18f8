"""Mail-merge semantics: column paths, appends, deep merge, and the types values keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.batch.data import DataError, DataFile
from generator.batch.merge import APPEND, deep_merge, parse_field_path, set_cells
from generator.batch.runner import Plan, RowRenderer
from generator.content.load import validate_data
from generator.problems import ContentError

from .conftest import write_csv


@pytest.mark.parametrize(
    ("header", "path"),
    [
        ("number", ("number",)),
        ("issuers.0.abbr", ("issuers", 0, "abbr")),
        ("issuers[0].abbr", ("issuers", 0, "abbr")),
        ("signatories.1.authority.0", ("signatories", 1, "authority", 0)),
        ("recipients.+", ("recipients", APPEND)),
        ("recipients[+]", ("recipients", APPEND)),
        (" date ", ("date",)),
    ],
)
def test_column_headers_are_field_paths(header: str, path: tuple) -> None:
    assert parse_field_path(header) == path


@pytest.mark.parametrize(
    "header", ["", "0", "+", "issuers..abbr", "recipients.+.name", "số hiệu", "a-b", "issuers.-1"]
)
def test_headers_that_are_not_paths(header: str) -> None:
    assert parse_field_path(header) is None


MASTER = {
    "kind": "phat_dong",
    "issuers": [{"name": "Sở Công Thương", "abbr": "SCT"}],
    "recipients": ["Bộ Công Thương"],
    "extra": {"a": 1, "b": {"c": 2}},
}


def test_cells_override_fields_and_leave_the_master_alone() -> None:
    before = repr(MASTER)
    data, assigned, conflicts = set_cells(
        MASTER,
        [
            ("number", ("number",), "05"),
            ("issuers.0.abbr", ("issuers", 0, "abbr"), "SCT-AG"),
            ("recipients.+", ("recipients", APPEND), "Ban Thi đua tỉnh"),
            ("recipients.+", ("recipients", APPEND), "Văn phòng Sở"),
        ],
    )
    assert conflicts == []
    assert data["number"] == "05"
    assert data["issuers"] == [{"name": "Sở Công Thương", "abbr": "SCT-AG"}]
    assert data["recipients"] == ["Bộ Công Thương", "Ban Thi đua tỉnh", "Văn phòng Sở"]
    assert repr(MASTER) == before  # one master serves every row
    assert data["extra"] is MASTER["extra"]  # untouched parts are shared, not copied
    assert assigned[("recipients", 2)] == "recipients.+"
    assert assigned[("issuers", 0, "abbr")] == "issuers.0.abbr"


def test_cells_make_what_is_missing() -> None:
    data, assigned, conflicts = set_cells(
        MASTER,
        [
            ("issuers.1.name", ("issuers", 1, "name"), "Công đoàn Sở"),
            ("issuers.1.abbr", ("issuers", 1, "abbr"), "CĐS"),
            ("drafter.initials", ("drafter", "initials"), "NVA"),
            ("signatories.0.authority.+", ("signatories", 0, "authority", APPEND), "KT. Giám đốc"),
        ],
    )
    assert conflicts == []
    assert data["issuers"][1] == {"name": "Công đoàn Sở", "abbr": "CĐS"}
    assert data["drafter"] == {"initials": "NVA"}
    assert data["signatories"] == [{"authority": ["KT. Giám đốc"]}]
    assert assigned[("issuers", 1)] == "issuers.1.name"  # the cell that made the new issuer


def test_cells_that_cannot_be_written_are_reported() -> None:
    _, _, conflicts = set_cells(
        MASTER,
        [
            ("issuers.5.abbr", ("issuers", 5, "abbr"), "X"),
            ("kind.name", ("kind", "name"), "X"),
            ("issuers.name", ("issuers", "name"), "X"),
        ],
    )
    messages = {header: c.message for header, c in conflicts}
    assert "vượt quá danh sách `issuers` (đang có 1 phần tử)" in messages["issuers.5.abbr"]
    assert "`kind` trong tệp mẫu là một giá trị đơn" in messages["kind.name"]
    assert "`issuers` là một danh sách, cần chỉ số" in messages["issuers.name"]


def test_mapping_rows_merge_deeply_and_replace_lists() -> None:
    data, given = deep_merge(MASTER, {"extra": {"b": {"d": 3}}, "recipients": ["Chỉ một nơi"]})
    assert data["extra"] == {"a": 1, "b": {"c": 2, "d": 3}}
    assert data["recipients"] == ["Chỉ một nơi"]
    assert given == {("extra", "b", "d"), ("recipients",)}
    assert MASTER["extra"] == {"a": 1, "b": {"c": 2}}


def renderer(master: Path, data: DataFile, tmp_path: Path) -> RowRenderer:
    return RowRenderer(Plan(master, data.name, tuple(data.columns), tmp_path, None, None))


def test_csv_cells_are_text_and_the_model_coerces(master: Path, tmp_path: Path) -> None:
    units = write_csv(
        tmp_path / "u.csv",
        ["number", "issuers.0.abbr", "date", "place"],
        [["05", "05", "15/01/2024", ""]],
    )
    data = DataFile(units)
    row = next(data.rows())
    # Empty place: no override; the date stays as written, for the content model to read
    # day first as it does in YAML.
    assert row.cells == [(0, "05"), (1, "05"), (2, "15/01/2024")]
    content = validate_data(renderer(master, data, tmp_path).merged(row))
    assert content.number == 5
    assert content.issuers[0].abbr == "05"  # text keeps its leading zero
    assert content.date == dt.date(2024, 1, 15)
    assert content.place == "An Giang"


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet["A2"].number_format = "00"
    book.save(path)
    return path


def test_excel_values_keep_their_types(master: Path, tmp_path: Path) -> None:
    units = write_xlsx(
        tmp_path / "u.xlsx",
        ["number", "date", "issuers.0.abbr", "extra.ratio", "extra.when", "place"],
        [
            [5, dt.date(2024, 3, 5), "05", 0.1 + 0.2, dt.datetime(2024, 3, 5, 9, 30), None],
            [],
            [7.0, dt.datetime(2024, 3, 6), 12, None, None, "   "],
        ],
    )
    data = DataFile(units)
    first, second = list(data.rows())  # the empty row is skipped
    assert (first.line, second.line) == (2, 4)
    assert dict(first.cells) == {
        0: 5,
        1: dt.date(2024, 3, 5),
        2: "05",
        3: 0.3,
        4: dt.datetime(2024, 3, 5, 9, 30),
    }
    assert dict(second.cells) == {0: 7, 1: dt.date(2024, 3, 6), 2: 12}
    rows = renderer(master, data, tmp_path)
    one, two = validate_data(rows.merged(first)), validate_data(rows.merged(second))
    assert (one.number, one.date, one.issuers[0].abbr) == (5, dt.date(2024, 3, 5), "05")
    assert (two.number, two.date, two.issuers[0].abbr) == (7, dt.date(2024, 3, 6), "12")
    assert one.place == two.place == "An Giang"


def test_csv_with_semicolons_and_a_byte_order_mark(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_bytes("\ufeffnumber;place\n07;Cà Mau\n".encode())
    data = DataFile(units)
    assert [c.header for c in data.columns] == ["number", "place"]
    assert next(data.rows()).cells == [(0, "07"), (1, "Cà Mau")]


def test_decomposed_text_is_normalised(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", ["place"], [["Ca\u0300 Mau"]])
    data = DataFile(units)
    content = validate_data(renderer(master, data, tmp_path).merged(next(data.rows())))
    assert content.place == "Cà Mau"


def test_a_control_character_is_reported_at_its_cell(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", ["number", "place"], [["2", "An\x07Giang"]])
    data = DataFile(units)
    with pytest.raises(ContentError) as caught:
        validate_data(renderer(master, data, tmp_path).merged(next(data.rows())))
    assert [str(p) for p in caught.value.problems] == [
        f"{units}:2: cột place: place: ký tự điều khiển U+0007 ở vị trí 3 không thể có trong "
        "văn bản DOCX (gợi ý: xóa ký tự này (thường do sao chép từ phần mềm khác))"
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["number", "numbr.+.x"], "tên cột `numbr.+.x` không phải đường dẫn"),
        (["number", "place", "number"], "cột `number` có hai lần"),
    ],
)
def test_bad_headers_stop_the_batch(tmp_path: Path, header: list[str], expected: str) -> None:
    units = write_csv(tmp_path / "u.csv", header, [["1"] * len(header)])
    with pytest.raises(DataError) as caught:
        DataFile(units)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{units}:1: cột ")


def test_repeated_append_columns_are_fine(tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", ["recipients.+", "recipients.+"], [["A", "B"]])
    assert len(DataFile(units).columns) == 2


def test_a_value_under_no_header_is_a_row_problem(tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_text("number,,place\n1,x,Huế\n2,,Huế,y\n", encoding="utf-8")
    first, second = DataFile(units).rows()
    assert "cột 2 có giá trị `x` nhưng không có tên cột" in str(first.problems[0])
    assert "cột 4 (sau cột cuối có tên) có giá trị `y`" in str(second.problems[0])


def test_yaml_rows_keep_their_positions(tmp_path: Path) -> None:
    units = tmp_path / "u.yaml"
    units.write_text(
        "# đơn vị\n- number: 5\n  place: Huế\n\n- number: 6\n  signatories:\n"
        "    - {title: Giám đốc, nam: X}\n",
        encoding="utf-8",
    )
    first, second = DataFile(units).rows()
    assert (first.line, second.line) == (2, 5)
    assert first.source.data == {"number": 5, "place": "Huế"}
    assert second.source.keys[("signatories", 0, "nam")] == (7, 25)


def test_json_rows_keep_their_positions(tmp_path: Path) -> None:
    units = tmp_path / "u.json"
    units.write_text(
        '[\n  {"number": 5},\n  {"number": 6,\n   "place": "Huế"}\n]\n', encoding="utf-8"
    )
    first, second = DataFile(units).rows()
    assert (first.line, second.line) == (2, 3)
    assert second.source.data == {"number": 6, "place": "Huế"}
    assert second.source.values[("place",)] == (4, 13)


def test_yaml_with_shared_anchors_is_read_whole(tmp_path: Path) -> None:
    units = tmp_path / "u.yaml"
    units.write_text(
        "- &base {number: 5, place: Huế}\n- {<<: *base, number: 6}\n", encoding="utf-8"
    )
    rows = list(DataFile(units).rows())
    assert [r.source.data["number"] for r in rows] == [5, 6]
    assert rows[1].source.data["place"] == "Huế"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"number": 5}, {"number": }]', "u.json:1:28: lỗi cú pháp JSON"),
        ("number: 5\n", "phải là một danh sách"),
        # The row that cannot be read, where it starts, and the limit's hint.
        ('[{"number": 5},\n {"a": ' + "[" * 3000 + "]" * 3000 + "}]", "u.json:2:2: hàng lồng nhau"),
        ('[{"number": ' + "1" * 5000 + "}]", "u.json:1:2: hàng có số quá dài"),
    ],
)
def test_unusable_mapping_files(tmp_path: Path, text: str, expected: str) -> None:
    units = tmp_path / ("u.json" if text.startswith("[") else "u.yaml")
    units.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        list(DataFile(units).rows())
    assert expected in str(caught.value)


def test_line_breaks_inside_a_cell_are_line_breaks(tmp_path: Path) -> None:
    units = tmp_path / "u.csv"
    units.write_bytes('preamble\r\n"Dòng một\r\nDòng hai"\r\n'.encode())
    row = next(DataFile(units).rows())
    assert row.cells == [(0, "Dòng một\nDòng hai")] and row.problems == []
