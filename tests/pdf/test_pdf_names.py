"""Capitalised names, as LibreOffice prints them: whole words on every line, broken where vanban
broke them (content-format.md, "Text as people type it").

Every capitalised block (parent, issuer, title, unit, authority and title lines of signatures)
of the long-name documents in tests/pdf/names/, of the examples and of the 16-member covenant
is looked for on the printed page, line by line (`pdftotext -bbox-layout`). A printed line may
only end where no word of several syllables goes on (tests/names.py says where words are,
apart from vanban's vocabulary), and the printed lines are the ones layout chose: LibreOffice
keeps the line breaks and adds none.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from generator.content.load import load_content
from generator.kinds import get_kind
from generator.layout import build_context
from tests.names import gold_words

from .pdf_layout import Page, layout, norm
from .samples import EXAMPLES, NAMES

DOCS = (
    [f"names:{p.stem}" for p in NAMES]
    + [f"example:{p.stem}" for p in EXAMPLES]
    + ["derived:covenant16"]
)
CENTRE_TOL = 4.0
"""Points between the centres of two lines of one centred paragraph."""


@cache
def words() -> set[tuple[str, ...]]:
    return {tuple(norm(s) for s in word) for word in gold_words()}


def inside_words(syllables: list[str]) -> set[int]:
    """Indexes of the syllables that continue a known word: no printed line may start there."""
    out: set[int] = set()
    for word in words():
        for i in range(len(syllables) - len(word) + 1):
            if tuple(syllables[i : i + len(word)]) == word:
                out.update(range(i + 1, i + len(word)))
    return out


def blocks(source: Path) -> list[list[str]]:
    """Every capitalised block of the document, as layout broke it into lines."""
    content = load_content(source)
    ctx = build_context(content, get_kind(content.kind))
    found = [ctx.title]
    for issuer in ctx.issuers:
        found += [issuer.parent, issuer.name]
    for table in ctx.signature_tables:
        for row in table:
            found += row.left.lines + row.right.lines
    return [text.split("\n") for text in found if text]


def printed(pages: tuple[Page, ...], block: str) -> list[list[str]]:
    """Each place the block is printed: its lines, read down one centred column."""
    want = norm(block).split()
    found = []
    for page in pages:
        for start in page.segments:
            got = norm(start.text).split()
            if want[: len(got)] != got:
                continue
            lines, count = [got], len(got)
            below = sorted(
                (
                    s
                    for s in page.segments
                    if s.y0 > start.y0 + 1 and abs(s.centre - start.centre) <= CENTRE_TOL
                ),
                key=lambda s: s.y0,
            )
            for segment in below:
                if count >= len(want):
                    break
                more = norm(segment.text).split()
                if want[count : count + len(more)] != more:
                    break
                lines.append(more)
                count += len(more)
            if count == len(want):
                found.append([" ".join(line) for line in lines])
    return found


@pytest.mark.parametrize("name", DOCS)
def test_capitalised_names_print_whole_words_on_every_line(name, office_batch):
    _, pdf = office_batch.get(name)
    pages = layout(pdf)
    for lines in blocks(office_batch.content[name]):
        block = " ".join(lines)
        places = printed(pages, block)
        assert places, f"{block!r} is not printed as one centred block"
        syllables = norm(block).split()
        forbidden = inside_words(syllables)
        chosen = [norm(line) for line in lines]
        for got in places:
            starts, count = set(), 0
            for line in got[:-1]:
                count += len(line.split())
                starts.add(count)
            split = sorted(starts & forbidden)
            assert not split, (
                f"{block!r} is printed {got!r}: a word is split before "
                f"{[syllables[i] for i in split]}"
            )
        # The same words may stand inside a longer block too (an issuer and the authority
        # line `TM. BAN CHẤP HÀNH` + that issuer): the block itself is printed as laid out.
        assert chosen in places, f"{block!r}: laid out {chosen!r}, printed {places!r}"


def test_long_names_are_printed_on_several_lines(office_batch):
    """The long-name documents do need breaking: the test above is not looking at short names."""
    multi = 0
    for name in DOCS[: len(NAMES)]:
        multi += sum(len(lines) > 1 for lines in blocks(office_batch.content[name]))
    assert multi >= 30
