"""Conformance checker: does a DOCX follow Nghị định 30/2020/NĐ-CP (nd30-format.md §1–§9)?

    report = check_docx("van-ban.docx")
    report.ok, report.errors, report.format_text(), report.to_json()

The rules are data (`rules.yaml`); the engine only knows generic check types.
"""

from __future__ import annotations

from generator.check.engine import check_docx
from generator.check.report import Finding, Report, RuleResult
from generator.check.rules import Rule, RulePack, RulePackError, load_rules
from generator.ooxml.package import NotDocx

NotADocx = NotDocx
"""The one error for a file that is not a readable DOCX (`generator.ooxml.package`)."""

__all__ = [
    "Finding",
    "NotADocx",
    "NotDocx",
    "Report",
    "Rule",
    "RulePack",
    "RulePackError",
    "RuleResult",
    "check_docx",
    "load_rules",
]
