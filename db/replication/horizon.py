"""How far a desk's copy reaches into the shared store's history of transactions.

A pull reads windows of finished transactions, ending at the oldest one still running on the
shared server. A transaction older than a desk's first sync (a long batch job, another desk's
slow push) therefore holds back everything written after it began, and a first sync that
stopped at the first window could open the desk without rows that were committed before it
started. The first sync compares the two numbers here and pulls again until its copy reaches
the moment it began.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session

from db.models import SyncState


def begun_before_now(conn: Connection) -> int | None:
    """PostgreSQL: the first transaction id not yet handed out, so every transaction that has
    begun is below it. None on SQLite, whose writers are serialised: its window already ends
    at the last commit."""
    if conn.dialect.name != "postgresql":
        return None
    value = conn.execute(text("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"))
    return int(value.scalar_one())


def reached(local: Engine) -> int:
    """Every shared transaction below this number is in the desk's copy."""
    with Session(local) as session:
        return int(session.scalar(select(SyncState.window_lo)) or 0)
