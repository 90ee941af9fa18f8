"""The names a template uses, checked against what the layout gives it.

The types come from the dataclasses of `generator.layout` (their type hints),
so a new field there is known here at once. The Jinja syntax tree is walked
with a scope: `{% for iss in issuers %}` binds `iss` to `IssuerView`, `loop`
to Jinja's loop object, `{% set %}` to the type of its value. A name or
attribute that does not exist is reported once, at the tag that uses it, with
the nearest real one (`issuer.nam` → `issuers[0].name`).
"""

from __future__ import annotations

import difflib
from typing import Any

from jinja2 import Environment, nodes

from generator.templating.context_types import (
    LoopInfo,
    Type,
    attributes,
    context_types,
    data_fields,
    element,
    is_dict,
    is_list,
    type_name,
)
from generator.templating.report import ERROR, WARNING
from generator.templating.scope import (
    Binding,
    Scope,
    Step,
    Usage,
    chain_text,
    follow,
    loop_variable_for,
    read_chain,
    repair,
    written_form,
)
from generator.templating.syntax import Parsed
from generator.templating.tags import Scan

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
                f"`{written_form(node.iter)}` là một chuỗi; lặp qua nó là lặp qua từng chữ cái",
                f"in thẳng `{{{{ {written_form(node.iter)} }}}}`, không cần vòng lặp",
            )
            item = str
        elif t is Any or is_dict(t):
            item = Any
        else:
            lists = [n for n, ft in (attributes(t) or {}).items() if is_list(ft)]
            hint = (
                f"có phải `{written_form(node.iter)}.{lists[0]}`?"
                if lists
                else "chỉ lặp được qua một danh sách (list)"
            )
            self.report(
                node.iter,
                "not-iterable",
                f"`{written_form(node.iter)}` ({type_name(t)}) không phải danh sách, "
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
        root, steps, extra = read_chain(node)
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
            found, t = follow(t, step)
            if not found:
                self.bad_step(node, root, steps, i, t, scope, guarded)
                return Binding(Any)
        # A slice (`rows[1:]`) is still the list: looping over it loops over the name.
        whole = all(step.kind == "slice" for step in steps)
        return Binding(t, source if whole else None)

    def unknown_root(
        self, node: nodes.Expr, name: str, steps: list[Step], scope: Scope, guarded: bool
    ) -> None:
        written = written_form(node)
        guess = repair(name, steps, scope)
        if guess:
            self.usage.meant.add(guess.split(".")[0].split("[")[0])
        hint = ""
        if guess and guess != written:
            hint = f"có phải `{guess}`"
            inside = loop_variable_for(guess, scope, self.context)
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
        written = written_form(node)
        head = chain_text(root, steps[:i])
        step = steps[i]
        guess = repair(root, steps, scope) if root != "…" else None
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
