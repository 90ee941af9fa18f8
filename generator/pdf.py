"""DOCX to PDF with LibreOffice running headless.

Starting LibreOffice costs far more than converting one small document with it
(about 0.7 s against 50-75 ms on a 2-core machine), so a batch is converted in
as few runs as there are cores: each run gets a share of the documents and its
own temporary profile, because two instances sharing a profile hand their work
to each other instead of running side by side.

A run is treated as hung when it has written nothing for `timeout` seconds; it
is then killed. LibreOffice converts the files of a run in the order given, so
the documents a failed run did not finish are retried, the first of them (the
likely culprit) alone, so that one bad document cannot hold back the others.

Outputs are converted into a temporary directory and moved into place only when
complete, so a PDF that exists is never half-written. Messages of the
exceptions are meant for users and are in Vietnamese.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2"
SOFFICE_ENV = "VANBAN_SOFFICE"
"""Environment variable naming the LibreOffice program to use instead of the one on PATH."""

DEFAULT_TIMEOUT = 60.0
"""Seconds a run may go without finishing a document before it is treated as hung."""

DEFAULT_RETRIES = 2
"""Extra rounds for documents a failed run did not finish (two bad documents in one run
need two: the first retry isolates the first culprit, the second the next one)."""

PDF_FILTER = "pdf:writer_pdf_Export"
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b: LibreOffice's PDF export option `SelectPdfVersion` 2 (JSON filter options,
LibreOffice 7.4 and later). For long-term keeping (nd30-format.md §14), made before signing."""

_POLL = 0.2
_LOG_NOISE = ("convert ", "Warning: failed to launch javaldx")
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


class PdfError(Exception):
    """Base of the errors of PDF conversion; the message is meant for users."""


class OfficeMissing(PdfError):
    """LibreOffice is not installed (or not where `VANBAN_SOFFICE` points)."""

    def __init__(self, detail: str | None = None) -> None:
        text = "Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF."
        if detail:
            text += f" {detail}"
        text += (
            f" Cài đặt bằng lệnh: {INSTALL_HINT}"
            " (thêm sudo nếu không chạy với quyền root). Tệp DOCX vẫn được giữ nguyên."
        )
        super().__init__(text)


class PdfExists(PdfError, FileExistsError):
    """Some output PDFs exist already and `force` was not given; nothing was converted."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        names = ", ".join(str(p) for p in self.paths)
        super().__init__(f"Tệp PDF đã có sẵn, không ghi đè: {names} (dùng --force để ghi đè).")


class ConversionFailed(PdfError):
    """Some documents could not be converted; those that could are in place."""

    def __init__(self, failed: dict[Path, str], done: Sequence[Path]) -> None:
        self.failed = dict(failed)
        self.done = list(done)
        lines = [f"LibreOffice không chuyển được {len(failed)} tệp sang PDF:"]
        lines += [f"  {path}: {why}" for path, why in failed.items()]
        super().__init__("\n".join(lines))


def find_soffice() -> str | None:
    """The LibreOffice program to run: `$VANBAN_SOFFICE`, else `soffice`/`libreoffice` on PATH."""
    override = os.environ.get(SOFFICE_ENV)
    if override:
        return shutil.which(override)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.access(_MAC_SOFFICE, os.X_OK):
        return _MAC_SOFFICE
    return None


def require_soffice() -> str:
    """`find_soffice()`, or `OfficeMissing` with the install command."""
    found = find_soffice()
    if found:
        return found
    override = os.environ.get(SOFFICE_ENV)
    detail = f"{SOFFICE_ENV}={override} không chạy được." if override else None
    raise OfficeMissing(detail)


def default_jobs() -> int:
    """Cores this process may use (the affinity mask counts in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def pdf_complete(path: Path) -> bool:
    """True when `path` looks like a whole PDF: the header, and `%%EOF` near the end."""
    try:
        with path.open("rb") as f:
            if f.read(5) != b"%PDF-":
                return False
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - 1024))
            return b"%%EOF" in f.read()
    except OSError:
        return False


def output_path(docx: Path, out_dir: Path | None) -> Path:
    """Where the PDF of `docx` goes: `out_dir`, or beside the DOCX."""
    return (out_dir if out_dir is not None else docx.parent) / (docx.stem + ".pdf")


