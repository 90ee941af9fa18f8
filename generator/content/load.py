"""Load a content file: read it, check everything, and give a `Content` or every problem."""

from __future__ import annotations

import calendar
import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import nd30
from generator.content import model as m
from generator.content.checks import CHECKS, accept_issuer_alias, check_kind
from generator.content.source import Path_, Source, read_source, read_text
from generator.content.tables import check_table_shapes, inline_table_data
from generator.problems import ContentError, Problem

# The model whose fields may stand under a key, to suggest what a typo meant.
FIELDS_UNDER: dict[str, type[BaseModel]] = {
    "issuers": m.Issuer,
    "signatories": m.Signatory,
    "members": m.Member,
    "signatory": m.MemberSignatory,
    "drafter": m.Drafter,
    "sections": m.Section,
    "items": m.ItemNode,
    "articles": m.ItemNode,
    "annexes": m.Annex,
    "table": m.Table,
    "groups": m.TableGroup,
    **{name: m.NamedSection for name in m.NAMED_SECTIONS},
}

MESSAGES = {
    "string_type": "phải là một đoạn văn bản",
    "string_pattern_mismatch": "không được để trống",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "list_type": "phải là một danh sách (mỗi phần tử một dòng bắt đầu bằng `- `)",
    "too_short": "danh sách không được để trống",
    "model_type": "phải là một mục gồm các trường `khóa: giá trị`",
    "model_attributes_type": "phải là một mục gồm các trường `khóa: giá trị`",
    "dict_type": "phải là một mục gồm các trường `khóa: giá trị`",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
}


def _model_at(path: Path_) -> type[BaseModel]:
    """The model of the mapping at `path` (`contents[0]` is an item, `contents` a section)."""
    for i in range(len(path) - 1, -1, -1):
        part = path[i]
        if isinstance(part, str):
            if part in (*m.NAMED_SECTIONS, "articles") and i < len(path) - 1:
                return m.ItemNode
            return FIELDS_UNDER.get(part, m.Content)
    return m.Content


def _hint_for_unknown(path: Path_) -> str:
    name = str(path[-1])
    model = _model_at(path[:-1])
    fields = list(model.model_fields)
    if model is m.Content:
        fields.append("issuer")
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    if close:
        return f"có phải là `{close[0]}`?"
    extra = "; dữ liệu riêng cho mẫu đặt dưới `extra:`" if model is m.Content else ""
    return "các trường hợp lệ: " + ", ".join(fields) + extra


def _date_hint(ctx: dict[str, Any]) -> str:
    """Why the day does not exist; for a day-first date, the ISO form it was read as."""
    year, month, day = ctx["year"], ctx["month"], ctx["day"]
    read = (
        f"đã đọc là `{year:04d}-{month:02d}-{day:02d}` (năm-tháng-ngày); "
        if ctx["day_first"]
        else ""
    )
    if month > 12 and day <= 12:
        return f"{read}tháng phải từ 1 đến 12; có phải là `{year:04d}-{day:02d}-{month:02d}`?"
    if not 1 <= month <= 12:
        return f"{read}tháng phải từ 1 đến 12"
    return f"{read}tháng {month} năm {year} có {calendar.monthrange(year, month)[1]} ngày"


