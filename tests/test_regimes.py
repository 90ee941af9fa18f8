"""Regimes as data (shared/spec/regimes.md): profiles, what they print, what is checked.

Party (`dang`) and Youth Union (`doan`) documents get their regime's header, number
line, authority spellings, archive line and end mark from `templates/regimes/`; a
profile with a mistake is reported where it is; a maintainer adds a regime by adding a
file. The checker checks a document against its regime, detected or given.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator import nd30, regimes
from generator.check import check_docx
from generator.cli import main
from generator.content.load import load_content
from generator.kinds import get_kind
from generator.layout import build_context
from generator.pipeline import render_model

from .conftest import EXAMPLES

PARTY_PLAN = EXAMPLES / "ke-hoach-huyen-uy-dinh-hoa-2024.yaml"
PARTY_COVENANT = EXAMPLES / "giao-uoc-khoi-cac-co-quan-dang-2024.yaml"
YOUTH_NOTICE = EXAMPLES / "phat-dong-tinh-doan-2024.yaml"

PLAN = """\
kind: ke_hoach
regime: {regime}
issuers: [{{parent: Đảng bộ tỉnh Thái Nguyên, name: Huyện ủy Định Hóa, abbr: HU}}]
place: Định Hóa
date: 2024-01-09
subject: về công tác thi đua năm 2024
contents: [Thi đua hoàn thành nhiệm vụ.]
signatories: [{{authority: {authority}, title: Phó Bí thư, name: Nguyễn Văn Thành}}]
recipients: [Các chi bộ]
archive: [Văn phòng Huyện ủy]
"""


def context(tmp_path: Path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    content = load_content(path)
    return build_context(content, get_kind(content.kind))


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    return (result.stderr or result.output).splitlines()


# --- profiles -------------------------------------------------------------------------------


def test_the_shipped_regimes_and_their_sources() -> None:
    found = regimes.available_regimes()
    assert {"nha_nuoc", "dang", "doan"} <= set(found)
    dang = found["dang"]
    assert dang.top_lines == ("ĐẢNG CỘNG SẢN VIỆT NAM",) and dang.issuer_mark == "*"
    assert dang.prefixes == {"TM": "T/M", "KT": "K/T", "TL": "T/L"}
    assert found["doan"].issuer_mark == "***" and found["nha_nuoc"].state
    # Every default from practice is marked where a maintainer looks for it.
    text = (regimes.REPO_REGIMES / "dang.regime.yaml").read_text("utf-8")
    assert text.count("⚠") >= 4 and "HD36 1.7" in text


def test_a_profile_mistake_is_reported_with_its_line_and_a_hint(tmp_path: Path) -> None:
    source = (regimes.REPO_REGIMES / "dang.regime.yaml").read_text("utf-8")
    bad = source.replace('  mark: "*"', '  makr: "*"').replace(
        "  rule: full\n", "  rule: half\n", 1
    )
    path = tmp_path / "x.regime.yaml"
    path.write_text(bad, "utf-8")
    parsed, found = regimes.profile_problems(path)
    assert parsed is None
    lines = bad.splitlines()
    makr = next(i for i, line in enumerate(lines, 1) if "makr" in line)
    rule = next(i for i, line in enumerate(lines, 1) if "rule: half" in line)
    shown = [str(p) for p in found]
    assert any(f"x.regime.yaml:{makr}:3: issuer_mark.makr: unknown key" in p for p in shown)
    assert any("did you mean `mark`?" in p for p in shown), shown
    assert any(f"x.regime.yaml:{rule}:" in p and "top_right.rule" in p for p in shown), shown
    codes = {(p.code, p.line) for p in found}
    assert {("profile.unknown_key", makr), ("profile.invalid", rule)} <= codes, codes
    with pytest.raises(regimes.RegimeError):
        regimes.load_regime(path)


def test_a_maintainer_adds_a_regime_with_a_file(tmp_path: Path, monkeypatch) -> None:
    source = (regimes.REPO_REGIMES / "doan.regime.yaml").read_text("utf-8")
    added = source.replace("regime: doan", "regime: hoi").replace(
        "ĐOÀN TNCS HỒ CHÍ MINH", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM"
    )
    (tmp_path / "hoi.regime.yaml").write_text(added, "utf-8")
    monkeypatch.setenv("VANBAN_REGIMES", str(tmp_path))
    ctx = context(tmp_path, PLAN.format(regime="hoi", authority="TM. Ban Thường vụ"))
    assert ctx.top_lines == ["HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM"] and not ctx.state_header


# --- what is printed ------------------------------------------------------------------------


def test_party_header_number_authority_and_endings(tmp_path: Path) -> None:
    ctx = context(tmp_path, PLAN.format(regime="dang", authority="TM. Ban Thường vụ"))
    assert not ctx.state_header and ctx.top_lines == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert set(ctx.top_rule) == {"_"} and len(ctx.top_rule) > 20
    assert [i.rule for i in ctx.issuers] == ["*"]
    assert ctx.number_line == f"Số{nd30.BLANK}-KH/HU"
    assert ctx.signer.lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert ctx.recipients[-1] == "- Lưu Văn phòng Huyện ủy."
    assert ctx.subject == "về công tác thi đua năm 2024"
    assert ctx.body[-1].text == "1. Thi đua hoàn thành nhiệm vụ."


def test_authority_typed_either_way_prints_in_the_regime_form(tmp_path: Path) -> None:
    for typed in ("TM. Ban Thường vụ", "T/M Ban Thường vụ"):
        dang = context(tmp_path, PLAN.format(regime="dang", authority=typed))
        state = context(tmp_path, PLAN.format(regime="nha_nuoc", authority=typed))
        assert dang.signer.lines[0] == "T/M BAN THƯỜNG VỤ"
        assert state.signer.lines[0] == "TM. BAN THƯỜNG VỤ"
        assert state.state_header and state.number_line.startswith("Số:")
        assert state.issuers[0].rule.startswith("_") and state.recipients[-1].startswith(
            "- Lưu: VT"
        )


def test_youth_union_number_keeps_its_colon_and_a_given_symbol(tmp_path: Path) -> None:
    text = PLAN.format(regime="doan", authority="TM. Ban Thường vụ") + "number: 133\n"
    ctx = context(tmp_path, text + "symbol: KH/TĐTN-BCNLĐ\n")
    assert ctx.number_line == "Số: 133-KH/TĐTN-BCNLĐ"
    assert [i.rule for i in ctx.issuers] == ["***"]
    assert ctx.recipients[-1] == "- Lưu: Văn phòng Huyện ủy."
    assert ctx.body[-1].text.endswith("./.")


def test_a_party_letter_has_a_type_abbreviation(tmp_path: Path) -> None:
    text = (
        "kind: cong_van\nregime: dang\nissuers: [{name: Ban Tổ chức Tỉnh ủy, abbr: BTCTU}]\n"
        "number: 8\nplace: Hà Nội\ndate: 2024-01-09\nsubject: chế độ hội nghị\n"
        "addressees: [Các huyện ủy]\ncontents: [Đề nghị thực hiện.]\n"
        "signatories: [{authority: K/T Trưởng ban, title: Phó Trưởng ban, name: Lê Văn An}]\n"
        "recipients: [Các huyện ủy]\n"
    )
    ctx = context(tmp_path, text)
    assert ctx.number_line == "Số 08-CV/BTCTU"
    assert ctx.signer.lines[0] == "K/T TRƯỞNG BAN"


def test_a_prefix_the_regime_does_not_use_is_refused_where_written(tmp_path: Path) -> None:
    lines = problems(tmp_path, PLAN.format(regime="dang", authority="TUQ. Bí thư"))
    assert any("c.yaml:8:27: signatories[0].authority" in line for line in lines), lines
    assert any("không dùng tiền tố `TUQ.`" in line and "`T/M`" in line for line in lines), lines
    assert problems(tmp_path, PLAN.format(regime="nha_nuoc", authority="T/M Ban Thường vụ")) == [
        f"{tmp_path / 'c.yaml'}: hợp lệ"
    ]


def test_end_mark_in_the_regime_form() -> None:
    assert nd30.end_mark("Hết.", ".") == "Hết."
    assert nd30.end_mark("Hết./.", ".") == "Hết."
    assert nd30.end_mark("Hết;", ".") == "Hết."
    assert nd30.end_mark("Hết") == "Hết./."


# --- the checker ----------------------------------------------------------------------------


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def changed(data: bytes, old: str, new: str | None = None, bold: bool | None = None) -> bytes:
    """`data` with the first paragraph that reads `old` (or starts so) set to `new` (and its
    bold)."""
    document = docx.Document(io.BytesIO(data))
    paras = list(_paragraphs(document))
    para = next((p for p in paras if p.text == old), None) or next(
        p for p in paras if p.text.startswith(old)
    )
    if new is not None:
        para.runs[0].text = new
        for run in para.runs[1:]:
            run.text = ""
    if bold is not None:
        for run in para.runs:
            run.bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def party_plan() -> bytes:
    return render_model(load_content(PARTY_PLAN)).docx


@pytest.fixture(scope="module")
def youth_notice() -> bytes:
    return render_model(load_content(YOUTH_NOTICE)).docx


def test_regime_documents_pass_in_their_regime_and_not_as_state(party_plan, youth_notice):
    party, youth = check_docx(party_plan), check_docx(youth_notice)
    assert party.regime == "dang" and party.ok, party.format_text()
    assert youth.regime == "doan" and youth.ok, youth.format_text()
    assert party.status("dang.top_title.text") == "pass"
    # No fault for lacking the Quốc hiệu: the state rules are not applied.
    assert not [r for r in party.results if r.rule.id.startswith("nd30.national_title")]
    as_state = check_docx(party_plan, regime="nha_nuoc")
    assert {"nd30.signature.prefix", "nd30.number.form"} <= as_state.failed_ids()


PARTY_FAULTS = [
    ("dang.top_title.text", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN", None),
    ("dang.top_title.bold", "ĐẢNG CỘNG SẢN VIỆT NAM", None, False),
    ("dang.issuer.mark", "*", "**", None),
    ("dang.number.form", "Số 12-KH/HU", "Số: 12-KH/HU", None),
    ("dang.number.form", "Số 12-KH/HU", "Số 12/KH-HU", None),
    ("dang.signature.prefix", "T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ", None),
    ("dang.recipients.last", "- Lưu Văn phòng Huyện ủy.", "- Lưu: VT, VP.", None),
]
YOUTH_FAULTS = [
    ("doan.top_title.text", "ĐOÀN TNCS HỒ CHÍ MINH", "ĐOÀN THANH NIÊN", None),
    ("doan.top_title.bold", "ĐOÀN TNCS HỒ CHÍ MINH", None, False),
    ("doan.issuer.mark", "***", "*", None),
    ("doan.number.form", "Số: 08-PĐTĐ/TĐTN-BTG", "Số 08-PĐTĐ/TĐTN-BTG", None),
    ("nd30.signature.prefix", "TM. BAN THƯỜNG VỤ", "T/M BAN THƯỜNG VỤ", None),
    ("doan.recipients.last", "- Lưu: VP, BTG.", "- Lưu: VP, BTG", None),
]


@pytest.mark.parametrize(("rule", "old", "new", "bold"), PARTY_FAULTS)
def test_a_party_fault_is_caught_by_its_rule(party_plan, rule, old, new, bold) -> None:
    report = check_docx(changed(party_plan, old, new, bold), regime="dang")
    assert report.status(rule) == "fail", report.format_text()


@pytest.mark.parametrize(("rule", "old", "new", "bold"), YOUTH_FAULTS)
def test_a_youth_union_fault_is_caught_by_its_rule(youth_notice, rule, old, new, bold) -> None:
    report = check_docx(changed(youth_notice, old, new, bold))
    assert report.regime == "doan" or rule == "doan.top_title.text"
    report = check_docx(changed(youth_notice, old, new, bold), regime="doan")
    assert report.status(rule) == "fail", report.format_text()


def test_the_party_end_mark_is_checked(party_plan) -> None:
    old = "2. Các chi bộ, đảng bộ cơ sở xây dựng kế hoạch cụ thể, tổ chức thực hiện; "
    old += "báo cáo kết quả trước ngày 15 tháng 12 năm 2024."
    report = check_docx(changed(party_plan, old, old[:-1] + "./."), regime="dang")
    assert report.status("dang.body.end_mark") == "fail", report.format_text()


def test_every_regime_rule_has_a_fault_here() -> None:
    from generator.check import load_rules

    from .test_regime_sizes import REGIME_FAULTS

    others = {r.id for r in load_rules().rules if not r.for_regime("nha_nuoc")}
    faulted = {f[0] for f in PARTY_FAULTS + YOUTH_FAULTS} | {"dang.body.end_mark"}
    faulted |= REGIME_FAULTS
    faulted |= {"dang.annex.reference_text", "doan.annex.reference_text"}  # annex tests below
    assert others - faulted == set()


def test_a_state_document_printed_with_a_party_prefix_is_faulted(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(PLAN.format(regime="nha_nuoc", authority="TM. Ban Thường vụ"), "utf-8")
    data = render_model(load_content(path)).docx
    report = check_docx(changed(data, "TM. BAN THƯỜNG VỤ", "T/M BAN THƯỜNG VỤ"))
    assert report.regime == "nha_nuoc"
    assert report.status("nd30.signature.prefix") == "fail"


def test_check_command_takes_the_regime(tmp_path: Path, party_plan) -> None:
    path = tmp_path / "d.docx"
    path.write_bytes(party_plan)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "-q", str(path)]).exit_code == 0
    result = runner.invoke(main, ["check", "-q", "--regime", "dang", str(path)])
    assert result.exit_code == 0 and "thể thức `dang`" in result.output
    assert runner.invoke(main, ["check", "-q", "--regime", "nha_nuoc", str(path)]).exit_code == 1
    assert runner.invoke(main, ["check", "--regime", "dang_uy", str(path)]).exit_code == 2


# --- annexes and a text that opens with `Căn cứ` ------------------------------------------

PARTY_DECISION = """\
kind: quyet_dinh
regime: {regime}
issuers: [{{parent: Đảng bộ tỉnh Quảng Ngãi, name: Tỉnh ủy Quảng Ngãi, abbr: TU}}]
number: 7
place: Quảng Ngãi
date: 2024-12-20
subject: về việc tặng Bằng khen năm 2024
enacted_by: Ban Thường vụ Tỉnh ủy
bases: [Căn cứ Điều lệ Đảng]
preamble: Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng, Ban Thường vụ quyết định.
articles: [Tặng Bằng khen cho 02 tập thể (có danh sách kèm theo)., Quyết định có hiệu lực từ ngày ký.]
signatories: [{{authority: {authority}, title: Phó Bí thư, name: Đặng Ngọc Dũng}}]
recipients: [Như Điều 2]
archive: [{archive}]
annexes:
  - title: Danh sách tập thể được tặng Bằng khen
    columns: [Tên tập thể]
    rows: [[Ban Tuyên giáo Tỉnh ủy], [Đảng bộ huyện Sơn Tịnh]]
