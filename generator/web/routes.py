"""The JSON API: the contract the page uses, documented at `/docs`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from generator.diagnostics import Diagnostic
from generator.kinds import KindError, available_kinds, get_kind
from generator.pdf import PdfError
from generator.preview import PageOutOfRange
from generator.problems import ContentError, Problem
from generator.web import content_io
from generator.web.content_io import BodyError, problems_of
from generator.web.documents import Refused, product
from generator.web.form import form_spec
from generator.web.models import (
    BatchStarted,
    BatchStatus,
    KindOut,
    ParseOut,
    ProblemsOut,
    ValidateOut,
)

router = APIRouter(prefix="/api")

CONTENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Nội dung văn bản, như tệp YAML của `vanban` (hoặc cùng cấu trúc viết bằng JSON).",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}
PROBLEMS = {422: {"model": ProblemsOut, "description": "Nội dung có lỗi"}}


async def _text(request: Request) -> str:
    return content_io.body_text(await request.body(), request.headers.get("content-type"))


def _refused(problems: list[Diagnostic] | list[dict[str, Any]]) -> JSONResponse:
    shown = [p if isinstance(p, dict) else p.as_dict() for p in problems]
    return JSONResponse({"problems": shown}, status_code=422)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/kinds", response_model=list[KindOut], summary="Các loại văn bản")
def kinds() -> list[dict[str, Any]]:
    return [
        {
            "name": k.name,
            "label": k.label,
            "title": k.title,
            "type_abbr": k.type_abbr,
            "headings": k.headings,
            "required": list(k.required),
            "starter": content_io.starter_data(k),
        }
        for k in sorted(available_kinds().values(), key=lambda k: k.name)
    ]


@router.get("/form", summary="Biểu mẫu của một loại văn bản (từ mô hình nội dung)")
def form(kind: Annotated[str, Query(description="Tên loại văn bản")]) -> dict[str, Any]:
    try:
        return form_spec(get_kind(kind))
    except KindError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post(
    "/validate",
    response_model=ValidateOut,
    openapi_extra=CONTENT_BODY,
    summary="Kiểm tra nội dung, như `vanban validate`",
)
async def validate(request: Request) -> dict[str, Any]:
    try:
        text = await _text(request)
        await run_in_threadpool(content_io.load, text)
    except BodyError as exc:
        return {"ok": False, "problems": [exc.problem.as_dict()]}
    except ContentError as exc:
        return {"ok": False, "problems": problems_of(exc)}
    return {"ok": True, "problems": []}


@router.post(
    "/render",
    openapi_extra=CONTENT_BODY,
    responses=PROBLEMS,
    response_class=Response,
    summary="Tạo văn bản DOCX hoặc PDF, như `vanban render`",
)
async def render(
    request: Request, format: Annotated[Literal["docx", "pdf"], Query()] = "docx"
) -> Response:
    try:
        made = await run_in_threadpool(product, await _text(request))
    except BodyError as exc:
        return _refused([exc.problem])
    except ContentError as exc:
        return _refused(problems_of(exc))
    except Refused as exc:
        return _refused(exc.problems)
    stem = made.default_stem()
    if format == "docx":
        return Response(
            made.docx,
            headers=_attachment(f"{stem}.docx"),
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    try:
        pdf = await run_in_threadpool(request.app.state.documents.pdf, made)
    except PdfError as exc:
        raise HTTPException(503, str(exc)) from exc
    return Response(pdf, media_type="application/pdf", headers=_attachment(f"{stem}.pdf"))


@router.post(
    "/preview",
    openapi_extra=CONTENT_BODY,
    responses=PROBLEMS,
    response_class=Response,
    summary="Ảnh một trang của văn bản (PNG, qua LibreOffice)",
)
async def preview(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> Response:
    try:
        made = await run_in_threadpool(product, await _text(request))
        shown = await run_in_threadpool(request.app.state.documents.page, made, page)
    except BodyError as exc:
        return _refused([exc.problem])
    except ContentError as exc:
        return _refused(problems_of(exc))
    except Refused as exc:
        return _refused(exc.problems)
    except PageOutOfRange as exc:
        return _refused(
            [Problem(content_io.CONTENT_NAME, None, None, "", str(exc), code="preview.page")]
        )
    except PdfError as exc:
        raise HTTPException(503, str(exc)) from exc
    return Response(
        shown.png,
        media_type="image/png",
        headers={
            "X-Page": str(shown.page),
            "X-Pages": str(shown.pages),
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/yaml",
    response_class=Response,
    summary="Nội dung (JSON hoặc YAML) thành tệp YAML để lưu",
    openapi_extra=CONTENT_BODY,
    responses={200: {"content": {"application/yaml": {}}}, **PROBLEMS},
)
async def to_yaml(request: Request) -> Response:
    try:
        data, problems = content_io.data_of(await _text(request))
    except BodyError as exc:
        return _refused([exc.problem])
    if problems:
        return _refused(problems)
    return Response(content_io.to_yaml(data), media_type="application/yaml; charset=utf-8")


@router.post(
    "/parse",
    response_model=ParseOut,
    openapi_extra=CONTENT_BODY,
    summary="Đọc tệp YAML (hoặc JSON) thành dữ liệu cho biểu mẫu",
)
async def parse(request: Request) -> dict[str, Any]:
    try:
        data, problems = content_io.data_of(await _text(request))
    except BodyError as exc:
        return {"data": None, "problems": [exc.problem.as_dict()]}
    return {"data": data, "problems": [p.as_dict() for p in problems]}


@router.post(
    "/batch",
    status_code=202,
    response_model=BatchStarted,
    summary="Tạo hàng loạt: tệp nội dung mẫu và tệp danh sách đơn vị (CSV/XLSX/YAML/JSON)",
)
async def batch(
    request: Request,
    master: Annotated[UploadFile, File()],
    data: Annotated[UploadFile, File()],
    name: Annotated[
        str | None, Form(description="Mẫu tên tệp, ví dụ {kind}-{place}-{number}")
    ] = None,
    pdf: Annotated[
        bool, Form(description="Tạo thêm tệp PDF của mỗi văn bản (như `vanban batch --pdf`)")
    ] = False,
) -> dict[str, str]:
    job = request.app.state.jobs.start(
        master.filename or "master.yaml",
        await master.read(),
        data.filename or "data.csv",
        await data.read(),
        name or None,
        pdf,
    )
    return {"id": job.id}


def _job(request: Request, job_id: str) -> Any:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "không có lô văn bản này")
    return job


@router.get("/batch/{job_id}", response_model=BatchStatus, summary="Tiến độ của một lô")
def batch_status(request: Request, job_id: str) -> dict[str, Any]:
    job = _job(request, job_id)
    return {
        "state": job.state,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "failed": job.failed,
        "problems": job.problems,
    }


@router.get(
    "/batch/{job_id}/result",
    response_class=Response,
    summary="Tệp ZIP của lô: các văn bản và manifest.csv",
    responses={200: {"content": {"application/zip": {}}}},
)
def batch_result(request: Request, job_id: str) -> Response:
    job = _job(request, job_id)
    if job.state != "done" or job.zip is None:
        raise HTTPException(
            409, "lô văn bản chưa xong" if job.state == "running" else "lô văn bản không tạo được"
        )
    return Response(job.zip, media_type="application/zip", headers=_attachment(job.name))
