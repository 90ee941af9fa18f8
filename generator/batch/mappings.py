"""The rows of a YAML or JSON units file: a list of mappings.

Each top-level item is cut out of the text and read on its own with the content
reader, so positions (and NFC, control-character checks) are the same as for a
content file; a file that cannot be cut that way (anchors shared between items, a
second document) is read whole.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from pathlib import Path

from generator.batch.rows import DataError, Row
from generator.content.source import Source, read_text
from generator.limits import current
from generator.problems import Problem

_ITEM_START = re.compile(r"-(?:[ \t]|$)")
_ANCHORS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


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


def item_count(path: Path, name: str) -> int | None:
    """How many rows the file holds, when it is cut item by item (None when it is not)."""
    starts = _item_starts(_read_text(path, name))
    return len(starts) if starts is not None else None


def mapping_rows(path: Path, name: str) -> Iterator[Row]:
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
            except (RecursionError, ValueError) as exc:  # too deep, or a number of 1000s of digits
                message, limit = (
                    ("hàng lồng nhau quá sâu", "depth")
                    if isinstance(exc, RecursionError)
                    else ("hàng có số quá dài, không đọc được", "number_digits")
                )
                line, column = where(index)
                raise DataError.at(
                    name, line + 1, column + 1, message, current().hint(limit)
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
