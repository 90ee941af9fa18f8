"""`vanban serve`: the page for office staff, on this machine or an office server."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

PASSWORD_ENV = "VANBAN_PASSWORD"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_password(password_file: Path | None) -> str | None:
    if password_file is not None:
        text = password_file.read_text("utf-8").strip()
        if not text:
            raise click.UsageError(f"{password_file}: tệp mật khẩu trống")
        return text
    return os.environ.get(PASSWORD_ENV) or None


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Địa chỉ nghe; khác 127.0.0.1 thì bắt buộc có mật khẩu.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Tệp chứa mật khẩu (hoặc biến môi trường {PASSWORD_ENV}).",
)
@click.option(
    "--register",
    metavar="REG",
    help="Sổ đăng ký văn bản đi (tệp SQLite hoặc postgresql://…): bật nút Cấp số và xem sổ.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Thư mục ghi văn bản đã cấp số (với --register).",
)
def serve_command(
    host: str, port: int, password_file: Path | None, register: str | None, out_dir: Path
) -> None:
    """Mở trang soạn văn bản trong trình duyệt: http://HOST:PORT/ ."""
    import uvicorn

    from generator.web import Settings, create_app

    password = read_password(password_file)
    if not is_loopback(host) and not password:
        raise click.UsageError(
            f"nghe trên {host} (máy khác truy cập được) thì phải đặt mật khẩu: "
            f"--password-file TỆP hoặc biến môi trường {PASSWORD_ENV}"
        )
    if register:
        from generator.register.store import Register, RegisterError

        try:  # a register that cannot be opened is said now, not at the first Cấp số
            with Register(register) as reg:
                reg.ready()
                where = reg.shown()
        except RegisterError as exc:
            raise click.UsageError(f"--register: {exc}") from exc
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"vanban: mở http://{shown}:{port}/ trong trình duyệt (API: /docs); Ctrl-C để dừng.")
    if password:
        click.echo("vanban: cần mật khẩu (tên người dùng tùy ý) để vào trang.")
    else:
        click.echo("vanban: không đặt mật khẩu; chỉ máy này vào được trang.")
    if register:
        click.echo(f"vanban: cấp số từ sổ {where}; văn bản ghi vào {out_dir}/.")
    settings = Settings(password=password, register=register, out_dir=out_dir)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
