"""`template check` on templates whose tags are broken: every problem, once, where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.templating.lint import check_template
from generator.templating.report import ERROR, Location

from .docxedit import edited, locate, run, shipped, tag_paragraph

BEFORE_SIGNATURES = '<w:p><w:pPr><w:pStyle w:val="BeforeSignatures"/>'
TITLE_END = "{{ title }}</w:t></w:r></w:p>"


def only(report, code: str):
    """The one problem of a template broken in one way."""
    assert [p.code for p in report.problems] == [code], [str(p) for p in report.problems]
    return report.problems[0]


@pytest.mark.parametrize("kind", ["phat_dong", "giao_uoc", "ke_hoach"])
def test_shipped_templates_are_clean(kind):
    report = check_template(shipped(kind))
    assert report.kind == kind
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.notes == []


def test_unclosed_loop(tmp_path: Path):
    # The body loop's `{%p endfor %}` is the one right before the signature spacer.
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (tag_paragraph("{%p endfor %}") + BEFORE_SIGNATURES, BEFORE_SIGNATURES),
    )
    problem = only(check_template(path, "phat_dong"), "unclosed-block")
    assert problem.severity == ERROR
    assert problem.location == locate(path, "{%p for para in body %}")
    assert "{%p endfor %}" in problem.message and "{%p endfor %}" in problem.hint


def test_end_tag_with_no_opening(tmp_path: Path):
    path = edited(
        shipped(), tmp_path / "t.docx", (TITLE_END, TITLE_END + tag_paragraph("{%p endif %}"))
    )
    problem = only(check_template(path, "phat_dong"), "stray-end")
    assert problem.location == Location("body", "word/document.xml", paragraph=2)
    assert problem.excerpt == "{%p endif %}"


def test_misspelt_tags_are_one_problem_each(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{%p if theme %}", "{%p iff theme %}"),
        (
            TITLE_END,
            TITLE_END + tag_paragraph("{%p for x in bases %}") + tag_paragraph("{%p endfro %}"),
        ),
    )
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["unknown-tag", "unknown-tag"]
    endfro, iff = report.problems
    assert "`endfor`" in endfro.hint and endfro.location.paragraph == 3
    assert "`if`" in iff.hint and iff.location == locate(path, "{%p iff theme %}")


def test_end_tag_of_the_wrong_kind(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{%p if theme %}", "{%p for x in bases %}"))
    problem = only(check_template(path, "phat_dong"), "mismatched-end")
    # Reported at the end tag, naming where its opening is.
    assert "{%p endfor %}" in problem.hint
    assert str(locate(path, "{%p for x in bases %}")) in problem.message


def test_every_syntax_error_is_found_not_only_the_first(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{{ title }}", "{{ title | }}"),
        ("{{ subject }}", "{{ subject + }}"),
        ("{%p for basis in bases %}", "{%p for basis bases %}"),
    )
    report = check_template(path, "phat_dong")
    assert [p.code for p in report.problems] == ["syntax"] * 3, [str(p) for p in report.problems]
    assert [p.location for p in report.problems] == [
        locate(path, text)
        for text in ("{{ title | }}", "{{ subject + }}", "{%p for basis bases %}")
    ]
    assert "`in`" in report.problems[2].hint or "for x in" in report.problems[2].hint


def test_unclosed_tag_within_a_paragraph(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{{ date_line }}", "{{ date_line"))
    problem = only(check_template(path, "phat_dong"), "unclosed-tag")
    assert problem.location == Location(
        "body", "word/document.xml", paragraph=1, table=1, row=2, column=2
    )


def test_block_tags_at_different_levels(tmp_path: Path):
    # `{%p if %}` replaces its paragraph; a plain `{% endif %}` only text inside one.
    subject_end = '{%p endif %}</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="SubjectRule"/>'
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (subject_end, subject_end.replace("{%p endif %}", "{% endif %}")),
    )
    problem = only(check_template(path, "phat_dong"), "block-level")
    assert problem.location.paragraph == 4
    assert "{%p if subject %}" in problem.message


def test_row_tag_outside_a_table(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{%p if theme %}", "{%tr if theme %}"))
    problem = only(check_template(path, "phat_dong"), "outside-table")
    assert problem.location == locate(path, "{%tr if theme %}")


def test_other_tag_in_a_structural_paragraph_is_lost(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{%p if theme %}", "{%p if theme %}{{ year }}"))
    problem = only(check_template(path, "phat_dong"), "shared-paragraph")
    assert problem.severity == ERROR


def test_headers_are_checked_as_parts_of_their_own(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("<w:t>2</w:t>", "<w:t>{% if year %}2</w:t>"),
        part="word/header1.xml",
    )
    problem = only(check_template(path, "phat_dong"), "unclosed-block")
    assert problem.location == Location("header", "word/header1.xml", paragraph=1)
    assert str(problem.location).startswith("đầu trang (header1.xml), đoạn 1")


def test_problem_text_says_where_what_and_how(tmp_path: Path):
    path = edited(
        shipped(), tmp_path / "t.docx", (TITLE_END, TITLE_END + tag_paragraph("{%p endif %}"))
    )
    text = str(check_template(path, "phat_dong").problems[0])
    assert text.startswith("thân văn bản, đoạn 2: lỗi: ")
    assert "«{%p endif %}»" in text and "(gợi ý: " in text


def test_runs_are_read_through_when_they_look_the_same(tmp_path: Path):
    # Word splits runs for spell-checking; a tag split that way is harmless and not reported.
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        (
            '<w:r><w:t xml:space="preserve">{{ title }}</w:t></w:r>',
            run("{{ ti", '<w:lang w:val="en-US"/>') + run("tle }}"),
        ),
    )
    assert check_template(path, "phat_dong").problems == []
