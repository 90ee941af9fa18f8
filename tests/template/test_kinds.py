"""Kinds as data: `ke_hoach` is three files, and so is a kind made in a temporary folder."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator import kinds
from generator.cli import main
from generator.content.load import load_content
from generator.kinds import KindError, get_kind, load_kind
from generator.pipeline import render_model
from generator.templating.lint import check_template

from .docxedit import shipped

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "content" / "examples" / "ke-hoach-ubnd-tinh-2024.yaml"


def text_of(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs]


@pytest.fixture
def templates_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on `VANBAN_TEMPLATES`; kinds are looked up afresh on both sides of the test."""
    folder = tmp_path / "mau"
    folder.mkdir()
    monkeypatch.setenv("VANBAN_TEMPLATES", str(folder))
    kinds._kinds_in.cache_clear()
    yield folder
    kinds._kinds_in.cache_clear()


def test_plan_example_numbers_khen_thuong_before_measures():
    rendered = render_model(load_content(PLAN))
    paragraphs = text_of(rendered.docx)
    headings = [p for p in paragraphs if p.split(". ", 1)[0] in ("I", "II", "III", "IV", "V")]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. CHỈ TIÊU",
        "IV. KHEN THƯỞNG",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    assert paragraphs[0] == "KẾ HOẠCH"
    assert rendered.default_stem() == "ke_hoach-ubnd-45"
    header = docx.Document(io.BytesIO(rendered.docx)).tables[0]
    assert header.rows[1].cells[0].text == "Số: 45/KH-UBND"


def test_plan_kind_is_listed_and_has_a_starter():
    result = CliRunner().invoke(main, ["kinds"])
    assert "ke_hoach\tKế hoạch tổ chức phong trào thi đua" in result.output
    starter = CliRunner().invoke(main, ["new", "ke_hoach"])
    assert starter.exit_code == 0 and "kind: ke_hoach" in starter.output
    render_model(load_content(get_kind("ke_hoach").starter))


def test_default_section_order_is_the_content_contract():
    assert get_kind("phat_dong").section_order == (
        "purposes",
        "contents",
        "targets",
        "measures",
        "sections",
    )


def test_section_order_must_name_every_section_once(tmp_path: Path):
    profile = tmp_path / "x.kind.yaml"
    profile.write_text(
        "kind: x\ntitle: X\ntype_abbr: X\n"
        "section_order: [purposes, contents, measures, sections]\n",
        "utf-8",
    )
    with pytest.raises(KindError, match="section_order"):
        load_kind(profile)


def test_a_new_kind_in_a_folder_of_its_own_renders(templates_dir: Path, tmp_path: Path):
    # A "thông báo" kind: a copy of the launch notice's template, a profile and nothing else.
    shutil.copy(shipped(), templates_dir / "thong_bao.docx")
    (templates_dir / "thong_bao.kind.yaml").write_text(
        "kind: thong_bao\ntitle: Thông báo\ntype_abbr: TB\n"
        "headings: {contents: Nội dung thông báo}\n"
        "section_order: [sections, purposes, contents, targets, measures]\n",
        "utf-8",
    )
    content = tmp_path / "tb.yaml"
    content.write_text(
        "kind: thong_bao\nissuer: {name: Sở Nội vụ, abbr: SNV}\nplace: Hà Nội\n"
        "date: 2024-03-05\ncontents: [Nội dung một.]\n"
        "sections: [{heading: Bối cảnh, items: [Bối cảnh một.]}]\n"
        "signatories: [{title: Giám đốc, name: Trần Văn B}]\nrecipients: [Các phòng]\n",
        "utf-8",
    )
    rendered = render_model(load_content(content))
    paragraphs = text_of(rendered.docx)
    assert paragraphs[0] == "THÔNG BÁO"
    assert "I. BỐI CẢNH" in paragraphs and "II. NỘI DUNG THÔNG BÁO" in paragraphs
    assert rendered.default_stem() == "thong_bao-snv-2024"
    assert check_template(templates_dir / "thong_bao.docx").kind == "thong_bao"


def test_a_kind_folder_can_replace_a_shipped_kind(templates_dir: Path):
    shutil.copy(shipped(), templates_dir / "phat_dong.docx")
    (templates_dir / "phat_dong.kind.yaml").write_text(
        "kind: phat_dong\ntitle: Phát động thi đua\ntype_abbr: PĐ\n", "utf-8"
    )
    assert get_kind("phat_dong").type_abbr == "PĐ"


