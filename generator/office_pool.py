"""Warm LibreOffice for a long-running process: PDF bytes from DOCX bytes, fast.

Starting LibreOffice costs about a second; converting a small document in a
running one costs a fifth of that. Each slot of the pool keeps one instance
running, in its own profile (two instances sharing a profile hand their work
to each other), listening on a pipe of its own, and converts one document at
a time; as many slots as cores serve requests side by side.

A slot talks to its instance through UNO when a Python with LibreOffice's
`uno` module is found (Debian's python3-uno; `uno_convert.py` runs in it, as
the module need not load into the Python running vanban): the instance stays
up between documents. Without one, the slot hands each document to its
instance with `soffice --convert-to` on the same profile; the instance
converts it and exits, and the slot starts the next one in the background.

An instance that dies is restarted; a conversion that goes on longer than
`timeout` is killed with its instance, and the slot starts afresh. A
document two fresh tries could not convert is converted the way `vanban pdf`
does it (its own LibreOffice run), so the pool never makes a conversion fail
that a cold run would have done.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import uuid
from functools import cache
from pathlib import Path

from generator.pdf import (
    DEFAULT_TIMEOUT,
    PdfError,
    convert_to_pdf,
    default_jobs,
    pdf_complete,
    require_soffice,
)

UNO_PYTHON_ENV = "VANBAN_UNO_PYTHON"
"""The Python with LibreOffice's `uno` module to run the helper with; empty: do without."""
HELPER = Path(__file__).with_name("uno_convert.py")
EXIT_WAIT = 3.0
"""Seconds an instance that converted by `--convert-to` may take to exit (it then does)."""
READY_WAIT = 30.0
"""Seconds a new instance may take to listen before the slot gives up waiting on it."""


