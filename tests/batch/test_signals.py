"""Real signals against the real `vanban batch`, at random moments, and real concurrent runs.

Whatever moment a batch is stopped at, afterwards: the process is gone within
seconds and so are its workers, no temporary file or staging folder is left,
and the folder tells the truth: either nothing was written (no manifest, no
document) or the manifest lists every document there, with its hash, and says
which rows were not written; a re-run (with `--skip-existing`) completes it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import HEADER, good_rows, write_csv

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="process groups and /proc as on Linux"
)

ROWS = 300
STOPPED_WITHIN = 10.0
"""Seconds a stopped batch may take to be gone (a couple, on a busy shared 2-core machine)."""


def start(master: Path, units: Path, out: Path, *extra: object) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "batch",
            str(master),
            "--data",
            str(units),
            "--out-dir",
            str(out),
            "--check",
            "none",
            "-q",
            *map(str, extra),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def group_gone(pgid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_truthful(out: Path) -> dict[int, str]:
    """The folder after a batch: only complete files, and a manifest that matches them."""
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert not [n for n in names if n.endswith(".part") or n.startswith(".vanban-batch-")], names
    docx = {n for n in names if n.endswith(".docx")}
    manifest = out / "manifest.csv"
    if not manifest.exists():
        assert docx == set(), "documents written but no manifest"
        return {}
    with open(manifest, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    listed = {r["file"]: r for r in rows if r["file"]}
    assert set(listed) == docx
    for name, row in listed.items():
        assert row["status"] == "ok"
        assert sha256(out / name) == row["sha256"]
    assert {r["status"] for r in rows} <= {"ok", "stopped"}
    return {int(r["row"]): r["status"] for r in rows}


@pytest.fixture
def units(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "u.csv", HEADER, good_rows(ROWS))


def _stop_and_check(
    master: Path,
    units: Path,
    out: Path,
    jobs: int,
    delay: float,
    signals: list[int],
    to_group: bool,
) -> None:
    process = start(master, units, out, "-j", jobs)
    time.sleep(delay)
    for number, signum in enumerate(signals):
        if number:
            time.sleep(random.uniform(0.0, 0.15))
        try:
            if to_group:
                os.killpg(process.pid, signum)
            else:
                os.kill(process.pid, signum)
        except ProcessLookupError:
            break
    try:
        _, stderr = process.communicate(timeout=STOPPED_WITHIN)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"batch still running {STOPPED_WITHIN} s after {signals} at {delay:.2f} s")
    assert group_gone(process.pid, 5.0), "a worker outlived the batch"
    assert "Traceback" not in stderr, stderr
    assert process.returncode in (0, 130), (process.returncode, stderr)
    if process.returncode == 130:
        assert "đã dừng" in stderr
    assert_truthful(out)
    # Resuming finishes the job, whatever state the stop left.
    resumed = start(master, units, out, "-j", jobs, "--skip-existing")
    _, stderr = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, stderr
    statuses = assert_truthful(out)
    assert len(statuses) == ROWS and set(statuses.values()) == {"ok"}


@pytest.mark.parametrize("trial", range(6))
def test_ctrl_c_at_a_random_moment(master: Path, units: Path, tmp_path: Path, trial: int) -> None:
    rng = random.Random(trial)
    _stop_and_check(
        master,
        units,
        tmp_path / "out",
        jobs=1 + trial % 2,
        delay=rng.uniform(0.2, 2.5),
        signals=[signal.SIGINT],
        to_group=True,
    )


@pytest.mark.parametrize("trial", range(4))
def test_two_ctrl_c(master: Path, units: Path, tmp_path: Path, trial: int) -> None:
    rng = random.Random(100 + trial)
    _stop_and_check(
        master,
        units,
        tmp_path / "out",
        jobs=2,
        delay=rng.uniform(0.2, 2.5),
        signals=[signal.SIGINT, signal.SIGINT],
        to_group=True,
    )


@pytest.mark.parametrize("trial", range(4))
def test_sigterm_to_the_main_process(master: Path, units: Path, tmp_path: Path, trial: int) -> None:
    rng = random.Random(200 + trial)
    _stop_and_check(
        master,
        units,
        tmp_path / "out",
        jobs=1 + trial % 2,
        delay=rng.uniform(0.2, 2.5),
        signals=[signal.SIGTERM],
        to_group=False,
    )


@pytest.mark.parametrize("trial", range(3))
def test_workers_die_with_a_killed_main_process(master: Path, tmp_path: Path, trial: int) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(3000))
    process = start(master, units, tmp_path / "out", "-j", 2)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.05)
        workers = children(process.pid)
    assert len(workers) == 2, "the workers never started"
    time.sleep(random.Random(trial).uniform(0.0, 0.5))
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)  # returns only once no one holds our pipes any more
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.05)
    alive = [
        pid
        for pid in workers
        if Path(f"/proc/{pid}").exists()
        and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:1]
    ]
    assert alive == []
    # The next batch into the folder cleans up what the killed one could not.
    again = start(master, units, tmp_path / "out", "-j", 2)
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert set(assert_truthful(tmp_path / "out").values()) == {"ok"}


@pytest.mark.parametrize("trial", range(4))
def test_two_batches_into_one_folder(master: Path, tmp_path: Path, trial: int) -> None:
    units = write_csv(tmp_path / "u.csv", HEADER, good_rows(ROWS))
    out = tmp_path / "out"
    first = start(master, units, out, "-j", 1)
    time.sleep(random.Random(300 + trial).uniform(0.0, 1.5))
    second = start(master, units, out, "-j", 1)
    results = [(p.returncode, p.communicate(timeout=120)[1]) for p in (first, second)]
    results = [(p.returncode, err) for p, (_, err) in zip((first, second), results, strict=True)]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "khác đang ghi" in loser or "đã có" in loser, loser
    statuses = assert_truthful(out)
    assert len(statuses) == ROWS and set(statuses.values()) == {"ok"}
