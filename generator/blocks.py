"""A document's body as a sequence of typed blocks, built as the kind's profile says.

Block styles (what a template's body loop tells apart by `block.style`):

| style | what | where from |
|---|---|---|
| `text` | a paragraph, or an item without sub-items (`1. …`, `a) …`, `- …`) | preamble, items, closing |
| `heading` | a numbered section, `I. MỤC ĐÍCH, YÊU CẦU` | the kind's named sections, `sections` |
| `title` | an item with sub-items, its bold title line (`1. Mục đích`) | items |
| `member` | a member unit of a covenant | `members` |
| `proposal` | `Theo đề nghị của ….` (italic, after the căn cứ) | `proposal` |
| `decision` | the fixed line before the articles, `QUYẾT ĐỊNH:` | profile `fixed_lines` |
| `article` | `Điều 1.` (its `label`, bold) and its text | `articles` |
| `table` | a table (`block.table`): `STT`, headings, group rows, rows | `{table: …}` items |

The kind's profile decides which sections are named and in what order
(`section_order`), and whether the body is numbered in sections or articles
(`numbering`). Every string is final here: numbered, in capitals where the
format says, and the last paragraph ends with `./.` (or the regime's end mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator import nd30
from generator.content.model import Annex, Content, Item, ItemNode, Table, TableItem
from generator.kinds import EXTRA_SECTIONS, Kind

MEMBERS_INTRO = "Các đơn vị thành viên ký kết giao ước gồm:"
NUMBER_HEADING = "STT"


@dataclass(frozen=True)
class TableRow:
    """One row of a table: a group's heading row (`I.` and its heading across the table) or a
    row of cells numbered from 1 in its group."""

    heading: bool
    """True for a group's heading row."""
    number: str
    """The `STT` cell: `1`, `2`, … for a row, the Roman numeral for a group heading."""
    cells: list[str]
    """The row's cells as printed (numbers the Vietnamese way); a heading row has one."""
    keep: bool = False
    """The last row of a table that ends the body: it keeps with the signature, which never
    stands alone on a page (nd30-format.md §7)."""


@dataclass(frozen=True)
class TableView:
    """A table: an `STT` column first, then the author's columns."""

    headings: list[str]
    """The column headings after `STT`."""
    rows: list[TableRow]
    span: int
    """How many columns a group's heading spans (all after `STT`)."""
    note: str = ""
    """A paragraph after the table; empty when there is none."""
    figures: list[bool] = field(default_factory=list)
    """Per column after `STT`: True when it holds numbers only (amounts, scores), which are
    right-aligned; text is left-aligned."""


EMPTY_TABLE = TableView([], [], 0)


@dataclass(frozen=True)
class Block:
    """One block of the body."""

    style: str
    """`text`, `heading`, `title`, `member`, `proposal`, `decision`, `article` or `table`."""
    text: str
    """The paragraph's text, numbered (`1.`, `a)`, `-`) and punctuated; for an article, what
    follows its label."""
    label: str = ""
    """An article's `Điều 1.` (printed bold); empty for other blocks."""
    table: TableView = field(default_factory=lambda: EMPTY_TABLE)
    """The table of a `table` block; an empty table for other blocks."""


Paragraph = Block
"""The name templates and tools knew the body's elements by."""


@dataclass(frozen=True)
class AnnexView:
    """An annex (phụ lục): a table on pages of its own, numbered from 1."""

    label: str
    """`Phụ lục I` as written (several annexes without labels are numbered in Roman)."""
    title: str
    """The annex's title, in capitals."""
    reference: str
    """`(Kèm theo Quyết định số …/… ngày … của …)`."""
    table: TableView
    landscape: bool = False
    """True when the annex's pages are landscape."""
    extra: dict = field(default_factory=dict)


