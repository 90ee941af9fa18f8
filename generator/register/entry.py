"""What the register and the metadata sidecar say about one issued document.

The register row holds the ND30 Phụ lục IV columns; the sidecar holds the
Phụ lục VI fields of an outgoing document, named as the decree names them
(nd30-format.md §14), so that an e-office system can take the document.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator import nd30
from generator.content.model import Content
from generator.kinds import Kind
from generator.layout import document_symbol
from generator.regimes import get_regime

LANGUAGE = "Tiếng Việt"

PRIORITY = {None: 0, "khẩn": 1, "thượng khẩn": 2, "hỏa tốc": 3, "hoả tốc": 3}
"""Phụ lục VI `Priority` (Number 1, "mức độ khẩn"): the decree gives no code table, so
vanban counts up with urgency: 0 none, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc (ND30 P1 III.2b)."""


def type_name(content: Content, kind: Kind) -> str:
    """Phụ lục VI `TypeName` (tên loại văn bản): the title the document prints."""
    return content.title or kind.title


def code_notation(content: Content, kind: Kind) -> str:
    """Phụ lục VI `CodeNotation` (ký hiệu): `PĐTĐ-CTĐP`, `KH/HU`, as the number line prints it."""
    return document_symbol(content, kind, get_regime(content.regime))


def number_and_code(number: int, code: str) -> str:
    """Register column (1), số và ký hiệu: `05/PĐTĐ-CTĐP`, or `12-KH/HU` for a regime whose
    number line joins them with `-` (regimes.md): only those symbols hold a `/` (the state
    format's `/` stands between the number and the symbol, so its symbols cannot)."""
    return f"{number:02d}{'-' if '/' in code else '/'}{code}"


def summary(type_name: str, subject: str | None) -> str:
    """Register column (3), tên loại và trích yếu: `Kế hoạch tổ chức phong trào …`.

    The trích yếu follows the type name in one sentence, so its first word is lowered
    unless it is an abbreviation (`Năm 2024` → `năm 2024`, `UBND` stays).
    """
    if not subject:
        return type_name
    first = subject.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        subject = first[0].lower() + subject[1:]
    return f"{type_name} {subject}"


def signer(content: Content) -> tuple[str | None, str | None]:
    """(Position, FullName) of the lead signer: the first signatory, or the first member's."""
    if content.signatories:
        lead = content.signatories[0]
        return lead.title, lead.name
    if content.members:
        lead_member = content.members[0].signatory
        return lead_member.title, lead_member.name
    return None, None


def archive_units(content: Content) -> str:
    """Register column (6), đơn vị, người nhận bản lưu: `VT, VP` as the archive line has it."""
    line = nd30.archive_line(content.archive)
    return line.removeprefix("- Lưu:").strip().rstrip(".")


def metadata(content: Content, kind: Kind, *, pages: int | None) -> dict[str, Any]:
    """The Phụ lục VI fields of an outgoing document that vanban knows.

    `IssuedDate` is ISO 8601 (`2024-01-12`); `PageAmount` is counted in the PDF
    made at issue and is null when no PDF was made (pages are what LibreOffice
    lays out; they are not guessed from the DOCX).
    """
    assert content.number is not None and content.date is not None
    position, full_name = signer(content)
    urgency = getattr(content, "urgency", None)
    return {
        "TypeName": type_name(content, kind),
        "CodeNumber": nd30.pad_number(content.number),
        "CodeNotation": code_notation(content, kind),
        "IssuedDate": content.date.isoformat(),
        "OrganName": content.issuers[0].name,
        "Subject": content.subject or type_name(content, kind),
        "Language": LANGUAGE,
        "PageAmount": pages,
        "SignerInfo": {"Position": position, "FullName": full_name},
        "To": [{"OrganId": None, "OrganName": r} for r in content.recipients],
        "Priority": PRIORITY.get(urgency.lower() if isinstance(urgency, str) else None, 0),
        "IssuedAmount": content.drafter.copies if content.drafter else None,
    }


def metadata_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def day_first(iso: str) -> str:
    """`2024-01-12` → `12/01/2024`, as the register prints dates."""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
