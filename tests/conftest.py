from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.load import load_content
from generator.pipeline import render_model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "content" / "examples"


@pytest.fixture(scope="session")
def rendered_examples() -> dict[str, bytes]:
    """Every top-level example, rendered once per test session."""
    return {p.stem: render_model(load_content(p)).docx for p in sorted(EXAMPLES.glob("*.yaml"))}
