"""Where documents go: safe file names, and writes that leave nothing half-written."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any


class OutputError(Exception):
    """A file could not be written where it was asked for (exists, unsafe name, ...)."""

    def __init__(self, path: Path | str, reason: str, hint: str = "", code: str = "output.exists"):
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        self.code = code
        super().__init__(f"{path}: {reason}" + (f"; {hint}" if hint else ""))


FORCE_HINT = "dùng --force để ghi đè"


def _ascii(text: str) -> str:
    """`Phát động ĐX` → `phat-dong-dx`: lower-case ASCII letters, digits, `_` and `-` only."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9_]+", "-", text)
    return re.sub(r"-{2,}", "-", text)


def slug(text: str) -> str:
    """An ASCII file-name piece: `CTĐP` → `ctdp`, `Phát động` → `phat-dong`."""
    return _ascii(text).strip("-_") or "van-ban"


FIELD_PATH = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*|\[\d{1,4}\])*\Z")
"""What a `{...}` of a file-name pattern may hold: a field path, `issuers[0].abbr`.
No format spec (`{kind:>1000000000}`) and no conversion (`{row!r}`)."""
_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def field_value(fields: dict[str, Any], path: str) -> Any:
    """The value at a pattern's field path, or None when the path is not a field path or
    leads nowhere."""
    if not FIELD_PATH.match(path):
        return None
    value: Any = fields
    for name, index in _STEP.findall(path):
        if name and isinstance(value, dict):
            value = value.get(name)
        elif index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return None
    return value


def file_stem(pattern: str, fields: dict[str, Any]) -> str:
    """Fill a pattern such as `{kind}-{issuers[0].abbr}-{number}` and make it a safe ASCII stem.

    Each `{field path}` is looked up, never formatted (`str.format` would obey a
    width or a conversion in the pattern), and slugged on its own, so no value
    can bring a path separator or `..`.
    """
    pieces = re.split(r"(\{[^{}]*\})", pattern)
    out = []
    for piece in pieces:
        if piece.startswith("{") and piece.endswith("}"):
            value = field_value(fields, piece[1:-1].strip())
            text = "" if value is None or isinstance(value, (dict, list)) else str(value)
            out.append(slug(text) if text else "")
        else:
            # Literal text keeps its separators (`-so-`, ` ` → `-`) but, like a value,
            # can bring no dot or path separator.
            out.append(_ascii(piece))
    stem = re.sub(r"-{2,}", "-", "".join(out)).strip("-_.")
    return stem or "van-ban"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file and a rename.

    A reader never sees half a file, and an interruption leaves at most a
    hidden temporary file that is removed on the way out. An existing file is
    kept unless `force` is set.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputError(path, "tệp đã có", FORCE_HINT)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            # mkstemp makes the file private; a document gets the mode any new file would.
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        if not force and path.exists():
            raise OutputError(path, "tệp đã có", FORCE_HINT)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
