"""A Party decision of a Huyện ủy enacted by its Ban Thường vụ (regimes.md `dang`: a
committee's standing committee signs `T/M BAN THƯỜNG VỤ` / `BÍ THƯ`; nd30-format.md §13):
`vanban render` writes it and `vanban check` passes it; another body's standing committee
is refused where it is written, in the content and in the printed document."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator import nd30
from generator.cli import main

from .docxread import all_paragraphs, open_docx

DECISION = """\
kind: quyet_dinh
regime: dang
term: 2020-2025
issuers:
  - parent: Đảng bộ tỉnh Thái Nguyên
    name: Huyện ủy Định Hóa
    abbr: HU
number: 15
place: Định Hóa
date: 2024-02-05
subject: về việc khen thưởng tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu năm 2023
enacted_by: {enacted}
bases:
  - Căn cứ Điều lệ Đảng Cộng sản Việt Nam
  - Căn cứ Quy chế làm việc của Huyện ủy Định Hóa khóa XXIII, nhiệm kỳ 2020 - 2025
proposal: Xét đề nghị của Ban Tổ chức Huyện ủy
articles:
  - Tặng Giấy khen cho 05 tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu năm 2023.
  - Văn phòng Huyện ủy, Ban Tổ chức Huyện ủy và các tổ chức có tên tại Điều 1 thi hành Quyết định này.
signatories:
  - authority: {authority}
    title: Bí thư
    name: Nguyễn Văn An
recipients:
  - Như Điều 2
archive: []
"""

RULE = "nd30.enacted_by.signature"


def write(tmp_path: Path, enacted: str, authority: str = "T/M Ban Thường vụ") -> Path:
    path = tmp_path / "qd.yaml"
    path.write_text(DECISION.format(enacted=enacted, authority=authority), "utf-8")
    return path


def render(path: Path, *options: str):
    out = path.with_suffix(".docx")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out), *options])
    return result, out


def check(path: Path) -> dict:
    result = CliRunner().invoke(main, ["check", "--json", str(path)])
    return json.loads(result.stdout)["files"][0]


def status(report: dict, rule: str) -> dict:
    return next(r for r in report["results"] if r["rule"] == rule)


def line_of(path: Path, field: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(field + ":"))


def test_standing_committee_of_the_issuer_enacts_and_signs(tmp_path: Path) -> None:
    path = write(tmp_path, "Ban Thường vụ Huyện ủy")
    result, out = render(path)
    assert result.exit_code == 0, result.output
    printed = [p.text for p in all_paragraphs(open_docx(out.read_bytes()))]
    assert "BAN THƯỜNG VỤ HUYỆN ỦY" in printed
    assert "T/M BAN THƯỜNG VỤ" in printed and "BÍ THƯ" in printed
    report = check(out)
    assert report["regime"] == "dang" and report["ok"], report["summary"]
    assert status(report, RULE)["status"] == "pass"


def test_the_standing_committee_named_alone_or_in_full(tmp_path: Path) -> None:
    for enacted in ("Ban Thường vụ", "Ban Thường vụ Huyện ủy Định Hóa"):
        result, out = render(write(tmp_path, enacted), "--force")
        assert result.exit_code == 0, (enacted, result.output)
        assert status(check(out), RULE)["status"] == "pass", enacted


def test_another_bodys_standing_committee_is_refused_where_written(tmp_path: Path) -> None:
    path = write(tmp_path, "Ban Thường vụ Tỉnh ủy")
    result, out = render(path)
    assert result.exit_code == 1
    where = f"{path}:{line_of(path, 'enacted_by')}:13: enacted_by:"
    lines = (result.stderr or result.output).splitlines()
    assert any(where in line and "ban thường vụ của cơ quan khác" in line for line in lines), lines
    assert not out.exists()


def test_signing_for_another_collective_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Ban Thường vụ Huyện ủy", authority="T/M Ban Chấp hành")
    result, out = render(path)
    assert result.exit_code == 1
    where = f"{path}:{line_of(path, 'enacted_by')}:13: enacted_by:"
    lines = (result.stderr or result.output).splitlines()
    assert any(
        where in line and "`authority: T/M Ban thường vụ huyện ủy`" in line for line in lines
    )
    assert not out.exists()


def test_the_checker_finds_another_body_in_the_printed_document(tmp_path: Path) -> None:
    result, out = render(write(tmp_path, "Ban Thường vụ Huyện ủy"))
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    line = next(p for p in document.paragraphs if p.text == "BAN THƯỜNG VỤ HUYỆN ỦY")
    line.runs[0].text = "BAN THƯỜNG VỤ TỈNH ỦY"
    for run in line.runs[1:]:
        run.text = ""
    bad = tmp_path / "bad.docx"
    document.save(bad)
    report = check(bad)
    assert not report["ok"]
    found = status(report, RULE)
    assert found["status"] == "fail"
    [finding] = found["findings"]
    said = json.dumps(finding, ensure_ascii=False)  # the paragraph it is found in, and why
    assert "BAN THƯỜNG VỤ TỈNH ỦY" in said and "ban thường vụ của cơ quan khác" in said, said


def test_which_collective_enacts() -> None:
    lead = "huyện ủy định hóa"
    assert nd30.is_collective(lead, lead)
    assert nd30.is_collective("ban thường vụ", lead)
    assert nd30.is_collective("ban thường vụ huyện ủy", lead)
    assert nd30.is_collective("ban thường vụ huyện ủy định hóa", lead)
    assert not nd30.is_collective("ban thường vụ tỉnh ủy", lead)
    assert not nd30.is_collective("ban thường vụ huyện ủy định hóa tỉnh thái nguyên", lead)
    assert not nd30.is_collective("bí thư huyện ủy", lead)
    # A Youth Union issuer named as its executive committee (regimes.md `doan`).
    for lead in ("ban chấp hành tỉnh đoàn bình giang", "bch tỉnh đoàn bình giang"):
        assert nd30.is_collective("ban thường vụ tỉnh đoàn", lead)
        assert nd30.is_collective("ban thường vụ tỉnh đoàn bình giang", lead)
        assert nd30.is_collective("ban thường vụ", lead)
        assert not nd30.is_collective("ban thường vụ huyện đoàn", lead)
        assert not nd30.is_collective("ban thường vụ ban chấp hành tỉnh ủy", lead)
    # A body named by its level: `BCH tỉnh …` is the Tỉnh đoàn (regimes.md `doan`).
    for lead in ("bch tỉnh bình giang", "ban chấp hành đoàn tỉnh bình giang"):
        assert nd30.is_collective("ban thường vụ tỉnh đoàn", lead)
        assert nd30.is_collective("ban thường vụ tỉnh đoàn bình giang", lead)
        assert not nd30.is_collective("ban thường vụ huyện đoàn", lead)
        assert not nd30.is_collective("ban thường vụ tỉnh đoàn hà nam", lead)
    assert nd30.is_collective("ban thường vụ thành đoàn", "bch tp. hà nội")
    assert not nd30.is_collective("ban thường vụ tỉnh đoàn", "tỉnh ủy bình giang")
    # An authority line printed on two lines is read as one.
    youth = "ban chấp hành tỉnh đoàn bình giang"
    printed = ["tm. ban thường vụ\ntỉnh đoàn"]
    assert nd30.enactment_mismatch("ban thường vụ tỉnh đoàn", youth, printed, "bí thư") is None
    # The state's collective is unchanged: its own name, `TM.` it.
    state = "ủy ban nhân dân tỉnh nghệ an"
    assert nd30.enactment_mismatch(state, state, ["tm. ủy ban nhân dân"], "chủ tịch") is None


YOUTH_DECISION = """\
kind: quyet_dinh
regime: doan
issuers:
  - parent: {parent}
    name: {issuer}
    abbr: TĐTN
