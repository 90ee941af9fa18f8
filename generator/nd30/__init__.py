"""The government format's text rules, each a small function citing its source.

Sources are sections of `shared/spec/nd30-format.md` (Nghị định 30/2020/NĐ-CP,
Phụ lục I = P1, Phụ lục III = P3). Everything a content author could get wrong
about how a string is printed is decided here, once. The rules are grouped by the
part of the document they govern: `text` (how any string is printed), `header`
(number, date, summary, ruled lines), `body` (numbering, căn cứ, decision lines),
`recipients` (Kính gửi, Nơi nhận, archive), `signature` (authority, enactment) and
`names` (the signer's name). Callers read them as `nd30.<rule>`.
"""

from __future__ import annotations

from generator.nd30.body import (
    DECISION_LINE,
    VIETNAMESE_LETTERS,
    article_label,
    basis_lines,
    basis_lines_before,
    dashed,
    item_label,
    proposal_line,
    roman,
    section_heading,
    vietnamese_letter,
)
from generator.nd30.header import (
    BLANK,
    RULE_CHAR,
    RULE_RATIO,
    STATE_NUMBER,
    annex_reference,
    date_line,
    number_line,
    pad_day,
    pad_month,
    pad_number,
    rule_under,
    symbol,
    symbol_from,
    theme_line,
    urgency_mark,
    vv_line,
)
from generator.nd30.names import (
    person_name_problem,
)
from generator.nd30.recipients import (
    ADDRESSEE_WORD,
    ALONG_WITH,
    ARCHIVE_FIRST,
    STATE_ARCHIVE,
    addressee_lines,
    archive_line,
    drafter_mark,
    recipient_line,
    recipient_lines,
    recipient_text,
    with_along,
)
from generator.nd30.signature import (
    ACTING_PREFIX,
    AUTHORITY_PREFIXES,
    authority_problem,
    enactment_mismatch,
    title_problem,
)
from generator.nd30.text import (
    BLANKS,
    END_MARK,
    cell_text,
    count,
    end_mark,
    nfc,
    strip_end_punctuation,
    tidy,
    upper,
)

__all__ = [
    "nfc",
    "upper",
    "BLANKS",
    "tidy",
    "END_MARK",
    "end_mark",
    "strip_end_punctuation",
    "count",
    "cell_text",
    "BLANK",
    "pad_day",
    "pad_month",
    "date_line",
    "pad_number",
    "symbol",
    "symbol_from",
    "STATE_NUMBER",
    "number_line",
    "vv_line",
    "RULE_CHAR",
    "RULE_RATIO",
    "rule_under",
    "urgency_mark",
    "theme_line",
    "annex_reference",
    "VIETNAMESE_LETTERS",
    "roman",
    "vietnamese_letter",
    "section_heading",
    "item_label",
    "article_label",
    "DECISION_LINE",
    "basis_lines",
    "basis_lines_before",
    "proposal_line",
    "dashed",
    "recipient_text",
    "recipient_line",
    "recipient_lines",
    "ARCHIVE_FIRST",
    "STATE_ARCHIVE",
    "archive_line",
    "drafter_mark",
    "ADDRESSEE_WORD",
    "ALONG_WITH",
    "addressee_lines",
    "with_along",
    "AUTHORITY_PREFIXES",
    "ACTING_PREFIX",
    "authority_problem",
    "title_problem",
    "enactment_mismatch",
    "person_name_problem",
]
