"""The header of an ND30 document (nd30-format.md §2–§5): the Quốc hiệu (or the
title a regime puts in its place) and Tiêu ngữ, the issuers, number, date,
urgency and secrecy marks, the `V/v` line, then the title and subject under it.

Found by text and position around the Quốc hiệu, as `parts.locate` asks.
"""

from __future__ import annotations

import re

from generator.check.body_parts import ADDRESSEE, BASES, Groups, starts_body
from generator.check.lines import find_rule_below, is_rule_para
from generator.check.model import DocModel, Para
from generator.check.text import collapse, fold, is_upper

NATIONAL_TITLE = re.compile(r"^cộng\s*hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam\b")
MOTTO = re.compile(r"độc\s*lập\s*\W*\s*tự\s*do\s*\W*\s*hạnh\s*phúc")
NUMBER = re.compile(r"^số\s*[:.]?\s*[\w\s.…_]*[/-]")
CV_SUBJECT = re.compile(r"^v/v\b")
ISSUER_MARK = re.compile(r"^\*(?:\s*\*)*$")
MARKS = {
    "HỎA TỐC",
    "THƯỢNG KHẨN",
    "KHẨN",
    "TUYỆT MẬT",
    "TỐI MẬT",
    "MẬT",
    "XEM XONG TRẢ LẠI",
    "LƯU HÀNH NỘI BỘ",
    "ĐỌC XONG TRẢ LẠI",
}
HEADER_WINDOW = 12


def is_mark(para: Para) -> bool:
    return collapse(para.text).upper() in MARKS


def find_anchor(model: DocModel) -> Para | None:
    """The Quốc hiệu; without one, a regime's title at the top right, or the line there."""
    qh = next((p for p in model.paras if NATIONAL_TITLE.match(fold(p.text))), None)
    if qh is None:
        head = model.paras[: HEADER_WINDOW * 3]
        titles = [p for p in head if _is_top_title(p)]
        # A regime's title may also be written as the issuer's parent at the left
        # (`ĐOÀN TNCS HỒ CHÍ MINH` over `BAN CHẤP HÀNH TỈNH ĐOÀN …`): the title is the one
        # that is not in the first column.
        right = [p for p in titles if p.cell is None or p.cell.col != 1]
        qh = next(iter(right or titles), None) or _top_right(head)
    return qh


def find_header(model: DocModel, g: Groups, qh: Para) -> int:
    """Find the header parts around the Quốc hiệu (or the title in its place); return the
    block the body starts after."""
    g["national_title" if NATIONAL_TITLE.match(fold(qh.text)) else "top_title"] = [[qh]]
    if qh.cell is not None:
        zone = [p for p in model.paras if p.block == qh.block]
        header_end = qh.block
    else:
        start = max(0, qh.index - 1 - HEADER_WINDOW)
        zone = [p for p in model.paras[start : qh.index + 8] if p.where == "body"]
        header_end = qh.block
    after_qh = [p for p in model.paras[qh.index : qh.index + 3] if p.container == qh.container]
    motto = next((p for p in after_qh if MOTTO.search(fold(p.text))), None)
    if motto is not None:
        g["motto"] = [[motto]]
    date = next((p for p in zone if p.index > qh.index and _is_date(p)), None) or next(
        (p for p in zone if _is_date(p)), None
    )
    number = next((p for p in zone if NUMBER.match(fold(p.text))), None)
    marks = [p for p in zone if is_mark(p)]
    cv = [p for p in zone if CV_SUBJECT.match(fold(p.text))]
    if not cv and number is not None and not NATIONAL_TITLE.match(fold(qh.text)):
        cv = _summary_under(zone, number, date, marks)
    if qh.cell is None and date is not None:
        header_end = max(header_end, date.block)
    # Lines right under the header table: a date, V/v line or mark placed below it.
    following = _following_top_level(model, header_end, limit=3)
    if date is None:
        date = next((p for p in following if _is_date(p)), None)
        if date is not None:
            header_end = date.block
    for p in following:
        if CV_SUBJECT.match(fold(p.text)) and p not in cv:
            cv.append(p)
            header_end = max(header_end, p.block)
        elif is_mark(p) and p not in marks:
            marks.append(p)
    if date is not None:
        g["date"] = [[date]]
    if number is not None:
        g["number"] = [[number]]
    if marks:
        g["marks"] = [[p] for p in marks]
    if cv:
        g["cv_subject"] = [cv]
    if qh.cell is not None:
        _issuers(g, qh, zone, stop={id(p) for p in [number, date, *marks, *cv] if p})
    return _title_subject(model, g, header_end, skip={id(p) for p in marks + cv})


def _summary_under(zone: list[Para], number: Para, date: Para | None, marks: list) -> list[Para]:
    """A công văn's summary with no `V/v` (regimes.md `dang`: a Party công văn prints it as
    written): the lines under the number in its cell, in a document with a regime's title."""
    if number.cell is None:
        return []
    return [
        p
        for p in zone
        if p.cell == number.cell
        and p.index > number.index
        and not p.is_empty
        and p is not date
        and p not in marks
        and not is_rule_para(p)
    ]


def top_titles() -> dict[str, str]:
    """The regimes' titles at the top right (`đảng cộng sản việt nam` → `dang`), folded."""
    from generator.regimes import available_regimes

    return {
        fold(line): regime.name
        for regime in available_regimes().values()
        if not regime.state
        for line in regime.top_lines[:1]
    }


