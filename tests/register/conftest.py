"""Registers to test against: an SQLite file always, and a real PostgreSQL server when
`VANBAN_TEST_POSTGRES` names one (`.ci/run` starts a throwaway cluster and sets it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES
from tests.parts import in_ci, need_tool  # noqa: F401  (test modules import them from here)

POSTGRES_ENV = "VANBAN_TEST_POSTGRES"
LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"
PLAN = EXAMPLES / "ke-hoach-ubnd-tinh-2024.yaml"


def _postgres_database() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = (
            f"{POSTGRES_ENV} is not set: no PostgreSQL server to test the shared register "
            "against (`.ci/run` starts one; or `source .ci/postgres.sh`)"
        )
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = f"vanban_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    info = conninfo_to_dict(url)
    info["dbname"] = name
    target = "postgresql://?" + "&".join(f"{k}={v}" for k, v in info.items())
    assert make_conninfo(target)
    try:
        yield target
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty register of each kind."""
    if request.param == "sqlite":
        yield str(tmp_path / "so-van-ban-di.sqlite")
    else:
        yield from _postgres_database()


@pytest.fixture
def sqlite_register(tmp_path: Path) -> str:
    return str(tmp_path / "so-van-ban-di.sqlite")


def content_file(
    tmp_path: Path, source: Path = LAUNCH, name: str | None = None, **changes: object
) -> Path:
    """A copy of an example content file with some top-level fields changed (None removes)."""
    yaml = YAML()
    data = yaml.load(source.read_text("utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    target = tmp_path / (name or f"{source.stem}-{uuid.uuid4().hex[:6]}.yaml")
    with target.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return target


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
