"""Jinja's own parser over a template's tags, one tag at a time and then part by part.

Each tag is parsed alone, wrapped in the least that makes it a whole template
(`{% for ... %}` + `{% endfor %}`), so that a mistake inside one tag
(`{{ title | }}`) is found even when another would stop the parser first. The
part is then parsed whole from the scanner's balanced sequence, with broken
tags replaced by neutral ones, to give the syntax tree the names are read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment, TemplateSyntaxError, nodes

from generator.templating.report import ERROR
from generator.templating.scan import BLOCKS, STUBS
from generator.templating.tags import Scan, Tag


@dataclass
class Parsed:
    """A part's syntax tree and which tag each line of its source stands for."""

    tree: nodes.Template | None
    lines: list[Tag | None]

    def tag_at(self, lineno: int | None) -> Tag | None:
        if lineno is None or not 1 <= lineno <= len(self.lines):
            return None
        return self.lines[lineno - 1]


def _statement(text: str) -> str:
    """The statement of a sequence line (which may differ from the tag's, once repaired)."""
    match = re.match(r"\{%\s*(\w+)", text)
    return match.group(1) if match else ""


def _wrapped(text: str) -> str:
    """The tag alone as a whole template."""
    name = _statement(text)
    if not name:
        return text
    if name in BLOCKS and name != "raw":
        if name == "set" and "=" in text:
            return text
        return f"{text}{{% end{name} %}}"
    if name in ("elif", "else"):
        return f"{{% if true %}}{text}{{% endif %}}"
    if name.startswith("end") and name[3:] in STUBS:
        return f"{STUBS[name[3:]]}{text}"
    return text


def _neutral(text: str, env: Environment) -> str | None:
    """What stands in for a broken tag so that the part still parses (None: leave it out).

    What can be saved is kept: the loop variable of a `for` (so that the block's own
    tags are not reported as unknown names) and the name a `{{ }}` starts with."""
    name = _statement(text)
    if not name:
        match = re.match(r"\{\{\s*([A-Za-z_][\w.]*)", text)
        return _parses(f"{{{{ {match.group(1).rstrip('.')} }}}}", env) if match else None
    if name == "for":
        match = re.match(r"\{%\s*for\s+(\w+(?:\s*,\s*\w+)*)", text)
        if match:
            return (
                _parses(f"{{% for {match.group(1)} in () %}}", env, "{% endfor %}") or STUBS[name]
            )
    if name in STUBS and not (name == "set" and "=" in text):
        return STUBS[name]
    if name == "elif":
        return "{% elif true %}"
    if name == "else":
        return "{% else %}"
    if name.startswith("end"):
        return f"{{% {name} %}}"
    return None


def _parses(text: str, env: Environment, after: str = "") -> str | None:
    try:
        env.parse(text + after)
    except TemplateSyntaxError:
        return None
    return text


def _message(exc: TemplateSyntaxError) -> str:
    return exc.message or str(exc)


def parse_part(scan: Scan, env: Environment) -> Parsed:
    lines: list[Tag | None] = []
    texts: list[str] = []
    for tag, text in scan.sequence:
        if tag is not None and tag.delim in ("{{", "{%") and tag.name != "endraw":
            try:
                env.parse(_wrapped(text))
            except TemplateSyntaxError as exc:
                if id(tag) not in scan.reported:
                    scan.add(
                        "syntax",
                        ERROR,
                        f"Jinja không hiểu thẻ {_shown(tag)}: {_message(exc)}",
                        _syntax_hint(exc),
                        tag=tag,
                    )
                scan.unreadable_words.update(re.findall(r"[A-Za-z_]\w*", tag.body))
                text = _neutral(text, env)
                if text is None:
                    continue
        lines.append(tag)
        texts.append(text)
    try:
        tree = env.parse("\n".join(texts))
    except TemplateSyntaxError as exc:
        # The scanner should have caught anything that gets here; say where Jinja stopped.
        tag = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else None
        if tag is None or id(tag) not in scan.reported:
            scan.add(
                "syntax",
                ERROR,
                f"Jinja không đọc được phần này: {_message(exc)}",
                _syntax_hint(exc),
                tag=tag,
                para=None if tag else (scan.part.paragraphs[0] if scan.part.paragraphs else None),
            )
        tree = None
    return Parsed(tree, lines)


def _shown(tag: Tag) -> str:
    return f"`{' '.join(tag.raw.split())}`"


def _syntax_hint(exc: TemplateSyntaxError) -> str:
    text = _message(exc)
    if "expected token 'end of print statement'" in text:
        return "trong `{{ }}` chỉ ghi một tên hoặc một biểu thức, ví dụ `{{ iss.name }}`"
    if "unexpected '}'" in text or "unexpected end of template" in text:
        return "biểu thức trong thẻ chưa đủ; xem lại tên và dấu ngoặc"
    if "expected token 'in'" in text:
        return "vòng lặp viết `{%p for x in danh_sach %}`"
    return "so với cú pháp Jinja: `{{ ten }}`, `{%p if ... %}`, `{%p for x in ... %}`"
