"""Write the shipped DOCX templates (templates/docx/*.docx) from the parts below.

The templates are ordinary Word files: after this first build a maintainer
edits them in Word or LibreOffice, and `vanban template check` keeps them
sound. This script keeps them lean (a few KB, as Word saves them, not the
800 KB of styles python-docx's default package carries) and reproducible.

    python tools/build_templates.py
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.metrics import text_width_pt
from generator.page import (
    CELL_MARGIN,
    HEADER_LEFT,
    HEADER_RIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_H,
    PAGE_W,
    SIGN_LEFT,
    SIGN_RIGHT,
    TEXT_W,
)

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Page and columns: generator/data/page.json (layout sizes lines to the same numbers).
LANDSCAPE_TEXT_W = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT
"""Text width of a landscape annex page (the same margins, the page turned)."""

ADDRESSEE_LEFT = 1134
"""Where `Kính gửi:` starts (§8: the block stands under the heading, dashes under its colon)."""
ADDRESSEE_WORD_W = round(text_width_pt("Kính gửi: ", 14) * 20) + 60
"""Hanging indent: the width of `Kính gửi: `, so the tab after it brings the names under the
colon's right and the next lines (dashes) start at the same place."""

MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def motto_rule_indent() -> int:
    """Side indents that make the line under the Tiêu ngữ as long as its text (§2)."""
    text = round(text_width_pt(MOTTO, 14, bold=True) * 20)
    return (HEADER_RIGHT - 2 * CELL_MARGIN - text) // 2


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def p(text: str = "", style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def tag(text: str) -> str:
    """A paragraph holding only a structural tag (`{%p ... %}`), removed when rendered."""
    return p(text)


def cell(width: int, *paras: str) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>' + "".join(paras) + "</w:tc>"
    )


def row(*cells: str, cant_split: bool = False) -> str:
    trpr = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(widths: tuple[int, int], *rows: str) -> str:
    none = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def header_table(vv: bool = False) -> str:
    issuers = [
        tag("{%p for iss in issuers %}"),
        tag("{%p if iss.parent %}"),
        p("{{ iss.parent }}", "IssuerParent"),
        tag("{%p endif %}"),
        p("{{ iss.name }}", "Issuer"),
        p("{{ iss.rule }}", "IssuerRule"),
        tag("{%p endfor %}"),
    ]
    # The state format's Quốc hiệu and Tiêu ngữ, or the regime's title and the line under it
    # (regimes.md; the layout prepares the strings from templates/regimes/).
    national = [
        tag("{%p if state_header %}"),
        p(NATIONAL, "NationalTitle"),
        p(MOTTO, "Motto"),
        p("", "MottoRule"),
        tag("{%p else %}"),
        tag("{%p for line in top_lines %}"),
        p("{{ line }}", "TopTitle"),
        tag("{%p endfor %}"),
        p("{{ top_rule }}", "TopTitleRule"),
        tag("{%p endif %}"),
    ]
    return table(
        (HEADER_LEFT, HEADER_RIGHT),
        row(cell(HEADER_LEFT, *issuers), cell(HEADER_RIGHT, *national)),
        row(
            cell(HEADER_LEFT, p("{{ number_line }}", "NumberLine"), *number_extras(vv)),
            cell(HEADER_RIGHT, p("{{ date_line }}", "DateLine")),
        ),
    )


def number_extras(vv: bool) -> list[str]:
    """Under the number: a công văn's `V/v` line (§5), then the urgency stamp (§9, ô 10b)."""
    extras = (
        [tag("{%p if vv_line %}"), p("{{ vv_line }}", "VvLine"), tag("{%p endif %}")] if vv else []
    )
    # Each mark has its stamp's frame (P1 III.2b): one style per size.
    return extras + [
        tag('{%p if urgency == "HỎA TỐC" %}'),
        p("{{ urgency }}", "UrgencyFire"),
        tag('{%p elif urgency == "THƯỢNG KHẨN" %}'),
        p("{{ urgency }}", "UrgencyTop"),
        tag("{%p elif urgency %}"),
        p("{{ urgency }}", "Urgency"),
        tag("{%p endif %}"),
    ]


STAMP_MM = {"Urgency": 20, "UrgencyTop": 40, "UrgencyFire": 30}
"""nd30-format.md §9 (P1 III.2b): the stamps of `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC` are 20×8,
40×8 and 30×8 mm, a single-line frame."""
TWIPS_PER_MM = 56.7
STAMP_SPACE_PT = 1


