"""Find every tag in a template's paragraphs and check the block structure, without Jinja.

Jinja stops at the first syntax error; this scanner does not. It reads the
text of each part paragraph by paragraph, finds `{{ }}`, `{% %}` and `{# #}`
tags (`tags` reads them and judges how each is typed), keeps a stack of open blocks and reports every unclosed block, stray
end tag, unknown tag, badly typed tag (smart quotes, non-breaking spaces,
runs with different formatting) and block whose tags stand at different
levels of the XML (which docxtpl would turn into a broken document). It also
gives the tags as a balanced sequence, repaired where it found mistakes, for
Jinja to parse next.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.templating.parts import Part
from generator.templating.report import ERROR
from generator.templating.tags import (
    Scan,
    Tag,
    paragraph_problems,
    show,
    tags_in,
    typing_problems,
)

STRUCTURAL = ("tr", "tc", "p", "r")
"""docxtpl's prefixes (`{%p ...%}`): the tag replaces the whole row, cell, paragraph or run."""
BLOCKS = ("for", "if", "macro", "call", "filter", "with", "block", "autoescape", "set", "raw")
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
DOCXTPL_TAGS = ("vm", "hm", "colspan", "cellbg")
"""docxtpl's own cell tags, handled before Jinja sees the template."""
NO_LOADER = ("include", "import", "from", "extends")
KNOWN = (*BLOCKS, *(f"end{b}" for b in BLOCKS), *MIDDLES, *DOCXTPL_TAGS, *NO_LOADER)
LEVEL_WORDS = {
    None: "chỉ thay phần chữ trong đoạn",
    "r": "thay cả đoạn chữ (run) chứa nó",
    "p": "thay cả đoạn chứa nó",
    "tc": "thay cả ô bảng chứa nó",
    "tr": "thay cả hàng bảng chứa nó",
}
STUBS = {
    "for": "{% for _ in () %}",
    "if": "{% if true %}",
    "macro": "{% macro _() %}",
    "call": "{% call _() %}",
    "filter": "{% filter string %}",
    "with": "{% with %}",
    "block": "{% block _ %}",
    "autoescape": "{% autoescape true %}",
    "set": "{% set _ %}",
    "raw": "{% raw %}",
}
"""A neutral opening tag of each block, for a sequence Jinja can parse around a mistake."""


@dataclass
class Frame:
    opener: Tag
    name: str
    middles: list[Tag] = field(default_factory=list)


def _tag_problems(tag: Tag, scan: Scan) -> bool:
    """Problems of a single tag; False when the tag must be left out of the structure."""
    if tag.prefix in ("tr", "tc") and tag.level() is None:
        where = "hàng" if tag.prefix == "tr" else "ô"
        scan.add(
            "outside-table",
            ERROR,
            f"thẻ {show(tag)} nằm ngoài bảng, không có {where} bảng nào để thay",
            "dùng `{%p ... %}` cho đoạn ngoài bảng",
            tag=tag,
        )
        tag.prefix = "p"  # read on as the paragraph tag it most likely should be
        return True
    if tag.delim == "{{" and tag.prefix in ("p", "tr", "tc"):
        scan.add(
            "structural-output",
            ERROR,
            f"`{{{{{tag.prefix} ...}}}}` dành cho văn bản con (subdoc), không in được chữ",
            f"viết `{{{{ {tag.body} }}}}`",
            tag=tag,
        )
        return False
    if tag.delim != "{%":
        if not tag.body:
            scan.add(
                "empty-tag",
                ERROR,
                "thẻ `{{ }}` trống",
                "ghi tên cần in, ví dụ `{{ title }}`",
                tag=tag,
            )
            return False
        return True
    if not tag.name:
        scan.add(
            "empty-tag",
            ERROR,
            f"thẻ {show(tag)} không có lệnh",
            "ví dụ `{%p if subject %}`, `{%p endif %}`",
            tag=tag,
        )
        return False
    if tag.name in NO_LOADER:
        scan.add(
            "no-loader",
            ERROR,
            f"`{tag.name}` không dùng được trong mẫu DOCX (không có mẫu nào khác để nạp)",
            "viết thẳng nội dung vào mẫu này",
            tag=tag,
        )
        return False
    if tag.name not in KNOWN:
        close = difflib.get_close_matches(tag.name, KNOWN, n=1, cutoff=0.6)
        hint = (
            f"có phải `{close[0]}`?"
            if close
            else "các lệnh dùng được: for, if, elif, else, set và end… của chúng"
        )
        if tag.name in STRUCTURAL:
            hint = f"viết liền, không cách: `{{%{tag.name} ...%}}`"
        scan.add("unknown-tag", ERROR, f"lệnh `{tag.name}` không có trong Jinja", hint, tag=tag)
        if not close or close[0] in (*DOCXTPL_TAGS, *NO_LOADER):
            return False
        # Read on as the tag it was meant to be, so one typo is one problem, not a
        # cascade of unclosed blocks and stray end tags.
        tag.body = close[0] + tag.body[len(tag.name) :]
        tag.name = close[0]
    return True


