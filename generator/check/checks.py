"""Check types for the formatting and text of paragraphs (size, bold, case, spacing, patterns)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from generator.check.model import Para
from generator.check.parts import Parts
from generator.check.registry import SIZE_EPS, Failure, Result, check, flatten, num, span
from generator.check.text import canonical, is_title_case, is_upper, letters

CM_PER_PT = 2.54 / 72
SINGLE_LINE_EM = 1.15  # Word's single line of Times New Roman is about 1.15 × the size


def _chars(para: Para, predicate: Callable) -> tuple[int, int]:
    total = hit = 0
    for run in para.text_runs:
        count = len("".join(run.text.split()))
        total += count
        if predicate(run):
            hit += count
    return hit, total


# -- formatting of paragraphs ------------------------------------------------


@check("size_range")
def sizespan(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    low, high = float(params["min"]), float(params["max"])
    failures: list[Failure] = []
    seen = False
    for para in flatten(items):
        runs = para.text_runs
        if not runs:
            continue
        seen = True
        bad = sorted({r.size for r in runs if not low - SIZE_EPS <= r.size <= high + SIZE_EPS})
        if bad:
            sizes = ", ".join(num(s) for s in bad)
            failures.append(Failure(para, f"cỡ chữ {sizes} pt, cần {span(low, high, 'pt')}"))
    return failures if seen else None


def _style_check(items: list, params: dict[str, Any], attr: str, yes: str, no: str) -> Result:
    expect = bool(params.get("expect", True))
    need = float(params.get("min_fraction", 1.0))
    failures: list[Failure] = []
    seen = False
    for para in flatten(items):
        hit, total = _chars(para, lambda r: getattr(r, attr) == expect)
        if not total:
            continue
        seen = True
        if hit / total < need - 1e-9:
            failures.append(Failure(para, (no if expect else yes) + _share(hit, total)))
    return failures if seen else None


def _share(hit: int, total: int) -> str:
    miss = total - hit
    return "" if hit == 0 else f" ({miss}/{total} ký tự)"


@check("bold")
def bold(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return _style_check(items, params, "bold", "chữ in đậm", "chữ không in đậm")


@check("italic")
def italic(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return _style_check(items, params, "italic", "chữ in nghiêng", "chữ không in nghiêng")


@check("case")
def case(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    mode = params.get("mode", "upper")
    tests = {
        "upper": (is_upper, "chưa viết in hoa toàn bộ"),
        "not_upper": (lambda t: not is_upper(t) or len(letters(t)) < 2, "viết in hoa toàn bộ"),
        "title": (is_title_case, "chưa viết hoa chữ cái đầu mỗi tiếng (không in hoa toàn bộ)"),
    }
    test, message = tests[mode]
    failures: list[Failure] = []
    seen = False
    for group in items:
        text = " ".join(p.stripped for p in group)
        if not letters(text):
            continue
        seen = True
        if not test(text):
            failures.append(Failure(group[0], message))
    return failures if seen else None


ALIGN_NAMES = {
    "left": "căn trái",
    "center": "căn giữa",
    "right": "căn phải",
    "both": "căn đều hai lề",
}


@check("alignment")
def alignment(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    allowed = params["values"]
    failures = []
    paras = [p for p in flatten(items) if not p.is_empty]
    for para in paras:
        if para.align not in allowed:
            wanted = " hoặc ".join(ALIGN_NAMES.get(a, a) for a in allowed)
            failures.append(
                Failure(para, f"{ALIGN_NAMES.get(para.align, para.align)}, cần {wanted}")
            )
    return failures if paras else None


# An ASCII character that is not white space (str.isspace), set in the run's ascii font.
_ASCII_VISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x21-\x7f]")
_FACE_SUFFIXES = re.compile(r"(,?(bold|italic|regular|oblique|psmt|ps|mt))+$")


@lru_cache(maxsize=256)  # a document names a few fonts, on thousands of runs
def font_family(name: str) -> str:
    """`Times New Roman Bold`, `TimesNewRomanPSMT` → `timesnewroman`: face names of one family."""
    compact = re.sub(r"[\s\-_]", "", name.lower())
    return _FACE_SUFFIXES.sub("", compact)


@check("font")
def font(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    wanted = params.get("name", "Times New Roman")
    family = font_family(wanted)
    failures: list[Failure] = []
    seen = False
    for para in flatten(items):
        bad: set[str] = set()
        for run in para.text_runs:
            seen = True
            text = run.text
            ascii_text = _ASCII_VISIBLE.search(text) is not None
            if ascii_text and font_family(run.font_ascii) != family:
                bad.add(run.font_ascii)
            if not text.isascii() and font_family(run.font_hansi) != family:
                bad.add(run.font_hansi)
        if bad:
            failures.append(Failure(para, f"phông chữ {', '.join(sorted(bad))}, cần {wanted}"))
    return failures if seen else None


def nfc_upper(text: str) -> str:
    return unicodedata.normalize("NFC", text).upper().replace("HOẢ", "HỎA")


@check("color")
def color(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    allowed = {str(c).lower() for c in params.get("allowed", ["auto", "000000"])}
    # P1 III.2b: the urgency stamp is in red ink, like the seal.
    red_marks = {nfc_upper(str(m)) for m in params.get("red_marks", [])}
    red = {str(c).lower() for c in params.get("red", [])}
    failures: list[Failure] = []
    seen = False
    for para in flatten(items):
        runs = para.text_runs
        seen = seen or bool(runs)
        bad = {r.color for r in runs if r.color.lower() not in allowed}
        if bad and red and nfc_upper(para.text.strip()) in red_marks:
            bad = {c for c in bad if c.lower() not in red}
        if bad:
            failures.append(Failure(para, f"màu chữ {', '.join(sorted(bad))}, cần màu đen"))
    return failures if seen else None


def _in_range(
    items: list,
    measure: Callable[[Para], float],
    low: float,
    high: float,
    tol: float,
    label: str,
    unit: str,
) -> Result:
    """Each non-empty paragraph's `measure` within [low, high] (± tol); None when there is none."""
    failures = []
    paras = [p for p in flatten(items) if not p.is_empty]
    for para in paras:
        value = measure(para)
        if not low - tol <= value <= high + tol:
            failures.append(
                Failure(para, f"{label} {num(value, 2)} {unit}, cần {span(low, high, unit)}")
            )
    return failures if paras else None


