"""The database's change log: complete (the push and plain SQL alike), unforgeable, read by
supervisors only; and Changes by person's undo, written through the supervisor's desk."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, inspect, select, text

from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ServiceError
from callcenter.supervision import changes
from db import change_log_ddl, migrate, roles_ddl
from db.base import Base
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models import AuditEntry, Customer, OutboxEntry, PhoneNumber
from db.replication.push import push
from db.store import open_engine, session_factory
from tests.replication.conftest import Desk, open_desk
from tests.roles.conftest import Cluster, Person, World, allowed, refused

pytestmark = pytest.mark.postgres


def _log(cluster: Cluster, row_id: uuid.UUID) -> list[dict[str, Any]]:
    """The log's entries for one row, oldest first, read as the owner."""
    with cluster.owner.connect() as conn:
        query = text("SELECT * FROM change_log WHERE row_id = :id ORDER BY id")
        return [dict(row) for row in conn.execute(query, {"id": row_id}).mappings()]


def _now(cluster: Cluster) -> dt.datetime:
    """A time after every transaction so far began (the log keeps transaction start times)."""
    with cluster.owner.connect() as conn:
        now: dt.datetime = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        return now


def desk_holding(tmp_path: Path, cluster: Cluster, person: Person) -> Desk:
    """A desk holding the shared store's rows as they are now (copied in as a pull would)."""
    desk = open_desk(tmp_path, f"{person.name}-{uuid.uuid4().hex[:6]}")
    with cluster.owner.connect() as shared, desk.engine.begin() as local:
        for table in Base.metadata.sorted_tables:
            if table.name in roles_ddl.REPLICATED:
                rows = [dict(row) for row in shared.execute(select(table)).mappings()]
                if rows:
                    local.execute(insert(table), rows)
    return desk


def _actor(person: Person) -> Actor:
    return Actor(person.id, person.name, person.role)


def _number(customer: uuid.UUID) -> PhoneNumber:
    return PhoneNumber(
        customer_id=customer,
        raw="020 7946 0001",
        e164="+442079460001",
        national="2079460001",
        kind=PhoneKind.MOBILE,
    )


