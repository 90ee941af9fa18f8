"""The API contract, through the ASGI test client, with the real engine behind it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main
from generator.content.load import load_content, load_content_text
from generator.kinds import available_kinds
from generator.produce import produce
from generator.web.content_io import CONTENT_NAME

from .conftest import EXAMPLES, YAML

LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"


def test_kinds_lists_every_kind_with_its_starter(client):
    answer = client.get("/api/kinds")
    assert answer.status_code == 200
    kinds = {k["name"]: k for k in answer.json()}
    assert set(kinds) == set(available_kinds())
    assert kinds["phat_dong"]["label"] == "Phát động phong trào thi đua"
    assert kinds["giao_uoc"]["starter"]["kind"] == "giao_uoc"
    assert "members" in kinds["giao_uoc"]["required"]


def test_validate_accepts_good_content(client):
    answer = client.post("/api/validate", content=LAUNCH.read_bytes(), headers=YAML)
    assert answer.json() == {"ok": True, "problems": []}


def test_validate_locates_problems_in_the_text_sent(client):
    text = LAUNCH.read_text("utf-8").replace("KT. Cục trưởng", "K.T. Cục trưởng")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "K.T." in row)
    answer = client.post("/api/validate", content=text.encode(), headers=YAML).json()
    assert answer["ok"] is False
    (problem,) = answer["problems"]
    assert problem["location"]["path"] == "signatories[0].authority"
    assert problem["location"]["line"] == line
    assert problem["location"]["column"] == text.splitlines()[line - 1].index("K.T.") + 1
    assert "K.T." in problem["message"] and problem["hint"]


def test_validate_takes_json_and_locates_in_it(client):
    data = {
        "kind": "phat_dong",
        "issuers": [{"name": "Cục A", "abbr": "CA"}],
        "place": "Hà Nội",
        "date": "2024-02-30",
        "recipients": ["Như trên"],
        "signatories": [{"title": "Cục trưởng", "name": "Nguyễn Văn A"}],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    answer = client.post(
        "/api/validate", content=text.encode(), headers={"Content-Type": "application/json"}
    ).json()
    (problem,) = answer["problems"]
    assert problem["location"]["path"] == "date"
    assert text.splitlines()[problem["location"]["line"] - 1].strip().startswith('"date"')


BAD = (
    "kind: phat_dong\n"
    "issuers:\n  - name: Cục A\n    abbr: CA\n"
    "date: 2024-02-30\n"
    "subjet: Năm 2024\n"
    "number: 0\n"
    "recipients: [Như trên]\n"
    "signatories:\n  - authority: K.T. Cục trưởng\n    title: Phó Cục trưởng\n"
    "    name: Nguyễn Văn A\n"
)
"""Content with five kinds of mistake: a date that does not exist, an unknown field, a
number out of range, a misspelt authority line and no `place`."""


def _cli_json(tmp_path, monkeypatch, *args: str) -> dict:
    """`vanban …--json` on BAD saved under the name the page gives what it sends."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / CONTENT_NAME).write_text(BAD, "utf-8")
    result = CliRunner().invoke(main, [*args, CONTENT_NAME, "--json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_same_diagnostics_from_validate_render_and_the_page(client, tmp_path, monkeypatch):
    validated = _cli_json(tmp_path, monkeypatch, "validate")
    rendered = _cli_json(tmp_path, monkeypatch, "render", "--out-dir", "ra")
    page = client.post("/api/validate", content=BAD.encode(), headers=YAML).json()
    refused = client.post("/api/render", content=BAD.encode(), headers=YAML)
    assert refused.status_code == 422 and not (tmp_path / "ra").exists()

    found = validated["diagnostics"]
    codes = {d["code"] for d in found}
    assert {
        "content.required",
        "content.date",
        "content.unknown_field",
        "content.range",
        "content.authority",
    } <= codes, codes
    assert validated["ok"] is False and page["ok"] is False
    # The same objects, every field of them, from the four.
    assert rendered["diagnostics"] == found
    assert page["problems"] == found
    assert refused.json()["problems"] == found
    date = next(d for d in found if d["code"] == "content.date")
    assert date["location"] == {
        "kind": "content",
        "file": CONTENT_NAME,
        "line": BAD.splitlines().index("date: 2024-02-30") + 1,
        "column": len("date: ") + 1,
        "path": "date",
        "column_name": None,
    }
    # The text form is the line `vanban validate` prints.
    text = CliRunner().invoke(main, ["validate", CONTENT_NAME]).stderr.splitlines()
    assert text == [d["text"] for d in found]


def test_render_docx_is_what_vanban_render_writes(client, tmp_path):
    (outcome,) = produce([LAUNCH], out_dir=tmp_path)
    answer = client.post("/api/render?format=docx", content=LAUNCH.read_bytes(), headers=YAML)
    assert answer.status_code == 200
    assert answer.content == outcome.written[0].read_bytes()
    assert f'filename="{outcome.written[0].name}"' in answer.headers["content-disposition"]


def test_render_refuses_content_with_problems(client):
    answer = client.post("/api/render?format=docx", content=b"kind: phat_dong\n", headers=YAML)
    assert answer.status_code == 422
    paths = {p["location"]["path"] for p in answer.json()["problems"]}
    assert {"issuers", "place", "recipients"} <= paths


def test_render_unknown_format_is_refused(client):
    answer = client.post("/api/render?format=odt", content=LAUNCH.read_bytes(), headers=YAML)
    assert answer.status_code == 422


def test_body_that_is_not_utf8_is_a_problem(client):
    answer = client.post("/api/validate", content="place: Hà Nội".encode("utf-16"), headers=YAML)
    assert answer.json()["ok"] is False
    assert "UTF-8" in answer.json()["problems"][0]["message"]


def test_yaml_round_trip_keeps_the_content(client):
    data = client.post("/api/parse", content=LAUNCH.read_bytes(), headers=YAML).json()
    assert data["problems"] == []
    text = client.post("/api/yaml", json=data["data"]).text
    assert load_content_text(text) == load_content(LAUNCH)


def test_parse_reads_issuer_alias_and_locates_syntax_errors(client):
    alias = "kind: phat_dong\nissuer:\n  name: Cục A\n  abbr: CA\n"
    assert client.post("/api/parse", content=alias.encode(), headers=YAML).json()["data"][
        "issuers"
    ] == [{"name": "Cục A", "abbr": "CA"}]
    broken = client.post("/api/parse", content=b"kind: [phat_dong\n", headers=YAML).json()
    assert broken["data"] is None and broken["problems"][0]["location"]["line"] is not None


def test_form_is_generated_from_the_model_and_the_kind(client):
    spec = client.get("/api/form?kind=giao_uoc").json()
    fields = {f["name"]: f for f in spec["root"]["fields"]}
    assert fields["issuers"]["label"] == "Cơ quan ban hành"
    assert fields["contents"]["label"] == available_kinds()["giao_uoc"].headings["contents"]
    assert fields["members"]["required"] is True
    issuer = {f["name"]: f for f in spec["models"]["Issuer"]["fields"]}
    assert issuer["abbr"]["required"] and issuer["abbr"]["help"]
    assert client.get("/api/form?kind=khong_co").status_code == 404


def test_every_field_of_the_content_model_is_labelled(client):
    spec = client.get("/api/form?kind=phat_dong").json()
    models = [spec["root"], *spec["models"].values()]
    unlabelled = [
        (m["model"], f["name"]) for m in models for f in m["fields"] if f["label"] == f["name"]
    ]
    assert unlabelled == []


def test_openapi_and_docs_page_are_served(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/kinds",
        "/api/validate",
        "/api/render",
        "/api/preview",
        "/api/batch",
        "/api/batch/{job_id}",
        "/api/batch/{job_id}/result",
    ):
        assert path in paths
    assert "application/yaml" in paths["/api/validate"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 200


def test_page_and_docs_load_nothing_from_elsewhere(client):
    import re

    for path in ("/", "/docs"):
        html = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources, path
        for source in sources:
            assert source.startswith(("/", "#")), f"{path} loads {source}"
            if source.startswith("/static/"):
                body = client.get(source).text
                assert client.get(source).status_code == 200
                assert not re.search(r"https?://", body), f"{source} names another site"


def test_yaml_of_text_that_is_not_content_is_refused(client):
    answer = client.post("/api/yaml", content=b"{bad", headers={"Content-Type": "application/json"})
    assert answer.status_code == 422 and answer.json()["problems"][0]["location"]["line"] == 1
