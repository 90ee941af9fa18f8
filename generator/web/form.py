"""The page's form, generated from the content model and the kind's profile.

The content model's JSON schema (pydantic) gives the fields, their types and
which are required; `content/labels.yaml` gives each field its Vietnamese label and
help; the kind's profile gives the headings of its named sections and the
fields it requires. So a new field or a new kind gets its form with no web code.

The spec the page receives is the schema simplified to what a form needs:
`text` (`long` for paragraphs), `integer`, `number`, `enum` (`values`, and for some
`labels` shown in their place and the `default` an empty field means), `boolean`, `date`,
`list` (`of`),
`object` (`fields`, `model`), `choice` (`options`: a value may take one of
several shapes, like an item that is text or text with sub-items), `raw`
(free data, kept as it is) and `ref` (a model defined once in `models`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from generator.content.labels import field_labels
from generator.content.model import NAMED_SECTIONS, Content
from generator.kinds import Kind
from generator.regimes import DEFAULT as DEFAULT_REGIME
from generator.regimes import available_regimes

LONG_TEXT = {("Content", "preamble"), ("Content", "closing"), ("ItemNode", "text")}
"""Fields written as paragraphs: a text area instead of one line."""


def labels() -> dict[str, dict[str, dict[str, str]]]:
    return field_labels()


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _node(schema: dict[str, Any], model: str, name: str) -> dict[str, Any]:
    """The spec of one schema node (the field `name` of `model`, for long texts)."""
    if "$ref" in schema:
        return {"type": "ref", "ref": _ref_name(schema["$ref"])}
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        real = [o for o in options if o.get("type") != "null"]
        if len(real) == 1:
            return _node(real[0], model, name)
        return {"type": "choice", "options": [_node(o, model, name) for o in real]}
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return {"type": "enum", "values": schema.get("enum", [schema.get("const")])}
    if kind == "number":
        return {"type": "number"}
    if kind == "string" and schema.get("format") == "date":
        return {"type": "date"}
    if kind == "string":
        return {"type": "text", "long": (model, name) in LONG_TEXT}
    if kind == "integer":
        out: dict[str, Any] = {"type": "integer"}
        for bound in ("minimum", "maximum", "ge", "le"):
            if bound in schema:
                out["min" if bound in ("minimum", "ge") else "max"] = schema[bound]
        return out
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "array":
        return {"type": "list", "of": _node(schema.get("items", {}), model, name)}
    if kind == "object" and "properties" in schema:
        return _object(schema, model)
    return {"type": "raw"}


def _object(schema: dict[str, Any], model: str) -> dict[str, Any]:
    names = labels().get(model, {})
    required = set(schema.get("required", []))
    fields = []
    for name, sub in schema.get("properties", {}).items():
        text = names.get(name, {})
        fields.append(
            {
                "name": name,
                "label": text.get("label", name),
                "help": text.get("help", ""),
                "required": name in required,
                "node": _node(sub, model, name),
            }
        )
    return {"type": "object", "model": model, "fields": fields}


@cache
def _base_spec() -> dict[str, Any]:
    schema = Content.model_json_schema()
    models = {
        name: _object(sub, name)
        for name, sub in schema.get("$defs", {}).items()
        if sub.get("type") == "object"
    }
    return {"models": models, "root": _object(schema, "Content")}


def form_spec(kind: Kind) -> dict[str, Any]:
    """The form of `kind`: the content model's fields the kind takes, labelled, with the
    kind's headings and required fields."""
    base = _base_spec()
    root = dict(base["root"])
    fields = []
    for field in root["fields"]:
        field = dict(field)
        if field["name"] != "kind" and field["name"] not in kind.takes:
            continue  # the kind's profile does not take it: filling it in would be an error
        if field["name"] in NAMED_SECTIONS and field["name"] in kind.headings:
            field["label"] = kind.headings[field["name"]]
        if field["name"] in kind.required:
            field["required"] = True
        if field["name"] == "kind":
            field["hidden"] = True  # chosen with the kind selector
        if field["name"] == "regime":
            field["node"] = regime_choice()
        fields.append(field)
    root["fields"] = fields
    return {"models": base["models"], "root": root}


def regime_choice() -> dict[str, Any]:
    """`regime` as a choice of the regimes found (templates/regimes/), each shown by its
    profile's `label`, the default first: a maintainer's new profile is offered with it."""
    found = available_regimes()
    names = sorted(found, key=lambda name: (name != DEFAULT_REGIME, name))
    return {
        "type": "enum",
        "values": names,
        "labels": {name: found[name].label for name in names},
        "default": DEFAULT_REGIME,
    }
