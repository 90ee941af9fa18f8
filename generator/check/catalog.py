"""Every check type, by the name rules use in `check:`.

The check modules register themselves with `registry.check` when imported; this
module imports them all, so the registry never has to import its own users.
"""

from __future__ import annotations

from generator.check import checks, decision_checks, layout_checks
from generator.check.registry import REGISTRY, CheckFn

MODULES = (checks, decision_checks, layout_checks)
"""The modules whose `@check` functions make up the catalogue."""


def all_checks() -> dict[str, CheckFn]:
    return REGISTRY
