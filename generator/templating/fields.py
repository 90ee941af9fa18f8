"""`vanban template fields`: the names a kind's template receives, read from the code.

Names and types come from the dataclasses of `generator.layout` and their
type hints; what each means from the docstring written under the field; the
example from a context actually built from the kind's starter file. Nothing is
written twice, so the list cannot drift from what templates are given.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from generator.content.labels import field_label
from generator.content.load import load_content
from generator.content.model import Content
from generator.kinds import Kind
from generator.layout import DocumentContext, build_context
from generator.templating.context_types import element, hints, is_list, type_name


@cache
def field_docs(cls: type) -> dict[str, str]:
    """The docstring under each field of a dataclass (`name: str` then `\"\"\"...\"\"\"`)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            # Line breaks of the docstring are not meant; runs of spaces may be (`Số:      /`).
            lines = after.value.value.strip().splitlines()
            docs[node.target.id] = " ".join(line.strip() for line in lines if line.strip())
    return docs


@dataclass
class FieldInfo:
    """One name a template receives."""

    path: str
    """How a template reaches it: `number_line`, `issuers[i].name`."""
    type: str
    doc: str
    example: Any = None
    """The value built from the kind's starter (a list of records shows its first one)."""
    count: int | None = None
    """How many items the starter gave a list."""
    fields: list[FieldInfo] = field(default_factory=list)
    label: str | None = None
    """The Vietnamese label of the content field of the same name, as the web form shows it."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "label": self.label,
            "type": self.type,
            "doc": self.doc,
            "example": self.example,
            "count": self.count,
            "fields": [f.as_dict() for f in self.fields],
        }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _content_model(annotation: Any) -> type[BaseModel] | None:
    """The content model a field holds (`list[Issuer] | None` → `Issuer`), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _content_model(arg)
        if found is not None:
            return found
    return None


def describe(
    cls: type, value: Any = None, prefix: str = "", model: type[BaseModel] | None = Content
) -> list[FieldInfo]:
    """The fields of `cls`, nested, with examples taken from `value` (an instance or None).

    `model` is the content model of the same place (`Content` for the document,
    `Issuer` under `issuers`): a field it has under the same name gives its label.
    """
    docs = field_docs(cls)
    out = []
    for f in dataclasses.fields(cls):
        t = hints(cls)[f.name]
        example = getattr(value, f.name, None) if value is not None else None
        info = FieldInfo(prefix + f.name, type_name(t), docs.get(f.name, ""))
        same = model.model_fields.get(f.name) if model is not None else None
        inner_model = _content_model(same.annotation) if same is not None else None
        if model is not None and same is not None:
            info.label = field_label(model.__name__, f.name)
        inner = element(t) if is_list(t) else t
        if is_list(t):
            items = example or []
            first = items[0] if items else None
            info.count = len(items) if value is not None else None
            if dataclasses.is_dataclass(inner):
                info.fields = describe(inner, first, f"{info.path}[i].", inner_model)
            else:
                info.example = list(items)
        elif dataclasses.is_dataclass(inner):
            info.fields = describe(inner, example, f"{info.path}.", inner_model)
        else:
            info.example = _plain(example)
        out.append(info)
    return out


def context_fields(kind: Kind | None) -> tuple[list[FieldInfo], str | None]:
    """The fields a template of `kind` receives, and the starter the examples come from."""
    starter = kind.starter if kind else None
    context = None
    if kind is not None and starter is not None:
        context = build_context(load_content(starter), kind)
    return describe(DocumentContext, context), (str(starter) if context is not None else None)


def format_fields(infos: list[FieldInfo], depth: int = 0) -> list[str]:
    """The fields as indented text: path, its label, type, example, then what it is."""
    lines = []
    pad = "  " * depth
    for info in infos:
        label = f"  [{info.label}]" if info.label else ""
        head = f"{pad}{info.path}{label}  ({info.type})"
        if info.example not in (None, "", [], {}):
            head += f"  ví dụ: {_shown(info.example)}"
        elif info.count is not None and info.fields:
            head += f"  ví dụ: {info.count} phần tử"
        lines.append(head)
        if info.doc:
            lines.append(f"{pad}    {info.doc}")
        lines += format_fields(info.fields, depth + 1)
    return lines


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, list):
        shown = ", ".join(_shown(v) for v in value[:3])
        more = f", … ({len(value)} dòng)" if len(value) > 3 else ""
        return f"[{shown}{more}]"
    return repr(value) if not isinstance(value, bool) else str(value).lower()
