"""Which shared rows a desk keeps: everything, or the agent's working set.

The working set is the customers touched in the last N days (edited, or with an interaction),
plus those behind the agent's open service requests and pending callbacks, with everything
that hangs off them; the dictionary, people and queues always come along. A customer outside
it is fetched whole the moment the desk needs it (:func:`fetch_customers`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, or_, select, union

from db.enums import CallbackStatus, SRStatus
from db.models import Callback, Customer, Interaction, Order, ServiceRequest, User

CUSTOMER_KEYED = frozenset(
    {"contacts", "phone_numbers", "emails", "orders", "invoices", "payments", "shipments"}
)
#: Every table whose rows belong to a customer (directly or through an order, SR, callback).
CUSTOMER_TABLES = CUSTOMER_KEYED | {
    "customers",
    "order_lines",
    "service_requests",
    "sr_history",
    "callbacks",
    "callback_attempts",
    "interactions",
}
#: Tables whose rows may point at a customer outside the working set.
REFERRING_TABLES = frozenset({"service_requests", "callbacks", "interactions"})
OPEN_SR = (SRStatus.OPEN, SRStatus.IN_PROGRESS, SRStatus.WAITING_ON_CUSTOMER, SRStatus.REOPENED)

#: A row filter for a table (None: the whole table).
Scope = Callable[[Table, Connection], Any]


def _owned(column: Any, me: Any, customers: Any, customer_column: Any) -> Any:
    mine = customer_column.in_(customers)
    return mine if me is None else or_(mine, column == me)


def _filter(customers: Any, me: Any) -> Callable[[Table], Any]:
    """Row filters for the customer tables, given customer ids and the agent (or None)."""
    srs, callbacks = ServiceRequest.__table__, Callback.__table__
    my_srs = select(srs.c.id).where(_owned(srs.c.assignee_id, me, customers, srs.c.customer_id))
    my_callbacks = select(callbacks.c.id).where(
        _owned(callbacks.c.owner_user_id, me, customers, callbacks.c.customer_id)
    )
    orders = select(Order.__table__.c.id).where(Order.__table__.c.customer_id.in_(customers))

    def where(table: Table) -> Any:
        name = table.name
        if name in CUSTOMER_KEYED:
            return table.c.customer_id.in_(customers)
        builders: dict[str, Callable[[], Any]] = {
            "customers": lambda: table.c.id.in_(customers),
            "order_lines": lambda: table.c.order_id.in_(orders),
            "service_requests": lambda: table.c.id.in_(my_srs),
            "sr_history": lambda: table.c.service_request_id.in_(my_srs),
            "callbacks": lambda: table.c.id.in_(my_callbacks),
            "callback_attempts": lambda: table.c.callback_id.in_(my_callbacks),
            "interactions": lambda: _owned(table.c.agent_id, me, customers, table.c.customer_id),
        }
        build = builders.get(name)
        return None if build is None else build()

    return where


def working_set(username: str, days: int, clock: Callable[[], dt.datetime]) -> Scope:
    """The working-set filter for the agent ``username``, ``days`` back from now."""

    def where(table: Table, _conn: Connection) -> Any:
        if table.name not in CUSTOMER_TABLES:
            return None
        since = clock() - dt.timedelta(days=days)
        me = select(User.id).where(User.username == username).scalar_subquery()
        c, i = Customer.__table__, Interaction.__table__
        srs, callbacks = ServiceRequest.__table__, Callback.__table__
        customers = union(
            select(c.c.id).where(c.c.updated_at >= since),
            select(i.c.customer_id).where(i.c.offered_at >= since, i.c.customer_id.is_not(None)),
            select(srs.c.customer_id).where(srs.c.assignee_id == me, srs.c.status.in_(OPEN_SR)),
            select(callbacks.c.customer_id).where(
                callbacks.c.owner_user_id == me, callbacks.c.status == CallbackStatus.PENDING
            ),
        )
        return _filter(customers, me)(table)

    return where


def customer_filters(ids: Sequence[uuid.UUID], tables: Sequence[Table]) -> list[tuple[Table, Any]]:
    """For each customer table, the filter that selects what belongs to these customers."""
    where = _filter(list(ids), None)
    return [(table, where(table)) for table in tables if table.name in CUSTOMER_TABLES]
