"""One diagnostics model: every mistake vanban reports, whatever found it.

A `Diagnostic` is a stable `code`, a severity, a message and a hint in Vietnamese, and
where the mistake is. A place is one of two kinds:

- `ContentLocation`: a text file the user wrote (content YAML/JSON, or a batch's data
  CSV/XLSX): file, line, column, the field path, and for a data file the column's header;
- `DocxLocation`: a place in a DOCX (a template, or a document being checked): the
  part, the paragraph, or the table cell, and the paragraph style.

Content problems (`generator.problems.Problem`), template problems
(`generator.templating.report.TemplateProblem`) and checker findings
(`generator.check.report.Finding`) are thin constructors of this one class: they are
printed by `Diagnostic.__str__` and written as JSON by `Diagnostic.as_dict`, so the
command line, `--json` and the web page say the same thing the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "lỗi", WARNING: "cảnh báo"}
DOCX_PARTS = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang"}


@dataclass(frozen=True)
class ContentLocation:
    """A place in a text file the user wrote, lines and columns counted from 1."""

    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    """The field, as `signatories[0].authority`; empty for the file as a whole."""
    column_name: str | None = None
    """The spreadsheet column (its header) the value came from, for batch data files."""

    kind = "content"

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.column_name is not None:
            text += f": cột {self.column_name}"
        if self.path:
            text += f": {self.path}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "column_name": self.column_name,
        }


@dataclass(frozen=True)
class DocxLocation:
    """A place in a DOCX part, numbered from 1 as Word users count (`generator.ooxml.walk`
    gives every paragraph one, so the checker and the template linter name it alike)."""

    part: str
    """`body`, `header` or `footer`; empty for the document as a whole."""
    part_name: str = ""
    """The part inside the package, e.g. `word/header1.xml`."""
    paragraph: int | None = None
    """A paragraph of the part outside tables; inside a table, the paragraph of the cell."""
    table: int | None = None
    row: int | None = None
    column: int | None = None
    box: int | None = None
    """The paragraph within the text box(es) anchored at the place the other fields name."""
    label: str = ""
    """A place said in words when it is no paragraph (`phần (section) 1`)."""
    style: str = ""
    """The paragraph style, as Word names it: where a maintainer fixes the place."""
    file: str = ""
    """The DOCX (for a document checked before it was written: the content it came from);
    empty where the command names it once for all its diagnostics."""

    kind = "docx"

    def __str__(self) -> str:
        text = DOCX_PARTS.get(self.part, self.part)
        if self.part not in ("body", ""):
            text += f" ({self.part_name.rsplit('/', 1)[-1]})"
        if self.table is not None:
            text += f", bảng {self.table}, hàng {self.row}, cột {self.column}"
            if self.paragraph is not None and self.paragraph > 1:
                text += f", đoạn {self.paragraph} trong ô"
        elif self.paragraph is not None:
            text += f", đoạn {self.paragraph}"
        if self.box is not None:
            text += f", đoạn {self.box} trong khung văn bản"
        if self.label:
            text += f", {self.label}" if text else self.label
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "part": self.part,
            "part_name": self.part_name,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "box": self.box,
            "label": self.label,
            "style": self.style,
            "file": self.file,
        }


Location = ContentLocation | DocxLocation


def file_location(name: str) -> DocxLocation:
    """A DOCX as a whole: one that could not be opened, or a rule about all of it."""
    return DocxLocation("", file=name)


@dataclass(frozen=True)
class Diagnostic:
    """One mistake: what (`code`, `message`), how bad, where, and what was probably meant."""

    code: str
    """Stable and short: `content.required`, `nd30.date.month_padding`, `unknown-name`…"""
    severity: str
    message: str
    hint: str | None = None
    location: Location | None = None
    excerpt: str = ""
    """The text at the place (a DOCX paragraph), to find it by eye."""

    def place(self) -> str:
        """Where, in words; empty when the mistake has no place."""
        return str(self.location) if self.location is not None else ""

    def __str__(self) -> str:
        place = self.place()
        text = f"{place}: " if place else ""
        # A content file holds only the writer's mistakes, all errors; its lines read like a
        # compiler's (`file:line:col: path: message`). A DOCX has errors and warnings both.
        if self.severity != ERROR or not isinstance(self.location, ContentLocation):
            text += f"{SEVERITY_LABELS.get(self.severity, self.severity)}: "
        text += self.message
        if self.excerpt:
            text += f" — «{self.excerpt}»"
        if self.hint:
            text += f" (gợi ý: {self.hint})"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "location": self.location.as_dict() if self.location is not None else None,
            "excerpt": self.excerpt,
            "text": str(self),
        }


def json_report(ok: bool, diagnostics: Iterable[Diagnostic], **fields: Any) -> str:
    """What a command prints for `--json`: `{"ok", "diagnostics", ...its own fields}`."""
    data = {"ok": ok, "diagnostics": [d.as_dict() for d in diagnostics], **fields}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
