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


SUBMISSION = """\
kind: to_trinh
issuers: [{parent: Bộ Tài chính, name: Vụ Thi đua - Khen thưởng, abbr: TĐKT}]
subject: Về việc đề nghị tặng Cờ thi đua của Chính phủ năm 2024
place: Hà Nội
date: 2025-01-08
addressees: [Bộ trưởng Bộ Tài chính]
preamble: >-
  Căn cứ kết quả bình xét thi đua năm 2024 của các Khối thi đua thuộc Bộ, Vụ Thi đua -
  Khen thưởng kính trình Bộ trưởng xem xét, đề nghị tặng Cờ thi đua cho 03 tập thể.
closing: Vụ Thi đua - Khen thưởng kính trình Bộ trưởng xem xét, quyết định.
signatories: [{authority: TUQ. Bộ trưởng, title: Vụ trưởng, name: Lê Thị Thu Hương}]
recipients: [Thứ trưởng (để b/c)]
"""


def test_a_preamble_that_opens_with_can_cu_is_text_not_a_base(tmp_path: Path) -> None:
    # A submission's first paragraph often opens with `Căn cứ …`: upright body text (the
    # preamble), not a legal base, whose italics P1 II.6a asks for.
    pipeline = pytest.importorskip("generator.pipeline")
    content = tmp_path / "to-trinh.yaml"
    content.write_text(SUBMISSION, encoding="utf-8")
    report = check_docx(pipeline.render_content(content), name=content.name)
    assert report.failed_ids() == set(), report.format_text()
    # With bases of its own, the same document's bases are still checked.
    based = SUBMISSION + "bases: [Căn cứ Luật Thi đua, khen thưởng năm 2022]\n"
    content.write_text(based, encoding="utf-8")
    report = check_docx(pipeline.render_content(content), name=content.name)
    assert "nd30.bases.italic" in {r.id for r in report.results if r.status == "pass"}
