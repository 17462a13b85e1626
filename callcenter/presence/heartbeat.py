"""What supervisors see of a desk: the agent's state and current call, with a heartbeat.

The desk keeps an immutable :class:`Presence` current on the GUI thread (it builds it with
``callcenter.desk.desk.presence_of``); the replicator's thread writes it to the shared store on
every cycle (the heartbeat). A desk whose heartbeat stops — closed, crashed, cut off — shows
as offline once ``OFFLINE_AFTER`` has passed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite

from db.models import AgentPresence

#: A heartbeat older than this means the desk is gone.
OFFLINE_AFTER = dt.timedelta(seconds=15)


@dataclass(frozen=True)
class Presence:
    user_id: uuid.UUID
    state: str
    reason_code: str | None
    state_since: dt.datetime
    call_id: str | None = None
    call_caller: str | None = None
    call_queue_id: uuid.UUID | None = None
    call_offered_at: dt.datetime | None = None
    call_answered_at: dt.datetime | None = None
    call_waited_seconds: int | None = None


def write(shared: Engine, desk: str, presence: Presence, now: dt.datetime) -> None:
    """Upsert the desk's presence row (the heartbeat)."""
    values: dict[str, Any] = {
        "user_id": presence.user_id,
        "desk": desk,
        "state": presence.state,
        "reason_code": presence.reason_code,
        "state_since": presence.state_since,
        "call_id": presence.call_id,
        "call_caller": presence.call_caller,
        "call_queue_id": presence.call_queue_id,
        "call_offered_at": presence.call_offered_at,
        "call_answered_at": presence.call_answered_at,
        "call_waited_seconds": presence.call_waited_seconds,
        "heartbeat_at": now,
    }
    insert = postgresql.insert if shared.dialect.name == "postgresql" else sqlite.insert
    statement = insert(AgentPresence).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=["user_id"], set_={k: v for k, v in values.items() if k != "user_id"}
    )
    with shared.begin() as conn:
        conn.execute(statement)


def sign_out(shared: Engine, user_id: uuid.UUID) -> None:
    """Remove the desk's presence at sign-out, so it reads as offline at once."""
    with shared.begin() as conn:
        conn.execute(delete(AgentPresence).where(AgentPresence.user_id == user_id))
