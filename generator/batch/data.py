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
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch import csvfile, xlsx
from generator.batch.merge import APPEND, FieldPath, parse_field_path, show_path
from generator.content.chars import bad_characters, join_surrogates
from generator.content.labels import ignored, path_for_label
from generator.content.source import Source, read_text
from generator.limits import current
from generator.problems import Problem, UnusableFile

SPREADSHEET = (".csv", ".xlsx")
MAPPINGS = (".yaml", ".yml", ".json")
SUFFIXES = SPREADSHEET + MAPPINGS

_ITEM_START = re.compile(r"-(?:[ \t]|$)")
_ANCHORS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


class DataError(UnusableFile):
    """The units file cannot be used at all (unreadable, no header, not a list, ...)."""


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

    def __init__(self, path: Path, *, sheet: str | None = None):
        self.path = Path(path)
        self.name = str(path)
        self.suffix = self.path.suffix.lower()
        self.sheet = sheet
        self.columns: list[Column] = []
        self.skipped: list[Column] = []
        """Columns that set no field (`STT`)."""
        if self.suffix not in SUFFIXES:
            raise DataError.at(
                self.name,
                None,
                None,
                f"không đọc được tệp dữ liệu đuôi `{self.path.suffix}`",
                "dùng tệp .csv, .xlsx, .yaml hoặc .json",
            )
        if sheet is not None and self.suffix != ".xlsx":
            raise DataError.at(self.name, None, None, "--sheet chỉ dùng cho tệp Excel (.xlsx)")
        limits = current()
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise DataError.at(
                self.name, None, None, f"không đọc được tệp: {exc.strerror}"
            ) from exc
        if size > limits.data_bytes:
            raise DataError.at(
                self.name,
                None,
                None,
                f"tệp quá lớn ({size:,} byte)".replace(",", "."),
                limits.hint("data_bytes"),
            )
        if self.suffix in SPREADSHEET:
            self._header_line, header = self._read_header()
            self.columns, self.skipped = _columns(self.name, self._header_line, header)

    # --- spreadsheets ---------------------------------------------------------

    def _records(self) -> Iterator[csvfile.Record]:
        """`(row number, values, problems)` of every row, empty ones included."""
        try:
            if self.suffix == ".csv":
                yield from csvfile.records(self.path, self.name)
            else:
                for line, values in xlsx.records(self.path, self.name, self.sheet):
                    yield line, values, []
        except (csvfile.CsvError, xlsx.XlsxError) as exc:
            raise DataError(exc.problems) from exc

    def _read_header(self) -> tuple[int, list[Any]]:
        records = self._records()
        try:
            for line, values, problems in records:
                if problems:
                    raise DataError(problems)
                if any(_blank(v) is not None for v in values):
                    return line, values
        finally:
            records.close()
        raise DataError.at(
            self.name,
            None,
            None,
            "tệp dữ liệu trống",
            "dòng đầu là tên các cột (ví dụ `number`, `issuers.0.abbr`), "
            "mỗi dòng sau là một văn bản",
        )

    def rows(self) -> Iterator[Row]:
        """Every non-empty row, in order."""
        if self.suffix in MAPPINGS:
            yield from _mapping_rows(self.path, self.name)
            return
        width = len(self.columns)
        by_index = {c.index: c for c in self.columns}
        skipped = {c.index for c in self.skipped}
        flaws = (
            xlsx.flaws(self.path, self.name, self.sheet, self._header_line + 1).by_row
            if self.suffix == ".xlsx"
            else {}
        )
        for line, values, problems in self._records():
            if line <= self._header_line:
                continue
            row = Row(line, problems=list(problems))
            row.problems += [
                xlsx.flaw_problem(self.name, line, text) for text in flaws.get(line, ())
            ]
            for index, raw in enumerate(values):
                value = _blank(raw)
                if value is None or index in skipped:
                    continue
                column = by_index.get(index)
                if column is None:
                    where = f"cột {index + 1}" + (
                        " (sau cột cuối có tên)" if index >= width else ""
                    )
                    row.problems.append(
                        Problem(
                            self.name,
                            line,
                            None,
                            "",
                            f"{where} có giá trị `{value}` nhưng không có tên cột",
                            "ghi tên trường vào dòng tiêu đề, hoặc xóa giá trị này",
                            code="data.invalid",
                        )
                    )
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
            row.problems.append(
                Problem(
                    self.name,
                    row.line,
                    None,
                    show_path(column.path),
                    message,
                    hint,
                    column_name=column.header,
                    code="data.invalid",
                )
            )
        # A date written day first (`05/03/2025`) is read by the content model, as in YAML.
        return unicodedata.normalize("NFC", value)

    def count(self) -> int | None:
        """How many rows there are, cheaply (for progress and work sizes); None if unknown."""
        try:
            if self.suffix == ".csv":
                return sum(
                    1
                    for line, values, problems in csvfile.records(self.path, self.name)
                    if line > self._header_line
                    and (problems or any(_blank(v) is not None for v in values))
                )
            if self.suffix == ".xlsx":
                return xlsx.size(self.path, self.sheet) - self._header_line
            text = _read_text(self.path, self.name)
            starts = _item_starts(text)
            return len(starts) if starts is not None else None
        except (DataError, csvfile.CsvError, xlsx.XlsxError, OSError, ValueError):
            return None


