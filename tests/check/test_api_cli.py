"""The library API, the rule pack and `vanban check`."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from generator.check import NotADocx, RulePackError, check_docx, load_rules
from generator.check.text import canonical, fold, is_title_case, is_upper
from generator.cli.check import check_command


@pytest.fixture
def good_file(kit, tmp_path):
    path = tmp_path / "tot.docx"
    path.write_bytes(kit.build("ke_hoach").bytes())
    return path


@pytest.fixture
def bad_file(kit, tmp_path):
    good = kit.build("ke_hoach")
    kit.set_text(good.para("date"), "Hà Nội, ngày 05 tháng 1 năm 2024")
    path = tmp_path / "loi.docx"
    path.write_bytes(good.bytes())
    return path


# -- library -------------------------------------------------------------------


def test_report_api(bad_file) -> None:
    report = check_docx(bad_file)
    assert not report.ok
    assert [r.id for r in report.errors] == ["nd30.date.month_padding"]
    (finding,) = [f for f in report.findings if f.status == "fail"]
    assert finding.part == "date" and finding.part_label == "Địa danh, ngày tháng"
    assert finding.paragraph and finding.excerpt.startswith("Hà Nội, ngày 05 tháng 1")
    assert finding.source == "P1 II.4b" and finding.severity == "error"
    assert "bảng 1" in finding.where
    # The same finding is a diagnostic: the rule is its code, the cell its place.
    assert finding.code == "nd30.date.month_padding" and finding.message == finding.detail
    assert finding.location.table == 1 and finding.location.row and finding.location.column
    assert str(finding).startswith("thân văn bản, bảng 1, hàng ")


def test_bytes_and_path_give_the_same_result(good_file) -> None:
    from_path = check_docx(good_file)
    from_bytes = check_docx(good_file.read_bytes())
    assert [r.status for r in from_path.results] == [r.status for r in from_bytes.results]
    assert from_path.ok


def test_json_and_text(bad_file) -> None:
    report = check_docx(bad_file)
    data = json.loads(report.to_json())
    assert data["ok"] is False and data["summary"]["errors"] == 1
    by_rule = {r["rule"]: r for r in data["results"]}
    assert by_rule["nd30.date.month_padding"]["status"] == "fail"
    assert by_rule["nd30.date.month_padding"]["findings"][0]["excerpt"]
    assert by_rule["nd30.page.size"]["status"] == "pass"
    text = report.format_text()
    assert "LỖI nd30.date.month_padding" in text
    assert "Kết quả: KHÔNG ĐẠT" in text


def test_missing_part_is_not_evaluated_never_passed(kit) -> None:
    good = kit.build("ke_hoach")
    for par in [good.para("recipients_heading"), *good.paras("recipients")]:
        kit.remove(par)
    report = good.check()
    for rule in ("nd30.recipients.heading.size", "nd30.recipients.items.last"):
        assert report.status(rule) == "not_evaluated"
    finding = next(f for f in report.findings if f.rule == "nd30.recipients.heading.size")
    assert finding.status == "not_evaluated" and "Nơi nhận" in finding.detail
    assert report.ok  # not evaluated is not an error


def test_blank_document_reports_what_it_cannot_find() -> None:
    out = io.BytesIO()
    doc = docx.Document()
    doc.add_paragraph("Xin chào")
    doc.save(out)
    report = check_docx(out.getvalue())
    assert report.status("nd30.page.size") == "fail"  # python-docx's default is US Letter
    assert report.status("nd30.national_title.text") == "not_evaluated"
    assert report.status("nd30.font.family") == "fail"


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_not_a_docx(data: bytes) -> None:
    with pytest.raises(NotADocx):
        check_docx(data)


def test_zip_without_document_and_other_office_files() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "x")
    with pytest.raises(NotADocx):
        check_docx(out.getvalue())
    with pytest.raises(NotADocx, match="không tìm thấy"):
        check_docx("/nonexistent/van-ban.docx")


def test_rule_pack_is_data(tmp_path, bad_file) -> None:
    pack = load_rules()
    assert len({r.id for r in pack.rules}) == len(pack.rules)
    for rule in pack.rules:
        assert rule.source and rule.title and rule.severity in ("error", "warning")
    tuned = tmp_path / "rules.yaml"
    tuned.write_text(
        "pack: tuned\nversion: 1\nrules:\n"
        "  - id: local.date.size\n    source: nội bộ\n    severity: error\n"
        "    part: date\n    check: size_range\n    params: {min: 15, max: 16}\n"
        "    title: Ngày tháng cỡ 15–16\n",
        encoding="utf-8",
    )
    report = check_docx(bad_file, rules=tuned)
    assert [r.id for r in report.results] == ["local.date.size"]
    assert report.status("local.date.size") == "fail"


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "rules: [{id: a.b, source: x, severity: error, part: date, check: nope, title: t}]",
            "nope",
        ),
        (
            "rules: [{id: a.b, source: x, severity: error, part: nowhere, check: bold, title: t}]",
            "nowhere",
        ),
        (
            "rules: [{id: a.b, source: x, severity: fatal, part: date, check: bold, title: t}]",
            "severity",
        ),
    ],
)
def test_bad_rule_pack(tmp_path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("pack: x\nversion: 1\n" + body, encoding="utf-8")
    with pytest.raises(RulePackError, match=message):
        load_rules(path)


# -- text helpers --------------------------------------------------------------


def test_tone_mark_placements_compare_equal() -> None:
    assert canonical("CỘNG HOÀ") == canonical("CỘNG HÒA")
    assert canonical("UỶ BAN") == canonical("ỦY BAN")
    assert fold("Thuỷ  lợi") == fold("thủy lợi")
    assert canonical("Ðà Nẵng") == "Đà Nẵng"


def test_case_helpers() -> None:
    assert is_upper("SỞ CÔNG THƯƠNG") and not is_upper("Sở Công Thương")
    assert is_title_case("Nguyễn Văn A") and is_title_case("Đỗ Thị Minh Hạnh")
    assert not is_title_case("NGUYỄN VĂN A") and not is_title_case("nguyễn văn a")


# -- command line --------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(check_command, list(args))


def test_cli_exit_codes(good_file, bad_file, tmp_path) -> None:
    assert _run(str(good_file)).exit_code == 0
    result = _run(str(bad_file))
    assert result.exit_code == 1
    assert "nd30.date.month_padding" in result.output
    garbage = tmp_path / "rac.docx"
    garbage.write_bytes(b"not a docx")
    result = _run(str(good_file), str(garbage))
    assert result.exit_code == 2
    assert "rac.docx" in result.output and "Traceback" not in result.output
    assert _run(str(tmp_path / "khong-co.docx")).exit_code == 2


def test_cli_json(good_file, bad_file) -> None:
    result = _run(str(good_file), str(bad_file), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    files = data["files"]
    assert [d["ok"] for d in files] == [True, False]
    assert files[1]["file"].endswith("loi.docx")
    # One diagnostic per failed place, its code the rule's id, its location the cell.
    (diagnostic,) = data["diagnostics"]
    assert files[1]["diagnostics"] == [diagnostic] and files[0]["diagnostics"] == []
    assert diagnostic["code"] == "nd30.date.month_padding" and diagnostic["severity"] == "error"
    assert diagnostic["location"]["kind"] == "docx" and diagnostic["location"]["table"] == 1
    assert diagnostic["location"]["file"].endswith("loi.docx")
    # The report's own keys stay as they were.
    (finding,) = [
        f for r in files[1]["results"] for f in r["findings"] if r["rule"] == diagnostic["code"]
    ]
    assert finding["code"] == finding["rule"] and "bảng 1" in finding["location"]


def test_cli_json_unreadable(tmp_path) -> None:
    garbage = tmp_path / "rac.docx"
    garbage.write_bytes(b"x")
    result = _run(str(garbage), "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["files"][0]["error"] == "not_a_docx"
    (diagnostic,) = data["diagnostics"]
    assert diagnostic["code"] == "check.not_a_docx"
    assert diagnostic["location"]["file"].endswith("rac.docx")


def test_cli_custom_rules_and_bad_pack(good_file, tmp_path) -> None:
    pack = tmp_path / "r.yaml"
    pack.write_text("pack: x\nversion: 1\nrules: []\n", encoding="utf-8")
    assert _run(str(good_file), "--rules", str(pack)).exit_code == 0
    pack.write_text("pack: [\n", encoding="utf-8")
    result = _run(str(good_file), "--rules", str(pack))
    assert result.exit_code == 2 and "bộ quy tắc" in result.output


def test_cli_warning_only_exits_zero(kit, tmp_path) -> None:
    good = kit.build("ke_hoach")
    last = good.para("body_last")
    kit.set_text(last, last.text.replace("./.", "."))
    path = tmp_path / "canh-bao.docx"
    path.write_bytes(good.bytes())
    result = _run(str(path))
    assert result.exit_code == 0
    assert "CẢNH BÁO nd30.body.end_mark" in result.output


def test_cli_quiet_hides_not_evaluated(good_file) -> None:
    assert "CHƯA ĐÁNH GIÁ" in _run(str(good_file)).output
    assert "CHƯA ĐÁNH GIÁ" not in _run(str(good_file), "-q").output


def test_sizes_in_messages_use_a_decimal_comma(kit) -> None:
    good = kit.build("ke_hoach")
    for run in good.para("date").runs:
        run.font.size = Pt(12.5)
    report = good.check()
    finding = next(f for f in report.findings if f.rule == "nd30.date.size")
    assert "12,5 pt" in finding.detail
