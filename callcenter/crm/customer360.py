"""The 360° record: everything the screen pop shows about one customer, in one call.

A fixed set of statements whatever the customer's history holds (each list is bounded and
read by one statement), so the pop costs the same for a new lead and for a ten-year account.
The statements are Core selects of the columns the record holds, built once at import and run
on one connection in one read transaction; each row unpacks straight into its frozen record.
No ORM objects are made: building them and their identity map was most of the read's cost.
The first statement also says which lists have rows at all, and an empty list's statement is
not run: most customers have no orders, requests or callbacks, and each statement costs more
in bookkeeping than in SQLite.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    String,
    Uuid,
    and_,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    type_coerce,
)

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import (
    AccountSummary,
    CallbackView,
    ContactView,
    Customer360,
    CustomerProfile,
    EmailView,
    InteractionView,
    InvoiceView,
    OrderView,
    PaymentView,
    PhoneView,
    ServiceRequestView,
    ShipmentView,
)
from callcenter.platform.views import split_tags, view_columns
from db.enums import CallbackStatus, InvoiceStatus, SRStatus
from db.models import (
    Callback,
    Contact,
    Customer,
    Email,
    Interaction,
    Invoice,
    Order,
    OrderLine,
    Payment,
    PhoneNumber,
    ServiceRequest,
    Shipment,
    User,
)
from db.types import UTCDateTime

RECENT_LIMIT = 25
OPEN_SR_STATUSES = (
    SRStatus.OPEN,
    SRStatus.IN_PROGRESS,
    SRStatus.WAITING_ON_CUSTOMER,
    SRStatus.REOPENED,
)

_CUSTOMER = bindparam("customer_id", type_=Uuid())
_NOW = bindparam("now", type_=UTCDateTime())

_customers = Customer.__table__
_users = User.__table__
_contacts = Contact.__table__
_phones = PhoneNumber.__table__
_emails = Email.__table__
_orders = Order.__table__
_order_lines = OrderLine.__table__
_invoices = Invoice.__table__
_payments = Payment.__table__
_shipments = Shipment.__table__
_requests = ServiceRequest.__table__
_interactions = Interaction.__table__
_callbacks = Callback.__table__


def _live(table: FromClause, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The customer's rows that are not tombstones."""
    return and_(table.c.customer_id == _CUSTOMER, table.c.deleted.is_(False), *conditions)


def _one_of(column: ColumnElement[Any], values: Sequence[Any]) -> ColumnElement[bool]:
    """``column IN (values)`` written as equalities: an IN over a list is an "expanding"
    parameter, rendered into the SQL again on every execution."""
    return or_(*(column == value for value in values))


def _text(column: ColumnElement[Any]) -> ColumnElement[str]:
    """An enum column read as its stored text (the records hold order, invoice and shipment
    states as plain strings)."""
    return type_coerce(column, String())


def _recent(
    view: type[Any],
    table: FromClause,
    order: ColumnElement[Any],
    *conditions: ColumnElement[bool],
    **computed: ColumnElement[Any],
) -> Select[Any]:
    """One bounded list of a customer's rows: live ones, in ``order``, at most RECENT_LIMIT."""
    return (
        select(*view_columns(view, table, **computed))
        .where(_live(table, *conditions))
        .order_by(order)
        .limit(RECENT_LIMIT)
    )


def _scalar(column: ColumnElement[Any], table: FromClause) -> ColumnElement[Any]:
    return select(column).where(_live(table)).scalar_subquery()


