"""The linter's reading of a paragraph: its runs, numbered once each."""

from __future__ import annotations

from pathlib import Path

from generator.templating.parts import read_parts

from .docxedit import edited, run, shipped


def test_each_run_of_a_long_paragraph_has_its_own_number(tmp_path: Path) -> None:
    # Twelve runs, each formatted its own way: numbering them by the lxml proxy's id()
    # once gave two runs one number, since a freed proxy's id is reused.
    runs = "".join(run(f"r{i} ", f'<w:sz w:val="{20 + i}"/>') for i in range(12))
    title = '<w:r><w:t xml:space="preserve">{{ title }}</w:t></w:r>'
    path = edited(shipped(), tmp_path / "t.docx", (title, title + runs))
    [para] = [
        p for part in read_parts(path) for p in part.paragraphs if p.text.startswith("{{ title }}")
    ]
    assert [s.run for s in para.segments] == list(range(13))
    assert len({s.style for s in para.segments}) == 13
