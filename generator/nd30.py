"""The government format's text rules, each a small function citing its source.

Sources are sections of `shared/spec/nd30-format.md` (Nghị định 30/2020/NĐ-CP,
Phụ lục I = P1, Phụ lục III = P3). Everything a content author could get wrong
about how a string is printed is decided here, once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence

from babel.numbers import format_decimal

from generator.metrics import text_width_pt, widest_line_pt

BLANK = "      "
"""What is left for the clerk to fill by hand: a number or a day and month."""

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "T/M", "K/T", "T/L")
"""§7 (P1 II.7b; ND Điều 13): the prefixes an authority line may start with."""

ACTING_PREFIX = "Q."
"""§7: `Q.` (quyền, acting) stands before the head's title, never as an authority line."""

VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
"""§6 (P1 II.6đ): điểm are lettered in Vietnamese alphabet order."""

END_MARK = "./."
"""§6 (P3 templates): the body ends with `./.`."""

ARCHIVE_FIRST = "VT"
"""§8 (P1 II.9d): the archive line starts with the Văn thư (VT)."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def upper(text: str) -> str:
    """Capitals that keep Vietnamese letters whole (`ủy` → `ỦY`, `đ` → `Đ`), in NFC.

    §2, §5, §7 (P1 II.2b, II.5b, II.7c): issuer names, the document type,
    headings and authority lines are printed in capitals. `str.upper` works on
    code points; a decomposed letter may come back decomposed, so the result is
    recomposed.
    """
    return nfc(nfc(text).upper())


BLANKS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
"""Spaces and tabs as people type or paste them (the no-break and typographic spaces too)."""


def tidy(text: str) -> str:
    """content-format.md "Text as people type it": a run of blanks becomes one space, each
    line and the whole value are trimmed; a line break the author wrote is kept."""
    return "\n".join(BLANKS.sub(" ", line).strip() for line in text.split("\n")).strip()


def _word_as_name(word: str) -> str:
    return (
        word
        if word.endswith(".")
        else "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    )


def person_name_problem(name: str) -> tuple[str, str] | None:
    """§7 (P1 II.7c): the signer's name is printed as a name, each syllable capitalised
    (`Nguyễn Văn An`), never in capitals or in lower case. An abbreviation ending in `.`
    (`TS.`) is left as written."""
    words = name.split()
    letters = "".join(ch for w in words if not w.endswith(".") for ch in w if ch.isalpha())
    shouting = len(letters) > 1 and letters.isupper()
    lower = any(ch.islower() for w in words for ch in w[:1] if not w.endswith("."))
    if not shouting and not lower:
        return None
    fixed = " ".join(_word_as_name(w) for w in words)
    how = "in hoa toàn bộ" if shouting else "có tiếng viết thường"
    return (
        f"họ tên người ký {how}: `{name}`; họ tên in dưới chữ ký viết hoa chữ cái đầu mỗi tiếng",
        f"viết `{fixed}`",
    )


def pad_day(day: int) -> str:
    """§4 (P1 II.4b): days below 10 take a leading zero (`05`)."""
    return f"{day:02d}"


def pad_month(month: int) -> str:
    """§4 (P1 II.4b): months 1 and 2 take a leading zero; months 3–12 never do."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, year: int) -> str:
    """§4 (P1 II.4a-c): `Hà Nội, ngày 05 tháng 01 năm 2024`.

    With no date, the day and month are left blank for the clerk, and `year`
    is printed. Babel is not used: the locale's date format pads every month.
    """
    if date is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    return f"{place}, ngày {pad_day(date.day)} tháng {pad_month(date.month)} năm {date.year}"


def pad_number(number: int | None) -> str:
    """§3 (P1 II.3c): numbers below 10 take a leading zero (`05`); no number → a blank."""
    if number is None:
        return BLANK
    return f"{number:02d}"


