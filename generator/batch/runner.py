"""Run a batch: every data row merged over the master, validated, rendered and written.

Rows stream from the data file to the workers (`--jobs` processes, each
compiling the template once) in small groups, with a bounded number of groups
in flight, so memory does not grow with the batch. Each worker writes its
documents into a hidden staging folder inside the output folder; only when
every row is done, and no two rows want the same file name, are they moved
into place, each by one atomic rename, and the manifest written. So a batch
stopped part-way (Ctrl-C, a crash, a killed worker) or refused (duplicate
names, `--fail-fast`) leaves the output folder as it was; a batch stopped
while files are being moved into place leaves only complete files. The
staging folder is removed on the way out.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch import naming
from generator.batch.data import Column, DataError, DataFile, Row
from generator.batch.manifest import ERROR, MANIFEST, OK, Entry, write_manifest
from generator.batch.merge import MergedSource, deep_merge, set_cells, show_path
from generator.content.checks import accept_issuer_alias
from generator.content.load import validate_data
from generator.content.source import Source, read_source
from generator.kinds import KindError, get_kind
from generator.problems import ContentError, Problem
from generator.produce import NotConformant, make
from generator.render import TemplateRenderError, compiled_template

STAGING_PREFIX = ".vanban-batch-"
"""Staging folders are `.vanban-batch-<pid>-<random>` inside the output folder."""
SMALL_BATCH = 8
"""Batches of at most this many rows are made in this process."""
GROUP_MAX = 32
"""Rows sent to a worker at a time: enough to make the hand-over cheap, few enough to share work."""
IN_FLIGHT_PER_JOB = 2
"""Groups queued per worker: it never waits for work, and memory stays bounded."""


class BatchError(Exception):
    """The batch cannot run, or stopped, and nothing was written; `lines` says why."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


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


@dataclass(slots=True)
class RowResult:
    """What became of one row (one is kept per row until the end: slots keep it small)."""

    line: int
    stem: str | None = None
    sha256: str = ""
    staged: str | None = None
    problems: list[Problem] = field(default_factory=list)
    file: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


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

    def problem_lines(self) -> list[str]:
        """Every row's problems, in row order, each one naming the data row."""
        lines = []
        for result in self.failed:
            lines += [describe(p, self.data_name, result.line) for p in result.problems]
        for name, rows in self.duplicates.items():
            where = ", ".join(f"{self.data_name}:{r}" for r in rows)
            lines.append(f"{where}: cùng tên tệp ra {name} (gợi ý: thêm một trường khác vào "
                         "--name, ví dụ `{row}`)")
        return lines


def describe(problem: Problem, data_name: str, line: int) -> str:
    """A row's problem as one line; one found in the master says which row it was met in."""
    if problem.file == data_name:
        return str(problem)
    return f"{data_name}:{line}: {problem}"


# --- The work done for each row (in a worker process, or in this one) ----------


def load_master(path: Path) -> Source:
    """Read the master content file; `issuer:` becomes `issuers:` before rows are merged over it."""
    source = read_source(Path(path))
    if not source.problems and not isinstance(source.data, dict):
        source.problems.append(source.problem((), "tệp mẫu phải là một mục `khóa: giá trị` "
                                                  "(một văn bản đầy đủ)"))
    if not source.problems:
        source.problems += list(accept_issuer_alias(source.data, source))
    if source.problems:
        raise BatchError([str(p) for p in source.problems])
    return source


@dataclass(frozen=True)
class Plan:
    """What each worker needs to turn rows into staged documents."""

    master: Path
    data_name: str
    columns: tuple[Column, ...]
    staging: Path
    pattern: str | None
    template: Path | None
    check: str = "first"


