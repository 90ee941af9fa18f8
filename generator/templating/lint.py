"""`vanban template check`: everything wrong with a DOCX template, found in one run.

In order: the tags of each part (scanner), Jinja's parser on each tag and on
each part, the names the tags use against what the layout gives, the parts of
the document the kind needs and the template never uses, and, when all that
is sound, the fixed text and page setup of a trial document against the
format rules.
"""

from __future__ import annotations

from pathlib import Path

from generator.kinds import DEFAULT_TEMPLATE_USES, Kind, available_kinds, get_kind
from generator.render.environment import make_environment
from generator.templating.budget import OverBudget, bounded
from generator.templating.conformance import format_problems, trial_render
from generator.templating.context_types import context_types, data_fields, element, is_list
from generator.templating.names import check_names
from generator.templating.parts import Part, read_parts
from generator.templating.report import ERROR, TemplateProblem, TemplateReport
from generator.templating.scan import scan_part
from generator.templating.scope import Usage
from generator.templating.syntax import parse_part

LABELS = {
    "issuers": "cơ quan ban hành",
    "number_line": "số, ký hiệu",
    "date_line": "địa danh, ngày tháng",
    "title": "tên loại văn bản",
    "subject": "trích yếu",
    "theme": "chủ đề, phương châm",
    "bases": "các căn cứ",
    "body": "nội dung",
    "signer": "khối chữ ký",
    "signature_tables": "các khối chữ ký",
    "recipients": "nơi nhận",
}
"""What each name is, in the maintainer's words (the field docstrings say it in full)."""


def guess_kind(template: Path) -> Kind | None:
    """The kind a template belongs to: the one that ships it, or the one its name starts with."""
    kinds = available_kinds()
    resolved = template.resolve()
    for kind in kinds.values():
        if kind.template.resolve() == resolved:
            return kind
    stem = template.stem
    for name in sorted(kinds, key=len, reverse=True):
        if stem == name or (stem.startswith(name) and not stem[len(name)].isalnum()):
            return kinds[name]
    return None


def _use_hint(name: str) -> str:
    t = context_types()[name]
    if is_list(t):
        fields = data_fields(element(t))
        shown = "{{ item." + fields[0] + " }}" if fields else "{{ item }}"
        return (
            f"thêm `{{%p for item in {name} %}}`, `{shown}`, `{{%p endfor %}}`, "
            "mỗi thẻ một đoạn (xem `vanban template fields`)"
        )
    return f"thêm `{{{{ {name} }}}}` vào chỗ của nó"


def missing_uses(uses: tuple[str, ...], usage: Usage, kind: str | None) -> list[TemplateProblem]:
    """The names the kind needs that the template never uses (or never loops over)."""
    types = context_types()
    out = []
    whose = f"loại `{kind}`" if kind else "mọi loại văn bản"
    for name in uses:
        if name not in types:
            out.append(
                TemplateProblem(
                    "kind-profile",
                    ERROR,
                    f"hồ sơ {whose} đòi mẫu dùng `{name}`, nhưng mẫu không nhận tên này",
                    "sửa `template_uses` trong tệp .kind.yaml theo `vanban template fields`",
                )
            )
            continue
        if name in usage.meant:
            continue  # already reported where the template misspells it
        label = f" ({LABELS[name]})" if name in LABELS else ""
        if is_list(types[name]) and name in usage.used and name not in usage.looped:
            out.append(
                TemplateProblem(
                    "not-looped",
                    ERROR,
                    f"mẫu dùng `{name}`{label} mà không lặp qua nó: văn bản chỉ có một phần",
                    _use_hint(name),
                )
            )
        elif name not in usage.used:
            out.append(
                TemplateProblem(
                    "missing-use",
                    ERROR,
                    f"mẫu không dùng `{name}`{label}, phần {whose} cần: văn bản tạo ra sẽ thiếu nó",
                    _use_hint(name),
                )
            )
    return out


def _ordered(problems: list[TemplateProblem], parts: list[Part]) -> list[TemplateProblem]:
    order = {}
    for part in parts:
        for para in part.paragraphs:
            order.setdefault(para.location, len(order))
    return sorted(problems, key=lambda p: order.get(p.location, len(order)))


def _trial(
    template: Path, kind: Kind, parts: list[Part]
) -> tuple[list[TemplateProblem], str, bool]:
    """The trial render and the check of its document (run within the template budget);
    the last item says whether the format was checked."""
    docx, problems, note = trial_render(template, kind)
    if docx is None or kind.starter is None:
        return problems, note, False
    baseline = None
    if kind.template.is_file() and kind.template.resolve() != template.resolve():
        baseline, _, _ = trial_render(kind.template, kind)
    return problems + format_problems(docx, parts, kind.starter.name, baseline), note, True


def check_template(template: Path | str, kind: Kind | str | None = None) -> TemplateReport:
    """Check a DOCX template for `kind` (guessed from the file when not given).

    Raises `NotDocx` when the file is not a Word document.
    """
    template = Path(template)
    if isinstance(kind, str):
        kind = get_kind(kind)
    if kind is None:
        kind = guess_kind(template)
    report = TemplateReport(template, kind.name if kind else None)
    parts = read_parts(template)
    env = make_environment()
    usage = Usage()
    unread = False
    for part in parts:
        scan = scan_part(part)
        parsed = parse_part(scan, env)
        unread = unread or parsed.tree is None
        check_names(env, scan, parsed, usage)
        usage.meant |= scan.unreadable_words
        report.problems += scan.problems
    uses = kind.template_uses if kind else DEFAULT_TEMPLATE_USES
    if unread:
        report.notes.append(
            "có phần Jinja không đọc được nên chưa xét mẫu có dùng đủ các tên cần thiết hay không"
        )
    else:
        report.problems += missing_uses(uses, usage, kind.name if kind else None)
    if kind is None:
        report.notes.append(
            "không biết mẫu thuộc loại văn bản nào: dùng `--kind` để đối chiếu "
            "thể thức với một văn bản tạo thử"
        )
    elif report.errors:
        report.notes.append("mẫu còn lỗi nên chưa tạo thử để đối chiếu thể thức")
    else:
        try:
            problems, note, report.format_checked = bounded(_trial, template, kind, parts)
        except OverBudget as exc:
            problems, note = (
                [TemplateProblem("budget", ERROR, str(exc), exc.hint, where="văn bản tạo thử")],
                "",
            )
        report.problems += problems
        if note:
            report.notes.append(note)
    report.problems = _ordered(report.problems, parts)
    return report
