"""Documents the office tests convert: built with python-docx, or derived from the examples."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from docx import Document
from docx.shared import Mm, Pt
from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REAL = ROOT.parent / "shared" / "fixtures" / "real"
"""The real government DOCX; in CI `shared/` sits beside the repository."""
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.yaml"))
NAMES = sorted((HERE / "names").glob("*.yaml"))
"""Documents with long names in every capitalised block (test_pdf_names.py)."""


VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng


def every_vietnamese_letter() -> list[str]:
    """Every vowel with every tone (NFC), lower and upper case, and đ/Đ."""
    letters = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
    letters += ["đ"]
    return letters + [ch.upper() for ch in letters]


VIETNAMESE_SENTENCE = (
    "Thi đua là yêu nước, yêu nước thì phải thi đua. Những người thi đua là những người "
    "yêu nước nhất: đầu tư, ưu tiên, khuyến khích, hưởng ứng, thuở ấy, nghiêng ngửa, "
    "khuỷu tay, ngoằn ngoèo, quyết tâm, Hòa bình, Thủy lợi, Ủy ban, Đắk Lắk, Bà Rịa - Vũng Tàu."
)


def build_vietnamese_docx(path: Path) -> None:
    """A small ND30-sized page with every Vietnamese letter, in the four Times styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    letters = " ".join(every_vietnamese_letter())
    for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
        para = doc.add_paragraph()
        run = para.add_run(f"{letters} {VIETNAMESE_SENTENCE}")
        run.bold, run.italic = bold, italic
    doc.save(str(path))


MEMBER_UNITS = [
    "Sở Công Thương Hà Nội",
    "Sở Công Thương Hải Phòng",
    "Sở Công Thương Quảng Ninh",
    "Sở Công Thương Bắc Ninh",
    "Sở Công Thương Hưng Yên",
    "Sở Công Thương Thái Bình",
    "Sở Công Thương Nam Định",
    "Sở Công Thương Ninh Bình",
    "Sở Công Thương Thanh Hóa",
    "Sở Công Thương Nghệ An",
    "Sở Công Thương Hà Tĩnh",
    "Sở Công Thương Quảng Bình",
    "Sở Công Thương Quảng Trị",
    "Sở Công Thương Huế",
    "Sở Công Thương Đà Nẵng",
    "Sở Công Thương Quảng Nam",
]
MEMBER_NAMES = [
    "Nguyễn Văn Hùng",
    "Trần Thị Thủy",
    "Lê Đức Thắng",
    "Phạm Quốc Việt",
    "Hoàng Thị Hương",
    "Vũ Mạnh Cường",
    "Đặng Thị Ngọc Ánh",
    "Bùi Xuân Trường",
    "Đỗ Thị Huyền",
    "Hồ Sỹ Dũng",
    "Ngô Thị Mỹ Lệ",
    "Dương Quang Khải",
    "Lý Thị Yến",
    "Đinh Công Uẩn",
    "Mai Thị Ỷ Lan",
    "Trịnh Đình Kiên",
]


def read_yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def write_yaml(data: dict, path: Path) -> Path:
    yaml = YAML()
    yaml.allow_unicode = True
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return path


def examples_of(kind: str) -> list[Path]:
    return [p for p in EXAMPLES if read_yaml(p).get("kind") == kind]


def covenant_data(members: int = 16) -> dict | None:
    """A giao_uoc content with `members` signing units, built from an example."""
    base = examples_of("giao_uoc") or examples_of("phat_dong")
    if not base:
        return None
    data = read_yaml(base[0])
    data["kind"] = "giao_uoc"
    for key in ("signatories", "title", "type_abbr", "symbol"):
        data.pop(key, None)
    have = list(data.get("members") or [])
    taken = {m["name"] for m in have} | {m["signatory"]["name"] for m in have}
    extra = [
        (u, n)
        for u, n in zip(MEMBER_UNITS, MEMBER_NAMES, strict=True)
        if u not in taken and n not in taken
    ]
    for i, (unit, name) in enumerate(extra[: max(0, members - len(have))]):
        signatory = {"title": "Giám đốc", "name": name}
        if i % 2:
            signatory = {"authority": "KT. Giám đốc", "title": "Phó Giám đốc", "name": name}
        have.append({"name": unit, "signatory": signatory})
    data["members"] = have
    return data


def long_data() -> dict | None:
    """A phat_dong content long enough for three pages or more (page numbers)."""
    base = examples_of("phat_dong")
    if not base:
        return None
    data = read_yaml(base[0])
    section = data.get("contents") or []
    items = section["items"] if isinstance(section, dict) else section
    items.extend(list(items) * 2)
    data["contents"] = section
    return data


FILLER = (
    "Các đơn vị tổ chức thực hiện tốt nội dung thi đua, báo cáo kết quả về Thường trực "
    "Hội đồng thi đua – khen thưởng trước ngày 15 tháng 12."
)
SIGNERS = [
    {"authority": "KT. Cục trưởng", "title": "Phó Cục trưởng", "name": "Đương Quốc Trịnh"},
    {
        "authority": "TM. Ban Chấp hành Công đoàn Cục",
        "title": "Chủ tịch",
        "name": "Đoàn Mạnh Trường",
    },
    {"title": "Giám đốc", "name": "Nguyễn Văn Hùng", "unit": "Sở Công Thương tỉnh Nghệ An"},
]


