"""Conflicts replication found: shown to the people they affect, settled by them.

When two desks changed the same field offline, the shared store kept the later write and
recorded the other value (``db/replication/push.py``). An agent sees the conflicts about their
own edits and work, a supervisor sees all; either keeps what is there or restores the other
value — itself an ordinary edit, so it replicates like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, PermissionDeniedError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import is_supervisor
from db.base import Base, Replicated
from db.models import Callback, Customer, ServiceRequest, SyncConflict, User
from db.replication import codec

KEPT = "kept"
RESTORED = "restored"


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    table_name: str
    row_id: uuid.UUID
    what: str
    field: str
    kept_value: str
    lost_value: str
    kept_by: str
    lost_by: str
    detected_at: dt.datetime


def _model(table_name: str) -> type[Replicated]:
    for mapper in Base.registry.mappers:
        if mapper.persist_selectable.description == table_name and issubclass(
            mapper.class_, Replicated
        ):
            return mapper.class_
    raise NotFoundError(N_("no table {table_name!r}"), table_name=table_name)


def _shown(text: str | None) -> str:
    value = None if text is None else json.loads(text)
    return "(empty)" if value in (None, "") else str(value)


def record_label(session: Session, table_name: str, row_id: uuid.UUID) -> str:
    """What a person calls the record (a request by its number, a customer by name)."""
    if table_name == ServiceRequest.__tablename__:
        sr = session.get(ServiceRequest, row_id)
        return f"{sr.number} {sr.subject}" if sr else "service request"
    if table_name == Customer.__tablename__:
        customer = session.get(Customer, row_id)
        return customer.name if customer else "customer"
    if table_name == Callback.__tablename__:
        callback = session.get(Callback, row_id)
        return f"callback to {callback.phone_number}" if callback else "callback"
    return table_name.replace("_", " ")


def _mine(ctx: ServiceContext) -> Any:
    """Conflicts about the actor's own edits or the service requests and callbacks they own."""
    me = ctx.actor_id
    return or_(
        SyncConflict.kept_by == me,
        SyncConflict.lost_by == me,
        SyncConflict.row_id.in_(select(ServiceRequest.id).where(ServiceRequest.assignee_id == me)),
        SyncConflict.row_id.in_(select(Callback.id).where(Callback.owner_user_id == me)),
    )


def open_conflicts(ctx: ServiceContext) -> list[ConflictView]:
    """Unsettled conflicts this person may see, newest first."""
    with ctx.sessions() as session:
        query = select(SyncConflict).where(
            SyncConflict.resolved_at.is_(None), SyncConflict.deleted.is_(False)
        )
        if not is_supervisor(ctx):
            query = query.where(_mine(ctx))
        rows = list(session.scalars(query.order_by(SyncConflict.detected_at.desc())))
        names = dict(session.execute(select(User.id, User.username)).all())
        return [
            ConflictView(
                id=c.id,
                table_name=c.table_name,
                row_id=c.row_id,
                what=record_label(session, c.table_name, c.row_id),
                field=c.field.replace("_", " "),
                kept_value=_shown(c.kept_value),
                lost_value=_shown(c.lost_value),
                kept_by=names.get(c.kept_by, "another desk") if c.kept_by else "another desk",
                lost_by=names.get(c.lost_by, "another desk") if c.lost_by else "another desk",
                detected_at=c.detected_at,
            )
            for c in rows
        ]


def resolve(ctx: ServiceContext, conflict_id: uuid.UUID, *, restore: bool) -> None:
    """Settle a conflict: keep the value that won, or put the other one back."""
    with ctx.sessions.begin() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFoundError(N_("that conflict is no longer open"))
        allowed = is_supervisor(ctx) or session.scalar(
            select(SyncConflict.id).where(SyncConflict.id == conflict_id, _mine(ctx))
        )
        if not allowed:
            raise PermissionDeniedError(
                N_("only the people involved or a supervisor may settle it")
            )
        if restore:
            model = _model(conflict.table_name)
            row = session.get(model, conflict.row_id)
            if row is None:
                raise NotFoundError(N_("the changed record is not on this desk"))
            column = model.__table__.c[conflict.field]  # type: ignore[attr-defined]
            setattr(row, conflict.field, codec.from_text(column, conflict.lost_value))
            row.updated_by = ctx.actor_id
        conflict.resolved_at = ctx.clock()
        conflict.resolved_by = ctx.actor_id
        conflict.resolution = RESTORED if restore else KEPT
        conflict.updated_by = ctx.actor_id
