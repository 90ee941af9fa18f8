"""Templates compiled once per process, again when the file changes."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from generator.render.compiled import CompiledTemplate
from generator.render.errors import TemplateRenderError

_COMPILED: dict[tuple[str, int, int], CompiledTemplate] = {}
_COMPILED_LOCK = threading.Lock()


def compiled_template(template: Path | str) -> CompiledTemplate:
    """The compiled form of `template`, compiled once per process (again if the file changes)."""
    path = Path(template)
    name = os.path.abspath(template)  # no symlink resolution: this runs for every document
    try:
        stat = os.stat(name)
    except OSError as exc:
        raise TemplateRenderError(path, f"không đọc được mẫu DOCX: {exc.strerror}") from exc
    key = (name, stat.st_mtime_ns, stat.st_size)
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
        if found is None:
            for stale in [k for k in _COMPILED if k[0] == key[0]]:
                del _COMPILED[stale]
            found = _COMPILED[key] = CompiledTemplate(path)
    return found
