"""Writing a DOCX package: parts deflated once, fixed timestamps and part order.

`zipfile` cannot write an entry that is already deflated, and deflating the
unchanged parts again for each document is most of what a package costs. The
few lines below write the same bytes `zipfile` writes for a seekable target
(no data descriptors, no extra fields), with the Unix "made by" system pinned
so that the bytes do not depend on the machine either.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
"""Parts written first, the rest in name order (some readers sniff the first entry)."""

_LOCAL_START = struct.Struct("<4s2B")  # signature, version needed
_CENTRAL_START = struct.Struct("<4s4B")  # signature, version made by, version needed
_ENTRY = struct.Struct("<4HL2L2H")  # flags … name and extra lengths: in both headers
_CENTRAL_END = struct.Struct("<3HL")  # then the offset
_OFFSET = struct.Struct("<L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate
_UNIX = 3
_MODE = 0o644 << 16
_DOS_TIME = 0
_DOS_DATE = (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]

FAST = 1
"""Compression of the parts deflated for every document: the fastest level (a few
hundred bytes more per document, a third of the time)."""
SMALL = 9
"""Compression of the parts deflated once per template, and of `normalise_package`."""


@dataclass(frozen=True)
class ZipMember:
    """One deflated package part, its zip headers made, ready for any number of packages."""

    name: bytes
    local: bytes
    """Local file header, name and deflated data: what the entry is in the archive."""
    central: bytes
    """Its central directory record, but for the offset and the name."""

    @classmethod
    def deflate(cls, name: str, content: bytes, level: int = SMALL) -> ZipMember:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        crc = zlib.crc32(content)
        # What the local header and the central record both say of the entry, in the same order.
        entry = _ENTRY.pack(
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(data),
            len(content),
            len(encoded),
            0,  # no extra field
        )
        local = _LOCAL_START.pack(b"PK\x03\x04", _VERSION, 0) + entry
        central = (
            _CENTRAL_START.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0)
            + entry
            + _CENTRAL_END.pack(0, 0, 0, _MODE)  # no comment, disk 0, no internal attributes
        )
        return cls(encoded, local + encoded + data, central)


def write_zip(members: Iterable[ZipMember]) -> bytes:
    """A zip archive of `members`, in the order given, with fixed timestamps."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        central += (m.central, _OFFSET.pack(offset), m.name)
        chunks.append(m.local)
        offset += len(m.local)
    directory = b"".join(central)
    count = len(chunks)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def part_order(names: Iterable[str]) -> list[str]:
    names = list(names)
    first = [n for n in FIRST_PARTS if n in names]
    return first + sorted(n for n in names if n not in first)


def normalise_package(docx: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and part order, so equal input gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        return write_zip(
            ZipMember.deflate(n, source.read(n)) for n in part_order(source.namelist())
        )
