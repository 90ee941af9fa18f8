"""The work of a batch for each row, and the worker processes that do it.

Rows stream to the workers (`--jobs` processes, each compiling the template
once) in small groups, with a bounded number of groups in flight, so memory
does not grow with the batch. Each worker writes its documents into the
batch's hidden staging folder. Workers ignore Ctrl-C (the main process alone
decides what happens then), die with the main process, and are killed when
the batch stops early.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch import naming
from generator.batch.data import Column, Row
from generator.batch.merge import MergedSource, deep_merge, set_cells, show_path
from generator.batch.stop import StopFlag, die_with_parent
from generator.content.checks import accept_issuer_alias
from generator.content.load import validate_data
from generator.content.source import Source, read_source
from generator.diagnostics import ERROR, ContentLocation, Diagnostic
from generator.kinds import KindError
from generator.problems import ContentError, Problem
from generator.produce import NotConformant, make
from generator.render import TemplateRenderError

GROUP_MAX = 32
"""Rows sent to a worker at a time: enough to make the hand-over cheap, few enough to share work."""
IN_FLIGHT_PER_JOB = 2
"""Groups queued per worker: it never waits for work, and memory stays bounded."""
POLL_SECONDS = 0.2
"""How often the main process, waiting for workers, looks whether it was asked to stop."""


class BatchError(Exception):
    """The batch cannot run, or stopped, and nothing was written; `lines` says why, and
    `problems` holds the located ones among them (for `--json`)."""

    def __init__(self, lines: Sequence[str | Problem]):
        self.problems = [p for p in lines if isinstance(p, Problem)]
        self.lines = [str(p) for p in lines]
        super().__init__("\n".join(self.lines))

    def diagnostics(self) -> list[Diagnostic]:
        """The located problems, and each line that has no place as a `batch.failed`."""
        located = {str(p) for p in self.problems}
        return [
            *self.problems,
            *(Diagnostic("batch.failed", ERROR, t) for t in self.lines if t not in located),
        ]


@dataclass(slots=True)
class RowResult:
    """What became of one row (one is kept per row until the end: slots keep it small)."""

    line: int
    stem: str | None = None
    sha256: str = ""
    staged: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    """Content problems (located in the data file or the master), or the checker's findings
    (located in the row's document) and what they stopped."""
    file: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def describe(problem: Diagnostic, data_name: str, line: int) -> str:
    """A row's problem as one line; one found in the master, or in the row's document,
    says which row it was met in."""
    if isinstance(problem.location, ContentLocation) and problem.location.file == data_name:
        return str(problem)
    return f"{data_name}:{line}: {problem}"


# --- The work done for each row (in a worker process, or in this one) ----------


def load_master(path: Path) -> Source:
    """Read the master content file; `issuer:` becomes `issuers:` before rows are merged over it."""
    source = read_source(Path(path))
    if not source.problems and not isinstance(source.data, dict):
        source.problems.append(
            source.problem(
                (),
                "tệp mẫu phải là một mục `khóa: giá trị` (một văn bản đầy đủ)",
                code="content.type",
            )
        )
    if not source.problems:
        source.problems += list(accept_issuer_alias(source.data, source))
    if source.problems:
        raise BatchError(source.problems)
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
                    source.problems.append(
                        Problem(
                            name,
                            row.line,
                            None,
                            "",
                            "mỗi hàng phải là một mục `khóa: giá trị`",
                            "ví dụ `- number: 5` rồi các trường khác thụt lề bên dưới",
                            code="data.type",
                        )
                    )
            source.problems += row.problems
            return source
        cells = [(self.columns[i].header, self.columns[i].path, value) for i, value in row.cells]
        merged, assigned, conflicts = set_cells(master.data, cells)
        source = MergedSource(name, merged, master, row.line, cells=assigned)
        for header, conflict in conflicts:
            column = next(c for c in self.plan.columns if c.header == header)
            source.problems.append(
                Problem(
                    name,
                    row.line,
                    None,
                    show_path(column.path),
                    conflict.message,
                    conflict.hint,
                    column_name=header,
                    code="data.conflict",
                )
            )
        source.problems += row.problems
        return source

    def run(self, row: Row) -> RowResult:
        result = RowResult(row.line)
        try:
            content = validate_data(self.merged(row))
            check = self.plan.check == "all" or (self.plan.check == "first" and not self.checked)
            rendered = make(
                content, self.plan.template, check=check, name=f"{self.plan.data_name}:{row.line}"
            )
            self.checked |= check
            result.stem = naming.stem_for(rendered, self.plan.pattern, row.line)
        except ContentError as exc:
            result.problems = list(exc.problems)
            return result
        except NotConformant as exc:
            # The checker's findings themselves, each at its place in the document; the
            # report is named for the row (`data.csv:5`), so each says which row it is.
            result.problems = exc.report.diagnostics()
            result.problems.append(
                Problem(
                    self.plan.data_name,
                    row.line,
                    None,
                    "",
                    "văn bản không đạt thể thức nên không được ghi",
                    "sửa nội dung hoặc mẫu, hoặc dùng --check none",
                    code="render.not_conformant",
                )
            )
            return result
        except (KindError, TemplateRenderError) as exc:
            result.problems = [
                Problem(self.plan.data_name, row.line, None, "", str(exc), code="render.template")
            ]
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
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


_worker: RowRenderer | None = None
_master: Source | None = None
"""The master as the main process read it; forked workers start with it already read."""


def _start_worker(plan: Plan, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the main process alone decides what
    # happens then.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
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


def results(
    rows: Iterator[Row],
    plan: Plan,
    jobs: int,
    group: int,
    master: Source | None = None,
    stop: StopFlag | None = None,
) -> Iterator[RowResult]:
    """Each row's result as soon as it is ready (not in row order).

    With `stop`, raises `Interrupted` soon after a stop is asked for; the
    workers are then killed and gone before this returns.
    """
    stop = stop or StopFlag()
    if jobs <= 1:
        renderer = RowRenderer(plan, master)
        for row in rows:
            stop.check()
            yield renderer.run(row)
        stop.check()
        return
    global _master
    _master = master
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_pool_context(),
        initializer=_start_worker,
        initargs=(plan, os.getpid()),
    )
    pending: set[Future[list[RowResult]]] = set()

    def finished(limit: int) -> Iterator[RowResult]:
        nonlocal pending
        while len(pending) > limit:
            stop.check()
            done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()

    complete = False
    try:
        for chunk in _groups(rows, group):
            stop.check()
            pending.add(pool.submit(_run_group, chunk))
            yield from finished(jobs * IN_FLIGHT_PER_JOB - 1)
        yield from finished(0)
        stop.check()
        complete = True
    finally:
        if complete:
            pool.shutdown(wait=True)
        else:
            _kill(pool)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, whatever they are doing, and wait until they are gone."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
