"""Previews and PDFs through the real LibreOffice; batches through the real batch runner."""

from __future__ import annotations

import csv
import io
import subprocess
import time
import zipfile

import pytest

from generator.produce import produce

from ..docxread import all_text, open_docx
from .conftest import EXAMPLES, YAML

LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"
BATCH = EXAMPLES / "batch"
PNG = b"\x89PNG\r\n\x1a\n"


def pdf_text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_preview_is_a_page_of_the_real_document(client, office):
    first = client.post("/api/preview?page=1", content=LAUNCH.read_bytes(), headers=YAML)
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert first.content.startswith(PNG)
    pages = int(first.headers["x-pages"])
    assert pages >= 2
    last = client.post(f"/api/preview?page={pages}", content=LAUNCH.read_bytes(), headers=YAML)
    assert last.status_code == 200 and last.content.startswith(PNG)
    assert last.content != first.content
    beyond = client.post(
        f"/api/preview?page={pages + 1}", content=LAUNCH.read_bytes(), headers=YAML
    )
    assert beyond.status_code == 422
    assert f"trang {pages + 1}" in beyond.json()["problems"][0]["message"]


def test_preview_changes_with_the_content(client, office):
    text = LAUNCH.read_text("utf-8")
    before = client.post("/api/preview", content=text.encode(), headers=YAML).content
    after = client.post(
        "/api/preview",
        content=text.replace("subject: Năm 2024", "subject: Năm 2025").encode(),
        headers=YAML,
    ).content
    assert before.startswith(PNG) and after.startswith(PNG) and before != after


def test_preview_of_bad_content_gives_its_problems(client, office):
    answer = client.post("/api/preview", content=b"kind: phat_dong\nplace: 5\n", headers=YAML)
    assert answer.status_code == 422
    assert any(p["location"]["path"] == "issuers" for p in answer.json()["problems"])


def test_pdf_prints_what_vanban_render_pdf_prints(client, office, tmp_path):
    (outcome,) = produce([LAUNCH], out_dir=tmp_path / "cli", pdf=True)
    cli_pdf = next(p for p in outcome.written if p.suffix == ".pdf").read_bytes()
    answer = client.post("/api/render?format=pdf", content=LAUNCH.read_bytes(), headers=YAML)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
    assert answer.headers["content-disposition"].endswith('.pdf"')
    web = pdf_text(answer.content, tmp_path, "web.pdf")
    assert "PHÁT ĐỘNG PHONG TRÀO THI ĐUA" in web
    assert web == pdf_text(cli_pdf, tmp_path, "cli.pdf")


def wait_batch(client, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = client.get(f"/api/batch/{job_id}").json()
        if state["state"] != "running":
            return state
        time.sleep(0.2)
    pytest.fail("batch did not finish")


def test_batch_gives_a_zip_with_documents_and_manifest(client):
    files = {
        "master": ("phat-dong-master.yaml", (BATCH / "phat-dong-master.yaml").read_bytes()),
        "data": ("units.csv", (BATCH / "units.csv").read_bytes()),
    }
    started = client.post("/api/batch", files=files, data={"name": "{kind}-{place}-{number}"})
    assert started.status_code == 202
    state = wait_batch(client, started.json()["id"])
    rows = list(csv.DictReader(io.StringIO((BATCH / "units.csv").read_text("utf-8"))))
    assert state["state"] == "done" and state["done"] == state["total"] == len(rows)
    answer = client.get(f"/api/batch/{started.json()['id']}/result")
    assert answer.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert [m["status"] for m in manifest] == ["ok"] * len(rows)
    first = open_docx(archive.read(manifest[0]["file"]))
    assert f"{rows[0]['place']}, ngày" in all_text(first)


def test_batch_lists_bad_rows_with_row_and_column(client):
    data = (BATCH / "units.csv").read_text("utf-8").splitlines()
    header = data[0].split(",")
    cells = data[2].split(",")
    cells[header.index("date")] = "2024-02-30"
    data[2] = ",".join(cells)
    files = {
        "master": ("m.yaml", (BATCH / "phat-dong-master.yaml").read_bytes()),
        "data": ("units.csv", "\n".join(data).encode()),
    }
    started = client.post("/api/batch", files=files, data={"name": "{kind}-{place}-{number}"})
    state = wait_batch(client, started.json()["id"])
    assert state["state"] == "done" and state["failed"] == 1
    (problem,) = state["problems"]
    where = problem["location"]
    assert (where["file"], where["line"], where["path"]) == ("units.csv", 3, "date")
    assert problem["text"].startswith("units.csv:3") and "/tmp" not in str(problem)
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/api/batch/{started.json()['id']}/result").content)
    )
    manifest = archive.read("manifest.csv").decode("utf-8-sig")
    assert "error" in manifest


def test_batch_that_cannot_run_says_why(client):
    files = {"master": ("m.yaml", b"kind: [\n"), "data": ("units.csv", b"number\n1\n")}
    state = wait_batch(client, client.post("/api/batch", files=files).json()["id"])
    assert state["state"] == "failed" and state["problems"]
    # The master's mistake, located in it, without the server's folder.
    assert [p["location"]["file"] for p in state["problems"]] == ["master.yaml"]
    assert client.get("/api/batch/nothing").status_code == 404


def test_batch_with_pdfs_puts_each_document_s_pdf_in_the_zip(client, office, tmp_path):
    # Two units are enough: the PDF step is `vanban batch --pdf`'s own.
    lines = (BATCH / "units.csv").read_text("utf-8").splitlines()[:3]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    files = {
        "master": ("phat-dong-master.yaml", (BATCH / "phat-dong-master.yaml").read_bytes()),
        "data": ("units.csv", "\n".join(lines).encode()),
    }
    started = client.post("/api/batch", files=files, data={"pdf": "true"})
    assert started.status_code == 202
    state = wait_batch(client, started.json()["id"])
    assert state["state"] == "done" and state["problems"] == [], state
    assert state["stage"] == "pdf"
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/api/batch/{started.json()['id']}/result").content)
    )
    manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert len(manifest) == len(rows)
    for entry, row in zip(manifest, rows, strict=True):
        assert entry["pdf"] == entry["file"].removesuffix(".docx") + ".pdf"
        pdf = archive.read(entry["pdf"])
        assert pdf.startswith(b"%PDF-")
        assert f"{row['place']}, ngày" in pdf_text(pdf, tmp_path, entry["pdf"])


def test_batch_without_pdfs_makes_none(client):
    files = {
        "master": ("phat-dong-master.yaml", (BATCH / "phat-dong-master.yaml").read_bytes()),
        "data": ("units.csv", (BATCH / "units.csv").read_bytes()),
    }
    started = client.post("/api/batch", files=files)
    state = wait_batch(client, started.json()["id"])
    assert state["state"] == "done" and state["stage"] == "documents"
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/api/batch/{started.json()['id']}/result").content)
    )
    assert not [n for n in archive.namelist() if n.endswith(".pdf")]
