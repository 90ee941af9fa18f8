"""Run a batch: every data row merged over the master, validated, rendered and written.

Workers (`generator.batch.workers`) write each document into a hidden staging
folder inside the output folder; only when every row is done, and no two
rows want the same file name, are they moved into place, each by one atomic
rename, and the manifest written (`generator.batch.folder`). So a batch
stopped before that (Ctrl-C, SIGTERM, a crash, a killed worker) or refused
(duplicate names, `--fail-fast`) leaves the output folder as it was; one
stopped while files are moved into place leaves complete files and a
manifest saying which rows are written and which are not. The staging folder
is removed on the way out, after the workers are gone; a lock keeps a second
batch out of the folder meanwhile.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch import naming
from generator.batch.data import DataError, DataFile
from generator.batch.folder import FolderBusy, FolderLock, entries, move_into_place
from generator.batch.manifest import MANIFEST, write_manifest
from generator.batch.stop import Interrupted, StopFlag
from generator.batch.workers import (
    BatchError,
    Plan,
    RowRenderer,
    RowResult,
    describe,
    load_master,
    results,
)
from generator.content.source import Source
from generator.diagnostics import ERROR, Diagnostic
from generator.kinds import KindError, get_kind
from generator.render import TemplateRenderError
from generator.render.cache import compiled_template

__all__ = [
    "BatchError",
    "BatchOptions",
    "BatchReport",
    "Interrupted",
    "Plan",
    "RowRenderer",
    "RowResult",
    "describe",
    "load_master",
    "run_batch",
]

STAGING_PREFIX = ".vanban-batch-"
"""Staging folders are `.vanban-batch-<pid>-<random>` inside the output folder."""
SMALL_BATCH = 8
"""Batches of at most this many rows are made in this process."""


@dataclass(frozen=True)
class BatchOptions:
    master: Path
    data: Path
    out_dir: Path = Path("output")
    pattern: str | None = None
    jobs: int = 1
    fail_fast: bool = False
    force: bool = False
    template: Path | None = None
    check: str = "first"
    """Conformance check before a document is staged: `first` (each process's first
    document: every row shares the template), `all` or `none`."""
    skip_existing: bool = False
    sheet: str | None = None


@dataclass
class BatchReport:
    data_name: str
    out_dir: Path
    results: list[RowResult]
    elapsed: float
    manifest: Path | None = None
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    stopped: bool = False
    """`--fail-fast` stopped the batch at a bad row; nothing was written."""

    @property
    def written(self) -> list[RowResult]:
        return [r for r in self.results if r.file]

    @property
    def failed(self) -> list[RowResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.duplicates and not self.stopped

    def diagnostics(self) -> list[Diagnostic]:
        """Every row's problems (each located in the data file, the master, or the row's
        document), then the rows that would write the same file."""
        found: list[Diagnostic] = [p for r in self.failed for p in r.problems]
        for name, rows in self.duplicates.items():
            where = ", ".join(f"{self.data_name}:{r}" for r in rows)
            found.append(
                Diagnostic(
                    "batch.duplicate_name",
                    ERROR,
                    f"{where}: cùng tên tệp ra {name}",
                    "thêm một trường khác vào --name, ví dụ `{row}`",
                )
            )
        return found

    def problem_lines(self) -> list[str]:
        """Every row's problems, in row order, each one naming the data row."""
        lines = []
        for result in self.failed:
            lines += [describe(p, self.data_name, result.line) for p in result.problems]
        for name, rows in self.duplicates.items():
            where = ", ".join(f"{self.data_name}:{r}" for r in rows)
            lines.append(
                f"{where}: cùng tên tệp ra {name} (gợi ý: thêm một trường khác vào "
                "--name, ví dụ `{row}`)"
            )
        return lines


def _prepare(options: BatchOptions, master: Source) -> None:
    """Compile the template before workers start, so forked workers inherit it."""
    try:
        template = options.template or get_kind(str(master.data.get("kind"))).template
        compiled_template(template)
    except (KindError, TemplateRenderError):
        pass  # reported for each row, with its location


