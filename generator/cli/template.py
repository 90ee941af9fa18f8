"""`vanban template check` and `vanban template fields`: tools for template maintainers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli.shown import echo_json, json_option
from generator.diagnostics import ERROR, Diagnostic, file_location
from generator.kinds import KindError, available_kinds, get_kind
from generator.ooxml.package import NotDocx
from generator.templating.fields import context_fields, format_fields
from generator.templating.lint import check_template

TEMPLATE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("template")
def template_group() -> None:
    """Dành cho người soạn mẫu DOCX: kiểm tra mẫu, liệt kê các tên mẫu nhận."""


def _kind(name: str | None):
    if name is None:
        return None
    try:
        return get_kind(name)
    except KindError as exc:
        raise click.BadParameter(str(exc), param_hint="--kind") from exc


@template_group.command("check")
@click.argument("template", type=TEMPLATE)
@click.option(
    "--kind",
    "kind_name",
    metavar="KIND",
    help="Loại văn bản của mẫu (mặc định: đoán theo tên tệp).",
)
@json_option
def check_command(template: Path, kind_name: str | None, as_json: bool) -> None:
    """Kiểm tra mẫu TEMPLATE: thẻ Jinja, tên dùng trong thẻ, các phần bắt buộc, thể thức.

    Mã thoát: 0 khi mẫu không có vấn đề gì, 1 khi có, 2 khi tệp không phải DOCX.
    """
    kind = _kind(kind_name)
    try:
        report = check_template(template, kind)
    except NotDocx as exc:
        click.echo(f"{template}: {exc}", err=True)
        if as_json:
            problem = Diagnostic(
                "template.not_a_docx", ERROR, str(exc), location=file_location(str(template))
            )
            echo_json(False, [problem], template=str(template))
        sys.exit(2)
    except KindError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(f"{template}: {problem}")
        for note in report.notes:
            click.echo(f"{template}: lưu ý: {note}", err=True)
        kind_text = f" (loại `{report.kind}`)" if report.kind else ""
        if report.clean and report.format_checked:
            click.echo(f"{template}{kind_text}: mẫu không có vấn đề gì")
        elif report.clean:
            click.echo(
                f"{template}{kind_text}: thẻ và tên trong mẫu không có lỗi, nhưng chưa "
                "đối chiếu thể thức (xem lưu ý)"
            )
        else:
            click.echo(
                f"{template}{kind_text}: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo"
            )
    sys.exit(0 if report.clean else 1)


@template_group.command("fields")
@click.option(
    "--kind",
    "kind_name",
    metavar="KIND",
    help="Loại văn bản lấy ví dụ (mặc định: loại đầu tiên tìm thấy).",
)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def fields_command(kind_name: str | None, as_json: bool) -> None:
    """Liệt kê các tên mẫu nhận: lồng nhau, với kiểu, ý nghĩa và ví dụ từ tệp nội dung mẫu."""
    try:
        kind = _kind(kind_name) or next(iter(available_kinds().values()), None)
        infos, starter = context_fields(kind)
    except KindError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        data = {
            "kind": kind.name if kind else None,
            "starter": starter,
            "fields": [f.as_dict() for f in infos],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if kind is not None:
        source = f"ví dụ tạo từ {Path(starter).name}" if starter else "loại này không có tệp mẫu"
        click.echo(f"Các tên mẫu loại `{kind.name}` nhận ({source}):")
    click.echo(
        "Trong vòng lặp `{%p for x in danh_sach %}`, phần tử là `x` "
        "(ví dụ `issuers[i].name` viết `{{ x.name }}`).\n"
    )
    click.echo("\n".join(format_fields(infos)))
