"""Checks that need more than a field's type: the format's rules and each kind's needs.

They run on the plain data, beside the model's validation, so that every
mistake in a file is reported in one run even where its structure is wrong.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

from generator import nd30
from generator.content.source import Path_, Source
from generator.kinds import Kind, available_kinds
from generator.problems import Problem
from generator.regimes import Regime, RegimeError, available_regimes, get_regime

Check = Callable[[dict, Source, "Kind | None"], Iterator[Problem]]

REQUIRED_HINTS = {
    "signatories": "thêm ít nhất một người ký: `signatories: [{authority: ..., title: ..., name: ...}]`",
    "members": "thêm các đơn vị ký giao ước: `members: [{name: ..., role: ..., signatory: {...}}]`",
}


def accept_issuer_alias(data: dict, source: Source) -> Iterator[Problem]:
    """`issuer:` with one mapping (or a list) stands for `issuers:` (content-format.md)."""
    if "issuer" not in data:
        return
    if "issuers" in data:
        yield source.problem(
            ("issuer",),
            "không dùng cùng lúc `issuer` và `issuers`",
            "giữ một trong hai; nhiều cơ quan thì dùng `issuers`",
            key=True,
            code="content.conflict",
        )
        return
    value = data.pop("issuer")
    if isinstance(value, list):
        data["issuers"] = value
        source.rename(("issuer",), ("issuers",))
    else:
        data["issuers"] = [value]
        source.rename(("issuer",), ("issuers", 0))


def check_kind(data: dict, source: Source) -> Kind | None:
    kinds = available_kinds()
    value = data.get("kind")
    if not isinstance(value, str) or value not in kinds:
        if isinstance(value, str) and value.strip():
            close = difflib.get_close_matches(value, list(kinds), n=1)
            hint = (
                f"có phải là `{close[0]}`?" if close else f"các loại có: {', '.join(sorted(kinds))}"
            )
            source.problems.append(
                source.problem(
                    ("kind",), f"loại văn bản `{value}` không có", hint, code="content.unknown_kind"
                )
            )
        return None
    return kinds[value]


def _present(data: dict, name: str) -> bool:
    value = data.get(name)
    return value not in (None, [], {}, "")


def check_required_by_kind(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """Each kind's profile names the fields its documents cannot do without."""
    if kind is None:
        return
    for name in kind.required:
        if not _present(data, name):
            at_key = name in data
            yield source.problem(
                (name,) if at_key else (),
                f"văn bản loại `{kind.name}` phải có `{name}`"
                + (" (danh sách không được để trống)" if at_key else ""),
                REQUIRED_HINTS.get(name),
                key=at_key,
                code="content.required",
            )


