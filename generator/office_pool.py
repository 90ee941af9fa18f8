"""Warm LibreOffice for a long-running process: PDF bytes from DOCX bytes, fast.

Starting LibreOffice costs about a second; converting a small document in a
running one costs a fifth of that. A `soffice --convert-to` started with the
profile of a running instance hands its document to that instance, which
converts it and then exits. So each slot of the pool keeps one instance
started ahead of need, in its own profile (two slots never share one: they
would hand work to each other); a conversion consumes the slot's instance and
the slot at once starts the next one, while other slots serve the requests
that arrive meanwhile.

An instance that dies is replaced; a conversion that goes on longer than
`timeout` is killed with its instance, and the slot starts afresh. When no
warm instance answers, the client LibreOffice converts the document itself
(slower, same result), so the pool never makes a conversion fail that a cold
run would have done.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from generator.pdf import DEFAULT_TIMEOUT, PdfError, default_jobs, pdf_complete, require_soffice

EXIT_WAIT = 3.0
"""Seconds an instance that converted may take to exit before it is taken as still serving."""
READY_WAIT = 20.0
"""Seconds a new instance may take to open its pipe before the slot gives up waiting on it."""


class _Slot:
    """One profile and the instance started on it ahead of the next conversion."""

    def __init__(self, soffice: str, root: Path, n: int) -> None:
        self.soffice = soffice
        self.profile = root / f"profile{n}"
        self.pipe = f"vanban-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.proc: subprocess.Popen[bytes] | None = None

    def _pipe_paths(self) -> list[Path]:
        # LibreOffice puts its pipes in /tmp (else /var/tmp), whatever TMPDIR says.
        name = f"OSL_PIPE_{os.getuid()}_{self.pipe}"
        return [Path("/tmp") / name, Path("/var/tmp") / name]

    def start(self) -> None:
        """Start the next instance (returns at once; `ready()` waits for it)."""
        self.stop()
        self.proc = subprocess.Popen(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--invisible",
                "--nologo",
                "--nodefault",
                "--norestore",
                "--nolockcheck",
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def ready(self, wait: float = READY_WAIT) -> bool:
        """True once the instance listens (its pipe exists); False if it died or is slow."""
        end = time.monotonic() + wait
        while time.monotonic() < end:
            if self.proc is None or self.proc.poll() is not None:
                return False
            if any(p.exists() for p in self._pipe_paths()):
                return True
            time.sleep(0.05)
        return False

    def convert(self, docx: Path, out: Path, timeout: float) -> Path | None:
        """Convert `docx` into `out` with this slot's profile; the PDF, or None."""
        cmd = [
            self.soffice,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            str(docx),
        ]
        client = subprocess.Popen(
            cmd,
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
        pdf = out / f"{docx.stem}.pdf"
        return pdf if pdf_complete(pdf) else None

    def stop(self) -> None:
        if self.proc is not None:
            _kill(self.proc)
            self.proc = None
        for pipe in self._pipe_paths():
            pipe.unlink(missing_ok=True)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


class OfficePool:
    """`size` warm LibreOffice slots serving `to_pdf()` calls from any thread."""

    def __init__(self, size: int | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.size = max(1, size or default_jobs())
        self.timeout = timeout
        self._root: Path | None = None
        self._idle: queue.Queue[_Slot] = queue.Queue()
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> OfficePool:
        """Start every slot's first instance (idempotent). Raises `OfficeMissing`."""
        with self._lock:
            if self._slots or self._closed:
                return self
            soffice = require_soffice()
            self._root = Path(tempfile.mkdtemp(prefix="vanban-office-"))
            for n in range(self.size):
                slot = _Slot(soffice, self._root, n)
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
                    if slot.proc is None or slot.proc.poll() is not None:
                        slot.start()
                    slot.ready()
                    pdf = slot.convert(source, out, self.timeout)
                    if pdf is not None:
                        return pdf.read_bytes()
                    slot.stop()
                raise PdfError("LibreOffice không chuyển được văn bản sang PDF.")
        finally:
            # The next instance starts while this answer goes out.
            threading.Thread(target=self._recycle, args=(slot,), daemon=True).start()

    def _recycle(self, slot: _Slot) -> None:
        """Give `slot` back with a live instance: the one that converted exits after it."""
        if slot.proc is not None:
            try:
                slot.proc.wait(timeout=EXIT_WAIT)
            except subprocess.TimeoutExpired:
                pass  # still serving: keep it
        if not self._closed and (slot.proc is None or slot.proc.poll() is not None):
            slot.start()
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
