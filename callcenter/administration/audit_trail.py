"""The audit trail, read by supervisors and admins: who did what to which record, and when.

A right (``Action.READ_AUDIT``) the shared database holds too: on PostgreSQL an agent's role
may add audit entries but not read them, so an agent desk never has other people's (its pull
skips the table). Reading the trail leaves no entry; exporting it does ("export audit"), since
the file leaves the product's rules behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.csv_cells import write_rows
from callcenter.platform.errors import ServiceError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.models import Announcement, AuditEntry, Customer, ServiceRequest, User

#: Entries per page of the viewer.
PAGE = 200
#: Entries read at a time by an export.
BATCH = 1000
#: The file's columns, in order.
COLUMNS = ("time", "person", "action", "record kind", "record id", "record", "before", "after")
#: Encoding with a byte-order mark, so a spreadsheet opens the file as UTF-8.
ENCODING = "utf-8-sig"
#: The filters ``audit_entries`` and ``export_audit_csv`` take.
FILTERS = frozenset({"person", "entity", "entity_id", "action", "start", "end"})

#: The column that names a record of each kind in a list, looked up for the page shown.
_LABELS: dict[str, Any] = {
    "customer": (Customer, Customer.name),
    "service_request": (ServiceRequest, ServiceRequest.number),
    "user": (User, User.display_name),
    "agent": (User, User.display_name),
    "announcement": (Announcement, Announcement.title),
}
#: Numbers people type for a record instead of its id: the kind and the column they are in.
_NUMBERS: dict[str, Any] = {
    "service_request": (ServiceRequest, ServiceRequest.number),
    "customer": (Customer, Customer.external_id),
    "user": (User, User.username),
    "agent": (User, User.username),
}


class AuditExportError(ServiceError):
    """The export file cannot be written (no such folder, no permission, the disk is full)."""


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as a reader sees it; ``person`` is empty for the system itself."""

    id: uuid.UUID
    at: dt.datetime
    person_id: uuid.UUID | None
    person: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    #: What the record is called (a customer's name, a request's number), when known.
    record: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditPerson:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class AuditChoices:
    """What the filter boxes offer: the people, and the actions and kinds of record logged."""

    people: tuple[AuditPerson, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditRecord, ...]
    #: More entries match beyond this page (ask again with ``offset`` moved on).
    more: bool
    #: The filter boxes' choices; None when asked for a further page without them.
    choices: AuditChoices | None


def readable(text: str | None) -> str:
    """An entry's before/after JSON as lines of ``field: value``, keys in order."""
    if not text:
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if not isinstance(value, dict):
        return str(value)
    return "\n".join(f"{key}: {_value(value[key])}" for key in sorted(value))


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _record_ids(session: Session, entity: str | None, text: str) -> list[uuid.UUID]:
    """The records ``text`` names: an id, or a number of the kind (any kind when none)."""
    try:
        return [uuid.UUID(text)]
    except ValueError:
        pass
    kinds = [entity] if entity else list(_NUMBERS)
    columns = {_NUMBERS[kind] for kind in kinds if kind in _NUMBERS}
    if not columns:
        raise ValidationError("entity_id", N_("{text} is not a record id"), text=text)
    found: list[uuid.UUID] = []
    for model, column in columns:
        found += session.scalars(select(model.id).where(column == text))
    return found


