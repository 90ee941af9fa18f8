"""File names for a batch: from a pattern, safe, inside the output folder, and unique."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.content.model import Content
from generator.limits import current
from generator.output import FIELD_PATH
from generator.pipeline import Rendered

MAX_STEM = 120
"""Long enough for any sensible pattern, well under every file system's limit."""

PATTERN_FIELDS = ("year", "row")
"""Names a pattern may use besides the content's fields: the emulation year and the data row."""

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_FIELD = re.compile(r"\{([^{}]*)\}")
_HEAD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class UnsafeName(Exception):
    """A file-name pattern that cannot work, or a name that would leave the output folder."""


def check_pattern(pattern: str) -> list[str]:
    """What is wrong with a `--name` pattern (unknown fields), in Vietnamese; empty if nothing."""
    known = set(Content.model_fields) | set(PATTERN_FIELDS)
    limits = current()
    if len(pattern) > limits.pattern_chars:
        return [
            f"mẫu tên tệp dài {len(pattern)} ký tự, quá dài (gợi ý: {limits.hint('pattern_chars')})"
        ]
    problems = []
    for text in _FIELD.findall(pattern):
        head = _HEAD.match(text.strip())
        if not FIELD_PATH.match(text.strip()):
            problems.append(
                f"mẫu tên tệp `{pattern}`: `{{{text}}}` chỉ được ghi tên trường, "
                "ví dụ `{number}` hay `{issuers[0].abbr}` (không có `:` hay `!`)"
            )
        elif head is None or head.group(0) not in known:
            problems.append(
                f"mẫu tên tệp `{pattern}`: `{{{text}}}` không phải một trường "
                f"(dùng được: {', '.join(sorted(known))})"
            )
    if not _FIELD.search(pattern):
        problems.append(
            f"mẫu tên tệp `{pattern}` không có trường nào nên mọi văn bản trùng tên "
            "(ví dụ `{kind}-{issuers[0].abbr}-{number}` hoặc `{row}`)"
        )
    return problems


def stem_for(rendered: Rendered, pattern: str | None, row: int) -> str:
    """The file name without `.docx` for one row: the pattern filled, each piece made safe."""
    stem = rendered.default_stem(pattern, row=row)[:MAX_STEM].rstrip("-_.") or "van-ban"
    if stem.lower() in _WINDOWS_RESERVED:
        stem += "-1"
    return stem


def target(out_dir: Path, stem: str) -> Path:
    """`out_dir/<stem>.docx`, refusing anything that would not stay directly inside `out_dir`."""
    name = f"{stem}.docx"
    if (
        not stem
        or "/" in stem
        or "\\" in stem
        or stem.startswith(".")
        or ".." in stem
        or Path(name).name != name
    ):
        raise UnsafeName(f"tên tệp `{name}` không an toàn")
    # With no separator and no `..` in it, the name can only stand directly in
    # `out_dir`; `os.replace` replaces a symlink there rather than following it.
    return out_dir / name


def duplicates(names: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Names given to more than one row (case-insensitively, as Windows and macOS see them)."""
    rows: dict[str, list[int]] = {}
    for row, name in names:
        rows.setdefault(name.lower(), []).append(row)
    return {name: found for name, found in rows.items() if len(found) > 1}
