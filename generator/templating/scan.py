"""Find every tag in a template's paragraphs and check the block structure, without Jinja.

Jinja stops at the first syntax error; this scanner does not. It reads the
text of each part paragraph by paragraph, finds `{{ }}`, `{% %}` and `{# #}`
tags, keeps a stack of open blocks and reports every unclosed block, stray
end tag, unknown tag, badly typed tag (smart quotes, non-breaking spaces,
runs with different formatting) and block whose tags stand at different
levels of the XML (which docxtpl would turn into a broken document). It also
gives the tags as a balanced sequence, repaired where it found mistakes, for
Jinja to parse next.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from generator.templating.parts import ParagraphView, Part
from generator.templating.report import ERROR, WARNING, Location, TemplateProblem

DELIMITERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
STRUCTURAL = ("tr", "tc", "p", "r")
"""docxtpl's prefixes (`{%p ...%}`): the tag replaces the whole row, cell, paragraph or run."""
BLOCKS = ("for", "if", "macro", "call", "filter", "with", "block", "autoescape", "set", "raw")
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
DOCXTPL_TAGS = ("vm", "hm", "colspan", "cellbg")
"""docxtpl's own cell tags, handled before Jinja sees the template."""
NO_LOADER = ("include", "import", "from", "extends")
KNOWN = (*BLOCKS, *(f"end{b}" for b in BLOCKS), *MIDDLES, *DOCXTPL_TAGS, *NO_LOADER)
SMART_QUOTES = "“”‘’„‟‚‛"
# Jinja reads a non-breaking space as a space, but docxtpl needs a real one after `{%p`.
ODD_SPACES = "\u00a0\u202f\u2007\u2009\u200b"
QUOTE_FIX = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
)
SPACE_FIX = str.maketrans({c: " " for c in ODD_SPACES})
OPENING = re.compile(r"\{[{%#]")
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


def excerpt(text: str, start: int, end: int, around: int = 30) -> str:
    """The text around `start:end`, shortened with `…` at either side."""
    lo, hi = max(0, start - around), min(len(text), end + around)
    out = text[lo:hi].replace("\n", " ")
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


@dataclass
class Tag:
    """One `{{ }}`, `{% %}` or `{# #}` as written in a paragraph."""

    para: ParagraphView
    start: int
    end: int
    delim: str
    prefix: str | None
    body: str
    """What stands between the delimiters, without prefix, `-`/`+` and with quotes and
    spaces made plain, as docxtpl hands it to Jinja."""
    name: str = ""
    """The statement of a `{% %}` tag (`for`, `endif`, ...)."""

    @property
    def raw(self) -> str:
        return self.para.text[self.start : self.end]

    @property
    def location(self) -> Location:
        return self.para.location

    @property
    def excerpt(self) -> str:
        return excerpt(self.para.text, self.start, self.end)

    def jinja(self) -> str:
        close = DELIMITERS[self.delim]
        return f"{self.delim} {self.body} {close}"

    def level(self) -> tuple[str, ...] | None:
        """Where in the XML the tag acts: blocks whose tags differ here break the document."""
        chain = self.para.chain
        if self.prefix == "p":
            return chain
        if self.prefix in ("tr", "tc"):
            if self.prefix not in chain:
                return None
            return chain[: len(chain) - chain[::-1].index(self.prefix) - 1]
        path = self.para.segment_at(self.start).path if self.para.segments else ("r",)
        return chain + ("p",) + (path[:-1] if self.prefix == "r" else path)


@dataclass
class Frame:
    opener: Tag
    name: str
    middles: list[Tag] = field(default_factory=list)


