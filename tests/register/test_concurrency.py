"""Twenty `vanban issue` processes at once on one register get twenty distinct,
consecutive numbers (real processes, a real SQLite file and a real PostgreSQL server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.register.store import Register

from .conftest import content_file

PROCESSES = 20


def test_twenty_clerks_at_once_get_twenty_consecutive_numbers(
    register: str, tmp_path: Path
) -> None:
    content = content_file(tmp_path, number=None)
    out = tmp_path / "out"
    # The installed `vanban` command, beside the interpreter running the tests.
    vanban = [str(Path(sys.executable).parent / "vanban")]
    runs = [
        subprocess.Popen(
            [
                *vanban,
                "issue",
                str(content),
                "--register",
                register,
                "--out-dir",
                str(out),
                "--date",
                "2024-06-01",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    failed = [
        (run.returncode, err)
        for run, (_, err) in zip(runs, outputs, strict=True)
        if run.returncode != 0
    ]
    assert not failed
    said = sorted(
        line.split("Số ")[1].split("/")[0]
        for out_text, _ in outputs
        for line in out_text.splitlines()
        if "Số " in line
    )
    assert said == [f"{n:02d}" for n in range(1, PROCESSES + 1)]
    with Register(register) as reg:
        assert [r.number for r in reg.rows()] == list(range(1, PROCESSES + 1))
    assert len(list(out.glob("*.docx"))) == PROCESSES
