"""Checks of the further kinds' parts: a bold `Điều N.`, a table's header row repeated and
its rows kept whole, and a decision's enacting authority agreeing with its signature."""

from __future__ import annotations

import re
from typing import Any

from generator import nd30
from generator.check.parts import Parts
from generator.check.registry import Failure, Result, check, flatten
from generator.check.text import collapse, fold


@check("label_bold")
def label_bold(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    """The characters `pattern` matches at the start of the paragraph are bold."""
    pattern = re.compile(str(params["pattern"]))
    failures = []
    for para in flatten(items):
        match = pattern.match(para.text)
        if match is None:
            continue
        at, bad = 0, False
        for run in para.runs:
            start, at = at, at + len(run.display)
            if start < match.end() and run.display.strip() and not run.bold:
                bad = True
        if bad:
            failures.append(Failure(para, f"«{match.group(0).strip()}» không in đậm"))
    return failures


def _table_of(parts: Parts, group: list) -> Any:
    return next(b for b in parts.model.blocks if b.ordinal == group[0].block)


@check("header_repeats")
def header_repeats(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return [
        Failure(group[0], "hàng tiêu đề không lặp lại ở đầu mỗi trang (Repeat header row)")
        for group in items
        if not _table_of(parts, group).header_repeats
    ]


@check("rows_whole")
def rows_whole(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return [
        Failure(
            group[0], "có hàng của bảng bị ngắt sang trang sau (Allow row to break across pages)"
        )
        for group in items
        if not _table_of(parts, group).rows_whole
    ]


@check("enactment")
def enactment(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    """nd30-format.md §13: a collective signs `TM.` it; a head signs as that head or `KT.`."""
    if not parts.signatures:
        return None
    # With two blocks the lead stands on the right; a grid lists blocks row by row.
    lead = parts.signatures[0] if len(parts.signatures) != 2 else parts.signatures[1]
    issuer = " ".join(collapse(p.text) for g in parts.groups.get("issuer", [])[:1] for p in g)
    failures = []
    for para in flatten(items):
        found = nd30.enactment_mismatch(
            fold(para.text),
            fold(issuer),
            [fold(p.text) for p in lead.authority],
            fold(lead.title.text) if lead.title is not None else "",
        )
        if found:
            failures.append(Failure(para, found[0]))
    return failures
