"""Read a units file (CSV, XLSX, YAML or JSON) as a stream of rows, each remembering where it stood.

Rows are read one at a time, so a batch of any size holds only the rows in
flight. Values keep their types: a CSV cell is text (`05` keeps its zero; the
content model turns text into a number where a number is expected), an Excel
date is a date and an Excel number the number it shows. An empty cell sets
nothing.

A YAML or JSON units file is a list of mappings. Each top-level item is cut
out of the text and read on its own with the content reader, so positions
(and NFC, control-character checks) are the same as for a content file; a
file that cannot be cut that way (anchors shared between items, a second
document) is read whole.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch.merge import APPEND, FieldPath, parse_field_path, show_path
from generator.content.chars import bad_characters, join_surrogates
from generator.content.source import Source, read_text
from generator.problems import Problem

SPREADSHEET = (".csv", ".xlsx")
MAPPINGS = (".yaml", ".yml", ".json")
SUFFIXES = SPREADSHEET + MAPPINGS

# Day-first dates as Excel writes them back into a CSV in Vietnamese settings.
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\Z")
_ITEM_START = re.compile(r"-(?:[ \t]|$)")
_ANCHORS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


class DataError(Exception):
    """The units file cannot be used at all (unreadable, no header, not a list, ...)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its header as written and the field path it names."""

    index: int
    header: str
    path: FieldPath


@dataclass
class Row:
    """One row of a units file."""

    line: int
    """Its row number in the spreadsheet, or the line its item starts on in a YAML/JSON file."""
    cells: list[tuple[int, Any]] = field(default_factory=list)
    """`(column index, value)` of each non-empty cell (spreadsheets)."""
    source: Source | None = None
    """The row's mapping with positions in the data file (YAML/JSON)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems found while reading it (control characters, a value with no column)."""


class DataFile:
    """A units file: its columns (spreadsheets) and its rows, read lazily."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = str(path)
        self.suffix = self.path.suffix.lower()
        self.columns: list[Column] = []
        if self.suffix not in SUFFIXES:
            raise DataError([Problem(self.name, None, None, "",
                                     f"không đọc được tệp dữ liệu đuôi `{self.path.suffix}`",
                                     "dùng tệp .csv, .xlsx, .yaml hoặc .json")])
        if self.suffix in SPREADSHEET:
            self._header_line, header = self._read_header()
            self.columns = _columns(self.name, self._header_line, header)

    # --- spreadsheets ---------------------------------------------------------

    def _records(self) -> Iterator[tuple[int, list[Any]]]:
        """`(row number, values)` of every row, empty ones included."""
        if self.suffix == ".csv":
            yield from _csv_records(self.path, self.name)
        else:
            yield from _xlsx_records(self.path, self.name)

    def _read_header(self) -> tuple[int, list[Any]]:
        records = self._records()
        try:
            for line, values in records:
                if any(_blank(v) is not None for v in values):
                    return line, values
        finally:
            records.close()
        raise DataError([Problem(self.name, None, None, "", "tệp dữ liệu trống",
                                 "dòng đầu là tên các cột (ví dụ `number`, `issuers.0.abbr`), "
                                 "mỗi dòng sau là một văn bản")])

    def rows(self) -> Iterator[Row]:
        """Every non-empty row, in order."""
        if self.suffix in MAPPINGS:
            yield from _mapping_rows(self.path, self.name)
            return
        width = len(self.columns)
        by_index = {c.index: c for c in self.columns}
        for line, values in self._records():
            if line <= self._header_line:
                continue
            row = Row(line)
            for index, raw in enumerate(values):
                value = _blank(raw)
                if value is None:
                    continue
                column = by_index.get(index)
                if column is None:
                    where = f"cột {index + 1}" + (" (sau cột cuối có tên)" if index >= width else "")
                    row.problems.append(Problem(
                        self.name, line, None, "", f"{where} có giá trị `{value}` nhưng không có tên cột",
                        "ghi tên trường vào dòng tiêu đề, hoặc xóa giá trị này"))
                    continue
                if isinstance(value, str):
                    value = self._text(value, column, row)
                row.cells.append((index, value))
            if row.cells or row.problems:
                yield row

    def _text(self, value: str, column: Column, row: Row) -> str:
        # A line break inside a cell, as Windows writes it, is a line break, not a control character.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = join_surrogates(value)
        for _index, message, hint in bad_characters(value):
            row.problems.append(Problem(self.name, row.line, None, show_path(column.path),
                                        message, hint, column_name=column.header))
        value = unicodedata.normalize("NFC", value)
        if self.suffix == ".csv" and column.path == ("date",):
            found = _DMY.match(value)
            if found:
                day, month, year = found.groups()
                value = f"{year}-{int(month):02d}-{int(day):02d}"
        return value

    def count(self) -> int | None:
        """How many rows there are, cheaply (for progress and work sizes); None if unknown."""
        try:
            if self.suffix == ".csv":
                return sum(1 for line, values in _csv_records(self.path, self.name)
                           if line > self._header_line and any(_blank(v) is not None for v in values))
            if self.suffix == ".xlsx":
                return _xlsx_size(self.path) - self._header_line
            text = _read_text(self.path, self.name)
            starts = _item_starts(text)
            return len(starts) if starts is not None else None
        except (DataError, OSError, ValueError):
            return None


def _blank(value: Any) -> Any:
    """The cell's value, or None for an empty cell (blank text counts as empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _columns(name: str, line: int, header: list[Any]) -> list[Column]:
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: dict[FieldPath, str] = {}
    for index, raw in enumerate(header):
        text = _blank(raw)
        if text is None:
            continue
        text = unicodedata.normalize("NFC", str(text))
        path = parse_field_path(text)
        if path is None:
            problems.append(Problem(
                name, line, None, "", f"tên cột `{text}` không phải đường dẫn đến một trường",
                "ví dụ `number`, `date`, `issuers.0.abbr`, `signatories.0.name`, `recipients.+`",
                column_name=text))
            continue
        if path in seen and path[-1] is not APPEND:
            problems.append(Problem(name, line, None, "", f"cột `{text}` có hai lần",
                                    "mỗi trường chỉ một cột; muốn thêm nhiều nơi nhận thì dùng "
                                    "nhiều cột `recipients.+`", column_name=text))
            continue
        seen[path] = text
        columns.append(Column(index, text, path))
    if problems:
        raise DataError(problems)
    if not columns:
        raise DataError([Problem(name, line, None, "", "dòng tiêu đề không có tên cột nào")])
    return columns


