"""From validated content to the strings a template places: one kind's layout.

Every string is final here (capitals, padding, punctuation, numbering, the
end mark); a template only puts them in place. The dataclasses below are the
names a template receives, and `vanban template fields` lists them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from generator import linebreak, metrics, nd30, page
from generator.blocks import AnnexView, Block, Paragraph, TableRow, TableView, annexes, body
from generator.content.model import Content
from generator.kinds import Kind
from generator.linebreak import Box
from generator.regimes import Regime, get_regime

__all__ = ["AnnexView", "Block", "Paragraph", "TableRow", "TableView"]

ISSUER_BOX_PT = page.ISSUER_PT
"""Width available to an issuer's name: the header's left column less its cell margins."""
BODY_BOX_PT = page.BODY_PT
"""Text width of an A4 page with 30 mm and 15 mm side margins."""
SIGN_BOX_PT = page.SIGNATURE_PT
"""Width of a signature cell: half the text width less the cell margins."""
SIGN_SIZE_PT = 14
ISSUER_SIZE_PT = 13
HEADING_SIZE_PT = 14

# The boxes capitalised names are broken to fit (content-format.md, "Text as people type
# it"): column widths from data/page.json, sizes and weights of the templates' styles.
PARENT_BOX = Box(ISSUER_BOX_PT, ISSUER_SIZE_PT, bold=False)
ISSUER_BOX = Box(ISSUER_BOX_PT, ISSUER_SIZE_PT, bold=True)
SIGNER_BOX = Box(SIGN_BOX_PT, SIGN_SIZE_PT, bold=True)
TITLE_BOX = Box(BODY_BOX_PT, HEADING_SIZE_PT, bold=True)


@dataclass(frozen=True)
class IssuerView:
    """One issuing body in the header's left column."""

    parent: str
    """Body directly above it, in capitals; empty when there is none."""
    name: str
    """The issuer's name, in capitals."""
    rule: str
    """The line beneath the name (a run of `_`, 1/3–1/2 of the name's width), or the
    regime's mark (`*` for the Party, `***` for the Youth Union)."""


@dataclass(frozen=True)
class SignatureBlock:
    """One signer's block: capital lines, room for the signature and seal, then the name."""

    lines: list[str]
    """Unit, authority lines and title, in capitals, top to bottom; empty for an empty cell."""
    name: str
    """The signer's name as written."""


@dataclass(frozen=True)
class SignatureRow:
    """A row of the signature grid: two blocks side by side (an empty block has one empty line)."""

    left: SignatureBlock
    right: SignatureBlock
    last: bool = False
    """The last row: `Nơi nhận` stands in it, under the left block."""


