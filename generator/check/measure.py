"""Estimated printed widths of paragraphs and ruled lines, in points.

Widths come from the Times New Roman table in `generator.metrics`. Word draws
superscript and subscript at about two thirds of the size; character spacing
(w:spacing) and scaling (w:w) change every character's advance.
"""

from __future__ import annotations

from generator.check.model import Para, Run
from generator.metrics import text_width_pt

SUPERSCRIPT_SCALE = 2 / 3


def run_width(run: Run, text: str | None = None) -> float:
    chars = run.display if text is None else text
    size = run.size * (SUPERSCRIPT_SCALE if run.vert in ("superscript", "subscript") else 1.0)
    base = text_width_pt(chars.replace("\t", " "), size, run.bold, run.italic) * run.scale
    return base + run.char_spacing * len(chars)


def line_widths(para: Para, box: float | None = None) -> list[float]:
    """Widths of the printed lines of a paragraph, wrapping at spaces within `box`."""
    limit = para.avail_width if box is None else box
    lines: list[float] = []
    current = 0.0
    pending_space = 0.0
    for run in para.runs:
        text = run.display
        # Split into words, keeping breaks; a space's width counts only between words.
        for segment_no, segment in enumerate(text.split("\n")):
            if segment_no:
                lines.append(current)
                current, pending_space = 0.0, 0.0
            for word_no, word in enumerate(segment.split(" ")):
                if word_no:
                    pending_space += run_width(run, " ")
                if not word:
                    continue
                width = run_width(run, word)
                if current and limit > 0 and current + pending_space + width > limit:
                    lines.append(current)
                    current, pending_space = width, 0.0
                else:
                    current += pending_space + width
                    pending_space = 0.0
    lines.append(current)
    return lines


def text_width(paras: list[Para]) -> float:
    """Width of the widest printed line over a group of paragraphs."""
    return max((max(line_widths(p)) for p in paras if not p.is_empty), default=0.0)
