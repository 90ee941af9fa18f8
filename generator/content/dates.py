"""Dates as Vietnamese offices write them: day first (`05/03/2025`, `5/3/2025`, `05-03-2025`)."""

from __future__ import annotations

import datetime as dt
import re

DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*\Z")


def day_first(text: str) -> tuple[int, int, int] | None:
    """`(year, month, day)` written day first, or None when `text` is not written so.

    The numbers are not checked: `31/02/2025` gives `(2025, 2, 31)`, for the
    caller to report as an impossible date with the ISO form as a hint.
    """
    found = DAY_FIRST.match(text)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    return year, month, day


def iso_day_first(text: str) -> str:
    """`05/03/2025` → `2025-03-05`; any other text as it is (validation reports it)."""
    parts = day_first(text)
    if parts is None:
        return text
    year, month, day = parts
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_day_first(text: str) -> dt.date | None:
    """The date written day first, or None when it is not a possible date written so."""
    parts = day_first(text)
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None