class RowRenderer:
    """Turns rows into staged documents: merge, validate, lay out, render, name, write."""

    def __init__(self, plan: Plan, master: Source | None = None):
        self.plan = plan
        self.master = master if master is not None else load_master(plan.master)
        self.columns = {c.index: c for c in plan.columns}
        self.checked = False

    def merged(self, row: Row) -> MergedSource:
        name, master = self.plan.data_name, self.master
        if row.source is not None:
            data = row.source.data
            if isinstance(data, dict):
                merged, given = deep_merge(master.data, data)
                source = MergedSource(name, merged, master, row.line, row=row.source, given=given)
            else:
                source = MergedSource(name, dict(master.data), master, row.line, row=row.source)
                if not row.problems:
                    source.problems.append(Problem(
                        name, row.line, None, "", "mỗi hàng phải là một mục `khóa: giá trị`",
                        "ví dụ `- number: 5` rồi các trường khác thụt lề bên dưới"))
            source.problems += row.problems
            return source
        cells = [(self.columns[i].header, self.columns[i].path, value) for i, value in row.cells]
        merged, assigned, conflicts = set_cells(master.data, cells)
        source = MergedSource(name, merged, master, row.line, cells=assigned)
        for header, conflict in conflicts:
            column = next(c for c in self.plan.columns if c.header == header)
            source.problems.append(Problem(name, row.line, None, show_path(column.path),
                                           conflict.message, conflict.hint, column_name=header))
        source.problems += row.problems
        return source

    def run(self, row: Row) -> RowResult:
        result = RowResult(row.line)
        try:
            content = validate_data(self.merged(row))
            check = self.plan.check == "all" or (self.plan.check == "first" and not self.checked)
            rendered = make(content, self.plan.template, check=check,
                            name=f"{self.plan.data_name}:{row.line}")
            self.checked |= check
            result.stem = naming.stem_for(rendered, self.plan.pattern, row.line)
        except ContentError as exc:
            result.problems = list(exc.problems)
            return result
        except NotConformant as exc:
            result.problems = [Problem(self.plan.data_name, row.line, None, "", line.strip())
                               for line in exc.report.format_text(False).splitlines()[1:-1]]
            result.problems.append(Problem(self.plan.data_name, row.line, None, "",
                                           "văn bản không đạt thể thức nên không được ghi",
                                           "sửa nội dung hoặc mẫu, hoặc dùng --check none"))
            return result
        except (KindError, TemplateRenderError) as exc:
            result.problems = [Problem(self.plan.data_name, row.line, None, "", str(exc))]
            return result
        staged = os.path.join(self.plan.staging, f"{row.line}.docx.part")
        _write_new(staged, rendered.docx)
        result.sha256 = hashlib.sha256(rendered.docx).hexdigest()
        result.staged = staged
        return result


