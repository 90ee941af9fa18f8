"""`vanban issue` and `issue()`: numbers from the register, written with the documents,
and a failed run that consumes no number and writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pdf import SOFFICE_ENV
from generator.register.issue import ContentText, issue
from generator.register.store import Register

from .conftest import LAUNCH, PLAN, content_file, files_under


def printed_lines(docx: Path) -> list[str]:
    """Every paragraph's text in the document part, as Word shows it."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs]


def numbers(register: str, **filters: object) -> list[str]:
    with Register(register) as reg:
        return [f"{r.number:02d}/{r.code_notation} {r.issued_date}" for r in reg.rows(**filters)]


def test_documents_get_the_next_numbers_and_the_date(register: str, tmp_path: Path) -> None:
    first = content_file(tmp_path, number=None, date=None, year=2024)
    second = content_file(tmp_path, number=None, date=None, year=2024)
    out = tmp_path / "out"
    result = issue([first, second], register, date=dt.date(2024, 2, 3), out_dir=out)
    assert result.ok, (result.problems, result.errors)
    assert [d.code for d in result.issued] == ["01/PĐTĐ-CTĐP-CĐC", "02/PĐTĐ-CTĐP-CĐC"]
    lines = printed_lines(out / "phat_dong-ctdp-02-2024.docx")
    assert "Số: 02/PĐTĐ-CTĐP-CĐC" in lines
    assert "Hà Nội, ngày 03 tháng 02 năm 2024" in lines
    assert files_under(out) == [
        "phat_dong-ctdp-01-2024.docx",
        "phat_dong-ctdp-01-2024.json",
        "phat_dong-ctdp-02-2024.docx",
        "phat_dong-ctdp-02-2024.json",
    ]
    # A later run goes on from the register, not from the files.
    third = issue(
        [content_file(tmp_path, number=None)],
        register,
        date=dt.date(2024, 12, 31),
        out_dir=tmp_path / "later",
    )
    assert [d.code for d in third.issued] == ["03/PĐTĐ-CTĐP-CĐC"]
    assert numbers(register) == [
        "01/PĐTĐ-CTĐP-CĐC 2024-02-03",
        "02/PĐTĐ-CTĐP-CĐC 2024-02-03",
        "03/PĐTĐ-CTĐP-CĐC 2024-12-31",
    ]


