"""What `vanban template check` reports: a problem, where it is in the DOCX, and a hint.

Locations (`generator.ooxml.walk.Location`, shared with `vanban check`) speak
of what a maintainer sees in Word: the part (body, a header or a footer), the
paragraph number, or the table, row and column, and an excerpt of the text
around the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.ooxml.walk import Location

__all__ = ["ERROR", "WARNING", "Location", "TemplateProblem", "TemplateReport"]

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True)
class TemplateProblem:
    """One thing wrong with a template."""

    code: str
    """A stable short name for the kind of problem (`unclosed-block`, `unknown-name`, ...)."""
    severity: str
    message: str
    hint: str | None = None
    location: Location | None = None
    """None for the template as a whole (e.g. a part it never uses)."""
    excerpt: str = ""
    where: str = ""
    """Said instead of a location when there is none in the template (a trial document's)."""

    def __str__(self) -> str:
        where = str(self.location) if self.location else (self.where or "cả mẫu")
        text = f"{where}: {SEVERITY_LABELS[self.severity]}: {self.message}"
        if self.excerpt:
            text += f" — «{self.excerpt}»"
        if self.hint:
            text += f" (gợi ý: {self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "location": self.location.as_dict() if self.location else None,
            "where": str(self.location) if self.location else (self.where or None),
            "excerpt": self.excerpt,
        }


@dataclass
class TemplateReport:
    """Everything found in one template, for one kind."""

    template: Path
    kind: str | None
    problems: list[TemplateProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What could not be checked, and why (not problems of the template)."""
    format_checked: bool = False
    """Whether a trial document was checked against the format rules."""

    @property
    def errors(self) -> list[TemplateProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[TemplateProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def clean(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "template": str(self.template),
            "kind": self.kind,
            "problems": [p.as_dict() for p in self.problems],
            "notes": list(self.notes),
            "format_checked": self.format_checked,
        }