@cache
def find_uno_python(soffice: str) -> str | None:
    """A Python that can `import uno`: `$VANBAN_UNO_PYTHON`, LibreOffice's own, the system's."""
    override = os.environ.get(UNO_PYTHON_ENV)
    if override is not None:
        candidates = [override] if override else []
    else:
        program = Path(os.path.realpath(soffice)).parent
        candidates = [str(program / "python"), "/usr/bin/python3", sys.executable]
    for candidate in candidates:
        found = shutil.which(candidate)
        if not found:
            continue
        try:
            done = subprocess.run([found, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return found
    return None


def _kill(proc: subprocess.Popen | None) -> None:
    """Kill `proc` and its whole session (LibreOffice's launcher leaves `soffice.bin` behind
    when only the launcher dies)."""
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


class _Slot:
    """One profile, the instance running on it, and (with UNO) the helper driving it."""

    def __init__(self, soffice: str, uno_python: str | None, root: Path, n: int) -> None:
        self.soffice = soffice
        self.uno_python = uno_python
        self.profile = root / f"profile{n}"
        self.pipe = f"vanban-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.office: subprocess.Popen[bytes] | None = None
        self.helper: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.listening = False
        """The helper said `ready`: it is connected to the instance."""

    def _pipe_paths(self) -> list[Path]:
        # LibreOffice puts its pipes in /tmp (else /var/tmp), whatever TMPDIR says.
        name = f"OSL_PIPE_{os.getuid()}_{self.pipe}"
        return [Path("/tmp") / name, Path("/var/tmp") / name]

    def _base(self) -> list[str]:
        return [
            self.soffice,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
        ]

    def alive(self) -> bool:
        up = self.office is not None and self.office.poll() is None
        return up and (
            self.uno_python is None or (self.helper is not None and self.helper.poll() is None)
        )

    def start(self) -> None:
        """Start the instance (and its helper); returns at once, `ready()` waits."""
        self.stop()
        self.pipe = f"vanban-{os.getpid()}-{uuid.uuid4().hex[:8]}"  # never one a stray still holds
        self.office = subprocess.Popen(
            [*self._base(), "--nodefault", f"--accept=pipe,name={self.pipe};urp;"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if self.uno_python is None:
            return
        self.helper = subprocess.Popen(
            [self.uno_python, str(HELPER), self.pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.helper, self.lines), daemon=True).start()

    @staticmethod
    def _read(helper: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert helper.stdout is not None
        for line in helper.stdout:
            lines.put(line.strip())
        lines.put(None)  # the helper is gone

    def _answer(self, wait: float) -> str | None:
        try:
            return self.lines.get(timeout=wait)
        except queue.Empty:
            return None

    def ready(self) -> bool:
        """True once the instance listens; False if it died or is too slow."""
        if self.uno_python is not None:
            if not self.listening:
                self.listening = self._answer(READY_WAIT) == "ready"
            return self.listening
        end = READY_WAIT
        while end > 0:
            if self.office is None or self.office.poll() is not None:
                return False
            if any(p.exists() for p in self._pipe_paths()):
                return True
            threading.Event().wait(0.05)
            end -= 0.05
        return False

    def convert(self, docx: Path, out: Path, timeout: float) -> Path | None:
        """Convert `docx` into `out/<stem>.pdf` in this slot's instance; the PDF, or None."""
        pdf = out / f"{docx.stem}.pdf"
        if self.uno_python is not None and self.helper is not None:
            assert self.helper.stdin is not None
            try:
                self.helper.stdin.write(f"{docx}\t{pdf}\n")
                self.helper.stdin.flush()
            except OSError:
                return None
            answer = self._answer(timeout)
            if answer is None:  # stuck or gone
                self.stop()
                return None
            return pdf if answer == "ok" and pdf_complete(pdf) else None
        client = subprocess.Popen(
            [
                *self._base(),
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out),
                str(docx),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=out,
            start_new_session=True,
        )
        try:
            client.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(client)
            self.stop()  # the instance is the one stuck
            return None
        return pdf if pdf_complete(pdf) else None

    def settle(self) -> None:
        """After `--convert-to`, the instance exits: wait for it, so it is started anew."""
        if self.uno_python is None and self.office is not None:
            try:
                self.office.wait(timeout=EXIT_WAIT)
            except subprocess.TimeoutExpired:
                pass  # still serving: keep it

    def stop(self) -> None:
        if self.helper is not None and self.helper.stdin is not None:
            try:
                self.helper.stdin.close()
            except OSError:
                pass
        _kill(self.helper)
        _kill(self.office)
        self.helper = self.office = None
        self.listening = False
        for pipe in self._pipe_paths():
            pipe.unlink(missing_ok=True)


class OfficePool:
    """`size` warm LibreOffice slots serving `to_pdf()` calls from any thread."""

    def __init__(
        self, size: int | None = None, *, timeout: float = DEFAULT_TIMEOUT, uno: bool = True
    ) -> None:
        self.size = max(1, size or default_jobs())
        self.timeout = timeout
        self.uno = uno
        """Drive the instances through UNO when a Python with `uno` is found."""
        self.mode = ""
        """`uno` or `convert-to`, once started."""
        self._root: Path | None = None
        self._idle: queue.Queue[_Slot] = queue.Queue()
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> OfficePool:
        """Start every slot's instance (idempotent; returns at once). Raises `OfficeMissing`."""
        with self._lock:
            if self._slots or self._closed:
                return self
            soffice = require_soffice()
            uno_python = find_uno_python(soffice) if self.uno else None
            self.mode = "uno" if uno_python else "convert-to"
            self._root = Path(tempfile.mkdtemp(prefix="vanban-office-"))
            for n in range(self.size):
                slot = _Slot(soffice, uno_python, self._root, n)
                slot.start()
                self._slots.append(slot)
                self._idle.put(slot)
        return self

    def to_pdf(self, docx: bytes, stem: str = "van-ban") -> bytes:
        """The PDF of a DOCX given as bytes. Raises `PdfError`, `OfficeMissing`."""
        self.start()
        if self._closed:
            raise PdfError("LibreOffice đã dừng (máy chủ đang tắt).")
        slot = self._idle.get()
        try:
            with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as scratch:
                folder = Path(scratch)
                source = folder / f"{stem}.docx"
                source.write_bytes(docx)
                out = folder / "out"
                out.mkdir()
                for _ in range(2):  # a dead or stuck instance gets one fresh try
                    if not slot.alive():
                        slot.start()
                    if slot.ready() or slot.uno_python is None:
                        pdf = slot.convert(source, out, self.timeout)
                        if pdf is not None:
                            return pdf.read_bytes()
                    slot.stop()
                (pdf,) = convert_to_pdf([source], folder / "cold", jobs=1, timeout=self.timeout)
                return pdf.read_bytes()
        finally:
            threading.Thread(target=self._recycle, args=(slot,), daemon=True).start()

    def _recycle(self, slot: _Slot) -> None:
        """Give `slot` back with a live instance, started while the answer goes out."""
        slot.settle()
        with self._lock:
            if self._closed:
                slot.stop()
                return
            if not slot.alive():
                slot.start()
        if slot.uno_python is not None and not slot.ready():
            slot.stop()  # the next conversion starts it again
        self._idle.put(slot)

    def close(self) -> None:
        """Stop every instance and remove the profiles."""
        with self._lock:
            self._closed = True
            for slot in self._slots:
                slot.stop()
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self) -> OfficePool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
