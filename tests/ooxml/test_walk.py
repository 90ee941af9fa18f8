"""Paragraphs in body, tables (nested), content controls, text boxes and headers,
each with its one location."""

from __future__ import annotations

import io

import docx
from lxml import etree

from generator.ooxml import Location, open_docx, paragraphs
from generator.ooxml.names import NS, W
from generator.ooxml.walk import BoxFrame, CellFrame

BODY = "word/document.xml"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _box(*texts: str) -> str:
    """A run holding a DrawingML text box (Choice) with a VML copy (Fallback), as Word saves."""
    inner = "".join(_p(t) for t in texts)
    return (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/'
        f'office/word/2010/wordprocessingShape"><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-'
        f'com:vml"><w:txbxContent>{inner}</w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


def _document() -> bytes:
    """A document whose XML is written out here, so each expected place can be counted by eye."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "đầu"
    body = document.element.body
    for child in list(body):
        if child.tag != W + "sectPr":
            body.remove(child)
    cell = "<w:tc>{}</w:tc>"
    nested = f"<w:tbl><w:tr>{cell.format(_p('lồng 1'))}{cell.format(_p('lồng 2'))}</w:tr></w:tbl>"
    xml = (
        _p("một")
        + f"<w:sdt><w:sdtContent>{_p('hai trong điều khiển')}</w:sdtContent></w:sdt>"
        + "<w:tbl><w:tr>"
        + cell.format(_p("ô 1.1"))
        + cell.format(_p("ô 1.2 a") + nested + _p("ô 1.2 b"))
        + "</w:tr><w:sdt><w:sdtContent><w:tr>"
        + cell.format(_p("ô 2.1"))
        + "</w:tr></w:sdtContent></w:sdt></w:tbl>"
        + f"<w:p><w:r><w:t>ba</w:t></w:r>{_box('khung 1', 'khung 2')}</w:p>"
        + "<w:tbl><w:tr>"
        + cell.format(_p("bảng hai"))
        + "</w:tr></w:tbl>"
    )
    wrapper = etree.fromstring(
        f'<w:body xmlns:w="{NS["w"]}">{xml}</w:body>', etree.XMLParser(remove_blank_text=True)
    )
    for index, child in enumerate(wrapper):
        body.insert(index, child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t") if _own(t, p))


def _own(t: etree._Element, p: etree._Element) -> bool:
    return next(a for a in t.iterancestors() if a.tag == W + "p") is p


def test_every_paragraph_once_in_reading_order_with_its_place() -> None:
    package = open_docx(_document())
    walked = [(_text(p.element), p.location) for p in paragraphs(package.body)]
    at = Location
    assert walked == [
        ("một", at("body", BODY, paragraph=1)),
        ("hai trong điều khiển", at("body", BODY, paragraph=2)),
        ("ô 1.1", at("body", BODY, paragraph=1, table=1, row=1, column=1)),
        ("ô 1.2 a", at("body", BODY, paragraph=1, table=1, row=1, column=2)),
        ("lồng 1", at("body", BODY, paragraph=2, table=1, row=1, column=2)),
        ("lồng 2", at("body", BODY, paragraph=3, table=1, row=1, column=2)),
        ("ô 1.2 b", at("body", BODY, paragraph=4, table=1, row=1, column=2)),
        ("ô 2.1", at("body", BODY, paragraph=1, table=1, row=2, column=1)),
        ("ba", at("body", BODY, paragraph=3)),
        # The text box is read once (Word shows the Choice, not the VML Fallback).
        ("khung 1", at("body", BODY, paragraph=3, box=1)),
        ("khung 2", at("body", BODY, paragraph=3, box=2)),
        ("bảng hai", at("body", BODY, paragraph=1, table=2, row=1, column=1)),
    ]


def test_labels_say_the_place_in_one_form() -> None:
    labels = [str(p.location) for p in paragraphs(open_docx(_document()).body)]
    assert labels[0] == "thân văn bản, đoạn 1"
    assert labels[2] == "thân văn bản, bảng 1, hàng 1, cột 1"
    assert labels[4] == "thân văn bản, bảng 1, hàng 1, cột 2, đoạn 2 trong ô"
    assert labels[9] == "thân văn bản, đoạn 3, đoạn 1 trong khung văn bản"
    header = Location("header", "word/header1.xml", paragraph=1)
    assert str(header) == "đầu trang (header1.xml), đoạn 1"
    assert Location("footer", "word/footer2.xml", paragraph=2).as_dict()["part_name"] == (
        "word/footer2.xml"
    )


def test_frames_and_chains_say_what_holds_a_paragraph() -> None:
    walked = {_text(p.element): p for p in paragraphs(open_docx(_document()).body)}
    assert walked["một"].frames == () and walked["một"].chain == ("body",)
    inner = walked["lồng 2"]
    assert [type(f) for f in inner.frames] == [CellFrame, CellFrame]
    assert (inner.frames[1].row, inner.frames[1].column) == (1, 2)
    assert inner.chain == ("body", "tbl", "tr", "tc", "tbl", "tr", "tc")
    boxed = walked["khung 2"]
    assert isinstance(boxed.frames[-1], BoxFrame) and boxed.block == walked["ba"].block
    assert walked["bảng hai"].block == walked["ba"].block + 1


def test_headers_and_footers_are_parts_of_their_own() -> None:
    package = open_docx(_document())
    parts = list(package.parts())
    assert [p.kind for p in parts] == ["body", "header"]
    header = parts[1]
    [placed] = list(paragraphs(header.root, header.kind, header.name))
    assert _text(placed.element) == "đầu"
    assert placed.location == Location("header", header.name, paragraph=1)


def test_the_checker_reads_the_walked_paragraphs_with_their_locations() -> None:
    from generator.check.reader import read_docx

    data = _document()
    model = read_docx(data)
    walked = [p.location for p in paragraphs(open_docx(data).body)]
    assert [p.location for p in model.paras] == walked
    where = {p.text: p.where for p in model.paras}
    assert (where["một"], where["lồng 1"], where["khung 1"]) == ("body", "cell", "textbox")
    [header] = model.sections[0].headers["default"]
    assert str(header.location) == "đầu trang (header1.xml), đoạn 1"
