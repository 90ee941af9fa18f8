"""The names a template uses, checked against what the layout gives it.

The types come from the dataclasses of `generator.layout` (their type hints),
so a new field there is known here at once. The Jinja syntax tree is walked
with a scope: `{% for iss in issuers %}` binds `iss` to `IssuerView`, `loop`
to Jinja's loop object, `{% set %}` to the type of its value. A name or
attribute that does not exist is reported once, at the tag that uses it, with
the nearest real one (`issuer.nam` → `issuers[0].name`).
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, nodes

from generator.layout import DocumentContext
from generator.templating.report import ERROR, WARNING
from generator.templating.scan import Scan
from generator.templating.syntax import Parsed


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
DICT_METHODS = frozenset(("get", "items", "keys", "values"))
SAME_LIST_FILTERS = {
    "list",
    "sort",
    "reverse",
    "unique",
    "selectattr",
    "rejectattr",
    "select",
    "reject",
    "batch",
    "slice",
}
ELEMENT_FILTERS = {"first", "last", "random", "min", "max"}
STR_FILTERS = {
    "join",
    "upper",
    "lower",
    "trim",
    "title",
    "capitalize",
    "e",
    "escape",
    "string",
    "format",
    "replace",
    "truncate",
    "wordwrap",
    "center",
    "indent",
    "striptags",
    "urlize",
    "forceescape",
    "safe",
    "tojson",
    "urlencode",
}
INT_FILTERS = {"length", "count", "wordcount", "int", "sum"}
GUARDS = {"default", "d"}


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


def _chain(node: nodes.Expr) -> tuple[nodes.Name | None, list[Step], list[nodes.Expr]]:
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


def _text(root: str, steps: list[Step]) -> str:
    out = root
    for step in steps:
        out += f".{step.name}" if step.kind == "attr" else "[…]" if step.kind == "slice" else "[0]"
    return out


def _written(node: nodes.Expr) -> str:
    """The chain as the template writes it (indexes shown as written when constant)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg
        inner = repr(arg.value) if isinstance(arg, nodes.Const) else "…"
        return f"{_written(node.node)}[{inner}]"
    return "…"


