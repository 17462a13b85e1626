"""A conflict two offline desks made is seen by the people involved and settled by them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select

from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from callcenter.work.conflicts import open_conflicts, resolve
from callcenter.work.service_requests import (
    NewServiceRequest,
    create_service_request,
    update_service_request,
)
from db.models import ServiceRequest, SyncConflict
from db.store import session_factory
from tests.callcenter.conftest import People, seed_people
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import sync


def on_desk(desk: Desk, actor: Actor) -> ServiceContext:
    return ServiceContext(desk.sessions, "GB", actor)


@pytest.fixture
def people(shared: Engine) -> People:
    return seed_people(ServiceContext.for_engine(shared, "GB"))


def test_the_people_involved_see_the_conflict_and_can_restore_the_lost_value(
    shared: Engine, desks: Callable[[str], Desk], people: People
) -> None:
    ann_desk, bob_desk, sue_desk = desks("ann"), desks("bob"), desks("sue")
    for desk in (ann_desk, bob_desk, sue_desk):
        sync(desk, shared)
    ann = on_desk(ann_desk, people.agent)
    bob = on_desk(bob_desk, people.other_agent)
    sue = on_desk(sue_desk, people.supervisor)
    request = create_service_request(
        ann, NewServiceRequest(subject="Router drops", category_code="technical")
    )
    sync(ann_desk, shared)
    sync(bob_desk, shared)
    # Both desks are offline and change the subject; Bob's reaches the shared store last.
    update_service_request(ann, request.id, request.version, subject="Router drops at night")
    update_service_request(bob, request.id, request.version, subject="Router reboots")
    sync(ann_desk, shared)
    sync(bob_desk, shared)
    for desk in (ann_desk, bob_desk, sue_desk):
        sync(desk, shared)

    (seen,) = open_conflicts(ann)
    assert (seen.field, seen.kept_value, seen.lost_value) == (
        "subject",
        "Router reboots",
        "Router drops at night",
    )
    assert (seen.kept_by, seen.lost_by) == ("bob", "ann")
    assert seen.what.startswith(request.number)
    assert [c.id for c in open_conflicts(sue)] == [seen.id]  # supervisors see every conflict

    resolve(ann, seen.id, restore=True)
    assert open_conflicts(ann) == []
    sync(ann_desk, shared)
    for desk in (bob_desk, sue_desk):
        sync(desk, shared)
        assert open_conflicts(on_desk(desk, people.supervisor)) == []
    with session_factory(shared)() as s:
        assert s.get_one(ServiceRequest, request.id).subject == "Router drops at night"
        settled = s.scalars(select(SyncConflict)).one()
        assert (settled.resolution, settled.resolved_by) == ("restored", people.agent.user_id)


def test_someone_not_involved_neither_sees_nor_settles_it(
    shared: Engine, desks: Callable[[str], Desk], people: People
) -> None:
    ann_desk, bob_desk = desks("ann"), desks("bob")
    sync(ann_desk, shared)
    sync(bob_desk, shared)
    ann = on_desk(ann_desk, people.agent)
    request = create_service_request(
        ann, NewServiceRequest(subject="Invoice wrong", category_code="billing")
    )
    sync(ann_desk, shared)
    sync(bob_desk, shared)
    update_service_request(ann, request.id, request.version, subject="Invoice 7 wrong")
    update_service_request(ann, request.id, request.version + 1, subject="Invoice 8 wrong")
    bob_as_supervisor = on_desk(bob_desk, people.supervisor)
    update_service_request(bob_as_supervisor, request.id, request.version, subject="Refund")
    sync(ann_desk, shared)
    sync(bob_desk, shared)
    sync(ann_desk, shared)
    outsider = Actor(people.other_agent.user_id, "bob", people.other_agent.role)
    assert open_conflicts(on_desk(ann_desk, outsider)) == []
    (conflict,) = open_conflicts(on_desk(ann_desk, people.agent))
    with pytest.raises(PermissionDeniedError):
        resolve(on_desk(ann_desk, outsider), conflict.id, restore=False)
    resolve(on_desk(ann_desk, people.agent), conflict.id, restore=False)
    with session_factory(ann_desk.engine)() as s:
        assert s.get_one(ServiceRequest, request.id).subject == "Refund"