@dataclass
class Scan:
    """The result for one part: problems, the tags, and a balanced sequence for Jinja."""

    part: Part
    tags: list[Tag] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)
    sequence: list[tuple[Tag | None, str]] = field(default_factory=list)
    """Each entry one line of the Jinja source: the tag it stands for (None if added to
    close a block) and its text."""
    reported: set[int] = field(default_factory=set)
    """`id()` of tags with a problem already, so that Jinja's parser does not repeat it."""
    unreadable_words: set[str] = field(default_factory=set)
    """Words of tags Jinja could not read: the names there are taken as used, so that a
    broken `{%p for x in bases %}` is one problem, not also a missing `bases`."""

    def add(
        self,
        code: str,
        severity: str,
        message: str,
        hint: str | None,
        tag: Tag | None = None,
        para: ParagraphView | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        where = tag.para if tag else para
        text = ""
        if tag is not None:
            text = tag.excerpt
            if severity == ERROR:
                self.reported.add(id(tag))
        elif where is not None and span is not None:
            text = excerpt(where.text, *span)
        self.problems.append(
            TemplateProblem(code, severity, message, hint, where.location if where else None, text)
        )


def _show(tag: Tag) -> str:
    return f"`{' '.join(tag.raw.split())}`"


def _tags_in(para: ParagraphView, scan: Scan) -> list[Tag]:
    text = para.text
    found: list[Tag] = []
    pos = 0
    spans: list[tuple[int, int]] = []
    while True:
        match = OPENING.search(text, pos)
        if not match:
            break
        start = match.start()
        delim = match.group()
        close = text.find(DELIMITERS[delim], start + 2)
        if close < 0:
            scan.add(
                "unclosed-tag",
                ERROR,
                f"thẻ mở `{delim}` không có `{DELIMITERS[delim]}` đóng trong cùng đoạn",
                f"thêm `{DELIMITERS[delim]}`; mỗi thẻ phải nằm trọn trong một đoạn",
                para=para,
                span=(start, start + 2),
            )
            scan.unreadable_words.update(re.findall(r"[A-Za-z_]\w*", text[start + 2 :]))
            pos = start + 2
            continue
        end = close + 2
        spans.append((start, end))
        pos = end
        if delim == "{#":
            continue
        found.append(_make_tag(para, start, end, delim, scan))
    _stray_closers(para, spans, scan)
    return found


def _make_tag(para: ParagraphView, start: int, end: int, delim: str, scan: Scan) -> Tag:
    inner = para.text[start + 2 : end - 2]
    inner = inner[1:] if inner[:1] in "-+" else inner
    inner = inner[:-1] if inner[-1:] in "-+" else inner
    prefix = None
    match = re.match(r"(tr|tc|p|r)(\s)", inner)
    if match and not (delim == "{%" and inner.startswith("raw")):
        prefix = match.group(1)
        inner = inner[match.end() :]
        if match.group(2) != " ":
            tag = Tag(para, start, end, delim, prefix, "")
            scan.add(
                "odd-space",
                ERROR,
                f"sau `{delim}{prefix}` là một dấu cách đặc biệt (không ngắt), "
                "docxtpl không nhận ra thẻ cấu trúc",
                f"xóa dấu cách đó rồi gõ lại bằng phím cách thường: `{delim}{prefix} `",
                tag=tag,
            )
    body = " ".join(inner.translate(QUOTE_FIX).translate(SPACE_FIX).split())
    name = body.split(" ", 1)[0] if delim == "{%" else ""
    name = re.match(r"\w*", name).group() if name else ""
    return Tag(para, start, end, delim, prefix, body, name)


def _stray_closers(para: ParagraphView, spans: list[tuple[int, int]], scan: Scan) -> None:
    text = para.text
    for close, opener in (("}}", "{{"), ("%}", "{%")):
        for match in re.finditer(re.escape(close), text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            scan.add(
                "stray-close",
                WARNING,
                f"`{close}` thừa: không có `{opener}` mở trước nó trong đoạn",
                "xóa nó, hoặc viết đủ thẻ trong cùng một đoạn",
                para=para,
                span=(match.start(), match.end()),
            )


def _typing_problems(tag: Tag, scan: Scan) -> None:
    raw = tag.raw
    pieces = tag.para.pieces(tag.start, tag.end)
    if len({seg.style for _, seg in pieces}) > 1:
        shown = " ".join(f"«{text}»" for text, _ in pieces)
        scan.add(
            "split-runs",
            WARNING,
            f"Word đã tách thẻ thành {len(pieces)} đoạn chữ (run) định dạng khác nhau: "
            f"{shown}; khi tạo văn bản cả thẻ lấy định dạng của đoạn đầu",
            "chọn cả thẻ và đặt một định dạng cho nó (hoặc xóa rồi gõ lại cả thẻ một lần)",
            tag=tag,
        )
    quotes = sorted({c for c in raw if c in SMART_QUOTES})
    if quotes:
        scan.add(
            "smart-quotes",
            WARNING,
            f"thẻ {_show(tag)} có dấu nháy cong {' '.join(quotes)}",
            "tắt AutoCorrect “Straight quotes with smart quotes” rồi gõ lại bằng "
            "dấu nháy thẳng \" hoặc '",
            tag=tag,
        )
    if any(c in ODD_SPACES for c in raw[2:]) and not any(
        p.code == "odd-space" and p.location == tag.location for p in scan.problems
    ):
        scan.add(
            "odd-space",
            WARNING,
            f"thẻ {_show(tag)} có dấu cách không ngắt (NBSP) hoặc dấu cách đặc biệt",
            "xóa rồi gõ lại các dấu cách trong thẻ bằng phím cách thường",
            tag=tag,
        )


def _paragraph_problems(tags: list[Tag], para: ParagraphView, scan: Scan) -> None:
    """`{%p %}` replaces its whole paragraph: anything else in it is lost."""
    structural = [t for t in tags if t.prefix == "p"]
    if not structural:
        return
    first = structural[0]
    others = [t for t in tags if t is not first]
    if others:
        scan.add(
            "shared-paragraph",
            ERROR,
            f"đoạn có thẻ {_show(first)} còn có thẻ {_show(others[0])}; "
            "thẻ `{%p %}` thay cả đoạn nên thẻ kia bị mất",
            "mỗi thẻ `{%p ... %}` đứng một mình một đoạn",
            tag=others[0],
        )
        return
    rest = (para.text[: first.start] + para.text[first.end :]).strip()
    if rest:
        scan.add(
            "shared-paragraph",
            WARNING,
            f"chữ «{rest[:40]}» cùng đoạn với {_show(first)} sẽ mất khi tạo văn bản",
            "để thẻ `{%p ... %}` một mình một đoạn",
            tag=first,
        )


def _tag_problems(tag: Tag, scan: Scan) -> bool:
    """Problems of a single tag; False when the tag must be left out of the structure."""
    if tag.prefix in ("tr", "tc") and tag.level() is None:
        where = "hàng" if tag.prefix == "tr" else "ô"
        scan.add(
            "outside-table",
            ERROR,
            f"thẻ {_show(tag)} nằm ngoài bảng, không có {where} bảng nào để thay",
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
            f"thẻ {_show(tag)} không có lệnh",
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
                else f"{_show(opener)} {LEVEL_WORDS[opener.prefix]}, còn {_show(other)} "
                f"{LEVEL_WORDS[other.prefix]}"
            )
            scan.add(
                "block-level",
                ERROR,
                f"{_show(opener)} ({opener.location}) và {_show(other)} không cùng cấp: "
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
        tags = _tags_in(para, scan)
        if not in_raw:
            _paragraph_problems(tags, para, scan)
        for tag in tags:
            if in_raw:  # what a raw block holds is text, not tags
                in_raw = tag.name != "endraw"
                if not in_raw:
                    kept.append(tag)
                continue
            scan.tags.append(tag)
            _typing_problems(tag, scan)
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
                f"{_show(tag)} không nằm trong {inside} nào",
                f"đặt nó giữa {inside} và thẻ end… của nó, hoặc xóa nó",
                tag=tag,
            )
            return
        if any(m.name == "else" for m in top.middles):
            scan.add(
                "stray-middle",
                ERROR,
                f"{_show(tag)} đứng sau `else` của {_show(top.opener)}",
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
                f"{_show(tag)} đóng {_show(top.opener)} ({top.opener.location}), "
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
            f"{_show(tag)} không có `{{% {block} %}}` mở trước nó",
            f"xóa {_show(tag)}, hoặc thêm `{{%p {block} ... %}}` ở chỗ khối bắt đầu",
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
        message = f"{_show(frame.opener)} mở khối mà không có {closing} đóng lại"
        hint = f"thêm {closing} ở chỗ khối kết thúc"
    else:
        message = (
            f"{_show(frame.opener)} chưa đóng thì đã gặp {_show(before)} "
            f"({before.location}): hai khối đan chéo nhau"
        )
        hint = f"đặt {closing} trước {_show(before)}"
    scan.add("unclosed-block", ERROR, message, hint, tag=frame.opener)