def test_numbers_run_per_issuer_and_start_again_each_year(register: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    launch = [content_file(tmp_path, number=None) for _ in range(2)]
    plan = content_file(tmp_path, PLAN, number=None)
    assert issue(launch[:1], register, date=dt.date(2024, 12, 30), out_dir=out).ok
    assert issue([plan], register, date=dt.date(2024, 12, 31), out_dir=out).ok
    assert issue(launch[1:], register, date=dt.date(2025, 1, 2), out_dir=out).ok
    assert numbers(register, year=2024) == ["01/PĐTĐ-CTĐP-CĐC 2024-12-30", "01/KH-UBND 2024-12-31"]
    assert numbers(register, issuer="CTĐP") == [
        "01/PĐTĐ-CTĐP-CĐC 2024-12-30",
        "01/PĐTĐ-CTĐP-CĐC 2025-01-02",
    ]


def test_a_number_the_file_names_is_used_when_free(register: str, tmp_path: Path) -> None:
    named = content_file(tmp_path, number=7, date=None, year=2024)
    result = issue(
        [named, content_file(tmp_path, number=None)],
        register,
        date=dt.date(2024, 5, 6),
        out_dir=tmp_path / "out",
    )
    assert result.ok
    # The next number follows the highest one given; numbers below it are not filled in.
    assert [d.number for d in result.issued] == [7, 8]


def test_a_taken_number_is_a_located_error_and_nothing_happens(
    register: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert issue(
        [content_file(tmp_path, number=5)], register, date=dt.date(2024, 3, 1), out_dir=out
    ).ok
    before = files_under(out)
    again = content_file(tmp_path, number=5, name="again.yaml")
    fresh = content_file(tmp_path, number=None)
    result = issue([fresh, again], register, date=dt.date(2024, 3, 2), out_dir=out)
    assert not result.ok and not result.issued
    (problem,) = result.problems
    line = next(
        n
        for n, text in enumerate(again.read_text("utf-8").splitlines(), 1)
        if text.startswith("number:")
    )
    assert (problem.file, problem.line, problem.column, problem.path) == (
        str(again),
        line,
        len("number: ") + 1,
        "number",
    )
    assert "05" in problem.message and "01/03/2024" in problem.message
    assert files_under(out) == before
    assert numbers(register) == ["05/PĐTĐ-CTĐP-CĐC 2024-03-01"]


def test_the_same_number_twice_in_one_run_is_an_error(sqlite_register: str, tmp_path: Path) -> None:
    files = [content_file(tmp_path, number=9), content_file(tmp_path, number=9)]
    result = issue(files, sqlite_register, date=dt.date(2024, 3, 2), out_dir=tmp_path / "out")
    assert [p.file for p in result.problems] == [str(files[1])]
    assert numbers(sqlite_register) == []


def test_a_content_error_anywhere_stops_the_whole_run(register: str, tmp_path: Path) -> None:
    good = content_file(tmp_path, number=None)
    bad = content_file(tmp_path, number=None, recipients=None)
    out = tmp_path / "out"
    result = issue([good, bad], register, out_dir=out)
    assert any(p.path == "recipients" and p.file == str(bad) for p in result.problems)
    assert files_under(out) == []
    assert numbers(register) == []


def test_a_failed_write_consumes_no_number(register: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The second document's sidecar name is taken: its DOCX and the first document's
    # files are written before that is found out, and must go again.
    (out / "phat_dong-ctdp-02-2024.json").write_text("kept", "utf-8")
    files = [content_file(tmp_path, number=None), content_file(tmp_path, number=None)]
    result = issue(files, register, date=dt.date(2024, 3, 2), out_dir=out)
    assert not result.ok
    (error,) = result.errors
    assert error.code == "output.exists" and error.location is not None
    assert error.location.file == str(out / "phat_dong-ctdp-02-2024.json")
    assert files_under(out) == ["phat_dong-ctdp-02-2024.json"]
    assert (out / "phat_dong-ctdp-02-2024.json").read_text("utf-8") == "kept"
    assert numbers(register) == []
    (out / "phat_dong-ctdp-02-2024.json").unlink()
    assert [
        d.number for d in issue(files, register, date=dt.date(2024, 3, 2), out_dir=out).issued
    ] == [1, 2]


def test_a_failed_pdf_removes_the_documents_already_written(
    sqlite_register: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A LibreOffice that fails (`false` exits 1 without writing anything): the DOCX files
    # are on disk by then and must go again.
    monkeypatch.setenv(SOFFICE_ENV, "false")
    out = tmp_path / "out"
    files = [content_file(tmp_path, number=None), content_file(tmp_path, number=None)]
    result = issue(files, sqlite_register, date=dt.date(2024, 3, 2), out_dir=out, pdf=True)
    assert not result.ok
    # One failure per document LibreOffice did not convert, located at its DOCX.
    assert {e.code for e in result.errors} == {"pdf.failed"}
    assert sorted(Path(e.location.file).name for e in result.errors if e.location) == [
        "phat_dong-ctdp-01-2024.docx",
        "phat_dong-ctdp-02-2024.docx",
    ]
    assert files_under(out) == []
    assert numbers(sqlite_register) == []


def test_the_sidecar_has_the_decree_s_fields(sqlite_register: str, tmp_path: Path) -> None:
    plan = content_file(tmp_path, PLAN, number=None, date=None, year=2024)
    out = tmp_path / "out"
    assert issue([plan], sqlite_register, date=dt.date(2024, 3, 8), out_dir=out).ok
    (sidecar,) = out.glob("*.json")
    assert sidecar.name == "ke_hoach-ubnd-01-2024.json"
    data = json.loads(sidecar.read_text("utf-8"))
    assert list(data) == [
        "TypeName",
        "CodeNumber",
        "CodeNotation",
        "IssuedDate",
        "OrganName",
        "Subject",
        "Language",
        "PageAmount",
        "SignerInfo",
        "To",
        "Priority",
        "IssuedAmount",
    ]
    assert data["TypeName"] == "Kế hoạch"
    assert data["CodeNumber"] == "01"
    assert data["CodeNotation"] == "KH-UBND"
    assert data["IssuedDate"] == "2024-03-08"
    assert data["OrganName"] == "Ủy ban nhân dân tỉnh Bình Giang"
    assert data["Subject"].startswith("Tổ chức phong trào thi đua")
    assert data["Language"] == "Tiếng Việt"
    assert data["PageAmount"] is None  # no PDF made: pages are not guessed
    assert data["SignerInfo"] == {"Position": "Phó Chủ tịch", "FullName": "Lê Thị Minh Hà"}
    assert data["To"][0] == {
        "OrganId": None,
        "OrganName": "Ban Thi đua - Khen thưởng Trung ương (để b/c)",
    }
    assert data["Priority"] == 0
    assert data["IssuedAmount"] == 60


def test_cli_issue_and_its_exit_codes(sqlite_register: str, tmp_path: Path) -> None:
    runner = CliRunner()
    content = content_file(tmp_path, number=None)
    out = tmp_path / "out"
    args = ["issue", str(content), "--register", sqlite_register, "--out-dir", str(out)]
    done = runner.invoke(main, [*args, "--date", "2024-01-15"])
    assert done.exit_code == 0, done.output
    assert "Số 01/PĐTĐ-CTĐP-CĐC" in done.output
    bad_date = runner.invoke(main, [*args, "--date", "15/01/2024"])
    assert bad_date.exit_code == 2 and "năm-tháng-ngày" in bad_date.output
    taken = content_file(tmp_path, number=1)
    failed = runner.invoke(
        main,
        [
            "issue",
            str(taken),
            "--register",
            sqlite_register,
            "--out-dir",
            str(out),
            "--date",
            "2024-01-16",
        ],
    )
    assert failed.exit_code == 1
    assert f"{taken}:" in failed.output and "number:" in failed.output


def test_content_held_in_memory_is_issued_with_one_call(
    sqlite_register: str, tmp_path: Path
) -> None:
    """What the web page does with a finished document: no content file on disk."""
    text = LAUNCH.read_text("utf-8").replace("number: 31", "number:")
    out = tmp_path / "out"
    result = issue(
        [ContentText("biểu mẫu", text)], sqlite_register, date=dt.date(2024, 4, 1), out_dir=out
    )
    assert result.ok, (result.problems, result.errors)
    assert [(d.source, d.code) for d in result.issued] == [("biểu mẫu", "01/PĐTĐ-CTĐP-CĐC")]
    assert "Số: 01/PĐTĐ-CTĐP-CĐC" in printed_lines(out / "phat_dong-ctdp-01-2024.docx")
    broken = issue(
        [ContentText("biểu mẫu", text.replace("place:", "plac:"))], sqlite_register, out_dir=out
    )
    assert broken.problems and all(p.file == "biểu mẫu" for p in broken.problems)
    assert numbers(sqlite_register) == ["01/PĐTĐ-CTĐP-CĐC 2024-04-01"]


def test_the_date_is_the_clerk_s_else_the_content_s_else_today(
    sqlite_register: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    dated = content_file(tmp_path, number=None, date="2024-01-12")
    undated = content_file(tmp_path, number=None, date=None, year=2024)
    result = issue([dated, undated], sqlite_register, out_dir=out, today=dt.date(2024, 9, 2))
    assert [d.row.issued_date for d in result.issued] == ["2024-01-12", "2024-09-02"]
    clerk = issue([dated], sqlite_register, date=dt.date(2024, 9, 3), out_dir=out)
    assert [d.row.issued_date for d in clerk.issued] == ["2024-09-03"]
    assert "Hà Nội, ngày 03 tháng 9 năm 2024" in printed_lines(out / "phat_dong-ctdp-03-2024.docx")


def test_cli_issue_json(sqlite_register: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    base = ["issue", "--register", sqlite_register, "--out-dir", str(out), "--json"]
    content = content_file(tmp_path, number=None)
    done = runner.invoke(main, [*base, str(content), "--date", "2024-01-15"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["ok"] is True and data["diagnostics"] == []
    (issued,) = data["issued"]
    assert (issued["number"], issued["code"], issued["date"]) == (
        1,
        "01/PĐTĐ-CTĐP-CĐC",
        "2024-01-15",
    )
    assert sorted(Path(f).name for f in issued["files"]) == sorted(p.name for p in out.iterdir())
    taken = content_file(tmp_path, number=1, name="taken.yaml")
    failed = runner.invoke(main, [*base, str(taken), "--date", "2024-01-16"])
    assert failed.exit_code == 1
    data = json.loads(failed.stdout)
    assert data["ok"] is False and data["issued"] == []
    (problem,) = [d for d in data["diagnostics"] if d["location"]]
    assert problem["code"] == "register.number_taken"
    assert problem["location"]["file"] == str(taken) and problem["location"]["path"] == "number"
