"""Hostile packages and templates: a located refusal, bounded, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import packages
from .harness import assert_refused, leftovers, vanban
from .test_content import GOOD

TEMPLATES = {
    # name: (bytes, what the refusal must say)
    "bad-crc": (packages.bad_crc, "word/document.xml"),
    "encrypted-member": (packages.encrypted_member, "mã hóa"),
    "broken-rels": (packages.broken_rels, "document.xml.rels"),
    "zip-bomb": (packages.bomb, "zip_ratio"),
    "nested-300-tables": (lambda: packages.nested_tables(300), "XML"),
    "entity-bomb": (packages.entity_bomb, "XML"),
    "endless-loop": (
        lambda: packages.with_text(
            '{% for i in "x" * 100000 %}{% for j in "x" * 100000 %}{% endfor %}{% endfor %}'
        ),
        "template_seconds",
    ),
    "huge-string": (lambda: packages.with_text('{{ "x" * 3000000000 }}'), "template_memory_mb"),
}
BUDGET = {"VANBAN_LIMIT_TEMPLATE_SECONDS": "4", "VANBAN_LIMIT_TEMPLATE_MEMORY_MB": "300"}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_hostile_template_is_refused(case: str, tmp_path: Path) -> None:
    build, needle = TEMPLATES[case]
    template = tmp_path / "t.docx"
    template.write_bytes(build())
    content = tmp_path / "c.yaml"
    content.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    for command in (
        ["template", "check", template, "--kind", "phat_dong"],
        ["render", content, "--template", template, "--out-dir", out],
    ):
        run = vanban(*command, cwd=tmp_path, env=BUDGET)
        assert_refused(run, needle)
        assert "t.docx" in run.text
    assert not out.exists() or list(out.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_a_table_without_its_grid_is_checked_or_refused_without_a_crash(tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    template.write_bytes(packages.no_table_grid())
    for command in (["template", "check", template, "--kind", "phat_dong"], ["check", template]):
        run = vanban(*command, cwd=tmp_path)
        assert run.code in (0, 1, 2), run.text
        assert "Traceback" not in run.text and "lỗi của chương trình" not in run.text, run.text


@pytest.mark.parametrize(
    "case",
    ["bad-crc", "encrypted-member", "broken-rels", "zip-bomb", "nested-300-tables", "entity-bomb"],
)
def test_check_refuses_a_hostile_docx(case: str, tmp_path: Path) -> None:
    build, needle = TEMPLATES[case]
    path = tmp_path / "x.docx"
    path.write_bytes(build())
    assert_refused(vanban("check", path, cwd=tmp_path), "x.docx")


def test_a_member_over_the_size_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(packages.bomb(size=3_000_000))
    run = vanban("check", path, cwd=tmp_path, env={"VANBAN_LIMIT_ZIP_MEMBER_BYTES": "1000000"})
    assert_refused(run, "zip_member_bytes", "VANBAN_LIMIT_ZIP_MEMBER_BYTES")


def test_an_xlsx_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    units = packages.xlsx_bomb(tmp_path)
    master = tmp_path / "m.yaml"
    master.write_text(GOOD, encoding="utf-8")
    run = vanban("batch", master, "--data", units, "--out-dir", tmp_path / "out", cwd=tmp_path)
    assert_refused(run, "bomb.xlsx", "zip_ratio")
    assert leftovers(tmp_path) == []
