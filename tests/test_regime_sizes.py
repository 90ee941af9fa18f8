"""A regime's sizes, its công văn summary and its căn cứ lines, printed and checked.

`templates/regimes/dang.regime.yaml` names the Party's sizes (`sizes:`), the form of a
Party công văn's summary (`cv_subject:`) and the dash before each căn cứ (`bases:`):
documents print them (the styles of the rendered package take the sizes) and the
checker checks a document against its own regime's sizes, read from the same profile.
A state document is what it was (tests/test_kinds_keep_output.py compares it).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator import regimes
from generator.check import check_docx
from generator.cli import main
from generator.content.load import load_content
from generator.pipeline import render_model

from .docxread import all_paragraphs, look, open_docx
from .test_regimes import PARTY_PLAN, changed

PARTY_LETTER = """\
kind: cong_van
regime: {regime}
issuers: [{{parent: Ban Chấp hành Trung ương, name: Ban Tổ chức, abbr: BTCTW}}]
number: 8011
place: Hà Nội
date: 2024-01-09
subject: chế độ hội nghị và công tác phí
addressees: [Các tỉnh ủy, thành ủy]
contents: [Đề nghị các đồng chí thực hiện.]
signatories: [{{authority: K/T Trưởng ban, title: Phó Trưởng ban, name: Lê Văn An}}]
recipients: [Các tỉnh ủy]
archive: [Văn phòng Ban]
"""

PARTY_DECISION = """\
kind: ke_hoach
regime: {regime}
issuers: [{{parent: Đảng bộ tỉnh Thái Nguyên, name: Huyện ủy Định Hóa, abbr: HU}}]
number: 3
place: Định Hóa
date: 2024-01-09
subject: về công tác thi đua năm 2024
bases:
  - Căn cứ Điều lệ Đảng
  - "- Căn cứ Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư"