def _blank(value: Any) -> Any:
    """The cell's value, or None for an empty cell (blank text counts as empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _columns(name: str, line: int, header: list[Any]) -> tuple[list[Column], list[Column]]:
    """The columns that set fields, and those ignored (`STT`)."""
    columns: list[Column] = []
    skipped: list[Column] = []
    problems: list[Problem] = []
    seen: dict[FieldPath, str] = {}
    depth = current().depth
    for index, raw in enumerate(header):
        text = _blank(raw)
        if text is None:
            continue
        text = unicodedata.normalize("NFC", str(text))
        if ignored(text):
            skipped.append(Column(index, text, ()))
            continue
        if text.count(".") + text.count("[") >= depth:
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    "",
                    f"tên cột `{text[:40]}…` lồng quá sâu",
                    current().hint("depth"),
                    column_name=text[:40],
                    code="data.invalid",
                )
            )
            continue
        path = parse_field_path(path_for_label(text) or text)
        if path is None:
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    "",
                    f"tên cột `{text}` không phải đường dẫn đến một trường",
                    "ví dụ `number`, `date`, `issuers.0.abbr`, `signatories.0.name`, `recipients.+`, "
                    "hoặc tên tiếng Việt như `Số`, `Ngày`, `Người ký`",
                    column_name=text,
                    code="data.invalid",
                )
            )
            continue
        if path in seen and path[-1] is not APPEND:
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    "",
                    f"cột `{text}` có hai lần",
                    "mỗi trường chỉ một cột; muốn thêm nhiều nơi nhận thì dùng "
                    "nhiều cột `recipients.+`",
                    column_name=text,
                    code="data.invalid",
                )
            )
            continue
        seen[path] = text
        columns.append(Column(index, text, path))
    if problems:
        raise DataError(problems)
    if not columns:
        raise DataError.at(name, line, None, "dòng tiêu đề không có tên cột nào")
    return columns, skipped


# --- YAML / JSON --------------------------------------------------------------


def _read_text(path: Path, name: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DataError.at(name, None, None, f"không đọc được tệp: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DataError.at(
            name,
            None,
            None,
            f"tệp không phải UTF-8 (byte thứ {exc.start + 1})",
            "lưu tệp với mã hóa UTF-8",
        ) from exc


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


def _item_row(
    name: str, chunk: str, line_offset: int, *, column: int = 0, item: bool = True
) -> Row:
    """Read one item cut out of the file: a `- ...` item, or a JSON value at `column`.

    Indenting the cut-out text as it stood keeps every column right; only
    lines need moving.
    """
    source = read_text(" " * column + chunk, name, limit="data_bytes")
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
        shifted.problems.append(
            Problem(
                problem.file,
                problem.line + lines if problem.line is not None else None,
                problem.column,
                where,
                problem.message,
                problem.hint,
                code="data.invalid",
            )
        )
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
        return DataError.at(name, line + 1, column + 1, f"lỗi cú pháp JSON: {message}")

    index = _skip_space(text, text.index("[") + 1)
    if index < len(text) and text[index] == "]":
        index += 1
    else:
        while True:
            try:
                _, end = decoder.raw_decode(text, index)
            except json.JSONDecodeError as exc:
                raise fail(exc.pos, exc.msg) from exc
            except RecursionError as exc:
                limits = current()
                raise DataError.at(
                    name,
                    *(n + 1 for n in where(index)),
                    "hàng lồng nhau quá sâu",
                    limits.hint("depth"),
                ) from exc
            except ValueError as exc:  # a number of thousands of digits
                limits = current()
                raise DataError.at(
                    name,
                    *(n + 1 for n in where(index)),
                    "hàng có số quá dài, không đọc được",
                    limits.hint("number_digits"),
                ) from exc
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
    source = read_text(text, name, limit="data_bytes")
    if source.problems and source.data is None:
        raise DataError(source.problems)
    if not isinstance(source.data, list):
        raise DataError.at(
            name,
            1,
            1,
            "tệp dữ liệu YAML/JSON phải là một danh sách, "
            "mỗi phần tử là các trường của một văn bản",
            "mỗi hàng bắt đầu bằng `- `, ví dụ `- number: 5`",
        )
    for index, value in enumerate(source.data):
        prefix = f"[{index}]"
        sub = Source(
            name,
            [value],
            {(0,) + p[1:]: v for p, v in source.values.items() if p[:1] == (index,)},
            {(0,) + p[1:]: v for p, v in source.keys.items() if p[:1] == (index,)},
        )
        sub.problems = [p for p in source.problems if p.path.startswith(prefix)]
        row = Row(source.values.get((index,), (1, 1))[0])
        row.source = _shift(sub, 0, prefix)
        row.problems = row.source.problems
        yield row
