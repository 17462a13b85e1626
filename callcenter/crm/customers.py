"""Creating and editing customers: full create, quick-create from an unknown caller, numbers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from callcenter.crm.customer_fields import (
    TEXT_LIMITS,
    clean_choice,
    clean_email,
    clean_name,
    clean_phone,
    clean_tags,
    clean_text,
    search_text,
)
from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ConflictError, NotFoundError, ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import CustomerProfile, PhoneView
from callcenter.platform.views import phone_view, profile_view
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models import Customer, Email, PhoneNumber, User


@dataclass(frozen=True)
class NewCustomer:
    name: str
    kind: CustomerKind = CustomerKind.PERSON
    company_name: str | None = None
    lifecycle_stage: LifecycleStage = LifecycleStage.LEAD
    value_tier: ValueTier = ValueTier.STANDARD
    external_id: str | None = None
    owner_id: uuid.UUID | None = None
    region: str | None = None
    city: str | None = None
    industry: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    phones: tuple[tuple[str, PhoneKind], ...] = ()
    emails: tuple[str, ...] = field(default=())


EDITABLE_FIELDS = frozenset(
    {
        "name",
        "kind",
        "company_name",
        "lifecycle_stage",
        "value_tier",
        "owner_id",
        "region",
        "city",
        "industry",
        "source",
        "tags",
        "notes",
    }
)


def profile_of(session: Session, row: Customer) -> CustomerProfile:
    """The profile of a loaded customer, with its owner's name."""
    owner_name = None
    if row.owner_id:
        owner_name = session.scalar(select(User.display_name).where(User.id == row.owner_id))
    return profile_view(row, owner_name)


def load_customer(session: Session, customer_id: uuid.UUID) -> Customer:
    """A live customer with its numbers and e-mails, or NotFoundError."""
    row = session.scalar(
        select(Customer)
        .where(Customer.id == customer_id, Customer.deleted.is_(False))
        .options(selectinload(Customer.phone_numbers), selectinload(Customer.emails))
    )
    if row is None:
        raise NotFoundError(N_("customer {customer_id} does not exist"), customer_id=customer_id)
    return row


def get_profile(ctx: ServiceContext, customer_id: uuid.UUID) -> CustomerProfile:
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        return profile_of(session, load_customer(session, customer_id))


def customer_count(ctx: ServiceContext) -> int:
    """How many live customers the store holds."""
    require(ctx, Action.READ_CUSTOMERS)
    with ctx.sessions() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(Customer).where(Customer.deleted.is_(False))
            )
            or 0
        )


def create_customer(ctx: ServiceContext, new: NewCustomer) -> CustomerProfile:
    """Validate everything first, then write the customer, numbers and e-mails at once."""
    require(ctx, Action.EDIT_CUSTOMERS)
    name = clean_name(new.name)
    company = " ".join(new.company_name.split()) if new.company_name else None
    kind = clean_choice(CustomerKind, new.kind, "kind")
    stage = clean_choice(LifecycleStage, new.lifecycle_stage, "lifecycle_stage")
    tier = clean_choice(ValueTier, new.value_tier, "value_tier")
    phones = [
        (
            clean_phone(raw, ctx.default_region, f"phones[{i}]"),
            clean_choice(PhoneKind, k, "phone kind"),
        )
        for i, (raw, k) in enumerate(new.phones)
    ]
    emails = [clean_email(e, f"emails[{i}]") for i, e in enumerate(new.emails)]
    external_id = new.external_id.strip() if new.external_id else None
    by = ctx.actor_id
    with ctx.sessions.begin() as session:
        if external_id and session.scalar(
            select(Customer.id).where(Customer.external_id == external_id)
        ):
            raise ValidationError(
                "external_id", N_("{external_id!r} is already used"), external_id=external_id
            )
        customer = Customer(
            id=uuid.uuid4(),
            external_id=external_id,
            kind=kind,
            name=name,
            company_name=company,
            lifecycle_stage=stage,
            value_tier=tier,
            owner_id=new.owner_id,
            region=new.region,
            city=" ".join(new.city.split()) if new.city else None,
            industry=new.industry,
            source=new.source,
            tags=clean_tags(new.tags),
            notes=new.notes,
            search_text=search_text(name, company, external_id),
            updated_by=by,
        )
        customer.phone_numbers = [
            PhoneNumber(
                raw=p.raw,
                e164=p.e164,
                national=p.national,
                extension=p.extension,
                kind=k,
                updated_by=by,
            )
            for p, k in phones
        ]
        customer.emails = [Email(address=e, address_lower=e.lower(), updated_by=by) for e in emails]
        session.add(customer)
        session.flush()
        audit.record(session, ctx, "create", "customer", customer.id, after={"name": name})
        return profile_of(session, customer)


