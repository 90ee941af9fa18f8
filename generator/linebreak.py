"""Where a name printed in capitals is broken into lines: where a clerk would break it.

The rule (content-format.md, "Text as people type it"; nd30-format.md §2, P1 II.2b:
long names may wrap onto several lines): a name printed in capitals (issuer, parent,
unit, authority and title lines, the document's title) is broken only when it does not
fit its column, into as few lines as it needs, between the kind of body and its place or
field (`ỦY BAN NHÂN DÂN` / `TỈNH NGHỆ AN`, `CỤC CÔNG THƯƠNG` / `ĐỊA PHƯƠNG`), never inside
a word of several syllables (`ĐỊA PHƯƠNG`, `CÀ MAU`), with lines as even as those places
allow. A line break the author wrote is kept as it is, and no other is added.

Word processors break at any space, and a Vietnamese word spans several syllables, each
written apart; so this needs knowledge of the words. It is a vocabulary of the words
names of bodies are made of (`data/name_words.txt`: levels, kinds of body, positions,
place names, fields) and two rules for what it does not list: the words after a level
(`tỉnh`, `xã`, ...) up to the next known word are one place name, and a run of
capitalised syllables the author wrote (`Thanh Trì`) is one proper name. The README's
design section says why this is not a general word segmenter.

Each place between two syllables gets a cost, and the cheapest set of breaks that makes
every line fit wins; widths come from the Times New Roman metrics (`metrics.py`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate, combinations

from generator.metrics import text_width_pt
from generator.nd30.text import upper

NEVER = math.inf
"""Inside a word, after an authority prefix, before a number: no break, ever."""
LEVEL = 0.0
"""Before a level (`TỈNH NGHỆ AN`) or a closing qualifier (`ĐỊA PHƯƠNG`): where clerks break."""
BODY = 0.5
"""Before a kind of body (`PHÓ CHỦ TỊCH` / `ỦY BAN NHÂN DÂN`, `CÔNG ĐOÀN` / `BỘ CÔNG THƯƠNG`)."""
HEAD = 1.0
"""After a kind of body or a position (`CÔNG ĐOÀN NGÀNH` / `GIÁO DỤC`), before a place."""
BEFORE_AND = 1.0
"""Before `và`, so that the conjunction starts the next line (`VÀ MÔI TRƯỜNG`)."""
WORD = 2.0
"""Between two other words: acceptable."""
AFTER_AND = 3.0
LEVEL_NAME = 4.0
"""Between a level and its place name (`THÀNH PHỐ` / `HỒ CHÍ MINH`): poor."""
LAST_RESORT = 8.0
"""Between two words of one long place name or of one long kind of body (`CỔNG THÔNG TIN` /
`ĐIỆN TỬ`): only when nothing else fits."""
EVENNESS = 2.0
"""Weight of uneven lines against the costs above: it decides between equal places."""
FIT_SLACK_PT = 0.5
"""Room kept on each line for rounding in the word processor's layout."""

CLASSES = ("levels", "bodies", "titles", "qualifiers", "glue", "places", "words")
_TONE_PLACEMENT = (
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
)
_EDGE_PUNCTUATION = "()\"“”'‘’,;:"
_NUMBER = re.compile(r"^(\d+|[IVXLC]+)[.,;:)]*$")
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class Box:
    """The column a block of capitals is printed in, and its font."""

    width_pt: float
    size_pt: float
    bold: bool


@dataclass(frozen=True)
class Vocabulary:
    entries: dict[tuple[str, ...], str]
    """Syllables of an entry (compared as `key` gives them) → its section in the data file."""
    longest: int

    @cached_property
    def parts(self) -> Vocabulary:
        """The words and places alone: what a long entry is made of."""
        inner = {k: v for k, v in self.entries.items() if v in ("words", "places")}
        return Vocabulary(inner, self.longest)


