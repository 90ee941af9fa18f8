"""`vanban register list|export`: the outgoing register with the ND30 Phụ lục IV columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from generator.cli.issue import REGISTER_HELP
from generator.output import OutputError
from generator.register.export import export, table
from generator.register.store import Register, RegisterError, Row, is_postgres


def _rows(register: str, year: int | None, issuer: str | None) -> list[Row]:
    if not is_postgres(register) and not Path(register).exists():
        raise click.ClickException(
            f"{register}: chưa có sổ đăng ký này (sổ được tạo khi "
            "cấp số lần đầu bằng `vanban issue`)"
        )
    try:
        with Register(register) as reg:
            return reg.rows(year=year, issuer=issuer)
    except RegisterError as exc:
        raise click.ClickException(str(exc)) from exc


def _filters(function: Callable[..., None]) -> Callable[..., None]:
    function = click.option(
        "--issuer", metavar="ABBR", help="Chỉ văn bản của cơ quan có chữ viết tắt ABBR."
    )(function)
    function = click.option("--year", type=int, help="Chỉ văn bản ban hành năm này.")(function)
    return click.option("--register", required=True, metavar="REG", help=REGISTER_HELP)(function)


@click.group("register")
def register_group() -> None:
    """Sổ đăng ký văn bản đi."""


@register_group.command("list")
@_filters
def list_command(register: str, year: int | None, issuer: str | None) -> None:
    """In sổ đăng ký (các cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP), cách nhau bằng tab."""
    for line in table(_rows(register, year, issuer)):
        click.echo("\t".join(value.replace("\n", " ") for value in line))


@register_group.command("export")
@_filters
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("so-van-ban-di.xlsx"),
    show_default=True,
    help="Tệp ra: .xlsx (in được, A4 ngang) hoặc .csv.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def export_command(
    register: str, year: int | None, issuer: str | None, target: Path, force: bool
) -> None:
    """Xuất sổ đăng ký ra tệp Excel (.xlsx) hoặc CSV."""
    if target.suffix.lower() not in (".xlsx", ".csv"):
        raise click.UsageError(f"-o {target}: tên tệp phải có đuôi .xlsx hoặc .csv")
    rows = _rows(register, year, issuer)
    subtitle = " ".join(x for x in (f"NĂM {year}" if year else "", issuer or "") if x)
    try:
        written = export(rows, target, force=force, subtitle=subtitle)
    except OutputError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{written} ({len(rows)} văn bản)")
