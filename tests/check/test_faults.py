"""Every rule catches a document with exactly its fault, and no unrelated rule does.

Each fault starts from a good document (conftest.py) and changes one thing with
python-docx. The good documents themselves pass every rule, and between them every
rule is evaluated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor

from generator.check import load_rules
from generator.check.decision import PART_LABELS as FURTHER_LABELS

LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def runs(par):
    return [r for r in par.runs if r.text]


def size(par, pt: float) -> None:
    for run in runs(par):
        run.font.size = Pt(pt)


def bold(par, value: bool) -> None:
    for run in runs(par):
        run.font.bold = value


def italic(par, value: bool) -> None:
    for run in runs(par):
        run.font.italic = value


def text(par, value: str) -> None:
    parts = runs(par)
    parts[0].text = value
    for run in parts[1:]:
        run.text = ""


def align(par, value) -> None:
    par.alignment = value


def remove(par) -> None:
    par._p.getparent().remove(par._p)


def empty_after(par) -> None:
    from docx.oxml import OxmlElement

    par._p.addnext(OxmlElement("w:p"))


@dataclass(frozen=True)
class Fault:
    rule: str
    change: Callable
    variant: str = "ke_hoach"
    also: frozenset[str] = frozenset()
    """Rules that may fail along with `rule` because they judge the same change."""
    label: str = ""


def _landscape(g) -> None:
    section = g.h["section"]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _no_page_field(g) -> None:
    par = g.para("page_number")
    for run in list(par.runs):
        run._r.getparent().remove(run._r)
    par.add_run("Trang")


def _motto_rule_short(g) -> None:
    rule = g.para("motto_rule")
    rule.paragraph_format.left_indent = Pt(90)
    rule.paragraph_format.right_indent = Pt(90)


def _second_tm(g) -> None:
    lines = g.paras("signature_lines")
    text(lines[0], "TM. ỦY BAN NHÂN DÂN")
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    el = OxmlElement("w:p")
    lines[0]._p.addnext(el)
    added = Paragraph(el, lines[0]._parent)
    added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = added.add_run("TM. SỞ CÔNG THƯƠNG")
    run.font.size, run.font.bold = Pt(14), True


def _body_size_all(g) -> None:
    for par in g.paras("bases") + g.paras("headings") + g.paras("body"):
        size(par, 12)


def _body_no_end_mark(g) -> None:
    last = g.para("body_last")
    text(last, last.text.replace("./.", "."))


def _recipient_no_semicolon(g) -> None:
    first = g.paras("recipients")[0]
    text(first, first.text.rstrip(";"))


FAULTS = [
    # §1 page
    Fault(
        "nd30.page.size",
        lambda g: (
            setattr(g.h["section"], "page_width", Mm(216)),
            setattr(g.h["section"], "page_height", Mm(279)),
        ),
    ),
    Fault("nd30.page.orientation", _landscape),
    Fault("nd30.page.margins", lambda g: setattr(g.h["section"], "left_margin", Mm(25))),
    Fault(
        "nd30.page.margins", lambda g: setattr(g.h["section"], "top_margin", Mm(26)), label="top"
    ),
    Fault("nd30.font.family", lambda g: setattr(runs(g.paras("body")[0])[0].font, "name", "Arial")),
    Fault(
        "nd30.font.color",
        lambda g: setattr(runs(g.paras("body")[0])[0].font.color, "rgb", RGBColor(0xC0, 0, 0)),
    ),
    Fault("nd30.page_number.field", _no_page_field),
    Fault(
        "nd30.page_number.first_page",
        lambda g: setattr(g.h["section"], "different_first_page_header_footer", False),
    ),
    Fault("nd30.page_number.size", lambda g: size(g.para("page_number"), 10)),
    Fault("nd30.page_number.align", lambda g: align(g.para("page_number"), LEFT)),
    Fault("nd30.page_number.upright", lambda g: italic(g.para("page_number"), True)),
    # §2 Quốc hiệu, Tiêu ngữ
    Fault(
        "nd30.national_title.text",
        lambda g: text(g.para("national_title"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM."),
    ),
    Fault(
        "nd30.national_title.case",
        lambda g: text(g.para("national_title"), "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ),
    Fault("nd30.national_title.size", lambda g: size(g.para("national_title"), 14)),
    Fault("nd30.national_title.bold", lambda g: bold(g.para("national_title"), False)),
    Fault("nd30.national_title.upright", lambda g: italic(g.para("national_title"), True)),
    Fault("nd30.national_title.align", lambda g: align(g.para("national_title"), LEFT)),
    Fault("nd30.motto.text", lambda g: text(g.para("motto"), "Độc lập – Tự do – Hạnh phúc")),
    Fault(
        "nd30.motto.text",
        lambda g: text(g.para("motto"), "Độc lập-Tự do-Hạnh phúc"),
        label="no spaces",
    ),
    Fault("nd30.motto.size", lambda g: size(g.para("motto"), 15)),
    Fault("nd30.motto.bold", lambda g: bold(g.para("motto"), False)),
    Fault("nd30.motto.upright", lambda g: italic(g.para("motto"), True)),
    Fault("nd30.motto.rule", _motto_rule_short),
    Fault("nd30.motto.rule", lambda g: remove(g.para("motto_rule")), label="missing"),
    Fault("nd30.motto.adjacent", lambda g: empty_after(g.para("national_title"))),
    # §2 issuer
    Fault("nd30.parent.case", lambda g: text(g.para("parent"), "Bộ Công Thương")),
    Fault("nd30.parent.size", lambda g: size(g.para("parent"), 14)),
    Fault("nd30.parent.not_bold", lambda g: bold(g.para("parent"), True)),
    Fault("nd30.parent.upright", lambda g: italic(g.para("parent"), True)),
    Fault("nd30.issuer.case", lambda g: text(g.para("issuer"), "Sở Công Thương")),
    Fault("nd30.issuer.size", lambda g: size(g.para("issuer"), 11)),
    Fault("nd30.issuer.bold", lambda g: bold(g.para("issuer"), False)),
    Fault("nd30.issuer.upright", lambda g: italic(g.para("issuer"), True)),
    Fault("nd30.issuer.rule", lambda g: text(g.para("issuer_rule"), "____")),
    Fault("nd30.issuer.rule", lambda g: text(g.para("issuer_rule"), "_" * 20), label="long"),
    # §3 Số, ký hiệu
    Fault("nd30.number.form", lambda g: text(g.para("number"), "Số 05/KH-SCT")),
    Fault(
        "nd30.number.form", lambda g: text(g.para("number"), "Số: 05 / KH - SCT"), label="spaces"
    ),
    Fault("nd30.number.padding", lambda g: text(g.para("number"), "Số: 5/KH-SCT")),
    Fault("nd30.number.size", lambda g: size(g.para("number"), 14)),
    Fault("nd30.number.upright", lambda g: italic(g.para("number"), True)),
    Fault("nd30.number.align", lambda g: align(g.para("number"), LEFT)),
    # §4 date
    Fault("nd30.date.form", lambda g: text(g.para("date"), "Hà Nội ngày 05 tháng 01 năm 2024")),
    Fault(
        "nd30.date.form",
        lambda g: text(g.para("date"), "Hà Nội, Ngày 05 Tháng 01 Năm 2024"),
        label="case",
    ),
    Fault(
        "nd30.date.day_padding", lambda g: text(g.para("date"), "Hà Nội, ngày 5 tháng 01 năm 2024")
    ),
    Fault(
        "nd30.date.month_padding",
        lambda g: text(g.para("date"), "Hà Nội, ngày 05 tháng 1 năm 2024"),
    ),
    Fault(
        "nd30.date.month_padding",
        lambda g: text(g.para("date"), "Hà Nội, ngày 05 tháng 03 năm 2024"),
        label="03",
    ),
    Fault("nd30.date.italic", lambda g: italic(g.para("date"), False)),
    Fault("nd30.date.size", lambda g: size(g.para("date"), 12)),
    Fault("nd30.date.align", lambda g: align(g.para("date"), RIGHT)),
    Fault(
        "nd30.date.place_full_name",
        lambda g: text(g.para("date"), "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024"),
    ),
    # §5 title, subject
    Fault("nd30.title.case", lambda g: text(g.para("title"), "Kế hoạch")),
    Fault("nd30.title.size", lambda g: size(g.para("title"), 12)),
    Fault("nd30.title.bold", lambda g: bold(g.para("title"), False)),
    Fault("nd30.title.upright", lambda g: italic(g.para("title"), True)),
    Fault("nd30.title.align", lambda g: align(g.para("title"), LEFT)),
    Fault(
        "nd30.subject.not_upper",
        lambda g: text(g.para("subject"), "TỔ CHỨC PHONG TRÀO THI ĐUA NĂM 2024"),
    ),
    Fault("nd30.subject.size", lambda g: size(g.para("subject"), 12)),
    Fault("nd30.subject.bold", lambda g: bold(g.para("subject"), False)),
    Fault("nd30.subject.upright", lambda g: italic(g.para("subject"), True)),
    Fault("nd30.subject.align", lambda g: align(g.para("subject"), LEFT)),
    Fault("nd30.subject.rule", lambda g: text(g.para("subject_rule"), "_" * 40)),
    Fault("nd30.subject.rule", lambda g: remove(g.para("subject_rule")), label="missing"),
    Fault("nd30.cv_subject.size", lambda g: size(g.para("cv_subject"), 14), "cong_van"),
    Fault("nd30.cv_subject.not_bold", lambda g: bold(g.para("cv_subject"), True), "cong_van"),
    Fault("nd30.cv_subject.upright", lambda g: italic(g.para("cv_subject"), True), "cong_van"),
    # §6 body
    Fault("nd30.addressee.size", lambda g: size(g.para("addressee"), 12), "cong_van"),
    Fault("nd30.addressee.upright", lambda g: italic(g.para("addressee"), True), "cong_van"),
    Fault("nd30.bases.italic", lambda g: italic(g.paras("bases")[0], False)),
    Fault(
        "nd30.bases.punctuation",
        lambda g: text(g.paras("bases")[1], g.paras("bases")[1].text.rstrip(".") + ";"),
    ),
    Fault("nd30.body.size", _body_size_all),
    Fault("nd30.body.uniform_size", lambda g: size(g.paras("body")[1], 13)),
    Fault("nd30.body.align", lambda g: align(g.paras("body")[0], LEFT)),
    Fault(
        "nd30.body.first_line_indent",
        lambda g: setattr(g.paras("body")[0].paragraph_format, "first_line_indent", Cm(0.5)),
    ),
    Fault(
        "nd30.body.first_line_indent",
        lambda g: setattr(g.paras("body")[0].paragraph_format, "first_line_indent", Cm(-1)),
        label="hanging",
    ),
    Fault(
        "nd30.body.paragraph_spacing",
        lambda g: setattr(g.paras("body")[0].paragraph_format, "space_after", Pt(2)),
    ),
    Fault(
        "nd30.body.line_spacing",
        lambda g: setattr(g.paras("body")[0].paragraph_format, "line_spacing", 2.0),
    ),
    Fault(
        "nd30.body.line_spacing",
        lambda g: setattr(g.paras("body")[0].paragraph_format, "line_spacing", Pt(30)),
        label="exact",
    ),
    Fault("nd30.body.upright", lambda g: italic(g.paras("body")[0], True)),
    Fault("nd30.body.end_mark", _body_no_end_mark),
    Fault("nd30.heading.case", lambda g: text(g.paras("headings")[0], "I. Mục đích, yêu cầu")),
    Fault("nd30.heading.bold", lambda g: bold(g.paras("headings")[0], False)),
    # §7 signature
    Fault("nd30.signature.prefix", lambda g: text(g.paras("signature_lines")[0], "K/T GIÁM ĐỐC")),
    Fault(
        "nd30.signature.prefix",
        lambda g: text(g.paras("signature_lines")[0], "Q. GIÁM ĐỐC"),
        label="Q. authority",
    ),
    Fault("nd30.signature.prefix", _second_tm, label="TM. second"),
    Fault("nd30.signature.title_line", lambda g: remove(g.paras("signature_lines")[1])),
    Fault(
        "nd30.signature.lines.case", lambda g: text(g.paras("signature_lines")[1], "Phó Giám đốc")
    ),
    Fault("nd30.signature.lines.size", lambda g: size(g.paras("signature_lines")[1], 12)),
    Fault("nd30.signature.lines.bold", lambda g: bold(g.paras("signature_lines")[0], False)),
    Fault("nd30.signature.lines.upright", lambda g: italic(g.paras("signature_lines")[0], True)),
    Fault("nd30.signature.lines.align", lambda g: align(g.paras("signature_lines")[1], LEFT)),
    Fault("nd30.signature.name.case", lambda g: text(g.para("signature_name"), "NGUYỄN VĂN AN")),
    Fault("nd30.signature.name.size", lambda g: size(g.para("signature_name"), 12)),
    Fault("nd30.signature.name.bold", lambda g: bold(g.para("signature_name"), False)),
    Fault("nd30.signature.name.upright", lambda g: italic(g.para("signature_name"), True)),
    Fault("nd30.signature.name.align", lambda g: align(g.para("signature_name"), LEFT)),
    # §8 recipients
    Fault("nd30.recipients.heading.text", lambda g: text(g.para("recipients_heading"), "Nơi nhận")),
    Fault("nd30.recipients.heading.size", lambda g: size(g.para("recipients_heading"), 13)),
    Fault("nd30.recipients.heading.bold", lambda g: bold(g.para("recipients_heading"), False)),
    Fault("nd30.recipients.heading.italic", lambda g: italic(g.para("recipients_heading"), False)),
    Fault("nd30.recipients.items.punctuation", _recipient_no_semicolon),
    Fault(
        "nd30.recipients.items.punctuation",
        lambda g: text(g.paras("recipients")[1], "Các phòng, đơn vị thuộc Sở;"),
        label="dash",
    ),
    Fault("nd30.recipients.items.last", lambda g: text(g.paras("recipients")[-1], "- Lưu VT, VP.")),
    Fault(
        "nd30.recipients.items.last",
        lambda g: text(g.paras("recipients")[-1], "- Lưu: VT, VP"),
        label="no full stop",
    ),
    Fault("nd30.recipients.items.size", lambda g: size(g.paras("recipients")[0], 12)),
    Fault("nd30.recipients.items.upright", lambda g: italic(g.paras("recipients")[0], True)),
    # §9 marks
    Fault("nd30.marks.case", lambda g: text(g.para("mark"), "Khẩn"), "cong_van"),
    Fault("nd30.marks.size", lambda g: size(g.para("mark"), 12), "cong_van"),
    Fault("nd30.marks.bold", lambda g: bold(g.para("mark"), False), "cong_van"),
]


def _fault_id(fault: Fault) -> str:
    return fault.rule + (f"[{fault.label}]" if fault.label else "")


@pytest.mark.parametrize("fault", FAULTS, ids=_fault_id)
def test_fault_is_caught_by_its_rule_only(fault: Fault, kit) -> None:
    good = kit.build(fault.variant)
    fault.change(good)
    report = good.check()
    assert report.status(fault.rule) == "fail", report.format_text()
    unrelated = report.failed_ids() - {fault.rule} - fault.also
    assert not unrelated, report.format_text()


def test_good_documents_pass_every_rule(good) -> None:
    report = good.check()
    assert report.failed_ids() == set(), report.format_text()
    assert report.ok


def test_every_rule_is_evaluated_on_some_good_document(kit) -> None:
    evaluated: set[str] = set()
    for variant in ("ke_hoach", "cong_van"):
        report = kit.build(variant).check()
        evaluated |= {r.id for r in report.passed}
    state = [r for r in load_rules().rules if r.for_regime("nha_nuoc")]
    assert {r.id for r in state if r.part not in FURTHER_LABELS} - evaluated == set()


def test_every_rule_has_a_fault() -> None:
    # The further kinds' parts have their faults in test_new_rules.py.
    # The other regimes' rules have theirs in tests/test_regimes.py.
    faulted = {f.rule for f in FAULTS}
    state = [r for r in load_rules().rules if r.for_regime("nha_nuoc")]
    assert {r.id for r in state if r.part not in FURTHER_LABELS} - faulted == set()
