"""`vanban render`, `validate`, `new` and `kinds`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.shown import WARNING, echo, echo_json, failed_findings, json_option, said
from generator.content.load import load_content
from generator.diagnostics import Diagnostic
from generator.failures import line as failure_line
from generator.kinds import KindError, available_kinds, get_kind
from generator.problems import ContentError
from generator.produce import Outcome, produce

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def diagnostics_of(outcome: Outcome) -> list[Diagnostic]:
    """Everything one content file's outcome has to say, as diagnostics (for `--json`)."""
    return [
        *said(outcome.notes, "render.note", WARNING),
        *outcome.problems,
        *failed_findings(outcome.report),
        *outcome.errors,
    ]


def outcome_dict(outcome: Outcome) -> dict[str, object]:
    return {
        "source": str(outcome.source),
        "ok": outcome.ok,
        "written": [str(p) for p in outcome.written],
        "diagnostics": [d.as_dict() for d in diagnostics_of(outcome)],
    }


def show(outcome: Outcome) -> None:
    """Print one content file's outcome: its problems, the conformance findings, the files."""
    for note in outcome.notes:
        click.echo(note, err=True)
    echo(outcome.problems)
    report = outcome.report
    if report is not None and (report.errors or report.warnings):
        click.echo(report.format_text(show_not_evaluated=False), err=True)
    for error in outcome.errors:
        click.echo(failure_line(error), err=True)
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
@json_option
def render_command(
    contents: tuple[Path, ...],
    out_file: Path | None,
    out_dir: Path,
    force: bool,
    template: Path | None,
    no_check: bool,
    make_pdf: bool,
    as_json: bool,
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
    ok = all(o.ok for o in outcomes)
    if as_json:
        echo_json(
            ok,
            [d for o in outcomes for d in diagnostics_of(o)],
            files=[outcome_dict(o) for o in outcomes],
        )
    else:
        for outcome in outcomes:
            show(outcome)
    sys.exit(0 if ok else 1)


@click.command("validate")
@click.argument("contents", nargs=-1, required=True, type=EXISTING)
@json_option
def validate_command(contents: tuple[Path, ...], as_json: bool) -> None:
    """Kiểm tra các tệp nội dung, báo mọi lỗi cùng vị trí của chúng."""
    files = []
    for path in contents:
        try:
            load_content(path)
        except ContentError as exc:
            files.append((path, exc.problems))
            if not as_json:
                echo(exc.problems)
        else:
            files.append((path, []))
            if not as_json:
                click.echo(f"{path}: hợp lệ")
    ok = not any(problems for _, problems in files)
    if as_json:
        echo_json(
            ok,
            [p for _, problems in files for p in problems],
            files=[
                {
                    "file": str(path),
                    "ok": not problems,
                    "diagnostics": [p.as_dict() for p in problems],
                }
                for path, problems in files
            ],
        )
    sys.exit(0 if ok else 1)


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
