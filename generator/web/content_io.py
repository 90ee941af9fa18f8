"""Content as the page and the API exchange it: YAML or JSON text in, plain data and YAML out.

Validation and rendering are the library's (`load_content_text`, `produce.make`);
this module only turns request bodies into the text those read, and content
data into the YAML file a clerk saves (the same format `vanban` reads).
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.content.checks import accept_issuer_alias
from generator.content.load import load_content_text
from generator.content.model import Content
from generator.content.source import read_source, read_text
from generator.kinds import Kind
from generator.problems import ContentError, Problem

CONTENT_NAME = "noi-dung.yaml"
"""The name problems carry for content sent in a request (no path of the server's)."""


class BodyError(Exception):
    """The request body is no text the content reader can take."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


def body_text(body: bytes, content_type: str | None = None) -> str:
    """The text of a content body (YAML or JSON, UTF-8; JSON is read as YAML 1.2)."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BodyError(
            Problem(
                CONTENT_NAME,
                None,
                None,
                "",
                f"nội dung không phải UTF-8 (byte thứ {exc.start + 1})",
                "lưu tệp với mã hóa UTF-8",
                code="content.encoding",
            )
        ) from exc


def load(text: str) -> Content:
    """Validate content text; raises `ContentError` with every problem, located in `text`.

    The content is named as a file in a folder of its own, empty and removed at once: a
    path it gives (a table's `data:`) is read relative to that folder, never relative to
    the server's working folder.
    """
    with tempfile.TemporaryDirectory(prefix="vanban-content-") as folder:
        try:
            return load_content_text(text, str(Path(folder) / CONTENT_NAME), root=Path(folder))
        except ContentError as exc:
            raise ContentError([p.moved(file=CONTENT_NAME) for p in exc.problems]) from None


def problems_of(exc: ContentError) -> list[dict[str, Any]]:
    """The problems as the API gives them: each `Diagnostic.as_dict()`, as `--json` does."""
    return [p.as_dict() for p in exc.problems]


def data_of(text: str) -> tuple[Any, list[Problem]]:
    """Plain data of a YAML/JSON text for the form (`issuer:` read as `issuers:`), and the
    problems that stop it being read at all."""
    source = read_text(text, CONTENT_NAME)
    if source.problems:
        return None, list(source.problems)
    if isinstance(source.data, dict):
        list(accept_issuer_alias(source.data, source))
    return source.data, []


def starter_data(kind: Kind) -> dict[str, Any]:
    """The kind's starter content as plain data (the form opens filled with it)."""
    if kind.starter is None:
        return {"kind": kind.name}
    source = read_source(kind.starter)
    data = source.data if isinstance(source.data, dict) else {}
    list(accept_issuer_alias(data, source))
    return data


def _yaml_ready(value: Any) -> Any:
    """Paragraphs written as block text (`|`), as a person would write them."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, list):
        return [_yaml_ready(v) for v in value]
    if isinstance(value, dict):
        return {k: _yaml_ready(v) for k, v in value.items()}
    return value


def to_yaml(data: Any) -> str:
    """Content data as a YAML file, fields in the content model's order."""
    if isinstance(data, dict):
        order = list(Content.model_fields)
        data = dict(
            sorted(
                data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
            )
        )
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_yaml_ready(data), out)
    return out.getvalue()


def json_text(data: Any) -> str:
    """Content data as the JSON text the page sends (problems are located in it)."""
    return json.dumps(data, ensure_ascii=False, indent=1)
