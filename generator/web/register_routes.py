"""The outgoing register on the page (`vanban serve --register REG`): `Cấp số` and the register.

Numbering is the library's: `register.issue.issue` gives the number and date, writes
the files and records the row in one transaction (nothing consumed on failure, two
clerks at once get two numbers); `Register.rows` and `register.export` read the
register. These routes only pass content in and results out.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response

from generator.diagnostics import Diagnostic
from generator.output import slug
from generator.problems import Problem
from generator.register import export
from generator.register.issue import ContentText, Issued, issue
from generator.register.store import Register, RegisterError, Row
from generator.web import content_io
from generator.web.content_io import CONTENT_NAME, BodyError
from generator.web.models import IssuedOut, ProblemsOut, RegisterOut

router = APIRouter(prefix="/api", tags=["Sổ đăng ký văn bản đi"])

OFF = (
    "chưa bật sổ đăng ký văn bản đi: khởi động trang bằng "
    "`vanban serve --register so-van-ban-di.sqlite` (hoặc một địa chỉ postgresql://…)"
)
MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".json": "application/json",
}
CONTENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Nội dung văn bản đã ký, như tệp YAML của `vanban` (hoặc JSON).",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


def _register(request: Request) -> str:
    register = request.app.state.settings.register
    if not register:
        raise HTTPException(404, OFF)
    return register


def _out_dir(request: Request) -> Path:
    return Path(request.app.state.settings.out_dir)


def _file_url(name: str) -> str:
    return f"/api/issued/{name}"


def _files(names: list[str]) -> list[dict[str, str]]:
    return [{"name": n, "url": _file_url(n), "type": Path(n).suffix.lstrip(".")} for n in names]


def _issued(done: Issued) -> dict[str, Any]:
    row = done.row
    return {
        "number": done.number,
        "code": done.code,
        "date": row.issued_date,
        "date_shown": export.cells(row)[1],
        "issuer": row.issuer,
        "year": row.year,
        "files": _files([p.name for p in done.files]),
    }


def _problems(problems: Sequence[Diagnostic], status: int) -> JSONResponse:
    shown = [p.as_dict() for p in problems]
    shown.append(
        Problem(
            CONTENT_NAME,
            None,
            None,
            "",
            "chưa cấp số: sổ đăng ký không đổi, không số nào bị dùng",
            "sửa lỗi rồi bấm Cấp số lại",
            code="register.not_issued",
        ).as_dict()
    )
    return JSONResponse({"problems": shown}, status_code=status)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(
            422, f"`{value}` không phải ngày dạng năm-tháng-ngày (ví dụ 2025-03-08)"
        ) from None


@router.post(
    "/issue",
    response_model=IssuedOut,
    openapi_extra=CONTENT_BODY,
    responses={
        404: {"description": "Trang chạy không có `--register`"},
        409: {"model": ProblemsOut, "description": "Không tạo hoặc ghi được văn bản; chưa cấp số"},
        422: {
            "model": ProblemsOut,
            "description": "Nội dung có lỗi (kể cả số đã cấp); chưa cấp số",
        },
    },
    summary="Cấp số và ngày cho văn bản đã ký từ sổ đăng ký, như `vanban issue`",
)
async def issue_document(
    request: Request,
    date: Annotated[
        str | None,
        Query(
            description="Ngày ban hành (năm-tháng-ngày); mặc định ngày trong nội dung, rồi hôm nay"
        ),
    ] = None,
    pdf: Annotated[bool, Query(description="Tạo thêm tệp PDF (qua LibreOffice)")] = False,
) -> Any:
    register = _register(request)
    day = _day(date)
    try:
        text = content_io.body_text(await request.body(), request.headers.get("content-type"))
    except BodyError as exc:
        return _problems([exc.problem], 422)
    # An empty folder of its own: a path the content names is never read from the server.
    with tempfile.TemporaryDirectory(prefix="vanban-issue-") as folder:
        result = await run_in_threadpool(
            issue,
            [ContentText(CONTENT_NAME, text, root=Path(folder))],
            register,
            date=day,
            out_dir=_out_dir(request),
            pdf=pdf,
        )
    if result.problems:
        return _problems(result.problems, 422)
    if result.errors:
        return _problems(result.errors, 409)
    (done,) = result.issued
    return _issued(done)


def _rows(register: str, year: int | None, issuer: str | None) -> list[Row]:
    try:
        with Register(register) as reg:
            return reg.rows(year=year, issuer=issuer or None)
    except RegisterError as exc:
        raise HTTPException(503, str(exc)) from exc


YEAR = Annotated[int | None, Query(ge=1, le=9999, description="Chỉ văn bản ban hành năm này")]
ISSUER = Annotated[str | None, Query(description="Chỉ văn bản của cơ quan có chữ viết tắt này")]


@router.get(
    "/register",
    response_model=RegisterOut,
    responses={404: {"description": "Trang chạy không có `--register`"}},
    summary="Sổ đăng ký văn bản đi: các cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP",
)
def register_rows(request: Request, year: YEAR = None, issuer: ISSUER = None) -> dict[str, Any]:
    rows = _rows(_register(request), year, issuer)
    table = export.table(rows)
    return {
        "headers": table[0],
        "rows": [
            {
                "number": row.number,
                "code": cells[0],
                "issuer": row.issuer,
                "year": row.year,
                "date": row.issued_date,
                "cells": cells,
                "files": _files(row.files),
            }
            for row, cells in zip(rows, table[1:], strict=True)
        ],
    }


@router.get(
    "/register/export",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                "text/csv": {},
            }
        },
        404: {"description": "Trang chạy không có `--register`"},
    },
    summary="Xuất sổ đăng ký ra tệp Excel (in được, A4 ngang) hoặc CSV",
)
def register_export(
    request: Request,
    format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx",
    year: YEAR = None,
    issuer: ISSUER = None,
) -> Response:
    rows = _rows(_register(request), year, issuer)
    name = "-".join(
        ["so-van-ban-di", *([str(year)] if year else []), *([slug(issuer)] if issuer else [])]
    )
    if format == "csv":
        data, media = export.csv_bytes(rows), "text/csv; charset=utf-8"
    else:
        subtitle = " ".join(x for x in (f"NĂM {year}" if year else "", issuer or "") if x)
        data = export.xlsx_bytes(rows, subtitle=subtitle)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{format}"'},
    )


@router.get(
    "/issued/{name}",
    response_class=FileResponse,
    responses={
        200: {"content": {m: {} for m in MEDIA.values()}},
        404: {"description": "Không có tệp này trong sổ đăng ký"},
    },
    summary="Một tệp của văn bản đã cấp số (DOCX, PDF hoặc tệp thông tin .json)",
)
def issued_file(request: Request, name: str) -> FileResponse:
    register = _register(request)
    # Only files the register records, by their bare name, from the folder issued to.
    known = Path(name).name == name and any(
        name in row.files for row in _rows(register, None, None)
    )
    path = _out_dir(request) / name
    if not known or not path.is_file() or path.suffix not in MEDIA:
        raise HTTPException(404, f"không có tệp {name} trong thư mục văn bản đã cấp số")
    return FileResponse(path, media_type=MEDIA[path.suffix], filename=name)
