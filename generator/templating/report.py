"""What `vanban template check` reports: a problem, where it is in the DOCX, and a hint.

Locations (`generator.ooxml.walk.Location`, shared with `vanban check`) speak
of what a maintainer sees in Word: the part (body, a header or a footer), the
paragraph number, or the table, row and column, and an excerpt of the text
around the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import ERROR, WARNING, Diagnostic, file_location
from generator.ooxml.walk import Location

__all__ = ["ERROR", "WARNING", "Location", "TemplateProblem", "TemplateReport"]


class TemplateProblem(Diagnostic):
    """One thing wrong with a template: a `Diagnostic` at a place in the DOCX, or none."""

    def __init__(
        self,
        code: str,
        severity: str,
        message: str,
        hint: str | None = None,
        location: Location | None = None,
        excerpt: str = "",
        where: str = "",
    ):
        super().__init__(code, severity, message, hint, location, excerpt)
        object.__setattr__(self, "where", where)

    where: str
    """Said instead of a location when there is none in the template (a trial document's)."""

    def place(self) -> str:
        return super().place() or self.where or "cả mẫu"

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "where": self.place() if self.location or self.where else None}


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
        problems = [p.as_dict() for p in self.problems]
        return {
            "ok": self.clean,
            "diagnostics": [self._in_file(p.as_dict()) for p in self.problems],
            "template": str(self.template),
            "kind": self.kind,
            "problems": problems,
            "notes": list(self.notes),
            "format_checked": self.format_checked,
        }

    def _in_file(self, problem: dict[str, Any]) -> dict[str, Any]:
        """A problem's dict whose location names the template (or the template, as a whole)."""
        where = problem["location"] or {
            **file_location("").as_dict(),
            "label": problem["where"] or "",
        }
        return {**problem, "location": {**where, "file": str(self.template)}}
