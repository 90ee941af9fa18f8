"""Reading a produced DOCX the way Word shows it: text of each part, effective formatting.

Tests assert on what the file says, never on the strings the program prepared.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes | Path) -> DocumentObject:
    return Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _first(values):
    return next((v for v in values if v is not None), None)


@dataclass(frozen=True)
class Look:
    """The effective formatting of a paragraph's text, resolved through styles to the defaults."""

    text: str
    font: str | None
    size: float | None
    bold: bool
    italic: bool
    alignment: WD_ALIGN_PARAGRAPH | None
    first_line_cm: float
    space_before_pt: float
    space_after_pt: float
    line_spacing: float | None


def _defaults(doc: DocumentObject):
    rpr = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    return rpr


def _default_font(doc: DocumentObject) -> tuple[str | None, float | None]:
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    defaults = _defaults(doc)
    font = size = None
    if defaults is not None:
        fonts = defaults.find(f".//{ns}rFonts")
        sz = defaults.find(f".//{ns}sz")
        font = fonts.get(f"{ns}ascii") if fonts is not None else None
        size = int(sz.get(f"{ns}val")) / 2 if sz is not None else None
    return font, size


def look(doc: DocumentObject, paragraph: Paragraph) -> Look:
    """Formatting of the paragraph's runs (all runs must agree; a mix is reported as None)."""
    chain = list(_style_chain(paragraph.style))
    default_font, default_size = _default_font(doc)
    runs = [r for r in paragraph.runs if r.text]

    def run_value(run, attr):
        return _first([getattr(run.font, attr)] + [getattr(s.font, attr) for s in chain])

    def agreed(attr, default=None):
        values = {run_value(r, attr) for r in runs} or {
            _first(getattr(s.font, attr) for s in chain)
        }
        value = values.pop() if len(values) == 1 else "mixed"
        return default if value is None else value

    size = agreed("size")
    pf = [paragraph.paragraph_format] + [s.paragraph_format for s in chain]
    first = _first(p.first_line_indent for p in pf)
    before = _first(p.space_before for p in pf)
    after = _first(p.space_after for p in pf)
    line = _first(p.line_spacing for p in pf)
    return Look(
        text=paragraph.text,
        font=agreed("name", default_font),
        size=default_size if size is None else (size if size == "mixed" else size.pt),
        bold=bool(agreed("bold", False)),
        italic=bool(agreed("italic", False)),
        alignment=_first(p.alignment for p in pf),
        first_line_cm=first.cm if first is not None else 0.0,
        space_before_pt=before.pt if before is not None else 0.0,
        space_after_pt=after.pt if after is not None else 0.0,
        line_spacing=line if isinstance(line, float) or line is None else line.pt,
    )


def body_paragraphs(doc: DocumentObject) -> list[Paragraph]:
    """Paragraphs of the body outside tables, in order, with text."""
    return [p for p in doc.paragraphs if p.text.strip()]


def all_paragraphs(doc: DocumentObject) -> list[Paragraph]:
    """Paragraphs with text, body and tables, in document order."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paras = (Paragraph(p, doc) for p in doc.element.body.iter(f"{ns}p"))
    return [p for p in paras if p.text.strip()]


def cell_paragraphs(table: Table, row: int, col: int) -> list[Paragraph]:
    return [p for p in table.cell(row, col).paragraphs if p.text.strip()]


def all_text(doc: DocumentObject) -> str:
    """Every paragraph's text, body and tables, in document order."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for p in doc.element.body.iter(f"{ns}p"):
        out.append(Paragraph(p, doc).text)
    return "\n".join(out)


def with_narrow_margin(data: bytes) -> bytes:
    """The same document with a 10 mm left margin (nd30 wants 30–35 mm): one the checker
    must refuse, made from a document that passes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b'w:left="1701"', b'w:left="567"')
            target.writestr(item, body)
    return out.getvalue()
