"""Progress of a batch on standard error: count, rate and time left, on one rewritten line."""

from __future__ import annotations

import sys
import time
from typing import TextIO

REFRESH = 0.1
"""Seconds between redraws: often enough to look alive, rarely enough to cost nothing."""


def number(value: float, digits: int = 0) -> str:
    """`1234.5` → `1.234,5`: Vietnamese digit grouping and decimal comma."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def duration(seconds: float) -> str:
    if seconds < 0.5:
        return "dưới 1 giây"
    seconds = round(seconds)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} giờ {minutes:02d} phút"
    if minutes:
        return f"{minutes} phút {seconds:02d} giây"
    return f"{seconds} giây"


class Progress:
    """Redraws `done/total · rate · time left` while a batch runs; silent unless enabled."""

    def __init__(
        self, total: int | None, *, stream: TextIO | None = None, enabled: bool | None = None
    ):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()
        self._drawn = 0.0
        self._width = 0

    def update(self, *, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        if self.enabled:
            now = time.perf_counter()
            if now - self._drawn >= REFRESH:
                self._drawn = now
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.perf_counter()) - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"{number(self.done)}"
        if self.total:
            text += f"/{number(self.total)} văn bản ({self.done * 100 // max(self.total, 1)}%)"
        else:
            text += " văn bản"
        text += f" · {number(rate)} văn bản/giây"
        if self.total and rate > 0 and self.done < self.total:
            text += f" · còn khoảng {duration((self.total - self.done) / rate)}"
        if self.failed:
            text += f" · {number(self.failed)} hàng lỗi"
        return text

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def clear(self) -> None:
        """Remove the progress line before anything else is printed."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
