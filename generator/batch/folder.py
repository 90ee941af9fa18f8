"""The output folder of a batch: one batch at a time, documents moved in, what happened recorded.

Two batches into one folder would each think the other's files were theirs
(or errors); a lock file held for the whole run makes the second refuse at
once. Documents are moved into place one atomic rename at a time, checking
between two whether the batch was asked to stop; a stopped move still writes
a manifest that says which rows were written and which were not, so that
`--skip-existing` can finish the job.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.batch import naming
from generator.batch.manifest import ERROR, OK, STOPPED, Entry
from generator.batch.stop import StopFlag
from generator.batch.workers import RowResult, describe
from generator.problems import Problem

LOCK = ".vanban-batch.lock"

try:
    import fcntl
except ImportError:  # not on Windows: there the lock is a file created exclusively
    fcntl = None  # type: ignore[assignment]


class FolderBusy(Exception):
    """Another batch is writing into the same folder."""


class FolderLock:
    """Held while a batch runs in `folder`; removed on the way out."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        busy = FolderBusy(
            f"{self.path.parent}: một lần chạy `vanban batch` khác đang ghi vào "
            "thư mục này; chờ nó xong hoặc chọn --out-dir khác"
        )
        if fcntl is None:
            try:
                self._fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError as exc:
                raise busy from exc
            return self
        while True:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                raise busy from exc
            # The holder before us may have removed the file between our open and our lock:
            # then we locked a file nobody else will see, and must lock the new one.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                os.write(fd, f"{os.getpid()}\n".encode())
                return self
            os.close(fd)

    def __exit__(self, *exc: object) -> None:
        if self._fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked, so no one else holds this file
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


def sha256_of(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def move_into_place(
    done: list[RowResult],
    out_dir: Path,
    data_name: str,
    stop: StopFlag,
    *,
    force: bool,
    skip_existing: bool,
) -> bool:
    """Move staged documents into place, in row order; False if stopped part-way.

    With `skip_existing`, a file already there with the same bytes is the row's
    document (kept as it is); one with other bytes is an error unless `force`.
    """
    for result in done:
        if stop.requested is not None:
            return False
        if not result.ok or result.staged is None or result.stem is None:
            continue
        try:
            target = naming.target(out_dir, result.stem)
        except naming.UnsafeName as exc:
            result.problems = [
                Problem(data_name, result.line, None, "", str(exc), code="output.name")
            ]
            continue
        if os.path.lexists(target) and not force:
            if skip_existing and sha256_of(target) == result.sha256:
                result.file = target.name
                continue
            hint = "tệp đã có, khác với văn bản của hàng này" if skip_existing else "tệp đã có"
            result.problems = [
                Problem(
                    data_name,
                    result.line,
                    None,
                    "",
                    f"{target}: {hint}; dùng --force để ghi đè",
                    code="output.exists",
                )
            ]
            continue
        try:
            os.replace(result.staged, target)
        except OSError as exc:
            result.problems = [
                Problem(
                    data_name,
                    result.line,
                    None,
                    "",
                    f"{target}: không ghi được tệp: {exc.strerror}",
                    code="output.unwritable",
                )
            ]
            continue
        result.file = target.name
    return True


def entries(done: list[RowResult], data_name: str, *, stopped: bool = False) -> list[Entry]:
    """One manifest line per row; after a stop, rows not yet in place say so."""
    out = []
    for r in done:
        if r.file:
            out.append(Entry(r.line, r.file, r.sha256, OK, ""))
        elif stopped and r.ok:
            out.append(
                Entry(
                    r.line,
                    "",
                    "",
                    STOPPED,
                    "chưa ghi: lần chạy bị dừng (chạy lại với --skip-existing để ghi tiếp)",
                )
            )
        else:
            out.append(
                Entry(
                    r.line,
                    "",
                    "",
                    ERROR,
                    " | ".join(describe(p, data_name, r.line) for p in r.problems),
                )
            )
    return out
