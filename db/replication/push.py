"""Apply a desk's outbox to the shared store: in order, idempotently, merging concurrent edits.

Each entry's id is recorded in ``replication_applied`` in the same shared transaction as its
effect, so an entry sent again (the reply was lost, the desk was killed before it noted the
success) changes nothing. An update made against an older version than the shared row's is
merged field by field: a field only this desk changed is taken; a field both changed keeps
the write that reached the shared store later — this one — and records the value it replaced
in ``sync_conflicts``. Arrival order at the shared store decides, never a desk's clock.

A desk's local transaction is applied whole or refused whole: when the shared store says no
(a role may not make that change, a constraint fails), every entry of that transaction is kept
as refused, the rows it touched are put back on the desk as the shared store has them
(:mod:`db.replication.restore`), and the transactions after it go on.

A table the signed-in role may add to but not read (an agent and the audit log) is neither
locked nor merged: its entries can only be new rows, copied in; anything else is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, any_, bindparam, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DataError, IntegrityError, ProgrammingError

from db.base import Base
from db.changefeed_ddl import STAMP_COLUMNS
from db.models import AppliedPush, OutboxEntry, SyncConflict
from db.replication import access, codec, outbox, restore
from db.replication.outbox import Entry
from db.store import session_factory
from db.types import utcnow

# Columns every write sets; they follow the write and never make a conflict.
BOOKKEEPING = frozenset({"updated_at", "updated_by"})
# Counters merge by adding this desk's increment: two attempts made apart are two attempts.
COUNTERS = frozenset({("callbacks", "attempt_count")})
BATCH = 500

Guard = Callable[[], AbstractContextManager[object]]


@dataclass(frozen=True)
class PushResult:
    sent: int = 0
    applied: int = 0
    replayed: int = 0
    conflicts: int = 0
    refused: int = 0


@dataclass
class _Row:
    """A row a batch touches. A new row is kept as the JSON its desk wrote (``text``) and
    decoded only if a later entry of the batch changes it."""

    values: dict[str, Any] | None
    new: bool
    text: str | None = None
    dirty: bool = False

    def opened(self, table: Table) -> dict[str, Any]:
        """The row as typed values (a new row from its text, at the version a new row has)."""
        if self.values is None:
            assert self.text is not None
            self.values = codec.loads(table, self.text)
            self.values["version"] = 1
            self.text = None
        return self.values


class RefusedError(Exception):
    """The shared store cannot take this entry (its row is unknown, a constraint fails)."""


def _table(name: str) -> Table:
    table = Base.metadata.tables.get(name)
    if table is None:
        raise RefusedError(f"unknown table {name!r}")
    return table


class _Batch:
    """The rows a batch of entries touches, merged in memory, then written once."""

    def __init__(self, conn: Connection, desk: str, now: dt.datetime) -> None:
        self.conn, self.desk, self.now = conn, desk, now
        self.rows: dict[tuple[str, uuid.UUID], _Row] = {}
        self.conflicts: list[dict[str, Any]] = []
        #: Tables the role may not read: nothing of theirs is locked, their entries only insert.
        self.hidden: frozenset[str] = frozenset()

    def claim(self, entries: Sequence[Entry]) -> set[uuid.UUID]:
        """Record the entries as applied; returns the ones not applied before.

        Two pushes of the same entries at once (one desk started twice): on PostgreSQL the
        second waits on the first's keys and skips them once it commits (``ON CONFLICT DO
        NOTHING``); on SQLite the second collides on the key and its batch is retried one by
        one, where the check finds them applied.
        """
        ids = [e.entry_id for e in entries]
        if not ids:
            return set()
        if self.conn.dialect.name == "postgresql":
            # One statement for the whole batch, not a statement per entry.
            found = self.conn.execute(_CLAIM, {"ids": ids, "desk": self.desk, "now": self.now})
            return set(found.scalars().all())
        seen = set(
            self.conn.scalars(select(AppliedPush.entry_id).where(AppliedPush.entry_id.in_(ids)))
        )
        fresh = [e for e in entries if e.entry_id not in seen]
        if fresh:
            rows = [
                {"entry_id": e.entry_id, "desk": self.desk, "applied_at": self.now} for e in fresh
            ]
            self.conn.execute(insert(AppliedPush), rows)
        return {e.entry_id for e in fresh}

    def load(self, entries: Sequence[Entry], readable: access.Readable) -> None:
        wanted: dict[str, set[uuid.UUID]] = {}
        for e in entries:
            wanted.setdefault(e.table_name, set()).add(e.row_id)
        self.hidden = readable.hidden(self.conn, wanted)
        postgresql = self.conn.dialect.name == "postgresql"
        for name, ids in wanted.items():
            table = _table(name)
            if name in self.hidden:
                continue
            id_list = list(ids)
            step = len(id_list) if postgresql else 500
            for start in range(0, len(id_list), step):
                chunk = id_list[start : start + step]
                if postgresql:
                    # One array parameter, not a placeholder per id.
                    where = table.c.id == any_(
                        bindparam("ids", chunk, type_=ARRAY(table.c.id.type))
                    )
                else:
                    where = table.c.id.in_(chunk)
                query = select(table).where(where).with_for_update()
                for row in self.conn.execute(query).mappings():
                    self.rows[(name, row["id"])] = _Row(dict(row), new=False)

    def apply(self, entry: Entry) -> None:
        table = _table(entry.table_name)
        key = (entry.table_name, entry.row_id)
        row = self.rows.get(key)
        if row is None:
            if entry.op != outbox.INSERT:
                if entry.table_name in self.hidden:
                    raise RefusedError(
                        f"{entry.table_name} {entry.row_id}: this sign-in may add rows to "
                        f"{entry.table_name} but not read or change them"
                    )
                raise RefusedError(f"{entry.table_name} {entry.row_id} is not in the shared store")
            self.rows[key] = _Row(None, new=True, text=entry.changes)
            return
        changes = codec.loads(table, entry.changes)
        base = codec.loads(table, entry.base)
        current = row.opened(table)
        same_base = entry.op != outbox.INSERT and current["version"] == entry.base_version
        for name, mine in changes.items():
            if name in STAMP_COLUMNS or name in {"id", "version"}:
                continue
            value = mine
            if not same_base and entry.op != outbox.INSERT:
                theirs = current.get(name)
                if (entry.table_name, name) in COUNTERS:
                    value = int(theirs or 0) + int(mine or 0) - int(base.get(name) or 0)
                elif name not in BOOKKEEPING and theirs not in (base.get(name), mine):
                    self._conflict(entry, name, mine, theirs, current.get("updated_by"))
            current[name] = value
        current["version"] = entry.base_version + 1 if same_base else int(current["version"]) + 1
        row.dirty = True

    def _conflict(self, entry: Entry, field: str, kept: Any, lost: Any, lost_by: Any) -> None:
        self.conflicts.append(
            {
                "id": uuid.uuid4(),
                "version": 1,
                "updated_at": self.now,
                "updated_by": entry.actor_id,
                "deleted": False,
                "table_name": entry.table_name,
                "row_id": entry.row_id,
                "field": field,
                "kept_value": codec.as_text(kept),
                "lost_value": codec.as_text(lost),
                "kept_by": entry.actor_id,
                "lost_by": lost_by,
                "detected_at": self.now,
            }
        )

    def write(self) -> None:
        by_table: dict[str, list[_Row]] = {}
        for (name, _id), row in self.rows.items():
            if row.new or row.dirty:
                by_table.setdefault(name, []).append(row)
        # Parents before children, so a batch that makes both satisfies the foreign keys.
        for table in Base.metadata.sorted_tables:
            rows = by_table.get(table.name)
            if not rows:
                continue
            columns = [c.name for c in table.columns if c.name not in STAMP_COLUMNS]
            new = [r for r in rows if r.new]
            old = [r for r in rows if not r.new]
            if new:
                self._insert(table, columns, new)
            if old:
                setters: dict[str, Any] = {c: bindparam(f"v_{c}") for c in columns if c != "id"}
                statement = update(table).where(table.c.id == bindparam("v_id")).values(setters)
                self.conn.execute(
                    statement,
                    [{f"v_{c}": r.opened(table).get(c) for c in columns} for r in old],
                )
        if self.conflicts:
            self.conn.execute(insert(SyncConflict), self.conflicts)

    def _insert(self, table: Table, columns: list[str], rows: list[_Row]) -> None:
        """Insert the batch's new rows of ``table``; on PostgreSQL through COPY (row triggers
        still stamp them), several times faster than even a pipelined INSERT per row.

        A new row no later entry changed goes from its desk's JSON straight to COPY's text:
        JSON's strings, numbers and booleans are what COPY reads for these columns, so it is
        never turned into UUIDs and datetimes and back (half the push's Python time).
        """
        if self.conn.dialect.name != "postgresql":
            values = [r.opened(table) for r in rows]
            self.conn.execute(insert(table), [{c: v.get(c) for c in columns} for v in values])
            return
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                if row.values is None:
                    assert row.text is not None
                    plain = json.loads(row.text)
                    plain["version"] = 1
                    copy.write_row([plain.get(c) for c in columns])
                else:
                    copy.write_row([codec.encode(row.values.get(c)) for c in columns])


_CLAIM = text(
    "INSERT INTO replication_applied (entry_id, desk, applied_at) "
    "SELECT unnest(CAST(:ids AS uuid[])), :desk, :now "
    "ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id"
)


def _apply(
    shared: Engine, desk: str, entries: Sequence[Entry], readable: access.Readable
) -> tuple[int, int]:
    """Apply entries in one shared transaction; returns (applied, conflicts)."""
    with shared.begin() as conn:
        batch = _Batch(conn, desk, utcnow())
        fresh = batch.claim(entries)
        todo = [e for e in entries if e.entry_id in fresh]
        batch.load(todo, readable)
        for entry in todo:
            batch.apply(entry)
        batch.write()
        return len(todo), len(batch.conflicts)


def push(
    local: Engine,
    shared: Engine,
    desk: str,
    *,
    batch_size: int = BATCH,
    should_stop: Callable[[], bool] = lambda: False,
    guard: Guard = nullcontext,
) -> PushResult:
    """Send the outbox, oldest first; stops at the first connection error (raised).

    ``guard`` wraps every shared transaction (the replicator's deadline goes there).
    """
    sessions = session_factory(local)
    readable = access.Readable()
    sent = applied = conflicts = refused = 0
    while not should_stop():
        with sessions() as session:
            entries = outbox.next_batch(session, batch_size)
        if not entries:
            break
        try:
            with guard():
                done, found = _apply(shared, desk, entries, readable)
            applied, conflicts = applied + done, conflicts + found
            pushed = entries
        except REFUSALS as error:
            if not _refusal(error):
                raise
            # One refused transaction must not hold up the rest: apply them one at a time.
            pushed, done, found, bad = _by_transaction(
                local, shared, desk, entries, guard, readable=readable
            )
            applied, conflicts, refused = applied + done, conflicts + found, refused + bad
        with sessions.begin() as session:
            outbox.remove(session, [e.seq for e in pushed])
        sent += len(entries)
    return PushResult(sent, applied, sent - applied - refused, conflicts, refused)


REFUSALS = (RefusedError, IntegrityError, DataError, ProgrammingError)
# The shared store's own refusal: a desk's database role may not make this change.
INSUFFICIENT_PRIVILEGE = "42501"


def _refusal(error: Exception) -> bool:
    """Is this the shared store saying no to one entry (rather than a fault in the push)?"""
    if isinstance(error, ProgrammingError):
        return getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
    return True


def _by_transaction(
    local: Engine,
    shared: Engine,
    desk: str,
    entries: Sequence[Entry],
    guard: Guard,
    *,
    readable: access.Readable,
) -> tuple[list[Entry], int, int, int]:
    pushed: list[Entry] = []
    applied = conflicts = refused = 0
    for group in outbox.transactions(list(entries)):
        try:
            with guard():
                done, found = _apply(shared, desk, group, readable)
        except REFUSALS as error:
            if not _refusal(error):
                raise
            _refuse(local, group, error)
            with guard():
                restore.restore(local, shared, group)
            refused += len(group)
            continue
        applied, conflicts = applied + done, conflicts + found
        pushed += group
    return pushed, applied, conflicts, refused


def reason(error: Exception) -> str:
    """The shared store's own words for a refusal, first line only."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]


def _refuse(local: Engine, group: Sequence[Entry], error: Exception) -> None:
    seqs = [entry.seq for entry in group]
    with session_factory(local).begin() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(seqs))
            .values(refused=reason(error), refused_at=utcnow())
        )
