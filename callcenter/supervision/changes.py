"""Changes by person: what someone changed since a time, from the database's own change log,
and undoing it as one transaction.

The log (``change_log``, ``db/change_log_ddl.py``) exists on a PostgreSQL shared store only and
only supervisors and admins may read it (a database grant). The undo is written like every
other supervisor action: on the supervisor's desk store, in one local transaction whose outbox
entries the push applies or refuses whole, so it reaches every desk as an ordinary edit.

For every row the person changed since the time, each column gets back the value it had
before the person's first change, unless someone else changed that column after it: that
later work is never overwritten, the column is reported as skipped. A row the person made is
tombstoned (replicated rows are never deleted), unless someone else changed it since.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Engine, Text, column, select, table, tuple_
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ServiceError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db import change_log_ddl, roles_ddl
from db.base import Base, Replicated
from db.enums import Role
from db.models import User
from db.replication import codec, rows

_LOG = table(
    change_log_ddl.TABLE,
    column("id"),
    column("changed_at"),
    column("table_name"),
    column("row_id"),
    column("op"),
    column("old"),
    column("new"),
    column("person"),
)
INSERT, UPDATE, DELETE = "insert", "update", "delete"
#: The column that names a record of each table in a list (others show a short id).
LABELS = {
    "customers": "name",
    "contacts": "name",
    "phone_numbers": "raw",
    "emails": "address",
    "service_requests": "number",
    "callbacks": "phone_number",
    "interactions": "caller_number",
    "orders": "number",
    "invoices": "number",
}
#: History rows are append-only for everyone (``roles_ddl.APPEND_ONLY``): never tombstoned.
APPEND_ONLY = frozenset(roles_ddl.APPEND_ONLY)
#: What customers bought is changed by admins only (``roles_ddl.ADMIN_WRITES``).
ADMIN_ONLY = frozenset(roles_ddl.ADMIN_WRITES)


@dataclass(frozen=True)
class FieldChange:
    """One column of one logged change (an insert or delete is one line, ``field`` empty)."""

    change_id: int
    changed_at: dt.datetime
    table_name: str
    row_id: uuid.UUID
    record: str
    op: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Restore:
    """What the undo writes to one row: typed column values, or a tombstone."""

    table_name: str
    row_id: uuid.UUID
    values: Mapping[str, Any] = field(default_factory=dict)
    tombstone: bool = False


@dataclass(frozen=True)
class Skipped:
    """A column (or, ``field`` empty, a whole row) the undo leaves as it is, and why."""

    table_name: str
    row_id: uuid.UUID
    record: str
    field: str
    reason: str


@dataclass(frozen=True)
class UndoPlan:
    person_id: uuid.UUID
    since: dt.datetime
    restores: tuple[Restore, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class _Entry:
    id: int
    changed_at: dt.datetime
    table_name: str
    row_id: uuid.UUID
    op: str
    old: dict[str, Any]
    new: dict[str, Any]
    person: uuid.UUID | None


def _require_log(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise ServiceError(N_("Only a PostgreSQL shared store keeps a change log"))


def _parse(text: str | None) -> dict[str, Any]:
    # Decimals as decimals: a float would change an amount in the undo.
    return {} if text is None else dict(json.loads(text, parse_float=decimal.Decimal))


def _entries(
    session: Session, person_id: uuid.UUID, since: dt.datetime, *, whole_rows: bool
) -> list[_Entry]:
    """The person's logged changes since ``since`` (``whole_rows``: everyone's changes since
    then to the rows the person changed), in the order they were made (the log's id: writers
    of one row take its lock in turn)."""
    theirs = select(_LOG.c.table_name, _LOG.c.row_id).where(
        _LOG.c.person == person_id, _LOG.c.changed_at >= since
    )
    which = (
        tuple_(_LOG.c.table_name, _LOG.c.row_id).in_(theirs)
        if whole_rows
        else _LOG.c.person == person_id
    )
    query = (
        select(
            _LOG.c.id,
            _LOG.c.changed_at,
            _LOG.c.table_name,
            _LOG.c.row_id,
            _LOG.c.op,
            _LOG.c.old.cast(Text),
            _LOG.c.new.cast(Text),
            _LOG.c.person,
        )
        .where(
            _LOG.c.changed_at >= since,
            _LOG.c.table_name.in_(change_log_ddl.LOGGED),
            which,
        )
        .order_by(_LOG.c.id)
    )
    return [
        _Entry(i, at, name, row_id, op, _parse(old), _parse(new), person)
        for i, at, name, row_id, op, old, new, person in session.execute(query)
    ]


def _labels(session: Session, keys: set[tuple[str, uuid.UUID]]) -> dict[tuple[str, uuid.UUID], str]:
    """How each record reads in a list: its name or number as the shared store has it now."""
    labels: dict[tuple[str, uuid.UUID], str] = {}
    for name in sorted({name for name, _id in keys}):
        ids = [row_id for table_name, row_id in keys if table_name == name]
        label = LABELS.get(name)
        if label is None:
            continue
        source = Base.metadata.tables[name]
        query = select(source.c.id, source.c[label]).where(source.c.id.in_(ids))
        labels.update({(name, row_id): str(text) for row_id, text in session.execute(query)})
    return labels


def _record(labels: Mapping[tuple[str, uuid.UUID], str], name: str, row_id: uuid.UUID) -> str:
    return f"{name} {labels.get((name, row_id)) or row_id.hex[:8]}"


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def changes_by(ctx: ServiceContext, person_id: uuid.UUID, since: dt.datetime) -> list[FieldChange]:
    """What ``person_id`` changed since ``since``, oldest first, one line per column."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        _require_log(session)
        entries = _entries(session, person_id, since, whole_rows=False)
        labels = _labels(session, {(e.table_name, e.row_id) for e in entries})
    lines: list[FieldChange] = []
    for e in entries:
        record = _record(labels, e.table_name, e.row_id)

        def line(name: str, old: str, new: str, e: _Entry = e, record: str = record) -> None:
            lines.append(
                FieldChange(
                    e.id, e.changed_at, e.table_name, e.row_id, record, e.op, name, old, new
                )
            )

        if e.op == UPDATE:
            for name in sorted(e.new):
                line(name, _shown(e.old.get(name)), _shown(e.new[name]))
        else:
            line("", "", "")  # a row made or removed whole: the op says which
    return lines


