"""`vanban batch`: one document per row of a units file, over a master content file."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from generator.batch.pdfs import batch_pdfs
from generator.batch.progress import Progress, duration, number
from generator.batch.runner import BatchError, BatchOptions, BatchReport, load_master, run_batch
from generator.batch.stop import EXIT_INTERRUPTED
from generator.cli.shown import echo_json, json_option
from generator.diagnostics import Diagnostic
from generator.failures import line as failure_line
from generator.kinds import available_kinds
from generator.produce import template_verdict

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _template_refused(template: Path, master: Path, as_json: bool) -> bool:
    """`vanban template check` on a custom template before any row is rendered; True when it
    has errors. With no known kind in the master there is nothing to check it for: each row
    then reports the kind."""
    kind = load_master(master).data.get("kind")
    if not isinstance(kind, str) or kind not in available_kinds():
        return False
    errors, notes = template_verdict(template, kind)
    if as_json and errors:
        echo_json(False, errors, rows=[])
    elif not as_json:
        for text in [failure_line(e) for e in errors] + notes:
            click.echo(text, err=True)
    return bool(errors)


def _rows(report: BatchReport) -> list[dict[str, Any]]:
    return [
        {
            "row": r.line,
            "ok": r.ok,
            "file": r.file or None,
            "diagnostics": [p.as_dict() for p in r.problems],
        }
        for r in report.results
    ]


def _summary(report: BatchReport) -> str:
    rate = len(report.results) / report.elapsed if report.elapsed > 0 else 0
    text = (
        f"{number(len(report.written))}/{number(len(report.results))} văn bản đã ghi vào "
        f"{report.out_dir} trong {duration(report.elapsed) if report.elapsed >= 1 else number(report.elapsed, 2) + ' giây'}"
        f" ({number(rate)} văn bản/giây)"
    )
    if report.failed:
        text += f"; {number(len(report.failed))} hàng lỗi"
    if report.manifest is not None:
        text += f"; danh sách: {report.manifest}"
    return text


@click.command("batch")
@click.argument("master", type=EXISTING)
@click.option(
    "--data",
    "data",
    required=True,
    type=EXISTING,
    help="Tệp danh sách đơn vị (.csv, .xlsx, .yaml, .json): mỗi hàng một văn bản.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Thư mục ghi các tệp DOCX.",
)
@click.option(
    "--name",
    "pattern",
    metavar="MẪU",
    help="Mẫu tên tệp, ví dụ `{kind}-{issuers[0].abbr}-{number}` (mặc định theo "
    "loại văn bản); `{row}` là số hàng trong tệp dữ liệu.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Số tiến trình chạy song song (mặc định: số nhân CPU).",
)
@click.option("--fail-fast", is_flag=True, help="Dừng ở hàng lỗi đầu tiên và không ghi tệp nào.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--template", type=EXISTING, help="Mẫu DOCX riêng thay cho mẫu của loại văn bản.")
@click.option("-q", "--quiet", is_flag=True, help="Không in tiến độ và dòng tổng kết.")
@click.option(
    "--check",
    "check",
    type=click.Choice(["first", "all", "none"]),
    default="first",
    show_default=True,
    help="Kiểm tra thể thức trước khi ghi: văn bản đầu tiên (mọi hàng dùng chung "
    "một mẫu), tất cả (chậm hơn khoảng 20 lần), hoặc không kiểm tra.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Tạo thêm tệp PDF (cần LibreOffice).")
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Giữ các tệp đã có và trùng khớp (ví dụ sau một lần chạy bị dừng), ghi các "
    "tệp còn thiếu và hoàn tất manifest.csv.",
)
@click.option(
    "--sheet",
    metavar="TÊN",
    help="Trang tính của tệp Excel (mặc định: trang tính đang hiện đầu tiên).",
)
@json_option
def batch_command(
    master: Path,
    data: Path,
    out_dir: Path,
    pattern: str | None,
    jobs: int | None,
    fail_fast: bool,
    force: bool,
    template: Path | None,
    quiet: bool,
    check: str,
    make_pdf: bool,
    skip_existing: bool,
    sheet: str | None,
    as_json: bool,
) -> None:
    """Tạo một văn bản cho mỗi hàng của tệp danh sách DATA, trên nền tệp nội dung mẫu MASTER.

    Mỗi cột của tệp CSV/Excel là đường dẫn một trường (`number`, `date`,
    `issuers.0.abbr`, `signatories.0.name`, `recipients.+` để thêm một nơi
    nhận) hoặc tên tiếng Việt của trường (`Số`, `Ngày`, `Người ký`, ...); cột
    `STT` được bỏ qua; ô trống giữ giá trị của tệp mẫu. Tệp YAML/JSON là danh
    sách các mục, mỗi mục được trộn vào tệp mẫu. Hàng lỗi được báo kèm vị trí,
    các hàng khác vẫn được ghi; manifest.csv trong thư mục ra ghi kết quả từng
    hàng. Ctrl-C dừng an toàn (mã thoát 130); --skip-existing ghi tiếp.
    """
    tracker: list[Progress] = []

    def progress(total: int | None) -> Progress:
        tracker.append(Progress(total))
        return tracker[0]

    err = sys.stderr
    show_progress = not quiet and not as_json and err.isatty()
    options = BatchOptions(
        master,
        data,
        out_dir,
        pattern,
        jobs or default_jobs(),
        fail_fast,
        force,
        template,
        check,
        skip_existing,
        sheet,
    )
    # Outside the batch proper (which stops at safe points by itself), `kill` (SIGTERM)
    # stops the command as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        _batch(options, tracker, progress if show_progress else None, quiet, make_pdf, as_json)
    except KeyboardInterrupt as exc:
        _clear(tracker)
        manifest = getattr(exc, "manifest", None)
        click.echo(
            "đã dừng; các tệp đã ghi đều trọn vẹn, không còn tệp tạm"
            + (
                f"; {manifest} ghi rõ hàng nào đã ghi, hàng nào chưa (chạy lại với "
                "--skip-existing để ghi tiếp)"
                if manifest
                else "; không ghi tệp nào"
            ),
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _batch(
    options: BatchOptions,
    tracker: list[Progress],
    progress: Any,
    quiet: bool,
    make_pdf: bool,
    as_json: bool = False,
) -> None:
    try:
        if options.template is not None and _template_refused(
            options.template, options.master, as_json
        ):
            sys.exit(1)
        report = run_batch(options, progress)
    except BatchError as exc:
        _clear(tracker)
        if as_json:
            echo_json(False, exc.diagnostics(), rows=[])
        else:
            for line in exc.lines:
                click.echo(line, err=True)
        sys.exit(1)
    _clear(tracker)
    if as_json:
        _json_result(report, options, make_pdf)
        return
    for line in report.problem_lines():
        click.echo(line, err=True)
    if report.stopped:
        click.echo("dừng ở hàng lỗi (--fail-fast); không ghi tệp nào", err=True)
    elif report.duplicates:
        click.echo("có hàng trùng tên tệp ra; không ghi tệp nào", err=True)
    elif not quiet:
        click.echo(_summary(report))
    written = [report.out_dir / r.file for r in report.written]
    failed = not report.ok
    if make_pdf and written:
        failed |= not _pdfs(report, options.force or options.skip_existing)
    sys.exit(1 if failed else 0)


def _json_result(report: BatchReport, options: BatchOptions, make_pdf: bool) -> None:
    pdf_problems: list[Diagnostic] = []
    if make_pdf and report.written:
        pdf_problems = batch_pdfs(report, force=options.force or options.skip_existing).problems
    ok = report.ok and not pdf_problems
    echo_json(
        ok,
        [*report.diagnostics(), *pdf_problems],
        out_dir=str(report.out_dir),
        manifest=str(report.manifest) if report.manifest else None,
        stopped=report.stopped,
        rows=_rows(report),
    )
    sys.exit(0 if ok else 1)


def _pdfs(report: BatchReport, force: bool) -> bool:
    """PDFs beside the written documents (`generator.batch.pdfs`), each shown as made."""
    result = batch_pdfs(report, force=force)
    for problem in result.problems:
        click.echo(failure_line(problem), err=True)
    for pdf in result.made.values():
        click.echo(f"  → {pdf}")
    return result.ok


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _clear(tracker: list[Progress]) -> None:
    for progress in tracker:
        progress.clear()
