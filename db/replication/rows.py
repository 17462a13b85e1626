"""Rows as a local SQLite store keeps them, read straight from either kind of shared store.

Turning a million rows into typed Python values and binding them again cost ten times the
copy itself. A pull instead asks the shared store for every column already in SQLite's storage
form — UUIDs as 32 hex digits, timestamps as ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC, booleans
as 0 / 1, enums as their text — and hands the tuples to sqlite3 as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    Enum,
    Integer,
    Select,
    String,
    Table,
    Uuid,
    cast,
    func,
    type_coerce,
)

from db.store import IMMEDIATE
from db.types import UTCDateTime

#: How SQLAlchemy's SQLite dialect stores a DATETIME (our UTCDateTime stores UTC, naive).
SQLITE_DATETIME = "YYYY-MM-DD HH24:MI:SS.US"
CHUNK = 500


@contextmanager
def replica_writes(local: Engine) -> Iterator[Connection]:
    """A local transaction that does not check foreign keys: a replica takes rows in the
    shared store's order, and a parent changed later arrives in a later window."""
    with local.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.execution_options(**{IMMEDIATE: True}).begin():
                yield conn
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _stored(column: Any, dialect: str) -> Any:
    kind = column.type
    if dialect != "postgresql":
        return type_coerce(column, String()).label(column.name)  # already stored this way
    value: Any
    if isinstance(kind, Uuid):
        value = func.replace(cast(column, String()), "-", "")
    elif isinstance(kind, UTCDateTime):
        value = func.to_char(func.timezone("UTC", column), SQLITE_DATETIME)
    elif isinstance(kind, Boolean):
        value = cast(column, Integer())
    elif isinstance(kind, Enum):
        value = column  # text in both stores; skip building enum members on the way
    else:
        return column
    return type_coerce(value, String()).label(column.name)


@functools.cache
def _columns(table: Table, dialect: str) -> tuple[Any, ...]:
    return tuple(_stored(column, dialect) for column in table.columns)


def select_stored(table: Table, conn: Connection) -> Select[Any]:
    """``SELECT`` of every column of ``table`` in SQLite storage form, from ``conn``'s store."""
    return Select(*_columns(table, conn.dialect.name))


def fetch(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in conn.execute(query)]


def position(table: Table, name: str) -> int:
    """Where column ``name`` sits in a stored row of ``table``."""
    return list(table.columns.keys()).index(name)


@functools.cache
def _upsert_sql(table: Table) -> str:
    names = [c.name for c in table.columns]
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )


def pending(raw: Any, ids: list[str]) -> set[str]:
    """Which of these rows (ids as stored) have a local write still waiting to be pushed (a
    refused one waits for nothing: the row shows the shared store's version again)."""
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT row_id FROM outbox WHERE refused IS NULL AND row_id IN ({marks})"
        found.update(r[0] for r in raw.execute(query, chunk))
    return found


def upsert(raw: Any, table: Table, rows: list[tuple[Any, ...]]) -> int:
    """Insert or replace the rows that have no local write waiting; returns how many were
    skipped (that write's push stamps the row again, so it comes back in a later window)."""
    at = position(table, "id")
    waiting = pending(raw, [r[at] for r in rows])
    keep = [r for r in rows if r[at] not in waiting] if waiting else rows
    if keep:
        raw.executemany(_upsert_sql(table), keep)
    return len(rows) - len(keep)


def missing(raw: Any, table: Table, rows: list[tuple[Any, ...]], column: str) -> list[str]:
    """Values of ``column`` (customer ids, as stored) that the desk's customers lack."""
    at = position(table, column)
    wanted = sorted({r[at] for r in rows if r[at] is not None})
    present: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT id FROM customers WHERE id IN ({marks})"
        present.update(r[0] for r in raw.execute(query, chunk))
    return [value for value in wanted if value not in present]
