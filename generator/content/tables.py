"""Tables in content: rows read from a `data:` file, and every table's shape checked.

content-format.md, Tables and annexes: `data:` names a CSV or XLSX file relative to
the content file; its first row holds the column headings and every later
non-empty row is a row; a column named `STT` is ignored (vanban numbers the
rows); `group_by: <column>` makes a group of each value, in order of first
appearance. The file is read while the content is validated, so that a missing
file, an unreadable one, an empty one and a row of the wrong length are located
mistakes like any other, and the model sees plain `columns` and `rows`/`groups`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.content.source import Path_, Source
from generator.problems import Problem

TABLE = "content.table"
"""The code of a mistake in a table's shape or its data file's rows."""

NUMBER_COLUMN = "STT"
ITEM_LISTS = (
    "purposes",
    "contents",
    "targets",
    "measures",
    "results",
    "shortcomings",
    "plans",
    "proposals",
    "articles",
)


def _csv_rows(path: Path) -> list[tuple[int, list[Any]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = max((",", ";", "\t"), key=first.count)
        reader = csv.reader(handle, delimiter=delimiter)
        out = []
        for values in reader:
            out.append((reader.line_num, [_number(v) for v in values]))
        return out


def _number(text: str) -> Any:
    """A CSV cell that is a plain number (`1500000`, `98.5`) becomes one, to be printed the
    Vietnamese way; anything else stays text as written."""
    value = text.strip()
    if value.lstrip("-").isdigit():
        return int(value)
    if value.count(".") == 1 and value.replace(".", "").lstrip("-").isdigit():
        return float(value)
    return value


def _xlsx_rows(path: Path, sheet: str | None) -> list[tuple[int, list[Any]]]:
    import openpyxl  # only content with an .xlsx table pays for it

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        out = []
        for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = []
            for v in values:
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                elif isinstance(v, dt.datetime):
                    v = v.strftime("%d/%m/%Y")
                cells.append(v)
            out.append((line, cells))
        return out
    finally:
        workbook.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table_file(
    path: Path, name: str, sheet: str | None = None
) -> tuple[list[str], list[tuple[int, list[Any]]], list[Problem]]:
    """The headings and the non-empty rows (with their line) of a data file, or problems."""
    try:
        if path.suffix.lower() == ".csv":
            records = _csv_rows(path)
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            records = _xlsx_rows(path, sheet)
        else:
            return _unread(name, "bảng chỉ đọc được tệp .csv hoặc .xlsx")
    except (OSError, UnicodeDecodeError, csv.Error, KeyError, ValueError) as exc:
        return _unread(
            name,
            f"không đọc được tệp dữ liệu: {exc}",
            "lưu tệp dạng CSV UTF-8 hoặc Excel Workbook (.xlsx)",
        )
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return _unread(
            name,
            f"không đọc được tệp Excel: {exc}",
            "mở tệp bằng Excel và lưu lại dạng Excel Workbook (.xlsx)",
        )
    records = [(line, cells) for line, cells in records if not all(_blank(c) for c in cells)]
    if len(records) == 1:
        # Column names and nothing under them: the list was left unfilled.
        return _unread(
            name,
            "tệp dữ liệu chỉ có hàng tên cột, không có hàng nào của bảng",
            "mỗi hàng dưới hàng tên cột là một hàng của bảng",
            TABLE,
            line=records[0][0] + 1,
        )
    if not records:
        return _unread(
            name,
            "tệp dữ liệu không có hàng nào",
            "hàng đầu ghi tên các cột, mỗi hàng sau là một hàng của bảng",
            TABLE,
        )
    line, header = records[0]
    while header and _blank(header[-1]):
        header = header[:-1]
    headings = [str(h).strip() if not _blank(h) else "" for h in header]
    problems = [
        Problem(name, line, i + 1, "", "cột không có tên", "ghi tên cột ở hàng đầu", code=TABLE)
        for i, h in enumerate(headings)
        if not h
    ]
    return headings, records[1:], problems


def _unread(
    name: str,
    message: str,
    hint: str | None = None,
    code: str = "content.data_file",
    line: int | None = None,
) -> tuple[list[str], list[tuple[int, list[Any]]], list[Problem]]:
    """No table: the data file could not be read, or holds no row."""
    return [], [], [Problem(name, line, 1 if line else None, "", message, hint, code=code)]


def _inline(table: dict, path: Path_, source: Source, base: Path) -> Iterator[Problem]:
    data = table.get("data")
    if not isinstance(data, str) or not data.strip():
        return
    file = (base / data.strip()).resolve()
    shown = str(base / data.strip())
    if source.root is not None and not file.is_relative_to(source.root.resolve()):
        yield source.problem(
            path + ("data",),
            f"tệp dữ liệu `{data}` nằm ngoài những gì được gửi kèm tệp nội dung",
            "gửi tệp dữ liệu cùng tệp nội dung và ghi tên tệp, không ghi đường dẫn ra ngoài",
            code="content.data_file",
        )
        return
    if not file.is_file():
        yield source.problem(
            path + ("data",),
            f"không tìm thấy tệp dữ liệu `{data}`",
            "đường dẫn tính từ thư mục của tệp nội dung",
            code="content.data_file",
        )
        return
    sheet = table.get("sheet") if isinstance(table.get("sheet"), str) else None
    headings, records, problems = read_table_file(file, shown, sheet)
    yield from problems
    if problems:
        return
    keep = [i for i, h in enumerate(headings) if h.upper() != NUMBER_COLUMN]
    group_by = table.get("group_by")
    group_at = None
    if isinstance(group_by, str):
        if group_by not in headings:
            close = difflib.get_close_matches(group_by, headings, n=1, cutoff=0.6)
            yield source.problem(
                path + ("group_by",),
                f"tệp dữ liệu không có cột `{group_by}`",
                f"có phải là `{close[0]}`?" if close else "các cột: " + ", ".join(headings),
                code=TABLE,
            )
            # Go on: the rows' own mistakes are reported in the same run.
        else:
            group_at = headings.index(group_by)
            keep.remove(group_at)
    rows: list[tuple[Any, list[Any]]] = []
    for line, cells in records:
        while len(cells) > len(headings) and _blank(cells[-1]):
            cells = cells[:-1]
        if len(cells) > len(headings):
            yield Problem(
                shown,
                line,
                len(headings) + 1,
                "",
                f"hàng có {len(cells)} ô, nhiều hơn {len(headings)} cột",
                "xóa ô thừa hoặc thêm tên cột",
                code=TABLE,
            )
            continue
        if len(cells) < len(headings):
            yield Problem(
                shown,
                line,
                len(cells) + 1 if cells else 1,
                "",
                f"hàng có {len(cells)} ô, ít hơn {len(headings)} cột",
                "thêm ô còn thiếu (để trống thì vẫn ghi dấu phân cách)",
                code=TABLE,
            )
            continue
        group = cells[group_at] if group_at is not None else None
        rows.append((group, [cells[i] for i in keep]))
    if not table.get("columns"):
        table["columns"] = [headings[i] for i in keep]
    elif len(table["columns"]) != len(keep):
        yield source.problem(
            path + ("columns",),
            f"`columns` có {len(table['columns'])} cột, tệp dữ liệu có {len(keep)}",
            "bỏ `columns` để dùng tên cột của tệp",
            code=TABLE,
        )
    if group_at is None:
        table["rows"] = [cells for _, cells in rows]
    else:
        groups: dict[str, list] = {}
        for group, cells in rows:
            groups.setdefault(str(group or "").strip() or "Khác", []).append(cells)
        table["groups"] = [{"heading": h, "rows": r} for h, r in groups.items()]
    table.pop("data")
    table.pop("sheet", None)
    table.pop("group_by", None)


def _tables(data: dict) -> Iterator[tuple[Path_, dict]]:
    for i, annex in enumerate(data.get("annexes") or []):
        if isinstance(annex, dict):
            yield ("annexes", i), annex
    for name in ITEM_LISTS:
        yield from _item_tables(data.get(name), (name,))
    for i, section in enumerate(data.get("sections") or []):
        if isinstance(section, dict):
            yield from _item_tables(section.get("items"), ("sections", i, "items"))


def _item_tables(items: Any, path: Path_) -> Iterator[tuple[Path_, dict]]:
    if isinstance(items, dict):
        items, path = items.get("items"), path + ("items",)
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if isinstance(item, dict):
            if isinstance(item.get("table"), dict):
                yield path + (i, "table"), item["table"]
            yield from _item_tables(item.get("items"), path + (i, "items"))


def inline_table_data(data: dict, source: Source) -> Iterator[Problem]:
    """Read every table's `data:` file into its `columns` and `rows` (or `groups`)."""
    base = Path(source.name).parent
    for path, table in _tables(data):
        yield from _inline(table, path, source, base)


