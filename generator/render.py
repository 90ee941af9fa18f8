"""Render a kind's DOCX template with prepared strings: safely, reproducibly and fast.

docxtpl's defaults are not kept: autoescape is on (a `&` in content would
otherwise make a DOCX Word calls corrupt), undefined names are errors, and the
Jinja environment is sandboxed, so a value that looks like a tag or like XML
is printed as text.

A plain `DocxTemplate` re-reads the package, re-patches and recompiles every
Jinja-bearing part and re-deflates every part for each document, and cannot
be rendered twice. Almost none of that depends on the data, so
`CompiledTemplate` does it once: it applies docxtpl's own preprocessing
(`patch_xml`) to each part that holds tags and compiles it with our
environment, renders the parts that hold none once and for all, and keeps
every unchanged part deflated. Per document it renders only the tagged parts,
applies the same post-processing docxtpl's `render` applies
(`render_xml_part`'s paragraph/newline handling, `resolve_listing`,
`fix_tables`, `fix_docpr_ids`, core properties) and writes the package with
fixed timestamps and part order, so equal input gives equal bytes. The result
is the document docxtpl's own render gives (tests/batch/test_fast_render.py).

Objects that need a live `DocxTemplate` while rendering (InlineImage, Subdoc,
RichText hyperlinks) are not supported; layout hands templates strings only.
"""

from __future__ import annotations

import copy
import io
import os
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.ns import nsmap, qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from generator.limits import LimitExceeded
from generator.zipguard import BadPackage, check_package, verify_members

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
STYLES_PART = "word/styles.xml"
FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
"""Parts written first, the rest in name order (some readers sniff the first entry)."""

JINJA_MARK = re.compile(r"\{[{%#]")
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl's `render_properties` renders, in its order."""

# `render_xml_part` puts each paragraph on its own line so that Jinja error line
# numbers mean something, and takes the line breaks out again afterwards.
_SPLIT_PARAGRAPHS = re.compile(r"<w:p([ >])")
_ESCAPED_TAGS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
# `resolve_listing` only turns these characters into runs, breaks and paragraphs;
# XML without any of them comes out of it unchanged, so its regexes can be skipped.
_LISTING_CHARS = re.compile(r"[\t\a\n\f]")
# A line break in a value (a name broken into lines) is the common case: it becomes a
# `w:br` inside its run, as `resolve_listing` makes it, without its nested passes over
# every paragraph and run.
_OTHER_LISTING_CHARS = ("\t", "\a", "\f")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def _line_breaks(xml: str) -> str | None:
    """`xml` with each `\\n` made a `w:br`, when every one stands in the text of a `w:t`
    (what `resolve_listing` gives then); None when one stands anywhere else."""
    pieces = xml.split("\n")
    for before, after in zip(pieces, pieces[1:], strict=False):
        if "<" in before:  # else the text goes on from the previous break
            tag = before[before.rfind("<") :]
            if not tag.startswith(("<w:t>", "<w:t ")):
                return None
        if "<" in after and not after[after.find("<") :].startswith("</w:t>"):
            return None
    if "<" not in pieces[0] or "<" not in pieces[-1]:
        return None
    return _BREAK.join(pieces)


