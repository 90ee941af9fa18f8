"""What the page and the API do with one content: validate, render, convert, draw a page.

Every step is the library's: `load_content_text` checks the content, `produce.make`
renders and checks the bytes, the office pool makes the PDF, `preview.page_png`
draws a page. PDFs are kept for the last few documents (by the DOCX's hash), so
turning the preview's pages does not convert the document again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from generator.content.model import Content
from generator.diagnostics import Diagnostic
from generator.kinds import KindError
from generator.office_pool import OfficePool
from generator.preview import page_png
from generator.problems import Problem
from generator.produce import NotConformant, Product, make
from generator.render import TemplateRenderError
from generator.web.content_io import CONTENT_NAME, load

PDF_CACHE = 16


class Refused(Exception):
    """The content cannot become a document: its problems, for the page and the API."""

    def __init__(self, problems: list[Diagnostic]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _conformance_problems(exc: NotConformant) -> list[Diagnostic]:
    problems = exc.report.diagnostics()
    problems.append(
        Problem(
            CONTENT_NAME,
            None,
            None,
            "",
            "văn bản tạo ra không đạt thể thức nên không được tạo",
            "sửa nội dung; nếu vẫn lỗi, báo người quản lý mẫu",
            code="render.not_conformant",
        )
    )
    return problems


def product(text: str) -> Product:
    """Validate and render content text as `vanban render` does (checked).

    Raises `ContentError` for mistakes in the content, `Refused` when the document
    cannot be made from it."""
    content: Content = load(text)
    try:
        return make(content, name=CONTENT_NAME)
    except NotConformant as exc:
        raise Refused(_conformance_problems(exc)) from exc
    except (KindError, TemplateRenderError) as exc:
        raise Refused(
            [Problem(CONTENT_NAME, None, None, "kind", str(exc), code="render.template")]
        ) from exc


@dataclass
class Page:
    png: bytes
    page: int
    pages: int


class Documents:
    """PDFs and page images through one warm office pool, shared by all requests."""

    def __init__(self, pool: OfficePool, dpi: int = 80):
        self.pool = pool
        self.dpi = dpi
        self._pdfs: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def pdf(self, made: Product) -> bytes:
        key = hashlib.sha256(made.docx).hexdigest()
        with self._lock:
            if key in self._pdfs:
                self._pdfs.move_to_end(key)
                return self._pdfs[key]
        pdf = self.pool.to_pdf(made.docx, made.default_stem())
        with self._lock:
            self._pdfs[key] = pdf
            while len(self._pdfs) > PDF_CACHE:
                self._pdfs.popitem(last=False)
        return pdf

    def page(self, made: Product, page: int) -> Page:
        png, pages = page_png(self.pdf(made), page, self.dpi)
        return Page(png, page, pages)