def _write_new(path: str, data: bytes) -> None:
    """Write a file that must not exist yet, with plain system calls (the buffered file
    object's extra calls cost more than the write itself for a document this size)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


_worker: RowRenderer | None = None
_master: Source | None = None
"""The master as the main process read it; forked workers start with it already read."""


def _start_worker(plan: Plan) -> None:
    # Ctrl-C reaches the whole process group; the main process alone decides what
    # happens then, and lets the workers finish the group in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker
    _worker = RowRenderer(plan, _master)


def _run_group(rows: list[Row]) -> list[RowResult]:
    assert _worker is not None
    return [_worker.run(row) for row in rows]


def _groups(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    group: list[Row] = []
    for row in rows:
        group.append(row)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def _pool_context() -> Any:
    # Forked workers start at once and inherit the compiled template; elsewhere
    # (macOS, Windows) each worker starts afresh and compiles its own.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


def results(rows: Iterator[Row], plan: Plan, jobs: int, group: int,
            master: Source | None = None) -> Iterator[RowResult]:
    """Each row's result as soon as it is ready (not in row order)."""
    if jobs <= 1:
        renderer = RowRenderer(plan, master)
        for row in rows:
            yield renderer.run(row)
        return
    global _master
    _master = master
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(),
                               initializer=_start_worker, initargs=(plan,))
    pending: set[Future[list[RowResult]]] = set()
    try:
        for chunk in _groups(rows, group):
            pending.add(pool.submit(_run_group, chunk))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --- The batch -----------------------------------------------------------------


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
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
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
    return max(1, min(GROUP_MAX, total // (jobs * 8)))


def _commit(done: list[RowResult], out_dir: Path, force: bool, data_name: str) -> None:
    """Move staged documents into place, in row order, each by one atomic rename."""
    for result in done:
        if not result.ok or result.staged is None or result.stem is None:
            continue
        try:
            target = naming.target(out_dir, result.stem)
        except naming.UnsafeName as exc:
            result.problems = [Problem(data_name, result.line, None, "", str(exc))]
            continue
        if os.path.lexists(target) and not force:
            result.problems = [Problem(data_name, result.line, None, "",
                                       f"{target}: tệp đã có; dùng --force để ghi đè")]
            continue
        try:
            os.replace(result.staged, target)
        except OSError as exc:
            result.problems = [Problem(data_name, result.line, None, "",
                                       f"{target}: không ghi được tệp: {exc.strerror}")]
            continue
        result.file = target.name


def _entries(done: list[RowResult], data_name: str) -> list[Entry]:
    return [
        Entry(r.line, r.file, r.sha256 if r.file else "", OK if r.file else ERROR,
              " | ".join(describe(p, data_name, r.line) for p in r.problems))
        for r in done
    ]


def run_batch(options: BatchOptions,
              progress: Callable[[int | None], Any] | None = None) -> BatchReport:
    """Run the batch described by `options`.

    `progress(total)` makes the object told of each finished row
    (`update(ok=...)`). Raises `BatchError` when the batch cannot run or had to
    stop (nothing is then written), and lets `KeyboardInterrupt` through once
    the staging folder is gone.
    """
    started = time.perf_counter()
    master = load_master(options.master)
    try:
        data = DataFile(options.data)
    except DataError as exc:
        raise BatchError([str(p) for p in exc.problems]) from exc
    if options.pattern is not None:
        wrong = naming.check_pattern(options.pattern)
        if wrong:
            raise BatchError(wrong)
    out_dir = Path(options.out_dir)
    manifest = out_dir / MANIFEST
    if manifest.exists() and not options.force:
        raise BatchError([f"{manifest}: đã có (của lần chạy trước); dùng --force để ghi đè "
                          "hoặc chọn --out-dir khác"])
    jobs = max(1, options.jobs)
    tracker = progress(data.count()) if progress is not None else None
    total = getattr(tracker, "total", None) if tracker is not None else None
    if total is None and jobs > 1:
        total = data.count()
    if total is not None and total <= SMALL_BATCH:
        jobs = 1  # starting workers would take longer than the whole batch
    _prepare(options, master)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_staging(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise BatchError([f"{out_dir}: không tạo được thư mục: {exc.strerror}"]) from exc
    plan = Plan(options.master, data.name, tuple(data.columns), staging, options.pattern,
                options.template, options.check)
    report = BatchReport(data.name, out_dir, [], 0.0)
    stream = results(data.rows(), plan, jobs, _group_size(total, jobs), master)
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
            stream.close()
        report.results.sort(key=lambda r: r.line)
        if report.stopped:
            report.results = [r for r in report.results if not r.ok]
            return report
        report.duplicates = naming.duplicates(
            (r.line, f"{r.stem}.docx") for r in report.results if r.ok)
        if report.duplicates:
            return report
        _commit(report.results, out_dir, options.force, data.name)
        report.manifest = write_manifest(manifest, _entries(report.results, data.name))
        return report
    except DataError as exc:
        raise BatchError([str(p) for p in exc.problems] + ["không ghi tệp nào"]) from exc
    except BrokenProcessPool as exc:
        raise BatchError(["một tiến trình tạo văn bản bị dừng đột ngột; không ghi tệp nào"]) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        report.elapsed = time.perf_counter() - started
