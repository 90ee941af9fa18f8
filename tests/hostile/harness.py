"""Running the real `vanban` command on hostile input, under a memory and a time bound."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 1_500 * 2**20
"""Address space the command may use: several times a normal run, far below what an attack costs."""
SECONDS = 90
"""Wall-clock bound for one command (a normal one takes a second or two on a busy machine)."""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def vanban(
    *args: object, cwd: Path, env: dict[str, str] | None = None, timeout: float = SECONDS
) -> Run:
    """`vanban ARGS` in a subprocess under `MEMORY`; fails the test if it outlives `timeout`."""
    environment = {**os.environ, "VANBAN_LOG_DIR": str(cwd / "logs"), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_bounded,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def assert_refused(run: Run, *needles: str) -> None:
    """A located refusal: exit 1 or 2, no traceback, and each needle in the message."""
    assert run.code in (1, 2), run.text
    assert "Traceback" not in run.text, run.text
    assert "lỗi của chương trình" not in run.text, run.text
    for needle in needles:
        assert needle in run.text, run.text


def leftovers(folder: Path) -> list[str]:
    """Temporary files or staging folders a command must never leave behind."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.endswith(".part") or p.name.startswith(".vanban-batch-")
    )
