"""The ASGI app behind `vanban serve`: the page, its static files and the JSON API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from generator.office_pool import OfficePool
from generator.pdf import PdfError
from generator.web.batch_jobs import Jobs
from generator.web.documents import Documents
from generator.web.register_routes import router as register_router
from generator.web.routes import router
from generator.web.security import BodyLimit, Password, SameOrigin

STATIC = Path(__file__).with_name("static")
MAX_BODY = 10 * 1024 * 1024
"""Largest request body accepted (content, or a batch's master and units file)."""


@dataclass(frozen=True)
class Settings:
    password: str | None = None
    """Required (HTTP Basic, any user name) when set: `vanban serve` sets it off loopback."""
    max_body: int = MAX_BODY
    office_workers: int | None = None
    """Warm LibreOffice instances (default: one per core)."""
    preview_dpi: int = 80
    register: str | None = None
    """The outgoing register (SQLite file or PostgreSQL URL): enables `Cấp số` and the register."""
    out_dir: Path = Path("output")
    """Where issued documents are written (as `vanban issue --out-dir`)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    pool = OfficePool(settings.office_workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            pool.start()  # warm before the first preview is asked for
        except PdfError:
            pass  # said again, to the user, by the first request that needs it
        yield
        pool.close()

    app = FastAPI(
        title="vanban",
        summary="Văn bản hành chính theo Nghị định 30/2020/NĐ-CP",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.documents = Documents(pool, settings.preview_dpi)
    app.state.jobs = Jobs()
    app.state.pool = pool
    app.state.settings = settings
    app.include_router(router)
    app.include_router(register_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.add_middleware(SameOrigin)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    if settings.password:
        app.add_middleware(Password, password=settings.password)
    return app
