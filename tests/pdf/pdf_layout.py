"""Read what LibreOffice put on the page: words with positions, fonts, and DOCX text to compare.

Positions come from `pdftotext -bbox-layout` (XHTML, points from the top-left
corner). pdftotext may join words of two table cells standing on the same
height into one line, so lines are cut into segments wherever the gap between
two words is wider than a few spaces.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
GAP = 12.0
"""Points between two words beyond which they belong to different segments (columns)."""


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Segment:
    """Words on one line, close together: one line of one table cell or paragraph."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    segments: tuple[Segment, ...]

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    def find(self, text: str, *, whole: bool = False) -> list[Segment]:
        """Segments that contain `text` (or are just that, with `whole`).

        Case, spacing and the placement of tone marks (`HÒA`/`HOÀ`) do not count.
        """
        wanted = norm(text)
        if whole:
            return [s for s in self.segments if norm(s.text) == wanted]
        return [s for s in self.segments if wanted in norm(s.text)]


def norm(text: str) -> str:
    """Compare text the way a reader would: NFC, single spaces, case folded, one tone placement."""
    text = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    for old, new in (
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ):
        text = text.replace(old, new)
    return text


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120).stdout


@cache
def layout(pdf: Path) -> tuple[Page, ...]:
    """Every page of `pdf` with its text segments, top to bottom."""
    xml = _run("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-")
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for n, page in enumerate(root.iter(f"{XHTML}page"), 1):
        segments: list[Segment] = []
        for line in page.iter(f"{XHTML}line"):
            words = [
                Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                for w in line.iter(f"{XHTML}word")
            ]
            words.sort(key=lambda w: w.x0)
            current: list[Word] = []
            for word in words:
                if current and word.x0 - current[-1].x1 > GAP:
                    segments.append(Segment(tuple(current)))
                    current = []
                current.append(word)
            if current:
                segments.append(Segment(tuple(current)))
        segments.sort(key=lambda s: (round(s.y0), s.x0))
        pages.append(Page(n, float(page.get("width")), float(page.get("height")), tuple(segments)))
    return tuple(pages)


def pdf_text(pdf: Path) -> str:
    return _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")


def pdf_words(pdf: Path) -> str:
    """The words pdftotext finds, one line per segment.

    Taken from the word boxes rather than from plain `pdftotext`, whose reading-order
    pass glues runs of one-letter words together even though their boxes are apart.
    """
    return "\n".join(s.text for page in layout(pdf) for s in page.segments)


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts(pdf: Path) -> list[Font]:
    """The fonts `pdffonts` lists (columns are found from the dashes under the header)."""
    lines = _run("pdffonts", str(pdf)).splitlines()
    if len(lines) < 2:
        return []
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    out = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in spans[:-1]] + [line[spans[-1][0] :].strip()]
        out.append(Font(cells[0], cells[1], cells[3] == "yes"))
    return out


TOKEN_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def tokens(text: str) -> Counter[str]:
    """The words of `text` that contain a letter, stripped of surrounding punctuation."""
    out: Counter[str] = Counter()
    for raw in text.split():
        word = TOKEN_EDGE.sub("", raw)
        if any(ch.isalpha() for ch in word):
            out[word.casefold()] += 1
    return out


def repeated_header_text(docx: Path) -> str:
    """The text of table rows marked to repeat on every page (`w:tblHeader`): LibreOffice
    prints them again at the top of each page the table runs onto."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    rows = [r for r in root.iter(f"{W}tr") if r.find(f"{W}trPr/{W}tblHeader") is not None]
    return "\n".join(
        "".join(t.text or "" for t in p.iter(f"{W}t")) for r in rows for p in r.iter(f"{W}p")
    )


def docx_text(docx: Path) -> str:
    """The text of a DOCX body as Word shows it: paragraphs on lines, tabs and breaks as spaces.

    The VML fallback copies of drawings (`mc:Fallback`) are left out: they repeat
    the text of the drawing they stand in for. Hidden runs are left out too.
    """
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lines = []
    for para in root.iter(f"{W}p"):
        if _in_fallback(para):
            continue
        parts = []
        for el in para.iter(f"{W}t", f"{W}tab", f"{W}br"):
            if _nearest_paragraph(el) != para or _hidden(el):
                continue  # nested paragraphs (text boxes) are counted on their own
            text = (el.text or "") if el.tag == f"{W}t" else " "
            if _raised(el):  # a superscript stands apart from its word on the page
                text = f" {text} "
            parts.append(text)
        lines.append("".join(parts))
    return "\n".join(lines)


def _in_fallback(el: etree._Element) -> bool:
    return any(a.tag == MC_FALLBACK for a in el.iterancestors())


def _raised(el: etree._Element) -> bool:
    run = el.getparent()
    align = run.find(f"{W}rPr/{W}vertAlign") if run is not None else None
    return align is not None and align.get(f"{W}val") in ("superscript", "subscript")


def _hidden(el: etree._Element) -> bool:
    run = el.getparent()
    return run is not None and run.find(f"{W}rPr/{W}vanish") is not None


def _nearest_paragraph(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors(f"{W}p"), None)
