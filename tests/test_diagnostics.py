"""One diagnostics model: content problems, template problems and checker findings are all
`Diagnostic`s, printed one way and written as one JSON shape."""

from __future__ import annotations

import json
import pickle

import pytest

from generator.check.report import Finding
from generator.content.load import load_content_text
from generator.diagnostics import (
    ERROR,
    WARNING,
    ContentLocation,
    Diagnostic,
    DocxLocation,
    json_report,
)
from generator.problems import ContentError, Problem
from generator.templating.report import Location, TemplateProblem


def test_a_content_problem_reads_as_before():
    problem = Problem("a.yaml", 4, 3, "date", "ngày không tồn tại", "viết 2024-02-29")
    assert isinstance(problem, Diagnostic) and problem.severity == ERROR
    assert problem.location == ContentLocation("a.yaml", 4, 3, "date")
    assert str(problem) == "a.yaml:4:3: date: ngày không tồn tại (gợi ý: viết 2024-02-29)"
    row = Problem("d.csv", 7, None, "number", "phải là một số nguyên", column_name="Số")
    assert str(row) == "d.csv:7: cột Số: number: phải là một số nguyên"
    assert (row.file, row.line, row.column, row.path, row.column_name) == (
        "d.csv",
        7,
        None,
        "number",
        "Số",
    )


def test_a_template_problem_and_a_finding_say_their_severity():
    place = Location("header", "word/header1.xml", paragraph=2)
    problem = TemplateProblem(
        "unknown-name", WARNING, "tên lạ", "xem `vanban template fields`", place
    )
    assert str(problem) == (
        "đầu trang (header1.xml), đoạn 2: cảnh báo: tên lạ (gợi ý: xem `vanban template fields`)"
    )
    whole = TemplateProblem("kind-profile", ERROR, "thiếu tên")
    assert whole.location is None and str(whole) == "cả mẫu: lỗi: thiếu tên"
    cell = DocxLocation("body", table=1, row=2, column=3)
    finding = Finding(
        "nd30.x",
        ERROR,
        "fail",
        "P1",
        "date",
        "Ngày",
        "Tiêu đề",
        "sai",
        excerpt="Hà Nội",
        at=cell,
    )
    assert finding.code == finding.rule == "nd30.x" and finding.message == finding.detail
    assert str(finding) == "thân văn bản, bảng 1, hàng 2, cột 3: lỗi: sai — «Hà Nội»"


def test_one_json_shape_for_every_kind_of_place():
    content = Problem("a.yaml", 1, 1, "kind", "loại không có", code="content.unknown_kind")
    docx = TemplateProblem("unclosed-block", ERROR, "thẻ chưa đóng", None, Location("body", "d"))
    for diagnostic in (content, docx):
        data = diagnostic.as_dict()
        assert set(data) >= {"code", "severity", "message", "hint", "location", "excerpt", "text"}
        assert data["text"] == str(diagnostic)
    assert content.as_dict()["location"]["kind"] == "content"
    assert docx.as_dict()["location"]["kind"] == "docx"
    report = json.loads(json_report(False, [content], files=[]))
    assert report == {"ok": False, "diagnostics": [content.as_dict()], "files": []}


def test_problems_survive_the_trip_to_a_batch_worker_and_back():
    problem = Problem("d.csv", 3, None, "number", "sai", "sửa", column_name="Số", code="data.x")
    again = pickle.loads(pickle.dumps(problem))
    assert again == problem and hash(again) == hash(problem) and str(again) == str(problem)
    assert again.moved(file="e.csv").file == "e.csv" and again.moved(file="e.csv").code == "data.x"


def _codes(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content_text(text, "x.yaml")
    return [p.code for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kind: [phat_dong\n", "content.syntax"),
        ("kind: phat_dong\nkind: ke_hoach\n", "content.duplicate_key"),
        ("", "content.empty"),
        ("- a\n- b\n", "content.type"),
        ("kind: phat_dong\nplace: !!python/name:os.system x\n", "content.yaml_tag"),
        ("kind: phat_dog\n", "content.unknown_kind"),
        ("kind: phat_dong\nregime: khac\n", "content.unknown_regime"),
        ("kind: phat_dong\nplace: [a]\n", "content.type"),
        ("kind: phat_dong\nrecipients: [';']\n", "content.empty_recipient"),
        ("kind: phat_dong\ntype_abbr: KH/X\n", "content.abbreviation"),
        ("kind: phat_dong\nplace: 'a\x07b'\n", "content.control_character"),
    ],
)
def test_every_content_mistake_has_its_own_code(text: str, code: str):
    assert code in _codes(text)


def test_no_mistake_in_a_bad_file_is_left_without_a_precise_code():
    text = (
        "kind: phat_dong\nissuers: [{name: Cục A, abbr: C/A}]\nnumber: 0\ndate: 2024-13-01\n"
        "recipients: [Như trên]\nsigntories: []\n"
    )
    codes = _codes(text)
    assert codes and "content.invalid" not in codes
