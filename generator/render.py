"""Render a kind's DOCX template with prepared strings, safely.

docxtpl's defaults are not kept: autoescape is on (a `&` in content would
otherwise make a DOCX Word calls corrupt), undefined names are errors, and the
Jinja environment is sandboxed, so a value that looks like a tag or like XML
is printed as text. A `DocxTemplate` is used once and thrown away, because it
cannot be safely rendered twice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class TemplateRenderError(Exception):
    """The template could not be rendered with the data it was given (a template mistake)."""

    def __init__(self, template: Path | str, message: str, excerpt: str = ""):
        self.template = str(template)
        self.excerpt = excerpt
        super().__init__(f"{template}: {message}" + (f"\n  near: {excerpt}" if excerpt else ""))


def as_text(value: Any) -> Markup:
    """Every value a template prints, as XML text that nothing after Jinja can reinterpret.

    Escaping makes `<b>` and `&` text. Braces become character references as
    well, because docxtpl turns `{_{` back into `{{` after rendering; a value
    must reach the document exactly as it was written.
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


def make_environment() -> ImmutableSandboxedEnvironment:
    """The one Jinja environment templates are rendered in."""
    return ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=as_text,
    )


def normalise_package(docx: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and part order, so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """Render `template` with `context` and return the DOCX bytes."""
    document = DocxTemplate(str(template))
    try:
        document.render(context, jinja_env=make_environment(), autoescape=True)
    except TemplateError as exc:
        excerpt = " ".join(" ".join(getattr(exc, "docx_context", [])).split())[:200]
        raise TemplateRenderError(template, f"{type(exc).__name__}: {exc}", excerpt) from exc
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue())
