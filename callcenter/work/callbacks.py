"""Callbacks: promises to call a customer back, their due list and their attempts."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from callcenter.crm.customer_fields import clean_phone
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ConflictError, NotFoundError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require, require_work_on
from callcenter.platform.records import CallbackView
from callcenter.platform.views import callback_view
from db.enums import CallbackOutcome, CallbackStatus
from db.models import Callback, CallbackAttempt, Customer, Queue, User

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class NewCallback:
    phone_number: str
    due_from: dt.datetime
    due_until: dt.datetime
    reason: str
    customer_id: uuid.UUID | None = None
    owner_user_id: uuid.UUID | None = None
    owner_queue_id: uuid.UUID | None = None
    service_request_id: uuid.UUID | None = None


def _check_window(due_from: dt.datetime, due_until: dt.datetime) -> None:
    if due_from.tzinfo is None or due_until.tzinfo is None:
        raise ValidationError("due_from", N_("must carry a time zone"))
    if due_until < due_from:
        raise ValidationError("due_until", N_("is before the start of the window"))


def schedule_callback(ctx: ServiceContext, new: NewCallback) -> CallbackView:
    """Promise a call back, owned by one agent or one queue (exactly one of them)."""
    require(ctx, Action.EDIT_CALLBACKS)
    number = clean_phone(new.phone_number, ctx.default_region, "phone_number")
    _check_window(new.due_from, new.due_until)
    if not new.reason.strip():
        raise ValidationError("reason", N_("is required"))
    if (new.owner_user_id is None) == (new.owner_queue_id is None):
        raise ValidationError("owner", N_("choose either an agent or a queue"))
    with ctx.sessions.begin() as session:
        for model, key, field in (
            (Customer, new.customer_id, "customer_id"),
            (User, new.owner_user_id, "owner_user_id"),
            (Queue, new.owner_queue_id, "owner_queue_id"),
        ):
            if key is not None and session.get(model, key) is None:
                raise ValidationError(field, N_("{key} does not exist"), key=key)
        row = Callback(
            id=uuid.uuid4(),
            customer_id=new.customer_id,
            phone_number=number.e164,
            due_from=new.due_from,
            due_until=new.due_until,
            reason=new.reason.strip(),
            owner_user_id=new.owner_user_id,
            owner_queue_id=new.owner_queue_id,
            status=CallbackStatus.PENDING,
            attempt_count=0,
            created_by=ctx.actor_id,
            service_request_id=new.service_request_id,
            updated_by=ctx.actor_id,
        )
        session.add(row)
        session.flush()
        audit.record(session, ctx, "schedule", "callback", row.id, after={"due": new.due_from})
        return callback_view(row)


def record_attempt(
    ctx: ServiceContext,
    callback_id: uuid.UUID,
    outcome: CallbackOutcome,
    *,
    interaction_id: uuid.UUID | None = None,
    notes: str = "",
    reschedule: tuple[dt.datetime, dt.datetime] | None = None,
) -> CallbackView:
    """Count an attempt and move the callback on: reached -> done, wrong number -> failed,
    no answer -> still pending (failed after MAX_ATTEMPTS), rescheduled -> a new window."""
    require(ctx, Action.EDIT_CALLBACKS)
    outcome = CallbackOutcome(outcome)
    if outcome == CallbackOutcome.RESCHEDULED:
        if reschedule is None:
            raise ValidationError("reschedule", N_("a new window is required to reschedule"))
        _check_window(*reschedule)
    with ctx.sessions.begin() as session:
        row = session.scalar(
            select(Callback)
            .where(Callback.id == callback_id, Callback.deleted.is_(False))
            .options(selectinload(Callback.attempts))
        )
        if row is None:
            raise NotFoundError(
                N_("callback {callback_id} does not exist"), callback_id=callback_id
            )
        require_work_on(session, ctx, N_("this callback"), row.owner_user_id, row.owner_queue_id)
        if row.status != CallbackStatus.PENDING:
            raise ValidationError(
                "status", N_("the callback is already {status}"), status=row.status.value
            )
        before = {"status": row.status, "attempt_count": row.attempt_count}
        row.attempts.append(
            CallbackAttempt(
                at=ctx.clock(),
                agent_id=ctx.actor_id,
                outcome=outcome,
                interaction_id=interaction_id,
                notes=notes,
                updated_by=ctx.actor_id,
            )
        )
        row.attempt_count += 1
        if outcome == CallbackOutcome.REACHED:
            row.status = CallbackStatus.DONE
        elif outcome == CallbackOutcome.WRONG_NUMBER:
            row.status = CallbackStatus.FAILED
        elif outcome == CallbackOutcome.RESCHEDULED and reschedule is not None:
            row.due_from, row.due_until = reschedule
        elif row.attempt_count >= MAX_ATTEMPTS:
            row.status = CallbackStatus.FAILED
        row.updated_by = ctx.actor_id
        session.flush()
        audit.record(
            session,
            ctx,
            "attempt",
            "callback",
            row.id,
            before=before,
            after={"status": row.status, "attempt_count": row.attempt_count},
        )
        return callback_view(row, with_attempts=True)


def get_callback(ctx: ServiceContext, callback_id: uuid.UUID) -> CallbackView:
    """One callback with its attempts."""
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        row = session.scalar(
            select(Callback)
            .where(Callback.id == callback_id, Callback.deleted.is_(False))
            .options(selectinload(Callback.attempts))
        )
        if row is None:
            raise NotFoundError(
                N_("callback {callback_id} does not exist"), callback_id=callback_id
            )
        return callback_view(row, with_attempts=True)


def due_callbacks(
    ctx: ServiceContext,
    user_id: uuid.UUID | None,
    queue_ids: tuple[uuid.UUID, ...] = (),
    horizon: dt.timedelta = dt.timedelta(hours=1),
) -> list[CallbackView]:
    """Pending callbacks owned by the agent or their queues, due within ``horizon`` or overdue."""
    require(ctx, Action.READ_CUSTOMERS)
    owners = []
    if user_id is not None:
        owners.append(Callback.owner_user_id == user_id)
    if queue_ids:
        owners.append(Callback.owner_queue_id.in_(queue_ids))
    if not owners:
        return []
    with ctx.sessions() as session:
        rows = session.scalars(
            select(Callback)
            .where(
                Callback.status == CallbackStatus.PENDING,
                Callback.deleted.is_(False),
                Callback.due_from <= ctx.clock() + horizon,
                or_(*owners),
            )
            .order_by(Callback.due_from)
        ).all()
        return [callback_view(r) for r in rows]


def reassign_callback(
    ctx: ServiceContext,
    callback_id: uuid.UUID,
    expected_version: int,
    *,
    owner_user_id: uuid.UUID | None = None,
    owner_queue_id: uuid.UUID | None = None,
) -> CallbackView:
    """Give a callback to one agent or one queue (supervisors only), with an audit entry."""
    require(ctx, Action.REASSIGN_WORK)
    if (owner_user_id is None) == (owner_queue_id is None):
        raise ValidationError("owner", N_("choose either an agent or a queue"))
    with ctx.sessions.begin() as session:
        row = session.get(Callback, callback_id)
        if row is None or row.deleted:
            raise NotFoundError(N_("no callback {callback_id}"), callback_id=callback_id)
        if row.version != expected_version:
            raise ConflictError(N_("the callback was changed by someone else; reload it"))
        for model, key, field in (
            (User, owner_user_id, "owner_user_id"),
            (Queue, owner_queue_id, "owner_queue_id"),
        ):
            if key is not None and session.get(model, key) is None:
                raise ValidationError(field, N_("{key} does not exist"), key=key)
        before = {"owner_user_id": row.owner_user_id, "owner_queue_id": row.owner_queue_id}
        row.owner_user_id, row.owner_queue_id = owner_user_id, owner_queue_id
        row.updated_by = ctx.actor_id
        session.flush()
        after = {"owner_user_id": owner_user_id, "owner_queue_id": owner_queue_id}
        audit.record(session, ctx, "reassign", "callback", row.id, before=before, after=after)
        return callback_view(row)
