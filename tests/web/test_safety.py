"""Safe under use: size limit, same-origin POSTs, password, temporary files, many requests."""

from __future__ import annotations

import base64
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from generator.cli import main
from generator.cli.serve import is_loopback
from generator.web import Settings, create_app

from .conftest import EXAMPLES, YAML

LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"


def small_client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), base_url="http://127.0.0.1:8000")


def test_body_over_the_limit_is_413():
    client = small_client(max_body=1000)
    answer = client.post("/api/validate", content=b"x" * 1001, headers=YAML)
    assert answer.status_code == 413
    assert "quá lớn" in answer.json()["detail"]
    assert (
        client.post("/api/validate", content=b"kind: phat_dong\n", headers=YAML).status_code == 200
    )


def test_streamed_body_over_the_limit_is_413():
    client = small_client(max_body=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 200

    answer = client.post("/api/validate", content=chunks(), headers=YAML)
    assert answer.status_code == 413


def test_upload_over_the_limit_is_413():
    client = small_client(max_body=1000)
    files = {"master": ("m.yaml", b"x" * 600), "data": ("d.csv", b"y" * 600)}
    assert client.post("/api/batch", files=files).status_code == 413


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:9999"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_posts_from_another_origin_are_refused(client, headers):
    answer = client.post("/api/render", content=LAUNCH.read_bytes(), headers={**YAML, **headers})
    assert answer.status_code == 403


def test_posts_from_the_page_itself_are_accepted(client):
    answer = client.post(
        "/api/validate",
        content=LAUNCH.read_bytes(),
        headers={**YAML, "Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
    )
    assert answer.status_code == 200 and answer.json()["ok"]


def test_password_is_asked_for_every_page_and_api():
    client = small_client(password="bí mật")
    assert client.get("/").status_code == 401
    assert client.get("/api/kinds").status_code == 401
    wrong = base64.b64encode(b"x:sai").decode()
    assert client.get("/api/kinds", headers={"Authorization": f"Basic {wrong}"}).status_code == 401
    good = base64.b64encode("x:bí mật".encode()).decode()
    assert client.get("/api/kinds", headers={"Authorization": f"Basic {good}"}).status_code == 200


def test_serve_off_loopback_requires_a_password(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"], env={"VANBAN_PASSWORD": ""})
    assert result.exit_code == 2 and "mật khẩu" in result.output
    empty = tmp_path / "pw"
    empty.write_text("\n")
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--password-file", str(empty)])
    assert result.exit_code == 2
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_temporary_files_are_removed_when_requests_end(office, monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    app = create_app(Settings(office_workers=1))
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    try:
        assert (
            client.post("/api/preview", content=LAUNCH.read_bytes(), headers=YAML).status_code
            == 200
        )
        assert (
            client.post(
                "/api/render?format=pdf", content=LAUNCH.read_bytes(), headers=YAML
            ).status_code
            == 200
        )
        left = sorted(
            p.name for p in Path(scratch).iterdir() if not p.name.startswith("vanban-office-")
        )
        assert left == []
    finally:
        app.state.pool.close()
    assert list(Path(scratch).iterdir()) == []


def test_thirty_requests_at_once_are_all_answered(live_server, office):
    body = LAUNCH.read_bytes()
    kinds = ["validate", "render?format=docx", "preview?page=1"]

    def ask(n: int) -> int:
        request = urllib.request.Request(
            f"{live_server}/api/{kinds[n % 3]}", data=body, headers=YAML, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as answer:
                answer.read()
                return answer.status
        except urllib.error.HTTPError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(ask, range(30)))
    assert statuses == [200] * 30
