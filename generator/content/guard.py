"""Bounds on a YAML/JSON text, checked on the parser's events before anything is built.

Walking the events costs little and builds nothing, so a file of nested
aliases that would expand to billions of values, nesting deep enough to
exhaust the stack, a number of thousands of digits or a tag that asks for a
Python object is refused, located, before the loader sees it.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
    ScalarEvent,
)

from generator.limits import Limits
from generator.problems import Problem

STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
) | {"!"}
"""Tags a content file may carry: the standard scalars and plain collections."""

_NUMBER = re.compile(r"[-+]?(?:0[xob])?[0-9a-fA-F_]+")


def _problem(
    name: str, event: object, message: str, hint: str, code: str = "content.too_large"
) -> Problem:
    mark = getattr(event, "start_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(name, line, column, "", message, hint, code=code)


def scan(text: str, name: str, limits: Limits) -> list[Problem]:
    """Problems that must stop the text from being loaded (empty when it may be)."""
    sizes: dict[str, int] = {}
    stack: list[list] = []  # [anchor, expanded size so far] of each open collection
    total = 0
    try:
        for event in YAML(typ="rt").parse(text):
            if not isinstance(event, (NodeEvent, CollectionEndEvent)):
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and str(tag) not in STANDARD_TAGS:
                return [
                    _problem(
                        name,
                        event,
                        f"thẻ YAML `{tag}` không được dùng",
                        "bỏ thẻ bắt đầu bằng `!`; nội dung chỉ gồm chữ, số, ngày, "
                        "danh sách và các mục `khóa: giá trị`",
                        "content.yaml_tag",
                    )
                ]
            if isinstance(event, CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) > limits.depth:
                    return [
                        _problem(
                            name,
                            event,
                            f"lồng nhau quá sâu (hơn {limits.depth} tầng)",
                            limits.hint("depth"),
                        )
                    ]
                size = 1
            elif isinstance(event, CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                if stack:
                    stack[-1][1] += size
                continue
            elif isinstance(event, AliasEvent):
                size = sizes.get(event.anchor, 1)
            else:
                assert isinstance(event, ScalarEvent)
                size = 1
                value = event.value
                if (
                    event.style is None
                    and len(value) > limits.number_digits
                    and _NUMBER.fullmatch(value)
                ):
                    return [
                        _problem(
                            name,
                            event,
                            f"số có {len(value)} chữ số, quá dài",
                            limits.hint("number_digits"),
                        )
                    ]
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            if stack and not isinstance(event, CollectionStartEvent):
                stack[-1][1] += size
            total += size
            if total > limits.yaml_nodes:
                return [
                    _problem(
                        name,
                        event,
                        f"tệp có quá nhiều giá trị khi mở rộng các bí danh `*` "
                        f"(hơn {limits.yaml_nodes})",
                        limits.hint("yaml_nodes"),
                    )
                ]
    except (YAMLError, ValueError, TypeError):
        return []  # the loader reports syntax errors, located
    return []