def check_fields_by_kind(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """content-format.md, More bad input: a field the kind's profile does not take."""
    if kind is None:
        return
    known = set(source_fields())
    for name in data:
        if name in known and name not in kind.takes:
            yield source.problem(
                (name,),
                f"văn bản loại `{kind.name}` không có trường `{name}`",
                "xóa trường này, hoặc chọn loại văn bản có nó (`vanban kinds`)",
                key=True,
                code="content.field_not_in_kind",
            )


def source_fields() -> list[str]:
    from generator.content.model import Content

    return [*Content.model_fields, "issuer"]


def _words(text: str) -> str:
    return " ".join(nd30.nfc(text).lower().replace("hoà", "hòa").replace("uỷ", "ủy").split())


def check_enacted_by(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """nd30-format.md §13 (P3 Mẫu 1.2 note 6, P1 II.7b): the enacting authority agrees with the
    lead signature: a collective signs `TM.` it, a head signs as that head (or `KT.` it)."""
    enacted = data.get("enacted_by")
    issuers = _list(data.get("issuers"))
    signers = _list(data.get("signatories"))
    if not isinstance(enacted, str) or not enacted.strip() or not signers:
        return
    lead = issuers[0].get("name") if issuers and isinstance(issuers[0], dict) else None
    signer = signers[0] if isinstance(signers[0], dict) else {}
    authority = signer.get("authority")
    lines = (
        [authority]
        if isinstance(authority, str)
        else [a for a in _list(authority) if isinstance(a, str)]
    )
    title = signer.get("title") if isinstance(signer.get("title"), str) else ""
    found = nd30.enactment_mismatch(
        _words(enacted),
        _words(lead) if isinstance(lead, str) else "",
        [_words(a) for a in lines],
        _words(title),
        regime.prefixes if (regime := _regime_of(data)) else None,
    )
    if found:
        yield source.problem(("enacted_by",), *found, code="content.enacted_by")


def check_regime(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """regimes.md: `regime` names a regime profile (`templates/regimes/`)."""
    value = data.get("regime")
    if value is None or not isinstance(value, str):
        return
    known = available_regimes()
    if value.strip() not in known:
        names = ", ".join(f"`{n}`" for n in sorted(known))
        yield source.problem(
            ("regime",),
            f"thể thức `{value}` không có",
            f"ghi một trong {names}",
            code="content.unknown_regime",
        )


def _regime_of(data: dict) -> Regime | None:
    value = data.get("regime")
    try:
        return get_regime(value.strip() if isinstance(value, str) else None)
    except RegimeError:
        return None


def check_year(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """`year` defaults to the year of `date`; with no date it must be given."""
    if data.get("date") is None and data.get("year") is None:
        yield source.problem(
            ("date",) if "date" in data else (),
            "thiếu `year`: khi để trống `date` phải ghi năm",
            "thêm `year: 2024` hoặc ghi `date: 2024-01-12`",
            code="content.required",
        )


def _signers(data: dict) -> Iterator[tuple[Path_, dict]]:
    for i, signer in enumerate(_list(data.get("signatories"))):
        if isinstance(signer, dict):
            yield ("signatories", i), signer
    for i, member in enumerate(_list(data.get("members"))):
        if isinstance(member, dict) and isinstance(member.get("signatory"), dict):
            yield ("members", i, "signatory"), member["signatory"]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def check_authority(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """§7: authority lines start with TM./KT./TL./TUQ.; TM. only first; Q. only in a title;
    the signer's name is written as a name. `T/M`, `K/T`, `T/L` are accepted too; a prefix
    the document's regime does not use (`TUQ.` in a Party document) is refused."""
    regime = _regime_of(data)
    for path, signer in _signers(data):
        authority = signer.get("authority")
        lines = [authority] if isinstance(authority, str) else _list(authority)
        single = isinstance(authority, str)
        for i, line in enumerate(lines):
            if not isinstance(line, str) or not line.strip():
                continue
            found = nd30.authority_problem(line, i, regime.prefixes if regime else None)
            if found:
                where = path + ("authority",) if single else path + ("authority", i)
                yield source.problem(where, *found, code="content.authority")
        title = signer.get("title")
        if isinstance(title, str):
            found = nd30.title_problem(title)
            if found:
                yield source.problem(path + ("title",), *found, code="content.title")
        name = signer.get("name")
        if isinstance(name, str):
            found = nd30.person_name_problem(name)
            if found:
                yield source.problem(path + ("name",), *found, code="content.person_name")


def check_recipients(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """§8: a recipient that is nothing but punctuation would print as `- ;`."""
    for i, item in enumerate(_list(data.get("recipients"))):
        if isinstance(item, str) and item.strip() and not nd30.recipient_text(item):
            yield source.problem(
                ("recipients", i),
                "nơi nhận để trống",
                "ghi tên cơ quan nhận văn bản hoặc xóa dòng này",
                code="content.empty_recipient",
            )


def check_abbreviations(data: dict, source: Source, kind: Kind | None) -> Iterator[Problem]:
    """§3 (P1 II.3c): `/` separates the number from the ký hiệu, so no abbreviation may hold one.

    regimes.md: where the number is joined by `-` (`Số 12-KH/HU`), the `/` belongs to the
    ký hiệu, and a given `symbol` holds it (`KH/ĐTĐHV-VP`)."""
    regime = _regime_of(data)
    places: list[tuple[Path_, Any]] = [(("type_abbr",), data.get("type_abbr"))]
    if regime is None or "{number}/" in regime.number_pattern:
        places.insert(0, (("symbol",), data.get("symbol")))
    places += [
        (("issuers", i, "abbr"), issuer.get("abbr"))
        for i, issuer in enumerate(_list(data.get("issuers")))
        if isinstance(issuer, dict)
    ]
    for path, value in places:
        if isinstance(value, str) and "/" in value:
            yield source.problem(
                path,
                "ký hiệu, chữ viết tắt không được chứa dấu `/`",
                "`/` chỉ đứng giữa số và ký hiệu; các nhóm chữ viết tắt nối bằng `-`",
                code="content.abbreviation",
            )


CHECKS: tuple[Check, ...] = (
    check_required_by_kind,
    check_fields_by_kind,
    check_enacted_by,
    check_regime,
    check_year,
    check_authority,
    check_recipients,
    check_abbreviations,
)
