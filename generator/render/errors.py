"""A template that cannot be rendered with its data: the error, with the template's words
near the place Jinja stopped."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import TemplateError


class TemplateRenderError(Exception):
    """The template could not be rendered with the data it was given (a template mistake)."""

    def __init__(self, template: Path | str, message: str, excerpt: str = ""):
        self.template = str(template)
        self.excerpt = excerpt
        super().__init__(f"{template}: {message}" + (f"\n  near: {excerpt}" if excerpt else ""))


def template_line(exc: BaseException) -> int | None:
    """The template line an error happened on: a syntax error says; a runtime error's
    traceback has Jinja's frames for the template code, numbered by template line."""
    line = getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def render_error(template: Path, exc: TemplateError, source: str) -> TemplateRenderError:
    excerpt = ""
    line = template_line(exc)
    if line is not None:
        start = max(line - 4, 0)
        lines = [re.sub(r"<[^>]+>", "", x) for x in source.splitlines()[start : start + 7]]
        excerpt = " ".join(" ".join(lines).split())[:200]
    return TemplateRenderError(template, f"{type(exc).__name__}: {exc}", excerpt)
