"""Merging two customers on both stores: every child row moves, numbers and e-mails united,
the other a tombstone pointing at the survivor, one audit entry; refusals; rehome."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from callcenter.crm.customer360 import load_customer_360
from callcenter.crm.customer_fields import search_text
from callcenter.crm.customers import NewCustomer, create_customer, remove_customer
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.merge import child_tables, describe, merge_customers, plan, rehome
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from callcenter.platform.records import CustomerProfile
from callcenter.work.callbacks import NewCallback, schedule_callback
from callcenter.work.interactions import NewInteraction, log_interaction
from callcenter.work.service_requests import NewServiceRequest, create_service_request
from db.enums import Channel, Direction, InvoiceStatus, OrderStatus, PhoneKind
from db.models import AuditEntry, Contact, Customer, Email, Invoice, Order, PhoneNumber
from tests.callcenter.conftest import People, as_actor

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _new(ctx: ServiceContext, name: str, **fields: Any) -> CustomerProfile:
    return create_customer(ctx, NewCustomer(name=name, **fields))


def _history(ctx: ServiceContext, customer: CustomerProfile, people: People) -> None:
    """A call, a request, a callback, a contact, an order and its invoice for ``customer``."""
    ann = as_actor(ctx, people.agent)
    log_interaction(
        ann,
        NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, customer_id=customer.id),
    )
    create_service_request(
        ann, NewServiceRequest(subject="Broken", category_code="billing", customer_id=customer.id)
    )
    schedule_callback(
        ann,
        NewCallback(
            "+442079460958",
            NOW,
            NOW + dt.timedelta(hours=1),
            "Call back",
            customer_id=customer.id,
            owner_user_id=people.agent.user_id,
        ),
    )
    with ctx.sessions.begin() as s:
        s.add(Contact(customer_id=customer.id, name="Partner"))
        order = Order(
            customer_id=customer.id,
            number=f"O-{customer.id.hex[:6]}",
            placed_at=NOW,
            status=OrderStatus.DELIVERED,
            total_minor=100,
            currency="GBP",
        )
        s.add(order)
        s.flush()
        s.add(
            Invoice(
                customer_id=customer.id,
                order_id=order.id,
                number=f"I-{customer.id.hex[:6]}",
                issued_at=NOW,
                due_at=NOW,
                amount_minor=100,
                currency="GBP",
                status=InvoiceStatus.PAID,
            )
        )


def test_every_table_naming_a_customer_is_moved() -> None:
    assert {t.name for t in child_tables()} == {
        "callbacks",
        "contacts",
        "emails",
        "interactions",
        "invoices",
        "orders",
        "payments",
        "phone_numbers",
        "service_requests",
        "shipments",
    }


def test_a_merge_moves_everything_unites_numbers_and_leaves_a_tombstone(
    ctx: ServiceContext, people: People
) -> None:
    sue = as_actor(ctx, people.supervisor)
    survivor = _new(
        ctx,
        "姚浩然",
        phones=(("+442079460958", PhoneKind.MOBILE),),
        emails=("yao@x.cn",),
        tags=("vip",),
    )
    other = _new(
        ctx,
        "姚 浩然",
        company_name="浩然贸易",
        city="北京",
        phones=(("020 7946 0958", PhoneKind.HOME), ("+442079460959", PhoneKind.WORK)),
        emails=("YAO@x.cn", "hr@x.cn"),
        tags=("wholesale",),
        notes="Prefers mornings",
    )
    _history(ctx, other, people)
    expected = plan(describe(sue, survivor.id), describe(sue, other.id))

    result = merge_customers(sue, survivor.id, other.id)

    moved = {m.table: (m.rows, m.united) for m in result.moved}
    assert moved == {
        "callbacks": (1, 0),
        "contacts": (1, 0),
        "emails": (2, 1),
        "interactions": (1, 0),
        "invoices": (1, 0),
        "orders": (1, 0),
        "phone_numbers": (2, 1),
        "service_requests": (1, 0),
    }
    assert {m.table: (m.rows, m.united) for m in expected.moved} == moved
    assert (
        set(result.filled)
        == {"company_name", "city", "tags", "notes"}
        == set(expected.filled) | {"notes"}
    )
    record = load_customer_360(sue, survivor.id)
    assert sorted(p.e164 for p in record.profile.phones) == ["+442079460958", "+442079460959"]
    assert sorted(e.address for e in record.profile.emails) == ["hr@x.cn", "yao@x.cn"]
    assert (record.profile.company_name, record.profile.city) == ("浩然贸易", "北京")
    assert set(record.profile.tags) == {"vip", "wholesale"}
    assert "Prefers mornings" in record.profile.notes
    assert len(record.recent_interactions) == 1
    assert len(record.open_service_requests) == 1
    assert len(record.callbacks_due) == 1
    assert len(record.contacts) == 1
    assert record.account.order_count == 1
    with ctx.sessions() as s:
        tombstone = s.get_one(Customer, other.id)
        assert (tombstone.deleted, tombstone.merged_into_id) == (True, survivor.id)
        rebuilt = search_text("姚浩然", "浩然贸易", None)
        assert s.get_one(Customer, survivor.id).search_text == rebuilt
        left = s.scalars(select(PhoneNumber).where(PhoneNumber.customer_id == other.id)).all()
        assert left == []
        doubled = s.scalars(
            select(Email).where(Email.customer_id == survivor.id, Email.deleted.is_(True))
        ).all()
        assert [e.address_lower for e in doubled] == ["yao@x.cn"]
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).all()
        after = json.loads(entry.after or "{}")
        assert (entry.actor_id, entry.entity_id) == (people.supervisor.user_id, survivor.id)
        assert (after["survivor"], after["other"]) == (str(survivor.id), str(other.id))
        assert after["moved"]["interactions"] == 1
    # The old record's id and number both bring up the survivor.
    assert load_customer_360(sue, other.id).profile.id == survivor.id
    assert [m.customer_id for m in lookup_caller(sue, "+442079460959").matches] == [survivor.id]


def test_agents_may_not_merge(ctx: ServiceContext, people: People) -> None:
    a, b = _new(ctx, "Ann Lee"), _new(ctx, "Ann Lee")
    with pytest.raises(PermissionDeniedError):
        merge_customers(as_actor(ctx, people.agent), a.id, b.id)
    with ctx.sessions() as s:
        assert s.get_one(Customer, b.id).deleted is False


def test_refused_merges(ctx: ServiceContext, people: People) -> None:
    sue = as_actor(ctx, people.supervisor)
    a, b, c, gone = (_new(ctx, n) for n in ("A", "B", "C", "Gone"))
    with pytest.raises(ValidationError):
        merge_customers(sue, a.id, a.id)
    remove_customer(sue, gone.id, gone.version)
    with pytest.raises(ValidationError):
        merge_customers(sue, a.id, gone.id)
    merge_customers(sue, a.id, b.id)
    with pytest.raises(ValidationError):  # b is a tombstone now: merging it back would loop
        merge_customers(sue, b.id, a.id)
    with pytest.raises(ValidationError):
        merge_customers(sue, c.id, b.id)
    # A chain is flattened: b pointed at a, a goes into c, b points at c.
    merge_customers(sue, c.id, a.id)
    with ctx.sessions() as s:
        assert s.get_one(Customer, b.id).merged_into_id == c.id


def test_rehome_moves_rows_that_still_name_a_tombstone(ctx: ServiceContext, people: People) -> None:
    sue, ann = as_actor(ctx, people.supervisor), as_actor(ctx, people.agent)
    survivor = _new(ctx, "Bo Chen", phones=(("+442079460958", PhoneKind.MOBILE),))
    other = _new(ctx, "Bo Chen")
    merge_customers(sue, survivor.id, other.id)
    assert rehome(ann).rows == 0
    # Rows written for the old record by a desk that had not heard of the merge.
    with ctx.sessions.begin() as s:
        for number in ("+442079460958", "+442079460960"):
            s.add(PhoneNumber(customer_id=other.id, raw=number, e164=number, kind="mobile"))
    log_interaction(
        ann, NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, customer_id=other.id)
    )
    bobs = log_interaction(
        as_actor(ctx, people.other_agent),
        NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, customer_id=other.id),
    )
    # Before the move, the old number already pops the survivor.
    assert [m.customer_id for m in lookup_caller(ann, "+442079460960").matches] == [survivor.id]

    done = rehome(ann)  # an agent moves the numbers and their own call, not Bob's
    assert {m.table: (m.rows, m.united) for m in done.moved} == {
        "interactions": (1, 0),
        "phone_numbers": (2, 1),
    }
    assert len(load_customer_360(ann, survivor.id).recent_interactions) == 1
    assert {m.table: m.rows for m in rehome(sue).moved} == {"interactions": 1}
    assert rehome(sue).rows == 0
    record = load_customer_360(ann, survivor.id)
    assert {i.id for i in record.recent_interactions} >= {bobs.id}
    assert sorted(p.e164 for p in record.profile.phones) == ["+442079460958", "+442079460960"]


def test_rehome_undoes_a_loop_two_offline_merges_made(ctx: ServiceContext, people: People) -> None:
    sue = as_actor(ctx, people.supervisor)
    a, b = _new(ctx, "Cy Dunn"), _new(ctx, "Cy Dunn")
    with ctx.sessions.begin() as s:  # A into B on one desk, B into A on another
        for row, into in ((s.get_one(Customer, a.id), b.id), (s.get_one(Customer, b.id), a.id)):
            row.deleted, row.merged_into_id = True, into
    revived = min((a.id, b.id), key=str)
    assert rehome(sue).revived == (revived,)
    with ctx.sessions() as s:
        assert s.get_one(Customer, revived).deleted is False
    assert load_customer_360(sue, max((a.id, b.id), key=str)).profile.id == revived
