"""Who signs and for whom: the authority lines, the signer's title and a decision's enacting
authority agreeing with its signature (nd30-format.md §7, §13; regimes.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import canonical

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "T/M", "K/T", "T/L")
"""§7 (P1 II.7b; ND Điều 13): the prefixes an authority line may start with."""


ACTING_PREFIX = "Q."
"""§7: `Q.` (quyền, acting) stands before the head's title, never as an authority line."""


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
            return _not_in_regime(typed, allowed)
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
            return _not_in_regime(head, allowed)
        return (
            f"dòng thẩm quyền viết sai tiền tố `{head}`",
            f"viết `{letters}. {rest}`" if rest else f"viết `{letters}. <chức danh>`",
        )
    return (
        "dòng thẩm quyền phải bắt đầu bằng `TM.`, `KT.`, `TL.` hoặc `TUQ.`",
        "ví dụ `KT. Cục trưởng`; người đứng đầu tự ký thì bỏ trống authority",
    )


def _not_in_regime(typed: str, allowed: dict[str, str]) -> tuple[str, str]:
    """regimes.md: a regime names the prefixes it uses (no `TUQ` in a Party document)."""
    return (
        f"thể thức này không dùng tiền tố `{typed}`",
        "chỉ dùng " + ", ".join(f"`{p}`" for p in allowed.values()),
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


STANDING_COMMITTEE = "ban thường vụ"
"""regimes.md (`dang`, HD36 1.7): a committee's standing committee enacts in its place and
signs `T/M BAN THƯỜNG VỤ`."""


EXECUTIVE_COMMITTEE = ("ban chấp hành", "bch")
"""regimes.md (`doan`: `BAN CHẤP HÀNH TRUNG ƯƠNG`, `BCH TỈNH …`): an issuer named as a
body's executive committee; its standing committee is `Ban Thường vụ` of the same body
(`TM. BAN THƯỜNG VỤ TỈNH ĐOÀN` for `BCH Tỉnh Bình Giang` or `Ban Chấp hành Tỉnh đoàn …`)."""

_UNION_LEVEL = re.compile(
    canonical(r"^(?:(tỉnh|thành|huyện|quận|thị) đoàn|đoàn (tỉnh|thành|huyện|quận|thị))\b")
)
"""A Youth Union body named by its level (`tỉnh đoàn`, `đoàn tỉnh`, `bch tỉnh`) reads as that
level (`tỉnh`), so a Tỉnh đoàn's standing committee matches `BCH tỉnh …`."""


def is_collective(enacted: str, lead: str) -> bool:
    """§13 with regimes.md: `enacted` (lower case) names the lead issuer as a collective: its
    own name (`huyện ủy định hóa`), or its standing committee, named alone (`ban thường vụ`)
    or with the start of the issuer's name (`ban thường vụ huyện ủy`). An issuer named as an
    `EXECUTIVE_COMMITTEE` is read as the body it leads. A standing committee of another
    body (`ban thường vụ tỉnh ủy`) is not the issuer's."""
    enacted, lead = _same(enacted), _same(lead)
    if enacted == lead:
        return True
    if not is_standing_committee(enacted):
        return False
    rest = enacted.split()[len(STANDING_COMMITTEE.split()) :]
    if rest == lead.split()[: len(rest)]:
        return True
    body = _led_body(lead)
    if body is None:
        return False
    rest = _by_level(" ".join(rest)).split()
    return rest == _by_level(body).split()[: len(rest)]


def _same(text: str) -> str:
    """`text` as compared: one tone-mark placement (`đoàn`, `đòan`), and a line printed on
    two (`tm. ban thường vụ\ntỉnh đoàn`) read as one."""
    return " ".join(canonical(text).split())


def _led_body(lead: str) -> str | None:
    """The body whose executive committee `lead` names (`tỉnh đoàn bình giang` for `ban chấp
    hành tỉnh đoàn bình giang`), or None."""
    words = lead.split()
    for name in EXECUTIVE_COMMITTEE:
        size = len(name.split())
        if words[:size] == name.split():
            return " ".join(words[size:])
    return None


def _by_level(body: str) -> str:
    body = re.sub(r"^tp\.?\s", "thành phố ", body)
    return _UNION_LEVEL.sub(lambda m: m.group(1) or m.group(2), body)


def is_standing_committee(enacted: str) -> bool:
    """Whether `enacted` (lower case) names a standing committee, of any body."""
    words = STANDING_COMMITTEE.split()
    return enacted.split()[: len(words)] == words


def enactment_mismatch(
    enacted: str,
    lead: str,
    authority: Sequence[str],
    title: str,
    prefixes: dict[str, str] | None = None,
) -> tuple[str, str] | None:
    """§13 (P3 Mẫu 1.2 note 6 with P1 II.7b): who enacts a decision and who signs it agree.

    All arguments are lower case. Enacted by the collective (the lead issuer's own
    name, or its standing committee: `is_collective`): the first authority line is
    `tm. <the collective, or the start of its name>`. A standing committee of another
    body is named as such. Enacted by a head: the signer is that head (a title that
    starts it, no prefix), or signs `kt. <that title>`. `prefixes`: the regime's
    spellings, for the hint.
    """
    tm, kt = (prefixes or {}).get("TM", "TM."), (prefixes or {}).get("KT", "KT.")
    shown = " ".join(enacted.split())
    enacted, lead, title = _same(enacted), _same(lead), _same(title)
    first = _same(authority[0]) if authority else ""
    # The Party's spelling (`t/m`, `k/t`, regimes.md) reads as the state's here.
    first = re.sub(r"^([tk])/([ml])\s+", r"\1\2. ", first)
    if is_collective(enacted, lead):
        if first.startswith("tm.") and enacted.startswith(first[3:].strip()) and first[3:].strip():
            return None
        return (
            f"cơ quan ban hành là tập thể nên người ký phải ký `{tm}` tập thể đó",
            f"ghi `authority: {tm} {shown[:1].upper() + shown[1:]}` cho người ký đầu tiên, "
            "hoặc ghi `enacted_by` là chức danh người đứng đầu",
        )
    if is_standing_committee(enacted):
        return (
            "thẩm quyền ban hành là ban thường vụ của cơ quan khác, không phải của cơ quan "
            "ban hành",
            "ghi `enacted_by: Ban Thường vụ <cơ quan ban hành>` (ví dụ `Ban Thường vụ Huyện ủy`), "
            "hoặc sửa cơ quan ban hành ở `issuers`",
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
