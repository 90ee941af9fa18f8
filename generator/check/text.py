"""Text helpers: NFC, tone-mark placement, case tests and short excerpts.

ND30 itself writes `CỘNG HÒA` and `CỘNG HOÀ`, `ỦY` and `UỶ` (nd30-format.md §2), so
text is compared in a canonical form where the tone mark of `oa`, `oe` and `uy`
sits on the first vowel. The canonical form is for comparing only, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# In NFD a tone mark follows its vowel: `oà` is o, a, grave. Moving the mark onto
# the first vowel of the pair gives `òa`, so both placements compare equal.
_PAIR_TONE = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_BLANKS = re.compile(r"\s+")
"""Any run of blanks, line breaks too: an excerpt stays on its report line."""
# Ð (U+00D0, Icelandic eth) is a common stand-in for Đ in old Vietnamese fonts.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=8192)
def canonical(text: str) -> str:
    """NFC text with one tone-mark placement, Đ for Ð, NBSP as space."""
    decomposed = unicodedata.normalize("NFD", text.translate(_ETH))
    moved = _PAIR_TONE.sub(r"\1\3\2", decomposed)
    return nfc(moved).replace("\u00a0", " ")


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
