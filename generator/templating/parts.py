"""The paragraphs of a DOCX template, part by part, as docxtpl renders them.

docxtpl renders the body, each header and each footer as its own Jinja
template, so blocks must open and close within one part. Each paragraph is
given with its location, the text of its runs (with a key of each run's
formatting, to see where Word split a tag between differently formatted runs)
and the chain of elements it sits in (to see whether a block's tags stand at
the same level of the XML).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.limits import LimitExceeded
from generator.templating.report import Location
from generator.zipguard import BadPackage, check_package, verify_members

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"

# Run properties that change nothing a reader sees: Word splits runs on them
# (spell-check language, proofing marks), and docxtpl keeps the first run's anyway.
INVISIBLE_RPR = {"lang", "noProof", "rtl", "cs", "webHidden", "specVanish", "rsid"}
# Containers a paragraph's runs may sit in, read through as if they were not there.
RUN_WRAPPERS = {"hyperlink", "smartTag", "ins", "fldSimple", "sdt", "sdtContent", "customXml"}


class NotDocx(Exception):
    """The file is not a Word document (not a zip, or no main document part)."""


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass(frozen=True)
class Segment:
    """The text of one `w:t`, with what it sits in and how its run is formatted."""

    text: str
    run: int
    """Index of its run in the paragraph."""
    style: str
    """A key of the run's visible formatting; equal keys look the same."""
    path: tuple[str, ...]
    """Elements from the paragraph down to the run, e.g. `('r',)` or `('hyperlink', 'r')`."""