def _any(table: FromClause, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """Whether the customer has a row of ``table`` that its list would show."""
    return exists().where(_live(table, *conditions))


_OPEN_REQUEST = _one_of(_requests.c.status, OPEN_SR_STATUSES)
_DONE_REQUEST = and_(*(_requests.c.status != status for status in OPEN_SR_STATUSES))
_PENDING_CALLBACK = _callbacks.c.status == CallbackStatus.PENDING


# The profile, its owner's name and the account summary: one row.
_PROFILE = (
    select(
        _customers.c.id,
        _customers.c.version,
        _customers.c.external_id,
        _customers.c.kind,
        _customers.c.name,
        _customers.c.company_name,
        _customers.c.lifecycle_stage,
        _customers.c.value_tier,
        _customers.c.owner_id,
        _users.c.display_name,
        _customers.c.region,
        _customers.c.city,
        _customers.c.industry,
        _customers.c.source,
        _customers.c.tags,
        _customers.c.notes,
        _scalar(
            func.coalesce(
                func.sum(
                    case((_invoices.c.status != InvoiceStatus.VOID, _invoices.c.amount_minor))
                ),
                0,
            ),
            _invoices,
        ).label("invoiced"),
        _scalar(
            func.count(
                case(
                    (
                        _one_of(_invoices.c.status, (InvoiceStatus.OPEN, InvoiceStatus.OVERDUE))
                        & (_invoices.c.due_at < _NOW),
                        _invoices.c.id,
                    )
                )
            ),
            _invoices,
        ).label("overdue"),
        _scalar(func.max(_invoices.c.currency), _invoices).label("currency"),
        _scalar(func.coalesce(func.sum(_payments.c.amount_minor), 0), _payments).label("paid"),
        _scalar(func.count(_orders.c.id), _orders).label("order_count"),
        _any(_contacts).label("any_contacts"),
        _any(_requests, _OPEN_REQUEST).label("any_requests"),
        _any(_requests, _DONE_REQUEST).label("any_done_requests"),
        _any(_interactions).label("any_interactions"),
        _any(_payments).label("any_payments"),
        _any(_shipments).label("any_shipments"),
        _any(_callbacks, _PENDING_CALLBACK).label("any_callbacks"),
    )
    .select_from(_customers.outerjoin(_users, _users.c.id == _customers.c.owner_id))
    .where(_customers.c.id == _CUSTOMER, _customers.c.deleted.is_(False))
)
_PHONES = select(*view_columns(PhoneView, _phones)).where(_live(_phones))
_EMAILS = select(*view_columns(EmailView, _emails)).where(_live(_emails))
_CONTACTS = (
    select(_contacts.c.id, _contacts.c.name, _contacts.c.title)
    .where(_live(_contacts))
    .order_by(_contacts.c.name)
)
_REQUESTS = _recent(ServiceRequestView, _requests, _requests.c.sla_due_at, _OPEN_REQUEST)
_DONE_REQUESTS = _recent(
    ServiceRequestView,
    _requests,
    func.coalesce(_requests.c.closed_at, _requests.c.resolved_at, _requests.c.opened_at).desc(),
    _DONE_REQUEST,
)
_INTERACTIONS = _recent(InteractionView, _interactions, _interactions.c.offered_at.desc())
_ORDERS = _recent(
    OrderView,
    _orders,
    _orders.c.placed_at.desc(),
    status=_text(_orders.c.status),
    line_count=select(func.count(_order_lines.c.id))
    .where(_order_lines.c.order_id == _orders.c.id, _order_lines.c.deleted.is_(False))
    .scalar_subquery(),
)
_INVOICES = _recent(
    InvoiceView, _invoices, _invoices.c.issued_at.desc(), status=_text(_invoices.c.status)
)
_PAYMENTS = _recent(PaymentView, _payments, _payments.c.paid_at.desc())
_SHIPMENTS = _recent(
    ShipmentView, _shipments, _shipments.c.shipped_at.desc(), status=_text(_shipments.c.status)
)
_CALLBACKS = _recent(CallbackView, _callbacks, _callbacks.c.due_from, _PENDING_CALLBACK)


_LINK = select(_customers.c.deleted, _customers.c.merged_into_id).where(
    _customers.c.id == _CUSTOMER
)
#: Merge links followed from a tombstone (merges flatten chains; this only stops a loop).
_MAX_HOPS = 32


def _survivor(conn: Connection, customer_id: uuid.UUID) -> uuid.UUID | None:
    """The live record a merged-away id became part of, or None (unknown, removed, a loop).
    Read only when the id is not live, so the ordinary pop runs no more statements."""
    current = customer_id
    for _hop in range(_MAX_HOPS):
        row = conn.execute(_LINK, {"customer_id": current}).first()
        if row is None:
            return None
        if not row.deleted:
            return current if current != customer_id else None
        if row.merged_into_id is None:
            return None
        current = row.merged_into_id
    return None


def read_customer_360(conn: Connection, customer_id: uuid.UUID, now: dt.datetime) -> Customer360:
    """The record read on ``conn`` (the caller holds the transaction); a merged-away id reads
    as the record it became part of; NotFoundError for an unknown or removed customer."""
    head = conn.execute(_PROFILE, {"customer_id": customer_id, "now": now}).first()
    if head is None:
        survivor = _survivor(conn, customer_id)
        if survivor is None:
            raise NotFoundError(
                N_("customer {customer_id} does not exist"), customer_id=customer_id
            )
        return read_customer_360(conn, survivor, now)
    of_customer = {"customer_id": customer_id}

    def rows(statement: Select[Any], present: object) -> Any:
        return conn.execute(statement, of_customer) if present else ()

    phones = tuple(PhoneView(*row) for row in conn.execute(_PHONES, of_customer))
    emails = tuple(EmailView(*row) for row in conn.execute(_EMAILS, of_customer))
    contacts = tuple(
        ContactView(
            id=contact_id,
            name=name,
            title=title,
            phones=tuple(p for p in phones if p.contact_id == contact_id),
            emails=tuple(e for e in emails if e.contact_id == contact_id),
        )
        for contact_id, name, title in rows(_CONTACTS, head.any_contacts)
    )
    invoiced, paid = int(head.invoiced), int(head.paid)
    return Customer360(
        profile=CustomerProfile(
            id=head.id,
            version=head.version,
            external_id=head.external_id,
            kind=head.kind,
            name=head.name,
            company_name=head.company_name,
            lifecycle_stage=head.lifecycle_stage,
            value_tier=head.value_tier,
            owner_id=head.owner_id,
            owner_name=head.display_name,
            region=head.region,
            city=head.city,
            industry=head.industry,
            source=head.source,
            tags=split_tags(head.tags),
            notes=head.notes,
            phones=phones,
            emails=emails,
        ),
        contacts=contacts,
        open_service_requests=tuple(
            ServiceRequestView(*row) for row in rows(_REQUESTS, head.any_requests)
        ),
        done_service_requests=tuple(
            ServiceRequestView(*row) for row in rows(_DONE_REQUESTS, head.any_done_requests)
        ),
        recent_interactions=tuple(
            InteractionView(*row) for row in rows(_INTERACTIONS, head.any_interactions)
        ),
        orders=tuple(OrderView(*row) for row in rows(_ORDERS, head.order_count)),
        # A customer has live invoices exactly when their currency (the largest) is not null.
        invoices=tuple(InvoiceView(*row) for row in rows(_INVOICES, head.currency is not None)),
        payments=tuple(PaymentView(*row) for row in rows(_PAYMENTS, head.any_payments)),
        shipments=tuple(ShipmentView(*row) for row in rows(_SHIPMENTS, head.any_shipments)),
        callbacks_due=tuple(CallbackView(*row) for row in rows(_CALLBACKS, head.any_callbacks)),
        account=AccountSummary(
            order_count=int(head.order_count),
            invoiced_minor=invoiced,
            paid_minor=paid,
            outstanding_minor=max(invoiced - paid, 0),
            overdue_invoice_count=int(head.overdue),
            currency=head.currency,
        ),
    )


def load_customer_360(ctx: ServiceContext, customer_id: uuid.UUID) -> Customer360:
    """The whole record for the screen pop; raises NotFoundError for an unknown id."""
    require(ctx, Action.READ_CUSTOMERS)
    now = ctx.clock()
    with ctx.sessions() as session:
        return read_customer_360(session.connection(), customer_id, now)
