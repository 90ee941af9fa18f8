"""The compile-once render gives the document docxtpl's own render gives, part for part."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from generator.columns import fit_columns
from generator.content.load import load_content
from generator.kinds import get_kind
from generator.layout import build_context
from generator.render import TemplateRenderError, render_docx
from generator.render.cache import compiled_template
from generator.render.compiled import CompiledTemplate
from generator.render.environment import make_environment
from generator.render.table_spacing import space_after_tables
from generator.render.zip_writer import ZIP_EPOCH, ZipMember, normalise_package, write_zip

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.yaml"))


def plain_render(template: Path, context: dict) -> bytes:
    """docxtpl as its documentation shows it: a fresh DocxTemplate, render, save."""
    document = DocxTemplate(str(template))
    document.render(context, jinja_env=make_environment(), autoescape=True)
    # The one step vanban adds: an annex loop ends each annex's section with a paragraph
    # holding only its properties; the last of them becomes the body's own (no blank page).
    body = document.docx.element.body
    # And columns a `{%tc for %}` loop made share the table's width by what they hold.
    fit_columns(body)
    # And the paragraph after a content table stands 6 pt below it.
    space_after_tables(body)
    last = body[-2] if len(body) > 1 else None
    if last is not None and last.tag == qn("w:p") and last.find(qn("w:r")) is None:
        inner = last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if inner is not None:
            body.replace(body[-1], inner)
            body.remove(last)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def assert_same_document(fast: bytes, plain: bytes) -> None:
    ours, theirs = parts(fast), parts(plain)
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        if name.endswith((".xml", ".rels")):
            assert canonical(ours[name]) == canonical(theirs[name]), name
        else:
            assert ours[name] == theirs[name], name


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_render_as_docxtpl_renders_them(example: Path) -> None:
    content = load_content(example)
    kind = get_kind(content.kind)
    context = build_context(content, kind).as_dict()
    fast = render_docx(kind.template, context)
    assert_same_document(fast, plain_render(kind.template, context))
    assert fast == render_docx(kind.template, context)  # and again, the same bytes
    assert fast == CompiledTemplate(kind.template).render(context)  # a fresh compile too


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13)
    + b"IHDR"
    + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    + struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)))
    + struct.pack(">I", 10)
    + b"IDAT"
    + zlib.compress(b"\x00\x00")[:10].ljust(10, b"\x00")
    + struct.pack(">I", 0)
    + struct.pack(">I", 0)
    + b"IEND"
    + struct.pack(">I", zlib.crc32(b"IEND"))
)


@pytest.fixture
def busy_template(tmp_path: Path) -> Path:
    """Tags in the body, a header, a footer and the core properties; a column loop; pictures."""
    document = Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph("{{ text }}")
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "{%tc for c in columns %}"
    table.cell(0, 1).text = "{{ c }}"
    table.cell(0, 2).text = "{%tc endfor %}"
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG)
    document.add_picture(str(picture))
    document.add_picture(str(picture))
    section = document.sections[0]
    section.header.paragraphs[0].text = "Số: {{ number }}"
    section.footer.paragraphs[0].text = "Trang cuối"  # no tag: rendered once, when compiled
    document.core_properties.title = "{{ title }}"
    document.core_properties.subject = "Năm {{ year }}"
    path = tmp_path / "busy.docx"
    document.save(str(path))
    return path


CONTEXT = {
    "title": "Giao ước & <cam kết>",
    "text": "Dòng một\nDòng hai\tcột",
    "number": "05",
    "year": 2024,
    "columns": ["A", "B", "C", "D"],
}


def test_every_docxtpl_step_is_applied(busy_template: Path) -> None:
    fast = CompiledTemplate(busy_template).render(CONTEXT)
    plain = plain_render(busy_template, CONTEXT)
    assert_same_document(fast, plain)
    body = parts(fast)["word/document.xml"].decode()
    assert body.count("<w:gridCol") == 4  # fix_tables widened the grid to the loop's columns
    assert "<w:br/>" in body and "<w:tab/>" in body  # resolve_listing
    assert 'id="1001"' in body and 'id="1002"' in body  # fix_docpr_ids
    assert "Giao ước &amp; &lt;cam kết&gt;" in body
    headers = [v.decode() for k, v in parts(fast).items() if k.startswith("word/header")]
    assert any("Số: 05" in h for h in headers)
    assert "<dc:subject>Năm 2024</dc:subject>" in parts(fast)["docProps/core.xml"].decode()


def test_line_breaks_alone_take_the_short_way_to_the_same_document(busy_template: Path) -> None:
    """Names broken into lines carry `\n` and nothing else docxtpl's listing step handles."""
    context = dict(CONTEXT, text="ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n& <khác>")
    fast = CompiledTemplate(busy_template).render(context)
    assert_same_document(fast, plain_render(busy_template, context))
    body = parts(fast)["word/document.xml"].decode()
    assert body.count("<w:br/>") == 2 and "<w:tab/>" not in body


