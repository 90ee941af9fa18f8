"""Signature blocks (nd30-format.md §7) and where the signature part of a document lies.

A block is the unit line (covenants), the authority lines (`TM.`, `KT.`, `TL.`,
`TUQ.`), the signer's own position, room to sign, and the name. Blocks sit in a
borderless table, one per cell, or as a grid with the names in the row below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.check.model import Block, Para
from generator.check.text import collapse, fold

RECIPIENTS = re.compile(r"^nơi\s*nhận\b")
# An authority-like prefix at the start of a signature line: `TM.`, `KT.`, but also the
# malformed `T/M`, `K.T.` or `Tm.` the prefix rule must be able to report.
PREFIX = re.compile(
    r"^(?P<prefix>[A-Za-zĐđ]\.[A-Za-zĐđ]\.?|[A-Za-zĐđ]/[A-Za-zĐđ]{1,2}\.?|[A-Za-zĐđ]{1,4}\.)"
    r"(?=\s|$)"
)
KNOWN_PREFIXES = {"TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L", "T.M.", "K.T.", "T.L."}
ACTING = "Q."
PLACEHOLDER = re.compile(r"^[\[(]")
MAX_NAME = 60  # longer last lines are sentences, not a signer's name


@dataclass
class SignatureBlock:
    lines: list[Para]
    unit: list[Para] = field(default_factory=list)
    authority: list[Para] = field(default_factory=list)
    title: Para | None = None
    name: Para | None = None


def prefix_of(para: Para) -> str | None:
    match = PREFIX.match(collapse(para.text))
    return match.group("prefix") if match else None


def is_authority_line(para: Para) -> bool:
    prefix = prefix_of(para)
    return prefix is not None and prefix.upper() in KNOWN_PREFIXES


def signature_start(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks):
        signal = any(RECIPIENTS.match(fold(p.text)) or is_authority_line(p) for p in block.paras)
        if not signal:
            continue
        if block.kind == "p" and i > 0:
            # A lone head's block has no prefix: the table just before `Nơi nhận:` is it.
            j = i - 1
            while j > 0 and blocks[j].kind == "p" and blocks[j].paras[0].is_empty:
                j -= 1
            if blocks[j].kind == "tbl":
                return j
        return i
    return None


def signature_zone(blocks: list[Block]) -> list[Block]:
    """The signature tables and the recipients, up to whatever follows them (an appendix)."""
    zone: list[Block] = []
    in_recipients = False
    for block in blocks:
        if block.kind == "tbl":
            if zone and not _has_signature_cell(block):
                break
            zone.append(block)
            in_recipients = False
            continue
        para = block.paras[0]
        if para.is_empty:
            in_recipients = False
            continue
        if RECIPIENTS.match(fold(para.text)):
            in_recipients = True
        elif not in_recipients and any(b.kind == "tbl" for b in zone):
            break
        zone.append(block)
    return zone


def _cells(block: Block) -> list[list[Para]]:
    cells: dict[tuple, list[Para]] = {}
    for para in block.paras:
        cells.setdefault(para.container, []).append(para)
    return list(cells.values())


def _has_signature_cell(block: Block) -> bool:
    return any(_looks_signed(paras) for paras in _cells(block))


def _looks_signed(paras: list[Para]) -> bool:
    """A cell laid out as a signature: an authority line, or lines, room to sign, a short name."""
    if any(is_authority_line(p) for p in paras):
        return True
    lines = [i for i, p in enumerate(paras) if not p.is_empty and not PLACEHOLDER.match(p.stripped)]
    if len(lines) < 2 or len(paras[lines[-1]].stripped) > MAX_NAME:
        return False
    return lines[-1] - lines[-2] > 1


def table_blocks(block: Block) -> list[SignatureBlock]:
    """Signature blocks of a table: one per cell, or a cell of lines over a cell with the name.

    Grids put each signer's lines in one row and the names in the row below, so that
    names line up across columns. A row whose filled cells each hold one line without
    a prefix, under a row with filled cells in the same columns, is such a names row.
    """
    grid: dict[int, dict[int, list[Para]]] = {}
    for para in block.paras:
        if para.cell is None or para.cell.depth != 1:
            continue
        grid.setdefault(para.cell.row, {}).setdefault(para.cell.col, []).append(para)
    for row in grid.values():
        for col in [
            c for c, paras in row.items() if any(RECIPIENTS.match(fold(p.text)) for p in paras)
        ]:
            del row[col]
    out: list[SignatureBlock] = []
    previous: dict[int, list[Para]] = {}
    for number in sorted(grid):
        row = grid[number]
        filled = {c: [p for p in paras if not p.is_empty] for c, paras in row.items()}
        filled = {c: lines for c, lines in filled.items() if lines}
        names_row = (
            bool(filled)
            and bool(previous)
            and all(
                len(lines) == 1 and not is_authority_line(lines[0]) and c in previous
                for c, lines in filled.items()
            )
        )
        if names_row:
            for col, paras in previous.items():
                parsed = parse_block(paras + row.get(col, []))
                if parsed is not None:
                    out.append(parsed)
            previous = {}
            continue
        out.extend(b for b in (parse_block(paras) for paras in previous.values()) if b)
        previous = {c: row[c] for c in filled}
    out.extend(b for b in (parse_block(paras) for paras in previous.values()) if b)
    return out


def parse_block(paras: list[Para]) -> SignatureBlock | None:
    """Unit, authority lines and title on top; then room to sign; then the name."""
    lines = [p for p in paras if not p.is_empty and not PLACEHOLDER.match(p.stripped)]
    if len(lines) < 2 or len(lines[-1].stripped) > MAX_NAME:
        return None
    block = SignatureBlock(lines=lines, name=lines[-1])
    top: list[Para] = []
    for para in paras:
        if para is lines[-1]:
            break
        if para.is_empty:
            if top:
                break
            continue
        if PLACEHOLDER.match(para.stripped):
            break
        top.append(para)
    if not top:
        return block
    authority_at = [
        i
        for i, p in enumerate(top)
        if prefix_of(p) is not None and not (i == len(top) - 1 and prefix_of(p) == ACTING)
    ]
    last = top[-1]
    if authority_at and authority_at[-1] == len(top) - 1:
        # The last line before the signature carries a prefix: no own-position line.
        block.unit = top[: authority_at[0]]
        block.authority = top[authority_at[0] :]
        return block
    block.title = last
    if authority_at:
        block.unit = top[: authority_at[0]]
        block.authority = top[authority_at[0] : -1]
    else:
        block.unit = top[:-1]
    return block
