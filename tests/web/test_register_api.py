"""Cấp số and the register through the API (`vanban serve --register REG`), on SQLite and,
when `VANBAN_TEST_POSTGRES` names a server, on PostgreSQL."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.register.export import HEADERS
from generator.register.store import Register
from generator.web import Settings, create_app
from tests.register.conftest import register  # noqa: F401  (the fixture: SQLite and PostgreSQL)

from ..docxread import all_text, open_docx
from .conftest import EXAMPLES, YAML

LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"
BASE = "http://127.0.0.1:8000"


def unnumbered(number: int | None = None) -> str:
    """The example launch notice with no number (or with `number`)."""
    text = re.sub(r"^number:.*\n", "", LAUNCH.read_text("utf-8"), flags=re.M)
    return text if number is None else text.replace("place:", f"number: {number}\nplace:", 1)


@pytest.fixture
def served(register, tmp_path):  # noqa: F811
    """An app with a register and a folder for issued documents (no LibreOffice started)."""
    app = create_app(Settings(register=register, out_dir=tmp_path / "issued", office_workers=1))
    yield app, register, tmp_path / "issued"
    app.state.pool.close()


def post_issue(client: TestClient, text: str, **params: str) -> object:
    return client.post("/api/issue", params=params, content=text.encode(), headers=YAML)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_issue_numbers_writes_and_records(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    first = post_issue(client, unnumbered(), date="2025-03-08")
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["number"] == 1
    assert answer["code"] == "01/PĐTĐ-CTĐP-CĐC"
    assert (answer["date"], answer["date_shown"], answer["year"]) == (
        "2025-03-08",
        "08/03/2025",
        2025,
    )
    assert {f["type"] for f in answer["files"]} == {"docx", "json"}
    # The DOCX served is the one written, and it prints the number and the date.
    docx = next(f for f in answer["files"] if f["type"] == "docx")
    got = client.get(docx["url"])
    assert got.status_code == 200
    assert got.content == (out / docx["name"]).read_bytes()
    text = all_text(open_docx(got.content))
    assert "Số: 01/PĐTĐ-CTĐP-CĐC" in text and "ngày 08 tháng 3 năm 2025" in text
    sidecar = client.get(next(f["url"] for f in answer["files"] if f["type"] == "json")).json()
    assert (sidecar["CodeNumber"], sidecar["IssuedDate"]) == ("01", "2025-03-08")

    second = post_issue(client, unnumbered(), date="2025-03-09").json()
    assert second["number"] == 2 and second["code"].startswith("02/")
    with Register(target) as reg:
        assert [(r.number, r.issued_date) for r in reg.rows()] == [
            (1, "2025-03-08"),
            (2, "2025-03-09"),
        ]


def test_a_taken_number_is_located_and_nothing_is_consumed(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    assert post_issue(client, unnumbered(3), date="2025-01-02").status_code == 200
    before = files_in(out)
    text = unnumbered(3)
    refused = post_issue(client, text, date="2025-01-05")
    assert refused.status_code == 422
    problems = refused.json()["problems"]
    taken = next(p for p in problems if p["location"]["path"] == "number")
    assert text.splitlines()[taken["location"]["line"] - 1].startswith("number: 3")
    assert "đã cấp" in taken["message"] and "02/01/2025" in taken["message"] and taken["hint"]
    assert "không số nào bị dùng" in problems[-1]["message"]
    assert files_in(out) == before
    # The next number is still the one after 3: the refused run consumed nothing.
    assert post_issue(client, unnumbered(), date="2025-01-06").json()["number"] == 4


def test_content_errors_are_located_and_nothing_is_written(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    text = unnumbered().replace("KT. Cục trưởng", "K.T. Cục trưởng")
    refused = post_issue(client, text, date="2025-03-08")
    assert refused.status_code == 422
    problem = next(p for p in refused.json()["problems"] if p["location"]["path"])
    assert problem["location"]["path"] == "signatories[0].authority"
    assert "K.T." in text.splitlines()[problem["location"]["line"] - 1]
    assert files_in(out) == []
    assert client.get("/api/register").json()["rows"] == []
    bad_day = post_issue(client, unnumbered(), date="08/03/2025")
    assert bad_day.status_code == 422 and "năm-tháng-ngày" in bad_day.json()["detail"]


def test_two_clerks_at_once_get_two_numbers(served):
    app, target, out = served
    clerks = 6
    answers: list[object] = [None] * clerks
    gate = threading.Barrier(clerks)

    def clerk(n: int) -> None:
        client = TestClient(app, base_url=BASE)
        gate.wait()
        answers[n] = post_issue(client, unnumbered(), date="2025-05-01")

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clerks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(a is not None and a.status_code == 200 for a in answers), answers
    assert sorted(a.json()["number"] for a in answers) == list(range(1, clerks + 1))
    assert len(files_in(out)) == 2 * clerks
    with Register(target) as reg:
        assert [r.number for r in reg.rows()] == list(range(1, clerks + 1))


def test_register_table_filters_and_exports(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    post_issue(client, unnumbered(), date="2024-12-30")
    post_issue(client, unnumbered(), date="2025-01-02")
    plan = (EXAMPLES / "ke-hoach-ubnd-tinh-2024.yaml").read_text("utf-8")
    plan = re.sub(r"^number:.*\n", "", plan, flags=re.M)
    planned = post_issue(client, plan, date="2025-01-03").json()

    shown = client.get("/api/register").json()
    assert shown["headers"] == list(HEADERS)
    assert sorted((r["year"], r["number"]) for r in shown["rows"]) == [
        (2024, 1),
        (2025, 1),
        (2025, 1),
    ]
    codes = {r["code"] for r in shown["rows"]}
    assert planned["code"] in codes and "01/PĐTĐ-CTĐP-CĐC" in codes
    year = client.get("/api/register", params={"year": 2025}).json()["rows"]
    assert sorted(r["code"] for r in year) == sorted([planned["code"], "01/PĐTĐ-CTĐP-CĐC"])
    one = client.get("/api/register", params={"year": 2025, "issuer": "CTĐP"}).json()["rows"]
    (row,) = one
    assert row["cells"][1] == "02/01/2025" and row["cells"][3] == "Đương Quốc Trịnh"
    assert row["cells"][2].startswith("Phát động phong trào thi đua")
    assert {f["name"] for f in row["files"]} <= set(files_in(out))

    xlsx = client.get("/api/register/export", params={"format": "xlsx", "year": 2025})
    assert xlsx.status_code == 200
    assert 'filename="so-van-ban-di-2025.xlsx"' in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025"
    assert [c.value for c in sheet[2]] == list(HEADERS)
    assert sorted(sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)) == sorted(
        r["code"] for r in year
    )

    answer = client.get("/api/register/export", params={"format": "csv", "issuer": "CTĐP"})
    assert 'filename="so-van-ban-di-ctdp.csv"' in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert lines[0] == list(HEADERS)
    assert [line[1] for line in lines[1:]] == ["30/12/2024", "02/01/2025"]


def test_only_issued_files_are_served(served, tmp_path):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    post_issue(client, unnumbered(), date="2025-03-08")
    (out / "khac.docx").write_bytes(b"not issued")
    (tmp_path / "bi-mat.json").write_text("{}")
    for name in ("khac.docx", "..%2Fbi-mat.json", "phat_dong-ctdp-09-2025.docx"):
        assert client.get(f"/api/issued/{name}").status_code == 404, name


def test_guards_hold_for_issuing(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    foreign = client.post(
        "/api/issue",
        content=unnumbered().encode(),
        headers={**YAML, "Origin": "http://elsewhere.example"},
    )
    assert foreign.status_code == 403
    assert files_in(out) == [] and client.get("/api/register").json()["rows"] == []

    guarded = create_app(Settings(password="mật khẩu", register=target, out_dir=out))
    try:
        locked = TestClient(guarded, base_url=BASE)
        assert post_issue(locked, unnumbered()).status_code == 401
        assert locked.get("/api/register").status_code == 401
        token = base64.b64encode("vt:mật khẩu".encode()).decode()
        ok = locked.post(
            "/api/issue",
            params={"date": "2025-03-08"},
            content=unnumbered().encode(),
            headers={**YAML, "Authorization": f"Basic {token}"},
        )
        assert ok.status_code == 200 and ok.json()["number"] == 1
    finally:
        guarded.state.pool.close()


def test_without_a_register_the_routes_say_how_to_enable_it(client):
    for answer in (
        client.post("/api/issue", content=unnumbered().encode(), headers=YAML),
        client.get("/api/register"),
        client.get("/api/register/export"),
    ):
        assert answer.status_code == 404
        assert "--register" in answer.json()["detail"]


def test_openapi_documents_the_register_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "application/yaml" in paths["/api/issue"]["post"]["requestBody"]["content"]
    assert {"200", "409", "422"} <= set(paths["/api/issue"]["post"]["responses"])
    assert {p["name"] for p in paths["/api/register"]["get"]["parameters"]} == {"year", "issuer"}
    export = paths["/api/register/export"]["get"]
    assert {p["name"] for p in export["parameters"]} == {"format", "year", "issuer"}


@pytest.mark.parametrize("register", ["sqlite"], indirect=True)
def test_issue_with_pdf(served, office):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    answer = post_issue(client, unnumbered(), date="2025-03-08", pdf="true")
    assert answer.status_code == 200, answer.text
    files = {f["type"]: f for f in answer.json()["files"]}
    assert set(files) == {"docx", "pdf", "json"}
    pdf = client.get(files["pdf"]["url"])
    assert pdf.headers["content-type"] == "application/pdf"
    printed = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Số: 01/PĐTĐ-CTĐP-CĐC" in printed
    pages = json.loads(client.get(files["json"]["url"]).content)["PageAmount"]
    assert pages == len(PdfReader(io.BytesIO(pdf.content)).pages)


def test_serve_refuses_a_register_it_cannot_open(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["serve", "--register", str(tmp_path)])
    assert result.exit_code == 2
    assert "--register" in result.output and "thư mục" in result.output


def test_a_document_that_cannot_be_written_consumes_no_number(served):
    app, target, out = served
    client = TestClient(app, base_url=BASE)
    out.mkdir(parents=True)
    kept = out / "phat_dong-ctdp-01-2025.docx"
    kept.write_bytes(b"issued by hand")
    refused = post_issue(client, unnumbered(), date="2025-03-08")
    assert refused.status_code == 409
    (exists,) = [p for p in refused.json()["problems"] if p["code"] == "output.exists"]
    assert Path(exists["location"]["file"]).name == kept.name
    assert kept.read_bytes() == b"issued by hand" and files_in(out) == [kept.name]
    with Register(target) as reg:
        assert reg.rows() == []
