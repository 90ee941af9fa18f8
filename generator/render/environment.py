"""The one Jinja environment templates are rendered in: sandboxed, autoescaping, strict.

docxtpl's defaults are not kept: autoescape is on (a `&` in content would
otherwise make a DOCX Word calls corrupt), undefined names are errors, and the
environment is sandboxed, so a value that looks like a tag or like XML is
printed as text.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, remembering which attributes are safe to read.

    Whether an attribute may be read depends only on the object's type and the
    attribute's name (`is_internal_attribute`, `modifies_known_mutable`), and a
    template reads the same few attributes thousands of times per batch.
    """

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


def as_text(value: Any) -> Markup:
    """Every value a template prints, as XML text that nothing after Jinja can reinterpret.

    Escaping makes `<b>` and `&` text. Braces become character references as
    well, because docxtpl turns `{_{` back into `{{` after rendering; a value
    must reach the document exactly as it was written.
    """
    if isinstance(value, Markup):
        return value
    text = escape(value)
    if "{" in text or "}" in text:
        text = Markup(str(text).replace("{", "&#123;").replace("}", "&#125;"))
    return text


def make_environment() -> ImmutableSandboxedEnvironment:
    """The one Jinja environment templates are rendered in."""
    return _Environment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=as_text,
    )
