"""Who receives the document: the `Kính gửi` lines, `Nơi nhận`, the archive line and the
drafter's mark (nd30-format.md §8, §9)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from generator.nd30.text import count, strip_end_punctuation, upper


def recipient_text(text: str) -> str:
    """What an author wrote as a recipient, less the dash and end mark the format adds."""
    text = re.sub(r"^\s*[-–—]\s*", "", text)
    return strip_end_punctuation(text)


def recipient_line(text: str) -> str:
    """§8 (P1 II.9d): `- <recipient>;`, never `;;` or `.;`."""
    return f"- {recipient_text(text)};"


def recipient_lines(recipients: Sequence[str], archive_line_text: str) -> list[str]:
    """§8: every recipient line, then the archive line last."""
    return [recipient_line(r) for r in recipients] + [archive_line_text]


ARCHIVE_FIRST = "VT"
"""§8 (P1 II.9d): the archive line starts with the Văn thư (VT)."""


STATE_ARCHIVE = "- Lưu: {units}."


def archive_line(
    archive: Iterable[str],
    drafter: str | None = None,
    pattern: str = STATE_ARCHIVE,
    first: str | None = ARCHIVE_FIRST,
    empty: str | None = None,
) -> str:
    """§8 (P1 II.9d): `- Lưu: VT, VP, CĐC.`: `VT` first and only once, ending with `.`.

    The drafter mark, when there is one, ends the line after a full stop, as the
    P3 templates place it (`- Lưu: VT, …(9). …(10).`): `- Lưu: VT, VP. ĐXT(30).`
    `pattern`, `first` and `empty` are the regime's (regimes.md): a Party document
    prints `- Lưu Văn phòng Huyện ủy.`, no colon and no `VT`.
    """
    units = [first] if first else []
    for unit in archive:
        unit = strip_end_punctuation(unit.strip()).strip(", ")
        if unit and (not first or unit.upper() != first) and unit not in units:
            units.append(unit)
    if not units and empty:
        units = [empty]
    line = pattern.replace("{units}", ", ".join(units))
    return f"{line} {drafter}." if drafter else line


def drafter_mark(initials: str, copies: int | None) -> str:
    """§9 (P1 III.3, P3): drafter's initials in capitals and the number of copies: `ĐXT(30)`."""
    mark = upper(initials.strip())
    return f"{mark}({count(copies)})" if copies else mark


ADDRESSEE_WORD = "Kính gửi:"


ALONG_WITH = "Như trên"


def addressee_lines(addressees: Sequence[str]) -> list[str]:
    """§8 (P1 II.9b, Mục V): one addressee on the `Kính gửi:` line with no end mark; several
    one to a line, `- …;`, the last ending `.`, the dashes aligned under the colon's right.

    Each line is a paragraph with a hanging indent as wide as `Kính gửi: `; a tab starts
    every name, so the first follows `Kính gửi:` and the others stand under it.
    """
    names = [strip_end_punctuation(re.sub(r"^\s*[-–—]\s*", "", a)) for a in addressees]
    if len(names) == 1:
        return [f"{ADDRESSEE_WORD}\t{names[0]}"]
    lines = [f"- {n}" + ("." if i == len(names) - 1 else ";") for i, n in enumerate(names)]
    return [f"{ADDRESSEE_WORD}\t{lines[0]}", *(f"\t{line}" for line in lines[1:])]


def with_along(recipients: Sequence[str], addressees: Sequence[str]) -> list[str]:
    """§8 (P1 II.9b): a document with `Kính gửi` lists `Như trên` first under `Nơi nhận`."""
    if not addressees or any(recipient_text(r).lower() == ALONG_WITH.lower() for r in recipients):
        return list(recipients)
    return [ALONG_WITH, *recipients]