symbol: QĐ/TĐTN-VP
number: 21
place: Bình Giang
date: 2024-12-20
subject: Về việc tặng Bằng khen cho tập thể có thành tích xuất sắc trong công tác Đoàn năm 2024
enacted_by: Ban Thường vụ Tỉnh đoàn
bases:
  - Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh
proposal: Xét đề nghị của Văn phòng Tỉnh đoàn
articles:
  - Tặng Bằng khen cho 03 tập thể có thành tích xuất sắc trong công tác Đoàn năm 2024.
  - Văn phòng Tỉnh đoàn và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.
signatories:
  - authority: TM. Ban Thường vụ Tỉnh đoàn
    title: Bí thư
    name: Trần Thị Bình
recipients:
  - Như Điều 2
archive: [VP]
"""


@pytest.mark.parametrize(
    ("parent", "issuer"),
    [
        ("null", "Ban Chấp hành Tỉnh đoàn Bình Giang"),
        ("null", "BCH tỉnh Bình Giang"),
        # The Union's name as the parent is printed left, as the title is right: the
        # checker tells them apart by column.
        ("Đoàn TNCS Hồ Chí Minh", "Ban Chấp hành Tỉnh đoàn Bình Giang"),
    ],
)
def test_youth_union_executive_committee_enacted_by_its_standing_committee(
    tmp_path: Path, parent: str, issuer: str
) -> None:
    path = tmp_path / "qd-doan.yaml"
    path.write_text(YOUTH_DECISION.format(parent=parent, issuer=issuer), "utf-8")
    result, out = render(path)
    assert result.exit_code == 0, result.output
    report = check(out)
    assert report["ok"], report
    assert status(report, RULE)["status"] == "pass"
    # Lines the template breaks in two read as one.
    paragraphs = [" ".join(p.text.split()) for p in all_paragraphs(open_docx(out))]
    assert "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN" in paragraphs
    assert issuer.upper() in paragraphs
