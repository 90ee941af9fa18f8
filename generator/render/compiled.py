"""A DOCX template read, patched and compiled once, then rendered for any number of contexts.

A plain `DocxTemplate` re-reads the package, re-patches and recompiles every
Jinja-bearing part and re-deflates every part for each document, and cannot
be rendered twice. Almost none of that depends on the data, so
`CompiledTemplate` does it once: it applies docxtpl's own preprocessing
(`patch_xml`) to each part that holds tags and compiles it with our
environment, renders the parts that hold none once and for all, and keeps
every unchanged part deflated. Per document it renders only the tagged parts,
applies the same post-processing docxtpl's `render` applies
(`render_xml_part`'s paragraph/newline handling, `resolve_listing`,
`fix_tables`, `fix_docpr_ids`, core properties) and its own (columns shared by
content, the space after a content table, the last section folded), and writes
the package with fixed timestamps and part order, so equal input gives equal
bytes. The result is the document docxtpl's own render gives, with those steps
(tests/batch/test_fast_render.py).

Objects that need a live `DocxTemplate` while rendering (InlineImage, Subdoc,
RichText hyperlinks) are not supported; layout hands templates strings only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.ns import nsmap, qn
from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError
from lxml import etree

from generator.columns import fix_tables
from generator.limits import LimitExceeded
from generator.render.document_part import DocumentFrame, fold_last_section
from generator.render.environment import make_environment
from generator.render.errors import TemplateRenderError, render_error
from generator.render.restyle import Variants
from generator.render.table_spacing import MARKER as CONTENT_TABLE
from generator.render.table_spacing import space_after_tables
from generator.render.tagged_part import JINJA_MARK, TaggedPart
from generator.render.well_formed import ROWLESS_TABLE
from generator.render.zip_writer import FAST, ZipMember, part_order, write_zip
from generator.zipguard import BadPackage, check_package, verify_members

CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl's `render_properties` renders, in its order."""


def _zip_name(partname: str) -> str:
    return partname.lstrip("/")


