"""The signer's name as a name (nd30-format.md §7)."""

from __future__ import annotations


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