def convert_to_pdf(
    docx_paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    force: bool = False,
    retries: int = DEFAULT_RETRIES,
    pdf_a: bool = False,
) -> list[Path]:
    """Convert DOCX files to PDF; return the PDF paths in the order of `docx_paths`.

    `out_dir` (created when missing) receives `<stem>.pdf` for every input; without
    it each PDF is written beside its DOCX. At most `jobs` LibreOffice runs
    (default: the number of cores) share the batch. `timeout` is how long a run may
    go without finishing a document. Existing PDFs are overwritten only with
    `force`; otherwise `PdfExists` is raised before anything is converted.
    `pdf_a` writes PDF/A-2b (for archiving; see `PDF_A_FILTER`).
    Raises `OfficeMissing`, `PdfExists`, `ConversionFailed` (the PDFs that were
    made stay in place, listed in `.done`), `FileNotFoundError`, `ValueError`.
    """
    given = [Path(p) for p in docx_paths]
    if not given:
        return []
    inputs = [p.absolute() for p in given]
    target_dir = Path(out_dir).absolute() if out_dir is not None else None
    # The paths returned are written the way the caller wrote theirs (relative stays relative).
    shown = {
        doc: output_path(g, Path(out_dir) if out_dir is not None else None)
        for g, doc in reversed(list(zip(given, inputs, strict=True)))
    }

    missing = [p for p in inputs if not p.is_file()]
    if missing:
        raise FileNotFoundError("Không tìm thấy tệp: " + ", ".join(str(p) for p in missing))
    unique = list(dict.fromkeys(inputs))
    targets = {doc: output_path(doc, target_dir) for doc in unique}
    _check_distinct(targets)
    if not force:
        existing = [t for t in targets.values() if t.exists()]
        if existing:
            raise PdfExists(existing)
    soffice = require_soffice()
    if target_dir is not None:
        target_dir.mkdir(parents=True, exist_ok=True)

    workers = max(1, min(jobs or default_jobs(), len(unique)))
    done: dict[Path, Path] = {}
    failed: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as scratch:
        batch = _Batch(soffice, Path(scratch), timeout, PDF_A_FILTER if pdf_a else PDF_FILTER)
        pending = unique
        tries = {doc: 0 for doc in unique}
        culprits: list[Path] = []
        while pending:
            runs = [[doc] for doc in culprits]
            runs += _split([d for d in pending if d not in culprits], workers)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                try:
                    results = list(pool.map(batch.run, runs))
                except BaseException:  # Ctrl-C or a failed start: stop the other runs too
                    batch.cancel.set()
                    raise
            pending, culprits = [], []
            for result in results:
                for doc, pdf in result.finished.items():
                    done[doc] = _place(pdf, targets[doc], force)
                left = [doc for doc in result.docs if doc not in result.finished]
                for doc in left:
                    tries[doc] += 1
                    if tries[doc] > retries:
                        failed[doc] = result.reason()
                    else:
                        pending.append(doc)
                if left and left[0] in pending:
                    culprits.append(left[0])
    if failed:
        raise ConversionFailed(failed, [shown[d] for d in unique if d in done])
    return [shown[doc] for doc in inputs]


def _check_distinct(targets: dict[Path, Path]) -> None:
    seen: dict[Path, Path] = {}
    for doc, target in targets.items():
        if target in seen:
            raise ValueError(
                f"Hai tệp cùng cho ra {target}: {seen[target]} và {doc}; hãy đổi tên một tệp."
            )
        seen[target] = doc


def _split(docs: list[Path], parts: int) -> list[list[Path]]:
    """Share `docs` among at most `parts` runs, by size (largest first to the lightest run).

    Two documents with the same name never share a run: they would write the same
    `<stem>.pdf` into its output directory.
    """
    if not docs:
        return []
    runs: list[list[Path]] = [[] for _ in range(min(parts, len(docs)))]
    loads = [0] * len(runs)
    for doc in sorted(docs, key=lambda d: d.stat().st_size, reverse=True):
        order = sorted(range(len(runs)), key=lambda i: loads[i])
        for i in order:
            if all(other.stem != doc.stem for other in runs[i]):
                break
        else:
            runs.append([])
            loads.append(0)
            i = len(runs) - 1
        runs[i].append(doc)
        loads[i] += doc.stat().st_size + 20_000  # fixed cost per document
    # Keep the caller's order inside a run: a failure then points at the right document.
    rank = {doc: n for n, doc in enumerate(docs)}
    return [sorted(run, key=rank.__getitem__) for run in runs if run]


