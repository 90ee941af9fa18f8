"""Characters that may not stand in a document's text, decided per class.

| class | examples | decision |
|---|---|---|
| C0/C1 controls, lone surrogates, U+FFFE/U+FFFF | U+0000, U+0007, U+0085 | error: a DOCX text run cannot hold them (XML 1.0) |
| bidirectional controls | U+202E RIGHT-TO-LEFT OVERRIDE, U+2066–U+2069, U+200E/U+200F, U+061C | error: they reorder what is printed (`Nguyễn` comes out reversed) while the file reads right |
| invisible format characters | U+200B zero-width space, U+200C/U+200D joiners, U+2060 word joiner, U+FEFF, U+00AD soft hyphen, U+180E | error: invisible in the editor, they change line breaking and make the printed name differ from the one searched for |

Tab and line feed are text. Every such character is an error rather than
silently removed: official text must be exactly what its author sees, so the
author removes it (the hint names it).
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff"
_ANY = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
_BIDI_RE = re.compile(f"[{_BIDI}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def join_surrogates(text: str) -> str:
    """A valid surrogate pair (JSON's `\\ud83d\\ude00`) as the one character it stands for;
    a lone surrogate stays, to be reported."""
    if not _PAIR.search(text):
        return text
    return _PAIR.sub(
        lambda m: m.group(0).encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text
    )


def _name(ch: str) -> str:
    return unicodedata.name(ch, "") or "không tên"


def bad_characters(text: str) -> list[tuple[int, str, str]]:
    """`(index, message, hint)` for every character of `text` that may not be printed."""
    if not _ANY.search(text):
        return []
    out = []
    for match in _ANY.finditer(text):
        ch, index = match.group(0), match.start()
        code = f"U+{ord(ch):04X}"
        if _BIDI_RE.match(ch):
            out.append(
                (
                    index,
                    f"ký tự điều khiển hướng chữ {code} ({_name(ch)}) ở vị trí {index + 1} "
                    "làm đảo thứ tự chữ khi in",
                    "xóa ký tự vô hình này (thường do sao chép từ trang web hoặc tin nhắn)",
                )
            )
        elif _INVISIBLE_RE.match(ch):
            out.append(
                (
                    index,
                    f"ký tự vô hình {code} ({_name(ch)}) ở vị trí {index + 1} "
                    "không được có trong văn bản",
                    "xóa ký tự vô hình này (thường do sao chép từ trang web hoặc Word)",
                )
            )
        else:
            out.append(
                (
                    index,
                    f"ký tự điều khiển {code} ở vị trí {index + 1} không thể có trong văn bản DOCX",
                    "xóa ký tự này (thường do sao chép từ phần mềm khác)",
                )
            )
    return out
