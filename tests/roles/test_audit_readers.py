"""The audit log is read by supervisors and admins only (issue 17), and an agent desk still
replicates: its push adds its audit entries without reading the table, its pull skips it."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from callcenter.crm import customers
from callcenter.platform.context import Actor, ServiceContext
from db.models import AuditEntry, Customer, OutboxEntry
from db.replication.pull import pull
from db.replication.push import push
from db.store import session_factory
from tests.replication.conftest import Desk, open_desk
from tests.roles.conftest import Cluster, Person, World, allowed
from tests.roles.test_desk_push import _desk
from tests.roles.test_rules import INSERT_AUDIT

pytestmark = pytest.mark.postgres


def _audit_rows(person: Person) -> int:
    with person.engine.connect() as conn:
        return len(conn.execute(text("SELECT * FROM audit_log")).all())


def test_an_agent_may_not_read_the_audit_log(people: dict[str, Person], world: World) -> None:
    with pytest.raises(DBAPIError) as caught:
        _audit_rows(people["ann"])
    assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege)
    assert _audit_rows(people["sue"]) >= 1
    assert _audit_rows(people["ada"]) >= 1


def test_an_agent_still_adds_their_own_entries_and_a_supervisor_may_lock_them(
    people: dict[str, Person], world: World
) -> None:
    ann, sue = people["ann"], people["sue"]
    entry = uuid.uuid4()
    assert allowed(ann.engine, INSERT_AUDIT, id=entry, actor=ann.id)
    with sue.engine.begin() as conn:  # a supervisor desk's push locks the rows it names
        locked = conn.execute(
            text("SELECT id FROM audit_log WHERE id = :id FOR UPDATE"), {"id": entry}
        ).scalar_one()
    assert locked == entry


def _ctx(desk: Desk, person: Person) -> ServiceContext:
    return ServiceContext(desk.sessions, "GB", Actor(person.id, person.name, person.role))


def test_an_agent_desk_pushes_an_edit_with_its_audit_entry(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    ctx = _ctx(desk, ann)
    profile = customers.get_profile(ctx, world.customer)
    customers.update_customer(ctx, world.customer, profile.version, notes="Prefers e-mail")
    result = push(desk.engine, ann.engine, desk.name)
    assert (result.applied, result.refused) == (2, 0)
    with session_factory(cluster.owner)() as s:
        assert s.get_one(Customer, world.customer).notes == "Prefers e-mail"
        entry = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity_id == world.customer, AuditEntry.action == "edit"
            )
        ).one()
        assert entry.actor_id == ann.id and "Prefers e-mail" in (entry.after or "")


def test_an_agent_desk_may_only_add_audit_entries(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    """A changed audit entry in an agent's outbox (a tampered desk) is refused by the push with
    its own words, not by a failed read of the table."""
    ann = people["ann"]
    desk = _desk(tmp_path, cluster, ann)
    with desk.sessions.begin() as s:
        s.get_one(AuditEntry, world.audit).action = "forged"
    result = push(desk.engine, ann.engine, desk.name)
    assert (result.applied, result.refused) == (0, 1)
    with desk.sessions() as s:
        reason = s.scalars(select(OutboxEntry.refused)).one()
        assert reason is not None and "may add rows to audit_log but not read" in reason
        assert s.get(AuditEntry, world.audit) is None, "an unreadable row is not kept"
    with session_factory(cluster.owner)() as s:
        assert s.get_one(AuditEntry, world.audit).action == "create"


def _local_audit(desk: Desk) -> set[uuid.UUID | None]:
    with desk.sessions() as s:
        return set(s.scalars(select(AuditEntry.actor_id)))


def test_an_agent_desk_pulls_no_audit_entries_of_others(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob, sue = people["ann"], people["bob"], people["sue"]
    allowed(bob.engine, INSERT_AUDIT, id=uuid.uuid4(), actor=bob.id)
    ann_desk, sue_desk = open_desk(tmp_path, "ann-pc"), open_desk(tmp_path, "sue-pc")
    first = pull(ann_desk.engine, ann.engine, desk=ann_desk.name)  # the first sync, in bulk
    assert first.complete
    with ann_desk.sessions() as s:
        assert s.get(Customer, world.customer) is not None, "the rest of the store came"
    assert _local_audit(ann_desk) == set()

    # Ann's own entry stays on her desk; Bob's later one is not brought by a paged window.
    ctx = _ctx(ann_desk, ann)
    profile = customers.get_profile(ctx, world.customer)
    customers.update_customer(ctx, world.customer, profile.version, notes="Called back")
    assert push(ann_desk.engine, ann.engine, ann_desk.name).applied == 2
    allowed(bob.engine, INSERT_AUDIT, id=uuid.uuid4(), actor=bob.id)
    assert pull(ann_desk.engine, ann.engine, desk=ann_desk.name).complete
    assert _local_audit(ann_desk) == {ann.id}
    with ann_desk.sessions() as s:
        assert s.get_one(Customer, world.customer).notes == "Called back"

    # A supervisor's desk receives everyone's.
    assert pull(sue_desk.engine, sue.engine, desk=sue_desk.name).complete
    assert _local_audit(sue_desk) >= {ann.id, bob.id}
    with sue_desk.sessions() as s, cluster.owner.connect() as conn:
        everyone = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == everyone