# --- CSV ----------------------------------------------------------------------


def _csv_records(path: Path, name: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            # Excel writes `;` where the decimal mark is a comma (as in Vietnamese settings).
            delimiter = max((",", ";", "\t"), key=first.count)
            reader = csv.reader(handle, delimiter=delimiter)
            end = 0
            for values in reader:
                start, end = end + 1, reader.line_num
                yield start, values
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, None, None, "",
                                 f"tệp không phải UTF-8 (byte thứ {exc.start + 1})",
                                 "trong Excel chọn Lưu thành › CSV UTF-8")]) from exc
    except csv.Error as exc:
        raise DataError([Problem(name, None, None, "", f"lỗi đọc CSV: {exc}")]) from exc
    except OSError as exc:
        raise DataError([Problem(name, None, None, "",
                                 f"không đọc được tệp: {exc.strerror}")]) from exc


# --- XLSX ---------------------------------------------------------------------


def _excel_value(value: Any) -> Any:
    """An Excel value as the content model should see it."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        # The number Excel shows, not the binary fraction behind it (0.1 + 0.2).
        return float(f"{value:.15g}")
    return value


def _open_workbook(path: Path, name: str) -> Any:
    import openpyxl  # only a batch with an .xlsx file pays for it

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DataError([Problem(name, None, None, "", f"không đọc được tệp Excel: {exc}",
                                 "lưu tệp dạng Excel Workbook (.xlsx)")]) from exc


def _xlsx_records(path: Path, name: str) -> Iterator[tuple[int, list[Any]]]:
    workbook = _open_workbook(path, name)
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield line, [_excel_value(v) for v in values]
    finally:
        workbook.close()


def _xlsx_size(path: Path) -> int:
    workbook = _open_workbook(path, str(path))
    try:
        return workbook.worksheets[0].max_row or 0
    finally:
        workbook.close()


# --- YAML / JSON --------------------------------------------------------------


def _read_text(path: Path, name: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DataError([Problem(name, None, None, "",
                                 f"không đọc được tệp: {exc.strerror}")]) from exc
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, None, None, "",
                                 f"tệp không phải UTF-8 (byte thứ {exc.start + 1})",
                                 "lưu tệp với mã hóa UTF-8")]) from exc


def _item_starts(text: str) -> list[int] | None:
    """Line indexes where each top-level `- ` item starts, or None if the text is not cut that way."""
    if _ANCHORS.search(text):
        return None
    lines = text.splitlines()
    starts: list[int] = []
    begun = False
    for index, line in enumerate(lines):
        if not begun:
            stripped = line.strip()
            if not stripped or stripped.startswith("#") or stripped.startswith("%"):
                continue
            if stripped == "---":
                continue
            if not _ITEM_START.match(line):
                return None
            begun = True
        if line.startswith(("---", "...")):
            return None
        if _ITEM_START.match(line):
            starts.append(index)
    return starts if begun else None


def _mapping_rows(path: Path, name: str) -> Iterator[Row]:
    text = _read_text(path, name)
    if path.suffix.lower() == ".json" and text.lstrip().startswith("["):
        yield from _json_rows(text, name)
        return
    starts = _item_starts(text)
    if starts is None:
        yield from _whole_file_rows(text, name)
        return
    lines = text.splitlines(keepends=True)
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        yield _item_row(name, "".join(lines[start:end]), start)


def _item_row(name: str, chunk: str, line_offset: int, *, column: int = 0,
              item: bool = True) -> Row:
    """Read one item cut out of the file: a `- ...` item, or a JSON value at `column`.

    Indenting the cut-out text as it stood keeps every column right; only
    lines need moving.
    """
    source = read_text(" " * column + chunk, name)
    row = Row(line_offset + 1)
    row.source = _shift(source, line_offset, "[0]" if item else None)
    row.problems = row.source.problems
    return row


def _shift(source: Source, lines: int, item: str | None) -> Source:
    """`source` moved down `lines` lines; with `item`, the first list item's data and positions."""

    def move(table: dict) -> dict:
        out = {}
        for path, (line, column) in table.items():
            if item is not None:
                if not path or path[0] != 0:
                    continue
                path = path[1:]
            out[path] = (line + lines, column)
        return out

    data = source.data
    if item is not None:
        data = data[0] if isinstance(data, list) and data else None
    shifted = Source(source.name, data, move(source.values), move(source.keys))
    shifted.values.setdefault((), (lines + 1, 1))
    for problem in source.problems:
        where = problem.path
        if item is not None:
            where = where.removeprefix(item).lstrip(".")
        shifted.problems.append(Problem(
            problem.file, problem.line + lines if problem.line is not None else None,
            problem.column, where, problem.message, problem.hint))
    return shifted