def test_kind_profile_can_name_what_its_template_must_use(templates_dir: Path):
    shutil.copy(shipped(), templates_dir / "bao_cao.docx")
    (templates_dir / "bao_cao.kind.yaml").write_text(
        "kind: bao_cao\ntitle: Báo cáo\ntype_abbr: BC\n"
        "template_uses: [title, body, extra, kyhieu]\n",
        "utf-8",
    )
    report = check_template(templates_dir / "bao_cao.docx")
    assert [p.code for p in report.problems] == ["missing-use", "kind-profile"]
    assert "`extra`" in report.problems[0].message
    assert "`kyhieu`" in report.problems[1].message


PROGRAMME_PROFILE = """\
# A kind of an existing shape (a report's), added with no Python.
kind: chuong_trinh
label: Chương trình công tác thi đua
title: Chương trình
type_abbr: CTr
headings:
  results: Kết quả năm trước
  plans: Nhiệm vụ trọng tâm
section_order: [results, plans, sections]
fields: [addressees]
required: [plans, signatories]
template_uses: [issuers, number_line, date_line, title, subject, bases, body, signature_tables,
                recipients]
"""

PROGRAMME_STARTER = """\
# Chương trình công tác thi đua: điền nội dung rồi chạy vanban render.
kind: chuong_trinh
issuers: [{parent: Bộ Công Thương, name: Cụm thi đua số III, abbr: CTĐIII}]
place: Lạng Sơn
date: 2024-02-01
subject: Năm 2024
results: [Hoàn thành các chỉ tiêu năm 2023.]
plans:
  - Tổ chức phong trào thi đua năm 2024.
  - table:
      columns: [Việc, Thời hạn]
      rows: [[Ký giao ước, Tháng 01], [Sơ kết, Tháng 7]]
signatories: [{authority: TM. Cụm thi đua số III, title: Cụm trưởng, name: Hoàng Văn Tuấn}]
recipients: [Các đơn vị thành viên]
"""


def test_a_kind_of_an_existing_shape_needs_no_python(templates_dir: Path, tmp_path: Path):
    from generator.check import check_docx

    shutil.copy(ROOT / "templates" / "docx" / "bao_cao.docx", templates_dir / "chuong_trinh.docx")
    (templates_dir / "chuong_trinh.kind.yaml").write_text(PROGRAMME_PROFILE, "utf-8")
    (templates_dir / "chuong_trinh.starter.yaml").write_text(PROGRAMME_STARTER, "utf-8")
    runner = CliRunner()
    assert "chuong_trinh\tChương trình công tác thi đua" in runner.invoke(main, ["kinds"]).output
    starter = runner.invoke(main, ["new", "chuong_trinh"])
    assert starter.exit_code == 0 and "kind: chuong_trinh" in starter.output
    content = tmp_path / "ct.yaml"
    content.write_text(starter.output, "utf-8")
    rendered = render_model(load_content(content))
    paragraphs = text_of(rendered.docx)
    assert paragraphs[0] == "CHƯƠNG TRÌNH"
    assert "I. KẾT QUẢ NĂM TRƯỚC" in paragraphs and "II. NHIỆM VỤ TRỌNG TÂM" in paragraphs
    table = docx.Document(io.BytesIO(rendered.docx)).tables[-2]
    assert [c.text for c in table.rows[2].cells] == ["2", "Sơ kết", "Tháng 7"]
    header = docx.Document(io.BytesIO(rendered.docx)).tables[0]
    assert header.rows[1].cells[0].text == "Số:      /CTr-CTĐIII"
    assert check_docx(rendered.docx).ok
    assert check_template(templates_dir / "chuong_trinh.docx").problems == []
    # The kind's profile is the contract: a field it does not take is a located error.
    content.write_text(starter.output + "articles: [Điều gì đó.]\n", "utf-8")
    result = runner.invoke(main, ["validate", str(content)])
    assert result.exit_code == 1
    assert f"{content}:15:1: articles: văn bản loại `chuong_trinh` không có trường" in result.output


def test_a_typo_in_a_profile_is_located(tmp_path: Path):
    profile = tmp_path / "x.kind.yaml"
    profile.write_text(
        "kind: x\ntitle: X\nrequird: [signatories]\ntype_abbr: X\nnumbering: dieu\n", "utf-8"
    )
    with pytest.raises(KindError) as caught:
        load_kind(profile)
    message = str(caught.value)
    assert (
        f"{profile}:3:1: requird: unknown key `requird` (gợi ý: did you mean `required`?)"
        in message
    )
    assert f"{profile}:5:12: numbering:" in message
    # The same mistakes as diagnostics, each with its profile code and place.
    found = {(p.code, p.line, p.path) for p in caught.value.problems}
    assert found == {("profile.unknown_key", 3, "requird"), ("profile.invalid", 5, "numbering")}
