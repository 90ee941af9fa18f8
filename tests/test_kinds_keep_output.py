"""The kinds that existed before document structure became data print what they printed.

`tests/reference/documents.zip` holds the `word/document.xml` of every example and
every batch example as the earlier engine (bef6651) rendered them (before kinds described
their structure). Each is compared, paragraph by paragraph and cell by cell, with
what the engine renders now: text, paragraph style, and the run formatting set
directly in the document. Style definitions (`styles.xml`) are not compared: a
maintainer may restyle a template without changing what it says.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.content.load import load_content
from generator.pipeline import render_model

from .batch.conftest import BATCH, run_batch_cli
from .conftest import EXAMPLES

REFERENCE = Path(__file__).parent / "reference" / "documents.zip"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUN_PROPS = ("b", "i", "sz", "u", "caps")


def _run_look(run: etree._Element) -> tuple:
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return ()
    return tuple(
        (p, rpr.find(f"{W}{p}").get(f"{W}val", "on"))
        for p in RUN_PROPS
        if rpr.find(f"{W}{p}") is not None
    )


def _paragraph(p: etree._Element) -> tuple:
    style = p.find(f"{W}pPr/{W}pStyle")
    runs = [
        (("".join(t.text or "" for t in r.iter(f"{W}t"))), _run_look(r)) for r in p.iter(f"{W}r")
    ]
    text = "".join(t for t, _ in runs)
    looks = sorted({look for t, look in runs if t})
    return ("p", style.get(f"{W}val") if style is not None else None, text, tuple(looks))


def outline(document_xml: bytes) -> list[tuple]:
    """The body as a flat list: paragraphs, and tables as rows of cells of paragraphs."""
    body = etree.fromstring(document_xml).find(f"{W}body")
    out: list[tuple] = []

    def walk(parent: etree._Element, depth: int) -> None:
        for child in parent:
            if child.tag == f"{W}p":
                out.append((depth, *_paragraph(child)))
            elif child.tag == f"{W}tbl":
                out.append((depth, "table"))
                for r, row in enumerate(child.iter(f"{W}tr")):
                    cant = row.find(f"{W}trPr/{W}cantSplit") is not None
                    out.append((depth, "row", r, cant))
                    for cell in row.findall(f"{W}tc"):
                        out.append((depth, "cell"))
                        walk(cell, depth + 1)
            elif child.tag == f"{W}sdt":
                walk(child.find(f"{W}sdtContent"), depth)

    walk(body, 0)
    return out


def reference(name: str) -> bytes:
    with zipfile.ZipFile(REFERENCE) as z:
        return z.read(name)


def _docx_xml(data: bytes | Path) -> bytes:
    with zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def _reference_names(prefix: str) -> list[str]:
    with zipfile.ZipFile(REFERENCE) as z:
        return sorted(
            n for n in z.namelist() if n.startswith(prefix) and "/" not in n[len(prefix) :]
        )


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
OLD_KINDS = ("phat_dong", "giao_uoc", "ke_hoach")


LATER_EXAMPLES = (
    "ke-hoach-huyen-uy-dinh-hoa-2024",
    "phat-dong-tinh-doan-2024",
    "giao-uoc-khoi-cac-co-quan-dang-2024",
    "phat-dong-tld-cong-doan-nganh-2024",
    "ke-hoach-mttq-tinh-2024",
)
"""Examples of these kinds written after the reference was taken (regimes, unions, Front)."""


def _old_examples() -> list[Path]:
    return [
        p
        for p in EXAMPLE_FILES
        if p.name.startswith(("phat-dong-", "giao-uoc-", "ke-hoach-"))
        and p.stem not in LATER_EXAMPLES
    ]


def test_every_reference_has_its_example() -> None:
    assert len(_reference_names("")) == 5
    assert len(_old_examples()) == 5
    assert len(_reference_names("batch-phat-dong/")) == 6
    assert len(_reference_names("batch-giao-uoc/")) == 28


def test_the_comparison_sees_a_change_of_text_or_bold() -> None:
    xml = reference("phat_dong-ctdp-31.document.xml")
    assert outline(xml.replace("MỤC ĐÍCH".encode(), "MỤC DICH".encode())) != outline(xml)
    assert outline(xml.replace(b"SectionHeading", b"BodyText")) != outline(xml)


@pytest.mark.parametrize("path", _old_examples(), ids=lambda p: p.stem)
def test_example_prints_as_before(path: Path) -> None:
    rendered = render_model(load_content(path))
    assert rendered.kind.name in OLD_KINDS
    name = f"{rendered.default_stem()}.document.xml"
    assert outline(_docx_xml(rendered.docx)) == outline(reference(name))


@pytest.mark.parametrize(
    ("master", "data", "folder", "pattern"),
    [
        ("phat-dong-master.yaml", "units.csv", "batch-phat-dong", "{kind}-{place}-{number}"),
        ("giao-uoc-master.yaml", "blocs.yaml", "batch-giao-uoc", None),
    ],
)
def test_batch_examples_print_as_before(
    tmp_path: Path, master: str, data: str, folder: str, pattern: str | None
) -> None:
    args = ["--data", BATCH / data, "--out-dir", tmp_path] + (
        ["--name", pattern] if pattern else []
    )
    result = run_batch_cli(BATCH / master, *args)
    assert result.exit_code == 0, result.stderr
    names = _reference_names(f"{folder}/")
    assert sorted(p.stem + ".document.xml" for p in tmp_path.glob("*.docx")) == [
        n.split("/")[1] for n in names
    ]
    for name in names:
        produced = tmp_path / name.split("/")[1].replace(".document.xml", ".docx")
        assert outline(_docx_xml(produced)) == outline(reference(name)), name