def _filtered(
    session: Session,
    *,
    person: uuid.UUID | None,
    entity: str | None,
    entity_id: uuid.UUID | str | None,
    action: str | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> Select[AuditEntry, str]:
    """The matching entries, newest first (ties by id, so pages never overlap)."""
    where: list[ColumnElement[bool]] = []
    if person is not None:
        where.append(AuditEntry.actor_id == person)
    if entity:
        where.append(AuditEntry.entity == entity)
    if isinstance(entity_id, uuid.UUID):
        where.append(AuditEntry.entity_id == entity_id)
    elif entity_id and entity_id.strip():
        where.append(AuditEntry.entity_id.in_(_record_ids(session, entity, entity_id.strip())))
    if action:
        where.append(AuditEntry.action == action)
    if start is not None:
        where.append(AuditEntry.at >= start)
    if end is not None:
        where.append(AuditEntry.at < end)
    return (
        select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(*where)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )


def _labels(session: Session, rows: Sequence[AuditEntry]) -> dict[uuid.UUID, str]:
    """What each entry's record is called, one query per kind of record on the page."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for row in rows:
        if row.entity in _LABELS and row.entity_id is not None:
            wanted.setdefault(row.entity, set()).add(row.entity_id)
    labels: dict[uuid.UUID, str] = {}
    for kind, ids in wanted.items():
        model, column = _LABELS[kind]
        found = session.execute(select(model.id, column).where(model.id.in_(list(ids))))
        labels.update({row_id: str(label or "") for row_id, label in found})
    return labels


def _records(session: Session, rows: Sequence[Any]) -> list[AuditRecord]:
    labels = _labels(session, [entry for entry, _name in rows])
    return [
        AuditRecord(
            id=entry.id,
            at=entry.at,
            person_id=entry.actor_id,
            person=name or ("" if entry.actor_id is None else entry.actor_id.hex[:8]),
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            record=labels.get(entry.entity_id, "") if entry.entity_id else "",
            before=readable(entry.before),
            after=readable(entry.after),
        )
        for entry, name in rows
    ]


def _choices(session: Session) -> AuditChoices:
    people = session.execute(
        select(User.id, User.display_name, User.username).where(User.deleted.is_(False))
    )
    return AuditChoices(
        people=tuple(
            sorted(
                (AuditPerson(uid, display or username) for uid, display, username in people),
                key=lambda p: (p.name.casefold(), p.name),
            )
        ),
        actions=tuple(
            session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
        ),
        entities=tuple(
            session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
        ),
    )


def audit_entries(
    ctx: ServiceContext,
    *,
    person: uuid.UUID | None = None,
    entity: str | None = None,
    entity_id: uuid.UUID | str | None = None,
    action: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    limit: int = PAGE,
    offset: int = 0,
    choices: bool = True,
) -> AuditPage:
    """A page of the entries matching every filter given, newest first.

    ``entity_id`` is a record's id, or as typed: an id or a number (a request's ``SR-...``, a
    customer's external id, a person's user name). ``start`` is inclusive, ``end`` exclusive.
    ``choices`` also lists the filter boxes' contents (a scan of the log: ask on the first page).
    """
    require(ctx, Action.READ_AUDIT)
    with ctx.sessions() as session:
        query = _filtered(
            session,
            person=person,
            entity=entity,
            entity_id=entity_id,
            action=action,
            start=start,
            end=end,
        )
        rows = session.execute(query.limit(limit + 1).offset(offset)).all()
        return AuditPage(
            entries=tuple(_records(session, rows[:limit])),
            more=len(rows) > limit,
            choices=_choices(session) if choices else None,
        )


def _lines(records: Iterable[AuditRecord]) -> Iterator[list[object]]:
    for r in records:
        row_id = r.entity_id.hex if r.entity_id else ""
        at = r.at.isoformat(timespec="seconds")
        yield [at, r.person, r.action, r.entity, row_id, r.record, r.before, r.after]


def export_audit_csv(ctx: ServiceContext, path: str | Path, **filters: Any) -> int:
    """Write every entry matching ``filters`` (those of ``audit_entries``) to ``path`` as CSV,
    newest first, times in UTC; the number written. The file appears whole or not at all, and
    the export is itself audited."""
    unknown = set(filters) - FILTERS
    if unknown:
        raise TypeError(f"export_audit_csv: no filter {sorted(unknown)[0]!r}")
    require(ctx, Action.READ_AUDIT)
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    written = 0
    try:
        with ctx.sessions() as session, session.begin():
            query = _filtered(session, **{name: filters.get(name) for name in FILTERS})
            with partial.open("w", encoding=ENCODING, newline="") as handle:
                write_rows(handle, [COLUMNS])
                result = session.execute(query.execution_options(yield_per=BATCH))
                for batch in result.partitions(BATCH):
                    write_rows(handle, _lines(_records(session, batch)))
                    written += len(batch)
        os.replace(partial, target)
    except OSError as exc:
        raise AuditExportError(
            N_("{file}: cannot be written: {error}"), file=target, error=exc.strerror or exc
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    described = {k: str(v) for k, v in filters.items() if v not in (None, "")}
    audit.note(
        ctx, "export audit", "audit", after={"file": str(target), "count": written, **described}
    )
    return written