def test_a_pushed_change_is_logged_in_the_name_of_whoever_pushed_it(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    desk = desk_holding(tmp_path, cluster, ann)
    with desk.sessions.begin() as s:
        s.get_one(Customer, world.customer).notes = "Prefers e-mail"
        number = _number(world.customer)
        s.add(number)
    assert push(desk.engine, ann.engine, desk.name).refused == 0
    *_before, edit = _log(cluster, world.customer)
    assert (edit["op"], edit["old"], edit["new"]) == (
        "update",
        {"notes": ""},
        {"notes": "Prefers e-mail"},
    )
    assert (edit["person"], edit["db_role"]) == (ann.id, ann.name)
    assert edit["txid"] > 0 and edit["changed_at"] is not None
    (made,) = _log(cluster, number.id)
    assert (made["op"], made["person"], made["old"]) == ("insert", ann.id, None)
    assert made["new"]["e164"] == "+442079460001"
    assert "version" not in made["new"] and "updated_by" not in made["new"]


def test_plain_sql_as_the_agent_is_logged_and_a_touch_that_changes_nothing_is_not(
    cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    before = len(_log(cluster, world.customer))
    allowed(
        ann.engine, "UPDATE customers SET version = version + 1 WHERE id = :id", id=world.customer
    )
    assert len(_log(cluster, world.customer)) == before
    allowed(ann.engine, "UPDATE customers SET city = 'Leeds' WHERE id = :id", id=world.customer)
    sr = world.srs["ann"]
    allowed(ann.engine, "UPDATE service_requests SET subject = 'Refund' WHERE id = :id", id=sr)
    (*_rest, city) = _log(cluster, world.customer)
    assert (city["new"], city["person"], city["db_role"]) == ({"city": "Leeds"}, ann.id, ann.name)
    (*_rest, subject) = _log(cluster, sr)
    assert (subject["old"], subject["new"]) == ({"subject": "Double charge"}, {"subject": "Refund"})


def test_the_owner_alone_writes_the_log_and_supervisors_alone_read_it(
    cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    allowed(
        people["ann"].engine, "UPDATE customers SET city = 'York' WHERE id = :id", id=world.customer
    )
    forge = (
        "INSERT INTO change_log (table_name, row_id, op, person) "
        "VALUES ('customers', gen_random_uuid(), 'update', NULL)"
    )
    for who in ("ann", "sue", "ada"):
        engine = people[who].engine
        refused(engine, forge)
        refused(engine, "UPDATE change_log SET person = NULL")
        refused(engine, "DELETE FROM change_log")
        refused(engine, "TRUNCATE change_log")
        refused(engine, "ALTER TABLE customers DISABLE TRIGGER cc_log_updates")
        refused(engine, "SELECT cc_log_inserts()")
    refused(people["ann"].engine, "SELECT count(*) FROM change_log")
    for who in ("sue", "ada"):
        with people[who].engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM change_log")).scalar_one() > 0


def test_every_column_of_a_logged_table_is_compared_by_its_update_trigger(
    cluster: Cluster,
) -> None:
    """A revision that adds a column to a logged table must call ``install`` again."""
    with cluster.owner.connect() as conn:
        for name in change_log_ddl.LOGGED:
            source = conn.execute(
                text("SELECT prosrc FROM pg_proc WHERE proname = :f"),
                {"f": f"{change_log_ddl.UPDATES}_{name}"},
            ).scalar_one()
            columns = {c["name"] for c in inspect(conn).get_columns(name)}
            for c in columns - {"id", *change_log_ddl.UNLOGGED_COLUMNS}:
                assert f'NEW."{c}" IS DISTINCT FROM' in source, (name, c)


def _undoing(
    tmp_path: Path, cluster: Cluster, sue: Person
) -> tuple[ServiceContext, ServiceContext, Desk]:
    """Sue's shared context (the supervisor view's) and her desk's (where she writes)."""
    desk = desk_holding(tmp_path, cluster, sue)
    shared = ServiceContext.for_engine(sue.engine, "GB", _actor(sue))
    writer = ServiceContext(desk.sessions, "GB", _actor(sue))
    return shared, writer, desk


def test_undo_puts_values_back_tombstones_new_rows_and_spares_later_work(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob, sue = people["ann"], people["bob"], people["sue"]
    since = _now(cluster)
    desk = desk_holding(tmp_path, cluster, ann)
    number = _number(world.customer)
    with desk.sessions.begin() as s:
        customer = s.get_one(Customer, world.customer)
        customer.name, customer.notes = "Ada Byron", "Wrong notes"
        s.add(number)
    assert push(desk.engine, ann.engine, desk.name).refused == 0
    allowed(
        bob.engine, "UPDATE customers SET notes = 'Bob''s notes' WHERE id = :id", id=world.customer
    )
    allowed(ann.engine, "UPDATE customers SET tags = 'vip' WHERE id = :id", id=world.customer)

    shared, writer, sue_desk = _undoing(tmp_path, cluster, sue)
    lines = changes.changes_by(shared, ann.id, since)
    assert {(c.table_name, c.op, c.field) for c in lines} == {
        ("customers", "update", "name"),
        ("customers", "update", "notes"),
        ("customers", "update", "tags"),
        ("phone_numbers", "insert", ""),
    }
    name = next(c for c in lines if c.field == "name")
    assert (name.old, name.new, name.record) == ("Ada Lovelace", "Ada Byron", "customers Ada Byron")

    plan = changes.plan_undo(shared, ann.id, since)
    assert [(s.field, s.reason) for s in plan.skipped] == [("notes", "changed later by Bob")]
    assert changes.undo(shared, writer, plan) == 2
    assert push(sue_desk.engine, sue.engine, sue_desk.name).refused == 0
    with session_factory(cluster.owner)() as s:
        restored = s.get_one(Customer, world.customer)
        assert (restored.name, restored.notes, restored.tags) == ("Ada Lovelace", "Bob's notes", "")
        assert restored.updated_by == sue.id
        assert s.get_one(PhoneNumber, number.id).deleted
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "undo changes")).one()
        assert (entry.actor_id, entry.entity_id) == (sue.id, ann.id)
        assert entry.after is not None and "changed later by Bob" in entry.after
    *_rest, undone = _log(cluster, world.customer)
    assert (undone["person"], undone["new"]["name"]) == (sue.id, "Ada Lovelace")


def test_undo_is_one_transaction(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    """The second row's restore collides with a row made since; the first is not kept."""
    ann, sue = people["ann"], people["sue"]
    other = uuid.uuid4()
    with session_factory(cluster.owner).begin() as s:
        s.add(
            Customer(
                id=other,
                name="Grace Hopper",
                kind=CustomerKind.PERSON,
                lifecycle_stage=LifecycleStage.LEAD,
                value_tier=ValueTier.STANDARD,
                search_text="Grace Hopper",
                external_id="CRM-1",
            )
        )
    since = _now(cluster)
    allowed(ann.engine, "UPDATE customers SET name = 'Ada B' WHERE id = :id", id=world.customer)
    allowed(ann.engine, "UPDATE customers SET external_id = 'CRM-2' WHERE id = :id", id=other)
    with session_factory(cluster.owner).begin() as s:  # the old key, taken by a new customer
        s.add(
            Customer(
                name="Grace Too",
                kind=CustomerKind.PERSON,
                lifecycle_stage=LifecycleStage.LEAD,
                value_tier=ValueTier.STANDARD,
                search_text="Grace Too",
                external_id="CRM-1",
            )
        )
    shared, writer, desk = _undoing(tmp_path, cluster, sue)
    plan = changes.plan_undo(shared, ann.id, since)
    assert len(plan.restores) == 2 and plan.skipped == ()
    with pytest.raises(ServiceError, match="Nothing was undone"):
        changes.undo(shared, writer, plan)
    with desk.sessions() as s:
        assert s.get_one(Customer, world.customer).name == "Ada B"
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "undo changes")).all() == []


def test_only_supervisors_see_or_undo_a_persons_changes(
    tmp_path: Path, cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    ann, bob = people["ann"], people["bob"]
    since = _now(cluster)
    allowed(ann.engine, "UPDATE customers SET city = 'Leeds' WHERE id = :id", id=world.customer)
    bobs = ServiceContext.for_engine(bob.engine, "GB", _actor(bob))
    with pytest.raises(PermissionDeniedError):
        changes.changes_by(bobs, ann.id, since)
    with pytest.raises(PermissionDeniedError):
        changes.plan_undo(bobs, ann.id, since)
    # Past the service layer, the database itself refuses the agent the log.
    system = ServiceContext.for_engine(bob.engine, "GB")
    with pytest.raises(Exception, match="permission denied for table change_log"):
        changes.changes_by(system, ann.id, since)


def test_a_sqlite_store_has_no_change_log(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    try:
        migrate.upgrade(engine, role="shared")
        assert "change_log" not in inspect(engine).get_table_names()
        with pytest.raises(ServiceError, match="PostgreSQL"):
            changes.changes_by(ServiceContext.for_engine(engine, "GB"), uuid.uuid4(), _epoch())
    finally:
        engine.dispose()


def _epoch() -> dt.datetime:
    return dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _log_objects(engine: Engine) -> tuple[bool, int, int]:
    """(the table exists, logging triggers, logging functions)."""
    with engine.connect() as conn:
        table = conn.execute(text("SELECT to_regclass('change_log') IS NOT NULL")).scalar_one()
        triggers = conn.execute(
            text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'cc\\_log\\_%'")
        ).scalar_one()
        functions = conn.execute(
            text("SELECT count(*) FROM pg_proc WHERE proname LIKE 'cc\\_log\\_%'")
        ).scalar_one()
    return bool(table), int(triggers), int(functions)


def test_migration_0013_up_and_down(pg_url: str) -> None:
    engine = open_engine(pg_url)
    tables = len(change_log_ddl.LOGGED)
    try:
        migrate.upgrade(engine, "0012")
        assert _log_objects(engine) == (False, 0, 0)
        migrate.upgrade(engine, "0013")
        assert _log_objects(engine) == (True, 3 * tables, tables + 2)
        with engine.begin() as conn:
            conn.execute(text("UPDATE customers SET version = version"))
        migrate.downgrade(engine, "0012")
        assert _log_objects(engine) == (False, 0, 0)
        migrate.upgrade(engine)
        assert _log_objects(engine) == (True, 3 * tables, tables + 2)
    finally:
        engine.dispose()