contents: [Thi đua hoàn thành nhiệm vụ.]
signatories: [{{authority: {authority}, title: {title}, name: Nguyễn Văn Thành}}]
recipients: [Các chi bộ]
archive: [Văn phòng Huyện ủy]
"""


def render(tmp_path: Path, text: str, name: str = "c.yaml") -> bytes:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return render_model(load_content(path)).docx


def sizes(data: bytes) -> dict[str, float]:
    """The effective size of the first paragraph of each text, as Word resolves it."""
    doc = open_docx(data)
    found: dict[str, float] = {}
    for para in all_paragraphs(doc):
        if para.text.strip() and para.text not in found:
            found[para.text] = look(doc, para).size
    return found


def first(found: dict[str, float], start: str) -> float:
    return next(size for text, size in found.items() if text.startswith(start))


@pytest.fixture(scope="module")
def party_plan() -> bytes:
    return render_model(load_content(PARTY_PLAN)).docx


@pytest.fixture(scope="module")
def plan_as_state(tmp_path_factory) -> bytes:
    text = PARTY_PLAN.read_text("utf-8").replace("regime: dang", "regime: nha_nuoc")
    text = text.replace("term: 2020-2025", "")
    return render(tmp_path_factory.mktemp("state"), text)


# --- printed -------------------------------------------------------------------------------


def test_a_party_document_prints_the_profile_sizes(party_plan, plan_as_state) -> None:
    profile = regimes.get_regime("dang").sizes
    party, state = sizes(party_plan), sizes(plan_as_state)
    # The first of a range is printed: the type line [15, 16] at 15.
    assert first(party, "KẾ HOẠCH") == profile["title"][0] == 15
    assert first(party, "ĐẢNG CỘNG SẢN VIỆT NAM") == profile["top_right"][0] == 15
    assert first(party, "HUYỆN ỦY ĐỊNH HÓA") == profile["issuer"][0] == 14
    assert first(party, "ĐẢNG BỘ") == 14
    assert first(party, "Số 12-KH/HU") == profile["number"][0] == 14
    assert first(party, "phát động phong trào") == profile["subject"][0] == 14
    assert first(party, "1. Tạo khí thế") == profile["body"][0] == 14
    # The same content in the state format keeps the state's sizes (P1 II.2b, 3c, 5b).
    assert first(state, "KẾ HOẠCH") == 14
    assert first(state, "HUYỆN ỦY ĐỊNH HÓA") == 13 and first(state, "Số: 12/KH-HU") == 13


def test_state_styles_are_the_templates_byte_for_byte(plan_as_state) -> None:
    template = Path(__file__).parents[1] / "templates" / "docx" / "ke_hoach.docx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(io.BytesIO(plan_as_state)) as out:
        printed, shipped = (etree.fromstring(z.read("word/styles.xml")) for z in (out, source))
    assert etree.tostring(printed, method="c14n") == etree.tostring(shipped, method="c14n")


def test_a_maintainer_changes_a_size_in_the_profile(tmp_path: Path, monkeypatch) -> None:
    source = (regimes.REPO_REGIMES / "dang.regime.yaml").read_text("utf-8")
    edited = source.replace("title: [15, 16]", "title: [16, 17]")
    assert edited != source
    folder = tmp_path / "regimes"
    folder.mkdir()
    (folder / "dang.regime.yaml").write_text(edited, "utf-8")
    monkeypatch.setenv("VANBAN_REGIMES", str(folder))
    data = render_model(load_content(PARTY_PLAN)).docx
    assert first(sizes(data), "KẾ HOẠCH") == 16
    report = check_docx(data)
    assert report.status("dang.title.size") == "pass", report.format_text()
    # The rule's text says the profile's range and where it comes from.
    rule = next(r.rule for r in report.results if r.rule.id == "dang.title.size")
    assert "16–17 pt" in rule.title and "dang.regime.yaml, sizes.title" in rule.source


def test_a_party_letter_has_cv_and_its_summary_as_written(tmp_path: Path) -> None:
    data = render(tmp_path, PARTY_LETTER.format(regime="dang"))
    doc = open_docx(data)
    paras = {p.text: p for p in all_paragraphs(doc) if p.text.strip()}
    assert "Số 8011-CV/BTCTW" in paras
    summary = paras["chế độ hội nghị và công tác phí"]  # no `V/v`
    assert look(doc, summary).italic and look(doc, summary).size == 12
    assert not [text for text in paras if text.startswith("V/v")]
    report = check_docx(data)
    assert report.regime == "dang" and report.ok, report.format_text()
    assert report.status("dang.cv_subject.italic") == "pass"
    assert report.status("dang.cv_subject.size") == "pass"
    # The state letter keeps `V/v`, upright.
    state = open_docx(render(tmp_path, PARTY_LETTER.format(regime="nha_nuoc")))
    vv = next(p for p in all_paragraphs(state) if p.text.startswith("V/v "))
    assert vv.text == "V/v chế độ hội nghị và công tác phí" and not look(state, vv).italic


def test_party_bases_start_with_a_dash(tmp_path: Path) -> None:
    text = PARTY_DECISION.format(regime="dang", authority="T/M Ban Thường vụ", title="Bí thư")
    data = render(tmp_path, text)
    lines = [p.text for p in all_paragraphs(open_docx(data)) if "Căn cứ" in p.text]
    assert lines == [
        "- Căn cứ Điều lệ Đảng;",
        "- Căn cứ Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư.",
    ]
    report = check_docx(data)
    assert report.ok and report.status("dang.bases.dash") == "pass", report.format_text()
    state = render(tmp_path, text.replace("regime: dang", "regime: nha_nuoc").replace("T/M", "TM."))
    lines = [p.text for p in all_paragraphs(open_docx(state)) if "Căn cứ" in p.text]
    assert lines[0] == "Căn cứ Điều lệ Đảng;"


def test_a_party_decision_dashes_its_bases_and_its_proposal(tmp_path: Path) -> None:
    text = PARTY_DECISION.format(regime="dang", authority="T/M Huyện ủy", title="Bí thư")
    text = text.replace("kind: ke_hoach", "kind: quyet_dinh").replace(
        "contents: [Thi đua hoàn thành nhiệm vụ.]",
        "enacted_by: Huyện ủy Định Hóa\nproposal: Xét đề nghị của Ban Tổ chức Huyện ủy\n"
        "articles: [Tặng Giấy khen cho 05 tổ chức cơ sở đảng., Quyết định có hiệu lực.]",
    )
    data = render(tmp_path, text)
    printed = [p.text for p in all_paragraphs(open_docx(data))]
    start = printed.index("- Căn cứ Điều lệ Đảng;")
    assert printed[start + 1].startswith("- Căn cứ Quy định số 399-QĐ/TW") and printed[
        start + 1
    ].endswith(";")
    assert printed[start + 2] == "- Xét đề nghị của Ban Tổ chức Huyện ủy."
    report = check_docx(data)
    assert report.ok and not report.warnings, report.format_text()


# --- checked -------------------------------------------------------------------------------


def test_a_party_title_at_the_state_size_fails(party_plan) -> None:
    bad = changed_size(party_plan, "KẾ HOẠCH", 14)
    report = check_docx(bad)
    assert report.regime == "dang"
    assert report.status("dang.title.size") == "fail", report.format_text()
    assert "nd30.title.size" not in {r.rule.id for r in report.results}
    # Either end of the Party's range passes.
    assert check_docx(changed_size(party_plan, "KẾ HOẠCH", 16)).status("dang.title.size") == "pass"


def test_a_state_title_at_the_party_size_fails(plan_as_state) -> None:
    assert check_docx(plan_as_state).status("nd30.title.size") == "pass"
    report = check_docx(changed_size(plan_as_state, "KẾ HOẠCH", 15))
    assert report.regime == "nha_nuoc" and report.status("nd30.title.size") == "fail"
    assert check_docx(changed_size(plan_as_state, "KẾ HOẠCH", 13)).status("nd30.title.size") == (
        "pass"
    )


def changed_size(data: bytes, text: str, size: float) -> bytes:
    from docx.shared import Pt

    doc = open_docx(data)
    para = next(p for p in all_paragraphs(doc) if p.text == text)
    for run in para.runs:
        run.font.size = Pt(size)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


SIZE_FAULTS = [
    ("dang.top_title.size", "ĐẢNG CỘNG SẢN VIỆT NAM", 13),
    ("dang.parent.size", "ĐẢNG BỘ", 13),
    ("dang.issuer.size", "HUYỆN ỦY ĐỊNH HÓA", 13),
    ("dang.number.size", "Số 12-KH/HU", 13),
    ("dang.subject.size", "phát động phong trào", 13),
    ("dang.body.size", "1. Tạo khí thế", 13),
]


@pytest.mark.parametrize(("rule", "start", "size"), SIZE_FAULTS)
def test_a_party_size_fault_is_caught(party_plan, rule, start, size) -> None:
    doc = open_docx(party_plan)
    text = next(p.text for p in all_paragraphs(doc) if p.text.startswith(start))
    report = check_docx(changed_size(party_plan, text, size))
    assert report.status(rule) == "fail", report.format_text()


def test_party_letter_and_bases_faults(tmp_path: Path) -> None:
    letter = render(tmp_path, PARTY_LETTER.format(regime="dang"))
    doc = open_docx(letter)
    summary = next(p for p in all_paragraphs(doc) if p.text == "chế độ hội nghị và công tác phí")
    for run in summary.runs:
        run.italic = False
        run.font.size = None
    summary.runs[0].font.size = 13 * 12700
    out = io.BytesIO()
    doc.save(out)
    report = check_docx(out.getvalue())
    assert report.status("dang.cv_subject.italic") == "fail", report.format_text()
    assert report.status("dang.cv_subject.size") == "fail", report.format_text()
    text = PARTY_DECISION.format(regime="dang", authority="T/M Ban Thường vụ", title="Bí thư")
    data = render(tmp_path, text)
    bad = changed(data, "- Căn cứ Điều lệ Đảng;", "Căn cứ Điều lệ Đảng;")
    assert check_docx(bad).status("dang.bases.dash") == "fail"


REGIME_FAULTS = {
    "dang.cv_subject.italic",
    "dang.bases.dash",
    "regime.top_title.size",
}
"""The regime rules faulted here (tests/test_regimes.py counts them)."""


# --- authority: `TUQ.`, `Q.` ---------------------------------------------------------------


def validate(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    return (result.stderr or result.output).splitlines()


def signer_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "signatories" in line)


@pytest.mark.parametrize("typed", ["TUQ. Bí thư", "TUQ Bí thư", "T/UQ Bí thư"])
def test_tuq_in_a_party_document_is_refused_where_written(tmp_path: Path, typed) -> None:
    text = PARTY_DECISION.format(regime="dang", authority=typed, title="Chánh Văn phòng")
    lines = validate(tmp_path, text)
    where = f"c.yaml:{signer_line(text)}:"
    assert any(where in line and "signatories[0].authority" in line for line in lines), lines
    assert any("không dùng tiền tố" in line and "`T/M`, `K/T`, `T/L`" in line for line in lines)
    state = text.replace("regime: dang", "regime: nha_nuoc")
    assert validate(tmp_path, state.replace(typed, "TUQ. Bí thư")) == [
        f"{tmp_path / 'c.yaml'}: hợp lệ"
    ]


def test_acting_stands_in_the_title_in_a_party_document(tmp_path: Path) -> None:
    # `Q.` (quyền, acting; ⚠ HD05 copies) goes before the title, as in the state format;
    # typed as an authority line it is a located mistake with the way to write it.
    wrong = PARTY_DECISION.format(regime="dang", authority="Q. Bí thư", title="Bí thư")
    lines = validate(tmp_path, wrong)
    where = f"c.yaml:{signer_line(wrong)}:"
    assert any(where in line and "`Q.` (quyền)" in line for line in lines), lines
    assert any("title: Q." in line for line in lines), lines
    right = PARTY_DECISION.format(
        regime="dang", authority="K/T Chánh Văn phòng", title="Q. Phó Chánh Văn phòng"
    )
    data = render(tmp_path, right)
    printed = [p.text for p in all_paragraphs(open_docx(data))]
    assert "K/T CHÁNH VĂN PHÒNG" in printed and "Q. PHÓ CHÁNH VĂN PHÒNG" in printed
    report = check_docx(data)
    assert report.ok and report.status("dang.signature.prefix") == "pass", report.format_text()


def test_a_party_decision_signed_for_its_committee(tmp_path: Path) -> None:
    # `T/M` reads as `TM.` where the signer is matched to the enacting authority, and the
    # hint of a mismatch speaks the regime's spelling.
    base = PARTY_DECISION.replace("kind: ke_hoach", "kind: quyet_dinh").replace(
        "contents: [Thi đua hoàn thành nhiệm vụ.]",
        "enacted_by: Huyện ủy Định Hóa\narticles: [Tặng Giấy khen., Quyết định có hiệu lực.]",
    )
    good = base.format(regime="dang", authority="T/M Huyện ủy", title="Bí thư")
    assert validate(tmp_path, good) == [f"{tmp_path / 'c.yaml'}: hợp lệ"]
    wrong = base.format(regime="dang", authority="K/T Bí thư", title="Phó Bí thư")
    lines = validate(tmp_path, wrong)
    assert any("enacted_by" in line and "`authority: T/M Huyện ủy" in line for line in lines), lines


@pytest.mark.parametrize(
    ("place", "date", "size"),
    [
        # nd30-format.md §4's own example: wider than the column at 14, so printed at 13.
        ("Thành phố Hồ Chí Minh", "2019-12-29", 13),
        ("Thành phố Hồ Chí Minh", "2019-06-29", 13),
        ("Hà Nội", "2024-12-29", 14),
    ],
)
def test_a_date_line_too_wide_at_14_is_printed_at_13(
    tmp_path: Path, place: str, date: str, size: float
) -> None:
    text = PARTY_LETTER.format(regime="nha_nuoc").replace("place: Hà Nội", f"place: {place}")
    data = render(tmp_path, text.replace("date: 2024-01-09", f"date: {date}"))
    assert first(sizes(data), f"{place}, ngày") == size
    assert check_docx(data).ok
