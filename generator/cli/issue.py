"""`vanban issue`: number, date, write and register documents (generator.register.issue)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.render import EXISTING
from generator.cli.shown import echo, echo_json, json_option
from generator.failures import line as failure_line
from generator.register.issue import issue

REGISTER_HELP = "Sổ đăng ký: đường dẫn tệp SQLite, hoặc postgresql://… khi nhiều người dùng chung."


def parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"`{value}` không phải ngày dạng năm-tháng-ngày (ví dụ 2024-01-12)"
        ) from None


@click.command("issue")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
@click.option("--register", "register", required=True, metavar="REG", help=REGISTER_HELP)
@click.option(
    "--date",
    "day",
    callback=parse_day,
    metavar="YYYY-MM-DD",
    help="Ngày ban hành (mặc định: ngày trong tệp nội dung, nếu không có thì hôm nay).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Thư mục ghi văn bản.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Tạo thêm tệp PDF (cần LibreOffice).")
@click.option("--pdf-a", "make_pdf_a", is_flag=True, help="Tạo tệp PDF/A-2b để lưu trữ.")
@json_option
def issue_command(
    contents: tuple[Path, ...],
    register: str,
    day: dt.date | None,
    out_dir: Path,
    make_pdf: bool,
    make_pdf_a: bool,
    as_json: bool,
) -> None:
    """Cấp số và ngày cho các văn bản CONTENTS từ sổ đăng ký văn bản đi, rồi ghi văn bản.

    Cấp cho tất cả hoặc không cấp cho văn bản nào: có lỗi thì không số nào bị dùng
    và không tệp nào được ghi.
    """
    result = issue(
        list(contents), register, date=day, out_dir=out_dir, pdf=make_pdf, pdf_a=make_pdf_a
    )
    if as_json:
        echo_json(
            result.ok,
            [*result.problems, *result.errors],
            issued=[
                {
                    "source": done.source,
                    "number": done.number,
                    "code": done.code,
                    "date": str(done.row.issued_date),
                    "files": [str(p) for p in done.files],
                }
                for done in result.issued
            ],
        )
        sys.exit(0 if result.ok else 1)
    echo(result.problems)
    for error in result.errors:
        click.echo(failure_line(error), err=True)
    if not result.ok:
        click.echo("Không cấp số: sổ đăng ký và thư mục ra không thay đổi.", err=True)
        sys.exit(1)
    for done in result.issued:
        click.echo(f"{done.source}: Số {done.code}, ngày {done.row.issued_date}")
        for path in done.files:
            click.echo(f"  → {path}")