def _names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def _typed(table_name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Logged JSON values typed for the table's columns (a column since dropped is left)."""
    columns = Base.metadata.tables[table_name].c
    return {k: codec.decode(columns[k], v) for k, v in values.items() if k in columns}


_Skip = tuple[str, str, uuid.UUID | None]


def _plan_made(later: Sequence[_Entry], person_id: uuid.UUID) -> tuple[Restore | None, list[_Skip]]:
    """A row the person made: tombstoned, unless someone else has changed it since."""
    name, row_id = later[0].table_name, later[0].row_id
    others = [e for e in later if e.person != person_id]
    if others:
        return None, [("", "made by them, changed later by {who}", others[0].person)]
    if name in APPEND_ONLY:
        return None, [("", "history is append-only: it stays", None)]
    if later[-1].op == UPDATE and later[-1].new.get("deleted") is True:
        return None, []  # they removed it themselves already
    return Restore(name, row_id, tombstone=True), []


def _plan_row(
    entries: Sequence[_Entry], person_id: uuid.UUID, admin: bool
) -> tuple[Restore | None, list[_Skip]]:
    """One row's restore and its skips as (field, reason, the later writer)."""
    first = next(i for i, e in enumerate(entries) if e.person == person_id)
    name, row_id = entries[first].table_name, entries[first].row_id
    later = entries[first:]
    if name in ADMIN_ONLY and not admin:
        return None, [("", "only an admin changes it", None)]
    removed = [e for e in later if e.op == DELETE]
    if removed:
        return None, [("", "removed since by {who}", removed[0].person)]
    if later[0].op == INSERT:
        return _plan_made(later, person_id)
    # Each column the person changed goes back to its value before their first change of
    # it, unless someone else changed it after that.
    original: dict[str, Any] = {}
    taken_by: dict[str, uuid.UUID | None] = {}
    for e in later:
        for key in e.new:
            if e.person == person_id:
                original.setdefault(key, e.old.get(key))
            elif key in original:
                taken_by.setdefault(key, e.person)
    skips = [(key, "changed later by {who}", who) for key, who in sorted(taken_by.items(), key=str)]
    kept = {k: v for k, v in original.items() if k not in taken_by}
    return (Restore(name, row_id, _typed(name, kept)) if kept else None), skips


def plan_undo(ctx: ServiceContext, person_id: uuid.UUID, since: dt.datetime) -> UndoPlan:
    """What undoing ``person_id``'s changes since ``since`` would write, and what it would
    leave because someone else changed it later (``ctx`` reads the shared store)."""
    require(ctx, Action.UNDO_CHANGES)
    admin = ctx.actor is None or ctx.actor.role == Role.ADMIN
    with ctx.sessions() as session:
        _require_log(session)
        by_row: dict[tuple[str, uuid.UUID], list[_Entry]] = {}
        for e in _entries(session, person_id, since, whole_rows=True):
            by_row.setdefault((e.table_name, e.row_id), []).append(e)
        restores: list[Restore] = []
        pending: list[tuple[str, uuid.UUID, _Skip]] = []
        for (name, row_id), entries in by_row.items():
            restore, skips = _plan_row(entries, person_id, admin)
            if restore is not None:
                restores.append(restore)
            pending += [(name, row_id, skip) for skip in skips]
        labels = _labels(session, {(name, row_id) for name, row_id, _skip in pending})
        names = _names(session, {skip[2] for _n, _r, skip in pending if skip[2] is not None})
    skipped = tuple(
        Skipped(
            name,
            row_id,
            _record(labels, name, row_id),
            f,
            reason.format(who=names.get(who, "the system") if who else "the system"),
        )
        for name, row_id, (f, reason, who) in pending
    )
    return UndoPlan(person_id, since, tuple(restores), skipped)


def _model(table_name: str) -> type[Replicated]:
    for mapper in Base.registry.mappers:
        if mapper.persist_selectable.description == table_name:
            return cast(type[Replicated], mapper.class_)
    raise ServiceError(N_("unknown table {table_name}"), table_name=table_name)


def _bring(local: Engine, shared: Engine, plan: UndoPlan) -> None:
    """Copy the rows the undo writes that this desk does not hold (a working-set desk) from
    the shared store, as a pull would, so the undo edits them like any other row."""
    wanted: dict[str, list[uuid.UUID]] = {}
    for r in plan.restores:
        wanted.setdefault(r.table_name, []).append(r.row_id)
    with shared.connect() as source, rows.replica_writes(local) as conn:
        raw: Any = conn.connection.dbapi_connection
        for name, ids in wanted.items():
            target = Base.metadata.tables[name]
            held = set(conn.scalars(select(target.c.id).where(target.c.id.in_(ids))))
            absent = [i for i in ids if i not in held]
            if absent:
                query = rows.select_stored(target, source).where(target.c.id.in_(absent))
                rows.upsert(raw, target, rows.fetch(source, query))


def undo(shared: ServiceContext, writer: ServiceContext, plan: UndoPlan) -> int:
    """Write ``plan`` on the desk's store (``writer``) in one transaction with its audit
    entry; returns the rows changed. A failure leaves nothing: not a row, not an entry."""
    require(writer, Action.UNDO_CHANGES)
    local, source = writer.sessions.kw["bind"], shared.sessions.kw["bind"]
    _bring(local, source, plan)
    try:
        with writer.sessions.begin() as session:
            changed = 0
            for r in plan.restores:
                row = session.get(_model(r.table_name), r.row_id)
                if row is None:
                    raise ServiceError(
                        N_("{table_name} {row_id} is not in the shared store"),
                        table_name=r.table_name,
                        row_id=r.row_id,
                    )
                for key, value in r.values.items():
                    setattr(row, key, value)
                if r.tombstone:
                    row.deleted = True
                row.updated_by = writer.actor_id
                changed += 1
            audit.record(
                session,
                writer,
                "undo changes",
                "person",
                plan.person_id,
                before={"since": plan.since.isoformat()},
                after={
                    "rows": changed,
                    "skipped": [f"{s.record} {s.field}: {s.reason}".strip() for s in plan.skipped],
                },
            )
    except (DBAPIError, StaleDataError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise ServiceError(N_("Nothing was undone: {reason}"), reason=reason) from error
    return changed
