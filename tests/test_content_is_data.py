"""Content is data: text that looks like a tag or XML is printed exactly as written."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import nd30
from generator.content.load import load_content_text
from generator.pipeline import render_model
from generator.problems import ContentError
from tests.docxread import all_text, open_docx


def notice(**fields) -> dict:
    data = {
        "kind": "phat_dong",
        "issuers": [{"name": "Cục Công Thương địa phương", "abbr": "CTĐP"}],
        "place": "Hà Nội",
        "date": "2024-01-12",
        "contents": ["Nội dung."],
        "signatories": [{"title": "Cục trưởng", "name": "Nguyễn Văn A"}],
        "recipients": ["Các đơn vị"],
    }
    data.update(fields)
    return data


def render_text(data: dict) -> str:
    content = load_content_text(json.dumps(data, ensure_ascii=True), "nd.json")
    return all_text(open_docx(render_model(content).docx))


TRICKY = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "<b>đậm</b>",
    "A & B",
    '“quotes” ‘and’ "these"',
    "{_{ x }_}",
    "{# note #}",
    "]]>",
    "&amp;",
    "<w:p>",
    "{%p for x in y %}",
]


def test_tags_xml_and_quotes_are_printed_verbatim():
    for value in TRICKY:
        text = render_text(
            notice(subject=value, contents=[value, "Nội dung cuối."], preamble=value)
        )
        assert text.count(value) >= 3, value
        assert "49" not in text


def test_values_in_capitals_keep_their_characters():
    text = render_text(notice(issuers=[{"name": "Cục <A> & {{ b }}", "abbr": "X"}]))
    assert "CỤC <A> & {{ B }}" in text


FIELDS = {
    "subject": lambda v: {"subject": v},
    "place": lambda v: {"place": v},
    "item": lambda v: {"contents": [v, "Nội dung cuối."]},
    "signer name": lambda v: {"signatories": [{"title": "Cục trưởng", "name": v}]},
    "issuer name": lambda v: {"issuers": [{"name": v, "abbr": "X"}]},
    "theme": lambda v: {"theme": v},
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(FIELDS)), value=st.text(min_size=1, max_size=40))
def test_any_text_renders_verbatim_or_is_refused_with_a_location(field, value):
    data = notice(**FIELDS[field](value))
    try:
        text = render_text(data)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line is not None and problem.column is not None
            assert problem.path
        return
    # Blanks are tidied as people mean them (content-format.md, "Text as people type it").
    expected = nd30.tidy(unicodedata.normalize("NFC", value))
    if field == "issuer name":
        expected = nd30.upper(expected)
    elif field == "theme":
        expected = nd30.theme_line(expected)
    assert expected in text
