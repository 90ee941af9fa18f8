"""`manifest.csv`: one line per data row, saying what became of it."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.output import write_atomic

MANIFEST = "manifest.csv"
FIELDS = ("row", "file", "sha256", "status", "message", "pdf")
OK = "ok"
ERROR = "error"
STOPPED = "stopped"
"""A good row whose document was not moved into place because the batch was stopped."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


@dataclass(frozen=True)
class Entry:
    row: int
    """The row's number in the data file (its line in a CSV, YAML or JSON file)."""
    file: str
    """The document's file name in the output folder; empty when none was written."""
    sha256: str
    status: str
    """`ok`, `error` or `stopped`."""
    message: str
    pdf: str = ""
    """The PDF's file name, when `--pdf` made one."""


def cell(value: object) -> str:
    """A manifest cell that a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text


def manifest_bytes(entries: Iterable[Entry]) -> bytes:
    """The manifest as CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for e in entries:
        writer.writerow([cell(v) for v in (e.row, e.file, e.sha256, e.status, e.message, e.pdf)])
    return buffer.getvalue().encode("utf-8-sig")


def write_manifest(path: Path, entries: Iterable[Entry]) -> Path:
    """Write the manifest through a temporary file and a rename, replacing an older one."""
    write_atomic(path, manifest_bytes(entries), force=True)
    # The temporary file was private (mode 600); the manifest is as readable as the documents.
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


def read_manifest(path: Path) -> list[Entry]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            Entry(
                int(r["row"]),
                _uncell(r["file"]),
                r["sha256"],
                r["status"],
                _uncell(r["message"]),
                _uncell(r.get("pdf") or ""),
            )
            for r in csv.DictReader(handle)
        ]
