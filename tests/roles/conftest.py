"""A migrated PostgreSQL shared store and people who connect to it as their own roles.

Roles are cluster-wide, so every person gets a unique prefixed name, and teardown drops the
database first (its grants go with it) and then the roles.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from callcenter.platform import admin
from db import migrate
from db.enums import (
    CallbackOutcome,
    CallbackStatus,
    Channel,
    CustomerKind,
    Direction,
    LifecycleStage,
    Priority,
    Role,
    SRStatus,
    ValueTier,
)
from db.models import (
    AgentPresence,
    AuditEntry,
    Callback,
    CallbackAttempt,
    Customer,
    Interaction,
    Queue,
    QueueMember,
    ServiceRequest,
    SRCategory,
    SRHistory,
    SyncConflict,
)
from db.store import open_engine, session_factory
from tests.conftest import PG_ADMIN_URL

pytestmark = pytest.mark.postgres

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PASSWORD = "not-checked-under-trust"


@dataclass
class Person:
    name: str
    id: uuid.UUID
    role: Role
    engine: Engine


@dataclass
class Cluster:
    """The store (``owner`` is the superuser that migrated it) and the people made for it."""

    url: str
    owner: Engine
    prefix: str
    engines: list[Engine] = field(default_factory=list)
    role_names: list[str] = field(default_factory=list)

    def name(self, label: str) -> str:
        name = f"{self.prefix}_{label}"
        self.role_names.append(name)
        return name

    def connect(self, name: str) -> Engine:
        """An engine that signs in as ``name`` (trust authentication: no password)."""
        engine = open_engine(make_url(self.url).set(username=name, password=None))
        self.engines.append(engine)
        return engine

    def person(self, label: str, role: Role) -> Person:
        account = admin.create_user(self.owner, self.name(label), role, PASSWORD, label.title())
        return Person(account.username, account.id, role, self.connect(account.username))


@contextlib.contextmanager
def fresh_cluster() -> Iterator[Cluster]:
    """A fresh database at the current schema, dropped with every role made for it."""
    db_name = f"cc_test_{uuid.uuid4().hex[:12]}"
    server = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{db_name}"
    owner = open_engine(url)
    migrate.upgrade(owner)
    made = Cluster(url, owner, f"cct{uuid.uuid4().hex[:8]}")
    try:
        yield made
    finally:
        for engine in made.engines:
            engine.dispose()
        owner.dispose()
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
            for name in made.role_names:
                conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        server.dispose()


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with fresh_cluster() as made:
        yield made


@pytest.fixture
def people(cluster: Cluster) -> dict[str, Person]:
    """Ann and Bob (agents), Sue (supervisor), Ada (admin)."""
    return {
        "ann": cluster.person("ann", Role.AGENT),
        "bob": cluster.person("bob", Role.AGENT),
        "sue": cluster.person("sue", Role.SUPERVISOR),
        "ada": cluster.person("ada", Role.ADMIN),
    }


def refused(engine: Engine, statement: str, **params: object) -> str:
    """Run ``statement`` and return the database's refusal; fails if it was allowed."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text(statement), params)
    error = caught.value.orig
    assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
    return str(error)


def allowed(engine: Engine, statement: str, **params: object) -> int:
    """Run ``statement`` and return how many rows it touched."""
    with engine.begin() as conn:
        return conn.execute(text(statement), params).rowcount


@dataclass(frozen=True)
class World:
    """Rows made by the owner for the people to act on; names say whose they are."""

    customer: uuid.UUID
    ann_queue: uuid.UUID
    other_queue: uuid.UUID
    srs: dict[str, uuid.UUID]
    callbacks: dict[str, uuid.UUID]
    interactions: dict[str, uuid.UUID]
    conflict: uuid.UUID
    history: uuid.UUID
    attempt: uuid.UUID
    audit: uuid.UUID


def _request(assignee: uuid.UUID | None, queue: uuid.UUID | None) -> ServiceRequest:
    return ServiceRequest(
        id=uuid.uuid4(),
        number=f"SR-{uuid.uuid4().hex[:8].upper()}",
        category_code="billing",
        priority=Priority.NORMAL,
        status=SRStatus.OPEN,
        subject="Double charge",
        opened_at=NOW,
        sla_due_at=NOW + dt.timedelta(hours=24),
        assignee_id=assignee,
        queue_id=queue,
    )


