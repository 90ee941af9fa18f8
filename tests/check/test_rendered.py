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
    regime = report.regime
    # The regime is read from the header (regimes.md): the content names it.
    assert (f"regime: {regime}" in content.read_text("utf-8")) == (regime != "nha_nuoc")
    state = (
        ("nd30.motto.rule", "nd30.issuer.rule", "nd30.recipients.items.last")
        if regime == "nha_nuoc"
        else (f"{regime}.top_title.text", f"{regime}.issuer.mark", f"{regime}.number.form")
    )
    for rule in (
        *state,
        # A regime with its own sizes checks them (`dang.cv_subject.size`, the profile's).
        ("dang.cv_subject.size" if regime == "dang" else "nd30.cv_subject.size")
        if vv
        else "nd30.subject.rule",
        "dang.signature.prefix" if regime == "dang" else "nd30.signature.prefix",
        "nd30.body.align",
    ):
        assert rule in evaluated, report.format_text()
