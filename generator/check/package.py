"""Opening a DOCX package, and telling the user in plain words when it cannot be opened."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

from generator.limits import LimitExceeded
from generator.zipguard import BadPackage, check_package


class NotADocx(Exception):
    """The input is not a readable Word document (.docx)."""


def open_package(source: str | Path | bytes) -> docx.document.Document:
    """Open a DOCX whose size was checked first (`generator.zipguard`); `NotADocx` if it cannot be."""
    try:
        if isinstance(source, (bytes, bytearray)):
            check_package(bytes(source))
            return docx.Document(io.BytesIO(bytes(source)))
        path = Path(source)
        if not path.is_file():
            raise NotADocx(f"không tìm thấy tệp {path}")
        check_package(path)
        return docx.Document(str(path))
    except NotADocx:
        raise
    except (BadPackage, LimitExceeded) as exc:
        raise NotADocx(f"không mở được tệp Word (.docx): {exc}") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise NotADocx(f"không phải tệp Word (.docx) đọc được: {reason(exc)}") from exc
    except Exception as exc:  # python-docx raises several internal types for broken packages
        raise NotADocx(f"không phải tệp Word (.docx) đọc được: {reason(exc)}") from exc


def reason(exc: Exception) -> str:
    """Why a package could not be opened, in words a user can act on."""
    name = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile) or name == "PackageNotFoundError":
        return "tệp không phải gói Office Open XML (ZIP)"
    if isinstance(exc, ValueError) and "content type" in str(exc):
        return "tệp là loại tài liệu Office khác, không phải văn bản Word"
    if isinstance(exc, KeyError):
        return "gói thiếu phần nội dung chính của văn bản"
    if isinstance(exc, etree.XMLSyntaxError):
        return "XML trong tệp bị hỏng"
    if isinstance(exc, OSError):
        return exc.strerror or name
    return f"tệp bị hỏng ({name})"


def part_xml(part) -> etree._Element | None:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    blob = getattr(part, "blob", None)
    if not blob:
        return None
    try:
        return etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return None


def related(part, reltype: str):
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None
