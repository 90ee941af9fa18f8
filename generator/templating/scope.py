"""What a name in a template stands for: the scope a Jinja tree is walked with, and
chains of attributes and indexes (`issuers[0].name`) followed through the types.

`names` walks a template with these; `repair` finds the nearest real chain to a
wrong one (`issuer.nam` → `issuers[0].name`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

from generator.templating.context_types import (
    Type,
    attributes,
    data_fields,
    element,
    is_dict,
    is_list,
)


@dataclass
class Binding:
    type: Type
    source: str | None = None
    """The context name this value is (a `set` alias or the name itself), for usage counts."""


@dataclass
class Scope:
    names: dict[str, Binding] = field(default_factory=dict)
    parent: Scope | None = None

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def all_names(self) -> list[str]:
        out: list[str] = []
        scope: Scope | None = self
        while scope is not None:
            out += [n for n in scope.names if n not in out]
            scope = scope.parent
        return out

    def child(self) -> Scope:
        return Scope(parent=self)


@dataclass
class Step:
    kind: str
    """`attr` (`.x` or `["x"]`), `index` (`[0]`, `[i]`) or `slice`."""
    name: str = ""


@dataclass
class Usage:
    """What the template uses of the context, summed over its parts."""

    used: set[str] = field(default_factory=set)
    looped: set[str] = field(default_factory=set)
    meant: set[str] = field(default_factory=set)
    """Context names a misspelt one was taken for: not reported again as never used."""


def read_chain(node: nodes.Expr) -> tuple[nodes.Name | None, list[Step], list[nodes.Expr]]:
    """`a.b[0].c` → (Name a, [attr b, index, attr c], [index expressions to check])."""
    steps: list[Step] = []
    extra: list[nodes.Expr] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            steps.append(Step("attr", node.attr))
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            steps.append(Step("attr", node.arg.value))
        elif isinstance(node.arg, nodes.Slice):
            steps.append(Step("slice"))
            extra.append(node.arg)
        else:
            steps.append(Step("index"))
            if not isinstance(node.arg, nodes.Const):
                extra.append(node.arg)
        node = node.node
    steps.reverse()
    return (node if isinstance(node, nodes.Name) else None), steps, extra


def chain_text(root: str, steps: list[Step]) -> str:
    out = root
    for step in steps:
        out += f".{step.name}" if step.kind == "attr" else "[…]" if step.kind == "slice" else "[0]"
    return out


def written_form(node: nodes.Expr) -> str:
    """The chain as the template writes it (indexes shown as written when constant)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{written_form(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg
        inner = repr(arg.value) if isinstance(arg, nodes.Const) else "…"
        return f"{written_form(node.node)}[{inner}]"
    return "…"


def follow(t: Type, step: Step) -> tuple[bool, Type]:
    """Apply one `.x` / `[i]`; (False, the type it failed on) when it does not exist."""
    if t is Any or is_dict(t):
        return True, Any
    if step.kind == "slice":
        return (True, t) if (is_list(t) or t is str) else (False, t)
    if step.kind == "index":
        if is_list(t):
            return True, element(t)
        if t is str:
            return True, str
        return False, t
    attrs = attributes(t)
    if attrs is not None and step.name in attrs:
        return True, attrs[step.name]
    return False, t


def repair(root: str, steps: list[Step], scope: Scope) -> str | None:
    """The nearest real chain to a wrong one, `issuer.nam` → `issuers[0].name`."""
    names = scope.all_names()
    if root not in names:
        close = difflib.get_close_matches(root, names, n=1, cutoff=0.6)
        if not close:
            return None
        root = close[0]
    binding = scope.lookup(root)
    t = binding.type if binding else Any
    out = root
    for step in steps:
        if step.kind == "attr" and is_list(t):
            out, t = out + "[0]", element(t)
        found, after = follow(t, step)
        if not found and step.kind == "attr":
            close = difflib.get_close_matches(step.name, data_fields(t), n=1, cutoff=0.5)
            if not close:
                return None
            step = Step("attr", close[0])
            found, after = follow(t, step)
        if not found:
            return None
        out += (
            f".{step.name}" if step.kind == "attr" else ("[0]" if step.kind == "index" else "[…]")
        )
        t = after
    return out


def loop_variable_for(guess: str, scope: Scope, context: dict[str, Type]) -> str | None:
    """`issuers[0].name` said through a loop variable in scope: `iss.name`."""
    root, found, rest = guess.partition("[0]")
    if not found or root not in context:
        return None
    wanted = element(context[root])
    here: Scope | None = scope
    while here is not None:
        for name, binding in here.names.items():
            if binding.source is None and binding.type == wanted:
                return name + rest
        here = here.parent
    return None
