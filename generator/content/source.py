"""Read a YAML or JSON content file into plain data, remembering where each value stood.

ruamel.yaml keeps line and column for every key and item, and parses JSON too
(JSON is YAML 1.2), so one reader serves both and every later problem can be
located. Timestamps are kept as text so that an impossible date such as
`2024-02-30` is reported by validation instead of aborting the parse.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from generator.content.chars import bad_characters, join_surrogates
from generator.content.guard import scan
from generator.diagnostics import ContentLocation
from generator.limits import Limits, current
from generator.problems import CONTENT, PathPart, Problem, format_path

Path_ = tuple[PathPart, ...]


class _TextTimestampConstructor(RoundTripConstructor):
    """Leave timestamps as the text written; validation parses and locates them."""


_TextTimestampConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),
)


@dataclass
class Source:
    """Plain data from one content file, and the position of each key and value in it."""

    name: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    root: Path | None = None
    """A folder every file the content names (a table's `data:`) must lie in: content sent
    over the network reads only what was uploaded with it. None: the user's own disk."""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path`, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        probe = tuple(path)
        while probe:
            probe = probe[:-1]
            if probe in self.values:
                return self.values[probe]
        return (1, 1) if self.values or self.keys else (None, None)

    def locate(self, path: Path_, *, key: bool = False) -> ContentLocation:
        """Where the value (or with `key`, the key) at `path` was written."""
        line, column = self.position(path, key=key)
        return ContentLocation(self.name, line, column, format_path(path))

    def problem(
        self,
        path: Path_,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        code: str = CONTENT,
    ) -> Problem:
        at = self.locate(path, key=key)
        return Problem(
            at.file, at.line, at.column, at.path, message, hint, at.column_name, code=code
        )

    def rename(self, old: Path_, new: Path_) -> None:
        """Move positions recorded under `old` to `new` (used for accepted aliases)."""
        for table in (self.values, self.keys):
            for path in [p for p in table if p[: len(old)] == old]:
                table[new + path[len(old) :]] = table.pop(path)


def read_source(path: Path, *, limit: str = "content_bytes") -> Source:
    """Read a content file. Syntax problems end up in `Source.problems`.

    `limit` names the size limit that applies (`data_bytes` for a units file).
    """
    source = Source(str(path))
    limits = current()
    try:
        size = path.stat().st_size
        if size > getattr(limits, limit):
            source.problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "",
                    f"tệp quá lớn ({size:,} byte)".replace(",", "."),
                    limits.hint(limit),
                    code="content.too_large",
                )
            )
            return source
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        source.problems.append(
            Problem(
                str(path),
                None,
                None,
                "",
                f"không đọc được tệp: {exc.strerror}",
                code="content.unreadable",
            )
        )
        return source
    except UnicodeDecodeError as exc:
        source.problems.append(
            Problem(
                str(path),
                None,
                None,
                "",
                f"tệp không phải UTF-8 (byte thứ {exc.start + 1})",
                "lưu tệp với mã hóa UTF-8",
                code="content.encoding",
            )
        )
        return source
    return read_text(text, str(path), source, limit=limit)


def read_text(
    text: str, name: str, source: Source | None = None, *, limit: str = "content_bytes"
) -> Source:
    """Read content given as text (a file's, or one sent by the web page), bounded by the
    size limit `limit` and by the limits on YAML structure."""
    source = source or Source(name)
    limits = current()
    if len(text) > getattr(limits, limit):
        size = f"{len(text):,}".replace(",", ".")
        source.problems.append(
            Problem(
                name,
                None,
                None,
                "",
                f"nội dung quá lớn ({size} ký tự)",
                limits.hint(limit),
                code="content.too_large",
            )
        )
        return source
    refused = scan(text, name, limits)
    if refused:
        source.problems += refused
        return source
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextTimestampConstructor
    try:
        raw = yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        source.problems.append(
            Problem(
                name,
                mark.line + 1,
                mark.column + 1,
                "",
                "khóa bị lặp lại trong cùng một mục",
                "mỗi trường chỉ được viết một lần",
                code="content.duplicate_key",
            )
        )
        return source
    except ReaderError as exc:
        # A raw control character stops the YAML reader before any structure is read.
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        source.problems.append(
            Problem(
                name,
                line,
                col,
                "",
                f"ký tự điều khiển U+{code:04X} không thể có trong văn bản DOCX",
                "xóa ký tự này (thường do sao chép từ phần mềm khác)",
                code="content.control_character",
            )
        )
        return source
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        source.problems.append(
            Problem(
                name,
                line,
                col,
                "",
                f"lỗi cú pháp YAML/JSON: {exc.problem or exc.context}",
                "kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép",
                code="content.syntax",
            )
        )
        return source
    except (ValueError, TypeError, RecursionError) as exc:  # a value the constructor cannot build
        source.problems.append(
            Problem(name, None, None, "", f"không đọc được giá trị: {exc}", code="content.syntax")
        )
        return source
    source.values[()] = (1, 1)
    source.data = _plain(raw, (), source, limits)
    return source


def _plain(node: Any, path: Path_, source: Source, limits: Limits) -> Any:
    """Convert ruamel nodes to plain Python, recording positions and checking text."""
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            if key in node.lc.data:
                kline, kcol = node.lc.key(key)
                vline, vcol = node.lc.value(key)
            else:  # brought in by a merge key (`<<: *base`): it stands where the mapping does
                kline, kcol = vline, vcol = node.lc.line, node.lc.col
            key_text = str(key)
            source.keys[path + (key_text,)] = (kline + 1, kcol + 1)
            source.values[path + (key_text,)] = (vline + 1, vcol + 1)
            out[key_text] = _plain(value, path + (key_text,), source, limits)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, value in enumerate(node):
            line, col = node.lc.item(i)
            source.values[path + (i,)] = (line + 1, col + 1)
            out_list.append(_plain(value, path + (i,), source, limits))
        return out_list
    if isinstance(node, bool) or node is None:
        return node if node is None else bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        text = str(node)
        if isinstance(node, (LiteralScalarString, FoldedScalarString)):
            # A block scalar's final newline is YAML's, not the author's.
            text = text.rstrip("\n")
        if len(text) > limits.text_chars:
            source.problems.append(
                source.problem(
                    path,
                    f"giá trị dài {len(text):,} ký tự, quá dài".replace(",", "."),
                    limits.hint("text_chars"),
                    code="content.too_large",
                )
            )
            return ""
        text = join_surrogates(text)
        for _index, message, hint in bad_characters(text):
            source.problems.append(source.problem(path, message, hint))
        return unicodedata.normalize("NFC", text)
    return node
