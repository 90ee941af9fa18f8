"""The form description follows whatever the content model's schema holds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from generator.web.form import _node, _object


class Table(BaseModel):
    title: str
    landscape: bool = False
    rows: list[list[str | float]] = []
    regime: Literal["nha_nuoc", "dang", "doan"] | None = None


def test_new_shapes_get_controls_with_no_web_code():
    spec = _object(Table.model_json_schema(), "Table")
    fields = {f["name"]: f for f in spec["fields"]}
    assert fields["title"]["required"] and fields["title"]["node"] == {
        "type": "text",
        "long": False,
    }
    assert fields["landscape"]["node"] == {"type": "boolean"}
    assert fields["regime"]["node"] == {"type": "enum", "values": ["nha_nuoc", "dang", "doan"]}
    cell = fields["rows"]["node"]["of"]["of"]
    assert cell["type"] == "choice" and {o["type"] for o in cell["options"]} == {"text", "number"}
    assert fields["title"]["label"] == "title"  # no label written: its own name


def test_unknown_shapes_are_kept_as_they_are():
    assert _node({"type": "object"}, "Content", "extra") == {"type": "raw"}
