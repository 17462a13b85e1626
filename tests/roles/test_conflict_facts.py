"""A sync conflict names only what the database saw: forged ones are refused or corrected,
and the push's real ones record the real values and people (issue 15: "authorship cannot be
forged")."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.models import AppliedPush, Customer, SyncConflict
from db.replication.push import push
from db.store import session_factory
from db.types import utcnow
from tests.roles.conftest import Cluster, Person, World, refused
from tests.roles.test_desk_push import _desk

pytestmark = pytest.mark.postgres

INSERT = (
    "INSERT INTO sync_conflicts (id, version, updated_at, deleted, table_name, row_id, field, "
    "kept_value, lost_value, kept_by, lost_by, detected_at) VALUES (:id, 1, now(), false, "
    ":table, :row, :field, '\"mine\"', '\"forged\"', :kept_by, :lost_by, now() - interval '9 days')"
)


def _conflict(cluster: Cluster, conflict_id: uuid.UUID) -> SyncConflict:
    with session_factory(cluster.owner)() as s:
        return s.get_one(SyncConflict, conflict_id)


def test_a_conflict_about_a_row_nobody_changed_is_refused(
    people: dict[str, Person], world: World
) -> None:
    ann, bob = people["ann"], people["bob"]
    values = {"kept_by": bob.id, "lost_by": people["sue"].id, "field": "notes"}
    about = {"table": "customers", "row": world.customer}
    message = refused(ann.engine, INSERT, id=uuid.uuid4(), **about, **values)
    assert "only with the change that caused it" in message
    refused(ann.engine, INSERT, id=uuid.uuid4(), table="customers", row=uuid.uuid4(), **values)
    refused(ann.engine, INSERT, id=uuid.uuid4(), table="users", row=ann.id, **values)
    refused(ann.engine, INSERT, id=uuid.uuid4(), **about, **{**values, "field": "version"})


def test_a_conflict_about_ones_own_change_takes_its_facts_from_the_database(
    cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob = people["ann"], people["bob"]
    with bob.engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET notes = 'Bob wrote' WHERE id = :id"), {"id": world.customer}
        )
    conflict_id = uuid.uuid4()
    with ann.engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET notes = 'Ann wrote' WHERE id = :id"), {"id": world.customer}
        )
        conn.execute(
            text(INSERT),
            {
                "id": conflict_id,
                "table": "customers",
                "row": world.customer,
                "field": "notes",
                "kept_by": bob.id,  # forged: Ann claims Bob kept it
                "lost_by": people["sue"].id,  # forged: and that Sue lost
            },
        )
    c = _conflict(cluster, conflict_id)
    assert (json.loads(c.kept_value or ""), json.loads(c.lost_value or "")) == (
        "Ann wrote",
        "Bob wrote",
    )
    assert (c.kept_by, c.lost_by) == (ann.id, bob.id)
    assert c.resolved_at is None


def test_the_push_records_the_real_conflict_between_two_people(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob = people["ann"], people["bob"]
    ann_desk, bob_desk = _desk(tmp_path, cluster, ann), _desk(tmp_path, cluster, bob)
    for desk, person, words in ((bob_desk, bob, "Bob offline"), (ann_desk, ann, "Ann offline")):
        with desk.sessions.begin() as s:
            row = s.get_one(Customer, world.customer)
            row.notes, row.updated_by = words, person.id
    assert push(bob_desk.engine, bob.engine, bob_desk.name).conflicts == 0
    result = push(ann_desk.engine, ann.engine, ann_desk.name)
    assert (result.applied, result.conflicts, result.refused) == (1, 1, 0), result
    with session_factory(cluster.owner)() as s:
        found = select(SyncConflict).where(
            SyncConflict.row_id == world.customer, SyncConflict.id != world.conflict
        )
        (c,) = s.scalars(found)
        assert c.field == "notes"
        assert (json.loads(c.kept_value or ""), json.loads(c.lost_value or "")) == (
            "Ann offline",
            "Bob offline",
        )
        assert (c.kept_by, c.lost_by) == (ann.id, bob.id)


def test_applied_entries_say_who_applied_them(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    forged = uuid.uuid4()
    with ann.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO replication_applied (entry_id, desk, applied_at) "
                "VALUES (:id, 'bob-pc', now() - interval '9 days')"
            ),
            {"id": forged},
        )
    desk = _desk(tmp_path, cluster, ann)
    with desk.sessions.begin() as s:
        s.get_one(Customer, world.customer).notes = "Pushed by Ann"
    assert push(desk.engine, ann.engine, desk.name).applied == 1
    with session_factory(cluster.owner)() as s:
        hand_made = s.get_one(AppliedPush, forged)
        assert hand_made.applied_by == ann.id
        assert hand_made.applied_at > utcnow() - dt.timedelta(minutes=5), "its own time kept"
        pushed = s.scalars(select(AppliedPush).where(AppliedPush.desk == desk.name)).one()
        assert pushed.applied_by == ann.id
    refused(ann.engine, "DELETE FROM replication_applied WHERE entry_id = :id", id=forged)
    refused(ann.engine, "UPDATE replication_applied SET desk = 'x' WHERE entry_id = :id", id=forged)
