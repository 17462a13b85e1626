"""Changing how a customer is reached: numbers, e-mail addresses and the contacts (people at
the customer) that hold them. A removed row is a tombstone, so every desk's copy forgets it
too, and a removed number no longer pops the customer."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.crm.customer_fields import clean_email, clean_name
from callcenter.crm.customers import load_customer
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import ContactView, EmailView
from callcenter.platform.views import email_view
from db.models import Contact, Email, PhoneNumber

TITLE_MAX = 100

_Row = TypeVar("_Row", PhoneNumber, Email, Contact)


def _live(session: Session, model: type[_Row], row_id: uuid.UUID) -> _Row:
    """The row, of a customer that still exists; NotFoundError for a tombstone."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(
            N_("{table} {row_id} does not exist"),
            table=model.__tablename__,
            row_id=row_id,
        )
    load_customer(session, row.customer_id)
    return row


def _bury(session: Session, ctx: ServiceContext, row: PhoneNumber | Email | Contact) -> None:
    row.deleted = True
    row.updated_by = ctx.actor_id
    session.flush()


def _remove(
    ctx: ServiceContext,
    model: type[_Row],
    row_id: uuid.UUID,
    action: str,
    before: Callable[[_Row], dict[str, Any]],
) -> None:
    """Tombstone one number or e-mail of a customer, audited with what it was."""
    require(ctx, Action.EDIT_CUSTOMERS)
    with ctx.sessions.begin() as session:
        row = _live(session, model, row_id)
        _bury(session, ctx, row)
        audit.record(session, ctx, action, "customer", row.customer_id, before=before(row))


def remove_number(ctx: ServiceContext, phone_id: uuid.UUID) -> None:
    """The number is no longer the customer's: calls from it stop popping them."""
    _remove(ctx, PhoneNumber, phone_id, "remove number", lambda row: {"e164": row.e164})


def add_email(
    ctx: ServiceContext,
    customer_id: uuid.UUID,
    address: str,
    contact_id: uuid.UUID | None = None,
) -> EmailView:
    require(ctx, Action.EDIT_CUSTOMERS)
    clean = clean_email(address)
    with ctx.sessions.begin() as session:
        customer = load_customer(session, customer_id)
        taken = session.scalar(
            select(Email.id).where(
                Email.customer_id == customer.id,
                Email.address_lower == clean.lower(),
                Email.deleted.is_(False),
            )
        )
        if taken is not None:
            raise ValidationError(
                "email", N_("{clean} is already on {name}"), clean=clean, name=customer.name
            )
        if (
            contact_id is not None
            and _live(session, Contact, contact_id).customer_id != customer.id
        ):
            raise ValidationError("contact", N_("is not one of this customer's contacts"))
        row = Email(
            customer_id=customer.id,
            contact_id=contact_id,
            address=clean,
            address_lower=clean.lower(),
            updated_by=ctx.actor_id,
        )
        session.add(row)
        session.flush()
        audit.record(session, ctx, "add e-mail", "customer", customer.id, after={"email": clean})
        return email_view(row)


def remove_email(ctx: ServiceContext, email_id: uuid.UUID) -> None:
    _remove(ctx, Email, email_id, "remove e-mail", lambda row: {"email": row.address})


def _title(value: str | None) -> str | None:
    title = " ".join((value or "").split()) or None
    if title is not None and len(title) > TITLE_MAX:
        raise ValidationError(
            "title", N_("is longer than {title_max} characters"), title_max=TITLE_MAX
        )
    return title


def _contact_view(row: Contact) -> ContactView:
    return ContactView(id=row.id, name=row.name, title=row.title, phones=(), emails=())


def add_contact(
    ctx: ServiceContext, customer_id: uuid.UUID, name: str, title: str | None = None
) -> ContactView:
    """A person at the customer (the buyer at a company, a spouse on a household account)."""
    require(ctx, Action.EDIT_CUSTOMERS)
    clean, clean_title = clean_name(name), _title(title)
    with ctx.sessions.begin() as session:
        customer = load_customer(session, customer_id)
        row = Contact(
            customer_id=customer.id, name=clean, title=clean_title, updated_by=ctx.actor_id
        )
        session.add(row)
        session.flush()
        audit.record(session, ctx, "add contact", "customer", customer.id, after={"name": clean})
        return _contact_view(row)


def update_contact(
    ctx: ServiceContext, contact_id: uuid.UUID, name: str, title: str | None = None
) -> ContactView:
    require(ctx, Action.EDIT_CUSTOMERS)
    clean, clean_title = clean_name(name), _title(title)
    with ctx.sessions.begin() as session:
        row = _live(session, Contact, contact_id)
        before = {"name": row.name, "title": row.title}
        row.name, row.title, row.updated_by = clean, clean_title, ctx.actor_id
        session.flush()
        audit.record(
            session,
            ctx,
            "edit contact",
            "customer",
            row.customer_id,
            before=before,
            after={"name": clean, "title": clean_title},
        )
        return _contact_view(row)


def remove_contact(ctx: ServiceContext, contact_id: uuid.UUID) -> None:
    """The person left the customer: their own numbers and e-mails go with them."""
    require(ctx, Action.EDIT_CUSTOMERS)
    with ctx.sessions.begin() as session:
        row = _live(session, Contact, contact_id)
        numbers = session.scalars(
            select(PhoneNumber).where(
                PhoneNumber.contact_id == row.id, PhoneNumber.deleted.is_(False)
            )
        ).all()
        emails = session.scalars(
            select(Email).where(Email.contact_id == row.id, Email.deleted.is_(False))
        ).all()
        for number in numbers:
            _bury(session, ctx, number)
        for email in emails:
            _bury(session, ctx, email)
        _bury(session, ctx, row)
        audit.record(
            session, ctx, "remove contact", "customer", row.customer_id, before={"name": row.name}
        )
