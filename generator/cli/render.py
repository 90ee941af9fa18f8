"""`vanban render`, `validate`, `new` and `kinds`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.content.load import load_content
from generator.kinds import KindError, available_kinds, get_kind
from generator.problems import ContentError
from generator.produce import Outcome, produce

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def report(problems: ContentError) -> None:
    for problem in problems.problems:
        click.echo(str(problem), err=True)


def show(outcome: Outcome) -> None:
    """Print one content file's outcome: its problems, the conformance findings, the files."""
    for line in outcome.notes:
        click.echo(line, err=True)
    for problem in outcome.problems:
        click.echo(str(problem), err=True)
    report = outcome.report
    if report is not None and (report.errors or report.warnings):
        click.echo(report.format_text(show_not_evaluated=False), err=True)
    for line in outcome.errors:
        click.echo(line, err=True)
    for path in outcome.written:
        arrow = f"{outcome.source} → {path}" if path == outcome.written[0] else f"  → {path}"
        click.echo(arrow)


@click.command("render")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp cần ghi, .docx hoặc .pdf (chỉ khi có một tệp nội dung).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Thư mục ghi các tệp DOCX.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@click.option("--template", type=EXISTING, help="Mẫu DOCX riêng thay cho mẫu của loại văn bản.")
@click.option(
    "--no-check",
    is_flag=True,
    help="Không kiểm tra thể thức trước khi ghi (ghi cả văn bản không đạt).",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Tạo thêm tệp PDF (cần LibreOffice).")
def render_command(
    contents: tuple[Path, ...],
    out_file: Path | None,
    out_dir: Path,
    force: bool,
    template: Path | None,
    no_check: bool,
    make_pdf: bool,
) -> None:
    """Tạo văn bản DOCX từ các tệp nội dung CONTENTS."""
    if out_file is not None and len(contents) > 1:
        raise click.UsageError("-o chỉ dùng với một tệp nội dung; nhiều tệp thì dùng --out-dir")
    if out_file is not None and out_file.suffix.lower() not in (".docx", ".pdf"):
        raise click.UsageError(f"-o {out_file}: tên tệp ra phải có đuôi .docx hoặc .pdf")
    outcomes = produce(
        list(contents),
        out_file=out_file,
        out_dir=out_dir,
        force=force,
        template=template,
        check=not no_check,
        pdf=make_pdf,
    )
    for outcome in outcomes:
        show(outcome)
    sys.exit(0 if all(o.ok for o in outcomes) else 1)


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
@click.argument("kind")
def new_command(kind: str) -> None:
    """In ra tệp nội dung mẫu (có chú thích) cho loại văn bản KIND."""
    # Looked up when run, not when imported: a kind in `VANBAN_TEMPLATES` counts too.
    names = _kind_names()
    if kind not in names:
        raise click.BadParameter(
            f"loại `{kind}` không có; các loại: {', '.join(names)}", param_hint="KIND"
        )
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
