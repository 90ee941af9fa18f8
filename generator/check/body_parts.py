"""The body of an ND30 document and what closes it (nd30-format.md §6–§8): the
addressees, bases, theme, Roman headings and text, then the recipients and the
signature blocks.

Found by text and position after the header, as `parts.locate` asks.
"""

from __future__ import annotations

import re

from generator.check.decision import DECISION_LINE
from generator.check.lines import is_rule_para
from generator.check.model import Block, DocModel, Para
from generator.check.signature import (
    RECIPIENTS,
    SignatureBlock,
    is_authority_line,
    parse_block,
    signature_start,
    signature_zone,
    table_blocks,
)
from generator.check.text import collapse, fold, is_upper

Groups = dict[str, list[list[Para]]]
"""Paragraphs found for each part, by the part's name (`Parts.groups`)."""
ADDRESSEE = re.compile(r"^kính\s*gửi\b")
BASES = re.compile(r"^(?:[-–]\s*)?(căn\s*cứ|theo\s+đề\s+nghị|xét\s+đề\s+nghị)\b")
"""A căn cứ or proposal line (`Theo đề nghị`, the Party's `Xét đề nghị`); Party documents
start each with `- ` (regimes.md, bases)."""
TEXT_STYLES = ("VB Nội dung", "VB Nội dung – đoạn cuối")
"""The templates' styles of the body's text (templates/docx/*.docx): a paragraph in one of
them is text, whatever words it opens with."""
ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
LABEL = re.compile(r"^(phần|chương|mục|tiểu\s+mục)\s+([ivxlc]+|\d+)\.?$")
QUOTES_OPEN = "“\"«‘'"
QUOTES_CLOSE = "”\"»’'"


def starts_body(para: Para) -> bool:
    """Whether a paragraph opens the body: bases, `Kính gửi`, a Roman heading, `Nơi nhận`
    or the signature's authority line."""
    text = fold(para.text)
    return bool(
        BASES.match(text)
        or ADDRESSEE.match(text)
        or ROMAN_HEADING.match(collapse(para.text))
        or RECIPIENTS.match(text)
        or is_authority_line(para)
    )


def find_body_and_signature(model: DocModel, g: Groups, body_start: int) -> list[SignatureBlock]:
    """Find the body after block `body_start`, the recipients and the signature blocks."""
    blocks = model.blocks[body_start:]
    sig_index = signature_start(blocks)
    body_blocks = blocks if sig_index is None else blocks[:sig_index]
    if body_start > 0 or "title" in g:
        _body(g, [b.paras[0] for b in body_blocks if b.kind == "p"])
    if sig_index is None:
        recipients = next((p for p in model.paras if RECIPIENTS.match(fold(p.text))), None)
        if recipients is not None:
            _recipients(model, g, recipients)
        return []
    zone = signature_zone(blocks[sig_index:])
    recipients = next((p for b in zone for p in b.paras if RECIPIENTS.match(fold(p.text))), None)
    if recipients is not None:
        _recipients(model, g, recipients)
    return _signatures(g, zone, recipients)


def _body(g: Groups, paras: list[Para]) -> None:
    paras = [p for p in paras if not p.is_empty and not is_rule_para(p)]
    if not paras:
        return
    g["body"] = [[p] for p in paras]
    g["body_end"] = [[paras[-1]]]
    i = 0
    if ADDRESSEE.match(fold(paras[0].text)):
        group = [paras[0]]
        i = 1
        while i < len(paras) and paras[i].stripped[:1] in "-–":
            group.append(paras[i])
            i += 1
        g["addressee"] = [group]
    bases: list[Para] = []
    theme: list[Para] = []
    headings: list[Para] = []
    text: list[Para] = []
    label_next = False
    seen_heading = False
    in_bases = True
    # A decision's enacting authority stands before its bases, its own part (decision.py).
    decision = any(DECISION_LINE.match(fold(p.text)) for p in paras)
    for n, para in enumerate(paras[i:]):
        flat = collapse(para.text)
        folded = fold(para.text)
        if decision and (DECISION_LINE.match(folded) or (n == 0 and not BASES.match(folded))):
            continue
        if in_bases and BASES.match(folded) and not _text_styled(para):
            bases.append(para)
            continue
        if not seen_heading and flat[:1] in QUOTES_OPEN and flat[-1:] in QUOTES_CLOSE:
            theme.append(para)
            continue
        if ROMAN_HEADING.match(flat):
            headings.append(para)
            seen_heading = True
            in_bases = False
            continue
        if LABEL.match(folded):
            label_next = True
            continue
        if label_next or is_upper(flat):
            # Labels, their titles and lines like `QUYẾT ĐỊNH:` do not end the bases.
            label_next = False
            continue
        in_bases = False
        text.append(para)
    if bases:
        g["bases"] = [[p] for p in bases]
    if theme:
        g["theme"] = [[p] for p in theme]
    if headings:
        g["section_heading"] = [[p] for p in headings]
    if text or bases:
        g["body_text"] = [[p] for p in bases + text]


def _text_styled(para: Para) -> bool:
    """Whether a paragraph is marked body text by the templates' styles: a preamble that
    opens with `Căn cứ kết quả …` is text, not a căn cứ line, when the document says so.
    A document without these styles is read by its text alone."""
    return para.style_name in TEXT_STYLES


def _recipients(model: DocModel, g: Groups, heading: Para) -> None:
    g["recipients_heading"] = [[heading]]
    items: list[list[Para]] = []
    for para in model.paras[heading.index :]:
        if para.container != heading.container:
            break
        if para.is_empty:
            if items and heading.cell is None:
                break
            continue
        first = para.text.lstrip()[:1]
        starts_item = first in "-–—+•" or not items
        continuation = para.text[:1].isspace() or para.text[:1] == "\u00a0" or first.islower()
        if items and not starts_item and continuation:
            items[-1].append(para)
        else:
            items.append([para])
    if items:
        g["recipients"] = items


def _signatures(g: Groups, zone: list[Block], recipients: Para | None) -> list[SignatureBlock]:
    blocks: list[SignatureBlock] = []
    loose: list[Para] = []
    for block in zone:
        if block.kind == "tbl":
            blocks.extend(table_blocks(block))
        else:
            para = block.paras[0]
            if recipients is not None and para.index >= recipients.index:
                continue
            loose.append(para)
    if not blocks and loose:
        parsed = parse_block(loose)
        if parsed is not None:
            blocks.append(parsed)
    lines = [[p] for b in blocks for p in [*b.unit, *b.authority, *([b.title] if b.title else [])]]
    names = [[b.name] for b in blocks if b.name is not None]
    if lines:
        g["signature_lines"] = lines
    if names:
        g["signature_name"] = names
    return blocks
