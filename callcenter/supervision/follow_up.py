"""The supervisor's work lists: missed calls to call back, overdue callbacks, requests
near or past their SLA — each a query on the shared store, each actionable in one step."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from callcenter.platform.context import ServiceContext
from callcenter.platform.language import words
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.platform.views import callback_view, service_request_view
from callcenter.work.callbacks import NewCallback, schedule_callback
from db.enums import CallbackStatus, Channel, Direction, SRStatus
from db.epoch import elapsed_us
from db.models import Callback, Customer, Interaction, Queue, ServiceRequest, User

CLOSED_SR = (SRStatus.RESOLVED, SRStatus.CLOSED)
CALL_BACK_WITHIN = dt.timedelta(hours=2)
SLA_WITHIN = dt.timedelta(hours=4)


@dataclass(frozen=True)
class MissedCall:
    interaction_id: uuid.UUID
    caller_number: str
    customer_id: uuid.UUID | None
    customer_name: str | None
    queue_id: uuid.UUID | None
    queue_name: str | None
    offered_at: dt.datetime
    waited: dt.timedelta | None


def missed_calls(ctx: ServiceContext, since: dt.datetime) -> list[MissedCall]:
    """Inbound calls since ``since`` that nobody answered and nobody has called back yet
    (no callback to that number due after the call), newest first."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        return read_missed_calls(session, since)


def read_missed_calls(session: Session, since: dt.datetime) -> list[MissedCall]:
    """``missed_calls`` in a session the caller holds (a board refresh reads in one)."""
    i = Interaction
    called_back = exists().where(
        and_(Callback.phone_number == i.caller_number, Callback.due_from >= i.offered_at)
    )
    query = (
        select(
            i.id,
            i.caller_number,
            i.customer_id,
            Customer.name,
            i.queue_id,
            Queue.display_name,
            Queue.labels,
            i.offered_at,
            elapsed_us(i.ended_at, i.offered_at),
        )
        .outerjoin(Customer, Customer.id == i.customer_id)
        .outerjoin(Queue, Queue.id == i.queue_id)
        .where(
            i.offered_at >= since,
            i.direction == Direction.INBOUND,
            i.channel == Channel.PHONE,
            i.answered_at.is_(None),
            i.caller_number.is_not(None),
            i.deleted.is_(False),
            ~called_back,
        )
        .order_by(i.offered_at.desc())
    )
    # Columns, not entities: a busy day's hundreds of missed calls as ORM objects cost more
    # than the query.
    return [
        MissedCall(
            interaction_id=id_,
            caller_number=caller or "",
            customer_id=customer_id,
            customer_name=customer,
            queue_id=queue_id,
            queue_name=None if queue is None else words(queue, labels),
            offered_at=offered,
            waited=None if waited_us is None else dt.timedelta(microseconds=waited_us),
        )
        for id_, caller, customer_id, customer, queue_id, queue, labels, offered, waited_us in (
            session.execute(query)
        )
    ]


def call_back(
    ctx: ServiceContext,
    missed: MissedCall,
    now: dt.datetime,
    owner_user_id: uuid.UUID | None = None,
) -> CallbackView:
    """One click: a callback for a missed call, due now, owned by the given agent, else by the
    call's queue, else by the person acting."""
    local = missed.offered_at.astimezone()
    queue = None if owner_user_id else missed.queue_id
    user = owner_user_id or (None if queue else ctx.actor_id)
    return schedule_callback(
        ctx,
        NewCallback(
            phone_number=missed.caller_number,
            due_from=now,
            due_until=now + CALL_BACK_WITHIN,
            reason=f"Missed call at {local:%H:%M}"
            + (f" ({missed.queue_name})" if missed.queue_name else ""),
            customer_id=missed.customer_id,
            owner_user_id=user,
            owner_queue_id=queue,
        ),
    )


def overdue_callbacks(ctx: ServiceContext, now: dt.datetime) -> list[CallbackView]:
    """Pending callbacks whose window has closed, most overdue first."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        return read_overdue_callbacks(session, now)


def read_overdue_callbacks(session: Session, now: dt.datetime) -> list[CallbackView]:
    """``overdue_callbacks`` in a session the caller holds."""
    query = (
        select(Callback)
        .where(
            Callback.status == CallbackStatus.PENDING,
            Callback.due_until < now,
            Callback.deleted.is_(False),
        )
        .order_by(Callback.due_until)
    )
    return [callback_view(row) for row in session.scalars(query)]


def sla_watch(
    ctx: ServiceContext, now: dt.datetime, within: dt.timedelta = SLA_WITHIN
) -> list[ServiceRequestView]:
    """Open service requests past their SLA or due within ``within``, soonest first."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        return read_sla_watch(session, now, within)


def read_sla_watch(
    session: Session, now: dt.datetime, within: dt.timedelta = SLA_WITHIN
) -> list[ServiceRequestView]:
    """``sla_watch`` in a session the caller holds."""
    query = (
        select(ServiceRequest)
        .where(
            ServiceRequest.status.not_in(CLOSED_SR),
            ServiceRequest.sla_due_at < now + within,
            ServiceRequest.deleted.is_(False),
        )
        .order_by(ServiceRequest.sla_due_at)
    )
    return [service_request_view(row) for row in session.scalars(query)]


def read_names(
    session: Session, callbacks: Sequence[CallbackView], requests: Sequence[ServiceRequestView]
) -> dict[uuid.UUID, str]:
    """Who the listed work is for: the names of its owners, assignees, queues and customers,
    by id (three indexed reads of the ids on the lists, none when they are empty)."""
    people = {c.owner_user_id for c in callbacks} | {r.assignee_id for r in requests}
    queue_ids = {c.owner_queue_id for c in callbacks} | {r.queue_id for r in requests}
    customer_ids = {c.customer_id for c in callbacks} | {r.customer_id for r in requests}
    names: dict[uuid.UUID, str] = {}
    for table, name, ids in (
        (User, User.display_name, people),
        (Customer, Customer.name, customer_ids),
    ):
        wanted = [i for i in ids if i is not None]
        if wanted:
            rows = session.execute(select(table.id, name).where(table.id.in_(wanted)))
            names.update({row_id: text for row_id, text in rows})
    wanted = [i for i in queue_ids if i is not None]
    if wanted:
        found = select(Queue.id, Queue.display_name, Queue.labels).where(Queue.id.in_(wanted))
        names.update(
            {row_id: words(text, labels) for row_id, text, labels in session.execute(found)}
        )
    return names