def _colon_text(value: Any) -> str | None:
    """The text a line such as `- Lưu: VT, NC.` was meant to be: YAML reads `: ` as
    `key: value`, and no field's name holds a space or a Vietnamese letter."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((key, val),) = value.items()
    if not isinstance(key, str) or (key.isascii() and " " not in key):
        return None
    if isinstance(val, (dict, list)):
        return None
    return key if val is None else f"{key}: {val}"


def _colon_problem(path: Path_, text: str, source: Source) -> Problem:
    hint = f'đặt cả dòng trong ngoặc kép: `"{text}"`'
    if path[:1] == ("recipients",) and text.casefold().startswith("lưu"):
        hint = (
            "dòng `- Lưu: VT, ….` vanban tự in: ghi các đơn vị lưu vào `archive:`, "
            "ví dụ `archive: [VP]`"
        )
    return source.problem(
        path,
        f"dấu `: ` làm dòng `{text}` bị đọc thành một cặp `khóa: giá trị`",
        hint,
        code="content.type",
    )


def _translate(error: dict, source: Source) -> Problem | None:
    path: Path_ = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("§")))
    kind = error["type"]
    value = error.get("input")
    colon = _colon_text(value)
    if colon is not None and (kind == "string_type" or (kind, path[-1]) == ("missing", "text")):
        # An item (`text` missing) or a plain text written `Tổng kinh phí: 1.500.000 đồng`.
        where = path[:-1] if kind == "missing" else path
        return _colon_problem(where, colon, source)
    if kind == "extra_forbidden" and _colon_text({path[-1]: value}) is not None:
        return None  # reported with the item's missing `text`
    if kind == "missing":
        return source.problem(path, f"thiếu trường bắt buộc `{path[-1]}`", code="content.required")
    if kind == "extra_forbidden":
        return source.problem(
            path,
            f"trường `{path[-1]}` không có trong định dạng nội dung",
            _hint_for_unknown(path),
            key=True,
            code="content.unknown_field",
        )
    if kind in ("date_format", "date_invalid"):
        hint = _date_hint(error["ctx"]) if kind == "date_invalid" else m.DATE_FORMS
        return source.problem(path, f"{error['msg']}: `{value}`", hint, code="content.date")
    if kind in ("greater_than_equal", "less_than_equal"):
        if path == ("number",):
            return source.problem(
                path,
                f"số văn bản phải từ 1 đến 9999, không phải {value}",
                "để trống `number` nếu chưa có số",
                code="content.range",
            )
        ctx = error.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        word = "nhỏ nhất" if kind == "greater_than_equal" else "lớn nhất"
        return source.problem(
            path, f"giá trị {value} không hợp lệ ({word} là {bound})", code="content.range"
        )
    message = MESSAGES.get(kind, error["msg"])
    return source.problem(path, message, code="content.type")


def tidy_values(value: Any, under_extra: bool = False) -> Any:
    """Every text value as `nd30.tidy` makes it, except under `extra:` (the template's own
    data, handed over as written)."""
    if isinstance(value, str):
        return value if under_extra else nd30.tidy(value)
    if isinstance(value, list):
        return [tidy_values(v, under_extra) for v in value]
    if isinstance(value, dict):
        return {k: tidy_values(v, under_extra or k == "extra") for k, v in value.items()}
    return value


def validate_data(source: Source) -> m.Content:
    """Validate the data of `source`; raise `ContentError` with every problem found."""
    problems = list(source.problems)
    data = source.data
    if source.data is None and not problems:
        problems.append(
            Problem(
                source.name,
                1,
                1,
                "",
                "tệp nội dung trống",
                "bắt đầu từ `vanban new phat_dong`",
                code="content.empty",
            )
        )
    if problems:
        raise ContentError(problems)
    if not isinstance(data, dict):
        raise ContentError(
            [
                source.problem(
                    (),
                    "tệp nội dung phải là một mục `khóa: giá trị`",
                    "bắt đầu từ `vanban new phat_dong`",
                    code="content.type",
                )
            ]
        )
    data = tidy_values(data)
    problems += accept_issuer_alias(data, source)
    kind = check_kind(data, source)
    problems += inline_table_data(data, source)
    content = None
    try:
        content = m.Content.model_validate(data)
    except ValidationError as exc:
        problems += [p for e in exc.errors() if (p := _translate(e, source)) is not None]
    for check in CHECKS:
        problems += check(data, source, kind)
    problems += check_table_shapes(data, source)
    problems += source.problems
    if problems:
        raise ContentError(dict.fromkeys(problems))
    assert content is not None
    return content


def load_content(path: str | Path) -> m.Content:
    """Read and validate a content file (YAML or JSON)."""
    return validate_data(read_source(Path(path)))


def load_content_text(
    text: str, name: str = "<nội dung>", *, root: Path | None = None
) -> m.Content:
    """Validate content given as text; `root` confines the files it names (`Source.root`)."""
    source = read_text(text, name)
    source.root = root
    return validate_data(source)
