"""Render a kind's DOCX template with prepared strings: safely, reproducibly and fast.

- `environment`: the one Jinja environment, sandboxed, autoescaping and strict;
- `compiled`: a template read, patched and compiled once, rendered for any number
  of contexts (`tagged_part` for its Jinja-bearing parts, `well_formed` for the
  parts whose output needs no parsing, `document_part` for the body's frame);
- `cache`: one compiled form per template file and process;
- `zip_writer`: the package written with fixed timestamps and part order;
- `restyle`: a regime's change to the styles part, made once per regime;
- `errors`: the error a template mistake gives, with the words near it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from generator.render.cache import compiled_template
from generator.render.errors import TemplateRenderError
from generator.render.restyle import STYLES_PART

__all__ = ["TemplateRenderError", "render_docx"]


def render_docx(
    template: Path,
    context: dict[str, Any],
    restyle: tuple[Hashable, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """Render `template` with `context` and return the DOCX bytes; `restyle` (a key and a
    change) changes its styles part, as a regime's sizes do (generator/regime_styles.py)."""
    compiled = compiled_template(template)
    if restyle is None:
        return compiled.render(context)
    key, change = restyle
    return compiled.render(context, compiled.variant(STYLES_PART, key, change))
