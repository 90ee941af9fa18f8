"""`vanban render`, `validate`, `new` and `kinds`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.check import check_docx
from generator.content.load import load_content
from generator.kinds import KindError, available_kinds, get_kind
from generator.output import OutputError, write_atomic
from generator.pdf import PdfError, convert_to_pdf
from generator.pipeline import render_model
from generator.problems import ContentError
from generator.render import TemplateRenderError
from generator.templating.lint import check_template
from generator.templating.parts import NotDocx

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def report(problems: ContentError) -> None:
    for problem in problems.problems:
        click.echo(str(problem), err=True)


def template_usable(template: Path, kind: str, checked: dict[str, bool]) -> bool:
    """`vanban template check` on a custom template, once per kind, before anything is
    written: its problems are shown, and False means it has errors and is not used."""
    if kind not in checked:
        try:
            result = check_template(template, kind)
        except NotDocx as exc:
            click.echo(f"{template}: {exc}", err=True)
            checked[kind] = False
            return False
        for problem in result.problems:
            click.echo(f"{template}: {problem}", err=True)
        if result.errors:
            click.echo(f"{template}: mẫu có {len(result.errors)} lỗi, không dùng để tạo văn bản "
                       f"loại `{kind}` (xem `vanban template check {template} --kind {kind}`)",
                       err=True)
        checked[kind] = not result.errors
    return checked[kind]


@click.command("render")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp DOCX cần ghi (chỉ khi có một tệp nội dung).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Thư mục ghi các tệp DOCX.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--template", type=EXISTING, help="Mẫu DOCX riêng thay cho mẫu của loại văn bản.")
@click.option("--no-check", is_flag=True, help="Không kiểm tra thể thức văn bản vừa tạo.")
@click.option("--pdf", "make_pdf", is_flag=True, help="Tạo thêm tệp PDF (cần LibreOffice).")
def render_command(contents: tuple[Path, ...], out_file: Path | None, out_dir: Path,
                   force: bool, template: Path | None, no_check: bool, make_pdf: bool) -> None:
    """Tạo văn bản DOCX từ các tệp nội dung CONTENTS."""
    if out_file is not None and len(contents) > 1:
        raise click.UsageError("-o chỉ dùng với một tệp nội dung; nhiều tệp thì dùng --out-dir")
    failed = False
    planned: dict[Path, Path] = {}
    rendered = []
    checked: dict[str, bool] = {}
    for path in contents:
        try:
            content = load_content(path)
            if template is not None and not template_usable(template, content.kind, checked):
                failed = True
                continue
            result = render_model(content, template)
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
    written = []
    for path, target, result in rendered:
        try:
            write_atomic(target, result.docx, force=force)
        except (OutputError, OSError) as exc:
            click.echo(str(exc) if isinstance(exc, OutputError)
                       else f"{target}: không ghi được tệp: {exc.strerror}", err=True)
            failed = True
            continue
        click.echo(f"{path} → {target}")
        written.append(target)
        if not no_check:
            failed |= not self_check(result.docx, target)
    if make_pdf and written:
        failed |= not to_pdf(written, force)
    sys.exit(1 if failed else 0)


def self_check(docx: bytes, target: Path) -> bool:
    """Run the conformance checker on a written document; report what fails."""
    outcome = check_docx(docx, name=str(target))
    if outcome.errors or outcome.warnings:
        click.echo(outcome.format_text(show_not_evaluated=False), err=True)
    return outcome.ok


def to_pdf(documents: list[Path], force: bool) -> bool:
    """PDFs beside the written documents, in as few LibreOffice runs as there are cores."""
    try:
        for pdf in convert_to_pdf(documents, force=force):
            click.echo(f"  → {pdf}")
    except PdfError as exc:
        click.echo(f"PDF: {exc}", err=True)
        return False
    return True


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
