"""Editing how a customer is reached: numbers, e-mails and contacts, each audited, removals
as tombstones that the caller lookup and the record stop showing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from callcenter.crm import contact_points, customers
from callcenter.crm.customer360 import load_customer_360
from callcenter.crm.customers import NewCustomer
from callcenter.crm.lookup import lookup_caller
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError, ValidationError
from db.enums import PhoneKind
from db.models import AuditEntry, Email, PhoneNumber


def audited(ctx: ServiceContext) -> list[str]:
    with ctx.sessions() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.at, AuditEntry.id)))


def test_a_removed_number_no_longer_pops_the_customer(ctx: ServiceContext) -> None:
    ann = customers.create_customer(
        ctx, NewCustomer(name="Ann", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    assert lookup_caller(ctx, "02079460958").matches
    contact_points.remove_number(ctx, ann.phones[0].id)
    assert lookup_caller(ctx, "02079460958").matches == ()
    assert load_customer_360(ctx, ann.id).profile.phones == ()
    with ctx.sessions() as s:  # a tombstone, so every desk's copy forgets it too
        row = s.get(PhoneNumber, ann.phones[0].id)
        assert row is not None and row.deleted
    with pytest.raises(NotFoundError):
        contact_points.remove_number(ctx, ann.phones[0].id)
    assert "remove number" in audited(ctx)


def test_emails_are_added_once_and_removed(ctx: ServiceContext) -> None:
    ann = customers.create_customer(ctx, NewCustomer(name="Ann"))
    email = contact_points.add_email(ctx, ann.id, "  Ann@Example.com ")
    assert email.address == "Ann@Example.com"
    with pytest.raises(ValidationError, match="already on Ann"):
        contact_points.add_email(ctx, ann.id, "ann@example.COM")
    with pytest.raises(ValidationError) as err:
        contact_points.add_email(ctx, ann.id, "not an address")
    assert err.value.field == "email"
    contact_points.remove_email(ctx, email.id)
    assert load_customer_360(ctx, ann.id).profile.emails == ()
    again = contact_points.add_email(ctx, ann.id, "ann@example.com")  # free again once removed
    assert again.id != email.id


def test_contacts_are_added_edited_and_leave_with_their_numbers(ctx: ServiceContext) -> None:
    acme = customers.create_customer(ctx, NewCustomer(name="Acme Ltd"))
    buyer = contact_points.add_contact(ctx, acme.id, " Li  Wei ", "Buyer")
    assert (buyer.name, buyer.title) == ("Li Wei", "Buyer")
    customers.attach_number(ctx, acme.id, "07700 900123", contact_id=buyer.id)
    contact_points.add_email(ctx, acme.id, "li.wei@acme.example", contact_id=buyer.id)
    renamed = contact_points.update_contact(ctx, buyer.id, "Li Wei", "Head of buying")
    assert renamed.title == "Head of buying"
    record = load_customer_360(ctx, acme.id)
    assert [(c.name, c.title, len(c.phones), len(c.emails)) for c in record.contacts] == [
        ("Li Wei", "Head of buying", 1, 1)
    ]
    with pytest.raises(ValidationError) as err:
        contact_points.update_contact(ctx, buyer.id, "   ")
    assert err.value.field == "name"
    contact_points.remove_contact(ctx, buyer.id)
    record = load_customer_360(ctx, acme.id)
    assert record.contacts == () and record.profile.phones == () and record.profile.emails == ()
    assert lookup_caller(ctx, "07700 900123").matches == ()
    with ctx.sessions() as s:
        assert all(e.deleted for e in s.scalars(select(Email)))
    assert audited(ctx)[-4:] == ["attach number", "add e-mail", "edit contact", "remove contact"]


def test_a_contact_of_another_customer_is_refused(ctx: ServiceContext) -> None:
    acme = customers.create_customer(ctx, NewCustomer(name="Acme Ltd"))
    other = customers.create_customer(ctx, NewCustomer(name="Other plc"))
    buyer = contact_points.add_contact(ctx, acme.id, "Li Wei")
    with pytest.raises(ValidationError) as err:
        contact_points.add_email(ctx, other.id, "li@acme.example", contact_id=buyer.id)
    assert err.value.field == "contact"


def test_profile_texts_are_tidied_and_bounded(ctx: ServiceContext) -> None:
    ann = customers.create_customer(ctx, NewCustomer(name="Ann"))
    updated = customers.update_customer(
        ctx, ann.id, ann.version, city="  Milton   Keynes ", region="gb", industry=""
    )
    assert (updated.city, updated.region, updated.industry) == ("Milton Keynes", "GB", None)
    with pytest.raises(ValidationError) as err:
        customers.update_customer(ctx, ann.id, updated.version, city="x" * 101)
    assert err.value.field == "city"