class NameChecker:
    """Walks one part's syntax tree, reporting unknown names into the part's scan."""

    def __init__(self, env: Environment, scan: Scan, parsed: Parsed, usage: Usage):
        self.env = env
        self.scan = scan
        self.parsed = parsed
        self.usage = usage
        self.context = context_types()
        self.seen: set[tuple[int, str]] = set()

    def root_scope(self) -> Scope:
        scope = Scope({name: Binding(Any) for name in self.env.globals})
        top = scope.child()
        top.names.update({n: Binding(t, n) for n, t in self.context.items()})
        return top

    def run(self) -> None:
        if self.parsed.tree is not None:
            self.block(self.parsed.tree.body, self.root_scope())

    # statements

    def block(self, body: list[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.stmt(node, scope)

    def stmt(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.For):
            self.for_(node, scope)
        elif isinstance(node, nodes.Assign):
            value = self.expr(node.node, scope)
            self.bind(node.target, value, scope)
        elif isinstance(node, nodes.AssignBlock):
            self.block(node.body, scope.child())
            self.bind(node.target, Binding(str), scope)
        elif isinstance(node, nodes.With):
            inner = scope.child()
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.block(node.body, inner)
        elif isinstance(node, nodes.Macro):
            inner = scope.child()
            for arg in node.args:
                inner.names[arg.name] = Binding(Any)
            for name in ("varargs", "kwargs", "caller"):
                inner.names[name] = Binding(Any)
            for default in node.defaults:
                self.expr(default, scope)
            scope.names[node.name] = Binding(Any)
            self.block(node.body, inner)
        elif isinstance(node, nodes.CallBlock):
            self.expr(node.call, scope)
            inner = scope.child()
            for arg in node.args:
                inner.names[arg.name] = Binding(Any)
            self.block(node.body, inner)
        elif isinstance(node, nodes.FilterBlock):
            self.check_filter(node.filter)
            self.block(node.body, scope)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.stmt(child, scope)

    def for_(self, node: nodes.For, scope: Scope) -> None:
        iterated = self.expr(node.iter, scope)
        source = iterated.source
        if source:
            self.usage.looped.add(source)
        inner = scope.child()
        t = iterated.type
        if is_list(t):
            item: Type = element(t)
        elif t is str:
            self.report(
                node.iter,
                "iterate-text",
                f"`{_written(node.iter)}` là một chuỗi; lặp qua nó là lặp qua từng chữ cái",
                f"in thẳng `{{{{ {_written(node.iter)} }}}}`, không cần vòng lặp",
            )
            item = str
        elif t is Any or is_dict(t):
            item = Any
        else:
            lists = [n for n, ft in (attributes(t) or {}).items() if is_list(ft)]
            hint = (
                f"có phải `{_written(node.iter)}.{lists[0]}`?"
                if lists
                else "chỉ lặp được qua một danh sách (list)"
            )
            self.report(
                node.iter,
                "not-iterable",
                f"`{_written(node.iter)}` ({type_name(t)}) không phải danh sách, "
                "không lặp qua được",
                hint,
            )
            item = Any
        self.bind(node.target, Binding(item), inner)
        inner.names["loop"] = Binding(LoopInfo)
        if node.test is not None:
            self.expr(node.test, inner)
        self.block(node.body, inner)
        self.block(node.else_, scope)

    def bind(self, target: nodes.Node, value: Binding, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope.names[target.name] = value
        elif isinstance(target, (nodes.Tuple, nodes.List)):
            for item in target.items:
                self.bind(item, Binding(Any), scope)
        elif isinstance(target, nodes.NSRef):
            self.expr(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    # expressions

    def expr(self, node: nodes.Node, scope: Scope, guarded: bool = False) -> Binding:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            return self.chain(node, scope, guarded)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            guard = node.name in ("defined", "undefined")
            if node.node is not None:
                self.expr(node.node, scope, guarded=guard)
            self.check_test(node)
            self.args(node, scope)
            return Binding(bool)
        if isinstance(node, nodes.Const):
            return Binding(type(node.value) if isinstance(node.value, (str, int, bool)) else Any)
        if isinstance(node, nodes.Concat):
            self.children(node, scope)
            return Binding(str)
        if isinstance(node, (nodes.Compare, nodes.Not, nodes.And, nodes.Or)):
            self.children(node, scope)
            return Binding(bool)
        self.children(node, scope)
        return Binding(Any)

    def children(self, node: nodes.Node, scope: Scope) -> None:
        for child in node.iter_child_nodes():
            self.expr(child, scope)

    def args(self, node: nodes.Filter | nodes.Test | nodes.Call, scope: Scope) -> None:
        for arg in node.args:
            self.expr(arg, scope)
        for kwarg in node.kwargs:
            self.expr(kwarg.value, scope)
        for dyn in (node.dyn_args, node.dyn_kwargs):
            if dyn is not None:
                self.expr(dyn, scope)

    def filter(self, node: nodes.Filter, scope: Scope) -> Binding:
        inner = (
            self.expr(node.node, scope, guarded=node.name in GUARDS)
            if node.node is not None
            else Binding(Any)
        )
        self.check_filter(node)
        self.args(node, scope)
        if node.name in SAME_LIST_FILTERS and node.name not in ("batch", "slice"):
            return inner
        if node.name in ELEMENT_FILTERS and is_list(inner.type):
            return Binding(element(inner.type))
        if node.name in STR_FILTERS:
            return Binding(str)
        if node.name in INT_FILTERS:
            return Binding(int)
        return Binding(Any)

    def check_filter(self, node: nodes.Filter) -> None:
        if node.name not in self.env.filters:
            close = difflib.get_close_matches(node.name, list(self.env.filters), n=1)
            self.report(
                node,
                "unknown-filter",
                f"không có bộ lọc `{node.name}`",
                f"có phải `{close[0]}`?" if close else "xem danh sách bộ lọc của Jinja",
            )

    def check_test(self, node: nodes.Test) -> None:
        if node.name not in self.env.tests:
            close = difflib.get_close_matches(node.name, list(self.env.tests), n=1)
            self.report(
                node,
                "unknown-test",
                f"không có phép thử `is {node.name}`",
                f"có phải `is {close[0]}`?" if close else None,
            )

    def chain(self, node: nodes.Expr, scope: Scope, guarded: bool) -> Binding:
        root, steps, extra = _chain(node)
        for sub in extra:
            self.expr(sub, scope)
        if root is None:
            base = node
            while isinstance(base, (nodes.Getattr, nodes.Getitem)):
                base = base.node
            start = self.expr(base, scope)
            return self.walk(node, start.type, "…", steps, scope, guarded, None)
        binding = scope.lookup(root.name)
        if binding is None:
            self.unknown_root(node, root.name, steps, scope, guarded)
            return Binding(Any)
        if binding.source:
            self.usage.used.add(binding.source)
        result = self.walk(node, binding.type, root.name, steps, scope, guarded, binding.source)
        return result

    def walk(
        self,
        node: nodes.Expr,
        t: Type,
        root: str,
        steps: list[Step],
        scope: Scope,
        guarded: bool,
        source: str | None,
    ) -> Binding:
        for i, step in enumerate(steps):
            found, t = self.step(t, step)
            if not found:
                self.bad_step(node, root, steps, i, t, scope, guarded)
                return Binding(Any)
        # A slice (`rows[1:]`) is still the list: looping over it loops over the name.
        whole = all(step.kind == "slice" for step in steps)
        return Binding(t, source if whole else None)

    @staticmethod
    def step(t: Type, step: Step) -> tuple[bool, Type]:
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

    def repair(self, root: str, steps: list[Step], scope: Scope) -> str | None:
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
            found, after = self.step(t, step)
            if not found and step.kind == "attr":
                close = difflib.get_close_matches(step.name, data_fields(t), n=1, cutoff=0.5)
                if not close:
                    return None
                step = Step("attr", close[0])
                found, after = self.step(t, step)
            if not found:
                return None
            out += (
                f".{step.name}"
                if step.kind == "attr"
                else ("[0]" if step.kind == "index" else "[…]")
            )
            t = after
        return out

    def loop_variable_for(self, guess: str, scope: Scope) -> str | None:
        """`issuers[0].name` said through a loop variable in scope: `iss.name`."""
        root, found, rest = guess.partition("[0]")
        if not found or root not in self.context:
            return None
        wanted = element(self.context[root])
        here: Scope | None = scope
        while here is not None:
            for name, binding in here.names.items():
                if binding.source is None and binding.type == wanted:
                    return name + rest
            here = here.parent
        return None

    def unknown_root(
        self, node: nodes.Expr, name: str, steps: list[Step], scope: Scope, guarded: bool
    ) -> None:
        written = _written(node)
        guess = self.repair(name, steps, scope)
        if guess:
            self.usage.meant.add(guess.split(".")[0].split("[")[0])
        hint = ""
        if guess and guess != written:
            hint = f"có phải `{guess}`"
            inside = self.loop_variable_for(guess, scope)
            hint += f" (trong vòng lặp này: `{inside}`)? " if inside else "? "
        hint += "Mọi tên: `vanban template fields`"
        self.report(
            node,
            "unknown-name",
            f"`{written}`: dữ liệu mẫu nhận không có tên `{name}`",
            hint,
            guarded,
        )

    def bad_step(
        self,
        node: nodes.Expr,
        root: str,
        steps: list[Step],
        i: int,
        t: Type,
        scope: Scope,
        guarded: bool,
    ) -> None:
        written = _written(node)
        head = _text(root, steps[:i])
        step = steps[i]
        guess = self.repair(root, steps, scope) if root != "…" else None
        if is_list(t) and step.kind == "attr":
            message = (
                f"`{written}`: `{head}` là một danh sách ({type_name(t)}), "
                f"không có trường `{step.name}`"
            )
            loop = "x"
            hint = (
                (
                    f"dùng `{guess}` (phần tử đầu), hoặc lặp: `{{%p for {loop} in {head} %}}` … "
                    f"`{{{{ {loop}.{step.name} }}}}` … `{{%p endfor %}}`"
                )
                if guess
                else (f"lặp qua nó: `{{%p for {loop} in {head} %}}` … `{{%p endfor %}}`")
            )
        elif t is str:
            message = f"`{written}`: `{head}` là một chuỗi (str), không có trường `{step.name}`"
            hint = f"in thẳng `{{{{ {head} }}}}`"
        elif step.kind != "attr":
            message = f"`{written}`: `{head}` ({type_name(t)}) không lấy phần tử theo chỉ số được"
            hint = None
        else:
            fields = data_fields(t)
            message = f"`{written}`: `{head}` ({type_name(t)}) không có trường `{step.name}`"
            hint = f"có phải `{guess}`?" if guess and guess != written else None
            if fields:
                hint = (hint + "; " if hint else "") + "các trường có: " + ", ".join(fields)
        self.report(node, "unknown-name", message, hint, guarded)

    def report(
        self, node: nodes.Node, code: str, message: str, hint: str | None, guarded: bool = False
    ) -> None:
        lineno = getattr(node, "lineno", None)
        key = (lineno or 0, message)
        if key in self.seen:
            return
        self.seen.add(key)
        tag = self.parsed.tag_at(lineno)
        severity = WARNING if guarded else ERROR
        if guarded:
            message += " (có bộ lọc `default` nên luôn in giá trị mặc định)"
        self.scan.add(
            code,
            severity,
            message,
            hint,
            tag=tag,
            para=None if tag else _first_paragraph(self.scan),
        )


def _first_paragraph(scan: Scan):
    return scan.part.paragraphs[0] if scan.part.paragraphs else None


def check_names(env: Environment, scan: Scan, parsed: Parsed, usage: Usage) -> None:
    NameChecker(env, scan, parsed, usage).run()
