"""Caller lookup: who is calling from this number? The first step of every screen pop."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from callcenter.context import ServiceContext
from callcenter.permissions import Action, require
from callcenter.phones import parse
from callcenter.records import LookupMatch, LookupResult
from db.models import Contact, Customer, PhoneNumber

MAX_MATCHES = 50


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
    contact = aliased(Contact)
    statement = (
        select(
            Customer.id,
            Customer.external_id,
            Customer.name,
            Customer.company_name,
            contact.id,
            contact.name,
            PhoneNumber.raw,
            PhoneNumber.kind,
        )
        .join(Customer, Customer.id == PhoneNumber.customer_id)
        .outerjoin(contact, contact.id == PhoneNumber.contact_id)
        .where(
            PhoneNumber.e164 == parsed.e164,
            PhoneNumber.deleted.is_(False),
            Customer.deleted.is_(False),
        )
        .order_by(Customer.name, Customer.id)
        .limit(MAX_MATCHES)
    )
    with ctx.sessions() as session:
        rows = session.execute(statement).all()
    seen: set[tuple[object, object]] = set()
    matches = []
    for row in rows:
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
                matched_number=parsed.e164,
                matched_raw=row[6],
                phone_kind=row[7],
            )
        )
    return LookupResult(query=number, e164=parsed.e164, matches=tuple(matches))
