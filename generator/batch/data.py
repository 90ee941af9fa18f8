"""Read a units file (CSV, XLSX, YAML or JSON) as a stream of rows, each remembering where it stood.

Rows are read one at a time, so a batch of any size holds only the rows in
flight. Values keep their types: a CSV cell is text (`05` keeps its zero; the
content model turns text into a number where a number is expected), an Excel
date is a date and an Excel number the number it shows. An empty cell sets
nothing.

A YAML or JSON units file is a list of mappings, read item by item
(`generator.batch.mappings`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.batch import csvfile, xlsx
from generator.batch.mappings import item_count, mapping_rows
from generator.batch.merge import APPEND, FieldPath, parse_field_path, show_path
from generator.batch.rows import Column, DataError, Row
from generator.content.chars import bad_characters, join_surrogates
from generator.content.labels import ignored, path_for_label
from generator.limits import current
from generator.problems import Problem

SPREADSHEET = (".csv", ".xlsx")
MAPPINGS = (".yaml", ".yml", ".json")
SUFFIXES = SPREADSHEET + MAPPINGS


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
            yield from mapping_rows(self.path, self.name)
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
            return item_count(self.path, self.name)
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