def stamp_ppr(width_mm: int) -> str:
    """A red single-line box as wide as the stamp, centred in the header's left column, and
    8 mm high: the paragraph's indents leave the stamp's width, its exact line the height."""
    inner = HEADER_LEFT - 2 * CELL_MARGIN
    side = max(0, round((inner - width_mm * TWIPS_PER_MM) / 2) + STAMP_SPACE_PT * 20)
    line = round(8 * TWIPS_PER_MM) - 2 * STAMP_SPACE_PT * 20 - 2 * 8
    box = "".join(
        f'<w:{edge} w:val="single" w:sz="8" w:space="{STAMP_SPACE_PT}" w:color="FF0000"/>'
        for edge in ("top", "left", "bottom", "right")
    )
    return (
        f"<w:pBdr>{box}</w:pBdr>"
        + spacing(before=120, line=line, rule="exact")
        + f'<w:ind w:left="{side}" w:right="{side}"/>'
        + CENTER
    )


def heading_block(vv: bool = False) -> list[str]:
    title = (
        []
        if vv
        else [
            p("{{ title }}", "DocTitle"),
            tag("{%p if subject %}"),
            p("{{ subject }}", "Subject"),
            tag("{%p endif %}"),
            p("{{ heading_rule }}", "SubjectRule"),
        ]
    )
    return [
        *title,
        tag("{%p if enacted_by %}"),
        p("{{ enacted_by }}", "EnactedBy"),
        tag("{%p endif %}"),
        tag("{%p for line in addressees %}"),
        p("{{ line }}", "Addressee"),
        tag("{%p endfor %}"),
        tag("{%p for basis in bases %}"),
        p("{{ basis }}", "Basis"),
        tag("{%p endfor %}"),
        tag("{%p if theme %}"),
        p("{{ theme }}", "Theme"),
        tag("{%p endif %}"),
    ]


