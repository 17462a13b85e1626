"""The 360° read returns the whole record with a query count that does not grow with history."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event

from callcenter import customers
from callcenter.context import ServiceContext
from callcenter.customer360 import RECENT_LIMIT, load_customer_360
from callcenter.customers import NewCustomer
from callcenter.errors import NotFoundError
from db.enums import (
    CallbackStatus,
    Channel,
    Direction,
    InvoiceStatus,
    OrderStatus,
    PhoneKind,
    Priority,
    ShipmentStatus,
    SRStatus,
)
from db.models import (
    Callback,
    Contact,
    Interaction,
    Invoice,
    Order,
    Payment,
    ServiceRequest,
    Shipment,
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
    with count_queries(engine) as statements:
        record = load_customer_360(ctx, profile.id)
    assert len(statements) <= 14, statements
    assert record.profile.name == "Ann Lee"
    assert record.profile.phones[0].e164 == "+442079460958"
    assert record.profile.emails[0].address == "ann@example.com"
    assert len(record.contacts) == 1
    assert len(record.orders) == min(history, RECENT_LIMIT)
    assert record.orders[0].line_count == 0
    assert all(sr.status == SRStatus.OPEN for sr in record.open_service_requests)
    assert len(record.open_service_requests) == min(history // 2, RECENT_LIMIT)
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
