"""Ruled lines under the Tiêu ngữ, the issuer and the subject (nd30-format.md §2, §5).

Three forms are accepted, as the spec asks: a drawn shape (DrawingML or VML line),
a paragraph bottom border (as wide as the paragraph: its column less its indents),
or a paragraph made of underscores (as wide as the underscores print).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.measure import run_width
from generator.check.model import DocModel, Para

MIN_UNDERSCORES = 1


@dataclass(frozen=True)
class RuleLine:
    kind: str
    """`shape`, `border` or `underscore`."""
    width: float
    para: Para

    @property
    def label(self) -> str:
        return {
            "shape": "đường kẻ vẽ",
            "border": "đường viền dưới đoạn",
            "underscore": "dòng gạch dưới (_)",
        }[self.kind]


def is_underscore_rule(para: Para) -> bool:
    compact = "".join(para.text.split())
    return len(compact) >= MIN_UNDERSCORES and set(compact) == {"_"}


def is_rule_para(para: Para) -> bool:
    """A paragraph that only carries a line (and no text)."""
    return is_underscore_rule(para) or (para.is_empty and (para.border_bottom or bool(para.shapes)))


def underscore_width(para: Para) -> float:
    width = sum(run_width(run, run.display.replace(" ", "").replace("\t", "")) for run in para.runs)
    # Underscores that do not fit wrap onto a second line; the first line is what shows.
    return min(width, para.avail_width) if para.avail_width else width


def _own_line(para: Para) -> RuleLine | None:
    if is_underscore_rule(para):
        return RuleLine("underscore", underscore_width(para), para)
    if para.border_bottom:
        return RuleLine("border", para.avail_width, para)
    if para.shapes:
        return RuleLine("shape", max(para.shapes), para)
    return None


def find_rule_below(model: DocModel, group: list[Para], lookahead: int = 2) -> RuleLine | None:
    """The line under a group of paragraphs, searched where each form is put in practice.

    A border can sit on the last line itself; underscores, bordered empty paragraphs
    and anchored shapes follow it (up to `lookahead` empty paragraphs in between).
    Drawn shapes are positioned freely, so a shape anchored in the group itself or,
    inside a table cell, anywhere in the same cell is accepted too.
    """
    last = group[-1]
    if last.border_bottom:
        return RuleLine("border", last.avail_width, last)
    position = last.index  # 1-based, so paras[position] is the next paragraph
    empties = 0
    for para in model.paras[position:]:
        if para.container != last.container:
            break
        line = _own_line(para)
        if line is not None:
            return line
        if not para.is_empty:
            break
        empties += 1
        if empties > lookahead:
            break
    for para in group:
        if para.shapes:
            return RuleLine("shape", max(para.shapes), para)
    if last.cell is not None:
        for para in model.paras:
            if para.container == last.container and para.shapes and para.index > last.index - 5:
                return RuleLine("shape", max(para.shapes), para)
    return None