def body_block() -> list[str]:
    return [
        tag("{%p for para in body %}"),
        tag('{%p if para.style == "heading" %}'),
        p("{{ para.text }}", "SectionHeading"),
        tag('{%p elif para.style == "title" %}'),
        p("{{ para.text }}", "ItemTitle"),
        tag('{%p elif para.style == "member" and not loop.last %}'),
        p("{{ para.text }}", "MemberLine"),
        tag('{%p elif para.style == "proposal" %}'),
        p("{{ para.text }}", "Basis"),
        tag('{%p elif para.style == "decision" %}'),
        p("{{ para.text }}", "DecisionLine"),
        tag('{%p elif para.style == "article" and loop.last %}'),
        runs_p(("{{ para.label }}", rpr(bold=True)), (" {{ para.text }}", ""), style="BodyLast"),
        tag('{%p elif para.style == "article" %}'),
        runs_p(("{{ para.label }}", rpr(bold=True)), (" {{ para.text }}", ""), style="BodyText"),
        tag('{%p elif para.style == "table" %}'),
        data_table("para.table"),
        tag("{%p if para.table.note and loop.last %}"),
        p("{{ para.table.note }}", "BodyLast"),
        tag("{%p elif para.table.note %}"),
        p("{{ para.table.note }}", "BodyText"),
        tag("{%p endif %}"),
        tag("{%p elif loop.last %}"),
        p("{{ para.text }}", "BodyLast"),
        tag("{%p else %}"),
        p("{{ para.text }}", "BodyText"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def runs_p(*runs: tuple[str, str], style: str) -> str:
    """A paragraph of several runs, each with its own direct formatting (`Điều 1.` bold)."""
    body = "".join(
        f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>' for text, props in runs
    )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{body}</w:p>'


def plain_run_p(text: str, style: str | None = None) -> str:
    """A paragraph whose text element has no attributes (docxtpl's `colspan` needs that)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{esc(text)}</w:t></w:r></w:p>"


TABLE_NUMBER_W = 800
"""Width of the `STT` column (1.4 cm: `STT` in bold and four digits); when a loop adds columns,
`generator/columns.py` sizes every column by its content."""


def data_table(name: str, width: int = TEXT_W) -> str:
    """A table of `TableView` (content-format.md, Tables): `STT` and the columns; the header
    row repeats on every page, no row splits across pages; a group's heading row spans the
    columns after `STT` (docxtpl's `colspan`)."""
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    rest = width - TABLE_NUMBER_W
    head_props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    cant = "<w:trPr><w:cantSplit/></w:trPr>"

    def tc(*paras: str, width: int = rest) -> str:
        return cell(width, *paras)

    def tr(*cells: str, props: str = "") -> str:
        return f"<w:tr>{props}{''.join(cells)}</w:tr>"

    rows = [
        tr(
            tc(p("STT", "TableHead"), width=TABLE_NUMBER_W),
            tc(p("{%tc for h in " + name + ".headings %}")),
            tc(p("{{ h }}", "TableHead")),
            tc(p("{%tc endfor %}")),
            props=head_props,
        ),
        tr(tc(p("{%tr for row in " + name + ".rows %}"), width=width)),
        tr(tc(p("{%tr if row.heading %}"), width=width)),
        tr(
            tc(p("{{ row.number }}", "TableGroup"), width=TABLE_NUMBER_W),
            cell(
                rest,
                '<w:p><w:pPr><w:pStyle w:val="TableGroup"/></w:pPr>'
                "<w:r><w:t>{% colspan " + name + ".span %}</w:t></w:r>"
                '<w:r><w:t xml:space="preserve">{{ row.cells[0] }}</w:t></w:r></w:p>',
            ),
            props=cant,
        ),
        tr(tc(p("{%tr else %}"), width=width)),
        tr(
            # The last row of a table that ends the body keeps with the signature.
            tc(
                tag("{%p if row.keep %}"),
                p("{{ row.number }}", "TableNumberLast"),
                tag("{%p else %}"),
                p("{{ row.number }}", "TableNumber"),
                tag("{%p endif %}"),
                width=TABLE_NUMBER_W,
            ),
            tc(p("{%tc for c in row.cells %}")),
            # A column of numbers is right-aligned (`figures`), text left.
            tc(
                tag("{%p if figures[loop.index0] %}"),
                p("{{ c }}", "TableFigure"),
                tag("{%p else %}"),
                p("{{ c }}", "TableCell"),
                tag("{%p endif %}"),
            ),
            tc(p("{%tc endfor %}")),
            props=cant,
        ),
        tr(tc(p("{%tr endif %}"), width=width)),
        tr(tc(p("{%tr endfor %}"), width=width)),
    ]
    # Looked up once per table, not in each of its thousands of cells.
    figures = tag("{%p set figures = " + name + ".figures %}")
    return figures + (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TABLE_NUMBER_W}"/><w:gridCol w:w="{rest}"/></w:tblGrid>'
        f"{''.join(rows)}</w:tbl>"
    )


def annexes_block() -> list[str]:
    """§9 (P1 III.1), content-format.md: each annex from a new page, in a section of its own
    whose pages are numbered from 1 (P1 III.1đ), landscape when asked (P1 I.2). A section
    ends with the paragraph that holds its properties: the main one before the first annex,
    each annex after itself (the renderer makes the last one the document's own)."""
    return [
        tag("{%p for annex in annexes %}"),
        tag("{%p if loop.first %}"),
        section_break(section_properties(inner=True)),
        tag("{%p endif %}"),
        p("{{ annex.label }}", "AnnexLabel"),
        p("{{ annex.title }}", "AnnexTitle"),
        p("{{ annex.reference }}", "AnnexReference"),
        # A landscape annex's table takes the turned page's text width.
        tag("{%p if annex.landscape %}"),
        data_table("annex.table", LANDSCAPE_TEXT_W),
        tag("{%p else %}"),
        data_table("annex.table"),
        tag("{%p endif %}"),
        tag("{%p if annex.table.note %}"),
        p("{{ annex.table.note }}", "BodyText"),
        tag("{%p endif %}"),
        tag("{%p if annex.landscape %}"),
        section_break(section_properties(landscape=True, restart=True, inner=True)),
        tag("{%p else %}"),
        section_break(section_properties(restart=True, inner=True)),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def section_break(sect_pr: str) -> str:
    return f"<w:p><w:pPr>{sect_pr}</w:pPr></w:p>"


def recipients_block() -> list[str]:
    return [
        p("Nơi nhận:", "RecipientsHeading"),
        tag("{%p for line in recipients %}"),
        p("{{ line }}", "Recipient"),
        tag("{%p endfor %}"),
    ]


def signer_lines(block: str) -> list[str]:
    return [
        tag("{%p for line in " + block + ".lines %}"),
        p("{{ line }}", "SignerLine"),
        tag("{%p endfor %}"),
    ]


def signer_block(block: str) -> list[str]:
    """A signer's lines and name in one cell, so a block is never split by a page break."""
    return [
        tag("{%p if " + block + ".name %}"),
        *signer_lines(block),
        p("{{ " + block + ".name }}", "SignerName"),
        tag("{%p endif %}"),
    ]


def signature_tables() -> list[str]:
    """One signer: `Nơi nhận` left, level with the block on the right. More: a grid, two blocks
    a row, each row whole on one page (a block is never split); the layout pads the shorter
    block of a row so the names stay level, and `Nơi nhận` stands in the last row, under the
    left block, so it is never alone on a page (nd30-format.md §7, §8)."""
    single = table(
        (SIGN_LEFT, SIGN_RIGHT),
        row(
            cell(SIGN_LEFT, *recipients_block()),
            cell(SIGN_RIGHT, *signer_lines("signer"), p("{{ signer.name }}", "SignerName")),
            cant_split=True,
        ),
    )
    # The grid is printed as tables: the first row alone, then the rest. LibreOffice keeps
    # the body's last paragraph with a one-row table, not with a table of several rows.
    # The paragraph before each table keeps with it and keeps two tables apart.
    grid = [
        tag("{%p for rows in signature_tables %}"),
        p("", "TableGap"),
        table(
            (SIGN_LEFT, SIGN_RIGHT),
            row(cell(SIGN_LEFT, p("{%tr for row in rows %}")), cell(SIGN_RIGHT, p())),
            row(
                cell(
                    SIGN_LEFT,
                    *signer_block("row.left"),
                    tag("{%p if row.last %}"),
                    *recipients_block(),
                    tag("{%p endif %}"),
                    p("", "CellEnd"),
                ),
                cell(SIGN_RIGHT, *signer_block("row.right"), p("", "CellEnd")),
                cant_split=True,
            ),
            row(cell(SIGN_LEFT, p("{%tr endfor %}")), cell(SIGN_RIGHT, p())),
        ),
        tag("{%p endfor %}"),
    ]
    return [
        tag("{%p if recipients_beside %}"),
        single,
        tag("{%p else %}"),
        *grid,
        tag("{%p endif %}"),
    ]


def section_properties(landscape: bool = False, restart: bool = False, inner: bool = False) -> str:
    """A4 with the §1 margins; landscape turns the page (the binding margin stays left of the
    text as printed); `restart` numbers the section's pages from 1 (an annex, P1 III.1đ)."""
    w, h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    orient = ' w:orient="landscape"' if landscape else ""
    kind = '<w:type w:val="nextPage"/>' if inner else ""
    number = '<w:pgNumType w:start="1"/>' if restart else ""
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderPage"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        f'{kind}<w:pgSz w:w="{w}" w:h="{h}"{orient} w:code="9"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/>'
        f'{number}<w:cols w:space="720"/><w:titlePg/></w:sectPr>'
    )


def document_xml(vv: bool = False) -> str:
    parts = [
        header_table(vv),
        *heading_block(vv),
        *body_block(),
        p("", "BeforeSignatures"),
        *signature_tables(),
        *annexes_block(),
    ]
    return f"{HEAD}<w:document {NS}><w:body>{''.join(parts)}{section_properties()}</w:body></w:document>"


def rpr(
    size: int | None = None,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    border: str | None = None,
) -> str:
    out = ""  # in the schema's order: b, i, color, sz, bdr
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        out += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    if border:
        out += f'<w:bdr w:val="single" w:sz="8" w:space="1" w:color="{border}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def spacing(before: int = 0, after: int = 0, line: int = 240, rule: str = "auto") -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>'


def style(sid: str, name: str, ppr: str, rpr_xml: str, based: str = "Normal") -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{rpr_xml}</w:style>"
    )


CENTER = '<w:jc w:val="center"/>'
KEEP = "<w:keepNext/>"
BODY_PPR = spacing(after=120, line=288) + '<w:ind w:firstLine="567"/><w:jc w:val="both"/>'
RULE_PPR = spacing(after=80, line=200, rule="exact") + CENTER


def styles_xml() -> str:
    fonts = (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        'w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
    )
    indent = motto_rule_indent()
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        style("IssuerParent", "VB Cơ quan chủ quản", CENTER, rpr(13)),
        style("Issuer", "VB Cơ quan ban hành", CENTER, rpr(13, bold=True)),
        style("IssuerRule", "VB Đường kẻ dưới cơ quan", RULE_PPR, rpr(13)),
        style("NationalTitle", "VB Quốc hiệu", CENTER, rpr(13, bold=True)),
        style("Motto", "VB Tiêu ngữ", CENTER, rpr(14, bold=True)),
        style(
            "MottoRule",
            "VB Đường kẻ dưới tiêu ngữ",
            spacing(line=100, rule="exact")
            + '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            + f'<w:ind w:left="{indent}" w:right="{indent}"/>'
            + CENTER,
            rpr(6),
        ),
        style("TopTitle", "VB Tiêu đề", CENTER, rpr(15, bold=True)),
        style("TopTitleRule", "VB Đường kẻ dưới tiêu đề", RULE_PPR, rpr(13)),
        style("NumberLine", "VB Số, ký hiệu", spacing(before=120) + CENTER, rpr(13)),
        style(
            "DateLine",
            "VB Địa danh, ngày tháng",
            spacing(before=120) + CENTER,
            rpr(14, italic=True),
        ),
        style("DocTitle", "VB Tên loại", spacing(before=360) + CENTER, rpr(14, bold=True)),
        style("Subject", "VB Trích yếu", CENTER, rpr(14, bold=True)),
        style(
            "SubjectRule",
            "VB Đường kẻ dưới trích yếu",
            spacing(after=240, line=220, rule="exact") + CENTER,
            rpr(14),
        ),
        style("Theme", "VB Chủ đề", spacing(after=120) + CENTER, rpr(14, bold=True)),
        style("Basis", "VB Căn cứ", BODY_PPR, rpr(14, italic=True)),
        style("BodyText", "VB Nội dung", BODY_PPR, rpr(14)),
        # A heading never stands alone at the foot of a page.
        style("SectionHeading", "VB Đề mục La Mã", KEEP + BODY_PPR, rpr(14, bold=True), "BodyText"),
        style("ItemTitle", "VB Khoản có tiêu đề", KEEP + BODY_PPR, rpr(14, bold=True), "BodyText"),
        # The body's last paragraph goes to the page of the signature: a signature never
        # stands alone on a page (nd30-format.md §7).
        style("BodyLast", "VB Nội dung – đoạn cuối", KEEP, "", "BodyText"),
        style("MemberLine", "VB Đơn vị thành viên", BODY_PPR, rpr(14), "BodyText"),
        style("BeforeSignatures", "VB Cách khối chữ ký", KEEP + spacing(line=240), rpr(14)),
        style("SignerLine", "VB Thẩm quyền, chức vụ", "<w:keepNext/>" + CENTER, rpr(14, bold=True)),
        style(
            "SignerName",
            "VB Họ tên người ký",
            spacing(before=1560, after=240) + CENTER,
            rpr(14, bold=True),
        ),
        # A cell must end in a paragraph; this one takes no room.
        style("CellEnd", "VB Cuối ô", spacing(line=20, rule="exact"), rpr(1)),
        style("TableGap", "VB Trước bảng chữ ký", KEEP + spacing(line=20, rule="exact"), rpr(1)),
        style("RecipientsHeading", "VB Nơi nhận", "<w:keepNext/>", rpr(12, bold=True, italic=True)),
        style("Recipient", "VB Nơi nhận – dòng", "<w:keepNext/>", rpr(11)),
        style("PageNumber", "VB Số trang", CENTER, rpr(14)),
        style("VvLine", "VB Trích yếu công văn", spacing(before=120) + CENTER, rpr(13)),
        *(
            style(sid, f"VB Độ khẩn {mm}×8 mm", stamp_ppr(mm), rpr(13, bold=True, color="FF0000"))
            for sid, mm in STAMP_MM.items()
        ),
        style(
            "EnactedBy", "VB Thẩm quyền ban hành", spacing(after=120) + CENTER, rpr(14, bold=True)
        ),
        style(
            "Addressee",
            "VB Kính gửi",
            f'<w:tabs><w:tab w:val="left" w:pos="{ADDRESSEE_LEFT + ADDRESSEE_WORD_W}"/></w:tabs>'
            + spacing(after=120)
            + f'<w:ind w:left="{ADDRESSEE_LEFT + ADDRESSEE_WORD_W}" '
            f'w:hanging="{ADDRESSEE_WORD_W}"/>',
            rpr(14),
        ),
        style(
            "DecisionLine",
            "VB Quyết định",
            "<w:keepNext/>" + spacing(before=120, after=120) + CENTER,
            rpr(14, bold=True),
        ),
        style(
            "TableHead",
            "VB Bảng – tiêu đề cột",
            spacing(before=40, after=40) + CENTER,
            rpr(13, bold=True),
        ),
        style("TableGroup", "VB Bảng – nhóm", spacing(before=40, after=40), rpr(13, bold=True)),
        style("TableNumber", "VB Bảng – STT", spacing(before=40, after=40) + CENTER, rpr(13)),
        style("TableCell", "VB Bảng – ô", spacing(before=40, after=40), rpr(13)),
        # Numbers (amounts, scores) line up on their last digit.
        style(
            "TableFigure",
            "VB Bảng – ô số",
            spacing(before=40, after=40) + '<w:jc w:val="right"/>',
            rpr(13),
        ),
        # The last row of a table that ends the body goes to the page of the signature
        # (nd30-format.md §7); LibreOffice keeps a row with what follows by its first cell.
        style("TableNumberLast", "VB Bảng – STT hàng cuối", KEEP, "", "TableNumber"),
        style("AnnexLabel", "VB Phụ lục – số", CENTER, rpr(14, bold=True)),
        style("AnnexTitle", "VB Phụ lục – tên", CENTER, rpr(14, bold=True)),
        style(
            "AnnexReference",
            "VB Phụ lục – kèm theo",
            spacing(after=240) + CENTER,
            rpr(14, italic=True),
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing()}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f"{HEAD}<w:styles {NS}>{defaults}{''.join(styles)}</w:styles>"


def page_header_xml() -> str:
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    field = (
        run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>2</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
    )
    para = f'<w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr>{field}</w:p>'
    return f"{HEAD}<w:hdr {NS}>{para}</w:hdr>"


def first_header_xml() -> str:
    return f"{HEAD}<w:hdr {NS}><w:p/></w:hdr>"


def settings_xml() -> str:
    return (
        f'{HEAD}<w:settings {NS}><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )


def content_types_xml() -> str:
    ov = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{ov}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{ov}.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{ov}.settings+xml"/>'
        f'<Override PartName="/word/header1.xml" ContentType="{ov}.header+xml"/>'
        f'<Override PartName="/word/header2.xml" ContentType="{ov}.header+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items
    )
    return (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{body}</Relationships>'
    )


def core_xml(title: str) -> str:
    return (
        f"{HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>vanban</dc:creator>"
        "<dc:language>vi-VN</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>vanban</Application></Properties>'
    )


def build(path: Path, title: str, vv: bool = False) -> None:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": rels(
            [
                ("rId1", f"{rel}/officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                    "core-properties",
                    "docProps/core.xml",
                ),
                ("rId3", f"{rel}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "word/document.xml": document_xml(vv),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/header1.xml": page_header_xml(),
        "word/header2.xml": first_header_xml(),
        "word/_rels/document.xml.rels": rels(
            [
                ("rIdStyles", f"{rel}/styles", "styles.xml"),
                ("rIdSettings", f"{rel}/settings", "settings.xml"),
                ("rIdHeaderPage", f"{rel}/header", "header1.xml"),
                ("rIdHeaderFirst", f"{rel}/header", "header2.xml"),
            ]
        ),
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": app_xml(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in package.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))


KINDS = (
    ("phat_dong", "Phát động phong trào thi đua", False),
    ("giao_uoc", "Giao ước thi đua", False),
    # A plan launching a movement (kế hoạch) is laid out like a launch notice.
    ("ke_hoach", "Kế hoạch", False),
    ("quyet_dinh", "Quyết định", False),
    # A công văn has no type line: `V/v` under the number instead (nd30-format.md §5, §13).
    ("cong_van", "Công văn", True),
    ("to_trinh", "Tờ trình", False),
    ("bao_cao", "Báo cáo", False),
    ("thong_bao", "Thông báo", False),
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, title, vv in KINDS:
        build(OUT / f"{name}.docx", title, vv)
        print(OUT / f"{name}.docx", (OUT / f"{name}.docx").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