class CompiledTemplate:
    """A DOCX template read, patched and compiled once, then rendered for any number of contexts.

    `render` changes nothing shared, so threads may call it at once; each worker
    process compiles its own.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            check_package(self.path)
            verify_members(self.path)
        except (BadPackage, LimitExceeded) as exc:
            raise TemplateRenderError(self.path, f"không đọc được mẫu DOCX: {exc}") from exc
        try:
            self._compile()
        except TemplateRenderError:
            raise
        except Exception as exc:  # python-docx and lxml raise many kinds for a broken package
            raise TemplateRenderError(self.path, f"không đọc được mẫu DOCX: {exc}") from exc

    def _compile(self) -> None:
        environment = make_environment()
        helper = DocxTemplate(str(self.path))
        helper.render_init()
        for number, table in enumerate(helper.docx.element.body.iter(qn("w:tbl")), 1):
            if table.find(qn("w:tblGrid")) is None:
                # Required by the format; docxtpl cannot render such a table.
                raise TemplateRenderError(
                    self.path,
                    f"bảng thứ {number} của mẫu thiếu lưới cột (w:tblGrid); mở mẫu "
                    "trong Word và lưu lại để Word dựng lại lưới",
                )
        self._helper = helper
        document = helper.docx
        self._body = TaggedPart(environment, self.path, helper.patch_xml(helper.get_xml()))
        self._frame = DocumentFrame(document._element)
        self._document_name = _zip_name(document.part.partname)
        # Headers, footers and footnotes: compiled when tagged, rendered now when not.
        self._xml_parts: dict[str, tuple[TaggedPart, str]] = {}
        for uri in (helper.HEADER_URI, helper.FOOTER_URI):
            for rel_key, part in list(helper.get_headers_footers(uri)):
                xml = helper.get_part_xml(part)
                encoding = helper.get_headers_footers_encoding(xml)
                patched = helper.patch_xml(xml)
                if JINJA_MARK.search(patched):
                    self._xml_parts[_zip_name(part.partname)] = (
                        TaggedPart(environment, self.path, patched),
                        encoding,
                    )
                else:
                    rendered = helper.render_xml_part(patched, part, {}, environment)
                    helper.map_headers_footers_xml(rel_key, rendered.encode(encoding))
        self._footnotes: dict[str, TaggedPart] = {}
        footnotes = [p for p in document.part.package.parts if p.content_type == CT.WML_FOOTNOTES]
        for part in footnotes:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            patched = helper.patch_xml(blob)
            if JINJA_MARK.search(patched):
                self._footnotes[_zip_name(part.partname)] = TaggedPart(
                    environment, self.path, patched
                )
            else:
                part._blob = helper.render_xml_part(patched, part, {}, environment).encode()
        # Core properties: docxtpl renders six of them (creating them, empty, when absent).
        core = document.core_properties
        initial = {name: getattr(core, name) for name in CORE_PROPERTIES}
        self._core_templates: dict[str, Template] = {}
        self._core_name: str | None = None
        if any(JINJA_MARK.search(value or "") for value in initial.values()):
            self._core_templates = {
                name: environment.from_string(value) for name, value in initial.items()
            }
            self._core_name = _zip_name(document.part.package._core_properties_part.partname)
        else:
            for name, value in initial.items():
                setattr(core, name, environment.from_string(value).render({}))
        buffer = io.BytesIO()
        document.save(buffer)
        self._variants = Variants(buffer.getvalue())  # the unchanging parts, as saved
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
            self._order = part_order(package.namelist())
            dynamic = {self._document_name, *self._xml_parts, *self._footnotes}
            if self._core_name:
                dynamic.add(self._core_name)
                self._core_blob = package.read(self._core_name)
            self._static = {
                name: ZipMember.deflate(name, package.read(name))
                for name in self._order
                if name not in dynamic
            }

    def variant(
        self, name: str, key: Hashable, change: Callable[[bytes], bytes]
    ) -> dict[str, ZipMember]:
        """The unchanging part `name` as `change` makes it, made once per `key` (a regime's
        styles, generator/regime_styles.py), to hand to `render` as `replaced`."""
        if name not in self._static:
            return {}  # a package without the part: nothing to change
        return {name: self._variants.get(name, key, change)}

    def render(
        self, context: dict[str, Any], replaced: Mapping[str, ZipMember] | None = None
    ) -> bytes:
        """The DOCX bytes for `context`; `replaced` stands for unchanging parts (`variant`)."""
        parts: dict[str, bytes] = {}
        body = self._body.render(context, self.path, self._helper)
        for name, (part, encoding) in self._xml_parts.items():
            xml = part.render(context, self.path, self._helper).encode(encoding)
            parts[name] = serialize_part_xml(parse_xml(xml))
        for name, part in self._footnotes.items():
            parts[name] = part.render(context, self.path, self._helper).encode("utf-8")
        if self._core_name:
            parts[self._core_name] = self._core_properties(context)
        if (
            self._body.direct
            and not ROWLESS_TABLE.search(body)
            and body.count("<w:sectPr") < 2
            and CONTENT_TABLE not in body
        ):
            parts[self._document_name] = self._frame.wrap(body.encode("utf-8"))
        else:
            # docxtpl's `fix_tables`, and columns a loop made share the width by content
            tree = fix_tables(body)
            space_after_tables(tree)
            fold_last_section(tree)
            if "docPr" in body:  # docxtpl's `fix_docpr_ids`, from 1001 in each document
                for number, element in enumerate(tree.xpath("//wp:docPr", namespaces=nsmap), 1001):
                    element.attrib["id"] = str(number)
            parts[self._document_name] = self._frame.wrap(
                etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
            )
        static = {**self._static, **replaced} if replaced else self._static
        return write_zip(
            static[name] if name in static else ZipMember.deflate(name, parts[name], FAST)
            for name in self._order
        )

    def _core_properties(self, context: dict[str, Any]) -> bytes:
        part = CorePropertiesPart.load(
            PackURI("/" + self._core_name), CT.OPC_CORE_PROPERTIES, self._core_blob, None
        )
        core = part.core_properties
        try:
            for name, template in self._core_templates.items():
                setattr(core, name, template.render(context))
        except TemplateError as exc:
            raise render_error(self.path, exc, "") from exc
        return serialize_part_xml(part.element)
