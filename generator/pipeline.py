"""The way a document is made: content → checks → layout → render → file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import nd30, page, regime_styles
from generator.content.load import load_content
from generator.content.model import Content
from generator.kinds import Kind, KindError, get_kind
from generator.layout import build_context
from generator.output import file_stem
from generator.regimes import get_regime
from generator.render import render_docx


@dataclass(frozen=True)
class Rendered:
    content: Content
    kind: Kind
    docx: bytes

    def default_stem(self, pattern: str | None = None, **fields: Any) -> str:
        """The file name without `.docx`, from `pattern` (default: the kind's `file_name`).

        `{number}` stands for the year when the document has no number; `fields`
        adds names the pattern may use (a batch adds `{row}`).
        """
        data = self.content.model_dump(mode="json")
        data["number"] = f"{self.content.number:02d}" if self.content.number else None
        pattern = pattern or self.kind.file_name
        if self.content.number is None:
            pattern = pattern.replace("{number}", "{year}")
        data["year"] = self.content.emulation_year
        data.update(fields)
        return file_stem(pattern, data)


def render_model(content: Content, template: Path | None = None) -> Rendered:
    kind = get_kind(content.kind)
    path = Path(template or kind.template)
    if not path.is_file():
        raise KindError(f"{path}: không tìm thấy mẫu DOCX của loại `{kind.name}`")
    context = build_context(content, kind)
    date_size = nd30.date_size(context.date_line, page.DATE_PT)
    restyle = regime_styles.for_render(get_regime(content.regime), date_size)
    return Rendered(content, kind, render_docx(path, context.as_dict(), restyle))


def render_content(path: str | Path, template: Path | None = None) -> bytes:
    """Render one content file to DOCX bytes (raises ContentError on any mistake)."""
    return render_model(load_content(path), template).docx
