"""The real parts tests run (LibreOffice, poppler, Chromium, PostgreSQL): one rule for when
one is missing. A workstation skips, with the reason; CI (CI=true) must have it and fails."""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def need(what: str, hint: str) -> None:
    """Skip when a program is missing on a workstation; in CI it must be there."""
    message = f"{what} is not installed ({hint})"
    if in_ci():
        pytest.fail(f"{message}, and CI=true requires it")
    pytest.skip(message)


def need_tool(name: str) -> None:
    """`need` for one program looked up on PATH."""
    if shutil.which(name) is None:
        need(name, f"`{name}` not found on PATH")
