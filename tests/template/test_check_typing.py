"""Tags Word typed or saved badly: split runs, smart quotes, non-breaking spaces."""

from __future__ import annotations

from pathlib import Path

import docx

from generator.templating.lint import check_template
from generator.templating.report import ERROR, WARNING

from .docxedit import edited, locate, shipped


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_tag_split_across_differently_formatted_runs(tmp_path: Path):
    # What Word saves when a maintainer makes part of a tag bold: two runs.
    document = docx.Document(str(shipped()))
    paragraph = next(p for p in document.paragraphs if p.text == "{{ title }}")
    paragraph.runs[0].text = "{{ ti"
    paragraph.add_run("tle }}").italic = True
    path = tmp_path / "phat_dong-split.docx"
    document.save(str(path))

    report = check_template(path)
    assert codes(report) == ["split-runs"], [str(p) for p in report.problems]
    problem = report.problems[0]
    assert problem.severity == WARNING
    assert problem.location == locate(path, "{{ title }}")
    # Shown as Word split it.
    assert "«{{ ti» «tle }}»" in problem.message


def test_smart_quotes_in_a_tag(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ('{%p if para.style == "heading" %}', "{%p if para.style == “heading” %}"),
    )
    report = check_template(path, "phat_dong")
    assert codes(report) == ["smart-quotes"]
    problem = report.problems[0]
    assert problem.location == locate(path, "{%p if para.style == “heading” %}")
    assert "AutoCorrect" in problem.hint


def test_non_breaking_spaces_in_tags(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ("{{ date_line }}", "{{\u00a0date_line }}"),
        ("{%p if theme %}", "{%p\u00a0if theme %}"),
    )
    report = check_template(path, "phat_dong")
    by_code = {(p.code, p.severity): p for p in report.problems}
    assert len(report.problems) == 2, [str(p) for p in report.problems]
    # Inside an expression Jinja copes; after `{%p` docxtpl no longer sees a paragraph tag.
    inside = by_code[("odd-space", WARNING)]
    after_prefix = by_code[("odd-space", ERROR)]
    assert inside.location.table == 1 and inside.location.column == 2
    assert after_prefix.location == locate(path, "{%p\u00a0if theme %}")


def test_text_beside_a_paragraph_tag_is_lost(tmp_path: Path):
    path = edited(shipped(), tmp_path / "t.docx", ("{%p if theme %}", "Chủ đề: {%p if theme %}"))
    report = check_template(path, "phat_dong")
    assert codes(report) == ["shared-paragraph"]
    assert report.problems[0].severity == WARNING
    assert "Chủ đề:" in report.problems[0].message


def test_warnings_alone_still_get_the_format_check(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "t.docx",
        ('{%p if para.style == "heading" %}', "{%p if para.style == “heading” %}"),
    )
    report = check_template(path, "phat_dong")
    assert report.errors == [] and report.notes == []
