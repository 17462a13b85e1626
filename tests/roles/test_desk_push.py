"""A desk replicates through the person's own role: the rules hold for pushed writes too."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from callcenter.platform.context import Actor, ServiceContext
from callcenter.work import refusals
from db import roles_ddl
from db.base import Base
from db.enums import (
    Channel,
    CustomerKind,
    Direction,
    LifecycleStage,
    Role,
    SRStatus,
    ValueTier,
)
from db.models import (
    AuditEntry,
    Customer,
    Interaction,
    OutboxEntry,
    QueueMember,
    ServiceRequest,
    SRHistory,
)
from db.replication.pull import pull
from db.replication.push import push
from db.store import session_factory
from tests.replication.conftest import Desk, open_desk
from tests.roles.conftest import NOW, Cluster, Person, World

pytestmark = pytest.mark.postgres


def _desk(tmp_path: Path, cluster: Cluster, person: Person) -> Desk:
    """A desk holding the shared rows, having pulled as ``person``.

    The rows are copied straight in: a pull reads only transactions older than the oldest one
    running anywhere in the cluster, and another test run on the same server can hold that back.
    """
    desk = open_desk(tmp_path, f"{person.name}-pc")
    with cluster.owner.connect() as shared, desk.engine.begin() as local:
        for table in Base.metadata.sorted_tables:
            if table.name in roles_ddl.REPLICATED:
                rows = [dict(row) for row in shared.execute(select(table)).mappings()]
                if rows:
                    local.execute(insert(table), rows)
    pull(desk.engine, person.engine, desk=desk.name)  # the pull's queries, as the person
    return desk


def test_an_agent_desk_pushes_and_pulls_as_the_agent(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    customer_id, interaction_id = uuid.uuid4(), uuid.uuid4()
    with desk.sessions.begin() as s:
        s.add(
            Customer(
                id=customer_id,
                name="Grace Hopper",
                kind=CustomerKind.PERSON,
                lifecycle_stage=LifecycleStage.LEAD,
                value_tier=ValueTier.STANDARD,
                search_text="Grace Hopper",
                updated_by=ann.id,
            )
        )
        s.add(
            Interaction(
                id=interaction_id,
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                offered_at=NOW,
                agent_id=ann.id,
                customer_id=customer_id,
                updated_by=ann.id,
            )
        )
        s.add(AuditEntry(at=NOW, actor_id=ann.id, action="create", entity="customer"))
        mine = s.get_one(ServiceRequest, world.srs["ann"])
        mine.status = SRStatus.IN_PROGRESS
        s.add(SRHistory(service_request_id=mine.id, at=NOW, actor_id=ann.id, field="status"))
        s.get_one(ServiceRequest, world.srs["ann_queue"]).assignee_id = ann.id  # takes it
    result = push(desk.engine, ann.engine, desk.name)
    assert (result.applied, result.refused) == (6, 0)
    with session_factory(cluster.owner)() as s:
        assert s.get_one(Customer, customer_id).change_seq is not None
        assert s.get_one(Interaction, interaction_id).agent_id == ann.id
        assert s.get_one(ServiceRequest, world.srs["ann"]).status == SRStatus.IN_PROGRESS
        assert s.get_one(ServiceRequest, world.srs["ann_queue"]).assignee_id == ann.id


def test_a_reassignment_pushed_by_an_agent_is_refused(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob = people["ann"], people["bob"]
    desk = _desk(tmp_path, cluster, ann)
    with desk.sessions.begin() as s:
        # The service layer would refuse this; a desk that was tampered with, or whose person
        # lost the supervisor role while offline, can still have it in its outbox.
        s.get_one(ServiceRequest, world.srs["ann"]).assignee_id = bob.id
    with desk.sessions.begin() as s:
        s.get_one(ServiceRequest, world.srs["nobody"]).subject = "Still allowed"
    result = push(desk.engine, ann.engine, desk.name)
    assert (result.applied, result.refused) == (1, 1)
    with desk.sessions() as s:
        refused = s.scalars(select(OutboxEntry.refused)).one()
        assert refused is not None and "only a supervisor can reassign" in refused
    with session_factory(cluster.owner)() as s:
        assert s.get_one(ServiceRequest, world.srs["ann"]).assignee_id == ann.id
        assert s.get_one(ServiceRequest, world.srs["nobody"]).subject == "Still allowed"


def test_a_supervisor_desk_pushes_a_reassignment(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    sue, bob = people["sue"], people["bob"]
    desk = _desk(tmp_path, cluster, sue)
    with desk.sessions.begin() as s:
        s.get_one(ServiceRequest, world.srs["ann"]).assignee_id = bob.id
    result = push(desk.engine, sue.engine, desk.name)
    assert (result.applied, result.refused) == (1, 0)
    with session_factory(cluster.owner)() as s:
        assert s.get_one(ServiceRequest, world.srs["ann"]).assignee_id == bob.id


def test_a_refused_transaction_is_refused_whole_and_put_back_on_the_desk(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    """Taking a request from a queue Ann is not in: the request row is refused, so its history
    line and audit entry must not reach the shared store either, and the desk shows the
    request as the shared store has it again (issue 15: "a refusal is whole and visible")."""
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    taken = world.srs["other_queue"]
    with desk.sessions.begin() as s:
        s.get_one(ServiceRequest, taken).assignee_id = ann.id
        s.add(SRHistory(service_request_id=taken, at=NOW, actor_id=ann.id, field="assignee"))
        s.add(AuditEntry(at=NOW, actor_id=ann.id, action="take", entity="service_request"))
    with desk.sessions.begin() as s:
        s.get_one(ServiceRequest, world.srs["nobody"]).subject = "Still allowed"
    result = push(desk.engine, ann.engine, desk.name)
    assert (result.applied, result.refused) == (1, 3)
    with session_factory(cluster.owner)() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id is None
        history = select(SRHistory).where(SRHistory.service_request_id == taken)
        assert s.scalars(history.where(SRHistory.field == "assignee")).all() == []
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "take")).all() == []
        assert s.get_one(ServiceRequest, world.srs["nobody"]).subject == "Still allowed"
    with desk.sessions() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id is None, "the refused value stayed"
        assert s.scalars(history.where(SRHistory.field == "assignee")).all() == []
        refused = s.scalars(select(OutboxEntry).where(OutboxEntry.refused.is_not(None))).all()
        assert len(refused) == 3 and len({e.txn for e in refused}) == 1
        assert all(e.refused_at is not None for e in refused)
    # A later pull does not bring the refused value back either, and the outbox keeps the
    # refusal for the agent to see.
    pull(desk.engine, ann.engine, desk=desk.name)
    with desk.sessions() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id is None


def _take_from_another_queue(desk: Desk, ann: Person, taken: uuid.UUID) -> None:
    with desk.sessions.begin() as s:
        s.get_one(ServiceRequest, taken).assignee_id = ann.id
        s.add(SRHistory(service_request_id=taken, at=NOW, actor_id=ann.id, field="assignee"))


def test_the_agent_sees_a_refused_change_and_sends_it_again_once_allowed(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    ctx = ServiceContext(desk.sessions, "GB", Actor(ann.id, "ann", Role.AGENT))
    taken = world.srs["other_queue"]
    _take_from_another_queue(desk, ann, taken)
    assert push(desk.engine, ann.engine, desk.name).refused == 2
    (change,) = refusals.refused_changes(ctx)
    assert change.entries == 2
    assert "waits in a queue you are not a member of" in change.reason, change.reason
    assert any(line.endswith(": assignee id") for line in change.what), change.what
    assert any(line.endswith(": new") for line in change.what), change.what

    # Sent again while the reason holds: refused again, whole, and the desk still shows the
    # shared store's values.
    assert refusals.retry(ctx, change.key) == 2
    assert push(desk.engine, ann.engine, desk.name).refused == 2
    with desk.sessions() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id is None

    # A supervisor adds Ann to that queue; now the same change goes through.
    with session_factory(cluster.owner).begin() as s:
        s.add(QueueMember(queue_id=world.other_queue, user_id=ann.id))
    (change,) = refusals.refused_changes(ctx)
    refusals.retry(ctx, change.key)
    result = push(desk.engine, ann.engine, desk.name)
    assert result.refused == 0 and result.applied >= 2
    assert refusals.refused_changes(ctx) == []
    with session_factory(cluster.owner)() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id == ann.id
    pull(desk.engine, ann.engine, desk=desk.name)
    with desk.sessions() as s:
        assert s.get_one(ServiceRequest, taken).assignee_id == ann.id


def test_a_discarded_refusal_is_gone_and_audited(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    ctx = ServiceContext(desk.sessions, "GB", Actor(ann.id, "ann", Role.AGENT))
    _take_from_another_queue(desk, ann, world.srs["other_queue"])
    push(desk.engine, ann.engine, desk.name)
    (change,) = refusals.refused_changes(ctx)
    assert refusals.discard(ctx, change.key) == 2
    assert refusals.refused_changes(ctx) == []
    with desk.sessions() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "discard_refused"))
        assert entry.actor_id == ann.id and "assignee" in (entry.before or "")
    result = push(desk.engine, ann.engine, desk.name)  # the audit entry itself is allowed
    assert (result.applied, result.refused) == (1, 0)