def _json_rows(text: str, name: str) -> Iterator[Row]:
    """Each value of a top-level JSON array, cut out and read as it is reached."""
    decoder = json.JSONDecoder()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset) - 1
        return line, offset - line_starts[line]

    def fail(offset: int, message: str) -> DataError:
        line, column = where(min(offset, max(len(text) - 1, 0)))
        return DataError([Problem(name, line + 1, column + 1, "", f"lỗi cú pháp JSON: {message}")])

    index = _skip_space(text, text.index("[") + 1)
    if index < len(text) and text[index] == "]":
        index += 1
    else:
        while True:
            try:
                _, end = decoder.raw_decode(text, index)
            except json.JSONDecodeError as exc:
                raise fail(exc.pos, exc.msg) from exc
            line, column = where(index)
            yield _item_row(name, text[index:end], line, column=column, item=False)
            index = _skip_space(text, end)
            if index < len(text) and text[index] == ",":
                index = _skip_space(text, index + 1)
                continue
            if index < len(text) and text[index] == "]":
                index += 1
                break
            raise fail(index, "thiếu dấu `,` giữa hai hàng hoặc `]` ở cuối")
    if text[index:].strip():
        raise fail(_skip_space(text, index), "còn nội dung sau dấu `]` cuối")


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _whole_file_rows(text: str, name: str) -> Iterator[Row]:
    source = read_text(text, name)
    if source.problems and source.data is None:
        raise DataError(source.problems)
    if not isinstance(source.data, list):
        raise DataError([Problem(name, 1, 1, "", "tệp dữ liệu YAML/JSON phải là một danh sách, "
                                 "mỗi phần tử là các trường của một văn bản",
                                 "mỗi hàng bắt đầu bằng `- `, ví dụ `- number: 5`")])
    for index, value in enumerate(source.data):
        prefix = f"[{index}]"
        sub = Source(name, [value],
                     {(0,) + p[1:]: v for p, v in source.values.items() if p[:1] == (index,)},
                     {(0,) + p[1:]: v for p, v in source.keys.items() if p[:1] == (index,)})
        sub.problems = [p for p in source.problems if p.path.startswith(prefix)]
        row = Row(source.values.get((index,), (1, 1))[0])
        row.source = _shift(sub, 0, prefix)
        row.problems = row.source.problems
        yield row