def _remove_abandoned_staging(out_dir: Path) -> None:
    """Remove the staging folders of batches whose process is gone (killed outright, so
    that nothing could clean up): their documents were never moved into place."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (PermissionError, OSError):
            pass  # someone else's process, or no way to tell: leave it


def _group_size(total: int | None, jobs: int) -> int:
    if not total:
        return 8
    return max(1, min(32, total // (jobs * 8)))


def run_batch(
    options: BatchOptions, progress: Callable[[int | None], Any] | None = None
) -> BatchReport:
    """Run the batch described by `options`.

    `progress(total)` makes the object told of each finished row
    (`update(ok=...)`). Raises `BatchError` when the batch cannot run or had to
    stop (nothing is then written), and `Interrupted` (a `KeyboardInterrupt`)
    when asked to stop by SIGINT or SIGTERM, once workers and staging are gone.
    """
    with StopFlag() as stop:
        return _run(options, progress, stop)


def _run(
    options: BatchOptions, progress: Callable[[int | None], Any] | None, stop: StopFlag
) -> BatchReport:
    started = time.perf_counter()
    master = load_master(options.master)
    try:
        data = DataFile(options.data, sheet=options.sheet)
    except DataError as exc:
        raise BatchError(exc.problems) from exc
    if options.pattern is not None:
        wrong = naming.check_pattern(options.pattern)
        if wrong:
            raise BatchError(wrong)
    out_dir = Path(options.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = FolderLock(out_dir).__enter__()
    except FolderBusy as exc:
        raise BatchError([str(exc)]) from exc
    except OSError as exc:
        raise BatchError([f"{out_dir}: không tạo được thư mục: {exc.strerror}"]) from exc
    try:
        return _locked(options, progress, stop, master, data, out_dir, started)
    finally:
        lock.__exit__()


def _locked(
    options: BatchOptions,
    progress: Callable[[int | None], Any] | None,
    stop: StopFlag,
    master: Source,
    data: DataFile,
    out_dir: Path,
    started: float,
) -> BatchReport:
    manifest = out_dir / MANIFEST
    if manifest.exists() and not (options.force or options.skip_existing):
        raise BatchError(
            [
                f"{manifest}: đã có (của lần chạy trước); dùng --skip-existing để "
                "ghi tiếp những hàng còn thiếu, --force để ghi đè, hoặc chọn "
                "--out-dir khác"
            ]
        )
    jobs = max(1, options.jobs)
    tracker = progress(data.count()) if progress is not None else None
    total = getattr(tracker, "total", None) if tracker is not None else None
    if total is None and jobs > 1:
        total = data.count()
    if total is not None and total <= SMALL_BATCH:
        jobs = 1  # starting workers would take longer than the whole batch
    _prepare(options, master)
    stop.check()
    try:
        _remove_abandoned_staging(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise BatchError([f"{out_dir}: không tạo được thư mục: {exc.strerror}"]) from exc
    plan = Plan(
        options.master,
        data.name,
        tuple(data.columns),
        staging,
        options.pattern,
        options.template,
        options.check,
    )
    report = BatchReport(data.name, out_dir, [], 0.0)
    stream = results(data.rows(), plan, jobs, _group_size(total, jobs), master, stop)
    try:
        try:
            for result in stream:
                report.results.append(result)
                if tracker is not None:
                    tracker.update(ok=result.ok)
                if options.fail_fast and not result.ok:
                    report.stopped = True
                    break
        finally:
            stream.close()  # workers are gone once this returns
        report.results.sort(key=lambda r: r.line)
        if report.stopped:
            report.results = [r for r in report.results if not r.ok]
            return report
        report.duplicates = naming.duplicates(
            (r.line, f"{r.stem}.docx") for r in report.results if r.ok
        )
        if report.duplicates:
            return report
        stop.check()
        try:
            complete = move_into_place(
                report.results,
                out_dir,
                data.name,
                stop,
                force=options.force,
                skip_existing=options.skip_existing,
            )
        except BaseException as exc:
            # Whatever stopped the moves, the manifest says which files are in place.
            written = write_manifest(manifest, entries(report.results, data.name, stopped=True))
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(signal.SIGINT, written) from exc
            raise
        report.manifest = write_manifest(
            manifest, entries(report.results, data.name, stopped=not complete)
        )
        if not complete:
            raise Interrupted(stop.requested or signal.SIGINT, report.manifest)
        return report
    except DataError as exc:
        raise BatchError([*exc.problems, "không ghi tệp nào"]) from exc
    except BrokenProcessPool as exc:
        stop.check()  # workers killed with the rest of the process group: a stop, not a crash
        raise BatchError(
            ["một tiến trình tạo văn bản bị dừng đột ngột; không ghi tệp nào"]
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        report.elapsed = time.perf_counter() - started