@lru_cache(maxsize=8192)
def key(syllable: str) -> str:
    """A syllable as the vocabulary compares it: NFC, case folded, tone marks placed one way
    (`hoá` and `hóa` are the same syllable), surrounding punctuation other than `.` dropped."""
    text = unicodedata.normalize("NFC", syllable).casefold().strip(_EDGE_PUNCTUATION)
    for old, new in _TONE_PLACEMENT:
        text = text.replace(old, new)
    return text


def parse_vocabulary(text: str) -> Vocabulary:
    """The data file: `[section]` lines, then one entry a line; `#` starts a comment.
    An entry listed twice keeps its first section."""
    entries: dict[tuple[str, ...], str] = {}
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in CLASSES:
                raise ValueError(f"name_words.txt:{number}: unknown section [{section}]")
            continue
        if not section:
            raise ValueError(f"name_words.txt:{number}: entry before any [section]")
        entries.setdefault(tuple(key(s) for s in line.split()), section)
    return Vocabulary(entries, max((len(k) for k in entries), default=1))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    source = resources.files("generator").joinpath("data/name_words.txt")
    return parse_vocabulary(source.read_text("utf-8"))


@dataclass(frozen=True)
class Span:
    """Syllables `start`..`end` (exclusive) that form one entry of `kind` (or `other`)."""

    start: int
    end: int
    kind: str


def spans(syllables: list[str], vocab: Vocabulary, longest: int | None = None) -> list[Span]:
    """The syllables grouped into known entries (of at most `longest` syllables), the longest
    entry first, left to right."""
    keys = [key(s) for s in syllables]
    out: list[Span] = []
    most = min(vocab.longest, longest or vocab.longest)
    i = 0
    while i < len(keys):
        for length in range(min(most, len(keys) - i), 0, -1):
            kind = vocab.entries.get(tuple(keys[i : i + length]))
            if kind:
                out.append(Span(i, i + length, kind))
                i += length
                break
        else:
            out.append(Span(i, i + 1, "other"))
            i += 1
    return out


def _inner_places(syllables: list[str], vocab: Vocabulary) -> list[int]:
    """Where a long entry (`Cổng Thông tin điện tử`, `Bà Rịa - Vũng Tàu`) may break when
    nothing else fits: between the words it is made of, not between two unknown syllables."""
    parts = spans(syllables, vocab.parts, longest=len(syllables) - 1)
    return [
        after.start
        for before, after in zip(parts, parts[1:], strict=False)
        if not before.kind == after.kind == "other"
    ]