@dataclass(frozen=True)
class ParagraphView:
    location: Location
    segments: tuple[Segment, ...]
    chain: tuple[str, ...]
    """Elements from the part's root down to (not including) the paragraph: `('body',)`,
    `('body', 'tbl', 'tr', 'tc')`."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    def segment_at(self, offset: int) -> Segment:
        """The segment holding the character at `offset`."""
        pos = 0
        for seg in self.segments:
            if pos + len(seg.text) > offset:
                return seg
            pos += len(seg.text)
        return self.segments[-1]

    def pieces(self, start: int, end: int) -> list[tuple[str, Segment]]:
        """The text between `start` and `end`, cut where it crosses from one run to another."""
        out: list[tuple[str, Segment]] = []
        pos = 0
        for seg in self.segments:
            lo, hi = max(start, pos), min(end, pos + len(seg.text))
            if lo < hi:
                if out and out[-1][1].run == seg.run:
                    out[-1] = (out[-1][0] + seg.text[lo - pos : hi - pos], out[-1][1])
                else:
                    out.append((seg.text[lo - pos : hi - pos], seg))
            pos += len(seg.text)
        return out


@dataclass(frozen=True)
class Part:
    kind: str
    """`body`, `header` or `footer`."""
    name: str
    paragraphs: tuple[ParagraphView, ...]


def _style_key(run: etree._Element) -> str:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        return ""
    kept = []
    for child in rpr:
        if _local(child) in INVISIBLE_RPR or not isinstance(child.tag, str):
            continue
        attrs = sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)
        kept.append(f"{_local(child)}{attrs}")
    return ";".join(sorted(kept))


def _segments(paragraph: etree._Element) -> tuple[Segment, ...]:
    out: list[Segment] = []
    runs: dict[int, int] = {}

    def walk(el: etree._Element, path: tuple[str, ...]) -> None:
        for child in el:
            name = _local(child)
            if name == "r":
                index = runs.setdefault(id(child), len(runs))
                style = _style_key(child)
                for t in child.iter(_w("t")):
                    # Text boxes hold paragraphs of their own; they are read as such.
                    if _nearest_paragraph(t) is paragraph and t.text:
                        out.append(Segment(t.text, index, style, path + ("r",)))
            elif name in RUN_WRAPPERS:
                walk(child, path + (name,))

    walk(paragraph, ())
    return tuple(out)


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and _local(node) != "p":
        node = node.getparent()
    return node


def _paragraphs(root: etree._Element, kind: str, name: str) -> Iterator[ParagraphView]:
    top = {"paragraph": 0, "table": 0}

    def cell_paragraphs(
        tc: etree._Element, chain: tuple[str, ...], where: dict[str, int]
    ) -> Iterator[ParagraphView]:
        count = 0
        for el in _block_children(tc):
            if _local(el) == "p":
                count += 1
                yield ParagraphView(
                    Location(kind, name, paragraph=count, **where), _segments(el), chain
                )
            elif _local(el) == "tbl":
                # A nested table is reported at the cell of the outer one.
                for tr in el.iter(_w("tr")):
                    for inner in tr.iter(_w("tc")):
                        for p in _block_children(inner):
                            if _local(p) == "p":
                                count += 1
                                yield ParagraphView(
                                    Location(kind, name, paragraph=count, **where),
                                    _segments(p),
                                    chain + ("tbl", "tr", "tc"),
                                )

    for el in _block_children(root):
        local = _local(el)
        if local == "p":
            top["paragraph"] += 1
            yield ParagraphView(
                Location(kind, name, paragraph=top["paragraph"]), _segments(el), (_local(root),)
            )
        elif local == "tbl":
            top["table"] += 1
            rows = [r for r in el if _local(r) == "tr"]
            for r_index, tr in enumerate(rows, start=1):
                cells = [c for c in _block_children(tr) if _local(c) == "tc"]
                for c_index, tc in enumerate(cells, start=1):
                    where = {"table": top["table"], "row": r_index, "column": c_index}
                    yield from cell_paragraphs(tc, (_local(root), "tbl", "tr", "tc"), where)


def _block_children(el: etree._Element) -> Iterator[etree._Element]:
    """Children, reading through content controls (`w:sdt`) as Word shows them."""
    for child in el:
        if _local(child) in ("sdt", "sdtContent", "customXml"):
            yield from _block_children(child)
        else:
            yield child


def _rels(package: zipfile.ZipFile, source: str) -> list[tuple[str, str]]:
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in package.namelist():
        return []
    try:
        root = etree.fromstring(package.read(rels_name))
    except etree.XMLSyntaxError as exc:
        raise NotDocx(f"phần {rels_name} không phải XML hợp lệ: {exc}") from exc
    out = []
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        out.append((rel.get("Type", ""), target.lstrip("/")))
    return out


def read_parts(path: Path | str | bytes) -> list[Part]:
    """The body, then the headers and footers, of a DOCX file (bounded and read whole first)."""
    try:
        check_package(path if isinstance(path, (str, Path)) else bytes(path))
        verify_members(path if isinstance(path, (str, Path)) else bytes(path))
    except (BadPackage, LimitExceeded) as exc:
        raise NotDocx(f"không phải tệp DOCX đọc được: {exc}") from exc
    try:
        package = zipfile.ZipFile(path if isinstance(path, (str, Path)) else io.BytesIO(path))
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotDocx("không phải tệp DOCX (không đọc được như một gói zip)") from exc
    with package:
        main = next((t for kind, t in _rels(package, "") if kind == OFFICE_DOC), None)
        if main is None or main not in package.namelist():
            raise NotDocx("không phải tệp DOCX (thiếu phần word/document.xml)")
        sources = [("body", main)]
        for kind, target in sorted(_rels(package, main), key=lambda r: r[1]):
            if kind in (HEADER_REL, FOOTER_REL) and target in package.namelist():
                sources.append(("header" if kind == HEADER_REL else "footer", target))
        parts = []
        for kind, name in sources:
            try:
                root = etree.fromstring(package.read(name))
            except etree.XMLSyntaxError as exc:
                raise NotDocx(f"phần {name} không phải XML hợp lệ: {exc}") from exc
            if kind == "body":
                body = root.find(_w("body"))
                if root.tag != _w("document") or body is None:
                    raise NotDocx(f"không phải tệp DOCX ({name} không phải văn bản Word)")
                root = body
            parts.append(Part(kind, name, tuple(_paragraphs(root, kind, name))))
        return parts
