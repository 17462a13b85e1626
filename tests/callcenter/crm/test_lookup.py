"""Caller lookup on real stores: any format finds every customer that holds the number."""

from __future__ import annotations

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.crm.lookup import lookup_caller
from callcenter.platform.context import ServiceContext
from db.enums import PhoneKind
from db.models import Contact, PhoneNumber


def test_lookup_any_format_finds_all_sharers(ctx: ServiceContext) -> None:
    home = (("020 7946 0958", PhoneKind.HOME),)
    ann = customers.create_customer(ctx, NewCustomer(name="Ann Lee", phones=home, external_id="A1"))
    bob = customers.create_customer(ctx, NewCustomer(name="Bob Lee", phones=home))
    customers.create_customer(
        ctx, NewCustomer(name="Other", phones=(("0161 496 0000", PhoneKind.HOME),))
    )
    for raw in (
        "+44 20 7946 0958",
        "tel:+442079460958",
        "sip:02079460958@pbx",
        "0044 (20) 7946-0958",
    ):
        result = lookup_caller(ctx, raw)
        assert result.e164 == "+442079460958"
        assert [m.customer_id for m in result.matches] == [ann.id, bob.id]
        assert result.matches[0].external_id == "A1"
        assert result.matches[0].matched_raw == "020 7946 0958"


def test_lookup_reports_the_contact_that_holds_the_number(ctx: ServiceContext) -> None:
    acme = customers.create_customer(ctx, NewCustomer(name="Acme Ltd"))
    with ctx.sessions.begin() as s:
        contact = Contact(customer_id=acme.id, name="Jo Buyer")
        s.add(contact)
        s.flush()
        s.add(
            PhoneNumber(
                customer_id=acme.id,
                contact_id=contact.id,
                raw="07700 900123",
                e164="+447700900123",
                national="7700900123",
                kind=PhoneKind.MOBILE,
            )
        )
    (match,) = lookup_caller(ctx, "+447700900123").matches
    assert (match.name, match.contact_name) == ("Acme Ltd", "Jo Buyer")


def test_withheld_and_unknown(ctx: ServiceContext) -> None:
    assert lookup_caller(ctx, "anonymous").e164 is None
    result = lookup_caller(ctx, "020 7946 0000")
    assert result.e164 == "+442079460000"
    assert result.matches == ()


def test_deleted_numbers_do_not_match(ctx: ServiceContext) -> None:
    customers.create_customer(
        ctx, NewCustomer(name="Gone", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    with ctx.sessions.begin() as s:
        for row in s.query(PhoneNumber).all():
            row.deleted = True
    assert lookup_caller(ctx, "020 7946 0958").matches == ()
