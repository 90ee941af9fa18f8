"""The paragraphs of a DOCX template, part by part, as docxtpl renders them.

docxtpl renders the body, each header and each footer as its own Jinja
template, so blocks must open and close within one part. Each paragraph is
given with its location (`generator.ooxml.walk`, the checker's too), the text
of its runs (with a key of each run's formatting, to see where Word split a
tag between differently formatted runs) and the chain of elements it sits in
(to see whether a block's tags stand at the same level of the XML).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.ooxml.names import local, w
from generator.ooxml.package import NotDocx, open_docx
from generator.ooxml.walk import Location, paragraphs

__all__ = ["NotDocx", "ParagraphView", "Part", "Segment", "read_parts"]

# Run properties that change nothing a reader sees: Word splits runs on them
# (spell-check language, proofing marks), and docxtpl keeps the first run's anyway.
INVISIBLE_RPR = {"lang", "noProof", "rtl", "cs", "webHidden", "specVanish", "rsid"}
# Containers a paragraph's runs may sit in, read through as if they were not there.
RUN_WRAPPERS = {"hyperlink", "smartTag", "ins", "fldSimple", "sdt", "sdtContent", "customXml"}


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
    rpr = run.find(w("rPr"))
    if rpr is None:
        return ""
    kept = []
    for child in rpr:
        if local(child) in INVISIBLE_RPR or not isinstance(child.tag, str):
            continue
        attrs = sorted((k, v) for k, v in child.attrib.items() if "rsid" not in k)
        kept.append(f"{local(child)}{attrs}")
    return ";".join(sorted(kept))


def _segments(paragraph: etree._Element) -> tuple[Segment, ...]:
    out: list[Segment] = []
    # Keyed by the run itself: an lxml proxy's id() is reused once the proxy is freed.
    runs: dict[etree._Element, int] = {}

    def walk(el: etree._Element, path: tuple[str, ...]) -> None:
        for child in el:
            name = local(child)
            if name == "r":
                index = runs.setdefault(child, len(runs))
                style = _style_key(child)
                for t in child.iter(w("t")):
                    # Text boxes hold paragraphs of their own; they are read as such.
                    if _nearest_paragraph(t) is paragraph and t.text:
                        out.append(Segment(t.text, index, style, path + ("r",)))
            elif name in RUN_WRAPPERS:
                walk(child, path + (name,))

    walk(paragraph, ())
    return tuple(out)


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and local(node) != "p":
        node = node.getparent()
    return node


def read_parts(path: Path | str | bytes) -> list[Part]:
    """The body, then the headers and footers, of a DOCX file; `NotDocx` if it is not one."""
    package = open_docx(path)
    return [
        Part(
            part.kind,
            part.name,
            tuple(
                ParagraphView(placed.location, _segments(placed.element), placed.chain)
                for placed in paragraphs(part.root, part.kind, part.name)
            ),
        )
        for part in package.parts()
    ]
