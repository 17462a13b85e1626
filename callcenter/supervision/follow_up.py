"""The supervisor's work lists: missed calls to call back, overdue callbacks, requests
near or past their SLA — each a query on the shared store, each actionable in one step."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)

from callcenter.platform.context import ServiceContext
from callcenter.platform.language import words
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import CallbackView, ServiceRequestView
from callcenter.platform.views import view_columns
from callcenter.work.callbacks import NewCallback, schedule_callback
from db.enums import CallbackStatus, Channel, Direction, SRStatus
from db.epoch import elapsed_us
from db.models import Callback, Customer, Interaction, Queue, ServiceRequest, User

CLOSED_SR = (SRStatus.RESOLVED, SRStatus.CLOSED)
CALL_BACK_WITHIN = dt.timedelta(hours=2)
SLA_WITHIN = dt.timedelta(hours=4)
#: The most rows a board's missed calls and SLA watch bring (their counts stay exact): a busy
#: day's 1,666 missed calls or 731 watched requests are more than anyone reads, and building
#: them was a third of a refresh.
SHOWN = 200

R = TypeVar("R")


@dataclass(frozen=True)
class Listed(Generic[R]):
    """Some of a list's rows, and how many it holds."""

    rows: list[R]
    total: int


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
        conn = session.connection()
        return read_missed_calls(conn, since).rows


