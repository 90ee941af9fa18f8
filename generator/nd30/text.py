"""How a string is printed: Unicode form, capitals, blanks as people type them, the end mark,
numbers the Vietnamese way (nd30-format.md §2, §5, §6, §7; content-format.md)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel.numbers import format_decimal


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ND30 itself writes `CỘNG HÒA` and `CỘNG HOÀ`, `ỦY` and `UỶ` (§2), so names are compared
# in a canonical form where the tone mark of `oa`, `oe` and `uy` sits on the first vowel.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# In NFD a tone mark follows its vowel: `oà` is o, a, grave. Moving the mark onto
# the first vowel of the pair gives `òa`, so both placements compare equal.
_PAIR_TONE = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])")
# Ð (U+00D0, Icelandic eth) is a common stand-in for Đ in old Vietnamese fonts.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


@lru_cache(maxsize=8192)
def canonical(text: str) -> str:
    """NFC text with one tone-mark placement, Đ for Ð, NBSP as space."""
    decomposed = unicodedata.normalize("NFD", text.translate(_ETH))
    moved = _PAIR_TONE.sub(r"\1\3\2", decomposed)
    return nfc(moved).replace("\u00a0", " ")


def upper(text: str) -> str:
    """Capitals that keep Vietnamese letters whole (`ủy` → `ỦY`, `đ` → `Đ`), in NFC.

    §2, §5, §7 (P1 II.2b, II.5b, II.7c): issuer names, the document type,
    headings and authority lines are printed in capitals. `str.upper` works on
    code points; a decomposed letter may come back decomposed, so the result is
    recomposed.
    """
    return nfc(nfc(text).upper())


BLANKS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
"""Spaces and tabs as people type or paste them (the no-break and typographic spaces too)."""


def tidy(text: str) -> str:
    """content-format.md "Text as people type it": a run of blanks becomes one space, each
    line and the whole value are trimmed; a line break the author wrote is kept."""
    return "\n".join(BLANKS.sub(" ", line).strip() for line in text.split("\n")).strip()


END_MARK = "./."
"""§6 (P3 templates): the body ends with `./.`."""


def end_mark(text: str, mark: str = END_MARK) -> str:
    """§6 (P3 templates): the body ends with `./.`; a final `.` becomes `./.`.

    A final `;`, `,` or `:` (the end of a list item) is replaced the same way, so
    that the mark never follows other punctuation. `mark` is the regime's (`.` for
    Party documents, regimes.md); a `./.` the author typed then becomes `.`.
    """
    text = text.rstrip()
    if text.endswith(mark) and not (mark != END_MARK and text.endswith(END_MARK)):
        return text
    if text.endswith(END_MARK):
        return text[: -len(END_MARK)].rstrip() + mark
    if text.endswith((".", ";", ",", ":")):
        return text[:-1].rstrip() + mark
    return text + mark


def strip_end_punctuation(text: str) -> str:
    return re.sub(r"[\s;.]+$", "", text)


def count(number: int) -> str:
    """Numbers printed with Vietnamese grouping: `1.500`."""
    return format_decimal(number, locale="vi")


def cell_text(value: object) -> str:
    """content-format.md, Tables: numbers the Vietnamese way, `1.500.000`, `98,5`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_decimal(value, locale="vi")
    return str(value).strip()
