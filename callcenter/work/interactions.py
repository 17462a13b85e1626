"""Logging interactions: the softphone's calls, manual calls, their disposition and notes."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, PermissionDeniedError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, is_supervisor, require
from callcenter.platform.records import InteractionView
from callcenter.platform.views import interaction_view
from db.enums import Channel, Direction
from db.models import Callback, Customer, DispositionCode, Interaction, Queue, ServiceRequest

NOTES_MAX = 20000


@dataclass(frozen=True)
class NewInteraction:
    channel: Channel
    direction: Direction
    offered_at: dt.datetime
    answered_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    customer_id: uuid.UUID | None = None
    sip_call_id: str | None = None
    queue_id: uuid.UUID | None = None
    caller_number: str | None = None
    dialled_number: str | None = None
    disposition_code: str | None = None
    notes: str = ""
    service_request_id: uuid.UUID | None = None
    callback_id: uuid.UUID | None = None
    queue_wait_seconds: int | None = None


def _check_disposition(session: Session, code: str | None, notes: str) -> None:
    if code is None:
        return
    row = session.scalar(select(DispositionCode).where(DispositionCode.code == code))
    if row is None or not row.active or row.deleted:
        raise ValidationError(
            "disposition_code", N_("{code!r} is not an active disposition"), code=code
        )
    if row.requires_notes and not notes.strip():
        raise ValidationError(
            "notes", N_("are required for disposition {label!r}"), label=row.label
        )


def _check_times(
    offered: dt.datetime, answered: dt.datetime | None, ended: dt.datetime | None
) -> None:
    for name, value in (("offered_at", offered), ("answered_at", answered), ("ended_at", ended)):
        if value is not None and value.tzinfo is None:
            raise ValidationError(name, N_("must carry a time zone"))
    if answered is not None and answered < offered:
        raise ValidationError("answered_at", N_("is before the call was offered"))
    if ended is not None and ended < (answered or offered):
        raise ValidationError("ended_at", N_("is before the call started"))


def _check_links(session: Session, item: NewInteraction) -> None:
    for model, key, field in (
        (Customer, item.customer_id, "customer_id"),
        (Queue, item.queue_id, "queue_id"),
        (ServiceRequest, item.service_request_id, "service_request_id"),
        (Callback, item.callback_id, "callback_id"),
    ):
        if key is not None and session.get(model, key) is None:
            raise ValidationError(field, N_("{key} does not exist"), key=key)


def add_interaction(session: Session, ctx: ServiceContext, item: NewInteraction) -> Interaction:
    """Check and add one interaction inside the caller's transaction."""
    require(ctx, Action.LOG_INTERACTIONS)
    try:
        channel, direction = Channel(item.channel), Direction(item.direction)
    except ValueError as exc:
        raise ValidationError("channel", str(exc)) from None
    _check_times(item.offered_at, item.answered_at, item.ended_at)
    if len(item.notes) > NOTES_MAX:
        raise ValidationError(
            "notes", N_("are longer than {notes_max} characters"), notes_max=NOTES_MAX
        )
    _check_disposition(session, item.disposition_code, item.notes)
    _check_links(session, item)
    row = Interaction(
        id=uuid.uuid4(),
        channel=channel,
        direction=direction,
        sip_call_id=item.sip_call_id,
        queue_id=item.queue_id,
        caller_number=item.caller_number,
        dialled_number=item.dialled_number,
        offered_at=item.offered_at,
        answered_at=item.answered_at,
        ended_at=item.ended_at,
        disposition_code=item.disposition_code,
        notes=item.notes,
        agent_id=ctx.actor_id,
        customer_id=item.customer_id,
        service_request_id=item.service_request_id,
        callback_id=item.callback_id,
        queue_wait_seconds=item.queue_wait_seconds,
        updated_by=ctx.actor_id,
    )
    session.add(row)
    session.flush()
    return row


def log_interaction(ctx: ServiceContext, item: NewInteraction) -> InteractionView:
    """Record one interaction as the acting agent; everything is checked before writing."""
    with ctx.sessions.begin() as session:
        return interaction_view(add_interaction(session, ctx, item))


def complete_interaction(
    ctx: ServiceContext,
    interaction_id: uuid.UUID,
    *,
    disposition_code: str | None,
    notes: str,
    ended_at: dt.datetime | None = None,
    customer_id: uuid.UUID | None = None,
    service_request_id: uuid.UUID | None = None,
) -> InteractionView:
    """Wrap-up: set the disposition, notes and links of the agent's own interaction."""
    require(ctx, Action.LOG_INTERACTIONS)
    with ctx.sessions.begin() as session:
        row = session.get(Interaction, interaction_id)
        if row is None or row.deleted:
            raise NotFoundError(
                N_("interaction {interaction_id} does not exist"), interaction_id=interaction_id
            )
        if row.agent_id != ctx.actor_id and not is_supervisor(ctx):
            raise PermissionDeniedError(N_("only the agent who took the call can complete its log"))
        _check_disposition(session, disposition_code, notes)
        if len(notes) > NOTES_MAX:
            raise ValidationError(
                "notes", N_("are longer than {notes_max} characters"), notes_max=NOTES_MAX
            )
        if ended_at is not None:
            _check_times(row.offered_at, row.answered_at, ended_at)
            row.ended_at = ended_at
        before = {"disposition_code": row.disposition_code}
        row.disposition_code = disposition_code
        row.notes = notes
        if customer_id is not None:
            row.customer_id = customer_id
        if service_request_id is not None:
            row.service_request_id = service_request_id
        row.updated_by = ctx.actor_id
        session.flush()
        audit.record(
            session,
            ctx,
            "complete",
            "interaction",
            row.id,
            before=before,
            after={"disposition_code": disposition_code},
        )
        return interaction_view(row)
