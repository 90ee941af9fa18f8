"""Apply a rule pack to a document: find the parts once, then run each rule's check."""

from __future__ import annotations

from pathlib import Path

from generator.check.catalog import all_checks
from generator.check.header_parts import top_titles
from generator.check.model import Para
from generator.check.parts import PART_LABELS, Parts, locate
from generator.check.reader import collector_paused, read_docx
from generator.check.registry import Failure
from generator.check.report import (
    STATUS_FAIL,
    STATUS_NOT_EVALUATED,
    STATUS_PASS,
    Finding,
    Report,
    RuleResult,
)
from generator.check.rules import Rule, RulePack, load_rules
from generator.check.text import excerpt, fold
from generator.regimes import DEFAULT as DEFAULT_REGIME


def check_docx(
    source: str | Path | bytes,
    rules: RulePack | str | Path | None = None,
    name: str | None = None,
    regime: str | None = None,
) -> Report:
    """Check a DOCX (a path or its bytes) against the ND30 rule pack (or another pack).

    The rules applied are those of the document's regime (regimes.md): `regime` when
    given, else the one its header shows (`ĐẢNG CỘNG SẢN VIỆT NAM` at the top right is a
    Party document; the Quốc hiệu, or no title found, the state format).
    Raises `NotADocx` when the input is not a readable Word document.
    """
    pack = rules if isinstance(rules, RulePack) else load_rules(rules)
    with collector_paused():
        parts = locate(read_docx(source))
        found = regime or detect_regime(parts)
        applied = (rule.for_regime(found) for rule in pack.rules)
        results = [evaluate(rule, parts) for rule in applied if rule is not None]
        del parts  # the model goes while the collector is off: findings keep no paragraph
    label = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "<bytes>")
    return Report(label, results, regime=found)


def detect_regime(parts: Parts) -> str:
    """The regime a document's header shows: its title at the top right, else `nha_nuoc`."""
    top = parts.items("top_title")
    if top and not parts.items("national_title"):
        return top_titles().get(fold(top[0][0].text), DEFAULT_REGIME)
    return DEFAULT_REGIME


def _items(rule: Rule, parts: Parts) -> list:
    items = parts.items(rule.part)
    if not rule.exclude:
        return items
    dropped = {id(p) for part in rule.exclude for group in parts.items(part) for p in group}
    kept = []
    for group in items:
        rest = [p for p in group if id(p) not in dropped]
        if rest:
            kept.append(rest)
    return kept


def evaluate(rule: Rule, parts: Parts) -> RuleResult:
    label = PART_LABELS[rule.part]
    items = _items(rule, parts)
    if not items:
        return RuleResult(
            rule,
            STATUS_NOT_EVALUATED,
            [_finding(rule, STATUS_NOT_EVALUATED, Failure(None, f"không tìm thấy phần «{label}»"))],
        )
    failures = all_checks()[rule.check](parts, items, rule.params)
    if failures is None:
        return RuleResult(
            rule,
            STATUS_NOT_EVALUATED,
            [
                _finding(
                    rule,
                    STATUS_NOT_EVALUATED,
                    Failure(None, f"phần «{label}» không có nội dung để đánh giá"),
                )
            ],
        )
    if not failures:
        return RuleResult(rule, STATUS_PASS)
    return RuleResult(rule, STATUS_FAIL, [_finding(rule, STATUS_FAIL, f) for f in failures])


def _finding(rule: Rule, status: str, failure: Failure) -> Finding:
    para: Para | None = failure.para
    at = para.location if para is not None and not failure.where else None
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        status=status,
        source=rule.source,
        part=rule.part,
        part_label=PART_LABELS[rule.part],
        title=rule.title,
        detail=failure.detail,
        paragraph=at.paragraph if at is not None else None,
        where=failure.where or (str(at) if at is not None else ""),
        excerpt=excerpt(para.text) if para is not None else "",
        style=para.style_name if para is not None else "",
        at=at,
    )
