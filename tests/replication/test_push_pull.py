"""Outbox capture, push and pull between desks and a real shared store."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable

from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.orm import Session

from db.enums import (
    CallbackStatus,
    CustomerKind,
    LifecycleStage,
    PhoneKind,
    Priority,
    SRStatus,
    ValueTier,
)
from db.models import (
    Callback,
    Customer,
    OutboxEntry,
    PhoneNumber,
    ServiceRequest,
    SRCategory,
    SyncConflict,
)
from db.replication.pull import pull
from db.replication.push import push
from db.store import session_factory
from tests.replication.conftest import Desk

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def new_customer(name: str) -> Customer:
    return Customer(
        name=name,
        kind=CustomerKind.PERSON,
        lifecycle_stage=LifecycleStage.LEAD,
        value_tier=ValueTier.STANDARD,
        search_text=name,
    )


def new_request(customer_id: uuid.UUID | None = None) -> ServiceRequest:
    return ServiceRequest(
        number=f"SR-{uuid.uuid4().hex[:8].upper()}",
        customer_id=customer_id,
        category_code="billing",
        priority=Priority.NORMAL,
        status=SRStatus.OPEN,
        subject="Double charge",
        opened_at=NOW,
        sla_due_at=NOW + dt.timedelta(hours=24),
    )


def sync(desk: Desk, shared: Engine) -> None:
    """Push, then pull: one pull holds every transaction committed before it began."""
    push(desk.engine, shared, desk.name)
    pull(desk.engine, shared, desk=desk.name)


def outbox_count(desk: Desk) -> int:
    with desk.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_a_write_and_its_outbox_entry_commit_together(desks: Callable[[str], Desk]) -> None:
    desk = desks("ann")
    with desk.sessions.begin() as s:
        s.add(new_customer("Kept"))
    try:
        with desk.sessions.begin() as s:
            s.add(new_customer("Rolled back"))
            s.flush()
            raise RuntimeError("crash mid-save")
    except RuntimeError:
        pass
    with desk.sessions() as s:
        entries = s.scalars(select(OutboxEntry)).all()
        assert [e.op for e in entries] == ["insert"]
        assert s.scalar(select(func.count()).select_from(Customer)) == 1


def test_writes_reach_another_desk(shared: Engine, desks: Callable[[str], Desk]) -> None:
    ann, bob = desks("ann"), desks("bob")
    with ann.sessions.begin() as s:
        customer = new_customer("Ada Lovelace")
        customer.phone_numbers = [
            PhoneNumber(raw="020 7946 0958", e164="+442079460958", kind=PhoneKind.HOME)
        ]
        s.add(customer)
    with ann.sessions.begin() as s:
        row = s.get_one(Customer, customer.id)
        row.name = "Ada King"
        row.search_text = "Ada King"
    sync(ann, shared)
    assert outbox_count(ann) == 0
    sync(bob, shared)
    with bob.sessions() as s:
        pulled = s.get_one(Customer, customer.id)
        assert (pulled.name, pulled.version) == ("Ada King", 2)
        number = s.scalars(select(PhoneNumber)).one()
        assert number.customer_id == customer.id
    with session_factory(shared)() as s:
        on_shared = s.get_one(Customer, customer.id)
        assert on_shared.version == 2
    with ann.sessions() as s:
        assert s.get_one(Customer, customer.id).updated_at == on_shared.updated_at


def test_a_replayed_entry_changes_nothing(shared: Engine, desks: Callable[[str], Desk]) -> None:
    ann = desks("ann")
    with ann.sessions.begin() as s:
        s.add(new_customer("Once"))
    with ann.sessions() as s:
        sent = [
            {c.name: getattr(e, c.key) for c in OutboxEntry.__table__.columns if c.name != "seq"}
            for e in s.scalars(select(OutboxEntry))
        ]
    first = push(ann.engine, shared, ann.name)
    with session_factory(shared)() as s:
        before = s.execute(select(Customer.version, Customer.change_seq)).one()
    # The reply was lost: the desk still has the entry and sends it again.
    with ann.engine.begin() as conn:
        conn.execute(insert(OutboxEntry), sent)
    again = push(ann.engine, shared, ann.name)
    assert (first.applied, again.applied, again.replayed) == (1, 0, 1)
    with session_factory(shared)() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        assert s.execute(select(Customer.version, Customer.change_seq)).one() == before


def _shared_request(shared: Engine) -> uuid.UUID:
    with session_factory(shared).begin() as s:
        s.add(SRCategory(code="billing", label="Billing", sla_hours=24))
        request = new_request()
        s.add(request)
        s.flush()
        return request.id


def _edit(desk: Desk, sr_id: uuid.UUID, **fields: object) -> None:
    with desk.sessions.begin() as s:
        row = s.get_one(ServiceRequest, sr_id)
        for name, value in fields.items():
            setattr(row, name, value)


def _conflicts(shared: Engine) -> list[SyncConflict]:
    with session_factory(shared)() as s:
        return list(s.scalars(select(SyncConflict)))


def test_offline_edits_of_different_fields_merge(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    sr_id = _shared_request(shared)
    ann, bob = desks("ann"), desks("bob")
    sync(ann, shared)
    sync(bob, shared)
    _edit(ann, sr_id, priority=Priority.HIGH)
    _edit(bob, sr_id, subject="Charged twice in November")
    sync(ann, shared)
    sync(bob, shared)
    sync(ann, shared)
    for store in (shared, ann.engine, bob.engine):
        with session_factory(store)() as s:
            row = s.get_one(ServiceRequest, sr_id)
            assert (row.priority, row.subject, row.version) == (
                Priority.HIGH,
                "Charged twice in November",
                3,
            )
    assert _conflicts(shared) == []


def test_offline_edits_of_one_field_keep_the_later_and_record_the_other(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    sr_id = _shared_request(shared)
    ann, bob = desks("ann"), desks("bob")
    sync(ann, shared)
    sync(bob, shared)
    # Ann's desk clock runs five minutes fast, Bob's five minutes slow: clocks decide nothing.
    _edit(ann, sr_id, subject="Ann's subject", updated_at=NOW + dt.timedelta(minutes=5))
    _edit(bob, sr_id, subject="Bob's subject", updated_at=NOW - dt.timedelta(minutes=5))
    sync(ann, shared)
    sync(bob, shared)
    sync(ann, shared)
    for store in (shared, ann.engine, bob.engine):
        with session_factory(store)() as s:
            assert s.get_one(ServiceRequest, sr_id).subject == "Bob's subject"
    (conflict,) = _conflicts(shared)
    assert (conflict.field, json.loads(conflict.kept_value), json.loads(conflict.lost_value)) == (
        "subject",
        "Bob's subject",
        "Ann's subject",
    )
    with ann.sessions() as s:  # the conflict itself replicates, so Ann's desk shows it
        assert s.scalars(select(SyncConflict.row_id)).one() == sr_id


def test_pull_resumes_after_an_interruption(shared: Engine, desks: Callable[[str], Desk]) -> None:
    with session_factory(shared).begin() as s:
        s.add_all(new_customer(f"Customer {i}") for i in range(250))
    bob = desks("bob")
    calls = iter(range(100))
    first = pull(bob.engine, shared, page_size=50, should_stop=lambda: next(calls) >= 2)
    assert not first.complete
    seen: list[tuple[int, int | None]] = []
    second = pull(
        bob.engine, shared, page_size=50, progress=lambda done, total: seen.append((done, total))
    )
    assert second.complete
    assert first.rows + second.rows == 250
    assert seen[-1] == (250, 250)
    with bob.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 250
    # The first sync rebuilt the desk's full-text index over what it brought.
    with bob.engine.connect() as conn:
        found = conn.execute(
            text("SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'customer'")
        )
        assert found.scalar_one() == 250


def test_a_tombstone_replicates(shared: Engine, desks: Callable[[str], Desk]) -> None:
    ann, bob = desks("ann"), desks("bob")
    with ann.sessions.begin() as s:
        customer = new_customer("Gone")
        s.add(customer)
    sync(ann, shared)
    sync(bob, shared)
    with ann.sessions.begin() as s:
        s.get_one(Customer, customer.id).deleted = True
    sync(ann, shared)
    sync(bob, shared)
    with Session(bob.engine) as s:
        assert s.get_one(Customer, customer.id).deleted is True


def test_attempts_made_apart_add_up(shared: Engine, desks: Callable[[str], Desk]) -> None:
    with session_factory(shared).begin() as s:
        callback = Callback(
            phone_number="+442079460958",
            due_from=NOW,
            due_until=NOW + dt.timedelta(hours=2),
            reason="Call back about the refund",
            status=CallbackStatus.PENDING,
        )
        s.add(callback)
    ann, bob = desks("ann"), desks("bob")
    sync(ann, shared)
    sync(bob, shared)
    for desk in (ann, bob):
        with desk.sessions.begin() as s:
            s.get_one(Callback, callback.id).attempt_count += 1
    sync(ann, shared)
    sync(bob, shared)
    with session_factory(shared)() as s:
        assert s.get_one(Callback, callback.id).attempt_count == 2
    assert _conflicts(shared) == []


def test_a_pull_with_nothing_new_asks_once_instead_of_reading_every_table(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    """An idle desk's cycle asks which tables have rows in the window, in one statement; it
    read an empty page of each of the replicated tables before (a query and a commit each)."""
    ann, bob = desks("ann"), desks("bob")
    with ann.sessions.begin() as s:
        s.add(new_customer("Already pulled"))
    sync(ann, shared)
    sync(bob, shared)
    statements: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement != "BEGIN":  # SQLite's, issued by the engine
            statements.append(statement)

    event.listen(shared, "before_cursor_execute", note)
    try:
        pull(bob.engine, shared, desk=bob.name)
    finally:
        event.remove(shared, "before_cursor_execute", note)
    # The window's bound, the grants (PostgreSQL) and the one question.
    assert len(statements) <= 3, statements
    with ann.sessions.begin() as s:
        s.add(new_customer("Written since"))
    sync(ann, shared)
    pull(bob.engine, shared, desk=bob.name)
    with bob.sessions() as s:
        assert set(s.scalars(select(Customer.name))) == {"Already pulled", "Written since"}
