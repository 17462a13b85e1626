"""Copies of ORM rows into the frozen records the services return, and the column lists that
let a Core row unpack straight into one."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import ColumnElement, FromClause

from callcenter.platform.records import (
    CallbackAttemptView,
    CallbackView,
    CustomerProfile,
    EmailView,
    InteractionView,
    PhoneView,
    ServiceRequestView,
    SRHistoryView,
)
from db.models import Callback, Customer, Email, Interaction, PhoneNumber, ServiceRequest


def view_columns(
    view: type[Any], table: FromClause, **computed: ColumnElement[Any]
) -> list[ColumnElement[Any]]:
    """The select list for ``view``: one column per field, in field order, so ``view(*row)``
    builds the record from a Core row without the ORM.

    A field is the table's column of that name unless ``computed`` gives its expression; a
    field with a default and no column (a nested list) is left to its default. Any other
    field without a column fails here, when the statement is built, not on a call.
    """
    columns: list[ColumnElement[Any]] = []
    for field in dataclasses.fields(view):
        if field.name in computed:
            columns.append(computed[field.name].label(field.name))
        elif field.name in table.c:
            columns.append(table.c[field.name])
        elif field.default is dataclasses.MISSING:
            raise TypeError(f"{view.__name__}.{field.name} has no column in {table}")
    return columns


def phone_view(row: PhoneNumber) -> PhoneView:
    return PhoneView(
        id=row.id,
        raw=row.raw,
        e164=row.e164,
        extension=row.extension,
        kind=row.kind,
        contact_id=row.contact_id,
    )


def email_view(row: Email) -> EmailView:
    return EmailView(id=row.id, address=row.address, contact_id=row.contact_id)


def interaction_view(row: Interaction) -> InteractionView:
    return InteractionView(
        id=row.id,
        channel=row.channel,
        direction=row.direction,
        sip_call_id=row.sip_call_id,
        queue_id=row.queue_id,
        caller_number=row.caller_number,
        offered_at=row.offered_at,
        answered_at=row.answered_at,
        ended_at=row.ended_at,
        disposition_code=row.disposition_code,
        notes=row.notes,
        agent_id=row.agent_id,
        customer_id=row.customer_id,
        service_request_id=row.service_request_id,
        callback_id=row.callback_id,
    )


def service_request_view(row: ServiceRequest, *, with_history: bool = False) -> ServiceRequestView:
    history = (
        tuple(
            SRHistoryView(
                at=h.at,
                actor_id=h.actor_id,
                field=h.field,
                old_value=h.old_value,
                new_value=h.new_value,
            )
            for h in row.history
        )
        if with_history
        else ()
    )
    return ServiceRequestView(
        id=row.id,
        version=row.version,
        number=row.number,
        customer_id=row.customer_id,
        category_code=row.category_code,
        priority=row.priority,
        status=row.status,
        subject=row.subject,
        description=row.description,
        resolution=row.resolution,
        satisfaction=row.satisfaction,
        assignee_id=row.assignee_id,
        queue_id=row.queue_id,
        opened_at=row.opened_at,
        sla_due_at=row.sla_due_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        history=history,
    )


def callback_view(row: Callback, *, with_attempts: bool = False) -> CallbackView:
    attempts = (
        tuple(
            CallbackAttemptView(
                at=a.at,
                agent_id=a.agent_id,
                outcome=a.outcome,
                interaction_id=a.interaction_id,
                notes=a.notes,
            )
            for a in row.attempts
        )
        if with_attempts
        else ()
    )
    return CallbackView(
        id=row.id,
        version=row.version,
        customer_id=row.customer_id,
        phone_number=row.phone_number,
        due_from=row.due_from,
        due_until=row.due_until,
        reason=row.reason,
        owner_user_id=row.owner_user_id,
        owner_queue_id=row.owner_queue_id,
        status=row.status,
        attempt_count=row.attempt_count,
        service_request_id=row.service_request_id,
        attempts=attempts,
    )


def split_tags(tags: str) -> tuple[str, ...]:
    """Tags are stored comma-separated; the record holds them as a tuple."""
    return tuple(t for t in tags.split(",") if t)


def profile_view(row: Customer, owner_name: str | None) -> CustomerProfile:
    """The profile part of a customer; phones and e-mails must have been loaded with it."""
    return CustomerProfile(
        id=row.id,
        version=row.version,
        external_id=row.external_id,
        kind=row.kind,
        name=row.name,
        company_name=row.company_name,
        lifecycle_stage=row.lifecycle_stage,
        value_tier=row.value_tier,
        owner_id=row.owner_id,
        owner_name=owner_name,
        region=row.region,
        industry=row.industry,
        source=row.source,
        tags=split_tags(row.tags),
        notes=row.notes,
        phones=tuple(phone_view(p) for p in row.phone_numbers if not p.deleted),
        emails=tuple(email_view(e) for e in row.emails if not e.deleted),
        city=row.city,
    )
