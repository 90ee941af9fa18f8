"""`vanban render`, `validate`, `new` and `kinds`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.content.load import load_content
from generator.kinds import KindError, available_kinds, get_kind
from generator.output import OutputError, write_atomic
from generator.pipeline import render_model
from generator.problems import ContentError
from generator.render import TemplateRenderError

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def report(problems: ContentError) -> None:
    for problem in problems.problems:
        click.echo(str(problem), err=True)


@click.command("render")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp DOCX cần ghi (chỉ khi có một tệp nội dung).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Thư mục ghi các tệp DOCX.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--template", type=EXISTING, help="Mẫu DOCX riêng thay cho mẫu của loại văn bản.")
def render_command(contents: tuple[Path, ...], out_file: Path | None, out_dir: Path,
                   force: bool, template: Path | None) -> None:
    """Tạo văn bản DOCX từ các tệp nội dung CONTENTS."""
    if out_file is not None and len(contents) > 1:
        raise click.UsageError("-o chỉ dùng với một tệp nội dung; nhiều tệp thì dùng --out-dir")
    failed = False
    planned: dict[Path, Path] = {}
    rendered = []
    for path in contents:
        try:
            result = render_model(load_content(path), template)
        except ContentError as exc:
            report(exc)
            failed = True
            continue
        except (KindError, TemplateRenderError) as exc:
            click.echo(f"{path}: {exc}", err=True)
            failed = True
            continue
        target = out_file or out_dir / f"{result.default_stem()}.docx"
        if target in planned:
            click.echo(f"{path}: trùng tên tệp ra {target} với {planned[target]}", err=True)
            failed = True
            continue
        planned[target] = path
        rendered.append((path, target, result))
    for path, target, result in rendered:
        try:
            write_atomic(target, result.docx, force=force)
        except OutputError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        except OSError as exc:
            click.echo(f"{target}: không ghi được tệp: {exc.strerror}", err=True)
            failed = True
            continue
        click.echo(f"{path} → {target}")
    sys.exit(1 if failed else 0)


@click.command("validate")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
def validate_command(contents: tuple[Path, ...]) -> None:
    """Kiểm tra các tệp nội dung, báo mọi lỗi cùng vị trí của chúng."""
    failed = False
    for path in contents:
        try:
            load_content(path)
        except ContentError as exc:
            report(exc)
            failed = True
        else:
            click.echo(f"{path}: hợp lệ")
    sys.exit(1 if failed else 0)


def _kind_names() -> list[str]:
    try:
        return sorted(available_kinds())
    except KindError:
        return []


@click.command("new")
@click.argument("kind", type=click.Choice(_kind_names()))
def new_command(kind: str) -> None:
    """In ra tệp nội dung mẫu (có chú thích) cho loại văn bản KIND."""
    starter = get_kind(kind).starter
    if starter is None:
        raise click.ClickException(f"loại `{kind}` chưa có tệp nội dung mẫu")
    click.echo(starter.read_text("utf-8"), nl=False)


@click.command("kinds")
def kinds_command() -> None:
    """Liệt kê các loại văn bản tìm thấy."""
    try:
        kinds = available_kinds()
    except KindError as exc:
        raise click.ClickException(str(exc)) from exc
    for kind in kinds.values():
        click.echo(f"{kind.name}\t{kind.label}\t{kind.template}")
