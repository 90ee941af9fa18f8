"""What ND30 allows in more than one way is accepted in each way.

Ruled lines as a drawn shape, a paragraph border or underscores; both tone-mark
placements; blank numbers and dates left for the clerk; signature blocks laid out
per cell or as a grid of lines over names; recipients in the signature table or
after it, typed dashes or list bullets.
"""

from __future__ import annotations

import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from generator.check.decision import PART_LABELS as FURTHER_LABELS
from generator.metrics import text_width_pt

MOTTO_WIDTH = text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, True)
EMU_PER_PT = 12700
VML = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _replace_text(par, text: str) -> None:
    runs = [r for r in par.runs if r.text]
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _plain(par) -> None:
    """Drop the border and indents of the Tiêu ngữ rule paragraph."""
    ppr = par._p.get_or_add_pPr()
    for tag in ("w:pBdr", "w:ind"):
        found = ppr.find(qn(tag))
        if found is not None:
            ppr.remove(found)


def _drawing(width_pt: float) -> str:
    return (
        f"<w:drawing {nsdecls('w', 'wp', 'a')} "
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        f'</wp:posOffset></wp:positionV><wp:extent cx="{int(width_pt * EMU_PER_PT)}" cy="0"/>'
        '<wp:wrapNone/><wp:docPr id="7" name="Line 7"/>'
        "<a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{int(width_pt * EMU_PER_PT)}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def _vml_line(width_pt: float) -> str:
    return (
        f'<w:pict {nsdecls("w")} xmlns:v="{VML}"><v:line from="0,0" '
        f'to="{width_pt:.1f}pt,0" strokeweight=".5pt"/></w:pict>'
    )


def _add_to_run(par, xml: str) -> None:
    run = par.add_run()
    run._r.append(parse_xml(xml))


def _motto_shape(g, xml: str) -> None:
    par = g.para("motto_rule")
    _plain(par)
    _add_to_run(par, xml)


def _alternate(choice_pt: float, fallback_pt: float) -> str:
    return (
        f'<mc:AlternateContent {nsdecls("w")} xmlns:mc="{MC}">'
        f'<mc:Choice Requires="wps">{_drawing(choice_pt)}</mc:Choice>'
        f"<mc:Fallback>{_vml_line(fallback_pt)}</mc:Fallback></mc:AlternateContent>"
    )


def _motto_underscores(g) -> None:
    par = g.para("motto_rule")
    _plain(par)
    count = round(MOTTO_WIDTH / (0.5 * 14 * 2 / 3))
    run = par.add_run("_" * count)
    run.font.size = Pt(14)
    run.font.superscript = True


def _issuer_border(g) -> None:
    par = g.para("issuer_rule")
    _replace_text(par, " ")
    width = text_width_pt("SỞ CÔNG THƯƠNG", 13, True)
    box = g.doc.tables[0].rows[0].cells[0].width.pt - 2 * 108 / 20
    indent = (box - 0.4 * width) / 2
    par.paragraph_format.left_indent = Pt(indent)
    par.paragraph_format.right_indent = Pt(indent)
    ppr = par._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
            'w:space="1" w:color="auto"/></w:pBdr>'
        )
    )


def _dash_bullets(g) -> None:
    numbering = g.doc.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            '<w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for par in g.paras("recipients"):
        _replace_text(par, par.text[2:])
        ppr = par._p.get_or_add_pPr()
        ppr.append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )


def _recipients_after_table(g) -> None:
    table = g.h["signature_table"]
    heading = g.para("recipients_heading")
    items = g.paras("recipients")
    anchor = table._tbl
    for par in [heading, *items]:
        anchor.addnext(par._p)
        anchor = par._p
    cell = table.rows[0].cells[0]
    cell._tc.append(OxmlElement("w:p"))


def _grid(g) -> None:
    """Lines in one row, the name in the row below (names align across columns)."""
    table = g.h["signature_table"]
    row = table.add_row()
    name = g.para("signature_name")
    target = row.cells[1].paragraphs[0]
    target._p.addprevious(name._p)
    row.cells[1]._tc.remove(target._p)
    for par in list(table.rows[0].cells[1].paragraphs):
        if not par.text:
            par._p.getparent().remove(par._p)


def _lone_head(g) -> None:
    lines = g.paras("signature_lines")
    lines[0]._p.getparent().remove(lines[0]._p)
    _replace_text(lines[1], "GIÁM ĐỐC")


def _acting(g) -> None:
    lines = g.paras("signature_lines")
    lines[0]._p.getparent().remove(lines[0]._p)
    _replace_text(lines[1], "Q. GIÁM ĐỐC")


def _three_authority_lines(g) -> None:
    lines = g.paras("signature_lines")
    _replace_text(lines[0], "TM. ỦY BAN NHÂN DÂN")
    el = OxmlElement("w:p")
    lines[0]._p.addnext(el)
    added = Paragraph(el, lines[0]._parent)
    added.alignment = lines[0].alignment
    run = added.add_run("KT. CHỦ TỊCH")
    run.font.size, run.font.bold = Pt(14), True
    _replace_text(lines[1], "PHÓ CHỦ TỊCH")


