"""Effective formatting is resolved the way Word does it (ECMA-376 §17.7)."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from generator.check.reader import read_docx


def _read(doc):
    out = io.BytesIO()
    doc.save(out)
    return read_docx(out.getvalue())


def _runs(model, text: str):
    para = next(p for p in model.paras if p.stripped == text)
    return para.text_runs


def _doc_defaults(doc, rpr_xml: str) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for child in parse_xml(f"<w:rPr {nsdecls('w')}>{rpr_xml}</w:rPr>"):
        rpr.append(child)


def test_doc_defaults_reach_runs_without_formatting() -> None:
    doc = docx.Document()
    _doc_defaults(
        doc, '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
    )
    doc.add_paragraph("Văn bản")
    (run,) = _runs(_read(doc), "Văn bản")
    assert (run.font_ascii, run.font_hansi, run.size) == ("Times New Roman", "Times New Roman", 14)


def test_theme_fonts_are_resolved() -> None:
    doc = docx.Document()  # docDefaults name minorHAnsi; python-docx's theme makes it Cambria
    doc.add_paragraph("Văn bản")
    (run,) = _runs(_read(doc), "Văn bản")
    assert run.font_hansi == "Cambria"


def test_based_on_chain_and_character_style() -> None:
    doc = docx.Document()
    base = doc.styles.add_style("Base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.bold = True
    base.font.size = Pt(13)
    derived = doc.styles.add_style("Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    derived.font.italic = True
    small = doc.styles.add_style("Small", WD_STYLE_TYPE.CHARACTER)
    small.font.size = Pt(11)
    par = doc.add_paragraph("kế thừa", style=derived)
    par.add_run(" nhỏ", style=small)
    model = _read(doc)
    first, second = _runs(model, "kế thừa nhỏ")
    assert (first.bold, first.italic, first.size) == (True, True, 13)
    assert (second.bold, second.italic, second.size) == (True, True, 11)


def test_toggle_properties_xor_between_styles_and_direct_is_absolute() -> None:
    doc = docx.Document()
    bold_para = doc.styles.add_style("BoldPara", WD_STYLE_TYPE.PARAGRAPH)
    bold_para.font.bold = True
    bold_char = doc.styles.add_style("BoldChar", WD_STYLE_TYPE.CHARACTER)
    bold_char.font.bold = True
    par = doc.add_paragraph(style=bold_para)
    par.add_run("a", style=bold_char)  # bold XOR bold: upright
    direct = par.add_run("b", style=bold_char)
    direct.font.bold = True  # direct formatting wins
    par.add_run("c")  # paragraph style only: bold
    off = par.add_run("d")
    off.font.bold = False
    runs = {r.text: r.bold for r in _runs(_read(doc), "abcd")}
    assert runs == {"a": False, "b": True, "c": True, "d": False}


def test_table_style_formats_cell_text() -> None:
    doc = docx.Document()
    style = parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:styleId="Small11">'
        '<w:name w:val="Small11"/><w:rPr><w:sz w:val="22"/><w:i/></w:rPr>'
        '<w:tblPr><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
    )
    doc.styles.element.append(style)
    table = doc.add_table(rows=1, cols=1)
    table.style = doc.styles["Small11"]
    table.rows[0].cells[0].paragraphs[0].add_run("ô")
    model = _read(doc)
    (run,) = _runs(model, "ô")
    assert (run.size, run.italic) == (11, True)
    para = next(p for p in model.paras if p.stripped == "ô")
    assert para.cell is not None
    # No cell margins in this style: the text box is the whole cell.
    assert abs(para.box_width - table.rows[0].cells[0].width.pt) < 0.1


def test_caps_and_hidden_text() -> None:
    doc = docx.Document()
    par = doc.add_paragraph()
    shown = par.add_run("cộng hòa")
    shown.font.all_caps = True
    hidden = par.add_run(" ẩn")
    hidden.font.hidden = True
    model = _read(doc)
    para = next(p for p in model.paras if p.runs)
    assert para.text == "CỘNG HÒA"


def test_paragraph_properties_inherit_attribute_by_attribute() -> None:
    doc = docx.Document()
    style = doc.styles.add_style("Spaced", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.space_before = Pt(6)
    style.paragraph_format.first_line_indent = Pt(28)
    par = doc.add_paragraph("đoạn", style=style)
    par.paragraph_format.space_after = Pt(3)
    model = _read(doc)
    para = next(p for p in model.paras if p.stripped == "đoạn")
    assert (para.space_before, para.space_after, para.first_line) == (6, 3, 28)