def symbol(type_abbr: str, issuer_abbrs: Sequence[str], given: str | None = None) -> str:
    """§3 (P1 II.3b-c; joint documents ⚠ practice): `PĐTĐ-CTĐP-CĐC`.

    Derived as the type abbreviation followed by each issuer's abbreviation, in
    order. Given or derived, it is written with no spaces.
    """
    text = given if given is not None else "-".join([type_abbr, *issuer_abbrs])
    return re.sub(r"\s+", "", nfc(text))


STATE_NUMBER = "Số: {number}/{symbol}"


def number_line(number: int | None, symbol_text: str, pattern: str = STATE_NUMBER) -> str:
    """§3 (P1 II.3c): `Số: 05/PĐTĐ-CTĐP`, or `Số:      /PĐTĐ-CTĐP` before a number is given.

    `pattern` is the regime's (regimes.md): `Số {number}-{symbol}` prints `Số 05-KH/HU`.
    """
    if number is None:
        text = pattern.replace(" {number}", BLANK).replace("{number}", BLANK)
    else:
        text = pattern.replace("{number}", pad_number(number))
    return text.replace("{symbol}", symbol_text)


def roman(number: int) -> str:
    """§6 (P1 Mục V b): sections are numbered with Roman numerals (`I`, `IV`, `XII`)."""
    if not 1 <= number <= 3999:
        raise ValueError(f"no Roman numeral for {number}")
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def vietnamese_letter(index: int) -> str:
    """§6 (P1 II.6đ): the letter of the `index`-th điểm (0-based): a, b, c, d, đ, e, g …

    The alphabet has 23 letters; past `y` the letters are doubled (`aa`, `bb`, …),
    as long lists are lettered in practice.
    """
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[index % count] * (index // count + 1)


def section_heading(index: int, heading: str) -> str:
    """§6 (P1 Mục V b): `I. MỤC ĐÍCH, YÊU CẦU`: Roman numeral, dot, heading in capitals."""
    return f"{roman(index)}. {upper(heading.strip())}"


def item_label(level: int, index: int, bullets: bool = False) -> str:
    """§6 (P1 II.6đ): khoản `1.`, điểm `a)`, then `-` bullets (⚠ practice) at the third level."""
    if level == 0:
        return f"{index + 1}."
    if level == 1 and not bullets:
        return f"{vietnamese_letter(index)})"
    return "-"


def end_mark(text: str, mark: str = END_MARK) -> str:
    """§6 (P3 templates): the body ends with `./.`; a final `.` becomes `./.`.

    A final `;`, `,` or `:` (the end of a list item) is replaced the same way, so
    that the mark never follows other punctuation. `mark` is the regime's (`.` for
    Party documents, regimes.md); a `./.` the author typed then becomes `.`.
    """
    text = text.rstrip()
    if text.endswith(mark) and not (mark != END_MARK and text.endswith(END_MARK)):
        return text
    if text.endswith(END_MARK):
        return text[: -len(END_MARK)].rstrip() + mark
    if text.endswith((".", ";", ",", ":")):
        return text[:-1].rstrip() + mark
    return text + mark


def strip_end_punctuation(text: str) -> str:
    return re.sub(r"[\s;.]+$", "", text)


def basis_lines(bases: Sequence[str]) -> list[str]:
    """§6 (P1 II.6a): one căn cứ per line, each ending `;`, the last ending `.`."""
    lines = [strip_end_punctuation(b) for b in bases]
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


def recipient_text(text: str) -> str:
    """What an author wrote as a recipient, less the dash and end mark the format adds."""
    text = re.sub(r"^\s*[-–—]\s*", "", text)
    return strip_end_punctuation(text)


def recipient_line(text: str) -> str:
    """§8 (P1 II.9d): `- <recipient>;`, never `;;` or `.;`."""
    return f"- {recipient_text(text)};"


def count(number: int) -> str:
    """Numbers printed with Vietnamese grouping: `1.500`."""
    return format_decimal(number, locale="vi")


def drafter_mark(initials: str, copies: int | None) -> str:
    """§9 (P1 III.3, P3): drafter's initials in capitals and the number of copies: `ĐXT(30)`."""
    mark = upper(initials.strip())
    return f"{mark}({count(copies)})" if copies else mark


STATE_ARCHIVE = "- Lưu: {units}."


def archive_line(
    archive: Iterable[str],
    drafter: str | None = None,
    pattern: str = STATE_ARCHIVE,
    first: str | None = ARCHIVE_FIRST,
    empty: str | None = None,
) -> str:
    """§8 (P1 II.9d): `- Lưu: VT, VP, CĐC.`: `VT` first and only once, ending with `.`.

    The drafter mark, when there is one, ends the line after a full stop, as the
    P3 templates place it (`- Lưu: VT, …(9). …(10).`): `- Lưu: VT, VP. ĐXT(30).`
    `pattern`, `first` and `empty` are the regime's (regimes.md): a Party document
    prints `- Lưu Văn phòng Huyện ủy.`, no colon and no `VT`.
    """
    units = [first] if first else []
    for unit in archive:
        unit = strip_end_punctuation(unit.strip()).strip(", ")
        if unit and (not first or unit.upper() != first) and unit not in units:
            units.append(unit)
    if not units and empty:
        units = [empty]
    line = pattern.replace("{units}", ", ".join(units))
    return f"{line} {drafter}." if drafter else line


def recipient_lines(recipients: Sequence[str], archive_line_text: str) -> list[str]:
    """§8: every recipient line, then the archive line last."""
    return [recipient_line(r) for r in recipients] + [archive_line_text]


def authority_problem(
    line: str, index: int, allowed: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """§7 (P1 II.7b; ND Điều 13): is `line` a valid authority line at `index`?

    Returns (message, hint) in Vietnamese, or None when it is valid. `TM.` may
    only come first; `Q.` belongs in the signer's title. `T/M`, `K/T`, `T/L` (the
    Party's spelling) are accepted too and printed in the regime's form; `allowed`
    (the regime's prefixes by meaning, `{"TM": "T/M", ...}`) refuses the others.
    """
    text = line.strip()
    match = re.match(r"^(TM|KT|TL|TUQ)\.\s+\S", text) or re.match(r"^(T/M|K/T|T/L)\s+\S", text)
    if match:
        key = match.group(1).replace("/", "")
        typed = text.split()[0]
        if allowed is not None and key not in allowed:
            return (
                f"thể thức này không dùng tiền tố `{typed}`",
                "chỉ dùng " + ", ".join(f"`{p}`" for p in allowed.values()),
            )
        if key == "TM" and index > 0:
            return (
                f"`{typed}` chỉ được đứng ở dòng thẩm quyền đầu tiên",
                f"đưa dòng `{typed} ...` lên đầu danh sách authority",
            )
        return None
    word = re.match(r"^([^\s]+)", text)
    head = word.group(1) if word else ""
    letters = re.sub(r"[^A-Za-z]", "", head).upper()
    if letters == "Q":
        return (
            "`Q.` (quyền) không phải là dòng thẩm quyền",
            "ghi vào chức vụ của người ký, ví dụ `title: Q. Cục trưởng`",
        )
    if letters in ("TM", "KT", "TL", "TUQ"):
        rest = text[len(head) :].strip()
        if allowed is not None and letters not in allowed:  # `TUQ` in a Party document
            return (
                f"thể thức này không dùng tiền tố `{head}`",
                "chỉ dùng " + ", ".join(f"`{p}`" for p in allowed.values()),
            )
        return (
            f"dòng thẩm quyền viết sai tiền tố `{head}`",
            f"viết `{letters}. {rest}`" if rest else f"viết `{letters}. <chức danh>`",
        )
    return (
        "dòng thẩm quyền phải bắt đầu bằng `TM.`, `KT.`, `TL.` hoặc `TUQ.`",
        "ví dụ `KT. Cục trưởng`; người đứng đầu tự ký thì bỏ trống authority",
    )


def title_problem(title: str) -> tuple[str, str] | None:
    """§7: an authority prefix belongs in `authority`, not in the signer's own title."""
    head = title.strip().split(maxsplit=1)[0] if title.strip() else ""
    if head in AUTHORITY_PREFIXES:
        return (
            f"chức vụ không được bắt đầu bằng `{head}`",
            f"chuyển `{head} ...` sang authority; title là chức vụ của người ký",
        )
    return None


def theme_line(theme: str) -> str:
    """The emulation motto on its own line, in quotes (content-format.md: `theme`)."""
    text = theme.strip()
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        text = text[1:-1]
    return f"“{text}”"


RULE_CHAR = "_"
RULE_RATIO = 0.4
"""§2, §5 (P1 II.2b, II.5b): the line under the issuer and the summary is 1/3–1/2 of the text."""


def rule_under(text: str, box_pt: float, size_pt: float, bold: bool = True) -> str:
    """A line of `_` about 0.4 times the width of `text` as wrapped in a box `box_pt` wide.

    §2, §5: a solid line 1/3–1/2 of the text width, centred under it. Drawn as
    characters so that a template holds it as an ordinary string.
    """
    target = RULE_RATIO * widest_line_pt(text, box_pt, size_pt, bold)
    unit = text_width_pt(RULE_CHAR, size_pt)
    return RULE_CHAR * max(1, round(target / unit))


def enactment_mismatch(
    enacted: str,
    lead: str,
    authority: Sequence[str],
    title: str,
    prefixes: dict[str, str] | None = None,
) -> tuple[str, str] | None:
    """§13 (P3 Mẫu 1.2 note 6 with P1 II.7b): who enacts a decision and who signs it agree.

    All arguments are lower case. Enacted by the collective (the lead issuer's own
    name): the first authority line is `tm. <the collective, or the start of its
    name>`. Enacted by a head: the signer is that head (a title that starts it, no
    prefix), or signs `kt. <that title>`. `prefixes`: the regime's spellings, for the hint.
    """
    tm, kt = (prefixes or {}).get("TM", "TM."), (prefixes or {}).get("KT", "KT.")
    # The Party's spelling (`t/m`, `k/t`, regimes.md) reads as the state's here.
    first = re.sub(r"^([tk])/([ml])\s+", r"\1\2. ", authority[0]) if authority else ""
    if enacted == lead:
        if first.startswith("tm.") and enacted.startswith(first[3:].strip()) and first[3:].strip():
            return None
        return (
            f"cơ quan ban hành là tập thể nên người ký phải ký `{tm}` tập thể đó",
            f"ghi `authority: {tm} {enacted[:1].upper() + enacted[1:]}` cho người ký đầu tiên, "
            "hoặc ghi `enacted_by` là chức danh người đứng đầu",
        )
    if not authority and title and enacted.startswith(title):
        return None
    if first.startswith("kt.") and first[3:].strip() and enacted.startswith(first[3:].strip()):
        return None
    return (
        "thẩm quyền ban hành không khớp với người ký đầu tiên",
        "người đứng đầu ký chức danh của mình (không có tiền tố) hoặc cấp phó ký "
        f"`{kt} <chức danh>`; tập thể (tên cơ quan ban hành) thì ký `{tm} <tập thể>`",
    )


def article_label(index: int) -> str:
    """§6 (P1 II.6đ): `Điều 1.`: the word, an Arabic number and a dot, in bold."""
    return f"Điều {index + 1}."


DECISION_LINE = "QUYẾT ĐỊNH:"
"""§13 (P3 Mẫu 1.2): the line before a decision's articles, capitals, bold, centred."""


def proposal_line(text: str) -> str:
    """§13 (P3 Mẫu 1.2): `Theo đề nghị của ….`, a `.` added when it has no end punctuation."""
    text = text.strip()
    return text if text.endswith((".", ",", ";", ":")) else text + "."


def basis_lines_before(bases: Sequence[str], more_follows: bool) -> list[str]:
    """§6 with §13: with a proposal line after them, the last căn cứ ends `;` like the others."""
    lines = basis_lines(bases)
    if more_follows and lines:
        lines[-1] = lines[-1][:-1] + ";"
    return lines


def vv_line(subject: str, prefix: str = "V/v ") -> str:
    """§5 (P1 II.5b): a công văn's summary under the number, `V/v <summary>`, never `V/v V/v`.

    `prefix` is the regime's (regimes.md): a Party công văn has none, its summary as written.
    """
    text = subject.strip()
    if not prefix or re.match(r"(?i)^v/v\b", text):
        return text
    return f"{prefix}{text}"


def dashed(lines: Sequence[str], dash: str) -> list[str]:
    """Each line after `dash` (`- Căn cứ …;` in Party documents, regimes.md), never `- - `;
    lines unchanged when there is none (the state's căn cứ)."""
    if not dash:
        return list(lines)
    return [dash + re.sub(r"^\s*[-–—]\s*", "", line) for line in lines]


ADDRESSEE_WORD = "Kính gửi:"
ALONG_WITH = "Như trên"


def addressee_lines(addressees: Sequence[str]) -> list[str]:
    """§8 (P1 II.9b, Mục V): one addressee on the `Kính gửi:` line with no end mark; several
    one to a line, `- …;`, the last ending `.`, the dashes aligned under the colon's right.

    Each line is a paragraph with a hanging indent as wide as `Kính gửi: `; a tab starts
    every name, so the first follows `Kính gửi:` and the others stand under it.
    """
    names = [strip_end_punctuation(re.sub(r"^\s*[-–—]\s*", "", a)) for a in addressees]
    if len(names) == 1:
        return [f"{ADDRESSEE_WORD}\t{names[0]}"]
    lines = [f"- {n}" + ("." if i == len(names) - 1 else ";") for i, n in enumerate(names)]
    return [f"{ADDRESSEE_WORD}\t{lines[0]}", *(f"\t{line}" for line in lines[1:])]


def with_along(recipients: Sequence[str], addressees: Sequence[str]) -> list[str]:
    """§8 (P1 II.9b): a document with `Kính gửi` lists `Như trên` first under `Nơi nhận`."""
    if not addressees or any(recipient_text(r).lower() == ALONG_WITH.lower() for r in recipients):
        return list(recipients)
    return [ALONG_WITH, *recipients]


def urgency_mark(urgency: str) -> str:
    """§9 (P1 III.2b): `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC` in capitals, in the stamp's frame."""
    return upper(urgency)


def cell_text(value: object) -> str:
    """content-format.md, Tables: numbers the Vietnamese way, `1.500.000`, `98,5`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_decimal(value, locale="vi")
    return str(value).strip()


def symbol_from(
    pattern: str, type_abbr: str, issuer_abbrs: Sequence[str], drafting_unit: str | None
) -> str:
    """§3 (P1 II.3b): `<type>-<issuer>` for a named type, `<issuer>-<drafting unit>` for a
    công văn (the issuer's alone when there is no drafting unit)."""
    text = pattern.replace("{type_abbr}", type_abbr).replace("{issuers}", "-".join(issuer_abbrs))
    text = text.replace("{lead}", issuer_abbrs[0] if issuer_abbrs else "")
    text = text.replace("{drafting_unit}", drafting_unit or "")
    return re.sub(r"-{2,}", "-", re.sub(r"\s+", "", nfc(text))).strip("-")


def annex_reference(
    type_name: str,
    number: int | None,
    symbol_text: str,
    date: dt.date | None,
    year: int,
    issuer: str,
) -> str:
    """§9 (P1 III.1): `(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 02 năm 2025 của …)`;
    blank places, as in the date line, before the number or the date is given."""
    number_text = f"{pad_number(number)}/{symbol_text}"
    if date is not None:
        when = f"ngày {pad_day(date.day)} tháng {pad_month(date.month)} năm {date.year}"
    else:
        when = f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"(Kèm theo {type_name} số{' ' if number else ''}{number_text} {when} của {issuer})"
