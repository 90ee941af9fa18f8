"""Parts of the further kinds (nd30-format.md §9, §13): a decision's enacting authority,
its `QUYẾT ĐỊNH:` line and articles, annexes after the signature, and tables of rows.

Found by their text and place, like the parts of `parts.py`, which calls `locate_more`
once the header, body and signature are known.
"""

from __future__ import annotations

import re

from generator.check.model import Para
from generator.check.text import fold

DECISION_LINE = re.compile(r"^quyết\s*định\s*:$")
ARTICLE = re.compile(r"^điều\s+\d+\s*\.")
BASES = re.compile(r"^(?:[-–]\s*)?(căn\s*cứ|theo\s+đề\s+nghị|xét\s+đề\s+nghị)\b")
REFERENCE = re.compile(r"^\(\s*kèm\s+theo\b")
ANNEX_LABEL = re.compile(r"^phụ\s*lục\b")
NUMBER_COLUMN = "stt"

PART_LABELS = {
    "enacted_by": "Thẩm quyền ban hành",
    "decision_line": "Dòng «QUYẾT ĐỊNH:»",
    "article": "Điều",
    "annex_label": "Số phụ lục",
    "annex_title": "Tên phụ lục",
    "annex_reference": "Dòng «Kèm theo» của phụ lục",
    "table_header": "Hàng tiêu đề của bảng",
}


def locate_more(parts) -> None:  # parts: generator.check.parts.Parts (no import: no cycle)
    g, model = parts.groups, parts.model
    body = [p for group in g.get("body", []) for p in group]
    decision = next((p for p in body if DECISION_LINE.match(fold(p.text))), None)
    if decision is not None:
        g["decision_line"] = [[decision]]
        # The enacting authority: the line between the summary's rule and the bases (found
        # by its place, so that one not in capitals is found, and fails the case rule).
        first = body[0] if body else None
        if first is not None and first is not decision and not BASES.match(fold(first.text)):
            g["enacted_by"] = [[first]]
            # It is judged by its own rules, not as body text.
            for name in ("body", "body_text"):
                g[name] = [grp for grp in g.get(name, []) if grp[0] is not first]
    articles = [[p] for p in body if ARTICLE.match(fold(p.text))]
    if articles:
        g["article"] = articles
    _annexes(parts, model.paras)
    headers = []
    for block in model.blocks:
        if block.kind != "tbl":
            continue
        first = [p for p in block.paras if p.cell is not None and p.cell.row == 1]
        if first and fold(first[0].text) == NUMBER_COLUMN:
            headers.append(first)
    if headers:
        g["table_header"] = headers


def _annexes(parts, paras: list[Para]) -> None:
    g = parts.groups
    top = [p for p in paras if p.where == "body" and not p.is_empty]
    labels, titles, references = [], [], []
    for i, para in enumerate(top):
        if not REFERENCE.match(fold(para.text)) or i == 0:
            continue
        references.append([para])
        titles.append([top[i - 1]])
        if i >= 2 and ANNEX_LABEL.match(fold(top[i - 2].text)):
            labels.append([top[i - 2]])
    for name, found in (
        ("annex_label", labels),
        ("annex_title", titles),
        ("annex_reference", references),
    ):
        if found:
            g[name] = found
