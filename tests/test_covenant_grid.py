"""Covenants: members named in the body, one signature block per member, two to a row."""

from __future__ import annotations

import math

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN

from generator.content.load import load_content_text
from generator.pipeline import render_model
from tests.docxread import body_paragraphs, cell_paragraphs, look, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_WIDTH_TWIPS = 11906 - 1701 - 851


def covenant(n: int) -> str:
    members = []
    for i in range(1, n + 1):
        role = "Khối trưởng" if i == 1 else "Khối phó" if i == 2 else None
        authority = "\n      authority: KT. Giám đốc" if i % 3 == 0 else ""
        members.append(
            f"  - name: Sở Công Thương tỉnh số {i} có tên rất dài để thử xuống dòng\n"
            + (f"    role: {role}\n" if role else "")
            + f"    signatory:{authority}\n      title: {'Phó Giám đốc' if authority else 'Giám đốc'}\n"
            f"      name: Người Ký Số {i}\n"
        )
    return (
        "kind: giao_uoc\nissuers:\n  - parent: Bộ Công Thương\n    name: Cụm thi đua số XI\n"
        "    abbr: CTĐXI\nplace: Thành phố Cần Thơ\ndate: 2023-05-10\nsubject: Năm 2023\n"
        "contents:\n  - Thực hiện tốt nhiệm vụ.\nmembers:\n"
        + "".join(members)
        + "recipients:\n  - Vụ Thi đua - Khen thưởng (để b/c)\narchive: [VP]\n"
    )


@pytest.mark.parametrize("n", [2, 3, 7, 16, 30])
def test_grid_has_one_block_per_member_two_to_a_row_inside_the_page(n):
    doc = open_docx(render_model(load_content_text(covenant(n))).docx)
    # the first row in a table of its own (kept with the body's end), the others after it
    grids = doc.tables[1:]
    assert [len(g.rows) for g in grids] == [1] + ([math.ceil(n / 2) - 1] if n > 2 else [])
    for grid in grids:  # the tables fit the text width: nothing reaches past the margins
        widths = [int(c.get(f"{W}w")) for c in grid._tbl.tblGrid.findall(f"{W}gridCol")]
        assert len(widths) == 2 and sum(widths) <= TEXT_WIDTH_TWIPS
        assert grid._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    blocks = []
    for grid, r in [(g, r) for g in grids for r in range(len(g.rows))]:
        for c in (0, 1):
            paras = cell_paragraphs(grid, r, c)
            lines = [p.text for p in paras if p.style.name == "VB Thẩm quyền, chức vụ"]
            names = [p.text for p in paras if p.style.name == "VB Họ tên người ký"]
            if names:  # a shorter block is padded with empty lines (level names: tests/pdf)
                blocks.append(([t for t in lines if t], names))
    assert len(blocks) == n
    # two signers: the lead (listed first) stands on the right; more: in the listed order
    order = [2, 1] if n == 2 else list(range(1, n + 1))
    for i, (lines, names) in zip(order, blocks, strict=True):
        # the long unit is broken into lines (`\n`) where a clerk would: see test_linebreak.py
        unit = lines[0].split("\n")
        assert " ".join(unit) == f"SỞ CÔNG THƯƠNG TỈNH SỐ {i} CÓ TÊN RẤT DÀI ĐỂ THỬ XUỐNG DÒNG"
        assert unit[0] == "SỞ CÔNG THƯƠNG"
        assert names == [f"Người Ký Số {i}"]
        if i % 3 == 0:
            assert lines[1:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
        else:
            assert lines[1:] == ["GIÁM ĐỐC"]
    # rows keep a block together on one page
    for row in [row for g in grids for row in g.rows]:
        assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
    first = look(doc, cell_paragraphs(grids[0], 0, 0)[0])
    assert (first.size, first.bold, first.alignment) == (14, True, ALIGN.CENTER)


def test_members_and_roles_are_named_in_the_body():
    doc = open_docx(render_model(load_content_text(covenant(3))).docx)
    texts = [p.text for p in body_paragraphs(doc)]
    members = [t for t in texts if t.startswith("- Sở Công Thương")]
    assert members == [
        "- Sở Công Thương tỉnh số 1 có tên rất dài để thử xuống dòng (Khối trưởng);",
        "- Sở Công Thương tỉnh số 2 có tên rất dài để thử xuống dòng (Khối phó);",
        "- Sở Công Thương tỉnh số 3 có tên rất dài để thử xuống dòng.",
    ]
    assert "GIAO ƯỚC THI ĐUA" in texts
    assert "Số:" in doc.tables[0].cell(1, 0).text and "/GƯTĐ-CTĐXI" in doc.tables[0].cell(1, 0).text


@pytest.mark.parametrize("n", [2, 3])
def test_recipients_stand_in_the_last_row_under_the_left_block(n):
    """In the row's own cell, `Nơi nhận` cannot be pushed alone onto a page of its own."""
    grid = open_docx(render_model(load_content_text(covenant(n))).docx).tables[-1]
    last = len(grid.rows) - 1
    texts = [p.text for p in cell_paragraphs(grid, last, 0) if p.text]
    assert texts[-3:] == ["Nơi nhận:", "- Vụ Thi đua - Khen thưởng (để b/c);", "- Lưu: VT, VP."]
    if n == 2:  # under the second signer's name
        assert texts[-4] == "Người Ký Số 2"
    else:  # the last row's left cell holds the third block, then the recipients
        assert texts[-4] == "Người Ký Số 3"
    for r in range(last):
        assert "Nơi nhận:" not in [p.text for p in cell_paragraphs(grid, r, 0)]
