"""Fixtures for the office tests.

Every document the session needs in PDF is converted by LibreOffice in one
batch (`office_batch`), so the suite pays for starting LibreOffice once per core,
not once per document. Tests of the machinery itself use `fake_soffice`.
"""

from __future__ import annotations

import shutil
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.pdf import SOFFICE_ENV, ConversionFailed, convert_to_pdf, find_soffice
from tests.parts import in_ci, need  # noqa: F401

from .samples import (
    AS_STATE,
    BODY_END,
    COVENANT_PAGINATION,
    EXAMPLES,
    HERE,
    LONG_DATES,
    NAMES,
    PAGINATION,
    REAL,
    as_state_data,
    body_end_data,
    build_vietnamese_docx,
    covenant_data,
    covenant_pagination_data,
    long_data,
    long_date_data,
    pagination_data,
    write_yaml,
)

POPPLER = ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")


@pytest.fixture(scope="session")
def office() -> str:
    found = find_soffice()
    if not found:
        need("LibreOffice (soffice)", "apt-get install libreoffice-writer-nogui fonts-liberation2")
    return found


@pytest.fixture(scope="session")
def poppler() -> None:
    missing = [tool for tool in POPPLER if not shutil.which(tool)]
    if missing:
        need(", ".join(missing), "apt-get install poppler-utils")


# --- the one batch ------------------------------------------------------------------------


@dataclass
class Batch:
    """The session's documents: DOCX in, PDF out, and why any is missing."""

    docx: dict[str, Path] = field(default_factory=dict)
    pdf: dict[str, Path] = field(default_factory=dict)
    content: dict[str, Path] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> tuple[Path, Path]:
        """(docx, pdf) of `name`; fails the test with the reason when it could not be made."""
        if name in self.errors:
            pytest.fail(f"{name}: {self.errors[name]}")
        if name not in self.pdf:
            pytest.skip(f"{name} is not part of this session's batch")
        return self.docx[name], self.pdf[name]


def _render(content: Path, target: Path) -> None:
    from generator.pipeline import render_content

    target.write_bytes(render_content(content))


@pytest.fixture(scope="session")
def office_batch(office: str, poppler: None, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    src = tmp_path_factory.mktemp("docx")
    out = tmp_path_factory.mktemp("pdf")
    batch = Batch()

    if REAL.is_dir():
        for path in sorted(REAL.glob("*.docx")):
            batch.docx[f"real:{path.stem}"] = Path(shutil.copy(path, src / path.name))
    build_vietnamese_docx(src / "letters.docx")
    batch.docx["built:letters"] = src / "letters.docx"
    # A name with Vietnamese letters and a space must survive the command line.
    odd = src / "văn bản thử.docx"
    shutil.copy(src / "letters.docx", odd)
    batch.docx["built:odd-name"] = odd

    contents = {f"example:{p.stem}": p for p in EXAMPLES}
    contents |= {f"names:{p.stem}": p for p in NAMES}
    derived = [("derived:covenant16", covenant_data()), ("derived:long", long_data())]
    derived += [(name, pagination_data(*args)) for name, args in PAGINATION.items()]
    derived += [(name, as_state_data(stem)) for name, stem in AS_STATE.items()]
    derived += [(name, long_date_data(*args)) for name, args in LONG_DATES.items()]
    derived += [
        (name, covenant_pagination_data(*args)) for name, args in COVENANT_PAGINATION.items()
    ]
    derived += [(name, body_end_data(*args)) for name, args in BODY_END.items()]
    for name, data in derived:
        if data is not None:
            contents[name] = write_yaml(data, src / f"{name.replace(':', '-')}.yaml")
    for name, content in contents.items():
        batch.content[name] = content
        target = src / f"{name.replace(':', '-')}.docx"
        try:
            _render(content, target)
        except Exception as exc:  # reported by the tests of that document
            batch.errors[name] = f"could not render {content}: {exc}"
            continue
        batch.docx[name] = target

    try:
        pdfs = convert_to_pdf(list(batch.docx.values()), out)
    except ConversionFailed as exc:
        failed = {str(p): why for p, why in exc.failed.items()}
        for name, docx in batch.docx.items():
            if str(docx.absolute()) in failed:
                batch.errors[name] = failed[str(docx.absolute())]
        pdfs = [out / (d.stem + ".pdf") for d in batch.docx.values()]
    for (name, _), pdf in zip(batch.docx.items(), pdfs, strict=True):
        if pdf.is_file() and name not in batch.errors:
            batch.pdf[name] = pdf
    return batch


# --- a stand-in for LibreOffice -----------------------------------------------------------


@dataclass
class FakeOffice:
    program: Path
    log: Path

    def calls(self) -> list[dict]:
        import json

        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeOffice:
    """`VANBAN_SOFFICE` pointed at `fake_soffice.py`; inputs say what it should do."""
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{HERE / "fake_soffice.py"}" "$@"\n',
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return FakeOffice(program, log)
