"""`content/labels.yaml` is read as written: each field's entry is a label and a help text."""

from __future__ import annotations

from generator.content.labels import field_labels

ENTRY_KEYS = {"label", "help"}


def test_every_entry_is_a_label_and_a_help_text() -> None:
    # An unquoted label with a comma in a flow mapping (`{label: Mục đích, yêu cầu}`)
    # loads as the words before the comma plus a stray key: caught here.
    wrong = [
        (model, name, entry)
        for model, fields in field_labels().items()
        for name, entry in fields.items()
        if not isinstance(entry, dict)
        or not set(entry) <= ENTRY_KEYS
        or not all(isinstance(v, str) for v in entry.values())
        or "label" not in entry
    ]
    assert wrong == []


def test_labels_with_a_comma_are_whole() -> None:
    labels = field_labels()["Content"]
    assert labels["theme"]["label"] == "Chủ đề, phương châm thi đua"
    assert labels["purposes"]["label"] == "Mục đích, yêu cầu"
