"""Whether a part's every rendering is XML that needs no parsing again (the fast path)."""

from __future__ import annotations

import re

from jinja2 import TemplateError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ANY_TAG = re.compile(r"\{[{%#]|[}%#]\}")
_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)")
_BLOCK_END = {"for": "endfor", "if": "endif"}
_PLAIN_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.For,
    nodes.If,
    nodes.Assign,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.CondExpr,
    nodes.Tuple,
    nodes.List,
    nodes.Slice,
    nodes.BinExpr,
    nodes.UnaryExpr,
    nodes.Test,
)
"""Jinja constructs whose output is escaped text: no filter, call or macro can hand back markup."""
ROWLESS_TABLE = re.compile(r"</w:tblGrid>(?!\s*<w:tr[ >])")
"""A table all of whose rows a loop or condition left out: `fix_tables` would change its grid."""


def always_well_formed(patched: str, environment: ImmutableSandboxedEnvironment) -> bool:
    """Whether every rendering of this part is well-formed XML that `fix_tables` and
    `fix_docpr_ids` leave as it is, so that it can be used without parsing it again.

    True when the part, tags read as text, is XML in which every tag stands whole
    in one text node and no attribute holds one; every `for`/`if` block opens,
    continues and closes under one element, so a loop repeats and a condition
    drops whole elements; nothing but plain lookups and comparisons is printed
    (values are escaped, and no filter, call or macro can hand back markup); no
    block stands between the cells of a row; every row of every table (none
    nested) spans its grid exactly; and there are no pictures to renumber. Then
    rows can only be repeated or left out whole, which keeps every table as
    `fix_tables` wants it, except a table left with no row at all, which
    `render` checks for. Anything else takes docxtpl's way: parse, fix, serialize.
    """
    if "docPr" in patched:
        return False
    try:
        root = etree.fromstring(patched.encode("utf-8"))
        tree = environment.parse(patched)
    except (etree.XMLSyntaxError, TemplateError):
        return False
    if not all(isinstance(node, _PLAIN_NODES) for node in tree.find_all(nodes.Node)):
        return False
    blocks: list[tuple[str, etree._Element]] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if any(_ANY_TAG.search(value) for value in element.attrib.values()):
            return False
        text, holder = (
            (element.text, element) if event == "start" else (element.tail, element.getparent())
        )
        if not text or not _ANY_TAG.search(text):
            continue
        if holder is None or holder.tag == W + "tr":
            return False
        if any(
            text.count(a) != text.count(b) for a, b in (("{%", "%}"), ("{{", "}}"), ("{#", "#}"))
        ):
            return False
        for found in _BLOCK_TAG.finditer(text):
            word = found.group(1)
            if word in _BLOCK_END:
                blocks.append((word, holder))
            elif word in ("else", "elif") and blocks and blocks[-1][1] is holder:
                continue
            elif blocks and blocks[-1][1] is holder and word == _BLOCK_END[blocks[-1][0]]:
                blocks.pop()
            elif word != "set":
                return False
    if blocks:
        return False
    for table in root.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        if grid is None or any(t is not table for t in table.iter(W + "tbl")):
            return False
        columns = len(grid.findall(W + "gridCol"))
        after_grid = False
        for child in table:
            if child is grid:
                after_grid = True
            elif after_grid and child.tag != W + "tr":
                return False
        for row in table.iter(W + "tr"):
            if row.getparent() is not table:
                return False
            spans = 0
            for cell in row.iter(W + "tc"):
                if cell.getparent() is not row:
                    return False
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                value = span.get(W + "val", "1") if span is not None else "1"
                if not value.isdigit():
                    return False
                spans += int(value)
            if spans != columns:
                return False
    return True
