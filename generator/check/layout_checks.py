"""Check types for layout: ruled lines, neighbouring parts, signature blocks, page and header."""

from __future__ import annotations

from typing import Any

from generator.check.measure import text_width
from generator.check.model import Para, Section
from generator.check.parts import PART_LABELS, Parts
from generator.check.registry import Failure, Result, check, num, span
from generator.check.signature import SignatureBlock, prefix_of

MM_PER_PT = 25.4 / 72


@check("rule_line")
def rule_line(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    low, high = float(params["min_ratio"]), float(params["max_ratio"])
    failures = []
    seen = False
    for group in items:
        width = text_width(group)
        if width <= 0:
            continue
        seen = True
        line = parts.rule_below(group)
        if line is None:
            failures.append(Failure(group[-1], "không có đường kẻ bên dưới"))
            continue
        ratio = line.width / width
        if not low <= ratio <= high:
            failures.append(
                Failure(
                    group[-1],
                    f"{line.label} dài {num(line.width)} pt = {num(ratio * 100, 0)}% chiều rộng chữ "
                    f"({num(width)} pt), cần {num(low * 100, 0)}–{num(high * 100, 0)}%",
                )
            )
    return failures if seen else None


@check("adjacent")
def adjacent(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    following = parts.items(params["next"])
    if not following:
        return None
    after = following[0][0]
    last = items[0][-1]
    between = [p for p in parts.model.paras[last.index : after.index - 1]]
    if after.index < last.index or between:
        label = PART_LABELS.get(params["next"], params["next"])
        return [Failure(after, f"có {len(between)} dòng chen giữa, {label} phải ở ngay dòng dưới")]
    return []


# -- signature -----------------------------------------------------------------


@check("authority_prefixes")
def authority_prefixes(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    allowed = list(params["allowed"])
    first_only = set(params.get("first_only", []))
    title_allowed = set(params.get("title_allowed", []))
    failures = []
    for block in items:
        assert isinstance(block, SignatureBlock)
        prefixed = 0
        for para in block.authority:
            prefix = prefix_of(para)
            if prefix is None:
                continue
            prefixed += 1
            if prefix not in allowed:
                failures.append(
                    Failure(
                        para, f"tiền tố «{prefix}» không hợp lệ, chỉ dùng " + ", ".join(allowed)
                    )
                )
            elif prefix in first_only and prefixed > 1:
                failures.append(
                    Failure(para, f"«{prefix}» chỉ được đứng ở dòng thẩm quyền đầu tiên")
                )
        if block.title is not None:
            prefix = prefix_of(block.title)
            if prefix is not None and prefix not in title_allowed:
                failures.append(
                    Failure(block.title, f"tiền tố «{prefix}» không hợp lệ ở dòng chức vụ")
                )
    return failures


@check("title_line")
def title_line(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    failures = []
    for block in items:
        if block.title is None:
            anchor = block.authority[-1] if block.authority else block.lines[0]
            failures.append(Failure(anchor, "thiếu dòng chức vụ của người ký dưới dòng thẩm quyền"))
    return failures


# -- page ----------------------------------------------------------------------


def _mm(pt: float) -> str:
    return num(pt * MM_PER_PT)


def _section_where(section: Section) -> str:
    return f"phần (section) {section.index}"


@check("page_size")
def page_size(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    want = sorted((float(params["width_mm"]), float(params["height_mm"])))
    tol = float(params.get("tolerance_mm", 0.5))
    failures = []
    for section in items:
        have = sorted((section.width * MM_PER_PT, section.height * MM_PER_PT))
        if any(abs(h - w_) > tol for h, w_ in zip(have, want, strict=True)):
            failures.append(
                Failure(
                    None,
                    f"khổ giấy {_mm(section.width)} × {_mm(section.height)} mm",
                    _section_where(section),
                )
            )
    return failures


@check("orientation")
def orientation(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    failures = []
    # P1 I.2 allows landscape pages for tables: an annex's section (after the first) may turn.
    later = bool(params.get("landscape_after_first", False))
    for section in items:
        if later and section.index > 1:
            continue
        if section.orient == "landscape" or section.width > section.height:
            failures.append(Failure(None, "trang đặt nằm ngang", _section_where(section)))
    return failures


MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


@check("margins")
def margins(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    tol = float(params.get("tolerance_mm", 0.1))
    failures = []
    for section in items:
        bad = []
        for side, name in MARGIN_NAMES.items():
            low, high = (float(x) for x in params[side])
            have = section.margins.get(side, 0.0) * MM_PER_PT
            if not low - tol <= have <= high + tol:
                bad.append(f"lề {name} {num(have)} mm (cần {span(low, high, 'mm')})")
        if bad:
            failures.append(Failure(None, "; ".join(bad), _section_where(section)))
    return failures


def _has_page_field(paras: list[Para] | None) -> bool:
    return any(f.name == "PAGE" for p in paras or [] for f in p.fields)


@check("page_field")
def page_field(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    section = items[0]
    header = section.headers.get("default")
    if header is None:
        return [Failure(None, "không có đầu trang (header) chứa số trang", "đầu trang")]
    if not _has_page_field(header):
        return [Failure(None, "đầu trang không có trường số trang (PAGE)", "đầu trang")]
    return []


@check("title_page")
def title_page(parts: Parts, items: list, params: dict[str, Any]) -> Result:
    section = items[0]
    if not section.title_pg:
        return [
            Failure(
                None, "chưa đặt trang đầu khác (w:titlePg): trang 1 sẽ hiện số trang", "đầu trang"
            )
        ]
    if _has_page_field(section.headers.get("first")):
        return [Failure(None, "đầu trang của trang 1 có số trang", "đầu trang trang 1")]
    return []
