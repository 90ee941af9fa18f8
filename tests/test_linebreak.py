"""Capitalised names break where a clerk breaks them (content-format.md, "Text as people type it").

Expected breaks are the ones the content spec and a clerk give (`ỦY BAN NHÂN DÂN` /
`TỈNH NGHỆ AN`); word boundaries come from tests/names.py, written apart from the code.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator import layout, page
from generator.content.load import load_content
from generator.kinds import get_kind
from generator.linebreak import Box, name_lines
from generator.metrics import text_width_pt
from generator.nd30.text import upper
from tests.names import (
    OTHER_NAMES,
    PEOPLES_COMMITTEES,
    PROVINCES_2025,
    UNIONS,
    UNITS,
    inside_word,
    level,
    plain,
)

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOXES = {
    "parent": layout.PARENT_BOX,
    "issuer": layout.ISSUER_BOX,
    "signature": layout.SIGNER_BOX,
}
TITLE = (
    "Phát_động phong_trào thi_đua yêu_nước trong toàn ngành Công_Thương giai_đoạn 2025 - 2030 "
    "hướng_tới kỷ_niệm 80 năm ngày truyền_thống"
)
ALL_NAMES = UNITS + PEOPLES_COMMITTEES + UNIONS + OTHER_NAMES


def fits(line: str, box: Box) -> bool:
    return text_width_pt(line, box.size_pt, box.bold) <= box.width_pt


def line_starts(lines: list[str]) -> set[int]:
    """Indexes of the syllables that start the second and later lines."""
    out, count = set(), 0
    for line in lines[:-1]:
        count += len(line.split())
        out.add(count)
    return out


@pytest.mark.parametrize("box_name", BOXES)
@pytest.mark.parametrize("gold", ALL_NAMES)
def test_a_name_is_never_broken_inside_a_word(gold, box_name):
    box = BOXES[box_name]
    lines = name_lines(plain(gold), box).split("\n")
    assert " ".join(lines) == upper(plain(gold)), "nothing lost, nothing added"
    assert not line_starts(lines) & inside_word(gold), lines
    assert all(fits(line, box) for line in lines), lines
    if fits(upper(plain(gold)), box):
        assert len(lines) == 1, "a name that fits is not broken"
    else:
        assert len(lines) > 1


@pytest.mark.parametrize("place", PROVINCES_2025)
def test_peoples_committee_breaks_before_the_level(place):
    """`ỦY BAN NHÂN DÂN` / `TỈNH NGHỆ AN` (content-format.md), for every province of 2025."""
    name = f"Ủy ban nhân dân {plain(level(place))} {plain(place)}"
    lines = name_lines(name, layout.ISSUER_BOX).split("\n")
    assert lines == ["ỦY BAN NHÂN DÂN", upper(f"{plain(level(place))} {plain(place)}")]


@pytest.mark.parametrize("place", PROVINCES_2025)
def test_a_unit_in_a_signature_cell_keeps_its_place_whole(place):
    """`SỞ CÔNG THƯƠNG TỈNH CÀ / MAU` was printed; a clerk writes `SỞ CÔNG THƯƠNG` / `TỈNH CÀ MAU`."""
    name = f"Sở Công Thương {plain(level(place))} {plain(place)}"
    printed = name_lines(name, layout.SIGNER_BOX)
    whole = upper(name)
    if fits(whole, layout.SIGNER_BOX):
        assert printed == whole
    else:
        assert printed.split("\n") == [
            "SỞ CÔNG THƯƠNG",
            upper(f"{plain(level(place))} {plain(place)}"),
        ]


@pytest.mark.parametrize("place", PROVINCES_2025)
def test_a_union_keeps_its_field_and_its_place_whole(place):
    name = f"Công đoàn ngành Giáo dục {plain(level(place))} {plain(place)}"
    for box in BOXES.values():
        lines = name_lines(name, box).split("\n")
        where = upper(f"{plain(level(place))} {plain(place)}")
        assert any(line.endswith(where) for line in lines), lines
        assert any(line.startswith("CÔNG ĐOÀN NGÀNH") for line in lines), lines
        assert not any(line.endswith("GIÁO") for line in lines), lines
        assert (len(lines) == 1) == fits(upper(name), box), lines


@pytest.mark.parametrize(
    ("name", "box", "expected"),
    [
        ("Cục Công Thương địa phương", "issuer", ["CỤC CÔNG THƯƠNG", "ĐỊA PHƯƠNG"]),
        ("Ủy ban nhân dân tỉnh Nghệ An", "issuer", ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]),
        ("Công đoàn Bộ Công Thương", "parent", ["CÔNG ĐOÀN", "BỘ CÔNG THƯƠNG"]),
        ("Sở Công Thương tỉnh Cà Mau", "signature", ["SỞ CÔNG THƯƠNG", "TỈNH CÀ MAU"]),
        ("Sở Công Thương tỉnh Đồng Nai", "signature", ["SỞ CÔNG THƯƠNG", "TỈNH ĐỒNG NAI"]),
        (
            "Phó Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa",
            "signature",
            ["PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"],
        ),
        ("Tỉnh ủy Bà Rịa - Vũng Tàu", "parent", ["TỈNH ỦY", "BÀ RỊA - VŨNG TÀU"]),
        ("Bộ Công Thương", "issuer", ["BỘ CÔNG THƯƠNG"]),
        ("KT. Cục trưởng", "signature", ["KT. CỤC TRƯỞNG"]),
    ],
)
def test_the_clerks_breaks(name, box, expected):
    assert name_lines(name, BOXES[box]).split("\n") == expected


def test_an_authority_prefix_is_never_alone_on_its_line():
    # a column as narrow as `TM. ỦY BAN NHÂN`, less a little: `TM.` / `ỦY BAN NHÂN DÂN` would fit
    narrow = Box(text_width_pt("TM. ỦY BAN NHÂN", 14, bold=True) - 1, 14, True)
    assert name_lines("TM. Ủy ban nhân dân", narrow).split("\n") == ["TM. ỦY BAN", "NHÂN DÂN"]


def test_a_break_the_author_wrote_wins():
    box = layout.ISSUER_BOX
    assert name_lines("Ủy ban nhân dân tỉnh Nghệ An", box) == "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN"
    assert name_lines("Ủy ban nhân dân tỉnh\nNghệ An", box) == "ỦY BAN NHÂN DÂN TỈNH\nNGHỆ AN"
    # even where the name would fit on one line
    assert name_lines("Bộ\nCông Thương", box) == "BỘ\nCÔNG THƯƠNG"


def test_tone_placement_and_case_do_not_change_the_words():
    box = layout.ISSUER_BOX
    for name in ("Sở Công Thương tỉnh Thanh Hoá", "SỞ CÔNG THƯƠNG TỈNH THANH HÓA"):
        lines = name_lines(name, box).split("\n")
        assert lines == ["SỞ CÔNG THƯƠNG", upper(name.split(maxsplit=3)[3])], lines


def _context(data: dict, tmp_path: Path):
    source = tmp_path / "content.yaml"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    content = load_content(source)
    return layout.build_context(content, get_kind(content.kind))


def test_layout_breaks_every_capitalised_block(tmp_path):
    ctx = _context(
        {
            "kind": "phat_dong",
            "title": plain(TITLE),
            "issuers": [
                {
                    "parent": "Ủy ban nhân dân thành phố Hồ Chí Minh",
                    "name": "Sở Công Thương thành phố Hồ Chí Minh",
                    "abbr": "SCT",
                }
            ],
            "place": "Thành phố Hồ Chí Minh",
            "date": "2025-07-01",
            "contents": ["Thi đua hoàn thành nhiệm vụ."],
            "signatories": [
                {
                    "authority": "KT. Giám đốc Sở Công Thương thành phố Hồ Chí Minh",
                    "title": "Phó Giám đốc",
                    "name": "Nguyễn Văn An",
                }
            ],
            "recipients": ["Bộ Công Thương"],
        },
        tmp_path,
    )
    issuer = ctx.issuers[0]
    assert issuer.parent == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"
    assert issuer.name == "SỞ CÔNG THƯƠNG\nTHÀNH PHỐ HỒ CHÍ MINH"
    # the line under the name is measured on its widest printed line, not on the whole name
    widest = text_width_pt("THÀNH PHỐ HỒ CHÍ MINH", 13, bold=True)
    rule = text_width_pt(issuer.rule, 13)
    assert widest / 3 <= rule <= widest / 2
    authority = ctx.signer.lines[0].split("\n")
    assert "THÀNH PHỐ HỒ CHÍ MINH" in authority[-1] and authority[0].startswith("KT. GIÁM ĐỐC")
    title = ctx.title.split("\n")
    assert len(title) > 1 and all(fits(line, layout.TITLE_BOX) for line in title)
    assert " ".join(title) == upper(plain(TITLE))
    assert not line_starts(title) & inside_word(TITLE), title


def _grid(template: Path) -> list[list[int]]:
    with zipfile.ZipFile(template) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    # Tables of rows (their header row repeats on each page) size their own columns.
    return [
        [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid").iter(f"{W}gridCol")]
        for table in root.iter(f"{W}tbl")
        if table.find(f"{W}tr/{W}trPr/{W}tblHeader") is None
    ]


@pytest.mark.parametrize(
    "kind",
    [
        "phat_dong",
        "giao_uoc",
        "ke_hoach",
        "quyet_dinh",
        "cong_van",
        "to_trinh",
        "bao_cao",
        "thong_bao",
    ],
)
def test_the_widths_names_are_broken_to_are_the_templates_columns(kind):
    """page.json is the one source: the shipped templates' columns are its columns."""
    header, signature, grid = _grid(get_kind(kind).template)
    assert header == [page.HEADER_LEFT, page.HEADER_RIGHT]
    assert signature == grid == [page.SIGN_LEFT, page.SIGN_RIGHT]
    assert layout.ISSUER_BOX.width_pt == (page.HEADER_LEFT - 2 * page.CELL_MARGIN) / 20


def test_the_authors_break_reaches_the_layout(tmp_path):
    """A `\\n` typed in a quoted YAML string survives reading and tidying, and wins."""
    source = tmp_path / "content.yaml"
    source.write_text(
        "kind: phat_dong\n"
        'issuers: [{name: "Ủy ban nhân dân tỉnh\\nNghệ An", abbr: UBND}]\n'
        "place: Nghệ An\ndate: 2025-07-01\ncontents: [Thi đua.]\n"
        "signatories: [{authority: 'TM. Ủy ban nhân dân', title: Chủ tịch, name: Lê Văn An}]\n"
        "recipients: [Bộ Nội vụ]\n",
        encoding="utf-8",
    )
    content = load_content(source)
    ctx = layout.build_context(content, get_kind(content.kind))
    assert ctx.issuers[0].name == "ỦY BAN NHÂN DÂN TỈNH\nNGHỆ AN"
