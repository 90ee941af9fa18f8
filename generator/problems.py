"""Located problems: what every user-facing mistake report is made of."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """`('signatories', 1, 'authority')` -> `signatories[1].authority`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One mistake, with where it is and what was probably meant."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    hint: str | None = None
    column_name: str | None = None
    """The spreadsheet column (its header) the value came from, for batch data files."""

    def location(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        if self.column_name is not None:
            loc += f": cột {self.column_name}"
        return loc

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" (gợi ý: {self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }
        if self.column_name is not None:
            out["column_name"] = self.column_name
        return out


class ContentError(Exception):
    """A content file (or a merged batch row) has one or more problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))
