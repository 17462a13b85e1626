"""Whose transaction on the shared store keeps changes from the desks, for the supervisor.

The desks' pull reads past a transaction that is still running, but what it wrote reaches no
desk until it ends: left open (a psql session, a stuck script) it holds that back for good.
The database lists such transactions (``cc_held_back``, supervisors and admins only); this
names their people. A SQLite store has no other writers to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from db.activity_ddl import HELD_BACK_S
from db.models import User

__all__ = ["HELD_BACK_S", "HeldBack", "read_held_back"]


@dataclass(frozen=True)
class HeldBack:
    """One shared transaction open for long: whose (display name, else the sign-in), the
    server process to end if it must be ended, and since when."""

    who: str
    pid: int
    since: dt.datetime


def read_held_back(conn: Connection, min_seconds: float = HELD_BACK_S) -> list[HeldBack]:
    if conn.dialect.name != "postgresql":
        return []
    found = conn.execute(
        text("SELECT username, pid, xact_start FROM cc_held_back(:seconds)"),
        {"seconds": min_seconds},
    ).all()
    if not found:
        return []
    people = select(User.username, User.display_name).where(
        User.username.in_({row.username for row in found})
    )
    names = {row.username: row.display_name for row in conn.execute(people)}
    return [
        HeldBack(names.get(row.username) or row.username, int(row.pid), row.xact_start)
        for row in found
    ]
