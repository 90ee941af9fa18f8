"""Tables as printed by the DOCX: numbers right-aligned, columns by content, the end kept.

content-format.md, "Tables and annexes"; nd30-format.md §7 (a signature never stands
alone on a page). The PDF side of the same is tests/pdf/test_pdf_body_end.py.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml.ns import qn
from docx.shared import Mm

from generator.columns import share
from generator.content.load import load_content
from generator.pipeline import render_model
from tests.docxread import look, open_docx
from tests.pdf.samples import LAST_ROW, article_end_data, table_end_data, write_yaml

NOTICE = "thong-bao-ket-qua-cum-iii-2023"  # columns Đơn vị, Điểm, Xếp hạng
TEXT_WIDTH = Mm(210 - 30 - 15)


def _data_table(doc):
    """The table whose header row repeats (the content's table)."""
    return next(t for t in doc.tables if t.rows[0]._tr.find(".//{*}tblHeader") is not None)


def _keeps_with_next(paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return bool(paragraph.paragraph_format.keep_with_next)


def _render(tmp_path, data: dict):
    path = write_yaml(data, tmp_path / "content.yaml")
    return open_docx(render_model(load_content(path)).docx)


def test_numbers_are_right_aligned_and_text_left(rendered_examples):
    doc = open_docx(rendered_examples[NOTICE])
    table = _data_table(doc)
    body = table.rows[1:]
    for row in body:
        unit, score, rank = (c.paragraphs[0] for c in row.cells[1:4])
        assert look(doc, unit).alignment in (None, ALIGN.LEFT), unit.text
        assert look(doc, score).alignment == ALIGN.RIGHT, score.text
        assert look(doc, rank).alignment == ALIGN.RIGHT, rank.text
    assert [r.cells[2].text for r in body] == ["97", "95,5", "94,75", "94,5"]


def test_columns_share_the_width_by_content(rendered_examples):
    doc = open_docx(rendered_examples[NOTICE])
    table = _data_table(doc)
    grid = [int(c.get(c.tag.replace("gridCol", "w"))) for c in table._tbl.tblGrid]
    assert abs(sum(grid) - TEXT_WIDTH.twips) <= 2, "the table keeps the text width"
    stt, unit, score, rank = grid
    assert stt < TEXT_WIDTH.twips / 10, f"STT takes {stt} of {sum(grid)} twips"
    assert unit > max(stt, score, rank) * 2, f"the names' column is not the widest: {grid}"
    for row in table.rows:  # every cell says the width of its grid column
        widths = [c.width.twips if c.width is not None else None for c in row.cells]
        if len({id(c._tc) for c in row.cells}) == len(grid):
            assert widths == grid


def test_share_keeps_the_total_and_never_goes_under_the_longest_word():
    wants = [(400.0, 400.0), (900.0, 6000.0), (700.0, 700.0)]
    widths = share(wants, 5000)
    assert sum(widths) == 5000
    assert widths[0] >= 400 and widths[2] >= 700 and widths[1] >= 900
    assert share([(300.0, 300.0), (500.0, 2000.0)], 9000)[0] == 300  # STT stays narrow
    assert sum(share([(3000.0, 4000.0), (4000.0, 5000.0)], 6000)) == 6000


def test_a_table_ending_the_body_keeps_its_last_row_with_the_signature(tmp_path):
    doc = _render(tmp_path, table_end_data(3))
    table = _data_table(doc)
    numbers = [row.cells[0].paragraphs[0] for row in table.rows[1:]]
    assert table.rows[-1].cells[1].text == LAST_ROW
    assert _keeps_with_next(numbers[-1]), "the last row does not keep with the signature"
    assert not any(_keeps_with_next(p) for p in numbers[:-1]), "only the last row keeps"


def _body_texts(doc) -> list[str]:
    """The text of every top-level paragraph, in order (tables' cells left out)."""
    return [p.text for p in doc.paragraphs if p.text.strip()]


def test_a_table_ending_the_body_is_followed_by_the_end_mark(tmp_path):
    # content-format.md: the body always ends with `./.`; with a table last, it comes after
    # the table, never on the heading or item printed above it.
    data = table_end_data(0)  # the section holds the table alone
    doc = _render(tmp_path, data)
    texts = _body_texts(doc)
    assert "I. KẾT QUẢ CHẤM ĐIỂM" in texts, texts
    assert not any(t.endswith("./.") for t in texts if t != "./."), texts
    end = next(p for p in doc.paragraphs if p.text == "./.")
    table = _data_table(doc)._tbl
    assert table.getnext() is end._p, "the end mark stands right after the table"
    assert _keeps_with_next(end), "the end mark keeps with the signature"
    last_number = _data_table(doc).rows[-1].cells[0].paragraphs[0]
    assert _keeps_with_next(last_number), "the last row keeps with the end mark"


def test_a_table_note_ending_the_body_takes_the_end_mark(tmp_path):
    data = table_end_data(1)
    data["sections"][0]["items"][-1]["table"]["note"] = "Điểm tối đa là 100 điểm."
    doc = _render(tmp_path, data)
    texts = _body_texts(doc)
    ends = [t for t in texts if t.endswith("./.")]
    assert ends == ["Điểm tối đa là 100 điểm./."], texts
    note = next(p for p in doc.paragraphs if p.text == ends[0])
    assert _keeps_with_next(note)
    assert _keeps_with_next(_data_table(doc).rows[-1].cells[0].paragraphs[0])


def test_a_table_inside_the_body_keeps_no_row(rendered_examples):
    doc = open_docx(rendered_examples[NOTICE])  # a section follows the table
    table = _data_table(doc)
    assert not any(_keeps_with_next(r.cells[0].paragraphs[0]) for r in table.rows[1:])


def test_an_article_ending_the_body_keeps_with_the_signature(tmp_path):
    doc = _render(tmp_path, article_end_data(2))
    last = next(p for p in doc.paragraphs if p.text.endswith("./."))
    assert last.text.startswith("Điều 3.")
    assert last.runs[0].bold and last.runs[0].text == "Điều 3."
    assert _keeps_with_next(last)


def test_the_paragraph_after_a_table_gets_6_pt_before_it(rendered_examples):
    # nd30-format.md §6: paragraphs stand ≥ 6 pt apart; a table has no spacing of its own.
    doc = open_docx(rendered_examples[NOTICE])
    table = _data_table(doc)._tbl
    after = table.getnext()
    assert after.tag == qn("w:p")
    properties = after.find(qn("w:pPr"))
    spacing = properties.find(qn("w:spacing"))
    assert spacing.get(qn("w:before")) == "120"
    # In the schema's order: after the style, before the indent and alignment.
    tags = [child.tag for child in properties]
    assert tags.index(qn("w:spacing")) > tags.index(qn("w:pStyle"))
    # The header table's next paragraph, the type line, keeps its template's spacing.
    header_next = doc.tables[0]._tbl.getnext()
    assert header_next.find(f"{qn('w:pPr')}/{qn('w:spacing')}") is None


def test_only_a_paragraph_right_after_a_content_table_is_spaced():
    from lxml import etree

    from generator.render.table_spacing import space_after_tables

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = etree.fromstring(
        f'<w:body xmlns:w="{w}">'
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableHead"/></w:pPr></w:p></w:tc></w:tr>'
        "</w:tbl>"
        '<w:p><w:pPr><w:pStyle w:val="X"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>'
        "</w:pPr></w:p>"
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>"
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableHead"/></w:pPr></w:p></w:tc></w:tr>'
        '</w:tbl><w:p><w:pPr><w:spacing w:before="240" w:after="0"/></w:pPr></w:p>'
        "</w:body>"
    )
    space_after_tables(body)
    spaced, plain, kept = (p for p in body if p.tag == f"{{{w}}}p")
    assert [c.tag.split("}")[1] for c in spaced[0]] == ["pStyle", "spacing", "ind", "jc"]
    assert spaced[0][1].get(f"{{{w}}}before") == "120"
    assert len(plain) == 0  # after a table without a column heading: untouched
    assert kept[0][0].get(f"{{{w}}}before") == "240"  # more than 6 pt already
