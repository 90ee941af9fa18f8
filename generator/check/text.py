"""Text helpers: NFC, tone-mark placement, case tests and short excerpts.

ND30 itself writes `CỘNG HÒA` and `CỘNG HOÀ`, `ỦY` and `UỶ` (nd30-format.md §2), so
text is compared in a canonical form where the tone mark of `oa`, `oe` and `uy`
sits on the first vowel. The canonical form is for comparing only, never shown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nd30.text import canonical, nfc

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_BLANKS = re.compile(r"\s+")
"""Any run of blanks, line breaks too: an excerpt stays on its report line."""


def collapse(text: str) -> str:
    """Canonical text with runs of blanks made one space, trimmed."""
    return _SPACES.sub(" ", canonical(text)).strip()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Collapsed canonical text, case-folded: for finding parts, not for judging them."""
    return collapse(text).casefold()


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_upper(text: str) -> bool:
    """All letters are capitals (and there is at least one)."""
    found = letters(text)
    return bool(found) and found == found.upper()


def is_title_case(text: str) -> bool:
    """Each word starts with a capital and the text is not all capitals (`Nguyễn Văn A`)."""
    words = [w for w in re.split(r"[\s\-]+", text) if letters(w)]
    if not words:
        return False
    if all(letters(w)[0].isupper() for w in words):
        longer = [letters(w) for w in words if len(letters(w)) > 1]
        return not longer or any(not w.isupper() for w in longer)
    return False


def excerpt(text: str, limit: int = 48) -> str:
    """The text as written (NFC, blanks and line breaks made one space), shortened: what a
    reader sees, never the canonical form the checks compare in."""
    flat = _BLANKS.sub(" ", nfc(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
