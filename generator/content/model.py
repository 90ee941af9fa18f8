"""The content model: the fields of `content-format.md`, their types and defaults.

Structure and types only; the rules that need more than one field, or that
speak of the government format (authority prefixes, required fields per kind),
live in `checks.py` so that all of them are reported even when the structure
is wrong elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
)
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
"""content-format.md `date`: the day-first forms people write (`12/01/2024`, `12/1/2024`,
`12-01-2024`, `12.01.2024`) mean the same day as the ISO form."""

DATE_FORMS = "ví dụ `2024-01-12` hoặc `12/01/2024` (ngày/tháng/năm)"


def read_date(text: str) -> dt.date:
    """The day a date written ISO or day-first stands for.

    Raises `PydanticCustomError` `date_format` for text that is no date, `date_invalid`
    for a day that does not exist; its context holds the ISO form of what was written.
    """
    text = text.strip()
    iso, day_first = ISO_DATE.match(text), DAY_FIRST.match(text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif day_first:
        day, month, year = (int(x) for x in day_first.groups())
    else:
        raise PydanticCustomError(
            "date_format", "ngày phải viết theo dạng năm-tháng-ngày hoặc ngày/tháng/năm"
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date_invalid",
            "ngày không tồn tại",
            {"year": year, "month": month, "day": day, "day_first": bool(day_first)},
        ) from None


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or value is None:
        return value
    if isinstance(value, str):
        return read_date(value)
    raise PydanticCustomError(
        "date_format", "ngày phải viết theo dạng năm-tháng-ngày hoặc ngày/tháng/năm"
    )


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "phải là một số nguyên")
    return value


Text = Annotated[str, Field(pattern=r"\S")]
"""Any text that is not blank; kept as written (NFC)."""

Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Count = Annotated[int, BeforeValidator(_no_bool)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Issuer(Strict):
    name: Text
    parent: Text | None = None
    abbr: Text


class ItemNode(Strict):
    text: Text
    items: list[Item] = Field(default_factory=list)
    bullets: bool = False


Cell = Annotated[str | int | float | None, BeforeValidator(_no_bool)]
"""A table cell: text, a number (printed the Vietnamese way), or empty."""


class TableGroup(Strict):
    heading: Text
    rows: list[list[Cell]] = Field(default_factory=list)


class Table(Strict):
    """content-format.md, Tables and annexes: `STT` is added; rows, groups or a data file."""

    columns: list[Text] = Field(default_factory=list)
    rows: list[list[Cell]] | None = None
    groups: list[TableGroup] | None = None
    data: Text | None = None
    sheet: Text | None = None
    group_by: Text | None = None
    note: Text | None = None


class TableItem(Strict):
    table: Table


class Annex(Table):
    label: Text | None = None
    title: Text
    landscape: bool = False


def _item_tag(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return "§text"
    if isinstance(value, TableItem) or (isinstance(value, dict) and "table" in value):
        return "§table"
    if isinstance(value, (dict, ItemNode)):
        return "§node"
    return None


Item = Annotated[
    Annotated[Text, Tag("§text")]
    | Annotated[ItemNode, Tag("§node")]
    | Annotated[TableItem, Tag("§table")],
    Discriminator(
        _item_tag,
        custom_error_type="item_type",
        custom_error_message="mỗi mục là một đoạn văn bản, {text: ..., items: [...]} "
        "hoặc {table: {...}}",
    ),
]
ItemNode.model_rebuild()


class Section(Strict):
    heading: Text
    items: list[Item] = Field(default_factory=list)


class NamedSection(Strict):
    """A named section written as a mapping, to change its heading."""

    heading: Text | None = None
    items: list[Item] = Field(default_factory=list)


def _section_tag(value: Any) -> str | None:
    if isinstance(value, list):
        return "§list"
    if isinstance(value, (dict, NamedSection)):
        return "§node"
    return None


SectionValue = Annotated[
    Annotated[list[Item], Tag("§list")] | Annotated[NamedSection, Tag("§node")],
    Discriminator(
        _section_tag,
        custom_error_type="section_type",
        custom_error_message="mục này là một danh sách, hoặc {heading: ..., items: [...]}",
    ),
]


def _lines(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


AuthorityLines = Annotated[list[Text], BeforeValidator(_lines)]


class Signatory(Strict):
    authority: AuthorityLines = Field(default_factory=list)
    title: Text
    name: Text
    unit: Text | None = None


class MemberSignatory(Strict):
    authority: AuthorityLines = Field(default_factory=list)
    title: Text
    name: Text


class Member(Strict):
    name: Text
    role: Text | None = None
    signatory: MemberSignatory


def _urgency(value: Any) -> Any:
    if isinstance(value, str):
        words = " ".join(value.split()).lower().replace("hoả", "hỏa")
        for mark in URGENCY_MARKS:
            if words == mark.lower():
                return mark
        raise PydanticCustomError(
            "urgency", "độ khẩn chỉ có thể là `Khẩn`, `Thượng khẩn` hoặc `Hỏa tốc`"
        )
    return value


URGENCY_MARKS = ("Khẩn", "Thượng khẩn", "Hỏa tốc")
"""nd30-format.md §9 (P1 III.2b)."""
Urgency = Annotated[str, BeforeValidator(_urgency)]


def _addressees(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Drafter(Strict):
    initials: Text
    copies: Count | None = Field(default=None, ge=1)


class Content(Strict):
    """One document's content, as validated. Field meanings: docs/content.md."""

    kind: Text
    issuers: list[Issuer] = Field(min_length=1)
    number: Count | None = Field(default=None, ge=1, le=9999)
    symbol: Text | None = None
    type_abbr: Text | None = None
    place: Text
    date: Date | None = None
    year: Count | None = Field(default=None, ge=1900, le=2999)
    title: Text | None = None
    subject: Text | None = None
    theme: Text | None = None
    bases: list[Text] = Field(default_factory=list)
    preamble: Text | None = None
    purposes: SectionValue | None = None
    contents: SectionValue | None = None
    targets: SectionValue | None = None
    measures: SectionValue | None = None
    sections: list[Section] = Field(default_factory=list)
    closing: Text | None = None
    results: SectionValue | None = None
    shortcomings: SectionValue | None = None
    plans: SectionValue | None = None
    proposals: SectionValue | None = None
    members: list[Member] = Field(default_factory=list)
    addressees: Annotated[list[Text], BeforeValidator(_addressees)] = Field(default_factory=list)
    enacted_by: Text | None = None
    proposal: Text | None = None
    articles: list[Item] = Field(default_factory=list)
    drafting_unit: Text | None = None
    urgency: Urgency | None = None
    annexes: list[Annex] = Field(default_factory=list)
    regime: Text | None = None
    """Whose format the document follows (regimes.md): `nha_nuoc` (default), `dang`, `doan`."""
    term: Text | None = None
    """The issuing committee's term (`2020-2025`): a Party document's numbers run per type
    per term (regimes.md `dang`, numbering; the register reads it)."""
    signatories: list[Signatory] = Field(default_factory=list)
    recipients: list[Text] = Field(min_length=1)
    archive: list[Text] = Field(default_factory=list)
    drafter: Drafter | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    @property
    def emulation_year(self) -> int:
        """`year`, or the year of `date` (validation makes sure one is there)."""
        if self.year is not None:
            return self.year
        assert self.date is not None
        return self.date.year


NAMED_SECTIONS = (
    "purposes",
    "contents",
    "targets",
    "measures",
    "results",
    "shortcomings",
    "plans",
    "proposals",
)
"""Named sections in the order they are numbered (content-format.md)."""


def field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)
