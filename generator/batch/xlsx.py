"""Reading an Excel units file as it is, not as it happens to look to a quick reader.

openpyxl's fast reader gives each cell's saved value, which is not the whole
truth: a formula that Excel never calculated (the file was written by a
program) has no saved value and reads as empty, a merged cell holds its value
in its first cell only, and the first sheet may be a hidden one. Read as
empty, those cells would silently print the master's value; so the sheet's
XML is read once more, cheaply, for formulas without a value, error values
and merged ranges, and each becomes a problem of its row. The sheet used is
the one named by `--sheet`, else the first visible one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from generator.limits import LimitExceeded, Limits, current
from generator.problems import Problem, UnusableFile
from generator.zipguard import BadPackage, check_package

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class XlsxError(UnusableFile):
    """A workbook that cannot be read at all."""


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


def open_workbook(path: Path, name: str) -> Any:
    import openpyxl  # only a batch with an .xlsx file pays for it

    limits = current()
    try:
        check_package(path, limits)
    except LimitExceeded as exc:
        raise XlsxError.at(name, None, None, exc.message, exc.hint) from exc
    except BadPackage as exc:
        raise _unreadable(name, exc) from exc
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _unreadable(name, exc) from exc


def _unreadable(name: str, exc: Exception) -> XlsxError:
    return XlsxError.at(
        name, None, None, f"không đọc được tệp Excel: {exc}", "lưu tệp dạng Excel Workbook (.xlsx)"
    )


def choose_sheet(workbook: Any, name: str, wanted: str | None) -> Any:
    """The sheet named `wanted` (any case), else the first visible sheet."""
    sheets = list(workbook.worksheets)
    titles = ", ".join(f"`{s.title}`" for s in sheets)
    if wanted is not None:
        for match in (
            [s for s in sheets if s.title == wanted],
            [s for s in sheets if s.title.casefold() == wanted.strip().casefold()],
        ):
            if match:
                return match[0]
        raise XlsxError.at(
            name, None, None, f"không có trang tính `{wanted}`", f"các trang tính của tệp: {titles}"
        )
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    if not visible:
        raise XlsxError.at(
            name,
            None,
            None,
            "tệp không có trang tính nào đang hiện",
            f"chọn trang tính bằng --sheet (có: {titles})",
        )
    return visible[0]


@dataclass
class Flaws:
    """Cells whose saved value is not what the sheet shows, by row."""

    by_row: dict[int, list[str]] = field(default_factory=dict)

    def add(self, row: int, text: str) -> None:
        self.by_row.setdefault(row, []).append(text)


def _split_ref(ref: str) -> tuple[str, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    return letters, int(digits or 0)


def sheet_flaws(sheet: Any, first_row: int) -> Flaws:
    """Formulas without a saved value, error values, and merged ranges from `first_row` down."""
    flaws = Flaws()
    try:
        source = sheet._get_source()  # the sheet's XML in the package, read as a stream
    except Exception:  # noqa: BLE001 - no XML to read: openpyxl reported what it could
        return flaws
    with source:
        try:
            _scan_sheet(source, first_row, flaws)
        except etree.XMLSyntaxError as exc:
            flaws.add(first_row, f"XML của trang tính bị hỏng ({exc})")
    return flaws


def _scan_sheet(source: Any, first_row: int, flaws: Flaws) -> None:
    from openpyxl.utils.cell import range_boundaries

    last_row = first_row + current().rows  # rows past the limit are refused when read
    for _, el in etree.iterparse(
        source,
        events=("end",),
        tag=(f"{_MAIN}c", f"{_MAIN}mergeCell"),
        resolve_entities=False,
        huge_tree=False,
    ):
        if el.tag == f"{_MAIN}mergeCell":
            ref = el.get("ref", "")
            try:
                _, min_row, _, max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if min_row is None or max_row is None:
                continue
            for row in range(max(min_row, first_row), min(max_row, last_row) + 1):
                flaws.add(row, f"ô gộp {ref}: chỉ ô đầu có giá trị, các ô khác đọc ra trống")
        else:
            formula = el.find(f"{_MAIN}f")
            value = el.find(f"{_MAIN}v")
            _, row = _split_ref(el.get("r", ""))
            if first_row <= row <= last_row:
                if formula is not None and (value is None or not (value.text or "")):
                    flaws.add(
                        row,
                        f"ô {el.get('r')} có công thức chưa được tính "
                        "(không có giá trị lưu trong tệp)",
                    )
                elif el.get("t") == "e":
                    shown = value.text if value is not None else ""
                    flaws.add(row, f"ô {el.get('r')} có giá trị lỗi `{shown}`")
        el.clear()


HINTS = {
    "ô gộp": "bỏ gộp ô (Unmerge) và ghi giá trị vào từng ô",
    "công thức": "mở tệp trong Excel rồi lưu lại (để Excel tính công thức), hoặc ghi giá trị thay "
    "cho công thức",
    "giá trị lỗi": "sửa công thức của ô này trong Excel",
}


def flaw_problem(name: str, row: int, text: str) -> Problem:
    hint = next((h for key, h in HINTS.items() if key in text), None)
    return Problem(name, row, None, "", text, hint, code="data.invalid")


def records(path: Path, name: str, wanted: str | None) -> Iterator[tuple[int, list[Any]]]:
    """`(row number, values)` of every row of the chosen sheet, bounded by the limits."""
    limits = current()
    workbook = open_workbook(path, name)
    try:
        sheet = choose_sheet(workbook, name, wanted)
        if (sheet.max_column or 0) > limits.columns:
            raise XlsxError.at(
                name,
                None,
                None,
                f"trang tính có {sheet.max_column} cột, quá nhiều",
                limits.hint("columns"),
            )
        yield from _bounded_rows(sheet, name, limits)
    finally:
        workbook.close()


def _bounded_rows(sheet: Any, name: str, limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    rows = sheet.iter_rows(min_row=1, values_only=True)
    cells = line = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken sheet
            raise XlsxError.at(
                name,
                line + 1,
                None,
                f"trang tính bị hỏng ở hàng này ({type(exc).__name__}: {exc})",
                "mở tệp trong Excel rồi lưu lại",
            ) from exc
        line += 1
        cells += len(values)
        if line > limits.rows + 1:
            raise XlsxError.at(name, line, None, "tệp có quá nhiều hàng", limits.hint("rows"))
        if len(values) > limits.columns:
            raise XlsxError.at(
                name, line, None, f"hàng có {len(values)} cột", limits.hint("columns")
            )
        if cells > limits.cells:
            raise XlsxError.at(name, line, None, "tệp có quá nhiều ô", limits.hint("cells"))
        yield line, [_excel_value(v) for v in values]


def flaws(path: Path, name: str, wanted: str | None, first_row: int) -> Flaws:
    workbook = open_workbook(path, name)
    try:
        return sheet_flaws(choose_sheet(workbook, name, wanted), first_row)
    finally:
        workbook.close()


def size(path: Path, wanted: str | None) -> int:
    workbook = open_workbook(path, str(path))
    try:
        return choose_sheet(workbook, str(path), wanted).max_row or 0
    finally:
        workbook.close()