def paragraphs(text: str) -> list[str]:
    """A blank line separates paragraphs; single line breaks inside one are spaces."""
    return [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def table_view(table: Table) -> TableView:
    headings = [h.strip() for h in table.columns]
    rows: list[TableRow] = []
    if table.groups:
        for g, group in enumerate(table.groups, start=1):
            rows.append(TableRow(True, nd30.roman(g), [nd30.upper(group.heading.strip())]))
            rows += [
                TableRow(False, str(i), [nd30.cell_text(c) for c in row])
                for i, row in enumerate(group.rows, start=1)
            ]
    else:
        rows = [
            TableRow(False, str(i), [nd30.cell_text(c) for c in row])
            for i, row in enumerate(table.rows or [], start=1)
        ]
    return TableView(headings, rows, len(headings), table.note or "", figures(table))


def figures(table: Table) -> list[bool]:
    """Which columns hold numbers only: every filled cell an int or a float, at least one."""
    rows = [row for group in table.groups or [] for row in group.rows] + list(table.rows or [])
    out = []
    for col in range(len(table.columns)):
        values = [row[col] for row in rows if col < len(row) and row[col] not in (None, "")]
        out.append(
            bool(values)
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        )
    return out


def keep_with_signature(blocks: list[Block]) -> list[Block]:
    """A body that ends with a table: its last row keeps with the note under it (which ends
    the body and keeps with the signature) or with the signature."""
    if not blocks or blocks[-1].style != "table":
        return blocks
    view = blocks[-1].table
    if not view.rows or view.rows[-1].heading:
        return blocks
    last = view.rows[-1]
    rows = [*view.rows[:-1], TableRow(last.heading, last.number, last.cells, keep=True)]
    return [*blocks[:-1], replace(blocks[-1], table=replace(view, rows=rows))]


def _items(items: list[Item], level: int = 0, bullets: bool = False) -> list[Block]:
    out: list[Block] = []
    number = 0
    for item in items:
        if isinstance(item, TableItem):
            out.append(Block("table", "", table=table_view(item.table)))
            continue
        label = nd30.item_label(level, number, bullets)
        number += 1
        if isinstance(item, ItemNode):
            style = "title" if item.items else "text"
            out.append(Block(style, f"{label} {item.text}"))
            out += _items(item.items, level + 1, item.bullets)
        else:
            out.append(Block("text", f"{label} {item}"))
    return out


def _articles(items: list[Item]) -> list[Block]:
    out: list[Block] = []
    number = 0
    for item in items:
        if isinstance(item, TableItem):
            out.append(Block("table", "", table=table_view(item.table)))
            continue
        label = nd30.article_label(number)
        number += 1
        if isinstance(item, ItemNode):
            out.append(Block("article", item.text.strip(), label=label))
            out += _items(item.items, 0, item.bullets)
        else:
            out.append(Block("article", str(item).strip(), label=label))
    return out


def _sections(content: Content, kind: Kind) -> list[tuple[str, list[Item]]]:
    """The sections in the kind's `section_order` (by default the named ones, then the rest)."""
    found = []
    for name in kind.section_order:
        if name == EXTRA_SECTIONS:
            found += [(s.heading, s.items) for s in content.sections]
            continue
        value = getattr(content, name, None)
        if value is None:
            continue
        if isinstance(value, list):
            found.append((kind.headings.get(name, name), value))
        else:
            found.append((value.heading or kind.headings.get(name, name), value.items))
    # A section with no items is as if left out: it takes no number.
    return [(heading, items) for heading, items in found if items]


def _members(content: Content) -> list[Block]:
    if not content.members:
        return []
    lines = []
    for i, member in enumerate(content.members):
        role = f" ({member.role})" if member.role else ""
        end = "." if i == len(content.members) - 1 else ";"
        lines.append(Block("member", f"- {member.name}{role}{end}"))
    return [Block("text", MEMBERS_INTRO), *lines]


def body(content: Content, kind: Kind, end: str = nd30.END_MARK, dash: str = "") -> list[Block]:
    """`end`: the regime's end mark; `dash`: what starts the proposal line, as the căn cứ
    before it (`- Xét đề nghị …` in Party documents, regimes.md)."""
    out = []
    if content.proposal:
        out.append(Block("proposal", nd30.dashed([nd30.proposal_line(content.proposal)], dash)[0]))
    out += [Block("text", p) for p in paragraphs(content.preamble or "")]
    out += _members(content)
    for index, (heading, items) in enumerate(_sections(content, kind), start=1):
        out.append(Block("heading", nd30.section_heading(index, heading)))
        out += _items(items)
    if content.articles:
        line = kind.fixed_lines.get("before_articles", nd30.DECISION_LINE)
        out.append(Block("decision", nd30.upper(line)))
        out += _articles(content.articles)
    out += [Block("text", p) for p in paragraphs(content.closing or "")]
    return keep_with_signature(_end_mark(out, end))


def _end_mark(out: list[Block], end: str) -> list[Block]:
    """The body's last paragraph ends with `./.`. A body that ends with a table ends with the
    table's note, or with a line of its own after the table: never on a heading above it."""
    if out and out[-1].style == "table":
        view = out[-1].table
        note = nd30.end_mark(view.note, end) if view.note else end
        return [*out[:-1], replace(out[-1], table=replace(view, note=note))]
    for i in range(len(out) - 1, -1, -1):
        if out[i].style not in ("table", "decision", "proposal"):
            last = out[i]
            out[i] = Block(last.style, nd30.end_mark(last.text, end), last.label)
            break
    return out


def annexes(
    content: Content,
    kind: Kind,
    symbol_text: str,
    issuer: str,
    number_pattern: str = nd30.STATE_NUMBER,
) -> list[AnnexView]:
    """content-format.md, Tables and annexes: labelled as written, or `Phụ lục I`, `II`, … when
    there are several and none has a label; the reference line names this document."""
    views = []
    several = len(content.annexes) > 1
    type_name = (content.title or kind.title or "Văn bản").strip()
    type_name = type_name[:1].upper() + type_name[1:]
    for i, annex in enumerate(content.annexes, start=1):
        label = annex.label or (f"Phụ lục {nd30.roman(i)}" if several else "Phụ lục")
        views.append(
            AnnexView(
                label=label.strip(),
                title=nd30.upper(annex.title.strip()),
                reference=nd30.annex_reference(
                    type_name,
                    content.number,
                    symbol_text,
                    content.date,
                    content.emulation_year,
                    issuer,
                    number_pattern,
                ),
                table=table_view(_as_table(annex)),
                landscape=annex.landscape,
            )
        )
    return views


def _as_table(annex: Annex) -> Table:
    return Table(columns=annex.columns, rows=annex.rows, groups=annex.groups, note=annex.note)
