"""A template's trial render, in a child process with a time and a memory budget.

A template is code: `{% for %}` over a huge range, or a string multiplied by a
billion, hangs or exhausts a machine. The trial render (and the check of the
trial document) runs in a forked child whose address space is capped
(`RLIMIT_AS`) and which is killed when its time is up; either is a located
problem of the template that names the limit. Where processes cannot be
forked, the trial runs in this process, unbounded.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from generator.limits import Limits, current

T = TypeVar("T")


class OverBudget(Exception):
    """The trial went over a limit; `name` is the limit, `str()` the Vietnamese message."""

    def __init__(self, name: str, message: str, limits: Limits):
        self.name = name
        self.hint = limits.hint(name)
        super().__init__(message)


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child(conn: Any, limit_bytes: int, work: Callable[..., Any], args: tuple) -> None:
    import resource

    try:
        cap = _vm_size() + limit_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        result: tuple[str, Any] = ("ok", work(*args))
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, raised there
        result = ("error", (exc, traceback.format_exc()))
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled
        conn.send(("error", (RuntimeError(f"{type(exc).__name__}: {exc}"), "")))
    conn.close()
    os._exit(0)


def bounded(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` within the template budget; raises `OverBudget` when it does not fit."""
    limits = current()
    if not sys.platform.startswith("linux"):
        return work(*args)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, daemon=True, args=(child, limits.template_memory_mb * 2**20, work, args)
    )
    process.start()
    child.close()
    try:
        if not parent.poll(limits.template_seconds):
            raise OverBudget(
                "template_seconds",
                f"tạo thử văn bản từ mẫu chạy quá {limits.template_seconds:g} giây "
                "(có vòng lặp quá lớn?)",
                limits,
            )
        try:
            status, value = parent.recv()
        except EOFError:
            status, value = "memory", None  # killed outright, most likely by the memory cap
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    if status == "memory":
        raise OverBudget(
            "template_memory_mb",
            f"tạo thử văn bản từ mẫu cần quá {limits.template_memory_mb} MB bộ nhớ",
            limits,
        )
    if status == "error":
        error, details = value
        raise error from ChildTraceback(details)
    return value


class ChildTraceback(Exception):
    """Where an error happened in the child process, for the log of an internal error."""
