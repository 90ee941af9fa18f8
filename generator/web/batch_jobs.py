"""Batches sent from the page: run by the library's batch runner in a thread, zipped.

The uploaded master and units file go into a folder of their own, the batch is
written beside them (with a PDF of each document when asked, as `vanban batch
--pdf` makes them), and the documents with `manifest.csv` become one ZIP kept
in memory; the folder is removed as soon as the batch ends. A finished job is
kept for `KEEP_SECONDS`, and at most `MAX_JOBS` jobs are kept.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch.pdfs import batch_pdfs
from generator.batch.runner import BatchError, BatchOptions, run_batch
from generator.diagnostics import ERROR, Diagnostic
from generator.output import slug

KEEP_SECONDS = 3600
MAX_JOBS = 50


@dataclass
class Job:
    id: str
    state: str = "running"
    stage: str = "documents"
    """`documents` while the documents are written, then `pdf` while they are converted."""
    done: int = 0
    total: int | None = None
    failed: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    """Diagnostics (`Diagnostic.as_dict`), without the server's folder names."""
    zip: bytes | None = None
    name: str = "van-ban.zip"
    ended: float | None = None

    def total_for(self, total: int | None) -> Job:
        """`run_batch`'s progress hook: called with the row count, then told of each row."""
        self.total = total
        return self

    def update(self, *, ok: bool) -> None:
        self.done += 1
        self.failed += not ok


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(
        self,
        master_name: str,
        master: bytes,
        data_name: str,
        data: bytes,
        pattern: str | None = None,
        pdf: bool = False,
    ) -> Job:
        """Start a batch, with a PDF of each document when `pdf`; its files stay in a folder
        of their own until it ends."""
        folder = Path(tempfile.mkdtemp(prefix="vanban-batch-web-"))
        master_path = folder / f"master{_suffix(master_name, '.yaml')}"
        data_path = folder / f"{slug(Path(data_name).stem)}"
        data_path = data_path.with_suffix(_suffix(data_name, ".csv"))
        master_path.write_bytes(master)
        data_path.write_bytes(data)
        job = Job(uuid.uuid4().hex, name=f"{slug(Path(master_name).stem)}.zip")
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        options = BatchOptions(master_path, data_path, out_dir=folder / "out", pattern=pattern)
        run = (job, options, folder, pdf)
        threading.Thread(target=self._run, args=run, daemon=True).start()
        return job

    def _run(self, job: Job, options: BatchOptions, folder: Path, pdf: bool) -> None:
        found: list[Diagnostic] = []
        try:
            report = run_batch(options, job.total_for)
            found = report.diagnostics()
            if pdf and report.written:
                job.stage = "pdf"
                found += batch_pdfs(report).problems
            job.zip = _zip(Path(options.out_dir))
            job.state = "done"
        except BatchError as exc:
            found = exc.diagnostics()
            job.state = "failed"
        except Exception as exc:  # the job reports what stopped it instead of vanishing
            found = [Diagnostic("batch.failed", ERROR, f"lỗi khi tạo văn bản: {exc}")]
            job.state = "failed"
        finally:
            job.problems = [_shown(d.as_dict(), folder) for d in found]
            job.ended = time.monotonic()
            shutil.rmtree(folder, ignore_errors=True)

    def _forget_old(self) -> None:
        now = time.monotonic()
        for job_id, job in list(self._jobs.items()):
            if job.ended is not None and now - job.ended > KEEP_SECONDS:
                del self._jobs[job_id]
        ended = sorted(
            (j for j in self._jobs.values() if j.ended is not None), key=lambda j: j.ended or 0
        )
        while len(self._jobs) >= MAX_JOBS and ended:
            del self._jobs[ended.pop(0).id]


def _suffix(name: str, default: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in (".yaml", ".yml", ".json", ".csv", ".xlsx") else default


def _shown(value: Any, folder: Path) -> Any:
    """A diagnostic (its message, its location, its text) without the server's folder names."""
    if isinstance(value, dict):
        return {key: _shown(item, folder) for key, item in value.items()}
    if isinstance(value, str):
        return value.replace(str(folder / "out") + "/", "").replace(str(folder) + "/", "")
    return value


def _zip(out_dir: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out_dir.iterdir()):
            if path.is_file():
                archive.write(path, path.name)
    return buffer.getvalue()
