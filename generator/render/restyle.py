"""The hook by which a regime restyles a template: an unchanging part (its styles) changed
once per regime and kept deflated, to stand in for the template's own in every document."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Hashable

from generator.render.zip_writer import ZipMember

STYLES_PART = "word/styles.xml"


class Variants:
    """The changed forms of the parts of one saved package, each made once per key.

    Made under a lock: threads rendering the same template may ask at once.
    """

    def __init__(self, saved: bytes):
        self._saved = saved
        self._made: dict[tuple[str, Hashable], ZipMember] = {}
        self._lock = threading.Lock()

    def get(self, name: str, key: Hashable, change: Callable[[bytes], bytes]) -> ZipMember:
        """Part `name` as `change` makes it, deflated; `key` stands for `change`."""
        with self._lock:
            found = self._made.get((name, key))
            if found is None:
                with zipfile.ZipFile(io.BytesIO(self._saved)) as package:
                    original = package.read(name)
                found = self._made[(name, key)] = ZipMember.deflate(name, change(original))
        return found