class TemplateRenderError(Exception):
    """The template could not be rendered with the data it was given (a template mistake)."""

    def __init__(self, template: Path | str, message: str, excerpt: str = ""):
        self.template = str(template)
        self.excerpt = excerpt
        super().__init__(f"{template}: {message}" + (f"\n  near: {excerpt}" if excerpt else ""))


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, remembering which attributes are safe to read.

    Whether an attribute may be read depends only on the object's type and the
    attribute's name (`is_internal_attribute`, `modifies_known_mutable`), and a
    template reads the same few attributes thousands of times per batch.
    """

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


def as_text(value: Any) -> Markup:
    """Every value a template prints, as XML text that nothing after Jinja can reinterpret.

    Escaping makes `<b>` and `&` text. Braces become character references as
    well, because docxtpl turns `{_{` back into `{{` after rendering; a value
    must reach the document exactly as it was written.
    """
    if isinstance(value, Markup):
        return value
    text = escape(value)
    if "{" in text or "}" in text:
        text = Markup(str(text).replace("{", "&#123;").replace("}", "&#125;"))
    return text


def make_environment() -> ImmutableSandboxedEnvironment:
    """The one Jinja environment templates are rendered in."""
    return _Environment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=as_text,
    )


# --- Zip writing -------------------------------------------------------------
#
# `zipfile` cannot write an entry that is already deflated, and deflating the
# unchanged parts again for each document is most of what a package costs. The
# few lines below write the same bytes `zipfile` writes for a seekable target
# (no data descriptors, no extra fields), with the Unix "made by" system pinned
# so that the bytes do not depend on the machine either.

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H")  # then external attributes and the offset
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
        local = _LOCAL.pack(
            b"PK\x03\x04",
            _VERSION,
            0,
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(data),
            len(content),
            len(encoded),
            0,
        )
        central = _CENTRAL.pack(
            b"PK\x01\x02",
            _VERSION,
            _UNIX,
            _VERSION,
            0,
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(data),
            len(content),
            len(encoded),
            0,
            0,
            0,
            0,
        ) + _OFFSET.pack(_MODE)
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


# --- Compile once, render many -----------------------------------------------


def _zip_name(partname: str) -> str:
    return partname.lstrip("/")


class _Part:
    """A Jinja-bearing XML part: its patched source and the template compiled from it."""

    def __init__(
        self, environment: ImmutableSandboxedEnvironment, template_path: Path, patched: str
    ):
        self.source = _SPLIT_PARAGRAPHS.sub(r"\n<w:p\1", patched)
        try:
            self.template: Template = environment.from_string(self.source)
        except TemplateError as exc:
            raise _render_error(template_path, exc, self.source) from exc
        self.direct = _always_well_formed(patched, environment)
        """Its output needs no parsing: see `_always_well_formed`."""

    def render(self, context: dict[str, Any], template_path: Path, helper: DocxTemplate) -> str:
        """docxtpl's `render_xml_part`, with the template compiled beforehand."""
        try:
            xml = self.template.render(context)
        except TemplateError as exc:
            raise _render_error(template_path, exc, self.source) from exc
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped, tag in _ESCAPED_TAGS:
            xml = xml.replace(escaped, tag)
        if not _LISTING_CHARS.search(xml):
            return xml
        other = any(ch in xml for ch in _OTHER_LISTING_CHARS)
        broken = None if other else _line_breaks(xml)
        return broken if broken is not None else helper.resolve_listing(xml)


