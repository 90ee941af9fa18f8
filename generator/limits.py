"""Limits on what vanban reads: every input is bounded before the work it would cause.

A file that people or other programs wrote can be small and still cost
gigabytes (nested YAML aliases, a zip bomb, a spreadsheet of shared strings)
or take forever (a template that loops). Each limit below is checked before
the costly step, and a limit hit is a located error that names the limit and
the environment variable that raises it: `VANBAN_LIMIT_<NAME>` (the field
name in capitals, e.g. `VANBAN_LIMIT_FILE_BYTES=20000000`).

The defaults are far above any real administrative document or units list
and far below what would hurt a small server.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

ENV_PREFIX = "VANBAN_LIMIT_"


@dataclass(frozen=True)
class Limits:
    content_bytes: int = 2_000_000
    """Size of a content file (YAML/JSON). A long plan is some 50 KB."""
    data_bytes: int = 50_000_000
    """Size of a units file (CSV, XLSX, YAML, JSON) on disk."""
    yaml_nodes: int = 200_000
    """Values a YAML/JSON file may hold once its aliases (`*name`) are expanded."""
    depth: int = 40
    """Nesting of lists and mappings in YAML/JSON, and parts of a column header path."""
    number_digits: int = 30
    """Digits of a number written in YAML/JSON (a document number has a few)."""
    text_chars: int = 100_000
    """Characters of one text value (a paragraph; some 30 pages)."""
    rows: int = 200_000
    """Rows of a units file."""
    columns: int = 1_000
    """Columns of a spreadsheet."""
    cells: int = 5_000_000
    """Cells of a spreadsheet read, empty ones included."""
    zip_member_bytes: int = 100_000_000
    """Uncompressed size of one member of a DOCX or XLSX package."""
    zip_total_bytes: int = 300_000_000
    """Uncompressed size of all members of a DOCX or XLSX package."""
    zip_ratio: int = 200
    """Uncompressed / compressed size of a member larger than 1 MB (text XML deflates
    some 5–20 times; a bomb thousands)."""
    zip_members: int = 10_000
    """Members of a DOCX or XLSX package."""
    pattern_chars: int = 200
    """Length of a `--name` file-name pattern."""
    template_seconds: float = 20.0
    """Time for the trial render of a custom template."""
    template_memory_mb: int = 1_000
    """Memory (address space) for the trial render of a custom template, in MB."""

    def hint(self, name: str) -> str:
        """How to raise the limit `name`, in Vietnamese."""
        return (
            f"giới hạn `{name}` = {getattr(self, name)}; nếu tệp này đúng là cần hơn, "
            f"đặt biến môi trường {ENV_PREFIX}{name.upper()}"
        )


def current() -> Limits:
    """The limits in force: the defaults, each overridden by `VANBAN_LIMIT_<NAME>` if set.

    Read at each use (cheaply), so a test or a server can change them at run time.
    """
    changes: dict[str, float | int] = {}
    for item in dataclasses.fields(Limits):
        raw = os.environ.get(ENV_PREFIX + item.name.upper())
        if raw is None or not raw.strip():
            continue
        try:
            value = float(raw) if item.type == "float" else int(raw.replace("_", ""))
        except ValueError:
            continue  # an unreadable setting keeps the default rather than lifting the limit
        if value > 0:
            changes[item.name] = value
    return dataclasses.replace(Limits(), **changes) if changes else _DEFAULT


_DEFAULT = Limits()


class LimitExceeded(Exception):
    """An input went over one of the limits; `str()` is the Vietnamese message."""

    def __init__(self, name: str, message: str, limits: Limits | None = None):
        self.name = name
        self.message = message
        self.hint = (limits or current()).hint(name)
        super().__init__(f"{message} (gợi ý: {self.hint})")