def pagination_data(items: int, signers: int) -> dict:
    """A launch notice whose body ends at a height that moves down the page with `items`:
    over a range of `items`, the end of the body meets the foot of a page at every point
    of the signature block and `Nơi nhận`."""
    return {
        "kind": "phat_dong",
        "issuers": [
            {"parent": "Bộ Công Thương", "name": "Cục Công Thương địa phương", "abbr": "CTĐP"}
        ],
        "place": "Hà Nội",
        "date": "2024-01-12",
        "subject": "Năm 2024",
        "contents": [FILLER] * items,
        "signatories": SIGNERS[:signers],
        "recipients": ["Công đoàn Bộ (để b/c)", "Các đơn vị thuộc Cục", "Lãnh đạo Cục"],
        "archive": ["VP"],
    }


PAGINATION = {f"page:s{s}-n{n:02d}": (n, s) for s in (1, 2, 3) for n in range(10, 40)}
"""One document per (signers, items): 1, 2 and 3 signers (a grid with an odd last row)."""


def covenant_pagination_data(members: int, extra_items: int) -> dict | None:
    """A covenant of `members` units whose body grows by `extra_items` filler items."""
    data = covenant_data(members)
    if data is None:
        return None
    section = data.get("contents") or []
    items = section["items"] if isinstance(section, dict) else section
    items.extend([FILLER] * extra_items)
    data["contents"] = section
    return data


COVENANT_PAGINATION = {f"page:cov{m:02d}-x{x:02d}": (m, x) for m in (3, 5, 8) for x in range(12)}


LAST_ROW = "Sở Công Thương tỉnh thứ sáu"
"""The text of the last row of a table that ends the body."""


def article_end_data(articles: int) -> dict:
    """A decision whose body ends with its last article, lower on the page as `articles` grows."""
    return {
        "kind": "quyet_dinh",
        "issuers": [
            {"parent": "Ủy ban nhân dân tỉnh Lạng Sơn", "name": "Sở Công Thương", "abbr": "SCT"}
        ],
        "number": 18,
        "place": "Lạng Sơn",
        "date": "2024-01-22",
        "subject": "Về việc tặng Giấy khen năm 2023",
        "enacted_by": "Giám đốc Sở Công Thương tỉnh Lạng Sơn",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        "articles": [FILLER] * articles
        + ["Chánh Văn phòng Sở và các cá nhân có tên tại Điều 1 thi hành Quyết định này."],
        "signatories": [{"title": "Giám đốc", "name": "Hoàng Văn Tuấn"}],
        "recipients": ["Như Điều 2"],
    }


def table_end_data(items: int) -> dict:
    """A notice whose body ends with a table of six rows, lower on the page as `items` grows."""
    rows = [
        [f"Sở Công Thương tỉnh thứ {n}", score] for n, score in zip(ORDINALS, SCORES, strict=True)
    ]
    return {
        "kind": "thong_bao",
        "issuers": [{"parent": "Bộ Công Thương", "name": "Cụm thi đua số III", "abbr": "CTĐIII"}],
        "number": 4,
        "place": "Lạng Sơn",
        "date": "2024-01-12",
        "subject": "Kết quả chấm điểm thi đua năm 2023",
        "sections": [
            {
                "heading": "Kết quả chấm điểm",
                "items": [FILLER] * items
                + [{"table": {"columns": ["Đơn vị", "Điểm"], "rows": rows}}],
            }
        ],
        "signatories": [
            {"authority": "TM. Cụm thi đua số III", "title": "Cụm trưởng", "name": "Hoàng Văn Tuấn"}
        ],
        "recipients": ["Các đơn vị thành viên Cụm"],
        "archive": ["CTĐ"],
    }


ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu")
SCORES = (97, 95.5, 94.75, 100, 8, 90)
PRINTED_SCORES = ("97", "95,5", "94,75", "100", "8", "90")
"""The scores of the table's rows, and as printed (Vietnamese decimals)."""
BODY_END = {f"end:article-n{n:02d}": ("article", n) for n in range(6, 28)} | {
    f"end:table-n{n:02d}": ("table", n) for n in range(6, 22)
}
"""Bodies that end with an article or a table, their end at every height of a page's foot."""


def body_end_data(shape: str, n: int) -> dict:
    return article_end_data(n) if shape == "article" else table_end_data(n)


AS_STATE = {
    "derived:dang-plan-as-state": "ke-hoach-huyen-uy-dinh-hoa-2024",
    "derived:dang-covenant-as-state": "giao-uoc-khoi-cac-co-quan-dang-2024",
}
"""Party examples with `regime: nha_nuoc`: the same content must get the state header."""


def as_state_data(stem: str) -> dict | None:
    path = ROOT / "content" / "examples" / f"{stem}.yaml"
    if not path.is_file():
        return None
    data = read_yaml(path)
    data["regime"] = "nha_nuoc"
    return data


LONG_DATES = {
    "derived:date-hcm-29-12": ("2019-12-29", "nha_nuoc"),
    "derived:date-hcm-05-09": ("2024-09-05", "nha_nuoc"),
    "derived:date-hcm-29-12-dang": ("2019-12-29", "dang"),
}
"""The longest date lines (nd30-format.md §4's own `Thành phố Hồ Chí Minh, ngày 29 tháng …`),
in the state's header and under the Party's title."""


def long_date_data(date: str, regime: str) -> dict:
    data = read_yaml(HERE / "names" / "ke-hoach-ubnd-hcm-2025.yaml")
    data["date"] = date
    if regime != "nha_nuoc":
        data["regime"] = regime
        data["term"] = "2020-2025"
    return data