def _template_line(exc: BaseException) -> int | None:
    """The template line an error happened on: a syntax error says; a runtime error's
    traceback has Jinja's frames for the template code, numbered by template line."""
    line = getattr(exc, "lineno", None)
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _render_error(template: Path, exc: TemplateError, source: str) -> TemplateRenderError:
    excerpt = ""
    line = _template_line(exc)
    if line is not None:
        start = max(line - 4, 0)
        lines = [re.sub(r"<[^>]+>", "", x) for x in source.splitlines()[start : start + 7]]
        excerpt = " ".join(" ".join(lines).split())[:200]
    return TemplateRenderError(template, f"{type(exc).__name__}: {exc}", excerpt)


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
        self._variants: dict[tuple[str, Hashable], ZipMember] = {}
        self._variants_lock = threading.Lock()
        document = helper.docx
        self._body = _Part(environment, self.path, helper.patch_xml(helper.get_xml()))
        self._document_head, self._document_tail, self._declared = _around_body(document._element)
        self._document_name = _zip_name(document.part.partname)
        # Headers, footers and footnotes: compiled when tagged, rendered now when not.
        self._xml_parts: dict[str, tuple[_Part, str]] = {}
        for uri in (helper.HEADER_URI, helper.FOOTER_URI):
            for rel_key, part in list(helper.get_headers_footers(uri)):
                xml = helper.get_part_xml(part)
                encoding = helper.get_headers_footers_encoding(xml)
                patched = helper.patch_xml(xml)
                if JINJA_MARK.search(patched):
                    self._xml_parts[_zip_name(part.partname)] = (
                        _Part(environment, self.path, patched),
                        encoding,
                    )
                else:
                    rendered = helper.render_xml_part(patched, part, {}, environment)
                    helper.map_headers_footers_xml(rel_key, rendered.encode(encoding))
        self._footnotes: dict[str, _Part] = {}
        footnotes = [p for p in document.part.package.parts if p.content_type == CT.WML_FOOTNOTES]
        for part in footnotes:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            patched = helper.patch_xml(blob)
            if JINJA_MARK.search(patched):
                self._footnotes[_zip_name(part.partname)] = _Part(environment, self.path, patched)
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
        self._saved = buffer.getvalue()  # the unchanging parts `variant` starts from
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
        with self._variants_lock:
            found = self._variants.get((name, key))
            if found is None:
                with zipfile.ZipFile(io.BytesIO(self._saved)) as package:
                    original = package.read(name)
                found = self._variants[(name, key)] = ZipMember.deflate(name, change(original))
        return {name: found}

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
        if self._body.direct and not _ROWLESS_TABLE.search(body) and body.count("<w:sectPr") < 2:
            parts[self._document_name] = self._document(body.encode("utf-8"))
        else:
            tree = self._helper.fix_tables(body)
            _fold_last_section(tree)
            if "docPr" in body:  # docxtpl's `fix_docpr_ids`, from 1001 in each document
                for number, element in enumerate(tree.xpath("//wp:docPr", namespaces=nsmap), 1001):
                    element.attrib["id"] = str(number)
            parts[self._document_name] = self._document(
                etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
            )
        static = {**self._static, **replaced} if replaced else self._static
        return write_zip(
            static[name] if name in static else ZipMember.deflate(name, parts[name], FAST)
            for name in self._order
        )

    def _document(self, xml: bytes) -> bytes:
        """The document part around a rendered body, as python-docx would save it.

        docxtpl puts the body into the document tree (`map_tree`) and serializes
        the whole tree; there lxml drops the body's namespace declarations that
        the document element already makes. Dropping them from the body alone
        and putting it between the part's head and tail gives the same XML at a
        fraction of the cost.
        """
        start = _BODY_START.match(xml)
        if start is not None and start.group(2):
            kept = [d for d in _DECLARATION.findall(start.group(2)) if d not in self._declared]
            xml = start.group(1) + b"".join(kept) + xml[start.end(2) :]
        return self._document_head + xml + self._document_tail

    def _core_properties(self, context: dict[str, Any]) -> bytes:
        part = CorePropertiesPart.load(
            PackURI("/" + self._core_name), CT.OPC_CORE_PROPERTIES, self._core_blob, None
        )
        core = part.core_properties
        try:
            for name, template in self._core_templates.items():
                setattr(core, name, template.render(context))
        except TemplateError as exc:
            raise _render_error(self.path, exc, "") from exc
        return serialize_part_xml(part.element)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ANY_TAG = re.compile(r"\{[{%#]|[}%#]\}")
_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)")
_BLOCK_END = {"for": "endfor", "if": "endif"}
_PLAIN_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.For,
    nodes.If,
    nodes.Assign,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.CondExpr,
    nodes.Tuple,
    nodes.List,
    nodes.Slice,
    nodes.BinExpr,
    nodes.UnaryExpr,
    nodes.Test,
)
"""Jinja constructs whose output is escaped text: no filter, call or macro can hand back markup."""
_ROWLESS_TABLE = re.compile(r"</w:tblGrid>(?!\s*<w:tr[ >])")
"""A table all of whose rows a loop or condition left out: `fix_tables` would change its grid."""


