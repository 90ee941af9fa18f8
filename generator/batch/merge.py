"""Mail merge: one row of a units file over the master content, and where each value came from.

A spreadsheet row sets fields by path (`issuers.0.abbr`, `recipients.+`); a
YAML/JSON row is a mapping deep-merged into the master. The merged data is
validated like a content file, through a `MergedSource` that sends each
problem to where the faulty value was written: the data file's row and column
for a value the row set, the master's line for one the row left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.content.source import Path_, Source
from generator.diagnostics import ContentLocation
from generator.problems import PathPart, format_path


class _Append:
    """`+` in a column header: append to the list instead of replacing an element."""

    def __repr__(self) -> str:
        return "+"

    def __reduce__(self) -> str:
        return "APPEND"  # stays the one sentinel across worker processes


APPEND = _Append()
FieldPath = tuple[Any, ...]
"""A column header parsed: field names, list indexes, and `APPEND` as the last part."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INDEX = re.compile(r"\[(\d+|\+)\]")


def parse_field_path(header: str) -> FieldPath | None:
    """`issuers.0.abbr` or `issuers[0].abbr` → `('issuers', 0, 'abbr')`; `recipients.+` appends.

    None when the header is not a field path.
    """
    text = _INDEX.sub(r".\1", header.strip())
    parts: list[Any] = []
    for i, piece in enumerate(text.split(".")):
        if _NAME.match(piece):
            parts.append(piece)
        elif piece.isascii() and piece.isdigit() and i > 0:
            parts.append(int(piece))
        elif piece == "+" and i > 0:
            parts.append(APPEND)
        else:
            return None
    if APPEND in parts[:-1]:
        return None
    return tuple(parts)


def show_path(path: FieldPath) -> str:
    return format_path([part if part is not APPEND else "+" for part in path])


class MergeConflict(Exception):
    """A cell cannot be written where its header points (a scalar or list is in the way)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "một mục `khóa: giá trị`"
    if isinstance(value, list):
        return "một danh sách"
    return "một giá trị đơn"


def set_cells(
    master: dict,
    cells: Iterable[tuple[str, FieldPath, Any]],
) -> tuple[dict, dict[Path_, str], list[tuple[str, MergeConflict]]]:
    """Write each `(header, path, value)` over `master`, copying only what is written to.

    Returns the merged data, the paths each header set or created (list
    appends resolved to their index), and the cells that could not be written.
    The master is never changed, so one master serves every row.
    """
    root = dict(master)
    fresh = {id(root)}  # containers that belong to this row and may be changed in place
    assigned: dict[Path_, str] = {}
    conflicts: list[tuple[str, MergeConflict]] = []
    for header, path, value in cells:
        try:
            _set(root, path, value, header, fresh, assigned)
        except MergeConflict as exc:
            conflicts.append((header, exc))
    return root, assigned, conflicts


def _set(
    root: dict,
    path: FieldPath,
    value: Any,
    header: str,
    fresh: set[int],
    assigned: dict[Path_, str],
) -> None:
    container: Any = root
    done: tuple[PathPart, ...] = ()
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(container, dict):
            if not isinstance(part, str):
                raise MergeConflict(
                    f"`{format_path(done)}` là {_describe(container)}, không phải danh sách",
                    f"ghi tên trường sau `{format_path(done)}.`, ví dụ `{format_path(done)}.name`",
                )
            key: PathPart = part
            exists = key in container
        else:
            if isinstance(part, str):
                raise MergeConflict(
                    f"`{format_path(done)}` là một danh sách, cần chỉ số phần tử",
                    f"ví dụ `{format_path(done)}.0.{part}`, hoặc `{format_path(done)}.+` để thêm vào cuối",
                )
            size = len(container)
            key = size if part is APPEND else part
            if key > size:
                raise MergeConflict(
                    f"chỉ số {key} vượt quá danh sách `{format_path(done)}` (đang có {size} phần tử)",
                    f"dùng chỉ số từ 0 đến {size}, hoặc `{format_path(done)}.+` để thêm vào cuối",
                )
            exists = key < size
        here = done + (key,)
        if last:
            if exists:
                container[key] = value
            else:
                _add(container, key, value)
            assigned[here] = header
            return
        child = container[key] if exists else None
        want_list = not isinstance(path[depth + 1], str)
        if child is None:
            child = [] if want_list else {}
            assigned[here] = header  # created by this cell: its problems are the cell's
            if exists:
                container[key] = child
            else:
                _add(container, key, child)
            fresh.add(id(child))
        elif isinstance(child, (dict, list)):
            if id(child) not in fresh:
                child = dict(child) if isinstance(child, dict) else list(child)
                container[key] = child
                fresh.add(id(child))
        else:
            raise MergeConflict(
                f"`{format_path(here)}` trong tệp mẫu là {_describe(child)}, không ghi được phần tử con vào đó",
                "sửa tên cột, hoặc bỏ giá trị này khỏi tệp mẫu",
            )
        container = child
        done = here


def _add(container: Any, key: PathPart, value: Any) -> None:
    if isinstance(container, dict):
        container[key] = value
    else:
        container.append(value)


def deep_merge(master: dict, row: dict) -> tuple[dict, set[Path_]]:
    """`row` merged into `master`: mappings merge key by key, anything else replaces.

    Returns the merged data and the paths whose value the row gave.
    """
    assigned: set[Path_] = set()
    return _merge(master, row, (), assigned), assigned


def _merge(base: dict, over: dict, path: Path_, assigned: set[Path_]) -> dict:
    out = dict(base)
    for key, value in over.items():
        here = path + (key,)
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = _merge(base[key], value, here, assigned)
        else:
            out[key] = value
            assigned.add(here)
    return out


class MergedSource(Source):
    """A merged row, validated like a content file, whose problems point where the value was written.

    A value a spreadsheet cell set (or a container a cell made) reports the data
    file, the row and the column's header; a value a YAML/JSON row gave reports
    its line and column in the data file; anything else reports the master.
    """

    def __init__(
        self,
        name: str,
        data: Any,
        master: Source,
        line: int,
        *,
        cells: dict[Path_, str] | None = None,
        row: Source | None = None,
        given: set[Path_] | None = None,
    ):
        super().__init__(name, data)
        self.master = master
        self.line = line
        self.cells = cells or {}
        self.row = row
        self.given = given or set()
        self._renames: list[tuple[Path_, Path_]] = []

    def rename(self, old: Path_, new: Path_) -> None:
        # `issuer:` accepted as `issuers`: look positions up under the name written.
        self._renames.append((tuple(old), tuple(new)))

    def _written(self, path: Path_) -> Path_:
        for old, new in reversed(self._renames):
            if path[: len(new)] == new:
                path = old + path[len(new) :]
        return path

    def locate(self, path: Path_, *, key: bool = False) -> ContentLocation:
        shown = format_path(path)
        written = self._written(tuple(path))
        for n in range(len(written), 0, -1):
            header = self.cells.get(written[:n])
            if header is not None:
                return ContentLocation(self.name, self.line, None, shown, header)
        if self.row is not None and any(
            written[:n] in self.given for n in range(len(written), 0, -1)
        ):
            line, column = self.row.position(written, key=key)
            return ContentLocation(self.name, line, column, shown)
        line, column = self.master.position(written, key=key)
        return ContentLocation(self.master.name, line, column, shown)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        at = self.locate(path, key=key)
        return at.line, at.column
