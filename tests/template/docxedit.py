"""Make broken templates from the shipped ones by editing their XML, as Word would save them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from generator.kinds import REPO_TEMPLATES
from generator.templating.parts import read_parts
from generator.templating.report import Location

DOCUMENT = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def shipped(kind: str = "phat_dong") -> Path:
    return REPO_TEMPLATES / f"{kind}.docx"


def read_part(path: Path, part: str = DOCUMENT) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(part).decode("utf-8")


def edited(
    source: Path, target: Path, *replacements: tuple[str, str], part: str = DOCUMENT
) -> Path:
    """A copy of `source` with `old` → `new` in one part; each `old` must occur exactly once."""
    with zipfile.ZipFile(source) as package:
        files = {name: package.read(name) for name in package.namelist()}
    xml = files[part].decode("utf-8")
    for old, new in replacements:
        assert xml.count(old) == 1, f"{old!r} occurs {xml.count(old)} times in {part}"
        xml = xml.replace(old, new)
    files[part] = xml.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(name, data)
    return target


def run(text: str, rpr: str = "") -> str:
    """A run as Word writes it."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tag_paragraph(text: str) -> str:
    """The paragraph the build script writes for a structural tag."""
    return f"<w:p>{run(text)}</w:p>"


def without_blocks(source: Path, target: Path, opener: str, closer: str = "{%p endfor %}") -> Path:
    """A copy of `source` without every block that starts with a paragraph reading `opener`:
    that paragraph, the ones after it, and the first `closer` paragraph that follows."""
    tree = etree.fromstring(read_part(source).encode("utf-8"))
    for first in [p for p in tree.iter(W + "p") if _text(p) == opener]:
        parent = first.getparent()
        siblings = list(parent)
        start = siblings.index(first)
        for el in siblings[start:]:
            parent.remove(el)
            if el.tag == W + "p" and _text(el) == closer:
                break
    xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    old = read_part(source)
    return edited(source, target, (old, xml.decode("utf-8")))


def without_table(source: Path, target: Path, text: str) -> Path:
    """A copy of `source` without the table holding a paragraph reading `text`."""
    tree = etree.fromstring(read_part(source).encode("utf-8"))
    paragraph = next(p for p in tree.iter(W + "p") if _text(p) == text)
    table = next(a for a in paragraph.iterancestors() if a.tag == W + "tbl")
    table.getparent().remove(table)
    xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    return edited(source, target, (read_part(source), xml.decode("utf-8")))


def locate(path: Path, text: str, part: str = DOCUMENT) -> Location:
    """Where the (only) paragraph reading `text` is, as `template check` reports it."""
    found = [
        p.location
        for each in read_parts(path)
        if each.name == part
        for p in each.paragraphs
        if p.text == text
    ]
    assert len(found) == 1, f"{text!r} found {len(found)} times"
    return found[0]


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(W + "t"))
