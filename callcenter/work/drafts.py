"""Crash-safe call notes: the log being typed is saved to the local store as a draft.

The UI saves on every pause in typing; reopening the desk lists unsaved drafts so no note
is ever lost, and saving the log as an interaction removes its draft in the same breath.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.records import InteractionView
from callcenter.platform.views import interaction_view
from callcenter.work.interactions import NOTES_MAX, NewInteraction, add_interaction
from db.enums import Direction
from db.models import NoteDraft


@dataclass(frozen=True)
class Draft:
    key: str
    call_id: str | None
    interaction_id: uuid.UUID | None
    customer_id: uuid.UUID | None
    service_request_id: uuid.UUID | None
    disposition_code: str | None
    notes: str
    caller_number: str | None
    direction: Direction | None
    started_at: dt.datetime
    answered_at: dt.datetime | None
    updated_at: dt.datetime


def _view(row: NoteDraft) -> Draft:
    return Draft(
        key=row.key,
        call_id=row.call_id,
        interaction_id=row.interaction_id,
        customer_id=row.customer_id,
        service_request_id=row.service_request_id,
        disposition_code=row.disposition_code,
        notes=row.notes,
        caller_number=row.caller_number,
        direction=Direction(row.direction) if row.direction else None,
        started_at=row.started_at,
        answered_at=row.answered_at,
        updated_at=row.updated_at,
    )


def save_draft(
    ctx: ServiceContext,
    key: str,
    *,
    notes: str,
    disposition_code: str | None = None,
    call_id: str | None = None,
    interaction_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
    service_request_id: uuid.UUID | None = None,
    caller_number: str | None = None,
    direction: Direction | None = None,
    started_at: dt.datetime | None = None,
    answered_at: dt.datetime | None = None,
) -> Draft:
    """Create or overwrite the draft under ``key`` (a call id, or a manual log's id)."""
    if not key:
        raise ValidationError("key", N_("is required"))
    if len(notes) > NOTES_MAX:
        raise ValidationError(
            "notes", N_("are longer than {notes_max} characters"), notes_max=NOTES_MAX
        )
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        row = session.get(NoteDraft, key)
        if row is None:
            row = NoteDraft(key=key, started_at=started_at or now)
            session.add(row)
        row.notes = notes
        row.disposition_code = disposition_code
        row.call_id = call_id
        row.interaction_id = interaction_id
        row.customer_id = customer_id
        row.service_request_id = service_request_id
        row.caller_number = caller_number
        row.direction = direction.value if direction else None
        row.answered_at = answered_at
        row.updated_at = now
        session.flush()
        return _view(row)


def load_draft(ctx: ServiceContext, key: str) -> Draft | None:
    with ctx.sessions() as session:
        row = session.get(NoteDraft, key)
        return _view(row) if row else None


def unsaved_drafts(ctx: ServiceContext) -> list[Draft]:
    """Every draft still waiting to be saved, oldest first (shown when the desk opens)."""
    with ctx.sessions() as session:
        return [_view(r) for r in session.scalars(select(NoteDraft).order_by(NoteDraft.started_at))]


def discard_draft(ctx: ServiceContext, key: str) -> None:
    with ctx.sessions.begin() as session:
        row = session.get(NoteDraft, key)
        if row is not None:
            session.delete(row)


def save_as_interaction(ctx: ServiceContext, key: str, item: NewInteraction) -> InteractionView:
    """Write the finished log and drop its draft in one transaction: never both, never neither."""
    with ctx.sessions.begin() as session:
        row = add_interaction(session, ctx, item)
        draft = session.get(NoteDraft, key)
        if draft is not None:
            session.delete(draft)
        return interaction_view(row)
