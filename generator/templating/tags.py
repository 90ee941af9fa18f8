"""The tags of a template paragraph (`{{ }}`, `{% %}`, `{# #}`) as written, and what is
wrong with how each is typed: unclosed, stray closers, smart quotes, odd spaces, a
tag Word split between differently formatted runs, a paragraph tag sharing its
paragraph. `scan` checks the blocks they open and close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.templating.parts import ParagraphView, Part
from generator.templating.report import ERROR, WARNING, Location, TemplateProblem

DELIMITERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
SMART_QUOTES = "“”‘’„‟‚‛"
# Jinja reads a non-breaking space as a space, but docxtpl needs a real one after `{%p`.
ODD_SPACES = "\u00a0\u202f\u2007\u2009\u200b"
QUOTE_FIX = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
)
SPACE_FIX = str.maketrans({c: " " for c in ODD_SPACES})
OPENING = re.compile(r"\{[{%#]")


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


def show(tag: Tag) -> str:
    return f"`{' '.join(tag.raw.split())}`"


def tags_in(para: ParagraphView, scan: Scan) -> list[Tag]:
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


def typing_problems(tag: Tag, scan: Scan) -> None:
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
            f"thẻ {show(tag)} có dấu nháy cong {' '.join(quotes)}",
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
            f"thẻ {show(tag)} có dấu cách không ngắt (NBSP) hoặc dấu cách đặc biệt",
            "xóa rồi gõ lại các dấu cách trong thẻ bằng phím cách thường",
            tag=tag,
        )


def paragraph_problems(tags: list[Tag], para: ParagraphView, scan: Scan) -> None:
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
            f"đoạn có thẻ {show(first)} còn có thẻ {show(others[0])}; "
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
            f"chữ «{rest[:40]}» cùng đoạn với {show(first)} sẽ mất khi tạo văn bản",
            "để thẻ `{%p ... %}` một mình một đoạn",
            tag=first,
        )
