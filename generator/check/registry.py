"""The registry of check types, and what every check returns.

A check receives the items of the rule's part (groups of paragraphs, sections or
signature blocks) and the rule's parameters. It returns the failures found, an
empty list when everything passes, or None when nothing in the part could be
judged (the rule is then reported as not evaluated, never as passed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.check.model import Para
from generator.check.parts import Parts

SIZE_EPS = 0.01


@dataclass
class Failure:
    para: Para | None
    detail: str
    where: str | None = None
    """Location when there is no paragraph: `phần (section) 1`, `đầu trang`."""


Result = list[Failure] | None
CheckFn = Callable[[Parts, list, dict[str, Any]], Result]
REGISTRY: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check type under the name rules use in `check:`."""

    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = fn
        return fn

    return register


def flatten(items: Iterable[list[Para]]) -> list[Para]:
    return [p for group in items for p in group]


def num(value: float, digits: int = 1) -> str:
    """A number the Vietnamese way: decimal comma, no trailing `,0`."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def span(low: float, high: float, unit: str) -> str:
    return f"{num(low, 2)} {unit}" if low == high else f"{num(low, 2)}–{num(high, 2)} {unit}"