def quick_create_from_number(
    ctx: ServiceContext, raw_number: str, name: str, kind: PhoneKind = PhoneKind.MOBILE
) -> CustomerProfile:
    """An unknown caller becomes a lead with the number they called from."""
    return create_customer(
        ctx, NewCustomer(name=name, source="inbound call", phones=((raw_number, kind),))
    )


def attach_number(
    ctx: ServiceContext,
    customer_id: uuid.UUID,
    raw_number: str,
    kind: PhoneKind = PhoneKind.MOBILE,
    contact_id: uuid.UUID | None = None,
) -> PhoneView:
    """Add a caller's number to an existing customer (so the next call pops them)."""
    require(ctx, Action.EDIT_CUSTOMERS)
    parsed = clean_phone(raw_number, ctx.default_region, "phone")
    with ctx.sessions.begin() as session:
        customer = load_customer(session, customer_id)
        if any(p.e164 == parsed.e164 and not p.deleted for p in customer.phone_numbers):
            raise ValidationError(
                "phone", N_("{e164} is already on {name}"), e164=parsed.e164, name=customer.name
            )
        row = PhoneNumber(
            customer_id=customer.id,
            contact_id=contact_id,
            raw=parsed.raw,
            e164=parsed.e164,
            national=parsed.national,
            extension=parsed.extension,
            kind=clean_choice(PhoneKind, kind, "kind"),
            updated_by=ctx.actor_id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session, ctx, "attach number", "customer", customer.id, after={"e164": parsed.e164}
        )
        return phone_view(row)


def update_customer(
    ctx: ServiceContext, customer_id: uuid.UUID, expected_version: int, **changes: Any
) -> CustomerProfile:
    """Change profile fields; refuses when someone saved the customer since it was read."""
    require(ctx, Action.EDIT_CUSTOMERS)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(sorted(unknown)[0], N_("is not an editable customer field"))
    clean = dict(changes)
    if "name" in clean:
        clean["name"] = clean_name(clean["name"])
    for key, enum_cls in (
        ("kind", CustomerKind),
        ("lifecycle_stage", LifecycleStage),
        ("value_tier", ValueTier),
    ):
        if key in clean:
            clean[key] = clean_choice(enum_cls, clean[key], key)
    if "tags" in clean:
        clean["tags"] = clean_tags(clean["tags"])
    for key in TEXT_LIMITS.keys() & clean.keys():
        clean[key] = clean_text(clean[key], key)
    try:
        with ctx.sessions.begin() as session:
            customer = load_customer(session, customer_id)
            if customer.version != expected_version:
                raise ConflictError(
                    N_("{name} was changed by someone else; reload and try again"),
                    name=customer.name,
                )
            before = {k: getattr(customer, k) for k in clean}
            for key, value in clean.items():
                setattr(customer, key, value)
            customer.search_text = search_text(
                customer.name, customer.company_name, customer.external_id
            )
            customer.updated_by = ctx.actor_id
            session.flush()
            audit.record(session, ctx, "edit", "customer", customer.id, before=before, after=clean)
            return profile_of(session, customer)
    except StaleDataError as exc:
        raise ConflictError(N_("the customer was changed by someone else; reload")) from exc


def remove_customer(ctx: ServiceContext, customer_id: uuid.UUID, expected_version: int) -> None:
    """Take a customer off every desk (a tombstone: their calls stop popping them). A
    supervisor's right, as the shared database enforces too; an agent removes a wrong number
    or e-mail instead (``contact_points``)."""
    require(ctx, Action.REMOVE_CUSTOMERS)
    with ctx.sessions.begin() as session:
        customer = load_customer(session, customer_id)
        if customer.version != expected_version:
            raise ConflictError(
                N_("{name} was changed by someone else; reload and try again"), name=customer.name
            )
        customer.deleted = True
        customer.updated_by = ctx.actor_id
        session.flush()
        audit.record(
            session, ctx, "remove", "customer", customer.id, before={"name": customer.name}
        )
