"""Reading a CSV units file strictly: a stray quote is a located problem, not a lost row.

Python's lenient CSV reader lets a quote that is never closed swallow every
line after it into one cell, and one closed a few lines later swallow the
rows between: a row disappears and the batch says all is well. Here the
reader is strict; a malformed record is reported at the line it starts on
and reading starts again on the next line, so the other rows go on. A cell
spanning lines whose later lines hold the delimiter is reported too: that is
how rows look when a quote swallowed them (a true multi-line cell rarely
does, and its author can write it in a YAML units file instead).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from generator.limits import current
from generator.problems import Problem


class CsvError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class _Lines:
    """Physical lines, numbered, remembering those of the record being read."""

    def __init__(self, handle: TextIO):
        self._lines = iter(handle)
        self.number = 0
        self.record: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number += 1
        self.record.append((self.number, line))
        return line

    def again(self, lines: list[tuple[int, str]]) -> None:
        """Read `lines` again before the rest."""
        self.number = lines[0][0] - 1 if lines else self.number
        self._lines = itertools.chain((text for _, text in lines), self._lines)


Record = tuple[int, list[Any], list[Problem]]
"""A record: the line it starts on, its values, and problems found reading it."""


def records(path: Path, name: str) -> Iterator[Record]:
    limits = current()
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            # Excel writes `;` where the decimal mark is a comma (as in Vietnamese settings).
            delimiter = max((",", ";", "\t"), key=first.count)
            lines = _Lines(handle)
            count = cells = 0
            while True:
                reader = csv.reader(lines, delimiter=delimiter, strict=True)
                try:
                    for values in reader:
                        start = lines.record[0][0]
                        spanned = lines.record[1:]
                        lines.record = []
                        count += 1
                        cells += len(values)
                        if count > limits.rows + 1:
                            raise CsvError(
                                [
                                    Problem(
                                        name,
                                        start,
                                        None,
                                        "",
                                        "tệp có quá nhiều hàng",
                                        limits.hint("rows"),
                                        code="data.invalid",
                                    )
                                ]
                            )
                        if len(values) > limits.columns or cells > limits.cells:
                            which = "columns" if len(values) > limits.columns else "cells"
                            raise CsvError(
                                [
                                    Problem(
                                        name,
                                        start,
                                        None,
                                        "",
                                        "tệp có quá nhiều ô",
                                        limits.hint(which),
                                        code="data.invalid",
                                    )
                                ]
                            )
                        problems = []
                        if any(delimiter in text for _, text in spanned):
                            problems.append(
                                Problem(
                                    name,
                                    start,
                                    None,
                                    "",
                                    f"một ô kéo dài từ dòng {start} đến dòng {spanned[-1][0]} và "
                                    "chứa cả dấu phân cách: có lẽ thiếu dấu ngoặc kép đóng",
                                    'kiểm tra các dấu ngoặc kép (") của hàng này; các hàng '
                                    "bị nuốt vào ô này chưa được đọc",
                                    code="data.invalid",
                                )
                            )
                        yield start, values, problems
                    return
                except csv.Error as exc:
                    bad = lines.record
                    lines.record = []
                    start = bad[0][0] if bad else lines.number
                    yield (
                        start,
                        [],
                        [
                            Problem(
                                name,
                                start,
                                None,
                                "",
                                f"hàng CSV sai cú pháp ({exc})",
                                'kiểm tra các dấu ngoặc kép (") của hàng này: '
                                'một ô bắt đầu bằng " phải kết thúc bằng "',
                                code="data.invalid",
                            )
                        ],
                    )
                    lines.again(bad[1:])
    except UnicodeDecodeError as exc:
        raise CsvError(
            [
                Problem(
                    name,
                    None,
                    None,
                    "",
                    f"tệp không phải UTF-8 (byte thứ {exc.start + 1})",
                    "trong Excel chọn Lưu thành › CSV UTF-8",
                    code="data.invalid",
                )
            ]
        ) from exc
    except OSError as exc:
        raise CsvError(
            [
                Problem(
                    name, None, None, "", f"không đọc được tệp: {exc.strerror}", code="data.invalid"
                )
            ]
        ) from exc