def _level_problem(tags: list[Tag], scan: Scan) -> None:
    opener = tags[0]
    for other in tags[1:]:
        if other.level() != opener.level():
            same_kind = other.prefix == opener.prefix
            reason = (
                "một thẻ ở trong bảng, thẻ kia ở ngoài (hoặc ở chỗ khác trong bảng)"
                if same_kind
                else f"{show(opener)} {LEVEL_WORDS[opener.prefix]}, còn {show(other)} "
                f"{LEVEL_WORDS[other.prefix]}"
            )
            scan.add(
                "block-level",
                ERROR,
                f"{show(opener)} ({opener.location}) và {show(other)} không cùng cấp: "
                f"{reason}; văn bản tạo ra sẽ hỏng",
                "dùng cùng một loại thẻ cho cả khối và đặt chúng cùng chỗ: "
                "`{%p if ... %}` … `{%p endif %}` mỗi thẻ một đoạn, cùng ở thân văn bản "
                "hoặc cùng trong một ô; `{%tr ... %}` cho cả hàng bảng",
                tag=other,
            )
            return


def _is_block_set(tag: Tag) -> bool:
    return tag.name == "set" and "=" not in tag.body


def scan_part(part: Part) -> Scan:
    scan = Scan(part)
    in_raw = False
    kept: list[Tag] = []
    for para in part.paragraphs:
        tags = tags_in(para, scan)
        if not in_raw:
            paragraph_problems(tags, para, scan)
        for tag in tags:
            if in_raw:  # what a raw block holds is text, not tags
                in_raw = tag.name != "endraw"
                if not in_raw:
                    kept.append(tag)
                continue
            scan.tags.append(tag)
            typing_problems(tag, scan)
            if _tag_problems(tag, scan):
                kept.append(tag)
                in_raw = tag.name == "raw"
    stack: list[Frame] = []
    crossed: dict[str, int] = {}
    for i, tag in enumerate(kept):
        if tag.delim == "{{":
            scan.sequence.append((tag, tag.jinja()))
        elif tag.name == "endraw" and stack and stack[-1].name == "raw":
            stack.pop()
            scan.sequence.append((tag, tag.jinja()))
        else:
            _statement(tag, stack, crossed, kept[i + 1 :], scan)
    for frame in reversed(stack):
        _unclosed(frame, None, scan)
    for frame in reversed(stack):
        scan.sequence.append((None, f"{{% end{frame.name} %}}"))
    return scan