"""


def decision(tmp_path: Path, regime: str) -> bytes:
    path = tmp_path / f"{regime}.yaml"
    authority = "TM. Ban Thường vụ"
    archive = "Văn phòng Tỉnh ủy" if regime == "dang" else "VP"
    text = PARTY_DECISION.format(regime=regime, authority=authority, archive=archive)
    if regime == "doan":
        text = text.replace("Tỉnh ủy Quảng Ngãi, abbr: TU", "Tỉnh đoàn Quảng Ngãi, abbr: TĐTN")
        text = text.replace("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh đoàn")
    if regime == "nha_nuoc":
        text = text.replace("Tỉnh ủy Quảng Ngãi, abbr: TU", "Sở Nội vụ, abbr: SNV")
        text = text.replace("enacted_by: Ban Thường vụ Tỉnh ủy", "enacted_by: Sở Nội vụ")
        text = text.replace(
            "TM. Ban Thường vụ, title: Phó Bí thư", "TM. Sở Nội vụ, title: Giám đốc"
        )
    path.write_text(text, "utf-8")
    return render_model(load_content(path)).docx


def _texts(data: bytes) -> list[str]:
    return [p.text for p in _paragraphs(docx.Document(io.BytesIO(data)))]


@pytest.mark.parametrize(
    ("regime", "reference"),
    [
        ("dang", "(Kèm theo Quyết định số 07-QĐ/TU ngày 20 tháng 12 năm 2024 của"),
        ("doan", "(Kèm theo Quyết định số 07-QĐ/TĐTN ngày 20 tháng 12 năm 2024 của"),
        ("nha_nuoc", "(Kèm theo Quyết định số 07/QĐ-SNV ngày 20 tháng 12 năm 2024 của"),
    ],
)
def test_an_annex_names_the_document_by_the_regimes_number(tmp_path, regime, reference):
    """regimes.md, number: the annex's `Kèm theo` line names the number as the header prints
    it (`Số 07-QĐ/TU` in a Party decision), and the checker takes that form in that regime."""
    data = decision(tmp_path, regime)
    assert [t for t in _texts(data) if t.startswith(reference)], _texts(data)
    report = check_docx(data)
    assert report.regime == regime and report.ok, report.format_text()
    rule = f"{'nd30' if regime == 'nha_nuoc' else regime}.annex.reference_text"
    assert report.status(rule) == "pass"
    # The other form is a fault in each regime.
    other = reference.replace("07-QĐ/", "07/QĐ/") if regime != "nha_nuoc" else reference
    if regime == "nha_nuoc":
        other = reference.replace("07/QĐ-SNV", "07-QĐ/SNV")
    line = next(t for t in _texts(data) if t.startswith(reference))
    faulty = changed(data, line, line.replace(reference, other))
    assert check_docx(faulty, regime=regime).status(rule) == "fail"


@pytest.mark.parametrize("regime", ["dang", "nha_nuoc"])
def test_a_text_that_opens_with_can_cu_is_not_a_basis_line(tmp_path, regime):
    """A preamble that opens with `Căn cứ kết quả …` is the body's text: vanban prints it
    upright with no dash, and the checker does not fault it as a căn cứ line (which made
    `vanban render` refuse the document)."""
    data = decision(tmp_path, regime)
    texts = _texts(data)
    assert "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng, Ban Thường vụ" in " ".join(
        texts
    )
    report = check_docx(data)
    assert report.ok, report.format_text()
    # The real căn cứ line is still checked: upright, it is faulted.
    basis = next(t for t in texts if "Căn cứ Điều lệ Đảng" in t)
    upright = docx.Document(io.BytesIO(data))
    for para in _paragraphs(upright):
        if para.text == basis:
            for run in para.runs:
                run.italic = False
    out = io.BytesIO()
    upright.save(out)
    assert check_docx(out.getvalue(), regime=regime).status("nd30.bases.italic") == "fail"
