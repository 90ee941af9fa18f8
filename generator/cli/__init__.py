"""`vanban`: the command line. Commands are thin; the work is in the library."""

from __future__ import annotations

import os
import signal
import threading


def _stopped_while_starting(signum: int, frame: object) -> None:
    # Ctrl-C while the program is still loading: stop as after it, without a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C changes nothing
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.write(2, "đã dừng; không ghi tệp nào\n".encode())
    raise SystemExit(130)


_MAIN_THREAD = threading.current_thread() is threading.main_thread()
_default_int = signal.getsignal(signal.SIGINT)
_default_term = signal.getsignal(signal.SIGTERM)
if _MAIN_THREAD:
    signal.signal(signal.SIGINT, _stopped_while_starting)
    signal.signal(signal.SIGTERM, _stopped_while_starting)

# ruff: noqa: E402
import click

from generator.cli.vietnamese import install as speak_vietnamese

# Before the commands are made: some of Click's words are fixed when an option is.
speak_vietnamese()

from generator.cli.batch import batch_command
from generator.cli.check import check_command
from generator.cli.crash import SafeGroup
from generator.cli.issue import issue_command
from generator.cli.pdf import pdf_command, preview_command
from generator.cli.register import register_group
from generator.cli.render import kinds_command, new_command, render_command, validate_command
from generator.cli.serve import serve_command
from generator.cli.template import template_group


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vanban")
def main() -> None:
    """Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ nội dung YAML ra DOCX."""


for command in (render_command, validate_command, new_command, kinds_command):
    main.add_command(command)
main.add_command(template_group)
main.add_command(batch_command)
main.add_command(check_command)
main.add_command(pdf_command)
main.add_command(preview_command)
main.add_command(issue_command)
main.add_command(register_group)
main.add_command(serve_command)

if _MAIN_THREAD:
    signal.signal(
        signal.SIGINT, _default_int if callable(_default_int) else signal.default_int_handler
    )
    signal.signal(signal.SIGTERM, _default_term if _default_term is not None else signal.SIG_DFL)