def _long_issuer(g) -> None:
    """A name that wraps in its cell: the line is measured against the widest line."""
    name = "TRUNG TÂM XÚC TIẾN THƯƠNG MẠI VÀ ĐẦU TƯ"
    _replace_text(g.para("issuer"), name)
    widest = max(
        text_width_pt(part, 13, True) for part in ("TRUNG TÂM XÚC TIẾN THƯƠNG", "MẠI VÀ ĐẦU TƯ")
    )
    _replace_text(g.para("issuer_rule"), "_" * round(0.42 * widest / 6.5))


ACCEPTED = {
    "tone marks, new placement": lambda g: _replace_text(
        g.para("national_title"), "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ),
    "decomposed Unicode": lambda g: _replace_text(
        g.para("national_title"),
        __import__("unicodedata").normalize("NFD", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ),
    "parent with UỶ": lambda g: _replace_text(g.para("parent"), "UỶ BAN NHÂN DÂN TỈNH"),
    "blank number": lambda g: _replace_text(g.para("number"), "Số:      /KH-SCT"),
    "blank number, no-break spaces": lambda g: _replace_text(
        g.para("number"), "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-SCT"
    ),
    "number above 9": lambda g: _replace_text(g.para("number"), "Số: 105/PĐTĐ-CTĐP-CĐC"),
    "number with year": lambda g: _replace_text(g.para("number"), "Số: 30/2020/NĐ-CP"),
    "blank date": lambda g: _replace_text(g.para("date"), "Hà Nội, ngày      tháng      năm 2024"),
    "month 6 unpadded": lambda g: _replace_text(
        g.para("date"), "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
    ),
    "month 12": lambda g: _replace_text(g.para("date"), "Hà Nội, ngày 31 tháng 12 năm 2024"),
    "motto rule as superscript underscores": _motto_underscores,
    "motto rule as a DrawingML line": lambda g: _motto_shape(g, _drawing(MOTTO_WIDTH)),
    "motto rule as a VML line": lambda g: _motto_shape(g, _vml_line(MOTTO_WIDTH)),
    "motto rule, AlternateContent": lambda g: _motto_shape(g, _alternate(MOTTO_WIDTH, 40)),
    "issuer rule as a border": _issuer_border,
    "issuer name wrapped in its cell": _long_issuer,
    "recipients as list bullets": _dash_bullets,
    "recipients after the signature table": _recipients_after_table,
    "signature grid, names in the row below": _grid,
    "lone head, no prefix": _lone_head,
    "acting head, Q. in the title": _acting,
    "TM. then KT.": _three_authority_lines,
}


@pytest.mark.parametrize("change", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_variation_passes(change, kit) -> None:
    good = kit.build("ke_hoach")
    change(good)
    report = good.check()
    assert report.failed_ids() == set(), report.format_text()
    assert not report.not_evaluated or all(
        r.rule.part in ("cv_subject", "addressee", "marks", *FURTHER_LABELS)
        for r in report.not_evaluated
    ), report.format_text()


REJECTED = {
    "motto shape too short": ("nd30.motto.rule", lambda g: _motto_shape(g, _drawing(100))),
    "motto VML line too long": ("nd30.motto.rule", lambda g: _motto_shape(g, _vml_line(260))),
    "AlternateContent, the shown branch is short": (
        "nd30.motto.rule",
        lambda g: _motto_shape(g, _alternate(100, MOTTO_WIDTH)),
    ),
}


@pytest.mark.parametrize("case", REJECTED.values(), ids=REJECTED.keys())
def test_wrong_line_lengths_fail(case, kit) -> None:
    rule, change = case
    good = kit.build("ke_hoach")
    change(good)
    report = good.check()
    assert report.failed_ids() == {rule}, report.format_text()


def test_border_on_the_subject_itself_spans_the_column(kit) -> None:
    good = kit.build("ke_hoach")
    good.para("subject_rule")._p.getparent().remove(good.para("subject_rule")._p)
    ppr = good.para("subject")._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6"/></w:pBdr>'))
    report = good.check()
    assert report.failed_ids() == {"nd30.subject.rule"}
    (finding,) = [f for f in report.findings if f.rule == "nd30.subject.rule"]
    assert "đường viền dưới đoạn" in finding.detail


def test_no_subject_line_under_the_title(kit) -> None:
    """The subject is optional: a line right under the title leaves no subject to judge."""
    good = kit.build("ke_hoach")
    kit.remove(good.para("subject"))
    report = good.check()
    assert report.failed_ids() == set(), report.format_text()
    assert report.status("nd30.subject.rule") == "not_evaluated"
    assert report.status("nd30.title.case") == "pass"


def test_joint_issuers_each_with_a_line(kit) -> None:
    from generator.check.parts import locate
    from generator.check.reader import read_docx

    good = kit.build("ke_hoach")
    rule = good.para("issuer_rule")
    cell = good.doc.tables[0].rows[0].cells[0]
    added = [
        kit.line(cell, "TỈNH ỦY AN GIANG", 13),
        kit.line(cell, "BAN TUYÊN GIÁO", 13, bold=True),
        kit.line(cell, "______", 13),
    ]
    anchor = rule._p
    for par in added:
        anchor.addnext(par._p)
        anchor = par._p
    report = good.check()
    assert report.failed_ids() == set(), report.format_text()
    parts = locate(read_docx(good.bytes()))
    assert [g[0].stripped for g in parts.items("issuer")] == ["SỞ CÔNG THƯƠNG", "BAN TUYÊN GIÁO"]
    assert [g[0].stripped for g in parts.items("parent")] == ["BỘ CÔNG THƯƠNG", "TỈNH ỦY AN GIANG"]
