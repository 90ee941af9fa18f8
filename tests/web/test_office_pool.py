"""The warm LibreOffice pool: both ways of driving it, and instances that die or hang."""

from __future__ import annotations

import os
import signal
import time

import pytest

from generator.office_pool import OfficePool, find_uno_python
from generator.pdf import require_soffice
from generator.pipeline import render_content

from .conftest import EXAMPLES, need

LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"


@pytest.fixture(scope="module")
def docx(office) -> bytes:
    return render_content(LAUNCH)


def pids(pool: OfficePool) -> list[int]:
    return [p.pid for s in pool._slots for p in (s.office, s.helper) if p is not None]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie not yet reaped counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1].startswith("Z")
    except OSError:
        return True


@pytest.mark.parametrize("uno", [True, False], ids=["uno", "convert-to"])
def test_pool_converts_and_leaves_nothing_running(docx, uno):
    if uno and find_uno_python(require_soffice()) is None:
        need("python3-uno", "apt-get install python3-uno")
    pool = OfficePool(1, uno=uno)
    with pool:
        first = pool.to_pdf(docx)
        second = pool.to_pdf(docx)
        assert pool.mode == ("uno" if uno else "convert-to")
        running = pids(pool)
    assert first.startswith(b"%PDF-") and second.startswith(b"%PDF-")
    deadline = time.monotonic() + 10
    while not all(gone(p) for p in running) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(gone(p) for p in running)


def test_a_dead_instance_is_restarted(docx):
    with OfficePool(1) as pool:
        pool.to_pdf(docx)
        time.sleep(0.5)  # let the slot come back
        slot = pool._slots[0]
        os.killpg(slot.office.pid, signal.SIGKILL)
        assert pool.to_pdf(docx).startswith(b"%PDF-")


def test_a_hung_instance_is_killed_and_the_document_still_converted(docx):
    with OfficePool(1, timeout=5) as pool:
        pool.to_pdf(docx)
        time.sleep(0.5)
        slot = pool._slots[0]
        stuck = slot.office.pid
        os.killpg(stuck, signal.SIGSTOP)
        try:
            assert pool.to_pdf(docx).startswith(b"%PDF-")
        finally:
            try:
                os.killpg(stuck, signal.SIGKILL)
            except ProcessLookupError:
                pass
        assert slot.office is None or slot.office.pid != stuck
