"""How every command shows diagnostics: one line each on stderr, or one JSON object on stdout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from generator.check.report import Report
from generator.diagnostics import ERROR, WARNING, Diagnostic, json_report

JSON_HELP = "In kết quả dạng JSON: {ok, diagnostics, …} (cho công cụ khác)."


def json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help=JSON_HELP)(f)


def echo(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def echo_json(ok: bool, diagnostics: Iterable[Diagnostic], **fields: Any) -> None:
    click.echo(json_report(ok, diagnostics, **fields))


def said(lines: Iterable[str], code: str, severity: str = ERROR) -> list[Diagnostic]:
    """Lines the library gives as text (an output or PDF failure, a custom template's
    verdict), as diagnostics for `--json`: each is already a whole sentence with its place."""
    return [Diagnostic(code, severity, line) for line in lines]


def failed_findings(report: Report | None) -> list[Diagnostic]:
    return report.diagnostics() if report is not None else []


__all__ = [
    "ERROR",
    "WARNING",
    "echo",
    "echo_json",
    "failed_findings",
    "json_option",
    "said",
]
