"""Capture every write to replicated rows into the outbox, inside the same transaction.

Listening on the session's flush means no service has to remember to write an outbox entry:
whatever an agent changes through a desk session is recorded with the values it had before
(``base``) and after (``changes``), so the shared store can merge it with edits it never saw.
Every entry carries its local transaction (``txn``): what an agent did in one step (a request
and its history line and audit entry) reaches the shared store whole or not at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
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
TXN = "cc_outbox_txn"


def attach(sessions: sessionmaker[Session]) -> None:
    """Record the writes of every session from ``sessions`` in the outbox."""
    if not event.contains(sessions, "after_flush", _capture):
        event.listen(sessions, "after_begin", _begun)
        event.listen(sessions, "after_flush", _capture)


def _begun(session: Session, _transaction: Any, _connection: Any) -> None:
    session.info[TXN] = uuid.uuid4()


def _columns(obj: Replicated) -> Any:
    return inspect(obj).mapper.column_attrs


def _inserted(obj: Replicated, txn: uuid.UUID) -> dict[str, Any]:
    values = {attr.key: getattr(obj, attr.key) for attr in _columns(obj) if attr.key not in STAMPS}
    return _entry(obj, INSERT, 0, values, {}, txn=txn)


def _updated(obj: Replicated, txn: uuid.UUID, *, tombstone: bool = False) -> dict[str, Any] | None:
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
    return _entry(obj, UPDATE, obj.version - 1, changes, base, txn=txn)


def _entry(
    obj: Replicated,
    op: str,
    base_version: int,
    changes: dict[str, Any],
    base: dict[str, Any],
    *,
    txn: uuid.UUID,
) -> dict[str, Any]:
    return {
        "entry_id": uuid.uuid4(),
        "txn": txn,
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
    txn = session.info.setdefault(TXN, uuid.uuid4())
    for obj in session.new:
        if isinstance(obj, Replicated):
            entries.append(_inserted(obj, txn))
    for obj in session.dirty:
        if isinstance(obj, Replicated) and session.is_modified(obj):
            entry = _updated(obj, txn)
            if entry is not None:
                entries.append(entry)
    for obj in session.deleted:
        if isinstance(obj, Replicated):
            entry = _updated(obj, txn, tombstone=True)
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


@dataclass(frozen=True, slots=True)
class Entry:
    """An outbox entry as the push reads it: plain values, no ORM object (building 10,000
    mapped objects was a tenth of a push)."""

    seq: int
    entry_id: uuid.UUID
    txn: uuid.UUID | None
    table_name: str
    row_id: uuid.UUID
    op: str
    base_version: int
    changes: str
    base: str
    actor_id: uuid.UUID | None


_ENTRY_COLUMNS = tuple(OutboxEntry.__table__.c[f.name] for f in fields(Entry))


def next_batch(session: Session, limit: int) -> list[Entry]:
    """About ``limit`` entries, oldest first, never splitting a transaction: local writers are
    serialised, so a transaction's entries are consecutive and only the last one can be cut."""
    waiting = select(*_ENTRY_COLUMNS).where(OutboxEntry.refused.is_(None)).order_by(OutboxEntry.seq)
    conn = session.connection()  # Core rows: the ORM's loading machinery is not needed here
    batch = [Entry(*row) for row in conn.execute(waiting.limit(limit))]
    if len(batch) == limit and batch[-1].txn is not None:
        last = batch[-1]
        rest = waiting.where(OutboxEntry.txn == last.txn, OutboxEntry.seq > last.seq)
        batch += [Entry(*row) for row in conn.execute(rest)]
    return batch


def transactions(entries: list[Entry]) -> list[list[Entry]]:
    """The entries as the local transactions that wrote them (one written before entries
    carried their transaction stands alone)."""
    groups: list[list[Entry]] = []
    for entry in entries:
        if groups and entry.txn is not None and groups[-1][-1].txn == entry.txn:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def remove(session: Session, seqs: list[int]) -> None:
    session.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_(seqs)))
