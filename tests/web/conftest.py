"""Fixtures for the web page's tests: the app in the ASGI test client, a live server,
and the real LibreOffice and Chromium where a test needs them."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from generator.pdf import find_soffice
from generator.web import Settings, create_app
from tests.parts import in_ci, need  # noqa: F401  (test modules import them from here)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "content" / "examples"
YAML = {"Content-Type": "application/yaml"}


@pytest.fixture(scope="session")
def office() -> None:
    if not find_soffice():
        need("LibreOffice (soffice)", "apt-get install libreoffice-writer-nogui fonts-liberation2")
    missing = [t for t in ("pdftoppm", "pdfinfo", "pdftotext") if not shutil.which(t)]
    if missing:
        need(", ".join(missing), "apt-get install poppler-utils")


@pytest.fixture(scope="session")
def app():
    """One app (and one warm LibreOffice pool) for the session's API tests."""
    application = create_app(Settings(office_workers=2))
    yield application
    application.state.pool.close()


@pytest.fixture
def client(app) -> TestClient:
    # Not entered as a context: the session's pool outlives each test's client.
    return TestClient(app, base_url="http://127.0.0.1:8000")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """`app` served by uvicorn on a free port, as `vanban serve` does; yields its address."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    with serving(app) as address:
        yield address
