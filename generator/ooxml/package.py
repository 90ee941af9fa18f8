"""Opening a DOCX package safely, and saying in plain words when it cannot be opened.

The package's size is bounded from its ZIP directory first (`generator.zipguard`),
then python-docx's package reader reads it: the same parts and relationships docxtpl
finds, so what the checker and the template linter see is what the renderer sees.
Its XML parts are parsed as python-docx parses them (the same parser settings, so the
same tree) but into plain lxml elements: the readers only walk the XML, and walking
python-docx's element classes costs more than twice as much per element, which a
2,000-row table feels. Everything that stops a file from being read is one error,
`NotDocx`, whose message names the cause.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx  # noqa: F401  (registers python-docx's part types, read in `_part`)
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage, Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from lxml import etree

from generator.limits import LimitExceeded
from generator.ooxml.names import local, w
from generator.ooxml.rels import PAGE_PARTS, part_name, part_xml, related, related_all
from generator.zipguard import BadPackage, check_package, verify_members

UNREADABLE = "không phải tệp DOCX đọc được"
"""How every refusal starts, whichever command reads the file."""
PLAIN_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
"""python-docx's parser settings (`docx.oxml.parser`) without its element classes."""


class NotDocx(Exception):
    """The input is not a readable Word document (.docx); `str()` says why, in Vietnamese."""


@dataclass(frozen=True)
class PartXml:
    """One XML part of the package that holds paragraphs."""

    kind: str
    """`body`, `header` or `footer`."""
    name: str
    """The part inside the package, e.g. `word/header1.xml`."""
    root: etree._Element
    """`w:body` for the main document, the part's root element otherwise."""
    part: Part


@dataclass(frozen=True)
class Package:
    """An opened DOCX: its main document part, whose relationships lead to the others."""

    main: XmlPart

    @property
    def body(self) -> etree._Element:
        root = self.main.element
        body = root.find(w("body"))
        if body is None or local(root) != "document":
            raise NotDocx(f"{UNREADABLE}: văn bản không có phần nội dung (w:body)")
        return body

    def related_xml(self, reltype: str) -> etree._Element | None:
        """The XML of the part the main document relates to with `reltype` (styles, theme…)."""
        return part_xml(related(self.main, reltype))

    def parts(self) -> Iterator[PartXml]:
        """The body, then each header and footer (by part name): the parts docxtpl renders."""
        yield PartXml("body", part_name(self.main), self.body, self.main)
        for reltype, part in related_all(self.main, *PAGE_PARTS):
            root = part_xml(part)
            if root is not None:
                yield PartXml(PAGE_PARTS[reltype], part_name(part), root, part)


def open_docx(source: str | Path | bytes) -> Package:
    """Open a DOCX (a path or its bytes) whose size was checked first; `NotDocx` if it cannot be."""
    data = bytes(source) if isinstance(source, (bytes, bytearray)) else None
    if data is None:
        path = Path(source)
        if not path.is_file():
            raise NotDocx(f"không tìm thấy tệp {path}")
    target: Path | bytes = data if data is not None else Path(source)
    try:
        check_package(target)
    except (BadPackage, LimitExceeded) as exc:
        raise NotDocx(f"{UNREADABLE}: {exc}") from exc
    try:
        main = _main_part(io.BytesIO(data) if data is not None else str(target))
    except Exception as exc:  # python-docx raises several internal types for broken packages
        raise NotDocx(f"{UNREADABLE}: {diagnose(target, exc)}") from exc
    return Package(main)


def _main_part(source: str | io.BytesIO) -> XmlPart:
    """The main document part, read as `docx.Document()` reads it, refusing what it refuses."""
    package = OpcPackage()
    Unmarshaller.unmarshal(PackageReader.from_file(source), package, _part)
    main = package.part_related_by(RT.OFFICE_DOCUMENT)
    if main.content_type != CT.WML_DOCUMENT_MAIN or not isinstance(main, XmlPart):
        raise ValueError(f"file is not a Word file, content type is '{main.content_type}'")
    return main


def _part(
    partname: PackURI, content_type: str, reltype: str, blob: bytes, package: OpcPackage
) -> Part:
    """A part as python-docx's `PartFactory` makes it, but one it would parse as XML is
    parsed into plain lxml elements; other parts keep their bytes."""
    selector = PartFactory.part_class_selector
    chosen = selector(content_type, reltype) if selector is not None else None
    kind = chosen or PartFactory.part_type_for.get(content_type, PartFactory.default_part_type)
    if issubclass(kind, XmlPart):
        return XmlPart(partname, content_type, etree.fromstring(blob, PLAIN_PARSER), package)
    return Part(partname, content_type, blob, package)


def diagnose(source: Path | bytes, exc: Exception) -> str:
    """Why a package that passed its size check could not be read, naming the part at fault.

    Only run once reading failed, so a sound package is inflated once.
    """
    try:
        verify_members(source)
    except BadPackage as damaged:
        return str(damaged)
    if isinstance(exc, etree.XMLSyntaxError):
        broken = _broken_xml(source)
        if broken:
            return broken
    return reason(exc)


def _broken_xml(source: Path | bytes) -> str | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(package.read(name), parser)
            except etree.XMLSyntaxError as exc:
                return f"phần {name} không phải XML hợp lệ ({exc})"
    return None


def reason(exc: Exception) -> str:
    """Why a package could not be read, in words a user can act on."""
    name = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile) or name == "PackageNotFoundError":
        return "tệp không phải gói Office Open XML (ZIP)"
    if isinstance(exc, ValueError) and "content type" in str(exc):
        return "tệp là loại tài liệu Office khác, không phải văn bản Word"
    if isinstance(exc, KeyError):
        return "gói thiếu phần nội dung chính của văn bản (word/document.xml)"
    if isinstance(exc, etree.XMLSyntaxError):
        return f"XML trong tệp bị hỏng ({exc})"
    if isinstance(exc, OSError):
        return exc.strerror or name
    return f"tệp bị hỏng ({name})"
