"""Located problems in content: what every mistake in a content or data file is made of."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.diagnostics import ERROR, ContentLocation, Diagnostic

PathPart = str | int

CONTENT = "content.invalid"
"""The code of a content problem no more precise code names."""


def format_path(path: Sequence[PathPart]) -> str:
    """`('signatories', 1, 'authority')` -> `signatories[1].authority`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Problem(Diagnostic):
    """One mistake in content or data, with where it is and what was probably meant: a
    `Diagnostic` at a `ContentLocation`."""

    def __init__(
        self,
        file: str,
        line: int | None,
        column: int | None,
        path: str,
        message: str,
        hint: str | None = None,
        column_name: str | None = None,
        *,
        code: str = CONTENT,
    ):
        super().__init__(
            code, ERROR, message, hint, ContentLocation(file, line, column, path, column_name)
        )

    @property
    def _at(self) -> ContentLocation:
        assert isinstance(self.location, ContentLocation)
        return self.location

    @property
    def file(self) -> str:
        return self._at.file

    @property
    def line(self) -> int | None:
        return self._at.line

    @property
    def column(self) -> int | None:
        return self._at.column

    @property
    def path(self) -> str:
        return self._at.path

    @property
    def column_name(self) -> str | None:
        return self._at.column_name

    def recoded(self, code: str) -> Problem:
        """The same problem under another code (a YAML mistake in a profile: `profile.syntax`)."""
        return Problem(
            self.file,
            self.line,
            self.column,
            self.path,
            self.message,
            self.hint,
            self.column_name,
            code=code,
        )

    def moved(self, **changes: Any) -> Problem:
        """The same problem at a changed place (`file=`, `line=`, …)."""
        where = {**self._at.__dict__, **changes}
        return Problem(
            where["file"],
            where["line"],
            where["column"],
            where["path"],
            self.message,
            self.hint,
            where["column_name"],
            code=self.code,
        )


class UnusableFile(Exception):
    """A data file that cannot be used at all, with its problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(
        cls,
        file: str,
        line: int | None,
        column: int | None,
        message: str,
        hint: str | None = None,
    ) -> UnusableFile:
        """One problem of the file as a whole, or of a place in it that no field names."""
        return cls([Problem(file, line, column, "", message, hint, code="data.invalid")])


class ContentError(Exception):
    """A content file (or a merged batch row) has one or more problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))
