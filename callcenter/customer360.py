"""The 360° record: everything the screen pop shows about one customer, in one call.

Reads a fixed number of queries whatever the customer's history holds (each list is
bounded and loaded with one statement), so the pop costs the same for a new lead and for a
ten-year account.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from callcenter.context import ServiceContext
from callcenter.customers import load_customer, profile_of
from callcenter.permissions import Action, require
from callcenter.records import (
    AccountSummary,
    ContactView,
    Customer360,
    InvoiceView,
    OrderView,
    PaymentView,
    ShipmentView,
)
from callcenter.views import (
    callback_view,
    email_view,
    interaction_view,
    phone_view,
    service_request_view,
)
from db.enums import CallbackStatus, InvoiceStatus, SRStatus
from db.models import (
    Callback,
    Contact,
    Customer,
    Interaction,
    Invoice,
    Order,
    OrderLine,
    Payment,
    ServiceRequest,
    Shipment,
)

RECENT_LIMIT = 25
R = TypeVar("R")
OPEN_SR_STATUSES = (
    SRStatus.OPEN,
    SRStatus.IN_PROGRESS,
    SRStatus.WAITING_ON_CUSTOMER,
    SRStatus.REOPENED,
)


def _contacts(session: Session, customer: Customer) -> tuple[ContactView, ...]:
    rows = session.scalars(
        select(Contact)
        .where(Contact.customer_id == customer.id, Contact.deleted.is_(False))
        .order_by(Contact.name)
    ).all()
    return tuple(
        ContactView(
            id=c.id,
            name=c.name,
            title=c.title,
            phones=tuple(
                phone_view(p)
                for p in customer.phone_numbers
                if p.contact_id == c.id and not p.deleted
            ),
            emails=tuple(
                email_view(e) for e in customer.emails if e.contact_id == c.id and not e.deleted
            ),
        )
        for c in rows
    )


def _orders(session: Session, customer_id: uuid.UUID) -> tuple[OrderView, ...]:
    line_count = (
        select(func.count(OrderLine.id))
        .where(OrderLine.order_id == Order.id, OrderLine.deleted.is_(False))
        .scalar_subquery()
    )
    rows = session.execute(
        select(Order, line_count)
        .where(Order.customer_id == customer_id, Order.deleted.is_(False))
        .order_by(Order.placed_at.desc())
        .limit(RECENT_LIMIT)
    ).all()
    return tuple(
        OrderView(
            id=o.id,
            number=o.number,
            placed_at=o.placed_at,
            status=o.status.value,
            total_minor=o.total_minor,
            currency=o.currency,
            line_count=n,
        )
        for o, n in rows
    )


def _account(session: Session, customer_id: uuid.UUID, now: dt.datetime) -> AccountSummary:
    live_invoice = (Invoice.customer_id == customer_id) & Invoice.deleted.is_(False)
    invoiced, overdue, currency = session.execute(
        select(
            func.coalesce(
                func.sum(case((Invoice.status != InvoiceStatus.VOID, Invoice.amount_minor))), 0
            ),
            func.count(
                case(
                    (
                        (Invoice.status.in_((InvoiceStatus.OPEN, InvoiceStatus.OVERDUE)))
                        & (Invoice.due_at < now),
                        Invoice.id,
                    )
                )
            ),
            func.max(Invoice.currency),
        ).where(live_invoice)
    ).one()
    paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount_minor), 0)).where(
            Payment.customer_id == customer_id, Payment.deleted.is_(False)
        )
    )
    order_count = session.scalar(
        select(func.count(Order.id)).where(
            Order.customer_id == customer_id, Order.deleted.is_(False)
        )
    )
    return AccountSummary(
        order_count=int(order_count or 0),
        invoiced_minor=int(invoiced),
        paid_minor=int(paid or 0),
        outstanding_minor=max(int(invoiced) - int(paid or 0), 0),
        overdue_invoice_count=int(overdue),
        currency=currency,
    )


def _recent(
    session: Session,
    model: type[R],
    customer_id: uuid.UUID,
    order: ColumnElement[Any] | InstrumentedAttribute[Any],
    *conditions: ColumnElement[bool],
) -> Sequence[R]:
    """One bounded list of a customer's rows: live ones, in ``order``, at most RECENT_LIMIT."""
    table: Any = model
    return session.scalars(
        select(model)
        .where(table.customer_id == customer_id, table.deleted.is_(False), *conditions)
        .order_by(order)
        .limit(RECENT_LIMIT)
    ).all()


def load_customer_360(ctx: ServiceContext, customer_id: uuid.UUID) -> Customer360:
    """The whole record for the screen pop; raises NotFoundError for an unknown id."""
    require(ctx, Action.READ_CUSTOMERS)
    now = ctx.clock()
    with ctx.sessions() as session:
        customer = load_customer(session, customer_id)
        srs = _recent(
            session,
            ServiceRequest,
            customer_id,
            ServiceRequest.sla_due_at,
            ServiceRequest.status.in_(OPEN_SR_STATUSES),
        )
        interactions = _recent(session, Interaction, customer_id, Interaction.offered_at.desc())
        invoices = _recent(session, Invoice, customer_id, Invoice.issued_at.desc())
        payments = _recent(session, Payment, customer_id, Payment.paid_at.desc())
        shipments = _recent(session, Shipment, customer_id, Shipment.shipped_at.desc())
        callbacks = _recent(
            session,
            Callback,
            customer_id,
            Callback.due_from,
            Callback.status == CallbackStatus.PENDING,
        )
        return Customer360(
            profile=profile_of(session, customer),
            contacts=_contacts(session, customer),
            open_service_requests=tuple(service_request_view(s) for s in srs),
            recent_interactions=tuple(interaction_view(i) for i in interactions),
            orders=_orders(session, customer_id),
            invoices=tuple(
                InvoiceView(
                    id=i.id,
                    number=i.number,
                    issued_at=i.issued_at,
                    due_at=i.due_at,
                    amount_minor=i.amount_minor,
                    currency=i.currency,
                    status=i.status.value,
                )
                for i in invoices
            ),
            payments=tuple(
                PaymentView(
                    id=p.id,
                    paid_at=p.paid_at,
                    amount_minor=p.amount_minor,
                    currency=p.currency,
                    method=p.method,
                    reference=p.reference,
                )
                for p in payments
            ),
            shipments=tuple(
                ShipmentView(
                    id=s.id,
                    carrier=s.carrier,
                    tracking_number=s.tracking_number,
                    status=s.status.value,
                    shipped_at=s.shipped_at,
                    delivered_at=s.delivered_at,
                )
                for s in shipments
            ),
            callbacks_due=tuple(callback_view(c) for c in callbacks),
            account=_account(session, customer_id, now),
        )
