"""The body's numbering and its lines: sections, khoản and điểm, articles, căn cứ, the
proposal line and the decision line (nd30-format.md §6, §13)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.nd30.text import strip_end_punctuation, upper

VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
"""§6 (P1 II.6đ): điểm are lettered in Vietnamese alphabet order."""


def roman(number: int) -> str:
    """§6 (P1 Mục V b): sections are numbered with Roman numerals (`I`, `IV`, `XII`)."""
    if not 1 <= number <= 3999:
        raise ValueError(f"no Roman numeral for {number}")
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def vietnamese_letter(index: int) -> str:
    """§6 (P1 II.6đ): the letter of the `index`-th điểm (0-based): a, b, c, d, đ, e, g …

    The alphabet has 23 letters; past `y` the letters are doubled (`aa`, `bb`, …),
    as long lists are lettered in practice.
    """
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[index % count] * (index // count + 1)


def section_heading(index: int, heading: str) -> str:
    """§6 (P1 Mục V b): `I. MỤC ĐÍCH, YÊU CẦU`: Roman numeral, dot, heading in capitals."""
    return f"{roman(index)}. {upper(heading.strip())}"


def item_label(level: int, index: int, bullets: bool = False) -> str:
    """§6 (P1 II.6đ): khoản `1.`, điểm `a)`, then `-` bullets (⚠ practice) at the third level."""
    if level == 0:
        return f"{index + 1}."
    if level == 1 and not bullets:
        return f"{vietnamese_letter(index)})"
    return "-"


def article_label(index: int) -> str:
    """§6 (P1 II.6đ): `Điều 1.`: the word, an Arabic number and a dot, in bold."""
    return f"Điều {index + 1}."


DECISION_LINE = "QUYẾT ĐỊNH:"
"""§13 (P3 Mẫu 1.2): the line before a decision's articles, capitals, bold, centred."""


def basis_lines(bases: Sequence[str]) -> list[str]:
    """§6 (P1 II.6a): one căn cứ per line, each ending `;`, the last ending `.`."""
    lines = [strip_end_punctuation(b) for b in bases]
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


def basis_lines_before(bases: Sequence[str], more_follows: bool) -> list[str]:
    """§6 with §13: with a proposal line after them, the last căn cứ ends `;` like the others."""
    lines = basis_lines(bases)
    if more_follows and lines:
        lines[-1] = lines[-1][:-1] + ";"
    return lines


def proposal_line(text: str) -> str:
    """§13 (P3 Mẫu 1.2): `Theo đề nghị của ….`, a `.` added when it has no end punctuation."""
    text = text.strip()
    return text if text.endswith((".", ",", ";", ":")) else text + "."


def dashed(lines: Sequence[str], dash: str) -> list[str]:
    """Each line after `dash` (`- Căn cứ …;` in Party documents, regimes.md), never `- - `;
    lines unchanged when there is none (the state's căn cứ)."""
    if not dash:
        return list(lines)
    return [dash + re.sub(r"^\s*[-–—]\s*", "", line) for line in lines]
