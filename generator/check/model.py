"""What the reader makes of a DOCX: paragraphs with resolved formatting, and sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.ooxml.walk import Location, Place


@dataclass
class Run:
    """A stretch of visible text with its effective formatting."""

    text: str
    size: float
    bold: bool
    italic: bool
    caps: bool
    font_ascii: str
    font_hansi: str
    color: str
    vert: str = "baseline"
    char_spacing: float = 0.0
    scale: float = 1.0

    @property
    def display(self) -> str:
        """The text as printed: w:caps shows lower-case letters as capitals."""
        return self.text.upper() if self.caps else self.text

    @property
    def visible(self) -> bool:
        return bool(self.text.strip())


@dataclass
class Field:
    """A field in a paragraph (PAGE, NUMPAGES…): its instruction and the runs showing its result."""

    instr: str
    result: list[Run] = field(default_factory=list)
    begin: Run | None = None
    """A run with the formatting of the field's start, for fields without a stored result."""
    separated: bool = False

    @property
    def name(self) -> str:
        words = self.instr.split()
        return words[0].upper() if words else ""


@dataclass
class Cell:
    """Where a paragraph sits in a table: 1-based top-level table, row and column."""

    table: int
    row: int
    col: int
    depth: int = 1


@dataclass
class Para:
    """One paragraph, in document order, with what the checks need."""

    index: int
    """1-based position among the document's paragraphs; 0 for header paragraphs."""
    where: str
    """`body`, `cell`, `textbox` or `header`."""
    runs: list[Run]
    align: str
    ind_left: float
    ind_right: float
    first_line: float
    space_before: float
    space_after: float
    line_rule: str
    line_value: float
    contextual: bool
    border_bottom: bool
    box_width: float
    """Width of the column the paragraph is set in (text width of the page or of the cell), pt."""
    block: int
    """Ordinal of the top-level block (paragraph or table) that holds the paragraph."""
    container: tuple
    """Identifies the cell, text box or body the paragraph belongs to."""
    cell: Cell | None = None
    shapes: list[float] = field(default_factory=list)
    """Widths (pt) of line-like drawn shapes anchored in the paragraph."""
    prefix: str = ""
    """A bullet printed by list numbering (`- `), not part of the text."""
    style_id: str | None = None
    style_name: str = ""
    section: int = 0
    fields: list[Field] = field(default_factory=list)
    place: Place | None = None
    """Where the paragraph is (`location`), as the walker gives it."""

    @property
    def location(self) -> Location | None:
        """Where the paragraph is, named as `vanban template check` names it."""
        return Location(*self.place) if self.place is not None else None

    @cached_property
    def text(self) -> str:
        return self.prefix + "".join(r.display for r in self.runs)

    @cached_property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_empty(self) -> bool:
        return not self.stripped

    @cached_property
    def text_runs(self) -> list[Run]:
        return [r for r in self.runs if r.visible]

    @property
    def avail_width(self) -> float:
        return max(self.box_width - self.ind_left - self.ind_right, 0.0)


@dataclass
class Section:
    index: int
    """1-based."""
    width: float
    height: float
    orient: str
    margins: dict[str, float]
    """top, bottom, left, right, in pt."""
    title_pg: bool
    headers: dict[str, list[Para] | None]
    """`default`, `first`, `even` → the header's paragraphs (inherited from the previous
    section when the section names none); None when no header of that type exists."""

    @property
    def text_width(self) -> float:
        return self.width - self.margins.get("left", 0.0) - self.margins.get("right", 0.0)


@dataclass
class Block:
    """A top-level body element: a paragraph or a table, with its paragraphs."""

    ordinal: int
    kind: str
    """`p` or `tbl`."""
    paras: list[Para]
    table: int = 0
    """1-based table number for tables."""
    header_repeats: bool = False
    """A table whose first row repeats at the top of each page (`w:tblHeader`)."""
    rows_whole: bool = False
    """A table none of whose rows may break across pages (`w:cantSplit` on every row)."""


@dataclass
class DocModel:
    paras: list[Para]
    blocks: list[Block]
    sections: list[Section]
