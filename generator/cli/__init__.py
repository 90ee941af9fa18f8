"""`vanban`: the command line. Commands are thin; the work is in the library."""

from __future__ import annotations

import click

from generator.cli.render import kinds_command, new_command, render_command, validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vanban")
def main() -> None:
    """Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ nội dung YAML ra DOCX."""


for command in (render_command, validate_command, new_command, kinds_command):
    main.add_command(command)
