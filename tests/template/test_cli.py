"""`vanban template check|fields` and `vanban render --template`, through click."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.content.load import load_content
from generator.kinds import get_kind
from generator.layout import DocumentContext, build_context
from generator.web.form import labels

from .docxedit import edited, shipped

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "content" / "examples" / "phat-dong-cuc-ctdp-2024.yaml"


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_clean_template_exits_0():
    result = invoke("template", "check", shipped("ke_hoach"))
    assert result.exit_code == 0, result.output
    assert "(loại `ke_hoach`): mẫu không có vấn đề gì" in result.output


def test_without_a_kind_it_does_not_claim_what_it_did_not_check(tmp_path: Path):
    import shutil

    unknown = Path(shutil.copy(shipped("ke_hoach"), tmp_path / "mau-rieng.docx"))
    result = invoke("template", "check", unknown)
    assert result.exit_code == 0, result.output
    assert "không có vấn đề gì" not in result.output
    assert "chưa đối chiếu thể thức" in result.stdout
    assert "--kind" in result.output


def test_problems_exit_1_with_locations_and_hints(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "mau.docx",
        ("{{ iss.name }}", "{{ issuer.nam }}"),
        ("{%p if theme %}", "{%p iff theme %}"),
    )
    result = invoke("template", "check", path, "--kind", "phat_dong")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if ": lỗi: " in line]
    assert len(lines) == 2
    assert all(line.startswith(f"{path}: thân văn bản, ") and "(gợi ý: " in line for line in lines)
    assert result.stdout.rstrip().endswith("2 lỗi, 0 cảnh báo")


def test_json_report(tmp_path: Path):
    path = edited(shipped(), tmp_path / "mau.docx", ("{{ title }}", "{{ titel }}"))
    result = invoke("template", "check", path, "--kind", "phat_dong", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["kind"] == "phat_dong"
    [problem] = data["problems"]
    assert problem["code"] == "unknown-name" and problem["location"]["paragraph"] == 1
    # The diagnostics every command gives: the same problem, its location naming the template.
    assert data["ok"] is False
    [diagnostic] = data["diagnostics"]
    assert diagnostic["location"] == {**problem["location"], "file": str(path)}
    assert {k: v for k, v in diagnostic.items() if k != "location"} == {
        k: v for k, v in problem.items() if k != "location"
    }
    assert diagnostic["location"]["kind"] == "docx" and diagnostic["location"]["part"] == "body"
    text = invoke("template", "check", path, "--kind", "phat_dong").stdout.splitlines()[0]
    assert text == f"{path}: {diagnostic['text']}"


def test_not_a_docx_exits_2(tmp_path: Path):
    path = tmp_path / "mau.docx"
    path.write_text("không phải Word", "utf-8")
    result = invoke("template", "check", path)
    assert result.exit_code == 2
    assert "không phải tệp DOCX" in result.stderr
    data = json.loads(invoke("template", "check", path, "--json").stdout)
    assert data["ok"] is False and data["diagnostics"][0]["code"] == "template.not_a_docx"


def test_unknown_kind_is_a_usage_error():
    result = invoke("template", "check", shipped(), "--kind", "khong_co")
    assert result.exit_code == 2
    assert "khong_co" in result.output


def test_fields_are_every_context_name_with_an_example():
    result = invoke("template", "fields", "--kind", "ke_hoach")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for name in DocumentContext.__dataclass_fields__:
        assert any(re.match(rf"{name}  (\[[^]]+\]  )?\(", line) for line in lines), name
    # A name the content has too shows the label the web form gives that field.
    assert any(
        line.strip().startswith("issuers[i].name  [Tên cơ quan ban hành]  (str)  ví dụ: “ỦY BAN")
        for line in lines
    )
    assert any(line.startswith("number_line  (str)") for line in lines)  # no content field
    assert "ke_hoach.starter.yaml" in lines[0]


def test_fields_json_matches_a_context_built_from_the_starter():
    kind = get_kind("phat_dong")
    context = build_context(load_content(kind.starter), kind)
    result = invoke("template", "fields", "--kind", "phat_dong", "--json")
    data = json.loads(result.stdout)
    fields = {f["path"]: f for f in data["fields"]}
    assert fields["number_line"]["example"] == context.number_line
    assert fields["number_line"]["type"] == "str" and fields["number_line"]["doc"]
    signer = {f["path"]: f for f in fields["signer"]["fields"]}
    assert signer["signer.lines"]["example"] == context.signer.lines
    assert fields["signature_tables"]["count"] == len(context.signature_tables)
    # Labels from the same file as the web form's, for the names the content has too.
    form = labels()
    assert fields["subject"]["label"] == form["Content"]["subject"]["label"]
    issuers = {f["path"]: f for f in fields["issuers"]["fields"]}
    assert issuers["issuers[i].parent"]["label"] == form["Issuer"]["parent"]["label"]
    assert fields["number_line"]["label"] is None


def test_render_refuses_a_broken_custom_template_before_writing(tmp_path: Path):
    path = edited(shipped(), tmp_path / "mau.docx", ("{%p if theme %}", "{%p for x in bases %}"))
    out = tmp_path / "out"
    result = invoke("render", "--template", path, "--out-dir", out, EXAMPLE)
    assert result.exit_code == 1
    assert not out.exists()
    assert "không cùng loại" in result.stderr and "không dùng để tạo văn bản" in result.stderr


def test_a_refused_template_is_located_at_the_template_in_json(tmp_path: Path):
    path = edited(shipped(), tmp_path / "mau.docx", ("{{ title }}", "{{ titel }}"))
    out = tmp_path / "out"
    result = invoke("render", "--template", path, "--out-dir", out, EXAMPLE, "--json")
    assert result.exit_code == 1 and not out.exists()
    found = json.loads(result.stdout)["diagnostics"]
    assert {d["location"]["file"] for d in found} == {str(path)}
    assert found[-1]["code"] == "template.unusable"
    # The linter's own finding, with its place in the template.
    (titel,) = [d for d in found if "`titel`" in d["message"]]
    assert titel["location"]["part"] == "body" and titel["location"]["paragraph"]


def test_render_uses_a_custom_template_with_warnings_only(tmp_path: Path):
    path = edited(
        shipped(),
        tmp_path / "mau.docx",
        ('{%p if para.style == "heading" %}', "{%p if para.style == “heading” %}"),
    )
    out = tmp_path / "out"
    result = invoke("render", "--template", path, "--out-dir", out, EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "cảnh báo" in result.stderr
    assert len(list(out.glob("*.docx"))) == 1


def test_batch_refuses_a_broken_custom_template_before_any_row(tmp_path: Path):
    data = tmp_path / "units.csv"
    data.write_text("number\n1\n2\n", "utf-8")
    broken = edited(shipped(), tmp_path / "mau.docx", ("{{ title }}", "{{ titel }}"))
    out = tmp_path / "out"
    result = invoke("batch", EXAMPLE, "--data", data, "--template", broken, "--out-dir", out)
    assert result.exit_code == 1
    assert "`titel`" in result.stderr and "không dùng để tạo văn bản" in result.stderr
    assert not list(out.glob("*.docx"))


def test_batch_uses_a_sound_custom_template(tmp_path: Path):
    data = tmp_path / "units.csv"
    data.write_text("number\n1\n2\n", "utf-8")
    out = tmp_path / "out"
    custom = edited(shipped(), tmp_path / "mau.docx", ("{{ title }}", "{{ title }}"))
    result = invoke(
        "batch", EXAMPLE, "--data", data, "--template", custom, "--out-dir", out, "-j", "1", "-q"
    )
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 2
