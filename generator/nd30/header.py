"""The parts above the body: the number and symbol, the place and date, the summary, the
lines ruled under the issuer and the summary, the urgency mark, the motto and the annex's
reference (nd30-format.md §2–§5, §9)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from generator.metrics import text_width_pt, widest_line_pt
from generator.nd30.text import nfc, upper

BLANK = "      "
"""What is left for the clerk to fill by hand: a number or a day and month."""


def pad_day(day: int) -> str:
    """§4 (P1 II.4b): days below 10 take a leading zero (`05`)."""
    return f"{day:02d}"


def pad_month(month: int) -> str:
    """§4 (P1 II.4b): months 1 and 2 take a leading zero; months 3–12 never do."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, year: int) -> str:
    """§4 (P1 II.4a-c): `Hà Nội, ngày 05 tháng 01 năm 2024`.

    With no date, the day and month are left blank for the clerk, and `year`
    is printed. Babel is not used: the locale's date format pads every month.
    """
    return f"{place}, {date_words(date, year)}"


DATE_SIZES = (14.0, 13.0)
"""§4 (P1 II.4c): the date line is italic, 13–14. The templates print it at 14; a line
that would wrap at 14 (`Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2019`) is printed
at 13, so the year never stands alone on a second line."""


def date_size(line: str, box_pt: float) -> float | None:
    """The size the date line is printed at when not the template's (`DATE_SIZES`): the
    largest at which it fits on one line of a column `box_pt` wide, or the smallest."""
    if text_width_pt(line, DATE_SIZES[0], italic=True) <= box_pt:
        return None
    fits = (s for s in DATE_SIZES[1:] if text_width_pt(line, s, italic=True) <= box_pt)
    return next(fits, DATE_SIZES[-1])


def date_words(date: dt.date | None, year: int) -> str:
    """§4 (P1 II.4b): `ngày 05 tháng 01 năm 2024`, the day and month left blank with no date."""
    if date is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"ngày {pad_day(date.day)} tháng {pad_month(date.month)} năm {date.year}"


def pad_number(number: int | None) -> str:
    """§3 (P1 II.3c): numbers below 10 take a leading zero (`05`); no number → a blank."""
    if number is None:
        return BLANK
    return f"{number:02d}"


def symbol(type_abbr: str, issuer_abbrs: Sequence[str], given: str | None = None) -> str:
    """§3 (P1 II.3b-c; joint documents ⚠ practice): `PĐTĐ-CTĐP-CĐC`.

    Derived as the type abbreviation followed by each issuer's abbreviation, in
    order. Given or derived, it is written with no spaces.
    """
    text = given if given is not None else "-".join([type_abbr, *issuer_abbrs])
    return re.sub(r"\s+", "", nfc(text))


def symbol_from(
    pattern: str, type_abbr: str, issuer_abbrs: Sequence[str], drafting_unit: str | None
) -> str:
    """§3 (P1 II.3b): `<type>-<issuer>` for a named type, `<issuer>-<drafting unit>` for a
    công văn (the issuer's alone when there is no drafting unit)."""
    text = pattern.replace("{type_abbr}", type_abbr).replace("{issuers}", "-".join(issuer_abbrs))
    text = text.replace("{lead}", issuer_abbrs[0] if issuer_abbrs else "")
    text = text.replace("{drafting_unit}", drafting_unit or "")
    return re.sub(r"-{2,}", "-", re.sub(r"\s+", "", nfc(text))).strip("-")


STATE_NUMBER = "Số: {number}/{symbol}"


def number_line(number: int | None, symbol_text: str, pattern: str = STATE_NUMBER) -> str:
    """§3 (P1 II.3c): `Số: 05/PĐTĐ-CTĐP`, or `Số:      /PĐTĐ-CTĐP` before a number is given.

    `pattern` is the regime's (regimes.md): `Số {number}-{symbol}` prints `Số 05-KH/HU`.
    """
    if number is None:
        text = pattern.replace(" {number}", BLANK).replace("{number}", BLANK)
    else:
        text = pattern.replace("{number}", pad_number(number))
    return text.replace("{symbol}", symbol_text)


def vv_line(subject: str, prefix: str = "V/v ") -> str:
    """§5 (P1 II.5b): a công văn's summary under the number, `V/v <summary>`, never `V/v V/v`.

    `prefix` is the regime's (regimes.md): a Party công văn has none, its summary as written.
    """
    text = subject.strip()
    if not prefix or re.match(r"(?i)^v/v\b", text):
        return text
    return f"{prefix}{text}"


RULE_CHAR = "_"


RULE_RATIO = 0.4
"""§2, §5 (P1 II.2b, II.5b): the line under the issuer and the summary is 1/3–1/2 of the text."""


def rule_under(text: str, box_pt: float, size_pt: float, bold: bool = True) -> str:
    """A line of `_` about 0.4 times the width of `text` as wrapped in a box `box_pt` wide.

    §2, §5: a solid line 1/3–1/2 of the text width, centred under it. Drawn as
    characters so that a template holds it as an ordinary string.
    """
    target = RULE_RATIO * widest_line_pt(text, box_pt, size_pt, bold)
    unit = text_width_pt(RULE_CHAR, size_pt)
    return RULE_CHAR * max(1, round(target / unit))


def urgency_mark(urgency: str) -> str:
    """§9 (P1 III.2b): `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC` in capitals, in the stamp's frame."""
    return upper(urgency)


def theme_line(theme: str) -> str:
    """The emulation motto on its own line, in quotes (content-format.md: `theme`)."""
    text = theme.strip()
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        text = text[1:-1]
    return f"“{text}”"


def annex_reference(
    type_name: str,
    number: int | None,
    symbol_text: str,
    date: dt.date | None,
    year: int,
    issuer: str,
    number_pattern: str = STATE_NUMBER,
) -> str:
    """§9 (P1 III.1): `(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 02 năm 2025 của …)`;
    blank places, as in the date line, before the number or the date is given.

    The number is written as the regime's number line writes it (regimes.md): a Party
    decision's annex names `số 12-QĐ/TU`, as its own header does.
    """
    number_text = number_line(number, symbol_text, re.sub(r"^Số:?\s*", "", number_pattern))
    when = date_words(date, year)
    return f"(Kèm theo {type_name} số{' ' if number else ''}{number_text} {when} của {issuer})"
