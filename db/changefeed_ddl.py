"""Triggers that stamp every write to a shared store for the pull.

Every insert or update of a replicated row gets a new ``change_seq``; on PostgreSQL also the
writing transaction's id (``change_xid``). Triggers rather than application code, so imports,
supervisors' edits and anything else that writes the shared store is seen by every desk.

Local stores get no triggers: a replica keeps the stamps the shared store gave its rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from db.base import Base, Replicated

PG_SEQUENCE = "cc_change_seq"
PG_FUNCTION = "cc_stamp_change"
#: The channel a shared PostgreSQL store notifies when a transaction wrote replicated rows, so
#: desks pull at once instead of at their next interval (LISTEN needs no privilege).
CHANNEL = "cc_change"
PG_NOTIFY_FUNCTION = "cc_notify_change"
STAMP_COLUMNS = frozenset({"change_seq", "change_xid"})
UNMODELLED_NAMES = frozenset({PG_SEQUENCE})


def replicated_tables() -> list[str]:
    """Names of the replicated tables as the models have them, parents before children."""
    names = {
        mapper.persist_selectable.description
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Replicated)
    }
    return [table.name for table in Base.metadata.sorted_tables if table.name in names]


def _pg_statements(tables: Iterable[str], *, create: bool) -> list[str]:
    if not create:
        drops = [f"DROP TRIGGER IF EXISTS {PG_FUNCTION} ON {name}" for name in tables]
        return [
            *drops,
            f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()",
            f"DROP SEQUENCE IF EXISTS {PG_SEQUENCE}",
        ]
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {PG_SEQUENCE}",
        f"""CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('{PG_SEQUENCE}');
    NEW.change_xid := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END $$""",
    ]
    for name in tables:
        statements.append(
            f"CREATE OR REPLACE TRIGGER {PG_FUNCTION} BEFORE INSERT OR UPDATE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    return statements


def notify_statements(tables: Iterable[str], *, create: bool) -> list[str]:
    """One notification per statement, not per row; PostgreSQL folds a transaction's equal
    notifications into one and delivers it at commit, never for a rolled-back write."""
    if not create:
        drops = [f"DROP TRIGGER IF EXISTS {PG_NOTIFY_FUNCTION} ON {name}" for name in tables]
        return [*drops, f"DROP FUNCTION IF EXISTS {PG_NOTIFY_FUNCTION}()"]
    statements = [
        f"""CREATE OR REPLACE FUNCTION {PG_NOTIFY_FUNCTION}() RETURNS trigger LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END $$"""
    ]
    for name in tables:
        statements.append(
            f"CREATE OR REPLACE TRIGGER {PG_NOTIFY_FUNCTION} AFTER INSERT OR UPDATE ON {name} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_NOTIFY_FUNCTION}()"
        )
    return statements


def stamped_tables(connection: Connection) -> list[str]:
    """PostgreSQL: the tables the stamping trigger is on, as the store has them now."""
    query = text(
        "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = :name AND c.relnamespace = current_schema()::regnamespace "
        "ORDER BY c.relname"
    )
    return list(connection.execute(query, {"name": PG_FUNCTION}).scalars())


def _sqlite_statements(connection: Connection, tables: Iterable[str], *, create: bool) -> list[str]:
    statements: list[str] = []
    for name in tables:
        if not create:
            statements += [
                f"DROP TRIGGER IF EXISTS cc_stamp_{name}_insert",
                f"DROP TRIGGER IF EXISTS cc_stamp_{name}_update",
            ]
            continue
        # SQLite cannot assign NEW in a BEFORE trigger; the AFTER trigger's own update only
        # sets change_seq, which the update trigger does not watch, so it never recurses.
        # The table as it is now (a migration must not trust today's models).
        columns = connection.execute(text(f"PRAGMA table_info({name})")).all()
        watched = ", ".join(c.name for c in columns if c.name not in STAMP_COLUMNS)
        body = (
            "UPDATE cc_change_counter SET value = value + 1 WHERE id = 1; "
            f"UPDATE {name} SET change_seq = (SELECT value FROM cc_change_counter WHERE id = 1) "
            "WHERE rowid = NEW.rowid; END"
        )
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS cc_stamp_{name}_insert AFTER INSERT ON {name} "
            f"BEGIN {body}",
            f"CREATE TRIGGER IF NOT EXISTS cc_stamp_{name}_update AFTER UPDATE OF {watched} "
            f"ON {name} BEGIN {body}",
        ]
    return statements


def install(connection: Connection, tables: Iterable[str]) -> None:
    """Create the stamping triggers and stamp the rows that are already there."""
    tables = list(tables)
    if connection.dialect.name == "postgresql":
        statements = _pg_statements(tables, create=True)
    else:
        connection.execute(
            text("INSERT INTO cc_change_counter (id, value) VALUES (1, 0) ON CONFLICT DO NOTHING")
        )
        statements = _sqlite_statements(connection, tables, create=True)
    for statement in statements:
        connection.execute(text(statement))
    for name in tables:
        connection.execute(text(f"UPDATE {name} SET version = version"))


def remove(connection: Connection, tables: Iterable[str]) -> None:
    tables = list(tables)
    if connection.dialect.name == "postgresql":
        statements = _pg_statements(tables, create=False)
    else:
        statements = _sqlite_statements(connection, tables, create=False)
    for statement in statements:
        connection.execute(text(statement))


def is_shared_sqlite(connection: Connection) -> bool:
    """An embedded shared store: its update triggers list the columns they watch, so a
    migration that adds a column to a replicated table rebuilds them."""
    if connection.dialect.name != "sqlite":
        return False
    role = connection.execute(text("SELECT value FROM store_meta WHERE key = 'role'")).scalar()
    return role == "shared"