@dataclass(frozen=True)
class DocumentContext:
    """Everything a kind's template receives, by name."""

    kind: str
    """The kind's name, e.g. `phat_dong`."""
    regime: str
    """The regime's name: `nha_nuoc`, `dang`, `doan` (templates/regimes/)."""
    state_header: bool
    """True when the top right holds the Quốc hiệu and Tiêu ngữ (the state format)."""
    top_lines: list[str]
    """Otherwise the regime's title at the top right (`ĐẢNG CỘNG SẢN VIỆT NAM`)."""
    top_rule: str
    """The line under that title, as long as it (a run of `_`); empty in the state format."""
    issuers: list[IssuerView]
    """The issuing bodies, the lead first (several for a joint document)."""
    number_line: str
    """`Số: 05/PĐTĐ-CTĐP` or `Số:      /PĐTĐ-CTĐP`."""
    date_line: str
    """`Hà Nội, ngày 05 tháng 01 năm 2024`."""
    title: str
    """Document type line, in capitals."""
    subject: str
    """Summary line under the title, as written; empty when there is none."""
    heading_rule: str
    """The line beneath the subject (or the title when there is no subject)."""
    theme: str
    """The motto in quotes; empty when there is none."""
    bases: list[str]
    """Legal bases, `;` after each and `.` after the last (`- ` before each in Party
    documents)."""
    body: list[Block]
    """Every block from the proposal and preamble to the closing (`generator/blocks.py`); the
    last paragraph ends with `./.`."""
    signer: SignatureBlock
    """The lead's block (the first signatory)."""
    signature_tables: list[list[SignatureRow]]
    """All blocks, two to a row, for documents with more than one signer: the first row in
    a table of its own (kept on the page where the body ends), then the other rows."""
    recipients_beside: bool
    """True when there is one signer: `Nơi nhận` then stands on its left, level with it."""
    recipients: list[str]
    """`- <recipient>;` lines, the archive line `- Lưu: VT, ....` last."""
    year: str
    """The emulation year, e.g. `2024`."""
    vv_line: str = ""
    """A công văn's summary under the number, `V/v …` (as written in Party documents); empty
    for kinds with a title line."""
    urgency: str = ""
    """`KHẨN`, `THƯỢNG KHẨN` or `HỎA TỐC` under the number; empty when not urgent."""
    enacted_by: str = ""
    """A decision's enacting authority, in capitals; empty for other kinds."""
    addressees: list[str] = field(default_factory=list)
    """The `Kính gửi:` lines (the first holds `Kính gửi:` and a tab); empty when none."""
    annexes: list[AnnexView] = field(default_factory=list)
    """The annexes, each on pages of its own after the signature."""
    extra: dict[str, Any] = field(default_factory=dict)
    """The content's `extra:` mapping, unchanged."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def capitals(text: str, box: Box) -> str:
    """A name printed in capitals, broken where a clerk would break it when it does not fit."""
    return linebreak.name_lines(text.strip(), box)


def _block(
    authority: list[str], title: str, name: str, unit: str | None, regime: Regime
) -> SignatureBlock:
    lines = [capitals(unit, SIGNER_BOX)] if unit else []
    lines += [capitals(regime.prefix(line), SIGNER_BOX) for line in authority]
    lines.append(capitals(title, SIGNER_BOX))
    return SignatureBlock(lines, name.strip())


def issuer_view(
    parent: str | None, name: str, mark: str = "rule", size: float = ISSUER_SIZE_PT
) -> IssuerView:
    """`size`: the regime's (`sizes.issuer`, 14 in Party documents), so names break to fit."""
    issuer_box = Box(ISSUER_BOX_PT, size, bold=True)
    printed = capitals(name, issuer_box)
    return IssuerView(
        parent=capitals(parent, Box(ISSUER_BOX_PT, size, bold=False)) if parent else "",
        name=printed,
        rule=nd30.rule_under(printed, ISSUER_BOX_PT, size) if mark == "rule" else mark,
    )


TOP_SIZE_PT = 15
"""regimes.md `dang` (HD36 1.1): the title at the top right, 15 bold (the template's style;
a profile's `sizes.top_right` prints it otherwise)."""


def top_rule(regime: Regime) -> str:
    """regimes.md: a solid line under the regime's title, as long as the text."""
    if regime.state:
        return ""
    size = regime.size("top_right", TOP_SIZE_PT)
    widest = max(metrics.text_width_pt(line, size, bold=True) for line in regime.top_lines)
    return nd30.RULE_CHAR * max(1, round(widest / metrics.text_width_pt(nd30.RULE_CHAR, 13)))


EMPTY_BLOCK = SignatureBlock([""], "")


def signature_blocks(
    content: Content, kind: Kind, regime: Regime | None = None
) -> list[SignatureBlock]:
    regime = regime or get_regime(content.regime)
    if content.signatories or not kind.signatories_from_members:
        return [_block(s.authority, s.title, s.name, s.unit, regime) for s in content.signatories]
    return [
        _block(m.signatory.authority, m.signatory.title, m.signatory.name, m.name, regime)
        for m in content.members
    ]


def printed_lines(block: SignatureBlock) -> int:
    """How many lines a block's capital lines take in its cell, wrapped as Word wraps them."""
    return sum(
        max(1, len(metrics.wrap(piece, SIGN_BOX_PT, SIGN_SIZE_PT, bold=True)))
        for line in block.lines
        for piece in line.split("\n")
    )


def level(left: SignatureBlock, right: SignatureBlock, last: bool = False) -> SignatureRow:
    """Two blocks side by side, the shorter padded with empty lines so the names are level."""
    if not left.name or not right.name:
        return SignatureRow(left, right, last)
    a, b = printed_lines(left), printed_lines(right)
    if a < b:
        left = SignatureBlock(left.lines + [""] * (b - a), left.name)
    elif b < a:
        right = SignatureBlock(right.lines + [""] * (a - b), right.name)
    return SignatureRow(left, right, last)