def test_a_value_that_looks_like_a_tag_stays_text(busy_template: Path) -> None:
    context = dict(CONTEXT, title="{{ year }} {_{ x }_} {% if %}")
    fast = CompiledTemplate(busy_template).render(context)
    assert_same_document(fast, plain_render(busy_template, context))


def test_template_mistakes_are_reported(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("{{ missing.name }}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(path, {})
    assert "UndefinedError" in str(caught.value) and "missing.name" in caught.value.excerpt
    document.add_paragraph("{% if %}")
    document.save(str(path))
    with pytest.raises(TemplateRenderError, match="TemplateSyntaxError"):
        CompiledTemplate(path)


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("một {{ x }}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    first = compiled_template(path)
    assert compiled_template(path) is first
    document.add_paragraph("hai {{ x }}")
    document.save(str(path))
    second = compiled_template(path)
    assert second is not first
    assert "hai" in parts(second.render({"x": 1}))["word/document.xml"].decode()


def test_the_zip_writer_writes_what_zipfile_writes() -> None:
    entries = [
        ("[Content_Types].xml", b"<Types/>" * 40),
        ("word/document.xml", "Việt".encode() * 300),
        ("word/tên.xml", b"<x/>"),
    ]
    ours = write_zip(ZipMember.deflate(name, data) for name, data in entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    assert ours == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        assert package.testzip() is None


def test_normalise_package_orders_and_dates_parts() -> None:
    example = EXAMPLES[0]
    content = load_content(example)
    kind = get_kind(content.kind)
    plain = plain_render(kind.template, build_context(content, kind).as_dict())
    fixed = normalise_package(plain)
    with zipfile.ZipFile(io.BytesIO(fixed)) as package:
        names = package.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert names[2:] == sorted(names[2:])
        assert {i.date_time for i in package.infolist()} == {ZIP_EPOCH}
    assert parts(fixed) == parts(plain)


def table_template(tmp_path: Path) -> Path:
    """Only plain lookups, paragraph and row loops: rendered without parsing it again."""
    document = Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph("{%p if flag %}")
    document.add_paragraph("Có cờ: {{ title }}")
    document.add_paragraph("{%p endif %}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for r in rows %}"
    table.cell(1, 0).text = "{{ r.a }}"
    table.cell(1, 1).text = "{% if r.b %}{{ r.b }}{% else %}-{% endif %}"
    table.cell(2, 0).text = "{%tr endfor %}"
    path = tmp_path / "table.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("rows", [[], [{"a": "1", "b": "x"}, {"a": "2", "b": ""}]])
@pytest.mark.parametrize("flag", [True, False])
def test_the_unparsed_way_gives_the_same_document(tmp_path: Path, rows: list, flag: bool) -> None:
    path = table_template(tmp_path)
    template = CompiledTemplate(path)
    assert template._body.direct
    context = {"title": "\"Trích\" 'dẫn' & <b> {{ x }}", "flag": flag, "rows": rows}
    assert_same_document(template.render(context), plain_render(path, context))


def test_a_block_across_paragraphs_takes_docxtpl_s_way(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("{% if flag %}một")
    document.add_paragraph("hai{% endif %}")
    path = tmp_path / "across.docx"
    document.save(str(path))
    template = CompiledTemplate(path)
    assert not template._body.direct
    for flag in (True, False):
        assert_same_document(template.render({"flag": flag}), plain_render(path, {"flag": flag}))


@pytest.mark.parametrize(
    "text",
    [
        "{{ x|safe }}",
        "{{ x|upper }}",
        "{{ f(x) }}",
        "{% macro m() %}a{% endmacro %}",
        "{% with y = 1 %}{% endwith %}",
    ],
)
def test_anything_but_plain_lookups_takes_docxtpl_s_way(tmp_path: Path, text: str) -> None:
    document = Document()
    document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert not CompiledTemplate(path)._body.direct
