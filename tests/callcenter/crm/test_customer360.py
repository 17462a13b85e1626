"""The 360° read returns the whole record with a query count that does not grow with history,
and builds no ORM objects on the way."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Mapper

from callcenter.crm import customers
from callcenter.crm.customer360 import RECENT_LIMIT, load_customer_360
from callcenter.crm.customers import NewCustomer
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError
from db.enums import (
    CallbackStatus,
    Channel,
    CustomerKind,
    Direction,
    InvoiceStatus,
    OrderStatus,
    PhoneKind,
    Priority,
    Role,
    ShipmentStatus,
    SRStatus,
)
from db.models import (
    Callback,
    Contact,
    Customer,
    Email,
    Interaction,
    Invoice,
    Order,
    Payment,
    PhoneNumber,
    ServiceRequest,
    Shipment,
    User,
)

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@contextmanager
def count_queries(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


@contextmanager
def count_orm_loads() -> Iterator[list[object]]:
    """ORM instances loaded meanwhile (the 360 read should make none)."""
    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    event.listen(Mapper, "load", on_load)
    try:
        yield loaded
    finally:
        event.remove(Mapper, "load", on_load)


def add_history(ctx: ServiceContext, customer_id: uuid.UUID, n: int) -> None:
    with ctx.sessions.begin() as s:
        s.add(Contact(customer_id=customer_id, name=f"Contact {n}"))
        for i in range(n):
            at = NOW - dt.timedelta(days=i + 1)
            order = Order(
                customer_id=customer_id,
                number=f"O-{customer_id.hex[:6]}-{i}",
                placed_at=at,
                status=OrderStatus.DELIVERED,
                total_minor=1000,
                currency="GBP",
            )
            s.add(order)
            s.flush()
            s.add_all(
                [
                    Invoice(
                        customer_id=customer_id,
                        order_id=order.id,
                        number=f"I-{customer_id.hex[:6]}-{i}",
                        issued_at=at,
                        due_at=at + dt.timedelta(days=14),
                        amount_minor=1000,
                        currency="GBP",
                        status=InvoiceStatus.OPEN if i == 0 else InvoiceStatus.PAID,
                    ),
                    Payment(
                        customer_id=customer_id,
                        paid_at=at,
                        amount_minor=1000 if i else 0,
                        currency="GBP",
                        method="card",
                    ),
                    Shipment(
                        customer_id=customer_id,
                        order_id=order.id,
                        carrier="DPD",
                        status=ShipmentStatus.DELIVERED,
                        shipped_at=at,
                    ),
                    Interaction(
                        customer_id=customer_id,
                        channel=Channel.PHONE,
                        direction=Direction.INBOUND,
                        offered_at=at,
                    ),
                    ServiceRequest(
                        number=f"SR-{customer_id.hex[:4].upper()}{i:04d}",
                        customer_id=customer_id,
                        category_code="billing",
                        priority=Priority.NORMAL,
                        status=SRStatus.OPEN if i % 2 else SRStatus.CLOSED,
                        subject=f"Issue {i}",
                        opened_at=at,
                        sla_due_at=at + dt.timedelta(hours=24),
                    ),
                    Callback(
                        customer_id=customer_id,
                        phone_number="+442079460958",
                        due_from=at,
                        due_until=at + dt.timedelta(hours=1),
                        reason="call back",
                        status=CallbackStatus.PENDING,
                    ),
                ]
            )


@pytest.mark.parametrize("history", [1, 40])
def test_whole_record_in_bounded_queries(ctx: ServiceContext, engine: Engine, history: int) -> None:
    ctx = ServiceContext(ctx.sessions, "GB", None, lambda: NOW)
    profile = customers.create_customer(
        ctx,
        NewCustomer(
            name="Ann Lee",
            phones=(("020 7946 0958", PhoneKind.HOME),),
            emails=("ann@example.com",),
            tags=("vip",),
        ),
    )
    add_history(ctx, profile.id, history)
    with count_queries(engine) as statements, count_orm_loads() as loaded:
        record = load_customer_360(ctx, profile.id)
    assert len(statements) <= 12, statements
    assert loaded == []
    assert record.profile.name == "Ann Lee"
    assert record.profile.phones[0].e164 == "+442079460958"
    assert record.profile.emails[0].address == "ann@example.com"
    assert len(record.contacts) == 1
    assert len(record.orders) == min(history, RECENT_LIMIT)
    assert record.orders[0].line_count == 0
    assert all(sr.status == SRStatus.OPEN for sr in record.open_service_requests)
    assert len(record.open_service_requests) == min(history // 2, RECENT_LIMIT)
    # What was already done for the caller: the closed ones, the latest first.
    assert all(sr.status == SRStatus.CLOSED for sr in record.done_service_requests)
    assert len(record.done_service_requests) == min((history + 1) // 2, RECENT_LIMIT)
    done = [sr.opened_at for sr in record.done_service_requests]
    assert done == sorted(done, reverse=True)
    assert len(record.recent_interactions) == min(history, RECENT_LIMIT)
    times = [i.offered_at for i in record.recent_interactions]
    assert times == sorted(times, reverse=True)
    assert len(record.callbacks_due) == min(history, RECENT_LIMIT)
    assert record.account.order_count == history
    assert record.account.invoiced_minor == 1000 * history
    assert record.account.paid_minor == 1000 * (history - 1)
    assert record.account.outstanding_minor == 1000
    assert record.account.overdue_invoice_count == 0


def test_unknown_customer(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        load_customer_360(ctx, uuid.uuid4())


def test_deleted_customer_is_not_found(ctx: ServiceContext) -> None:
    profile = customers.create_customer(ctx, NewCustomer(name="Gone"))
    with ctx.sessions.begin() as s:
        s.execute(
            Contact.__table__.update().values(deleted=True).where(Contact.customer_id == profile.id)
        )
        customer = s.get(Customer, profile.id)
        assert customer is not None
        customer.deleted = True
    with pytest.raises(NotFoundError):
        load_customer_360(ctx, profile.id)


def test_owner_contacts_and_tombstones(ctx: ServiceContext) -> None:
    """Each contact carries its own numbers and e-mails; deleted rows stay out of every list;
    enum fields come back as enums, order / invoice / shipment states as plain text."""
    ctx = ServiceContext(ctx.sessions, "GB", None, lambda: NOW)
    with ctx.sessions.begin() as s:
        owner = User(username="kim", display_name="Kim Owner", role=Role.AGENT)
        s.add(owner)
        s.flush()
        owner_id = owner.id
    acme = customers.create_customer(
        ctx,
        NewCustomer(
            name="Acme Ltd",
            kind=CustomerKind.COMPANY,
            owner_id=owner_id,
            phones=(("020 7946 0958", PhoneKind.WORK), ("020 7946 0000", PhoneKind.WORK)),
            emails=("info@acme.example",),
            tags=("key", "b2b"),
        ),
    )
    with ctx.sessions.begin() as s:
        jo = Contact(customer_id=acme.id, name="Jo Buyer", title="Buyer")
        gone = Contact(customer_id=acme.id, name="Al Left", deleted=True)
        s.add_all([jo, gone])
        s.flush()
        s.add_all(
            [
                PhoneNumber(
                    customer_id=acme.id,
                    contact_id=jo.id,
                    raw="07700 900123",
                    e164="+447700900123",
                    kind=PhoneKind.MOBILE,
                ),
                PhoneNumber(
                    customer_id=acme.id,
                    contact_id=jo.id,
                    raw="07700 900999",
                    e164="+447700900999",
                    kind=PhoneKind.MOBILE,
                    deleted=True,
                ),
                Email(
                    customer_id=acme.id,
                    contact_id=jo.id,
                    address="Jo@Acme.example",
                    address_lower="jo@acme.example",
                ),
            ]
        )
        for row in s.query(PhoneNumber).filter_by(customer_id=acme.id, raw="020 7946 0000"):
            row.deleted = True
    add_history(ctx, acme.id, 2)
    with ctx.sessions.begin() as s:
        for model in (Order, Invoice, Interaction):
            first, _second = s.query(model).filter_by(customer_id=acme.id).all()
            first.deleted = True
    record = load_customer_360(ctx, acme.id)
    profile = record.profile
    assert (profile.owner_id, profile.owner_name) == (owner_id, "Kim Owner")
    assert profile.kind == CustomerKind.COMPANY and isinstance(profile.kind, CustomerKind)
    assert profile.tags == ("key", "b2b")
    assert sorted(p.e164 for p in profile.phones) == ["+442079460958", "+447700900123"]
    assert sorted(e.address for e in profile.emails) == ["Jo@Acme.example", "info@acme.example"]
    names = [c.name for c in record.contacts]
    assert names == ["Contact 2", "Jo Buyer"]
    (jo_view,) = [c for c in record.contacts if c.name == "Jo Buyer"]
    assert jo_view.title == "Buyer"
    assert [p.raw for p in jo_view.phones] == ["07700 900123"]
    assert [e.address for e in jo_view.emails] == ["Jo@Acme.example"]
    assert len(record.orders) == len(record.invoices) == len(record.recent_interactions) == 1
    assert record.account.order_count == 1
    for state in (record.orders[0].status, record.invoices[0].status, record.shipments[0].status):
        assert type(state) is str
    assert isinstance(record.recent_interactions[0].channel, Channel)


def test_a_new_lead_costs_three_statements(ctx: ServiceContext, engine: Engine) -> None:
    """The first statement says which lists have rows; an empty list runs no statement."""
    lead = customers.create_customer(
        ctx, NewCustomer(name="New Lead", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    with count_queries(engine) as statements:
        record = load_customer_360(ctx, lead.id)
    assert len(statements) == 3, statements  # the profile and account, phones, e-mails
    assert record.profile.name == "New Lead"
    assert (record.contacts, record.orders, record.invoices, record.callbacks_due) == ((),) * 4
    assert record.account.currency is None
