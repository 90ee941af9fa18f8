"""The checker and the template linter name the same paragraph the same way.

A shipped template gets, in one paragraph, a tag Jinja cannot read and a run in
Arial: the linter reports the tag, the checker (run on the same DOCX) the font,
and both must point at that one paragraph, with one label.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_docx
from generator.cli import main
from generator.ooxml.walk import Location
from generator.templating import check_template
from tests.template.docxedit import edited, shipped

ARIAL = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
BODY = "word/document.xml"
CASES = {
    # The document title is the first paragraph of the body outside a table.
    "title": ("{{ title }}", "{{ title | }}", Location("body", BODY, paragraph=1)),
    # The date line stands alone in the second cell of the second row of the header table.
    "date": (
        "{{ date_line }}",
        "{{ date_line + }}",
        Location("body", BODY, paragraph=1, table=1, row=2, column=2),
    ),
}


def _faulty(tmp_path: Path, tag: str, broken: str) -> Path:
    run = f'<w:r><w:t xml:space="preserve">{tag}</w:t></w:r>'
    bad_run = f'<w:r>{ARIAL}<w:t xml:space="preserve">{broken}</w:t></w:r>'
    return edited(shipped(), tmp_path / "mau.docx", (run, bad_run))


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_tag_and_a_format_fault_in_one_paragraph_share_its_location(
    case: str, tmp_path: Path
) -> None:
    tag, broken, expected = CASES[case]
    path = _faulty(tmp_path, tag, broken)

    [problem] = [p for p in check_template(path, "phat_dong").problems if p.code == "syntax"]
    font = check_docx(path).status("nd30.font.family")
    findings = [
        f
        for f in check_docx(path).findings
        if f.rule == "nd30.font.family" and broken.split()[1] in f.excerpt
    ]
    assert font == "fail" and len(findings) == 1, [f.report_place() for f in findings]
    [finding] = findings

    assert problem.location == expected
    assert finding.at == expected
    assert finding.where == str(expected) == str(problem.location)
    # Both are diagnostics at the same place; the finding adds the paragraph's style.
    assert finding.location == replace(expected, style=finding.style) and finding.style
    assert finding.paragraph == expected.paragraph


def test_both_commands_print_the_same_label(tmp_path: Path) -> None:
    tag, broken, expected = CASES["date"]
    path = _faulty(tmp_path, tag, broken)
    label = "thân văn bản, bảng 1, hàng 2, cột 2"
    assert str(expected) == label

    linted = CliRunner().invoke(main, ["template", "check", str(path), "--kind", "phat_dong"])
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert any(
        line.startswith(f"{path}: {label}: lỗi:") and "date_line" in line
        for line in linted.stdout.splitlines()
    ), linted.stdout
    assert any(
        f"– {label} «{broken}»: " in line and "Arial" in line
        for line in checked.stdout.splitlines()
    ), checked.stdout


def test_the_checkers_json_carries_the_location(tmp_path: Path) -> None:
    import json

    tag, broken, expected = CASES["date"]
    path = _faulty(tmp_path, tag, broken)
    checked = CliRunner().invoke(main, ["check", "--json", str(path)])
    data = json.loads(checked.stdout)
    [report] = data["files"]
    [font] = [r for r in report["results"] if r["rule"] == "nd30.font.family"]
    [finding] = [f for f in font["findings"] if "date_line" in f["excerpt"]]
    assert finding["at"] == expected.as_dict()
    assert finding["location"] == "thân văn bản, bảng 1, hàng 2, cột 2"
    # The same place in the diagnostics every command gives, naming the file checked.
    [diagnostic] = [d for d in data["diagnostics"] if d["excerpt"] == finding["excerpt"]]
    assert diagnostic["code"] == "nd30.font.family"
    assert diagnostic["location"] == {
        **expected.as_dict(),
        "style": finding["style"],
        "file": str(path),
    }
