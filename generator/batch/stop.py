"""Stopping a batch on request, at a safe point, and never leaving a worker behind.

A signal handler that raises wherever the main process happens to be (inside
the process pool's own locks, half-way through writing the manifest) is how
a batch hangs or leaves a lie on disk. Here SIGINT and SIGTERM only set a
flag; the batch looks at it between rows, between waits of a fifth of a
second and between two files moved into place, then stops cleanly. A second
Ctrl-C while it cleans up changes nothing.

Workers must not outlive the main process, even when it is killed outright
(SIGKILL, the OOM killer): on Linux the kernel kills them with it
(`PR_SET_PDEATHSIG`), and everywhere a watch thread ends a worker whose
parent is gone within half a second.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

EXIT_INTERRUPTED = 130
"""Exit status of a batch stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)."""
WATCH_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


class Interrupted(KeyboardInterrupt):
    """The batch was asked to stop (Ctrl-C, SIGTERM) and has stopped cleanly."""

    def __init__(self, signum: int = signal.SIGINT, manifest: Path | None = None):
        self.signum = signum
        self.manifest = manifest
        """The manifest written before stopping, when some documents were already in place."""
        super().__init__(signal.Signals(signum).name)


class StopFlag:
    """While active (`with`), SIGINT and SIGTERM set `requested` instead of raising."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.requested: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested is None:
            self.requested = signum

    def __enter__(self) -> StopFlag:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def check(self) -> None:
        """Raise `Interrupted` if a stop was asked for."""
        if self.requested is not None:
            raise Interrupted(self.requested)


def die_with_parent(parent: int) -> None:
    """In a worker: end this process as soon as `parent` is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watch thread below still does it
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="vanban-parent-watch", daemon=True).start()
