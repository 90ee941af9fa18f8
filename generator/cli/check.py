"""`vanban check`: does a DOCX follow Nghị định 30/2020/NĐ-CP?

Exit status: 0 when no error-level rule fails, 1 when one does, 2 when a file is
not a readable DOCX (or the rule pack is unusable).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.check import NotADocx, RulePackError, check_docx, load_rules
from generator.cli.shown import echo_json, failed_findings, json_option
from generator.diagnostics import ERROR, Diagnostic, file_location
from generator.regimes import available_regimes

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Bộ quy tắc YAML riêng thay cho bộ quy tắc Nghị định 30 có sẵn.",
)
@click.option("--quiet", "-q", is_flag=True, help="Không liệt kê các quy tắc chưa đánh giá được.")
@click.option(
    "--regime",
    help="Thể thức văn bản (nha_nuoc, dang, doan); không ghi thì đoán theo phần đầu văn bản.",
)
def check_command(
    files: tuple[Path, ...], as_json: bool, rules_path: Path | None, quiet: bool, regime: str | None
) -> None:
    """Kiểm tra thể thức các tệp DOCX FILES theo Nghị định 30/2020/NĐ-CP."""
    try:
        pack = load_rules(rules_path)
    except (RulePackError, OSError) as exc:
        click.echo(f"Lỗi bộ quy tắc: {exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    known = available_regimes()
    if regime is not None and regime not in known:
        click.echo(f"Không có thể thức `{regime}`; có: {', '.join(sorted(known))}", err=True)
        sys.exit(EXIT_UNREADABLE)
    unreadable = failed = False
    results: list[dict] = []
    diagnostics: list[Diagnostic] = []
    for index, path in enumerate(files):
        try:
            report = check_docx(path, pack, name=str(path), regime=regime)
        except NotADocx as exc:
            unreadable = True
            click.echo(f"{path}: {exc}", err=True)
            problem = Diagnostic(
                "check.not_a_docx", ERROR, str(exc), location=file_location(str(path))
            )
            diagnostics.append(problem)
            results.append(
                {
                    "file": str(path),
                    "ok": False,
                    "error": "not_a_docx",
                    "message": str(exc),
                    "diagnostics": [problem.as_dict()],
                }
            )
            continue
        failed = failed or not report.ok
        if as_json:
            found = failed_findings(report)
            diagnostics += found
            results.append({**report.as_dict(), "diagnostics": [f.as_dict() for f in found]})
        else:
            if index:
                click.echo()
            click.echo(report.format_text(show_not_evaluated=not quiet))
    if as_json:
        echo_json(not (unreadable or failed), diagnostics, files=results)
    sys.exit(EXIT_UNREADABLE if unreadable else EXIT_FAILED if failed else EXIT_OK)