def _is_top_title(para: Para) -> bool:
    return fold(collapse(para.text)) in top_titles()


def _top_right(paras: list[Para]) -> Para | None:
    """Without a Quốc hiệu or a known title: the first line of the header table's top right
    cell, when it is in capitals (a title spelt wrong is still the title, and fails)."""
    first = next(
        (
            p
            for p in paras
            if p.cell is not None
            and (p.cell.table, p.cell.row, p.cell.col) == (1, 1, 2)
            and not p.is_empty
        ),
        None,
    )
    return first if first is not None and is_upper(first.text) else None


def _is_date(para: Para) -> bool:
    text = fold(para.text)
    return "ngày" in text and "tháng" in text and "năm" in text and len(text) < 120


def _following_top_level(model: DocModel, after_block: int, limit: int) -> list[Para]:
    out: list[Para] = []
    for block in model.blocks[after_block:]:
        if block.kind != "p":
            break
        para = block.paras[0]
        if para.is_empty or is_rule_para(para):
            continue
        out.append(para)
        if len(out) >= limit:
            break
    return out


def _issuers(g: Groups, qh: Para, zone: list[Para], stop: set[int]) -> None:
    assert qh.cell is not None
    same_row = [
        p
        for p in zone
        if p.cell is not None
        and p.cell.table == qh.cell.table
        and p.cell.row == qh.cell.row
        and p.cell.col != qh.cell.col
        and p.cell.depth == qh.cell.depth
    ]
    left = [p for p in same_row if p.cell and p.cell.col < qh.cell.col] or same_row
    groups: list[list[Para]] = [[]]
    marks: list[list[Para]] = []
    for p in left:
        if id(p) in stop or NUMBER.match(fold(p.text)):
            break
        if is_rule_para(p):
            groups.append([])
        elif ISSUER_MARK.match(collapse(p.text)):
            # regimes.md: the Party's `*`, the Youth Union's `***` in place of the rule.
            marks.append([p])
            groups.append([])
        elif not p.is_empty:
            groups[-1].append(p)
    parents: list[list[Para]] = []
    issuers: list[list[Para]] = []
    for group in (grp for grp in groups if grp):
        for parent, issuer in _split_issuer_group(group):
            if parent:
                parents.append(parent)
            if issuer:
                issuers.append(issuer)
    if marks:
        g["issuer_mark"] = marks
    if parents:
        g["parent"] = parents
    if issuers:
        g["issuer"] = issuers


def _split_issuer_group(group: list[Para]) -> list[tuple[list[Para], list[Para]]]:
    """Split the lines above one ruled line into (parent, issuer) pairs.

    The usual layout is a plain parent line over a bold issuer line. A run of
    non-bold lines followed by a run of bold lines is one pair (joint documents
    stack several). When boldness does not tell (all lines alike, which is also
    what a faulty document looks like), the first line is the parent and the
    rest the issuer.
    """
    if len(group) == 1:
        return [([], group)]
    bold = [_mostly_bold(p) for p in group]
    if all(bold) or not any(bold) or bold[0]:
        return [(group[:1], group[1:])]
    pairs: list[tuple[list[Para], list[Para]]] = []
    i = 0
    while i < len(group):
        parent: list[Para] = []
        issuer: list[Para] = []
        while i < len(group) and not bold[i]:
            parent.append(group[i])
            i += 1
        while i < len(group) and bold[i]:
            issuer.append(group[i])
            i += 1
        pairs.append((parent, issuer))
    return pairs


def _mostly_bold(para: Para) -> bool:
    runs = para.text_runs
    total = sum(len(r.text.strip()) for r in runs)
    return total > 0 and sum(len(r.text.strip()) for r in runs if r.bold) * 2 > total


def _title_subject(model: DocModel, g: Groups, header_end: int, skip: set[int]) -> int:
    """Find the title and subject after the header; return the block the body starts after.

    The subject is what lies between the title and the ruled line under it. A line
    right under the title means there is no subject (it is optional in the content
    format); without any line, the paragraph after the title is the subject unless
    it opens the body.
    """
    seq: list[Para] = []
    for block in model.blocks[header_end:]:
        if block.kind != "p":
            break
        para = block.paras[0]
        if id(para) in skip or para.is_empty:
            continue
        seq.append(para)
        if len(seq) >= 6:
            break
    texts = [p for p in seq if not is_rule_para(p)]
    if not texts:
        return header_end
    first = texts[0]
    if ADDRESSEE.match(fold(first.text)) or BASES.match(fold(first.text)):
        return first.block - 1
    g["title"] = [[first]]
    after = seq[seq.index(first) + 1 :]
    if after and is_rule_para(after[0]):
        return after[0].block
    subject: list[Para] = []
    for para in after[:4]:
        if is_rule_para(para):
            if subject:
                g["subject"] = [subject]
            return para.block
        if starts_body(para):
            break
        subject.append(para)
        rule = find_rule_below(model, subject)
        if rule is not None:
            g["subject"] = [list(subject)]
            return max(rule.para.block, para.block)
    if after and not is_rule_para(after[0]) and not starts_body(after[0]):
        g["subject"] = [[after[0]]]
        return after[0].block
    return first.block
