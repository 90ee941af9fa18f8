"""The last line of defence: an unexpected error is a bug, told in one Vietnamese line.

Whatever a user feeds in ends in a located problem; anything that still
escapes is vanban's fault. The user gets one line saying so and where the
details are; the details (the traceback) go to a log file, not to the screen.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

import click

EXIT_BUG = 70
"""Exit status of an internal error (`EX_SOFTWARE` of sysexits.h)."""


def log_folder() -> Path:
    """`$VANBAN_LOG_DIR`, else the user's state folder, else the temporary folder."""
    chosen = os.environ.get("VANBAN_LOG_DIR")
    if chosen:
        return Path(chosen)
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(state) / "vanban"


def write_log(exc: BaseException) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = f"vanban {' '.join(sys.argv[1:])}\n{details}"
    for folder in (log_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"vanban-loi-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def report_bug(exc: BaseException) -> int:
    """Tell the user, log the details; the exit status to use."""
    if isinstance(exc, MemoryError):
        what = "hết bộ nhớ"
    elif isinstance(exc, RecursionError):
        what = "dữ liệu lồng nhau quá sâu"
    else:
        what = f"lỗi nội bộ {type(exc).__name__}"
    log = write_log(exc)
    where = f"; chi tiết ở {log}" if log else ""
    click.echo(
        f"vanban: {what} — đây là lỗi của chương trình, không phải của dữ liệu bạn "
        f"nhập{where}; xin gửi tệp đó cùng báo lỗi",
        err=True,
    )
    return EXIT_BUG


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class SafeGroup(click.Group):
    """A command group that turns an unexpected exception into `report_bug`."""

    def main(self, args: list[str] | None = None, *rest: object, **options: object) -> object:
        if args is None:
            # Run as the program: `kill` stops it as Ctrl-C does (cleanly, no traceback).
            signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().main(args, *rest, **options)  # type: ignore[arg-type]
        finally:
            if args is None:
                # Run as the program (not called from Python): its work is done and its
                # result final, so a late Ctrl-C must not turn the exit into a crash.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (
            click.exceptions.ClickException,
            click.exceptions.Exit,
            click.exceptions.Abort,
            SystemExit,
            GeneratorExit,
        ):
            raise
        except KeyboardInterrupt:
            click.echo("đã dừng", err=True)
            ctx.exit(130)
        except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - the point of it
            ctx.exit(report_bug(exc))
