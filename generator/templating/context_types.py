"""The types of what a template receives, read from the type hints of `generator.layout`.

A new field of a layout dataclass is known here at once: `vanban template fields`
lists these types and `names` checks a template's names against them.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any

from generator.layout import DocumentContext


class LoopInfo:
    """Jinja's `loop` inside a for block."""

    FIELDS: typing.ClassVar[dict[str, object]] = {
        "index": int,
        "index0": int,
        "revindex": int,
        "revindex0": int,
        "first": bool,
        "last": bool,
        "length": int,
        "depth": int,
        "depth0": int,
        "previtem": Any,
        "nextitem": Any,
        "cycle": Any,
        "changed": Any,
    }


Type = object
"""A type hint (`str`, `list[IssuerView]`, a dataclass), `Any`, or `LoopInfo`."""
STR_METHODS = frozenset(n for n in dir(str) if not n.startswith("_"))


@cache
def hints(cls: type) -> dict[str, Type]:
    return typing.get_type_hints(cls)


def context_types() -> dict[str, Type]:
    """Every name a template receives, with its type."""
    return dict(hints(DocumentContext))


def is_list(t: Type) -> bool:
    return typing.get_origin(t) is list


def element(t: Type) -> Type:
    args = typing.get_args(t)
    return args[0] if args else Any


def is_dict(t: Type) -> bool:
    return t is dict or typing.get_origin(t) is dict


def type_name(t: Type) -> str:
    if t is Any:
        return "Any"
    if t is LoopInfo:
        return "loop"
    if is_list(t):
        return f"list[{type_name(element(t))}]"
    if is_dict(t):
        return "dict"
    return getattr(t, "__name__", str(t))


def attributes(t: Type) -> dict[str, Type] | None:
    """The attributes a value of type `t` has in a template; None when any will do."""
    if t is Any or is_dict(t):
        return None
    if t is LoopInfo:
        return dict(LoopInfo.FIELDS)
    if dataclasses.is_dataclass(t):
        return {f.name: hints(t)[f.name] for f in dataclasses.fields(t)}
    if t is str:
        return {n: Any for n in STR_METHODS}
    return {}


def data_fields(t: Type) -> list[str]:
    """The fields worth suggesting (not a string's methods)."""
    if dataclasses.is_dataclass(t):
        return [f.name for f in dataclasses.fields(t)]
    if t is LoopInfo:
        return list(LoopInfo.FIELDS)
    return []