def _capitalised(syllable: str) -> bool:
    letters = [ch for ch in syllable if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


def break_costs(syllables: list[str], vocab: Vocabulary | None = None) -> list[float]:
    """The cost of a line break before syllable `i` (index 0 is unused), as clerks rank them."""
    if vocab is None:
        return list(_costs(tuple(syllables)))
    return _break_costs(syllables, vocab)


@lru_cache(maxsize=4096)
def _costs(syllables: tuple[str, ...]) -> tuple[float, ...]:
    return tuple(_break_costs(list(syllables), vocabulary()))


def _break_costs(syllables: list[str], vocab: Vocabulary) -> list[float]:
    found = spans(syllables, vocab)
    costs = [NEVER] + [WORD] * (len(syllables) - 1)
    kind_at = [""] * len(syllables)
    for span in found:
        for i in range(span.start, span.end):
            kind_at[i] = span.kind
    for before, after in zip(found, found[1:], strict=False):
        b = after.start
        if after.kind in ("levels", "qualifiers"):
            costs[b] = LEVEL
        elif after.kind == "bodies":
            costs[b] = BODY
        elif before.kind in ("bodies", "titles") or after.kind in ("bodies", "places"):
            costs[b] = HEAD
        if key(syllables[b]) == "và":
            costs[b] = BEFORE_AND
        elif key(syllables[b - 1]) == "và":
            costs[b] = AFTER_AND
    # A place named after a level runs to the next known word that is not a place.
    for index, span in enumerate(found):
        if span.kind != "levels":
            continue
        rest = found[index + 1 :]
        place = []
        for other in rest:
            if other.kind not in ("other", "places", "words"):
                break
            place.append(other)
        if place:
            costs[place[0].start] = LEVEL_NAME
            for before, other in zip(place, place[1:], strict=False):
                # Two syllables no list knows, after a level, are one name (`HOÀN KIẾM`).
                both_unknown = before.kind == other.kind == "other"
                costs[other.start] = NEVER if both_unknown else LAST_RESORT
    # What may never end or start a line.
    all_capitals = all(s == s.upper() for s in syllables)
    for span in found:
        for i in range(span.start + 1, span.end):
            costs[i] = NEVER  # inside a word
        if span.end - span.start > 2 and span.kind not in ("words", "titles", "glue"):
            for i in _inner_places(syllables[span.start : span.end], vocab):
                costs[span.start + i] = LAST_RESORT
        if span.kind == "glue" and span.end < len(syllables):
            costs[span.end] = NEVER  # `KT.` / `CỤC TRƯỞNG`
    for i in range(1, len(syllables)):
        here, previous = syllables[i], syllables[i - 1]
        if here in _DASHES or _NUMBER.match(here):
            costs[i] = NEVER  # a dash ends a line; `SỐ V`, `QUẢN TRỊ II` stay together
        elif (
            not all_capitals
            and kind_at[i] == kind_at[i - 1] == "other"
            and _capitalised(here)
            and _capitalised(previous)
        ):
            costs[i] = NEVER  # a proper name the vocabulary does not know
    return costs


def name_lines(written: str, box: Box) -> str:
    """`written` in capitals, with `\\n` where its lines break (none when it fits the box)."""
    if "\n" in written:
        return "\n".join(upper(line.strip()) for line in written.split("\n"))
    return _broken(" ".join(written.split()), box)


@lru_cache(maxsize=4096)
def _broken(written: str, box: Box) -> str:
    syllables = written.split(" ")
    capitals = [upper(s) for s in syllables]
    limit = box.width_pt - FIT_SLACK_PT
    widths = [_width(s, box.size_pt, box.bold) for s in capitals]
    space = _width(" ", box.size_pt, box.bold)
    if sum(widths) + space * (len(widths) - 1) <= limit:
        return " ".join(capitals)
    costs = _costs(tuple(syllables))
    # The last resorts only when no choice without them fits, however many lines it takes.
    usual = [NEVER if c >= LAST_RESORT else c for c in costs]
    breaks = best_breaks(widths, space, limit, usual) or best_breaks(widths, space, limit, costs)
    if breaks is None:  # a single word wider than the column: the word processor decides
        return " ".join(capitals)
    edges = [0, *breaks, len(capitals)]
    return "\n".join(" ".join(capitals[a:b]) for a, b in zip(edges, edges[1:], strict=False))


@lru_cache(maxsize=8192)
def _width(text: str, size_pt: float, bold: bool) -> float:
    return text_width_pt(text, size_pt, bold)


def best_breaks(
    widths: list[float], space: float, limit: float, costs: list[float]
) -> tuple[int, ...] | None:
    """The breaks (indexes of the syllables that start a line) of the fewest lines that fit,
    cheapest first, then most even; None when no choice of allowed breaks fits."""
    places = [i for i in range(1, len(widths)) if costs[i] < NEVER]

    ends = list(accumulate(widths, initial=0.0))

    def line_width(a: int, b: int) -> float:
        return ends[b] - ends[a] + space * (b - a - 1)

    pieces = (0, *places, len(widths))
    if max(line_width(a, b) for a, b in zip(pieces, pieces[1:], strict=False)) > limit:
        return None
    for count in range(1, len(places) + 1):
        best: tuple[float, tuple[int, ...]] | None = None
        for breaks in combinations(places, count):
            edges = (0, *breaks, len(widths))
            lines = [line_width(a, b) for a, b in zip(edges, edges[1:], strict=False)]
            if max(lines) > limit:
                continue
            widest = max(lines)
            uneven = sum(((widest - w) / limit) ** 2 for w in lines)
            score = sum(costs[b] for b in breaks) + EVENNESS * uneven
            if best is None or score < best[0]:
                best = (score, breaks)
        if best is not None:
            return best[1]
    return None