@check("indent_range")
def indentspan(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return _in_range(
        items,
        lambda p: p.first_line * CM_PER_PT,
        float(params["min_cm"]),
        float(params["max_cm"]),
        float(params.get("tolerance_cm", 0.02)),
        "thụt đầu dòng",
        "cm",
    )


@check("spacing_min")
def spacing_min(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    need = float(params["min_pt"])
    failures = []
    paras = [p for p in flatten(items) if not p.is_empty]
    for para in paras:
        # Word drops the spacing between paragraphs of one style under contextualSpacing.
        total = 0.0 if para.contextual else para.space_before + para.space_after
        if total < need - SIZE_EPS:
            failures.append(
                Failure(
                    para, f"khoảng cách đoạn {num(total)} pt (trước + sau), cần ≥ {num(need)} pt"
                )
            )
    return failures if paras else None


def line_count(para: Para) -> float:
    if para.line_rule == "auto":
        return para.line_value / 12.0
    size = max((r.size for r in para.text_runs), default=12.0)
    lines = para.line_value / (size * SINGLE_LINE_EM)
    # "At least" never makes lines tighter than single.
    return max(lines, 1.0) if para.line_rule == "atLeast" else lines


@check("line_spacing")
def line_spacing(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    return _in_range(
        items,
        line_count,
        float(params["min_lines"]),
        float(params["max_lines"]),
        float(params.get("tolerance", 0.05)),
        "giãn dòng",
        "dòng",
    )


@check("uniform_size")
def uniform_size(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    weights: Counter[float] = Counter()
    paras = flatten(items)
    for para in paras:
        for run in para.text_runs:
            weights[run.size] += len(run.text.strip())
    if not weights:
        return None
    common = weights.most_common(1)[0][0]
    failures = []
    for para in paras:
        other = sorted({r.size for r in para.text_runs if abs(r.size - common) > SIZE_EPS})
        if other:
            sizes = ", ".join(num(s) for s in other)
            failures.append(Failure(para, f"cỡ chữ {sizes} pt, khác cỡ chữ chung {num(common)} pt"))
    return failures


# -- text ----------------------------------------------------------------------


def _group_text(group: list[Para], canon: bool) -> str:
    text = " ".join(p.text.strip().replace("\t", " ") for p in group)
    return canonical(text) if canon else text.replace("\u00a0", " ")


@check("regex")
def regex(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    canon = bool(params.get("canonical", True))
    pattern = (
        re.compile(canonical(params["pattern"]) if canon else params["pattern"])
        if params.get("pattern")
        else None
    )
    forbid = (
        re.compile(canonical(params["forbid"]) if canon else params["forbid"])
        if params.get("forbid")
        else None
    )
    select = params.get("select", "each")
    chosen = {
        "each": items,
        "first": items[:1],
        "last": items[-1:],
        "all_but_last": items[:-1],
    }[select]
    if not chosen:
        return None if select != "all_but_last" else []
    failures = []
    for group in chosen:
        text = _group_text(group, canon)
        if pattern is not None and not pattern.search(text):
            failures.append(Failure(group[0], params.get("detail", "không đúng mẫu")))
        elif forbid is not None and forbid.search(text):
            failures.append(
                Failure(group[0], params.get("forbid_detail", "có dạng không được phép"))
            )
    return failures


@check("list_end")
def list_end(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    """Every item but the last ends with `item_end`, the last with `last_end`."""
    item_end, last_end = params["item_end"], params["last_end"]
    failures = []
    for n, group in enumerate(items, start=1):
        text = _group_text(group, canon=False).rstrip()
        want = last_end if n == len(items) else item_end
        if not text.endswith(want):
            failures.append(Failure(group[0], f"cần kết thúc bằng «{want}»"))
    return failures