def signature_rows(blocks: list[SignatureBlock]) -> list[SignatureRow]:
    """content-format.md, Signatories: one signer on the right (with `Nơi nhận` on the left);
    two side by side with the lead on the right; three or more two to a row, in order."""
    if len(blocks) == 1:
        return [SignatureRow(EMPTY_BLOCK, blocks[0])]
    if len(blocks) == 2:
        return [level(blocks[1], blocks[0], last=True)]
    rows = []
    for i in range(0, len(blocks), 2):
        pair = blocks[i : i + 2] + [EMPTY_BLOCK]
        rows.append(level(pair[0], pair[1], last=i + 2 >= len(blocks)))
    return rows


def signature_tables(rows: list[SignatureRow]) -> list[list[SignatureRow]]:
    """The grid's rows as tables: LibreOffice keeps a paragraph with the table after it only
    when that table has one row, so the first row stands alone and the rest follow."""
    return [rows[:1], rows[1:]] if len(rows) > 1 else [rows]


def document_symbol(content: Content, kind: Kind, regime: Regime) -> str:
    """The ký hiệu: given, or derived by the regime's pattern (`KH/HU`) or the kind's."""
    type_abbr = content.type_abbr or regime.type_abbrs.get(kind.name) or kind.type_abbr
    abbrs = [i.abbr for i in content.issuers]
    if content.symbol is not None:
        return nd30.symbol(type_abbr, abbrs, content.symbol)
    return nd30.symbol_from(
        regime.symbol_pattern or kind.symbol, type_abbr, abbrs, content.drafting_unit
    )


def build_context(content: Content, kind: Kind) -> DocumentContext:
    year = content.emulation_year
    regime = get_regime(content.regime)
    symbol = document_symbol(content, kind, regime)
    vv = kind.header == "vv"
    subject = "" if vv else content.subject or ""
    # The regime's sizes (templates/regimes/, `sizes:`) break and underline what they size.
    title_size = regime.size("title", HEADING_SIZE_PT)
    title_box = Box(BODY_BOX_PT, title_size, bold=True)
    title = "" if vv else capitals(content.title or kind.title, title_box)
    rule_size = regime.size("subject", HEADING_SIZE_PT) if subject else title_size
    drafter = content.drafter
    mark = nd30.drafter_mark(drafter.initials, drafter.copies) if drafter else None
    blocks = signature_blocks(content, kind, regime)
    return DocumentContext(
        kind=kind.name,
        regime=regime.name,
        state_header=regime.state,
        top_lines=[] if regime.state else list(regime.top_lines),
        top_rule=top_rule(regime),
        issuers=[
            issuer_view(i.parent, i.name, regime.issuer_mark, regime.size("issuer", ISSUER_SIZE_PT))
            for i in content.issuers
        ],
        number_line=nd30.number_line(content.number, symbol, regime.number_pattern),
        date_line=nd30.date_line(content.place, content.date, year),
        title=title,
        subject=subject,
        heading_rule=nd30.rule_under(subject or title, BODY_BOX_PT, rule_size),
        theme=nd30.theme_line(content.theme) if content.theme else "",
        bases=nd30.dashed(
            nd30.basis_lines_before(content.bases, bool(content.proposal)), regime.basis_dash
        ),
        body=body(content, kind, regime.end_mark, regime.basis_dash),
        signer=blocks[0] if blocks else EMPTY_BLOCK,
        signature_tables=signature_tables(signature_rows(blocks)),
        recipients_beside=len(blocks) == 1,
        recipients=nd30.recipient_lines(
            nd30.with_along(content.recipients, content.addressees),
            nd30.archive_line(
                content.archive,
                mark,
                regime.archive_pattern,
                regime.archive_first,
                regime.archive_empty,
            ),
        ),
        year=str(year),
        vv_line=nd30.vv_line(content.subject, regime.vv_prefix) if vv and content.subject else "",
        urgency=nd30.urgency_mark(content.urgency) if content.urgency else "",
        enacted_by=capitals(content.enacted_by, TITLE_BOX) if content.enacted_by else "",
        addressees=nd30.addressee_lines(content.addressees) if content.addressees else [],
        annexes=annexes(
            content,
            kind,
            symbol,
            (content.enacted_by or content.issuers[0].name).strip(),
            regime.number_pattern,
        ),
        extra=dict(content.extra),
    )