@dataclass
class _RunResult:
    docs: list[Path]
    finished: dict[Path, Path] = field(default_factory=dict)
    hung: bool = False
    returncode: int | None = None
    log: str = ""

    def reason(self) -> str:
        """Why the documents this run left unfinished failed, for users."""
        if self.hung:
            why = "LibreOffice bị treo (hết thời gian chờ)"
        elif self.returncode:
            why = f"LibreOffice dừng với mã lỗi {self.returncode}"
        else:
            why = "LibreOffice không mở được tệp hoặc không ghi ra PDF"
        # The last thing LibreOffice said that is not progress or a harmless Java warning.
        said = [
            line.strip()
            for line in self.log.splitlines()
            if line.strip() and not line.strip().startswith(_LOG_NOISE)
        ]
        return why + (f" ({said[-1]})" if said else "")


class _Batch:
    """Runs LibreOffice on groups of documents, each run with its own profile."""

    def __init__(
        self, soffice: str, scratch: Path, timeout: float, export_filter: str = ""
    ) -> None:
        self.soffice = soffice
        self.export_filter = export_filter or PDF_FILTER
        self.scratch = scratch
        self.timeout = timeout
        self._lock = threading.Lock()
        self._count = 0
        self.cancel = threading.Event()
        """Set to kill every run still going (the caller gave up)."""

    def _new_dir(self) -> Path:
        with self._lock:
            self._count += 1
            n = self._count
        run_dir = self.scratch / f"run{n}"
        run_dir.mkdir()
        return run_dir

    def run(self, docs: list[Path]) -> _RunResult:
        run_dir = self._new_dir()
        out = run_dir / "out"
        out.mkdir()
        profile = run_dir / "profile"
        cmd = [
            self.soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            self.export_filter,
            "--outdir",
            str(out),
            *(str(d) for d in docs),
        ]
        result = _RunResult(docs)
        log_path = run_dir / "log.txt"
        with log_path.open("wb") as log:
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=run_dir,
                    start_new_session=True,  # so a hung run can be killed with its children
                )
            except OSError as exc:
                raise OfficeMissing(f"{self.soffice} không chạy được: {exc.strerror}.") from exc
            result.hung = not self._wait(proc, out)
            result.returncode = proc.returncode
        result.log = log_path.read_text(encoding="utf-8", errors="replace")
        for doc in docs:
            pdf = out / (doc.stem + ".pdf")
            if pdf_complete(pdf):
                result.finished[doc] = pdf
        return result

    def _wait(self, proc: subprocess.Popen[bytes], out: Path) -> bool:
        """Wait for `proc`; kill it when `out` has not changed for `timeout` s. False if killed."""
        last = _progress(out)
        changed = time.monotonic()
        while True:
            try:
                proc.wait(timeout=_POLL)
                return True
            except subprocess.TimeoutExpired:
                pass
            if self.cancel.is_set():
                _kill(proc)
                return False
            now_seen = _progress(out)
            now = time.monotonic()
            if now_seen != last:
                last, changed = now_seen, now
            elif now - changed > self.timeout:
                _kill(proc)
                return False


def _progress(out: Path) -> tuple[int, int]:
    """What a run has written so far: number of files and bytes."""
    count = size = 0
    try:
        with os.scandir(out) as entries:
            for entry in entries:
                count += 1
                try:
                    size += entry.stat().st_size
                except OSError:
                    pass
    except OSError:
        pass
    return count, size


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError, PermissionError):
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _place(pdf: Path, target: Path, force: bool) -> Path:
    """Move a finished PDF to `target` atomically; without `force` never replace a file."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        try:
            os.rename(pdf, tmp)
        except OSError:  # another file system: copy beside the target first
            shutil.copyfile(pdf, tmp)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise PdfExists([target]) from None
            except OSError:  # no hard links here: the check above is the best we can do
                if target.exists():
                    raise PdfExists([target]) from None
                os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
