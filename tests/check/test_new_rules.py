"""The checker's rules for the further kinds: each fails on a document with that one fault.

The documents are the decision and the submission examples as vanban writes them
(they pass every rule), each changed in one place the way a hand edit in Word would.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from generator.check import check_docx
from generator.check.decision import PART_LABELS
from generator.content.load import load_content
from generator.pipeline import render_model

EXAMPLES = Path(__file__).resolve().parents[2] / "content" / "examples"
DECISION = EXAMPLES / "quyet-dinh-khen-thuong-sct-lang-son-2023.yaml"
DOC, STYLES = "word/document.xml", "word/styles.xml"


@pytest.fixture(scope="module")
def decision() -> bytes:
    return render_model(load_content(DECISION)).docx


def changed(docx: bytes, part: str, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        files = {n: z.read(n) for n in z.namelist()}
    xml = files[part].decode("utf-8")
    assert old in xml, f"{old!r} not in {part}"
    files[part] = xml.replace(old, new).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def style_of(sid: str) -> str:
    return f'w:styleId="{sid}">'


def restyle(docx: bytes, sid: str, old: str, new: str) -> bytes:
    """Change `old` to `new` inside one paragraph style's definition only."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read(STYLES).decode("utf-8")
    start = xml.index(style_of(sid))
    end = xml.index("</w:style>", start)
    piece = xml[start:end]
    assert old in piece, f"{old!r} not in style {sid}"
    return changed(docx, STYLES, piece, piece.replace(old, new))


def failing(docx: bytes) -> list[str]:
    report = check_docx(docx)
    return sorted({r.rule.id for r in report.results if report.status(r.rule.id) == "fail"})


def test_the_decision_passes_every_rule(decision: bytes) -> None:
    assert failing(decision) == []
    statuses = {
        r.rule.id: check_docx(decision).status(r.rule.id) for r in check_docx(decision).results
    }
    new = [
        i
        for i in statuses
        if i.startswith(
            ("nd30.enacted_by", "nd30.decision_line", "nd30.article", "nd30.annex", "nd30.table")
        )
    ]
    assert len(new) == 18 and all(statuses[i] == "pass" for i in new)


BOLD = "<w:b/><w:bCs/>"
FURTHER_PARTS = tuple(PART_LABELS)
"""Parts of the further kinds (generator/check/decision.py): their rules have their faults
here, on a decision vanban wrote, rather than on the python-docx documents of test_faults."""


FAULT_CASES = [
    pytest.param(*case, id=case[0])
    for case in [
        ("nd30.enacted_by.bold", lambda d: restyle(d, "EnactedBy", BOLD, "")),
        ("nd30.enacted_by.size", lambda d: restyle(d, "EnactedBy", 'w:val="28"', 'w:val="24"')),
        (
            "nd30.annex.reference_align",
            lambda d: restyle(d, "AnnexReference", 'w:val="center"', 'w:val="both"'),
        ),
        (
            "nd30.enacted_by.align",
            lambda d: restyle(d, "EnactedBy", 'w:val="center"', 'w:val="left"'),
        ),
        (
            "nd30.enacted_by.case",
            lambda d: changed(
                d,
                DOC,
                "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN",
                "GIÁM ĐỐC Sở Công Thương tỉnh Lạng Sơn",
            ),
        ),
        (
            "nd30.enacted_by.signature",
            lambda d: changed(
                d,
                DOC,
                "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LẠNG SƠN",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
            ),
        ),
        ("nd30.decision_line.bold", lambda d: restyle(d, "DecisionLine", BOLD, "")),
        (
            "nd30.decision_line.align",
            lambda d: restyle(d, "DecisionLine", 'w:val="center"', 'w:val="both"'),
        ),
        ("nd30.decision_line.case", lambda d: changed(d, DOC, "QUYẾT ĐỊNH:", "Quyết định:")),
        ("nd30.article.label_bold", lambda d: changed(d, DOC, f"<w:rPr>{BOLD}</w:rPr>", "")),
        ("nd30.annex.label_bold", lambda d: restyle(d, "AnnexLabel", BOLD, "")),
        ("nd30.annex.title_bold", lambda d: restyle(d, "AnnexTitle", BOLD, "")),
        (
            "nd30.annex.title_case",
            lambda d: changed(d, DOC, "DANH SÁCH TẬP THỂ, CÁ NHÂN", "Danh sách tập thể, cá nhân"),
        ),
        (
            "nd30.annex.title_align",
            lambda d: restyle(d, "AnnexTitle", 'w:val="center"', 'w:val="left"'),
        ),
        (
            "nd30.annex.reference_italic",
            lambda d: restyle(d, "AnnexReference", "<w:i/><w:iCs/>", ""),
        ),
        (
            "nd30.annex.reference_text",
            lambda d: changed(d, DOC, "(Kèm theo Quyết định số 18", "(Kèm theo Quyết định 18"),
        ),
        ("nd30.table.header_repeat", lambda d: changed(d, DOC, "<w:tblHeader/>", "")),
    ]
]


@pytest.mark.parametrize(("rule", "fault"), FAULT_CASES)
def test_one_fault_fails_its_rule(decision: bytes, rule: str, fault) -> None:
    assert failing(fault(decision)) == [rule]


def test_every_rule_of_the_further_parts_has_a_fault() -> None:
    from generator.check import load_rules

    faulted = {p.values[0] for p in FAULT_CASES} | {"nd30.table.rows_whole"}
    # Rules of the other regimes have their faults in tests/test_regimes.py.
    rules = load_rules().rules
    assert {r.id for r in rules if r.part in FURTHER_PARTS and r.for_regime("nha_nuoc")} == faulted


def test_a_row_that_may_split_is_reported(decision: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(decision)) as z:
        xml = z.read(DOC).decode("utf-8")
    annex = xml.rindex("<w:tbl>")
    row = xml.index("<w:cantSplit/>", xml.index("</w:tr>", annex))  # a row after the header
    faulty = xml[:row] + xml[row + len("<w:cantSplit/>") :]
    assert failing(changed(decision, DOC, xml, faulty)) == ["nd30.table.rows_whole"]
