"""Creating and editing customers against real stores."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.crm.lookup import lookup_caller
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ConflictError, PermissionDeniedError, ValidationError
from db.enums import PhoneKind
from db.models import AuditEntry, Customer, PhoneNumber
from tests.callcenter.conftest import as_actor, seed_people


def test_create_customer_normalises_numbers_and_audits(ctx: ServiceContext) -> None:
    profile = customers.create_customer(
        ctx,
        NewCustomer(
            name="  Zhang   Wei ",
            company_name="华为技术",
            phones=(("+86 138-0013-8000", PhoneKind.MOBILE), ("020 7946 0958", PhoneKind.WORK)),
            emails=("Zhang.Wei@Example.com",),
            tags=("VIP", "vip", " key account "),
        ),
    )
    assert profile.name == "Zhang Wei"
    assert [p.e164 for p in profile.phones] == ["+8613800138000", "+442079460958"]
    assert profile.tags == ("vip", "key account")
    with ctx.sessions() as s:
        row = s.get(Customer, profile.id)
        assert row is not None
        assert "华 为 技 术" in row.search_text
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_bad_phone_names_the_field_and_writes_nothing(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as err:
        customers.create_customer(
            ctx,
            NewCustomer(
                name="Ann", phones=(("020 7946 0958", PhoneKind.WORK), ("call me", PhoneKind.HOME))
            ),
        )
    assert err.value.field == "phones[1]"
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0
        assert s.scalar(select(func.count()).select_from(PhoneNumber)) == 0


def test_attach_number_and_refuse_duplicate(ctx: ServiceContext) -> None:
    profile = customers.create_customer(ctx, NewCustomer(name="Ann Lee"))
    view = customers.attach_number(ctx, profile.id, "tel:+44-20-7946-0958;ext=7")
    assert view.e164 == "+442079460958"
    assert view.extension == "7"
    with pytest.raises(ValidationError, match="already on Ann Lee"):
        customers.attach_number(ctx, profile.id, "0044 20 7946 0958")


def test_update_refuses_stale_version(ctx: ServiceContext) -> None:
    profile = customers.create_customer(ctx, NewCustomer(name="Ann Lee"))
    updated = customers.update_customer(ctx, profile.id, profile.version, name="Ann Leigh")
    assert updated.version == profile.version + 1
    with pytest.raises(ConflictError):
        customers.update_customer(ctx, profile.id, profile.version, name="Ann Lea")
    with pytest.raises(ValidationError) as err:
        customers.update_customer(ctx, profile.id, updated.version, lifecycle_stage="prospect")
    assert err.value.field == "lifecycle_stage"


def test_only_a_supervisor_removes_a_customer(ctx: ServiceContext) -> None:
    """The service layer's side of the database's rule (tests/roles has the other)."""
    people = seed_people(ctx)
    ann = customers.create_customer(
        ctx, NewCustomer(name="Ann Lee", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    with pytest.raises(PermissionDeniedError):
        customers.remove_customer(as_actor(ctx, people.agent), ann.id, ann.version)
    assert lookup_caller(ctx, "02079460958").matches
    customers.remove_customer(as_actor(ctx, people.supervisor), ann.id, ann.version)
    assert lookup_caller(ctx, "02079460958").matches == ()  # calls no longer pop them
    with ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 2  # created, removed
