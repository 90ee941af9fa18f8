"""The project's own rendered documents pass the checker (examples and starter files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_docx

REPO = Path(__file__).resolve().parents[2]
CONTENTS = sorted((REPO / "content" / "examples").glob("*.yaml")) + sorted(
    (REPO / "templates" / "docx").glob("*.starter.yaml")
)


@pytest.mark.parametrize("content", CONTENTS, ids=lambda p: p.name)
def test_rendered_document_passes(content: Path) -> None:
    pipeline = pytest.importorskip("generator.pipeline")
    report = check_docx(pipeline.render_content(content), name=content.name)
    assert report.failed_ids() == set(), report.format_text()
    evaluated = {r.id for r in report.results if r.status != "not_evaluated"}
    # A công văn has no title and no summary rule: its summary is the V/v line.
    vv = "kind: cong_van" in content.read_text("utf-8")
    for rule in (
        "nd30.motto.rule",
        "nd30.issuer.rule",
        "nd30.cv_subject.size" if vv else "nd30.subject.rule",
        "nd30.signature.prefix",
        "nd30.recipients.items.last",
        "nd30.body.align",
    ):
        assert rule in evaluated, report.format_text()
