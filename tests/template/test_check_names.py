"""Names a template uses that the layout does not give, and parts it never uses."""

from __future__ import annotations

from pathlib import Path

from generator.templating.lint import check_template
from generator.templating.report import ERROR, WARNING

from .docxedit import edited, locate, shipped, without_blocks


def problems(report) -> list[str]:
    return [str(p) for p in report.problems]


def test_unknown_name_with_the_nearest_real_one(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{{ iss.name }}", "{{ issuer.nam }}"))
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["unknown-name"], problems(report)
    problem = report.problems[0]
    assert problem.location == locate(path, "{{ issuer.nam }}")
    assert "`issuers[0].name`" in problem.hint
    assert "`iss.name`" in problem.hint  # the loop variable it stands in
    assert "vanban template fields" in problem.hint


def test_nested_attributes_and_loop_variables(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{{ signer.name }}", "{{ signer.nam }}"),
        ("{{ row.left.name }}", "{{ row.lft.name }}"),
        ('{%p if para.style == "heading" %}', '{%p if para.styl == "heading" %}'),
        ("{{ basis }}", "{{ basis.text }}"),
    )
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["unknown-name"] * 4, problems(report)
    by_excerpt = {p.excerpt: p for p in report.problems}
    assert "`para.style`" in by_excerpt['{%p if para.styl == "heading" %}'].hint
    assert "`basis` là một chuỗi" in by_excerpt["{{ basis.text }}"].message
    assert "`row.left.name`" in by_excerpt["{{ row.lft.name }}"].hint
    assert "`signer.name`" in by_excerpt["{{ signer.nam }}"].hint


def test_attribute_of_a_list(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{{ number_line }}", "{{ issuers.name }}"))
    report = check_template(path, "phat_dong")
    codes = [p.code for p in report.problems]
    assert codes == ["unknown-name", "missing-use"], problems(report)
    problem = report.problems[0]
    assert "danh sách" in problem.message
    assert "`issuers[0].name`" in problem.hint and "{%p for x in issuers %}" in problem.hint
    assert "`number_line`" in report.problems[1].message


def test_a_misspelt_required_name_is_one_problem(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{{ title }}", "{{ titel }}"))
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["unknown-name"], problems(report)
    assert "`title`" in report.problems[0].hint


def test_unknown_filter(tmp_path: Path):
    path = edited(
        shipped(), tmp_path / "t.docx", ("{{ heading_rule }}", "{{ heading_rule | uper }}")
    )
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["unknown-filter"]
    assert "`upper`" in report.problems[0].hint


def test_default_filter_makes_an_unknown_name_a_warning(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{{ heading_rule }}", "{{ heading_rule }}{{ motto | default('') }}"),
    )
    report = check_template(path, "phat_dong")
    assert [(p.code, p.severity) for p in report.problems] == [("unknown-name", WARNING)]


def test_names_through_set_and_loop_helpers_are_known(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (
            "{%tr for row in rows %}",
            "{%tr for row in rows if loop.index > 0 %}",
        ),
        ("{{ title }}", "{% set t = title %}{{ t }}{{ extra.anything | default('') }}"),
    )
    report = check_template(path, "phat_dong")
    assert report.problems == [], problems(report)


def test_no_recipients_loop(tmp_path: Path):
    path = without_blocks(shipped(), tmp_path / "t.docx", "{%p for line in recipients %}")
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["missing-use"], problems(report)
    problem = report.problems[0]
    assert problem.location is None and problem.severity == ERROR
    assert "`recipients`" in problem.message and "nơi nhận" in problem.message
    assert "{%p for item in recipients %}" in problem.hint
    assert str(problem).startswith("cả mẫu: lỗi: ")


def test_no_signature_loop_and_no_number_line(tmp_path: Path):
    grid = without_blocks(shipped(), tmp_path / "a.docx", "{%p for rows in signature_tables %}")
    path = edited(grid, tmp_path / "t.docx", ("{{ number_line }}", ""))
    report = check_template(path, "phat_dong")
    messages = sorted(p.message for p in report.problems)
    assert [p.code for p in report.problems] == ["missing-use"] * 2, problems(report)
    assert "`number_line`" in messages[0] and "`signature_tables`" in messages[1]


def test_a_list_used_but_not_looped_over(tmp_path: Path):
    basis_end = '{{ basis }}</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">{%p endfor %}'
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{%p for basis in bases %}", "{%p if bases %}"),
        (basis_end, basis_end.replace("{{ basis }}", "{{ bases[0] }}").replace("endfor", "endif")),
    )
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["not-looped"], problems(report)
