"""Capture every write to replicated rows into the outbox, inside the same transaction.

Listening on the session's flush means no service has to remember to write an outbox entry:
whatever an agent changes through a desk session is recorded with the values it had before
(``base``) and after (``changes``), so the shared store can merge it with edits it never saw.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from db.base import Replicated
from db.models import OutboxEntry
from db.replication import codec
from db.types import utcnow

STAMPS = frozenset({"change_seq", "change_xid"})
INSERT = "insert"
UPDATE = "update"


def attach(sessions: sessionmaker[Session]) -> None:
    """Record the writes of every session from ``sessions`` in the outbox."""
    if not event.contains(sessions, "after_flush", _capture):
        event.listen(sessions, "after_flush", _capture)


def _columns(obj: Replicated) -> Any:
    return inspect(obj).mapper.column_attrs


def _inserted(obj: Replicated) -> dict[str, Any]:
    values = {attr.key: getattr(obj, attr.key) for attr in _columns(obj) if attr.key not in STAMPS}
    return _entry(obj, INSERT, 0, values, {})


def _updated(obj: Replicated, *, tombstone: bool = False) -> dict[str, Any] | None:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    base: dict[str, Any] = {}
    for attr in _columns(obj):
        if attr.key in STAMPS or attr.key == "version":
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        changes[attr.key] = history.added[0] if history.added else None
        base[attr.key] = history.deleted[0] if history.deleted else None
    if tombstone:
        base["deleted"], changes["deleted"] = obj.deleted, True
    if not changes:
        return None
    # Set by the column's onupdate during the flush, so absent from the attribute history.
    changes.setdefault("updated_at", obj.updated_at)
    # The flush has already bumped the version; the write was made against the one before.
    return _entry(obj, UPDATE, obj.version - 1, changes, base)


def _entry(
    obj: Replicated, op: str, base_version: int, changes: dict[str, Any], base: dict[str, Any]
) -> dict[str, Any]:
    return {
        "entry_id": uuid.uuid4(),
        "table_name": inspect(obj).mapper.local_table.name,
        "row_id": obj.id,
        "op": op,
        "base_version": base_version,
        "changes": codec.dumps(changes),
        "base": codec.dumps(base),
        "actor_id": obj.updated_by,
        "created_at": utcnow(),
    }


def _capture(session: Session, _flush_context: Any) -> None:
    entries: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Replicated):
            entries.append(_inserted(obj))
    for obj in session.dirty:
        if isinstance(obj, Replicated) and session.is_modified(obj):
            entry = _updated(obj)
            if entry is not None:
                entries.append(entry)
    for obj in session.deleted:
        if isinstance(obj, Replicated):
            entry = _updated(obj, tombstone=True)
            if entry is not None:
                entries.append(entry)
    if entries:
        session.connection().execute(insert(OutboxEntry), entries)


def waiting(session: Session) -> tuple[int, int]:
    """(entries waiting to be pushed, entries the shared store refused)."""
    total, refused = session.execute(
        select(func.count(), func.count(OutboxEntry.refused)).select_from(OutboxEntry)
    ).one()
    return int(total) - int(refused), int(refused)


def next_batch(session: Session, limit: int) -> list[OutboxEntry]:
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.refused.is_(None))
            .order_by(OutboxEntry.seq)
            .limit(limit)
        )
    )


def remove(session: Session, seqs: list[int]) -> None:
    session.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_(seqs)))
