"""Planner statistics brought up to date after bulk writes, on PostgreSQL.

A bulk load (the demo data, a CSV import) or a migration that builds an index over an
expression leaves the planner guessing until autovacuum gets round to the tables; a guess that
a prefix matches a few hundred rows where it matches 75,000 turns a read that stops at the
LIMIT into one that collects every match. The product does not wait for autovacuum: whoever
wrote in bulk runs ANALYZE. SQLite keeps no statistics unless asked and its plans are the ones
measured, so nothing runs there.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Engine, text


def analyze(connection: Connection, tables: Iterable[str] = ()) -> None:
    """ANALYZE ``tables`` (every table when none are named) on a PostgreSQL connection."""
    if connection.dialect.name != "postgresql":
        return
    names = list(tables)
    if not names:
        connection.execute(text("ANALYZE"))
        return
    quote = connection.dialect.identifier_preparer.quote
    connection.execute(text("ANALYZE " + ", ".join(quote(name) for name in names)))


def analyze_store(engine: Engine, tables: Iterable[str] = ()) -> None:
    """``analyze`` in a transaction of its own on ``engine``."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        analyze(connection, tables)