def check_table_shapes(data: dict, source: Source) -> Iterator[Problem]:
    """A table needs columns and rows, each row as many cells as the columns."""
    for path, table in _tables(data):
        columns = table.get("columns")
        if "data" in table:
            continue  # the data file was not read; its problem is reported already
        if not isinstance(columns, list) or not columns:
            yield source.problem(
                path,
                "bảng phải có `columns` (hoặc `data`)",
                "ví dụ `columns: [Họ và tên, Chức vụ, Đơn vị]`",
                code=TABLE,
            )
            continue
        width = len(columns)
        spots = [(path + ("rows",), table.get("rows"))]
        spots += [
            (path + ("groups", g, "rows"), grp.get("rows"))
            for g, grp in enumerate(table.get("groups") or [])
            if isinstance(grp, dict)
        ]
        if not any(isinstance(rows, list) and rows for _, rows in spots):
            yield source.problem(
                path,
                "bảng không có hàng nào",
                "thêm `rows`, `groups` hoặc `data`",
                code=TABLE,
            )
        for where, rows in spots:
            for r, row in enumerate(rows if isinstance(rows, list) else []):
                if isinstance(row, list) and len(row) != width:
                    yield source.problem(
                        where + (r,),
                        f"hàng có {len(row)} ô, bảng có {width} cột",
                        "mỗi hàng ghi đủ số ô như `columns` (không ghi cột STT)",
                        code=TABLE,
                    )
