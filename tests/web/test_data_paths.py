"""A content file sent to the page reads only what was uploaded with it: a table's `data:`
path never reaches the server's disk (issue: the web page, safe under use)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from generator.web import Settings, create_app

from .conftest import EXAMPLES, YAML

DECISION = EXAMPLES / "quyet-dinh-khen-thuong-sct-lang-son-2023.yaml"


def with_data(path: str) -> str:
    text = DECISION.read_text("utf-8")
    assert "data: data/khen-thuong-2023.xlsx" in text
    return text.replace("data: data/khen-thuong-2023.xlsx", f"data: {path}")


@pytest.fixture
def server_folder(tmp_path, monkeypatch):
    """The server runs in a folder that holds a readable table of its own."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bi-mat.csv").write_text("Họ tên,Nhóm\nNguyễn Văn Bí Mật,Cá nhân\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        "../bi-mat.csv",
        "../../bi-mat.csv",
        "{root}/bi-mat.csv",
        "bi-mat.csv",
        "data/khen-thuong-2023.xlsx",
    ],
)
def test_validate_never_reads_a_file_the_upload_did_not_bring(client, server_folder, path):
    text = with_data(path.format(root=server_folder))
    answer = client.post("/api/validate", content=text.encode(), headers=YAML)
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is False
    (problem,) = [p for p in body["problems"] if p["location"]["path"].endswith(".data")]
    assert (
        problem["location"]["line"]
        == text.splitlines().index(next(line for line in text.splitlines() if "data: " in line)) + 1
    )
    assert "Bí Mật" not in answer.text


def test_issue_never_reads_a_file_the_upload_did_not_bring(server_folder, tmp_path):
    app = create_app(
        Settings(register=tmp_path / "so.sqlite", out_dir=tmp_path / "out", office_workers=1)
    )
    try:
        client = TestClient(app, base_url="http://127.0.0.1:8000")
        text = with_data(str(server_folder / "bi-mat.csv"))
        answer = client.post("/api/issue", content=text.encode(), headers=YAML)
        assert answer.status_code == 422
        assert any(p["location"]["path"].endswith(".data") for p in answer.json()["problems"])
        assert not (tmp_path / "out").exists()
    finally:
        app.state.pool.close()
