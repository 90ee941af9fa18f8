"""A Jinja-bearing XML part of a template: patched and compiled once, rendered per document
the way docxtpl's `render_xml_part` renders it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.render.errors import render_error
from generator.render.well_formed import always_well_formed

JINJA_MARK = re.compile(r"\{[{%#]")
"""A part holding any Jinja tag is compiled; one holding none is rendered once."""

# `render_xml_part` puts each paragraph on its own line so that Jinja error line
# numbers mean something, and takes the line breaks out again afterwards.
_SPLIT_PARAGRAPHS = re.compile(r"<w:p([ >])")
_ESCAPED_TAGS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
# `resolve_listing` only turns these characters into runs, breaks and paragraphs;
# XML without any of them comes out of it unchanged, so its regexes can be skipped.
_LISTING_CHARS = re.compile(r"[\t\a\n\f]")
# A line break in a value (a name broken into lines) is the common case: it becomes a
# `w:br` inside its run, as `resolve_listing` makes it, without its nested passes over
# every paragraph and run.
_OTHER_LISTING_CHARS = ("\t", "\a", "\f")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def _line_breaks(xml: str) -> str | None:
    """`xml` with each `\\n` made a `w:br`, when every one stands in the text of a `w:t`
    (what `resolve_listing` gives then); None when one stands anywhere else."""
    pieces = xml.split("\n")
    for before, after in zip(pieces, pieces[1:], strict=False):
        if "<" in before:  # else the text goes on from the previous break
            tag = before[before.rfind("<") :]
            if not tag.startswith(("<w:t>", "<w:t ")):
                return None
        if "<" in after and not after[after.find("<") :].startswith("</w:t>"):
            return None
    if "<" not in pieces[0] or "<" not in pieces[-1]:
        return None
    return _BREAK.join(pieces)


class TaggedPart:
    """A Jinja-bearing XML part: its patched source and the template compiled from it."""

    def __init__(
        self, environment: ImmutableSandboxedEnvironment, template_path: Path, patched: str
    ):
        self.source = _SPLIT_PARAGRAPHS.sub(r"\n<w:p\1", patched)
        try:
            self.template: Template = environment.from_string(self.source)
        except TemplateError as exc:
            raise render_error(template_path, exc, self.source) from exc
        self.direct = always_well_formed(patched, environment)
        """Its output needs no parsing: see `always_well_formed`."""

    def render(self, context: dict[str, Any], template_path: Path, helper: DocxTemplate) -> str:
        """docxtpl's `render_xml_part`, with the template compiled beforehand."""
        try:
            xml = self.template.render(context)
        except TemplateError as exc:
            raise render_error(template_path, exc, self.source) from exc
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped, tag in _ESCAPED_TAGS:
            xml = xml.replace(escaped, tag)
        if not _LISTING_CHARS.search(xml):
            return xml
        other = any(ch in xml for ch in _OTHER_LISTING_CHARS)
        broken = None if other else _line_breaks(xml)
        return broken if broken is not None else helper.resolve_listing(xml)