def _statement(
    tag: Tag, stack: list[Frame], crossed: dict[str, int], rest: list[Tag], scan: Scan
) -> None:
    name = tag.name
    if name in BLOCKS and (name != "set" or _is_block_set(tag)):
        stack.append(Frame(tag, name))
        scan.sequence.append((tag, tag.jinja()))
    elif name in MIDDLES:
        top = stack[-1] if stack else None
        if top is None or top.name not in MIDDLES[name]:
            inside = " hoặc ".join(f"`{{% {b} %}}`" for b in MIDDLES[name])
            scan.add(
                "stray-middle",
                ERROR,
                f"{show(tag)} không nằm trong {inside} nào",
                f"đặt nó giữa {inside} và thẻ end… của nó, hoặc xóa nó",
                tag=tag,
            )
            return
        if any(m.name == "else" for m in top.middles):
            scan.add(
                "stray-middle",
                ERROR,
                f"{show(tag)} đứng sau `else` của {show(top.opener)}",
                "`else` phải là nhánh cuối cùng",
                tag=tag,
            )
            return
        top.middles.append(tag)
        scan.sequence.append((tag, tag.jinja()))
    elif name.startswith("end") and name[3:] in BLOCKS:
        _closer(tag, name[3:], stack, crossed, rest, scan)
    else:
        if name in DOCXTPL_TAGS:
            rest = tag.body[len(name) :].strip()
            if rest:  # colspan/cellbg take an expression, printed into the cell's XML
                scan.sequence.append((tag, f"{{{{ {rest} }}}}"))
            return
        scan.sequence.append((tag, tag.jinja()))


def _short_of_closers(block: str, stack: list[Frame], rest: list[Tag]) -> bool:
    """Whether the tags still to come cannot close every open `block` of the stack."""
    balance = 0
    for tag in rest:
        if tag.name == f"end{block}":
            balance += 1
        elif tag.name == block and (block != "set" or _is_block_set(tag)):
            balance -= 1
    return balance < sum(1 for f in stack if f.name == block)


def _closer(
    tag: Tag, block: str, stack: list[Frame], crossed: dict[str, int], rest: list[Tag], scan: Scan
) -> None:
    if stack and stack[-1].name == block:
        frame = stack.pop()
        _level_problem([frame.opener, *frame.middles, tag], scan)
        scan.sequence.append((tag, tag.jinja()))
        return
    depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].name == block), None)
    if depth is None:
        if crossed.get(block):
            crossed[block] -= 1  # its block was reported as crossing another one
            return
        top = stack[-1] if stack else None
        if top is not None and _short_of_closers(top.name, stack, rest):
            # The open block will never be closed and this end tag closes nothing: most
            # likely the one was meant for the other (`{% for %}` … `{% endif %}`).
            stack.pop()
            scan.add(
                "mismatched-end",
                ERROR,
                f"{show(tag)} đóng {show(top.opener)} ({top.opener.location}), "
                "hai thẻ không cùng loại",
                f"sửa thành `{{%{tag.prefix or ''} end{top.name} %}}`, hoặc sửa thẻ mở "
                f"thành `{{%{top.opener.prefix or ''} {block} ... %}}`",
                tag=tag,
            )
            scan.sequence.append((tag, f"{{% end{top.name} %}}"))
            return
        scan.add(
            "stray-end",
            ERROR,
            f"{show(tag)} không có `{{% {block} %}}` mở trước nó",
            f"xóa {show(tag)}, hoặc thêm `{{%p {block} ... %}}` ở chỗ khối bắt đầu",
            tag=tag,
        )
        return
    for frame in reversed(stack[depth + 1 :]):
        _unclosed(frame, tag, scan)
        crossed[frame.name] = crossed.get(frame.name, 0) + 1
        scan.sequence.append((None, f"{{% end{frame.name} %}}"))
    del stack[depth + 1 :]
    frame = stack.pop()
    _level_problem([frame.opener, *frame.middles, tag], scan)
    scan.sequence.append((tag, tag.jinja()))


def _unclosed(frame: Frame, before: Tag | None, scan: Scan) -> None:
    end = f"end{frame.name}"
    prefix = frame.opener.prefix or ""
    closing = f"`{{%{prefix} {end} %}}`"
    if before is None:
        message = f"{show(frame.opener)} mở khối mà không có {closing} đóng lại"
        hint = f"thêm {closing} ở chỗ khối kết thúc"
    else:
        message = (
            f"{show(frame.opener)} chưa đóng thì đã gặp {show(before)} "
            f"({before.location}): hai khối đan chéo nhau"
        )
        hint = f"đặt {closing} trước {show(before)}"
    scan.add("unclosed-block", ERROR, message, hint, tag=frame.opener)