def read_missed_calls(
    conn: Connection, since: dt.datetime, limit: int | None = None
) -> Listed[MissedCall]:
    """``missed_calls`` on a connection the caller holds (a board refresh reads in one): the
    newest ``limit`` of them (all without one) and how many there are, in one statement."""
    i = Interaction
    # A callback due after the call is due after ``since`` too: the few callbacks due since,
    # read once (materialised, so PostgreSQL hashes them), and the day's calls checked
    # against them; probing the callbacks' index for each of a busy day's 3,333 unanswered
    # calls cost 15 ms of a 25 ms refresh, the hash 5.
    due = (
        select(Callback.phone_number, Callback.due_from)
        .where(Callback.due_from >= since)
        .cte("due")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    called_back = exists().where(
        and_(due.c.phone_number == i.caller_number, due.c.due_from >= i.offered_at)
    )
    # The customer's name read per missed call by its key: joined, PostgreSQL would rather
    # read every customer into a hash than look up the day's few thousand.
    customer = select(Customer.name).where(Customer.id == i.customer_id).scalar_subquery()
    query = (
        select(
            i.id,
            i.caller_number,
            i.customer_id,
            customer,
            i.queue_id,
            Queue.display_name,
            Queue.labels,
            i.offered_at,
            elapsed_us(i.ended_at, i.offered_at),
            func.count().over(),
        )
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
        .limit(limit)
    )
    # Columns, not entities: a busy day's thousands of missed calls as ORM objects cost more
    # than the query; each queue's name is put in words once.
    queue_names: dict[uuid.UUID | None, str | None] = {}
    missed = []
    rows = conn.execute(query).all()
    for (
        id_,
        caller,
        customer_id,
        name,
        queue_id,
        queue,
        labels,
        offered,
        waited_us,
        _total,
    ) in rows:
        if queue_id not in queue_names:
            queue_names[queue_id] = None if queue is None else words(queue, labels)
        missed.append(
            MissedCall(
                id_,
                caller or "",
                customer_id,
                name,
                queue_id,
                queue_names[queue_id],
                offered,
                None if waited_us is None else dt.timedelta(microseconds=waited_us),
            )
        )
    return Listed(missed, rows[0][-1] if rows else 0)


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
        conn = session.connection()
        return read_overdue_callbacks(conn, now)


_CALLBACK = view_columns(CallbackView, Callback.__table__)
_REQUEST = view_columns(ServiceRequestView, ServiceRequest.__table__)


def _overdue(now: dt.datetime) -> ColumnElement[bool]:
    return and_(
        Callback.status == CallbackStatus.PENDING,
        Callback.due_until < now,
        Callback.deleted.is_(False),
    )


def read_overdue_callbacks(conn: Connection, now: dt.datetime) -> list[CallbackView]:
    """``overdue_callbacks`` on a connection the caller holds; Core rows unpacked straight into
    the records (a busy day's hundreds as ORM objects cost more than the query)."""
    query = select(*_CALLBACK).where(_overdue(now)).order_by(Callback.due_until)
    return [CallbackView(*row) for row in conn.execute(query).all()]


def sla_watch(
    ctx: ServiceContext, now: dt.datetime, within: dt.timedelta = SLA_WITHIN
) -> list[ServiceRequestView]:
    """Open service requests past their SLA or due within ``within``, soonest first."""
    require(ctx, Action.SUPERVISE)
    with ctx.sessions() as session:
        conn = session.connection()
        return read_sla_watch(conn, now, within).rows


def _watched(now: dt.datetime, within: dt.timedelta) -> ColumnElement[bool]:
    # Written as the partial index ix_service_requests_open_sla_due_at says it.
    return and_(
        ServiceRequest.status.not_in(CLOSED_SR),
        ServiceRequest.sla_due_at < now + within,
        ServiceRequest.deleted.is_(False),
    )


def _last_due(
    columns: tuple[Any, ...], now: dt.datetime, within: dt.timedelta, limit: int | None
) -> Select[Any]:
    """The watched requests due last, ``limit`` of them (all without one), latest first.

    A request joins the watch when it comes within ``within`` of its SLA, so those due last
    are the ones that just joined or just broke it, always shown (and announced); the long
    broken beyond them are counted."""
    query = select(*columns).where(_watched(now, within))
    return query.order_by(ServiceRequest.sla_due_at.desc()).limit(limit)


def read_sla_watch(
    conn: Connection,
    now: dt.datetime,
    within: dt.timedelta = SLA_WITHIN,
    limit: int | None = None,
) -> Listed[ServiceRequestView]:
    """``sla_watch`` on a connection the caller holds, as Core rows (see the overdue callbacks):
    the ``limit`` due last (``_last_due``), soonest first, and how many are watched."""
    rows = conn.execute(_last_due((*_REQUEST, func.count().over()), now, within, limit)).all()
    return Listed(
        [ServiceRequestView(*row[:-1]) for row in reversed(rows)], rows[0][-1] if rows else 0
    )


def read_names(
    conn: Connection,
    now: dt.datetime,
    within: dt.timedelta = SLA_WITHIN,
    limit: int | None = None,
) -> dict[uuid.UUID, str]:
    """Who the overdue callbacks and the SLA watch at ``now`` (its ``limit`` shown) are for:
    the names of their owners, assignees, queues and customers, by id. One statement, the
    lists' own conditions choosing the ids: a busy day's hundreds of ids sent back as
    parameters cost more than the lists themselves. (Read after the lists, a row changed in
    between shows without its name until the next refresh.)"""
    watched = _last_due(
        (ServiceRequest.assignee_id, ServiceRequest.queue_id, ServiceRequest.customer_id),
        now,
        within,
        limit,
    ).subquery("watched")
    work = union_all(
        select(Callback.owner_user_id, Callback.owner_queue_id, Callback.customer_id).where(
            _overdue(now)
        ),
        select(*watched.c),
    ).cte("work")
    person, queue, customer = work.c
    no_labels = null().cast(Queue.labels.type)
    found = union_all(
        select(User.id, User.display_name, no_labels, literal(False)).where(
            User.id.in_(select(person))
        ),
        select(Customer.id, Customer.name, no_labels, literal(False)).where(
            Customer.id.in_(select(customer))
        ),
        select(Queue.id, Queue.display_name, Queue.labels, literal(True)).where(
            Queue.id.in_(select(queue))
        ),
    )
    return {
        row_id: words(text, labels) if is_queue else text
        for row_id, text, labels, is_queue in conn.execute(found).all()
    }
