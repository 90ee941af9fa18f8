"""The template's fixed text and page setup against the format rules (generator.check).

A template is not a document: its `{{ date_line }}` cannot be judged. So it is
rendered once with the context built from its kind's starter file, whose
strings the layout makes right by construction, and the result is checked
with the conformance checker's rule pack. What fails there is the template's
doing: a margin, a style, the Quốc hiệu's text. Each failed rule is reported
once, at the template paragraph it comes from when that can be told. A part
the checker finds in the trial document of the kind's own template but not in
this one's (a Quốc hiệu typed wrong past recognition, a missing `Nơi nhận:`)
is reported too: its rules could not even be applied.
"""

from __future__ import annotations

from pathlib import Path

from generator.check import Finding, Report, check_docx
from generator.check.text import collapse
from generator.content.load import load_content
from generator.kinds import Kind
from generator.layout import build_context
from generator.problems import ContentError
from generator.render import TemplateRenderError, render_docx
from generator.templating.parts import Part
from generator.templating.report import ERROR, Location, TemplateProblem


def trial_render(template: Path, kind: Kind) -> tuple[bytes | None, list[TemplateProblem], str]:
    """The template rendered with the kind's starter; (None, problems, note) when it cannot be."""
    starter = kind.starter
    if starter is None:
        return (
            None,
            [],
            (
                f"loại `{kind.name}` không có tệp nội dung mẫu (starter): "
                "bỏ qua phần đối chiếu thể thức"
            ),
        )
    try:
        context = build_context(load_content(starter), kind)
    except ContentError as exc:
        return None, [], f"tệp nội dung mẫu {starter} có lỗi, bỏ qua phần đối chiếu thể thức: {exc}"
    try:
        return render_docx(template, context.as_dict()), [], ""
    except TemplateRenderError as exc:
        message = str(exc).split(": ", 1)[-1].split("\n")[0]
        return (
            None,
            [
                TemplateProblem(
                    "render",
                    ERROR,
                    f"tạo thử văn bản từ {starter.name} không được: {message}",
                    "xem các lỗi khác ở trên; nếu không có, đối chiếu tên trong thẻ với "
                    "`vanban template fields`",
                    excerpt=exc.excerpt,
                    where=f"văn bản tạo thử từ {starter.name}",
                )
            ],
            "",
        )


def _template_location(finding: Finding, parts: list[Part]) -> Location | None:
    """The template paragraph a finding's text comes from, when only one has that text."""
    text = collapse(finding.excerpt or "").rstrip("…").strip()
    if not text:
        return None
    found = [
        p.location
        for part in parts
        for p in part.paragraphs
        if collapse(p.text) and collapse(p.text).startswith(text)
    ]
    return found[0] if len(found) == 1 else None


PAGE_PARTS = ("sections", "document")
"""Rules on the page and the whole text, which do not depend on finding parts."""


def _hint(rule_part: str, style: str = "") -> str:
    if rule_part == "sections":
        return (
            "sửa thiết lập trang của mẫu (Layout → Size, Margins, Orientation; "
            "đầu trang khác nhau ở trang đầu)"
        )
    if style:
        return (
            f"sửa kiểu «{style}» (Modify Style) thay vì định dạng trực tiếp, "
            "hoặc sửa chữ cố định của đoạn đó"
        )
    return (
        "sửa chữ cố định, hoặc sửa kiểu `VB …` của đoạn đó (Modify Style) thay vì "
        "định dạng trực tiếp"
    )


def _not_evaluated(report: Report) -> dict[str, tuple[str, str]]:
    """Parts the checker did not find: label → (most severe severity, part key)."""
    out: dict[str, tuple[str, str]] = {}
    for result in report.not_evaluated:
        label = result.findings[0].part_label if result.findings else result.rule.part
        severity = result.rule.severity
        if label not in out or severity == ERROR:
            out[label] = (severity, result.rule.part)
    return out


def format_problems(
    docx: bytes, parts: list[Part], starter: str, baseline: bytes | None = None
) -> list[TemplateProblem]:
    """The failed rules of the trial document, and, given the trial document of the kind's
    own template (`baseline`), the parts found there and not here."""
    report = check_docx(docx, name=starter)
    out = []
    missing: dict[str, str] = {}
    if baseline is not None:
        expected = _not_evaluated(check_docx(baseline, name=starter))
        missing = {
            label: severity
            for label, (severity, _) in _not_evaluated(report).items()
            if label not in expected
        }
        if missing:
            # The checker finds most parts from the Quốc hiệu and the issuer down, so one
            # garbled line hides several parts: one problem, naming them all.
            severity = ERROR if ERROR in missing.values() else next(iter(missing.values()))
            names = ", ".join(f"«{label}»" for label in missing)
            out.append(
                TemplateProblem(
                    "format:missing-part",
                    severity,
                    f"không nhận ra {names} trong văn bản tạo thử (văn bản tạo từ mẫu có sẵn của "
                    "loại này thì có), nên không đối chiếu được thể thức của chúng",
                    "xem lại phần đầu tiên trong số đó: chữ cố định đúng Nghị định 30 (Quốc hiệu, "
                    "Tiêu ngữ, `Nơi nhận:`), kiểu `VB …` như ở mẫu có sẵn; các quy tắc khác về "
                    "từng phần được đối chiếu lại sau khi sửa",
                    where=f"văn bản tạo thử từ {starter}",
                )
            )
    for result in report.errors + report.warnings:
        if not result.findings:
            continue
        if missing and result.rule.part not in PAGE_PARTS:
            # With a part not recognised the checker may take one part for another
            # (recipients for signer lines): judge the rest again once it is fixed.
            continue
        first = result.findings[0]
        more = len(result.findings) - 1
        rule = result.rule
        location = _template_location(first, parts)
        where = f"văn bản tạo thử từ {starter}, {first.part_label}"
        if first.at is not None:
            where += f" ({first.at})"
        message = f"{rule.title} ({rule.id}, {rule.source}): {first.detail}"
        if more:
            message += f" (và {more} chỗ khác)"
        out.append(
            TemplateProblem(
                f"format:{rule.id}",
                rule.severity,
                message,
                _hint(rule.part, first.style),
                location,
                first.excerpt,
                "" if location else where,
            )
        )
    return out
