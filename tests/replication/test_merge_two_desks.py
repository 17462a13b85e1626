"""A merge while a desk is offline: Sue's desk merges the other record of a customer while
Ann's desk, not syncing, logs a call, promises a callback and adds numbers for that record.
After both sync (and the rehome pass the desk runs after a pull) there is one customer on
both desks and the shared store, with every row under the survivor and nothing doubled."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select

from callcenter.crm.customer360 import load_customer_360
from callcenter.crm.customers import NewCustomer, attach_number, create_customer
from callcenter.crm.lookup import lookup_caller
from callcenter.crm.merge import merge_customers, rehome
from callcenter.platform.context import Actor, ServiceContext
from callcenter.work.callbacks import NewCallback, schedule_callback
from callcenter.work.interactions import NewInteraction, log_interaction
from db.enums import Channel, Direction, PhoneKind
from db.models import Callback, Customer, Interaction, OutboxEntry, PhoneNumber, SyncConflict
from db.store import session_factory
from tests.callcenter.conftest import People, seed_people
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import sync

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
KNOWN, NEW = "+442079460958", "+442079460777"


def on_desk(desk: Desk, actor: Actor) -> ServiceContext:
    return ServiceContext(desk.sessions, "GB", actor)


@pytest.fixture
def people(shared: Engine) -> People:
    return seed_people(ServiceContext.for_engine(shared, "GB"))


def _holdings(engine: Engine, survivor: uuid.UUID, other: uuid.UUID) -> dict[str, object]:
    """What one store says about the two records."""
    with session_factory(engine)() as s:
        tombstone = s.get_one(Customer, other)

        def count(model: type, *where: object) -> int:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        return {
            "tombstone": (tombstone.deleted, tombstone.merged_into_id),
            "survivor live": not s.get_one(Customer, survivor).deleted,
            "naming the tombstone": sum(
                count(m, m.customer_id == other) for m in (PhoneNumber, Interaction, Callback)
            ),
            "calls": count(Interaction, Interaction.customer_id == survivor),
            "callbacks": count(Callback, Callback.customer_id == survivor),
            "live numbers": sorted(
                s.scalars(
                    select(PhoneNumber.e164).where(
                        PhoneNumber.customer_id == survivor, PhoneNumber.deleted.is_(False)
                    )
                )
            ),
        }


@pytest.mark.parametrize("who_rehomes", ["the offline desk", "the supervisor's desk", "both"])
def test_a_desk_offline_during_a_merge_loses_nothing(
    shared: Engine, desks: Callable[[str], Desk], people: People, who_rehomes: str
) -> None:
    sue_desk, ann_desk = desks("sue"), desks("ann")
    sue = on_desk(sue_desk, people.supervisor)
    ann = on_desk(ann_desk, people.agent)
    sync(sue_desk, shared)
    survivor = create_customer(sue, NewCustomer(name="姚浩然", phones=((KNOWN, PhoneKind.MOBILE),)))
    other = create_customer(sue, NewCustomer(name="姚浩然"))
    log_interaction(
        sue, NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, customer_id=other.id)
    )
    sync(sue_desk, shared)
    sync(ann_desk, shared)

    # Ann's desk is offline: what she writes names the record Sue is about to merge away.
    call = log_interaction(
        ann,
        NewInteraction(Channel.PHONE, Direction.INBOUND, NOW, customer_id=other.id, notes="x"),
    )
    callback = schedule_callback(
        ann,
        NewCallback(
            NEW,
            NOW,
            NOW + dt.timedelta(hours=2),
            "Ring back about the bill",
            customer_id=other.id,
            owner_user_id=people.agent.user_id,
        ),
    )
    attach_number(ann, other.id, KNOWN)  # one the survivor has: must not be doubled
    attach_number(ann, other.id, NEW)  # a new one: must end on the survivor
    merge_customers(sue, survivor.id, other.id)
    sync(sue_desk, shared)

    sync(ann_desk, shared)  # pushes Ann's rows (naming the tombstone), pulls the merge
    # Before any row moved, a call from the number Ann added pops the survivor on her desk.
    assert [m.customer_id for m in lookup_caller(ann, NEW).matches] == [survivor.id]
    desks_in_order = [(sue_desk, sue), (ann_desk, ann)]
    if who_rehomes == "the offline desk":
        desks_in_order.reverse()
    # "both": each desk has pulled the other's rows before either moves them, so both move
    # the same rows to the same survivor; the push takes the second as no conflict.
    movers = desks_in_order if who_rehomes == "both" else desks_in_order[:1]
    for desk, _ctx in movers:
        sync(desk, shared)
    for _desk, ctx in movers:
        assert rehome(ctx).rows == 4  # the call, the callback, two numbers
    for desk, ctx in (*desks_in_order, *desks_in_order):
        sync(desk, shared)
        assert rehome(ctx).rows == 0  # the hook after every pull: nothing left to move

    expected = {
        "tombstone": (True, survivor.id),
        "survivor live": True,
        "naming the tombstone": 0,
        "calls": 2,
        "callbacks": 1,
        "live numbers": [NEW, KNOWN],
    }
    for engine in (shared, sue_desk.engine, ann_desk.engine):
        assert _holdings(engine, survivor.id, other.id) == expected
    for ctx in (sue, ann):
        record = load_customer_360(ctx, other.id)
        assert record.profile.id == survivor.id
        assert {i.id for i in record.recent_interactions} >= {call.id}
        assert [c.id for c in record.callbacks_due] == [callback.id]
        assert [m.customer_id for m in lookup_caller(ctx, KNOWN).matches] == [survivor.id]
    for desk in (sue_desk, ann_desk):
        with desk.sessions() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    with session_factory(shared)() as s:
        assert s.scalars(select(SyncConflict)).all() == []
