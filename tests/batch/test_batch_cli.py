"""`vanban batch` end to end: bad rows, names, the manifest, determinism, options."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from generator.batch.progress import Progress

from .conftest import (
    HEADER,
    document_text,
    docx_files,
    good_rows,
    leftovers,
    manifest,
    run_batch_cli,
    write_csv,
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_row_among_good_ones(master: Path, tmp_path: Path, jobs: int) -> None:
    rows = good_rows(4)
    rows[1][0] = "abc"  # line 3: not a number
    rows[2][3] = ""  # empty cell: the master's signer stays
    units = write_csv(
        tmp_path / "units.csv",
        HEADER + ["signatories.0.authority"],
        [r + [""] for r in rows[:3]] + [rows[3] + ["K.T. Giám đốc"]],
    )
    out = tmp_path / "out"
    result = run_batch_cli(master, "--data", units, "--out-dir", out, "-j", jobs)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{units}:3: cột number: number: phải là một số nguyên",
        f"{units}:5: cột signatories.0.authority: signatories[0].authority: dòng thẩm quyền "
        "viết sai tiền tố `K.T.` (gợi ý: viết `KT. Giám đốc`)",
    ]
    assert docx_files(out) == ["phat_dong-sct1-01.docx", "phat_dong-sct3-03.docx"]
    assert "Người Ký" in document_text(out / "phat_dong-sct3-03.docx")  # master's signer
    assert leftovers(out) == []
    entries = manifest(out)
    assert [(e.row, e.file, e.status) for e in entries] == [
        (2, "phat_dong-sct1-01.docx", "ok"),
        (3, "", "error"),
        (4, "phat_dong-sct3-03.docx", "ok"),
        (5, "", "error"),
    ]
    assert entries[1].message == f"{units}:3: cột number: number: phải là một số nguyên"
    for entry in entries:
        if entry.file:
            assert entry.sha256 == hashlib.sha256((out / entry.file).read_bytes()).hexdigest()
        else:
            assert entry.sha256 == ""
    assert "2/4 văn bản đã ghi" in result.stdout and "2 hàng lỗi" in result.stdout


def test_a_problem_in_the_master_names_the_row_too(tmp_path: Path) -> None:
    master = tmp_path / "master.yaml"
    master.write_text(
        "kind: phat_dong\nissuers: [{name: Sở Công Thương}]\nplace: Huế\n"
        "date: 2024-01-02\nsignatories: [{title: Giám đốc, name: A}]\n"
        "recipients: [Bộ]\n",
        encoding="utf-8",
    )
    units = write_csv(tmp_path / "u.csv", ["number", "issuers.0.abbr"], [["1", "SCT"], ["2", ""]])
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out", "-j", 1)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{units}:3: {master}:2:11: issuers[0].abbr: thiếu trường bắt buộc `abbr`"
    ]
    assert docx_files(tmp_path / "out") == ["phat_dong-sct-01.docx"]


def test_yaml_rows_report_their_own_lines(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "u.yaml"
    units.write_text(
        "- number: 1\n  issuers: [{name: Sở, abbr: A}]\n"
        "- number: 2\n  date: 2024-02-30\n  issuers: [{name: Sở, abbr: B}]\n",
        encoding="utf-8",
    )
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out", "-j", 1)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{units}:4:9: date: ngày không tồn tại: `2024-02-30` (gợi ý: tháng 2 năm 2024 có 29 ngày)"
    ]
    assert docx_files(tmp_path / "out") == ["phat_dong-a-01.docx"]


def test_duplicate_names_are_refused_before_anything_is_written(
    master: Path, tmp_path: Path
) -> None:
    rows = good_rows(4)
    rows[3][2] = "SCT2"
    rows[3][0] = "02"  # same kind, abbr and number as line 3
    units = write_csv(tmp_path / "u.csv", HEADER, rows)
    out = tmp_path / "out"
    result = run_batch_cli(master, "--data", units, "--out-dir", out, "-j", 2)
    assert result.exit_code == 1
    assert f"{units}:3, {units}:5: cùng tên tệp ra phat_dong-sct2-02.docx" in result.stderr
    assert "không ghi tệp nào" in result.stderr
    assert list(out.iterdir()) == []  # no document, no manifest, no staging folder


def test_name_pattern_and_year_when_there_is_no_number(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", ["place", "number"], [["Huế", "3"], ["Cà Mau", ""]])
    out = tmp_path / "out"
    result = run_batch_cli(
        master,
        "--data",
        units,
        "--out-dir",
        out,
        "-j",
        1,
        "--name",
        "{kind}-{place}-{number}-r{row}",
    )
    assert result.exit_code == 0, result.stderr
    assert docx_files(out) == ["phat_dong-ca-mau-01-r3.docx", "phat_dong-hue-03-r2.docx"]
    write_csv(tmp_path / "v.csv", ["place", "number", "year"], [["Huế", "", "2025"]])
    master.write_text(
        master.read_text("utf-8").replace("number: 1\n", "").replace("date: 2024-01-15\n", ""),
        encoding="utf-8",
    )
    result = run_batch_cli(master, "--data", tmp_path / "v.csv", "--out-dir", tmp_path / "o2")
    assert docx_files(tmp_path / "o2") == ["phat_dong-sct-2025.docx"]


@pytest.mark.parametrize(
    ("pattern", "abbr"),
    [
        ("../{issuers[0].abbr}", "SCT"),
        ("{issuers[0].abbr}", "../../etc/passwd"),
        ("{issuers[0].abbr}", ".."),
        ("{place}", "x"),
    ],
)
def test_unsafe_names_stay_inside_the_output_folder(
    master: Path, tmp_path: Path, pattern: str, abbr: str
) -> None:
    units = write_csv(tmp_path / "u.csv", ["issuers.0.abbr", "place"], [[abbr, "../../x/y"]])
    out = tmp_path / "a" / "out"
    result = run_batch_cli(master, "--data", units, "--out-dir", out, "--name", pattern, "-j", 1)
    if "/" in abbr:  # not an abbreviation at all: refused as content, nothing written anywhere
        assert result.exit_code == 1 and "issuers[0].abbr" in result.stderr
        assert list(tmp_path.rglob("*.docx")) == []
        return
    assert result.exit_code == 0, result.stderr
    written = [p for p in tmp_path.rglob("*.docx")]
    assert len(written) == 1 and written[0].parent == out
    name = written[0].name
    assert "/" not in name and ".." not in name and not name.startswith(".")


def test_a_pattern_naming_no_field(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(1))
    result = run_batch_cli(
        master, "--data", units, "--out-dir", tmp_path / "out", "--name", "{numbr}-x"
    )
    assert result.exit_code == 1
    assert "`{numbr}` không phải một trường" in result.stderr
    assert not (tmp_path / "out").exists()


def test_same_inputs_give_the_same_bytes(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(20))  # enough for worker processes
    hashes = []
    for jobs, out in ((1, "one"), (2, "two"), (2, "three")):
        result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / out, "-j", jobs)
        assert result.exit_code == 0, result.stderr
        hashes.append([(e.file, e.sha256) for e in manifest(tmp_path / out)])
        assert (tmp_path / out / "manifest.csv").read_bytes() == (
            tmp_path / "one" / "manifest.csv"
        ).read_bytes()
    assert hashes[0] == hashes[1] == hashes[2]
    assert len({h for _, h in hashes[0]}) == 20


def test_existing_files_need_force(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(2))
    out = tmp_path / "out"
    assert run_batch_cli(master, "--data", units, "--out-dir", out).exit_code == 0
    again = run_batch_cli(master, "--data", units, "--out-dir", out)
    assert again.exit_code == 1
    assert "manifest.csv: đã có" in again.stderr and "--force" in again.stderr
    (out / "manifest.csv").unlink()
    (out / "phat_dong-sct2-02.docx").unlink()
    (out / "phat_dong-sct1-01.docx").write_bytes(b"old")
    again = run_batch_cli(master, "--data", units, "--out-dir", out, "-j", 1)
    assert again.exit_code == 1
    assert "phat_dong-sct1-01.docx: tệp đã có; dùng --force để ghi đè" in again.stderr
    assert (out / "phat_dong-sct1-01.docx").read_bytes() == b"old"
    assert [e.status for e in manifest(out)] == ["error", "ok"]
    forced = run_batch_cli(master, "--data", units, "--out-dir", out, "--force", "-q")
    assert forced.exit_code == 0 and forced.stdout == "" and forced.stderr == ""
    assert (out / "phat_dong-sct1-01.docx").read_bytes()[:2] == b"PK"
    assert leftovers(out) == []


def test_fail_fast_writes_nothing(master: Path, tmp_path: Path) -> None:
    rows = good_rows(5)
    rows[2][0] = "0"
    units = write_csv(tmp_path / "u.csv", HEADER, rows)
    out = tmp_path / "out"
    result = run_batch_cli(master, "--data", units, "--out-dir", out, "--fail-fast", "-j", 1)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{units}:4: cột number: number: số văn bản phải từ 1 đến 9999, không phải 0 "
        "(gợi ý: để trống `number` nếu chưa có số)",
        "dừng ở hàng lỗi (--fail-fast); không ghi tệp nào",
    ]
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("u.txt", "x", "không đọc được tệp dữ liệu đuôi `.txt`"),
        ("u.csv", "", "tệp dữ liệu trống"),
        ("u.csv", "number\n".encode("cp1258").decode("latin-1") + "Hu\xe9\n", None),
    ],
)
def test_unusable_data_files(
    master: Path, tmp_path: Path, name: str, content: str, expected: str | None
) -> None:
    units = tmp_path / name
    units.write_bytes(content.encode("latin-1"))
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert (expected or "tệp không phải UTF-8") in result.stderr
    assert not (tmp_path / "out").exists()


def test_progress_line() -> None:
    stream = io.StringIO()
    progress = Progress(1000, stream=stream, enabled=True)
    progress.started -= 2.0
    for _ in range(250):
        progress.update(ok=True)
    progress.update(ok=False)
    line = progress.line()
    assert line.startswith("251/1.000 văn bản (25%) · 12")
    assert "văn bản/giây · còn khoảng 6 giây · 1 hàng lỗi" in line
    assert stream.getvalue().startswith(
        "\r1/1.000"
    )  # drawn at once, then at most 10 times a second
    progress.clear()
    assert stream.getvalue().endswith("\r")


def test_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(10, stream=stream)
    progress.update(ok=True)
    progress.clear()
    assert stream.getvalue() == ""


def test_json_names_each_row_and_locates_its_problems(master: Path, tmp_path: Path) -> None:
    rows = good_rows(3)
    rows[1][0] = "abc"  # line 3: not a number
    units = write_csv(tmp_path / "units.csv", HEADER, rows)
    out = tmp_path / "out"
    result = run_batch_cli(master, "--data", units, "--out-dir", out, "--json")
    assert result.exit_code == 1 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["ok"] is False
    (problem,) = data["diagnostics"]
    assert problem["code"] == "content.type"
    assert problem["location"] == {
        "kind": "content",
        "file": str(units),
        "line": 3,
        "column": None,
        "path": "number",
        "column_name": "number",
    }
    assert problem["text"] == f"{units}:3: cột number: number: phải là một số nguyên"
    assert [(r["row"], r["ok"], r["file"]) for r in data["rows"]] == [
        (2, True, "phat_dong-sct1-01.docx"),
        (3, False, None),
        (4, True, "phat_dong-sct3-03.docx"),
    ]
    assert data["rows"][1]["diagnostics"] == [problem]
    assert docx_files(out) == ["phat_dong-sct1-01.docx", "phat_dong-sct3-03.docx"]


def test_json_when_the_batch_cannot_start(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("", encoding="utf-8")
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["rows"] == []
    assert data["diagnostics"] and all(d["code"] for d in data["diagnostics"])
    assert data["diagnostics"][0]["location"]["file"] == str(units)
