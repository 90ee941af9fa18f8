"""The register's storage: an SQLite file or a PostgreSQL database, same schema.

Plain drivers (sqlite3, psycopg 3) and a `schema_version` table: the schema is
two tables, and what makes numbering correct (one writer at a time) is written
differently on each database anyway (`BEGIN IMMEDIATE`, an advisory lock).

Every write runs in `Register.transaction()`, which holds the register's write
lock from its first statement to commit, so a number read as free is still free
when it is recorded; the UNIQUE constraint is the last guard.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUSY_SECONDS = 300.0
"""How long a run waits for another clerk's run to finish with the register."""

LOCK_KEY = 0x76616E62616E  # "vanban": the advisory lock every writing run takes
SCHEMA_VERSION = 1

# One list of statements per version; `{id}` is the dialect's auto-numbered key.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE documents (
            id {id},
            scope TEXT NOT NULL,
            series TEXT NOT NULL,
            period TEXT NOT NULL,
            number INTEGER NOT NULL,
            issuer TEXT NOT NULL,
            year INTEGER NOT NULL,
            code_notation TEXT NOT NULL,
            issued_date TEXT NOT NULL,
            type_name TEXT NOT NULL,
            subject TEXT,
            organ_name TEXT NOT NULL,
            signer_position TEXT,
            signer_name TEXT,
            recipients TEXT NOT NULL,
            archive TEXT NOT NULL,
            copies INTEGER,
            pages INTEGER,
            files TEXT NOT NULL,
            source TEXT NOT NULL,
            sent_date TEXT,
            received_by TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (scope, series, period, number)
        )""",
        "CREATE INDEX documents_year_issuer ON documents (year, issuer)",
    ],
]

ID_TYPES = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}

COLUMNS = (
    "scope",
    "series",
    "period",
    "number",
    "issuer",
    "year",
    "code_notation",
    "issued_date",
    "type_name",
    "subject",
    "organ_name",
    "signer_position",
    "signer_name",
    "recipients",
    "archive",
    "copies",
    "pages",
    "files",
    "source",
    "created_at",
)


class RegisterError(Exception):
    """The register cannot be opened or used; the message is for users."""


@dataclass
class Row:
    """One registered document (the columns of `documents`; lists decoded)."""

    scope: str
    series: str
    period: str
    number: int
    issuer: str
    year: int
    code_notation: str
    issued_date: str
    type_name: str
    subject: str | None
    organ_name: str
    signer_position: str | None
    signer_name: str | None
    recipients: list[str]
    archive: str
    copies: int | None
    pages: int | None
    files: list[str]
    source: str
    created_at: str
    sent_date: str | None = None
    received_by: str | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def values(self) -> list[Any]:
        out = []
        for name in COLUMNS:
            value = getattr(self, name)
            out.append(json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value)
        return out


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Register:
    """An open register. Use as a context manager; `transaction()` for every write."""

    def __init__(self, target: str | Path):
        self.target = str(target)
        self.dialect = "postgresql" if is_postgres(self.target) else "sqlite"
        self._conn: Any = self._connect()

    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            import psycopg  # only an office sharing a register needs it loaded

            try:
                return psycopg.connect(self.target, autocommit=True)
            except psycopg.Error as exc:
                raise RegisterError(
                    f"không kết nối được sổ {self.shown()}: {str(exc).strip()}"
                ) from exc
        path = Path(self.target)
        if path.is_dir():
            raise RegisterError(f"{path}: là một thư mục, không phải tệp sổ đăng ký")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are begun here, explicitly, with the lock.
            return sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise RegisterError(f"{path}: không mở được sổ đăng ký: {exc}") from exc

    def shown(self) -> str:
        """The register's name for messages (a URL without its password)."""
        if self.dialect == "sqlite":
            return self.target
        from psycopg.conninfo import conninfo_to_dict

        try:
            info = conninfo_to_dict(self.target)
        except Exception:
            return "postgresql://…"
        return f"postgresql://{info.get('host', '')}/{info.get('dbname', '')}"

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            if _is_db_error(exc):
                raise RegisterError(f"sổ {self.shown()}: {str(exc).strip()}") from exc
            raise

    @contextmanager
    def transaction(self) -> Iterator[Register]:
        """One writing run: the write lock from start to commit; rolled back on any error."""
        if self.dialect == "sqlite":
            self.execute("BEGIN IMMEDIATE")  # takes the write lock now, waiting for others
        else:
            self.execute("BEGIN")
            self.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
        try:
            self._migrate()
            yield self
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except Exception:  # the connection is gone: the server rolls back by itself
                pass
            raise
        self.execute("COMMIT")

    def _migrate(self) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        found = self.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
        if found > SCHEMA_VERSION:
            raise RegisterError(
                f"sổ {self.shown()} được tạo bởi phiên bản vanban mới hơn "
                f"(lược đồ {found}); hãy cập nhật vanban"
            )
        for version in range(found + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                self.execute(statement.format(id=ID_TYPES[self.dialect]))
            self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def ready(self) -> None:
        """Create or upgrade the schema (readers call this before reading)."""
        with self.transaction():
            pass

    def last_number(self, scope: str, series: str, period: str) -> int:
        sql = "SELECT max(number) FROM documents WHERE scope = ? AND series = ? AND period = ?"
        return self.execute(sql, (scope, series, period)).fetchone()[0] or 0

    def taken(self, scope: str, series: str, period: str, number: int) -> Row | None:
        sql = (
            f"SELECT {', '.join(COLUMNS)} FROM documents "
            "WHERE scope = ? AND series = ? AND period = ? AND number = ?"
        )
        found = self.execute(sql, (scope, series, period, number)).fetchone()
        return _row(found) if found else None

    def add(self, row: Row) -> None:
        marks = ", ".join("?" for _ in COLUMNS)
        self.execute(f"INSERT INTO documents ({', '.join(COLUMNS)}) VALUES ({marks})", row.values())

    def rows(self, *, year: int | None = None, issuer: str | None = None) -> list[Row]:
        """The register's documents in its order: issuer, period, number."""
        self.ready()
        where, params = [], []
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if issuer is not None:
            where.append("issuer = ?")
            params.append(issuer)
        sql = f"SELECT {', '.join(COLUMNS)} FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = [_row(r) for r in self.execute(sql, params).fetchall()]
        # Sorted here, not by the database: its collation would order Vietnamese letters
        # differently on SQLite and on PostgreSQL.
        return sorted(rows, key=lambda r: (r.issuer, r.year, r.scope, r.series, r.period, r.number))


def _row(values: Sequence[Any]) -> Row:
    data = dict(zip(COLUMNS, values, strict=True))
    data["recipients"] = json.loads(data["recipients"])
    data["files"] = json.loads(data["files"])
    return Row(**data)


def _is_db_error(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.Error)


def open_register(target: str | Path) -> Register:
    return Register(target)