def _callback(owner: uuid.UUID | None, queue: uuid.UUID | None, customer: uuid.UUID) -> Callback:
    return Callback(
        id=uuid.uuid4(),
        customer_id=customer,
        phone_number="+442079460958",
        due_from=NOW,
        due_until=NOW + dt.timedelta(hours=2),
        reason="Call back about the refund",
        owner_user_id=owner,
        owner_queue_id=queue,
        status=CallbackStatus.PENDING,
    )


def _interaction(agent: uuid.UUID | None, customer: uuid.UUID) -> Interaction:
    return Interaction(
        id=uuid.uuid4(),
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        offered_at=NOW,
        agent_id=agent,
        customer_id=customer,
    )


@pytest.fixture
def world(cluster: Cluster, people: dict[str, Person]) -> World:
    ann, bob = people["ann"].id, people["bob"].id
    customer = Customer(
        id=uuid.uuid4(),
        name="Ada Lovelace",
        kind=CustomerKind.PERSON,
        lifecycle_stage=LifecycleStage.LEAD,
        value_tier=ValueTier.STANDARD,
        search_text="Ada Lovelace",
    )
    ann_queue = Queue(id=uuid.uuid4(), name="billing", display_name="Billing")
    other_queue = Queue(id=uuid.uuid4(), name="sales", display_name="Sales")
    srs = {
        "ann": _request(ann, None),
        "bob": _request(bob, None),
        "ann_queue": _request(None, ann_queue.id),
        "other_queue": _request(None, other_queue.id),
        "nobody": _request(None, None),
    }
    callbacks = {
        "ann": _callback(ann, None, customer.id),
        "bob": _callback(bob, None, customer.id),
        "ann_queue": _callback(None, ann_queue.id, customer.id),
        "other_queue": _callback(None, other_queue.id, customer.id),
    }
    interactions = {"ann": _interaction(ann, customer.id), "bob": _interaction(bob, customer.id)}
    conflict = SyncConflict(
        id=uuid.uuid4(),
        table_name="customers",
        row_id=customer.id,
        field="notes",
        kept_value="b",
        lost_value="a",
        kept_by=bob,
        lost_by=people["sue"].id,
        detected_at=NOW,
    )
    history = SRHistory(
        id=uuid.uuid4(),
        service_request_id=srs["ann"].id,
        at=NOW,
        actor_id=ann,
        field="status",
        new_value="open",
    )
    attempt = CallbackAttempt(
        id=uuid.uuid4(),
        callback_id=callbacks["ann"].id,
        at=NOW,
        agent_id=ann,
        outcome=CallbackOutcome.NO_ANSWER,
    )
    audit = AuditEntry(id=uuid.uuid4(), at=NOW, actor_id=ann, action="create", entity="customer")
    with session_factory(cluster.owner).begin() as s:
        s.add_all(
            [
                customer,
                ann_queue,
                other_queue,
                SRCategory(code="billing", label="Billing", sla_hours=24),
            ]
        )
        s.flush()
        s.add(QueueMember(queue_id=ann_queue.id, user_id=ann))
        s.add_all([*srs.values(), *callbacks.values()])
        s.flush()
        s.add_all([*interactions.values(), conflict, history, attempt, audit])
        for who in ("ann", "bob"):
            s.add(
                AgentPresence(
                    user_id=people[who].id,
                    desk=f"{who}-pc",
                    state="ready",
                    state_since=NOW,
                    heartbeat_at=NOW,
                )
            )
    return World(
        customer=customer.id,
        ann_queue=ann_queue.id,
        other_queue=other_queue.id,
        srs={k: v.id for k, v in srs.items()},
        callbacks={k: v.id for k, v in callbacks.items()},
        interactions={k: v.id for k, v in interactions.items()},
        conflict=conflict.id,
        history=history.id,
        attempt=attempt.id,
        audit=audit.id,
    )
