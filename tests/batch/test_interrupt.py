"""A batch stopped part-way (Ctrl-C, a crash, a killed worker) leaves only complete files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.batch import runner
from generator.batch.data import DataFile, Row
from generator.batch.runner import BatchError, BatchOptions, run_batch

from .conftest import (
    HEADER,
    docx_files,
    good_rows,
    leftovers,
    manifest,
    run_batch_cli,
    write_csv,
)


def interrupt_after(count: int, error: type[BaseException] = KeyboardInterrupt):
    """A `DataFile.rows` that stops the batch (in the main process) after `count` rows."""
    rows = DataFile.rows

    def stopping(self: DataFile) -> Iterator[Row]:
        for number, row in enumerate(rows(self)):
            if number == count:
                raise error("stopped")
            yield row

    return stopping


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_mid_batch_leaves_nothing_behind(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(40))
    out = tmp_path / "out"
    staged: list[int] = []
    run = runner.RowRenderer.run

    def counting(self: runner.RowRenderer, row: Row) -> runner.RowResult:
        result = run(self, row)
        staged.append(row.line)
        return result

    monkeypatch.setattr(runner.RowRenderer, "run", counting)
    monkeypatch.setattr(DataFile, "rows", interrupt_after(30))
    with pytest.raises(KeyboardInterrupt):
        run_batch(BatchOptions(master, units, out, jobs=jobs))
    if jobs == 1:
        assert len(staged) == 30  # documents were made, and then thrown away
    assert docx_files(out) == []
    assert leftovers(out) == []
    assert not (out / "manifest.csv").exists()


def test_ctrl_c_from_the_command_line(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(10))
    monkeypatch.setattr(DataFile, "rows", interrupt_after(5))
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out", "-j", 2)
    assert result.exit_code == 130
    assert "đã dừng" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_ctrl_c_while_moving_files_into_place(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(6))
    out = tmp_path / "out"
    replace = os.replace
    moved: list[str] = []

    def stopping(source: str, target: str) -> None:
        if len(moved) == 3 and str(target).endswith(".docx"):
            moved.append("stop")
            raise KeyboardInterrupt
        replace(source, target)
        moved.append(target)

    monkeypatch.setattr(runner.os, "replace", stopping)
    with pytest.raises(KeyboardInterrupt) as caught:
        run_batch(BatchOptions(master, units, out, jobs=1))
    monkeypatch.undo()
    assert len(docx_files(out)) == 3
    for name in docx_files(out):  # those moved in are whole documents
        with zipfile.ZipFile(out / name) as package:
            assert package.testzip() is None
    assert leftovers(out) == []
    # The manifest tells which rows are in place and which are not...
    assert getattr(caught.value, "manifest", None) == out / "manifest.csv"
    entries = manifest(out)
    assert [e.status for e in entries] == ["ok"] * 3 + ["stopped"] * 3
    assert {e.file for e in entries if e.file} == set(docx_files(out))
    # ...a plain re-run refuses to touch the folder, and --skip-existing completes it.
    with pytest.raises(BatchError) as refused:
        run_batch(BatchOptions(master, units, out, jobs=1))
    assert "--skip-existing" in str(refused.value)
    before = {name: (out / name).stat().st_mtime_ns for name in docx_files(out)}
    report = run_batch(BatchOptions(master, units, out, jobs=1, skip_existing=True))
    assert report.ok and len(docx_files(out)) == 6
    assert [e.status for e in manifest(out)] == ["ok"] * 6
    assert all((out / name).stat().st_mtime_ns == t for name, t in before.items())


def test_skip_existing_never_takes_a_different_file_for_the_row(
    master: Path, tmp_path: Path
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(3))
    out = tmp_path / "out"
    run_batch(BatchOptions(master, units, out, jobs=1))
    first = sorted(out.glob("*.docx"))[0]
    first.write_bytes(b"not the document")
    report = run_batch(BatchOptions(master, units, out, jobs=1, skip_existing=True))
    assert not report.ok
    assert "khác với văn bản của hàng này" in " ".join(report.problem_lines())
    assert first.read_bytes() == b"not the document"
    assert [e.status for e in manifest(out)] == ["error", "ok", "ok"]


def test_a_second_batch_into_a_busy_folder_is_refused(master: Path, tmp_path: Path) -> None:
    from generator.batch.folder import FolderLock

    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(3))
    out = tmp_path / "out"
    out.mkdir()
    with FolderLock(out):
        result = run_batch_cli(master, "--data", units, "--out-dir", out)
        assert result.exit_code == 1
        assert "khác đang ghi" in result.stderr
        assert docx_files(out) == []
    assert run_batch_cli(master, "--data", units, "--out-dir", out).exit_code == 0
    assert leftovers(out) == []


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the patched worker reaches the workers only where they are forked",
)
def test_a_killed_worker_stops_the_batch_cleanly(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(40))
    out = tmp_path / "out"
    run = runner.RowRenderer.run

    def dying(self: runner.RowRenderer, row: Row) -> runner.RowResult:
        if row.line == 20:
            os._exit(9)  # as if killed: no clean-up of any kind in the worker
        return run(self, row)

    monkeypatch.setattr(runner.RowRenderer, "run", dying)  # forked workers inherit it
    with pytest.raises(BatchError) as caught:
        run_batch(BatchOptions(master, units, out, jobs=2))
    assert "bị dừng đột ngột" in str(caught.value)
    assert docx_files(out) == []
    assert leftovers(out) == []


def test_a_crash_in_the_main_process(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(12))
    monkeypatch.setattr(DataFile, "rows", interrupt_after(7, MemoryError))
    with pytest.raises(MemoryError):
        run_batch(BatchOptions(master, units, tmp_path / "out", jobs=2))
    assert list((tmp_path / "out").iterdir()) == []


def test_sigterm_stops_the_command_as_ctrl_c_does(
    master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(10))
    rows = DataFile.rows

    def terminated(self: DataFile) -> Iterator[Row]:
        for number, row in enumerate(rows(self)):
            if number == 5:
                os.kill(os.getpid(), signal.SIGTERM)
            yield row

    monkeypatch.setattr(DataFile, "rows", terminated)
    result = run_batch_cli(master, "--data", units, "--out-dir", tmp_path / "out", "-j", 1)
    assert result.exit_code == 130
    assert list((tmp_path / "out").iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back afterwards


def test_staging_left_by_a_killed_batch_is_removed(master: Path, tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    out = tmp_path / "out"
    abandoned = out / f".vanban-batch-{gone.pid}-x1y2"
    abandoned.mkdir(parents=True)
    (abandoned / "2.docx.part").write_bytes(b"PK")
    mine = out / f".vanban-batch-{os.getpid()}-live"  # a batch still running: left alone
    mine.mkdir()
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(2))
    assert run_batch_cli(master, "--data", units, "--out-dir", out, "-j", 1).exit_code == 0
    assert not abandoned.exists() and mine.exists()
