"""Numbering scopes are data: per issuer per calendar year (state bodies), per type per
term (Party bodies, regimes.md), each its own run of numbers in the register."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.register.scopes import ScopeError, scopes
from generator.register.store import Register, Row

DAY = dt.date(2024, 5, 2)


def test_regimes_name_their_scopes() -> None:
    assert scopes().for_regime("nha_nuoc").name == "calendar_year"
    assert scopes().for_regime("dang").name == "type_term"
    with pytest.raises(ScopeError):
        scopes().for_regime("khong_co")


def test_calendar_year_keys_by_issuer_and_year() -> None:
    year = scopes().scopes["calendar_year"]
    assert year.key(issuer="CTĐP", type_abbr="KH", issued=DAY) == ("CTĐP", "2024")
    # The type does not split a state body's run of numbers.
    assert year.key(issuer="CTĐP", type_abbr="QĐ", issued=DAY) == ("CTĐP", "2024")


def test_type_term_keys_by_issuer_type_and_term() -> None:
    term = scopes().scopes["type_term"]
    key = term.key(issuer="HU", type_abbr="KH", issued=DAY, term="2020-2025")
    assert key == ("HU/KH", "2020-2025")
    # The calendar year does not restart a term's numbers.
    assert (
        term.key(issuer="HU", type_abbr="KH", issued=dt.date(2025, 1, 3), term="2020-2025") == key
    )
    with pytest.raises(ScopeError, match="nhiệm kỳ"):
        term.key(issuer="HU", type_abbr="KH", issued=DAY)


def _row(scope: str, series: str, period: str, number: int) -> Row:
    return Row(
        scope=scope,
        series=series,
        period=period,
        number=number,
        issuer="HU",
        year=2024,
        code_notation="KH/HU",
        issued_date="2024-05-02",
        type_name="Kế hoạch",
        subject=None,
        organ_name="Huyện ủy Định Hóa",
        signer_position=None,
        signer_name=None,
        recipients=[],
        archive="",
        copies=None,
        pages=None,
        files=[],
        source="x.yaml",
        created_at="2024-05-02T00:00:00+00:00",
    )


def test_each_type_and_term_has_its_own_run_in_the_register(register: str) -> None:
    term = scopes().scopes["type_term"]
    plans = term.key(issuer="HU", type_abbr="KH", issued=DAY, term="2020-2025")
    notices = term.key(issuer="HU", type_abbr="TB", issued=DAY, term="2020-2025")
    next_term = term.key(issuer="HU", type_abbr="KH", issued=DAY, term="2025-2030")
    with Register(register) as reg, reg.transaction():
        reg.add(_row(term.name, *plans, 1))
        reg.add(_row(term.name, *plans, 2))
        reg.add(_row(term.name, *notices, 1))
        assert reg.last_number(term.name, *plans) == 2
        assert reg.last_number(term.name, *notices) == 1
        assert reg.last_number(term.name, *next_term) == 0
        assert reg.taken(term.name, *plans, 2) is not None
        assert reg.taken(term.name, *next_term, 2) is None
