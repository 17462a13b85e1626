"""Caller lookup: who is calling from this number? The first step of every screen pop."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Connection, String, Uuid, bindparam, case, func, or_, select

from callcenter.crm.customer360 import OPEN_SR_STATUSES
from callcenter.crm.phones import parse
from callcenter.platform.context import ServiceContext
from callcenter.platform.permissions import Action, require
from callcenter.platform.records import LookupMatch, LookupResult
from db.models import Contact, Customer, Interaction, PhoneNumber, ServiceRequest

MAX_MATCHES = 50

_customers = Customer.__table__
_contacts = Contact.__table__
_phones = PhoneNumber.__table__
_interactions = Interaction.__table__
_requests = ServiceRequest.__table__
#: The record holding the number; ``_customers`` is the one shown: the holder itself, or for
#: a merged-away holder (a number a desk added offline) the record it became part of.
_holders = _customers.alias("holder")
_SHOWN = case(
    (_holders.c.deleted, func.coalesce(_holders.c.merged_into_id, _holders.c.id)),
    else_=_holders.c.id,
)
# Built once: the pop runs it on every ring, and building a select costs more than running it.
_MATCHES = (
    select(
        _customers.c.id,
        _customers.c.external_id,
        _customers.c.name,
        _customers.c.company_name,
        _contacts.c.id,
        _contacts.c.name,
        _phones.c.raw,
        _phones.c.kind,
    )
    .select_from(
        _phones.join(_holders, _holders.c.id == _phones.c.customer_id)
        .join(_customers, _customers.c.id == _SHOWN)
        .outerjoin(_contacts, _contacts.c.id == _phones.c.contact_id)
    )
    .where(
        _phones.c.e164 == bindparam("e164", type_=String()),
        _phones.c.deleted.is_(False),
        _customers.c.deleted.is_(False),
    )
    .order_by(_customers.c.name, _customers.c.id)
    .limit(MAX_MATCHES)
)


def matches_for(conn: Connection, e164: str) -> tuple[LookupMatch, ...]:
    """Every customer, or contact of one, holding ``e164``, read on ``conn``; one match per
    customer and contact even when they hold the number twice."""
    seen: set[tuple[object, object]] = set()
    matches = []
    for row in conn.execute(_MATCHES, {"e164": e164}):
        key = (row[0], row[4])
        if key in seen:
            continue
        seen.add(key)
        matches.append(
            LookupMatch(
                customer_id=row[0],
                external_id=row[1],
                name=row[2],
                company_name=row[3],
                contact_id=row[4],
                contact_name=row[5],
                matched_number=e164,
                matched_raw=row[6],
                phone_kind=row[7],
            )
        )
    return tuple(matches)


_OF_CUSTOMER = bindparam("customer_id", type_=Uuid())
_DETAILS = select(
    _customers.c.city,
    _customers.c.region,
    select(func.max(_interactions.c.offered_at))
    .where(_interactions.c.customer_id == _OF_CUSTOMER, _interactions.c.deleted.is_(False))
    .scalar_subquery(),
    select(func.count(_requests.c.id))
    .where(
        _requests.c.customer_id == _OF_CUSTOMER,
        _requests.c.deleted.is_(False),
        or_(*(_requests.c.status == s for s in OPEN_SR_STATUSES)),
    )
    .scalar_subquery(),
).where(_customers.c.id == _OF_CUSTOMER)


def with_details(conn: Connection, matches: tuple[LookupMatch, ...]) -> tuple[LookupMatch, ...]:
    """The matches with what tells them apart (city, last contact, open requests): the
    agent asks the caller which one they are, so the list must show a difference."""
    detailed = []
    for match in matches:
        row = conn.execute(_DETAILS, {"customer_id": match.customer_id}).one()
        detailed.append(
            dataclasses.replace(
                match,
                city=row[0],
                region=row[1],
                last_contact_at=row[2],
                open_requests=int(row[3]),
            )
        )
    return tuple(detailed)


def lookup_caller(ctx: ServiceContext, number: str, region: str | None = None) -> LookupResult:
    """Every customer or contact whose stored number equals ``number`` in E.164.

    Several customers can share a number (a household, a company switchboard); all of them
    come back, with the contact that holds the number when it is a contact's. A withheld or
    unparseable number gives no matches and ``e164`` None.
    """
    require(ctx, Action.READ_CUSTOMERS)
    parsed = parse(number, region or ctx.default_region)
    if parsed is None:
        return LookupResult(query=number, e164=None, matches=())
    with ctx.sessions() as session:
        matches = matches_for(session.connection(), parsed.e164)
    return LookupResult(query=number, e164=parsed.e164, matches=matches)
