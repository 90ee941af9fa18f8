"""Find the parts of an ND30 document (nd30-format.md §2–§8) in a `DocModel`.

Parts are found by their text and position, never by the formatting the rules
judge (a Quốc hiệu in lower case is still the Quốc hiệu, and then fails the
case rule). The anchor is the Quốc hiệu; the header is the table (or the lines)
around it, the title follows the header, and the body runs from the line under
the subject to the signature table or the `Nơi nhận:` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.check.decision import DECISION_LINE, locate_more
from generator.check.decision import PART_LABELS as MORE_LABELS
from generator.check.lines import RuleLine, find_rule_below, is_rule_para
from generator.check.model import Block, DocModel, Para, Section
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

NATIONAL_TITLE = re.compile(r"^cộng\s*hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam\b")
MOTTO = re.compile(r"độc\s*lập\s*\W*\s*tự\s*do\s*\W*\s*hạnh\s*phúc")
NUMBER = re.compile(r"^số\s*[:.]?\s*[\w\s.…_]*[/-]")
ADDRESSEE = re.compile(r"^kính\s*gửi\b")
CV_SUBJECT = re.compile(r"^v/v\b")
BASES = re.compile(r"^(căn\s*cứ|theo\s+đề\s+nghị)\b")
ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s+\S")
LABEL = re.compile(r"^(phần|chương|mục|tiểu\s+mục)\s+([ivxlc]+|\d+)\.?$")
QUOTES_OPEN = "“\"«‘'"
QUOTES_CLOSE = "”\"»’'"
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

PART_LABELS = {
    "sections": "Trang giấy",
    "document": "Toàn văn bản",
    "national_title": "Quốc hiệu",
    "top_title": "Tiêu đề (thay Quốc hiệu)",
    "issuer_mark": "Dấu dưới tên cơ quan ban hành",
    "motto": "Tiêu ngữ",
    "parent": "Tên cơ quan chủ quản",
    "issuer": "Tên cơ quan ban hành",
    "number": "Số, ký hiệu",
    "date": "Địa danh, ngày tháng",
    "marks": "Dấu mức độ khẩn, mật",
    "cv_subject": "Trích yếu công văn",
    "title": "Tên loại văn bản",
    "subject": "Trích yếu nội dung",
    "addressee": "Kính gửi",
    "bases": "Căn cứ ban hành",
    "theme": "Chủ đề",
    "body": "Nội dung",
    "body_text": "Đoạn văn nội dung",
    "section_heading": "Đề mục La Mã",
    "body_end": "Đoạn cuối nội dung",
    "signature_blocks": "Khối chữ ký",
    "signature_lines": "Quyền hạn, chức vụ người ký",
    "signature_name": "Họ tên người ký",
    "recipients_heading": "Nơi nhận",
    "recipients": "Danh sách nơi nhận",
    "page_number": "Số trang",
    **MORE_LABELS,
}


@dataclass
class Parts:
    model: DocModel
    groups: dict[str, list[list[Para]]] = field(default_factory=dict)
    signatures: list[SignatureBlock] = field(default_factory=list)

    def items(self, name: str) -> list:
        if name == "sections":
            return list(self.model.sections)
        if name == "signature_blocks":
            return list(self.signatures)
        return list(self.groups.get(name, []))

    def rule_below(self, group: list[Para]) -> RuleLine | None:
        return find_rule_below(self.model, group)


def is_mark(para: Para) -> bool:
    return collapse(para.text).upper() in MARKS


def locate(model: DocModel) -> Parts:
    parts = Parts(model)
    g = parts.groups
    g["document"] = [[p] for p in model.paras] + [
        [p] for section in model.sections for p in _unique_header_paras(model.sections, section)
    ]
    _page_numbers(parts)
    qh = next((p for p in model.paras if NATIONAL_TITLE.match(fold(p.text))), None)
    if qh is None:
        head = model.paras[: HEADER_WINDOW * 3]
        qh = next((p for p in head if _is_top_title(p)), None) or _top_right(head)
    body_start = 0
    if qh is not None:
        body_start = _header(parts, qh)
    _body_and_signature(parts, body_start)
    locate_more(parts)
    return parts


def _unique_header_paras(sections: list[Section], section: Section) -> list[Para]:
    seen: set[int] = set()
    for earlier in sections:
        if earlier is section:
            break
        for paras in earlier.headers.values():
            seen.update(id(p) for p in paras or [])
    out: list[Para] = []
    for paras in section.headers.values():
        for p in paras or []:
            if id(p) not in seen:
                seen.add(id(p))
                out.append(p)
    return out


def _page_numbers(parts: Parts) -> None:
    sections = parts.model.sections
    if not sections:
        return
    found: list[list[Para]] = []
    for para in sections[0].headers.get("default") or []:
        for fld in para.fields:
            if fld.name == "PAGE":
                runs = [r for r in fld.result if r.visible] or ([fld.begin] if fld.begin else [])
                found.append([replace(para, runs=runs, prefix="")])
    if found:
        parts.groups["page_number"] = found


def _header(parts: Parts, qh: Para) -> int:
    """Find the header parts around the Quốc hiệu; return the block the body starts after."""
    model, g = parts.model, parts.groups
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
        _issuers(parts, qh, zone, stop={id(p) for p in [number, date, *marks, *cv] if p})
    return _title_subject(parts, header_end, skip={id(p) for p in marks + cv})


ISSUER_MARK = re.compile(r"^\*(?:\s*\*)*$")


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


def _issuers(parts: Parts, qh: Para, zone: list[Para], stop: set[int]) -> None:
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
        parts.groups["issuer_mark"] = marks
    if parents:
        parts.groups["parent"] = parents
    if issuers:
        parts.groups["issuer"] = issuers


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


def _title_subject(parts: Parts, header_end: int, skip: set[int]) -> int:
    """Find the title and subject after the header; return the block the body starts after.

    The subject is what lies between the title and the ruled line under it. A line
    right under the title means there is no subject (it is optional in the content
    format); without any line, the paragraph after the title is the subject unless
    it opens the body.
    """
    model, g = parts.model, parts.groups
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
        if _starts_body(para):
            break
        subject.append(para)
        rule = find_rule_below(model, subject)
        if rule is not None:
            g["subject"] = [list(subject)]
            return max(rule.para.block, para.block)
    if after and not is_rule_para(after[0]) and not _starts_body(after[0]):
        g["subject"] = [[after[0]]]
        return after[0].block
    return first.block


def _starts_body(para: Para) -> bool:
    text = fold(para.text)
    return bool(
        BASES.match(text)
        or ADDRESSEE.match(text)
        or ROMAN_HEADING.match(collapse(para.text))
        or RECIPIENTS.match(text)
        or is_authority_line(para)
    )


def _body_and_signature(parts: Parts, body_start: int) -> None:
    model, g = parts.model, parts.groups
    blocks = model.blocks[body_start:]
    sig_index = signature_start(blocks)
    body_blocks = blocks if sig_index is None else blocks[:sig_index]
    if body_start > 0 or "title" in g:
        _body(parts, [b.paras[0] for b in body_blocks if b.kind == "p"])
    if sig_index is None:
        recipients = next((p for p in model.paras if RECIPIENTS.match(fold(p.text))), None)
        if recipients is not None:
            _recipients(parts, recipients)
        return
    zone = signature_zone(blocks[sig_index:])
    recipients = next((p for b in zone for p in b.paras if RECIPIENTS.match(fold(p.text))), None)
    if recipients is not None:
        _recipients(parts, recipients)
    _signatures(parts, zone, recipients)


def _body(parts: Parts, paras: list[Para]) -> None:
    g = parts.groups
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
        if in_bases and BASES.match(folded):
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


def _recipients(parts: Parts, heading: Para) -> None:
    model, g = parts.model, parts.groups
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


def _signatures(parts: Parts, zone: list[Block], recipients: Para | None) -> None:
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
    parts.signatures = blocks
    g = parts.groups
    lines = [[p] for b in blocks for p in [*b.unit, *b.authority, *([b.title] if b.title else [])]]
    names = [[b.name] for b in blocks if b.name is not None]
    if lines:
        g["signature_lines"] = lines
    if names:
        g["signature_name"] = names
