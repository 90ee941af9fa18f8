"""Vietnamese names of the content fields: as the web form and `vanban template fields`
show them (`labels.yaml`, keyed by model then field), and as an office writes them over
a column.

A units spreadsheet may head a column with the field path (`signatories.0.name`)
or with the label below (`Người ký`); `STT` (the row number offices put in
the first column) names no field and is ignored. Labels are compared without
case, accents-sensitive, and with runs of blanks as one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

FIELD_LABELS = Path(__file__).with_name("labels.yaml")


@cache
def field_labels() -> dict[str, dict[str, dict[str, str]]]:
    """`labels.yaml`: model name → field name → `{label, help}`."""
    return YAML(typ="safe").load(FIELD_LABELS.read_text("utf-8")) or {}


def field_label(model: str, name: str) -> str | None:
    """The Vietnamese label of field `name` of the content model `model` (`Issuer`), or None."""
    return field_labels().get(model, {}).get(name, {}).get("label")


LABELS: dict[str, str] = {
    "kind": "Loại văn bản",
    "number": "Số",
    "symbol": "Ký hiệu",
    "place": "Địa danh",
    "date": "Ngày",
    "year": "Năm",
    "title": "Tên loại văn bản",
    "subject": "Trích yếu",
    "theme": "Khẩu hiệu",
    "preamble": "Mở đầu",
    "closing": "Kết thúc",
    "issuers.0.name": "Cơ quan ban hành",
    "issuers.0.abbr": "Viết tắt cơ quan",
    "issuers.0.parent": "Cơ quan chủ quản",
    "signatories.0.authority": "Thẩm quyền ký",
    "signatories.0.title": "Chức vụ người ký",
    "signatories.0.name": "Người ký",
    "recipients.+": "Nơi nhận",
    "archive.+": "Lưu",
    "drafter.initials": "Người soạn thảo",
    "drafter.copies": "Số bản",
}
"""Field path → label."""

IGNORED = ("stt", "tt", "số thứ tự")
"""Headers of the row-number column, which sets no field."""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


_BY_LABEL = {_key(label): path for path, label in LABELS.items()}


def path_for_label(header: str) -> str | None:
    """The field path a Vietnamese column label names, or None."""
    return _BY_LABEL.get(_key(header))


def ignored(header: str) -> bool:
    return _key(header) in IGNORED
