"""Hostile DOCX and XLSX packages, built by the tests from the shipped template."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "docx" / "phat_dong.docx"


def rebuild(
    source: bytes,
    change: Callable[[str, bytes], bytes | None],
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of the package with each member passed through `change` (None drops it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def template_bytes() -> bytes:
    return TEMPLATE.read_bytes()


def with_text(jinja: str) -> bytes:
    """The template with `jinja` written before its `{{ title }}`."""

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        return re.sub(
            rb"(<w:t(?: [^>]*)?>)(\{\{ title \}\})",
            lambda m: m.group(1) + jinja.encode() + m.group(2),
            data,
            count=1,
        )

    return rebuild(template_bytes(), change)


def _patch_headers(
    data: bytes, member: str, patch: Callable[[bytearray, int, bool], None]
) -> bytes:
    """Apply `patch(buffer, offset, central)` to the local and central headers of `member`."""
    buffer = bytearray(data)
    name = member.encode()
    for signature, central in ((b"PK\x03\x04", False), (b"PK\x01\x02", True)):
        start = 0
        while (offset := buffer.find(signature, start)) >= 0:
            name_at = offset + (46 if central else 30)
            length_at = offset + (28 if central else 26)
            (length,) = struct.unpack_from("<H", buffer, length_at)
            if bytes(buffer[name_at : name_at + length]) == name:
                patch(buffer, offset, central)
            start = offset + 4
    return bytes(buffer)


def bad_crc() -> bytes:
    def flip(buffer: bytearray, offset: int, central: bool) -> None:
        at = offset + (16 if central else 14)
        buffer[at] ^= 0xFF

    return _patch_headers(template_bytes(), "word/document.xml", flip)


def encrypted_member() -> bytes:
    def encrypt(buffer: bytearray, offset: int, central: bool) -> None:
        at = offset + (8 if central else 6)
        buffer[at] |= 0x01

    return _patch_headers(template_bytes(), "word/styles.xml", encrypt)


def broken_rels() -> bytes:
    return rebuild(
        template_bytes(),
        lambda name, data: (
            data[: len(data) // 2] if name == "word/_rels/document.xml.rels" else data
        ),
    )


def no_table_grid() -> bytes:
    return rebuild(
        template_bytes(),
        lambda name, data: (
            re.sub(rb"<w:tblGrid>.*?</w:tblGrid>", b"", data, flags=re.S)
            if name == "word/document.xml"
            else data
        ),
    )


def bomb(member: str = "word/bomb.xml", size: int = 40_000_000) -> bytes:
    """A member of `size` bytes of one character: it deflates about a thousand times."""
    return rebuild(template_bytes(), lambda name, data: data, {member: b" " * size})


def xlsx_bomb(tmp: Path) -> Path:
    """A units workbook whose shared strings inflate from under 100 KB to 60 MB."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["number", "place"])
    sheet.append([2, "Tỉnh A"])
    plain = tmp / "plain.xlsx"
    book.save(plain)
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><si><t>' + b"A" * 60_000_000 + b"</t></si></sst>"
    )
    path = tmp / "bomb.xlsx"
    path.write_bytes(
        rebuild(
            plain.read_bytes(),
            lambda name, data: data if name != "xl/sharedStrings.xml" else None,
            {"xl/sharedStrings.xml": strings},
        )
    )
    return path


def nested_tables(depth: int) -> bytes:
    """Tables nested `depth` deep at the start of the body."""

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        inner = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
        for _ in range(depth):
            inner = (
                b'<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr><w:tc>'
                + inner
                + b"</w:tc></w:tr></w:tbl><w:p/>"
            )
        return data.replace(b"<w:body>", b"<w:body>" + inner, 1)

    return rebuild(template_bytes(), change)


def entity_bomb() -> bytes:
    """The document part with an internal DTD whose entities expand a billion times."""
    levels = ['<!ENTITY e0 "lol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    ]
    head = f'<?xml version="1.0"?><!DOCTYPE d [{"".join(levels)}]>'.encode()

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        return head + data.split(b"?>", 1)[1].replace(b"{{ title }}", b"&e9;", 1)

    return rebuild(template_bytes(), change)
