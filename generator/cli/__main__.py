"""`python -m generator.cli`, the same as the `vanban` program."""

from generator.cli import main

main(prog_name="vanban")
