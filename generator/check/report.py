"""Results of a check: per rule, per location; as Vietnamese text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from generator.check.rules import Rule
from generator.diagnostics import Diagnostic, DocxLocation, file_location

STATUS_FAIL = "fail"
STATUS_PASS = "pass"
STATUS_NOT_EVALUATED = "not_evaluated"
SEVERITY_NAMES = {"error": "LỖI", "warning": "CẢNH BÁO"}
SHOWN_PER_RULE = 8


class Finding(Diagnostic):
    """One failed rule at one place, or one rule that could not be evaluated: a `Diagnostic`
    whose code is the rule's id."""

    def __init__(
        self,
        rule: str,
        severity: str,
        status: str,
        source: str,
        part: str,
        part_label: str,
        title: str,
        detail: str,
        paragraph: int | None = None,
        where: str = "",
        excerpt: str = "",
        style: str = "",
        at: DocxLocation | None = None,
    ):
        # `at` is the paragraph as the walker names it; the diagnostic's place adds its
        # style, or says a place that is no paragraph (`phần (section) 1`) in words.
        if at is not None:
            location: DocxLocation | None = replace(at, style=style)
        else:
            location = DocxLocation("", label=where) if where else None
        super().__init__(rule, severity, detail, None, location, excerpt)
        for name, value in (
            ("status", status),
            ("source", source),
            ("part", part),
            ("part_label", part_label),
            ("title", title),
            ("paragraph", paragraph),
            ("where", where),
            ("style", style),
            ("at", at),
        ):
            object.__setattr__(self, name, value)

    status: str
    source: str
    part: str
    """The part of the document the rule is about (`quoc_hieu`, `noi_nhan`, …)."""
    part_label: str
    title: str
    paragraph: int | None
    """The paragraph's number as `at` counts it (in its part, or in its table cell)."""
    where: str
    """Where, in words: `at` as `vanban template check` says it, or a place that is no
    paragraph (`phần (section) 1`, `đầu trang`)."""
    style: str
    """The paragraph style of the place, as Word names it: where a maintainer fixes it."""
    at: DocxLocation | None
    """The paragraph, located as the template linter locates it (`generator.ooxml.walk`)."""

    @property
    def rule(self) -> str:
        return self.code

    @property
    def detail(self) -> str:
        return self.message

    def finding_dict(self) -> dict[str, Any]:
        """The finding as `results[].findings[]` of the check report has always given it."""
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "status": self.status,
            "source": self.source,
            "part": self.part,
            "part_label": self.part_label,
            "title": self.title,
            "detail": self.detail,
            "paragraph": self.paragraph,
            "location": self.where,
            "excerpt": self.excerpt,
            "style": self.style,
            "at": self.at.as_dict() if self.at else None,
        }

    def report_place(self) -> str:
        """The place as the check report's lines say it, then the excerpt."""
        place = self.where or self.part_label
        return f"{place} «{self.excerpt}»" if self.excerpt else place


@dataclass
class RuleResult:
    rule: Rule
    status: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.rule.id

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id,
            "source": self.rule.source,
            "severity": self.rule.severity,
            "part": self.rule.part,
            "title": self.rule.title,
            "status": self.status,
            "findings": [f.finding_dict() for f in self.findings],
        }


@dataclass
class Report:
    file: str
    results: list[RuleResult]
    regime: str = "nha_nuoc"
    """The regime checked against (regimes.md): given, or detected from the header."""

    @property
    def findings(self) -> list[Finding]:
        """Every failure (one per place) and every rule that could not be evaluated."""
        return [f for r in self.results for f in r.findings]

    @property
    def errors(self) -> list[RuleResult]:
        """Failed error-level rules."""
        return [r for r in self.results if r.status == STATUS_FAIL and r.rule.severity == "error"]

    @property
    def warnings(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == STATUS_FAIL and r.rule.severity == "warning"]

    @property
    def not_evaluated(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == STATUS_NOT_EVALUATED]

    @property
    def passed(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == STATUS_PASS]

    @property
    def ok(self) -> bool:
        return not self.errors

    def status(self, rule_id: str) -> str:
        for result in self.results:
            if result.rule.id == rule_id:
                return result.status
        raise KeyError(rule_id)

    def diagnostics(self) -> list[Diagnostic]:
        """The failed rules, one diagnostic per place, each naming the file checked."""
        return [
            Diagnostic(
                f.code,
                f.severity,
                f.message,
                f.hint,
                replace(f.location, file=self.file)
                if isinstance(f.location, DocxLocation)
                else file_location(self.file),
                f.excerpt,
            )
            for r in self.errors + self.warnings
            for f in r.findings
        ]

    def failed_ids(self) -> set[str]:
        return {r.rule.id for r in self.results if r.status == STATUS_FAIL}

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "regime": self.regime,
            "ok": self.ok,
            "summary": {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "passed": len(self.passed),
                "not_evaluated": len(self.not_evaluated),
                "rules": len(self.results),
            },
            "results": [r.as_dict() for r in self.results],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)

    def format_text(self, show_not_evaluated: bool = True) -> str:
        lines = [
            f"Tệp: {self.file}"
            + (f" (thể thức `{self.regime}`)" if self.regime != "nha_nuoc" else "")
        ]
        for result in self.errors + self.warnings:
            rule = result.rule
            head = SEVERITY_NAMES[rule.severity]
            lines.append(f"  {head} {rule.id} [{rule.source}] {_label(result)}: {rule.title}")
            for finding in result.findings[:SHOWN_PER_RULE]:
                lines.append(f"      – {finding.report_place()}: {finding.detail}")
            hidden = len(result.findings) - SHOWN_PER_RULE
            if hidden > 0:
                lines.append(f"      … và {hidden} chỗ khác")
        if show_not_evaluated:
            for result in self.not_evaluated:
                detail = result.findings[0].detail if result.findings else ""
                lines.append(f"  CHƯA ĐÁNH GIÁ {result.rule.id}: {detail}")
        verdict = "ĐẠT" if self.ok else "KHÔNG ĐẠT"
        lines.append(
            f"Kết quả: {verdict} — {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo, "
            f"{len(self.passed)} quy tắc đạt, {len(self.not_evaluated)} chưa đánh giá"
        )
        return "\n".join(lines)


def _label(result: RuleResult) -> str:
    findings = result.findings
    return findings[0].part_label if findings else result.rule.part