def _always_well_formed(patched: str, environment: ImmutableSandboxedEnvironment) -> bool:
    """Whether every rendering of this part is well-formed XML that `fix_tables` and
    `fix_docpr_ids` leave as it is, so that it can be used without parsing it again.

    True when the part, tags read as text, is XML in which every tag stands whole
    in one text node and no attribute holds one; every `for`/`if` block opens,
    continues and closes under one element, so a loop repeats and a condition
    drops whole elements; nothing but plain lookups and comparisons is printed
    (values are escaped, and no filter, call or macro can hand back markup); no
    block stands between the cells of a row; every row of every table (none
    nested) spans its grid exactly; and there are no pictures to renumber. Then
    rows can only be repeated or left out whole, which keeps every table as
    `fix_tables` wants it, except a table left with no row at all, which
    `render` checks for. Anything else takes docxtpl's way: parse, fix, serialize.
    """
    if "docPr" in patched:
        return False
    try:
        root = etree.fromstring(patched.encode("utf-8"))
        tree = environment.parse(patched)
    except (etree.XMLSyntaxError, TemplateError):
        return False
    if not all(isinstance(node, _PLAIN_NODES) for node in tree.find_all(nodes.Node)):
        return False
    blocks: list[tuple[str, etree._Element]] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if any(_ANY_TAG.search(value) for value in element.attrib.values()):
            return False
        text, holder = (
            (element.text, element) if event == "start" else (element.tail, element.getparent())
        )
        if not text or not _ANY_TAG.search(text):
            continue
        if holder is None or holder.tag == W + "tr":
            return False
        if any(
            text.count(a) != text.count(b) for a, b in (("{%", "%}"), ("{{", "}}"), ("{#", "#}"))
        ):
            return False
        for found in _BLOCK_TAG.finditer(text):
            word = found.group(1)
            if word in _BLOCK_END:
                blocks.append((word, holder))
            elif word in ("else", "elif") and blocks and blocks[-1][1] is holder:
                continue
            elif blocks and blocks[-1][1] is holder and word == _BLOCK_END[blocks[-1][0]]:
                blocks.pop()
            elif word != "set":
                return False
    if blocks:
        return False
    for table in root.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        if grid is None or any(t is not table for t in table.iter(W + "tbl")):
            return False
        columns = len(grid.findall(W + "gridCol"))
        after_grid = False
        for child in table:
            if child is grid:
                after_grid = True
            elif after_grid and child.tag != W + "tr":
                return False
        for row in table.iter(W + "tr"):
            if row.getparent() is not table:
                return False
            spans = 0
            for cell in row.iter(W + "tc"):
                if cell.getparent() is not row:
                    return False
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                value = span.get(W + "val", "1") if span is not None else "1"
                if not value.isdigit():
                    return False
                spans += int(value)
            if spans != columns:
                return False
    return True


def _fold_last_section(tree: etree._Element) -> None:
    """A template ends each repeated section (an annex) with a paragraph that holds only the
    section's properties; after the last one the body's own properties would make an empty
    trailing section (a blank page). The last such paragraph's properties become the body's."""
    body = tree if tree.tag == W + "body" else tree.find(W + "body")
    if body is None or len(body) < 2 or body[-1].tag != W + "sectPr":
        return
    last = body[-2]
    inner = last.find(f"{W}pPr/{W}sectPr")
    if last.tag != W + "p" or inner is None or last.find(f".//{W}r") is not None:
        return
    body.replace(body[-1], inner)
    body.remove(last)


_BODY_START = re.compile(rb"(<w:body)((?:\s+xmlns(?::[\w.-]+)?=\"[^\"]*\")*)")
_DECLARATION = re.compile(rb"\s+xmlns(?::[\w.-]+)?=\"[^\"]*\"")


def _around_body(root: etree._Element) -> tuple[bytes, bytes, set[bytes]]:
    """The document part before and after its body, and the namespace declarations in scope there."""
    skeleton = copy.deepcopy(root)
    body = skeleton.find(qn("w:body"))
    marker = etree.SubElement(skeleton, qn("w:body"))
    skeleton.replace(body, marker)
    xml = serialize_part_xml(skeleton)
    head, found, tail = xml.partition(b"<w:body/>")
    if not found or b"<w:body/>" in tail:
        raise ValueError("document part without exactly one w:body")
    declared = {
        b' xmlns%s="%s"' % ((b":" + p.encode()) if p else b"", uri.encode())
        for p, uri in root.nsmap.items()
    }
    return head, tail, declared


_COMPILED: dict[tuple[str, int, int], CompiledTemplate] = {}
_COMPILED_LOCK = threading.Lock()


def compiled_template(template: Path | str) -> CompiledTemplate:
    """The compiled form of `template`, compiled once per process (again if the file changes)."""
    path = Path(template)
    name = os.path.abspath(template)  # no symlink resolution: this runs for every document
    try:
        stat = os.stat(name)
    except OSError as exc:
        raise TemplateRenderError(path, f"không đọc được mẫu DOCX: {exc.strerror}") from exc
    key = (name, stat.st_mtime_ns, stat.st_size)
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
        if found is None:
            for stale in [k for k in _COMPILED if k[0] == key[0]]:
                del _COMPILED[stale]
            found = _COMPILED[key] = CompiledTemplate(path)
    return found


def render_docx(
    template: Path,
    context: dict[str, Any],
    restyle: tuple[Hashable, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """Render `template` with `context` and return the DOCX bytes; `restyle` (a key and a
    change) changes its styles part, as a regime's sizes do (generator/regime_styles.py)."""
    compiled = compiled_template(template)
    if restyle is None:
        return compiled.render(context)
    key, change = restyle
    return compiled.render(context, compiled.variant(STYLES_PART, key, change))
