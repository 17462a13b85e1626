"""Changes the shared store refused: what they were, why, and the agent's choice about them.

The push refuses a desk's transaction whole and puts its rows back as the shared store has
them (``db/replication/push.py``), so the desk shows what everyone else sees. The refused
entries stay in the outbox, marked, until the agent decides: *retry* sends them again (the
reason may be gone: the agent was added to the queue, a supervisor approved), *discard* lets
them go. Either is audited.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError
from callcenter.platform.messages import N_
from callcenter.work.conflicts import record_label
from db.models import OutboxEntry
from db.replication import outbox

#: Columns every write sets: not what the agent changed.
BOOKKEEPING = frozenset({"updated_at", "updated_by", "version", "id"})


@dataclass(frozen=True)
class RefusedChange:
    """One refused local transaction."""

    key: uuid.UUID
    made_at: dt.datetime
    refused_at: dt.datetime | None
    reason: str
    what: tuple[str, ...]
    entries: int


def _key(entry: OutboxEntry) -> uuid.UUID:
    return entry.txn or entry.entry_id


def _described(session: Session, entry: OutboxEntry) -> str:
    label = record_label(session, entry.table_name, entry.row_id)
    if entry.op == outbox.INSERT:
        return f"{label}: new"
    fields = sorted(set(json.loads(entry.changes)) - BOOKKEEPING)
    return f"{label}: {', '.join(f.replace('_', ' ') for f in fields)}"


def _grouped(entries: Iterable[OutboxEntry]) -> dict[uuid.UUID, list[OutboxEntry]]:
    groups: dict[uuid.UUID, list[OutboxEntry]] = {}
    for entry in entries:
        groups.setdefault(_key(entry), []).append(entry)
    return groups


def refused_changes(ctx: ServiceContext) -> list[RefusedChange]:
    """The desk's refused transactions, newest first."""
    with ctx.sessions() as session:
        query = select(OutboxEntry).where(OutboxEntry.refused.is_not(None))
        groups = _grouped(session.scalars(query.order_by(OutboxEntry.seq)))
        changes = [
            RefusedChange(
                key=key,
                made_at=entries[0].created_at,
                refused_at=entries[0].refused_at,
                reason=entries[0].refused or "",
                what=tuple(dict.fromkeys(_described(session, e) for e in entries)),
                entries=len(entries),
            )
            for key, entries in groups.items()
        ]
    return sorted(changes, key=lambda c: c.made_at, reverse=True)


def _of(key: uuid.UUID) -> ColumnElement[bool]:
    either = or_(OutboxEntry.txn == key, OutboxEntry.entry_id == key)
    return and_(either, OutboxEntry.refused.is_not(None))


def retry(ctx: ServiceContext, key: uuid.UUID) -> int:
    """Send a refused transaction again at the next push; returns its entry count."""
    with ctx.sessions.begin() as session:
        keys = list(session.scalars(select(OutboxEntry.seq).where(_of(key))))
        if not keys:
            raise NotFoundError(N_("that refused change is no longer on this desk"))
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(keys))
            .values(refused=None, refused_at=None)
        )
        audit.record(session, ctx, "retry_refused", "outbox", key, after={"entries": len(keys)})
    return len(keys)


def discard(ctx: ServiceContext, key: uuid.UUID) -> int:
    """Let a refused transaction go (the desk already shows the shared store's values)."""
    with ctx.sessions.begin() as session:
        gone = list(session.scalars(select(OutboxEntry).where(_of(key))))
        if not gone:
            raise NotFoundError(N_("that refused change is no longer on this desk"))
        what = [_described(session, e) for e in gone]
        session.execute(delete(OutboxEntry).where(_of(key)))
        audit.record(
            session,
            ctx,
            "discard_refused",
            "outbox",
            key,
            before={"what": what, "reason": gone[0].refused},
        )
    return len(gone)
