"""One row of a units file, its columns, and the error of a file that cannot be used."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.batch.merge import FieldPath
from generator.content.source import Source
from generator.problems import Problem, UnusableFile


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
