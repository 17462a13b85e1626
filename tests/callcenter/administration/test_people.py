"""Admin ▸ People through the service, on both shared stores: on PostgreSQL the admin acts as
their own login role (no CREATEROLE) and the database's functions do the work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from callcenter.administration import people
from callcenter.platform import admin
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import (
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    ValidationError,
)
from db import migrate
from db.enums import Role
from db.models import AuditEntry, Queue
from db.store import open_engine
from tests.roles.conftest import Cluster, fresh_cluster
from tests.roles.test_people_functions import accepts, groups, signs_in, stored_verifier

PASSWORD = "correct horse battery"


@dataclass
class Office:
    """Ada (an admin) signed in on the shared store, the store as the system sees it, and how
    to name a new person (prefixed on PostgreSQL, where roles are cluster-wide)."""

    ada: ServiceContext
    system: ServiceContext
    name: Callable[[str], str]
    cluster: Cluster | None = None

    def signed_in_as(self, name: str, role: Role) -> ServiceContext:
        """A context for ``name`` (on PostgreSQL, connected as their own role)."""
        account = people.account(self.system, name)
        engine = self.cluster.connect(name) if self.cluster else self.system.sessions.kw["bind"]
        return ServiceContext.for_engine(engine, "GB", Actor(account.id, name, role))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Office]:
    if request.param == "sqlite":
        engine = open_engine(f"sqlite:///{tmp_path / 'shared.db'}")
        migrate.upgrade(engine, role="shared")
        ada = admin.create_user(engine, "ada", Role.ADMIN, None, "Ada")
        system = ServiceContext.for_engine(engine, "GB")
        actor = Actor(ada.id, ada.username, Role.ADMIN)
        yield Office(ServiceContext.for_engine(engine, "GB", actor), system, lambda label: label)
        engine.dispose()
        return
    with fresh_cluster() as cluster:
        person = cluster.person("ada", Role.ADMIN)
        actor = Actor(person.id, person.name, Role.ADMIN)
        yield Office(
            ServiceContext.for_engine(person.engine, "GB", actor),
            ServiceContext.for_engine(cluster.owner, "GB"),
            cluster.name,
            cluster,
        )


def _actions(office: Office, account: people.Account) -> list[tuple[str, object]]:
    with office.system.sessions() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.actor_id)
            .where(AuditEntry.entity_id == account.id)
            .order_by(AuditEntry.at, AuditEntry.action)
        )
        return [(row.action, row.actor_id) for row in rows]


def test_an_admin_creates_a_person_who_can_sign_in(office: Office) -> None:
    name = office.name("kim")
    made = people.create_person(office.ada, name, "agent", PASSWORD, " Kim   Lee ")
    assert (made.username, made.display_name, made.role, made.active) == (
        name,
        "Kim Lee",
        Role.AGENT,
        True,
    )
    assert name in {a.username for a in people.accounts(office.ada)}
    ada_id = office.ada.actor_id
    assert _actions(office, made) == [("create user", ada_id)]
    if office.cluster:
        assert groups(office.cluster, name) == {"cc_agent"}
        assert signs_in(office.cluster, name)
        assert accepts(stored_verifier(office.cluster, name), PASSWORD)


def test_a_new_person_needs_a_free_well_formed_name(office: Office) -> None:
    with pytest.raises(ValidationError) as caught:
        people.create_person(office.ada, 'x"; DROP ROLE ada; --', "agent", PASSWORD)
    assert caught.value.field == "name"
    name = office.name("max")
    people.create_person(office.ada, name, "agent", PASSWORD)
    with pytest.raises(ValidationError, match="already exists"):
        people.create_person(office.ada, name, "admin", PASSWORD)
    with pytest.raises(ValidationError) as caught:
        people.create_person(office.ada, office.name("sam"), "boss", PASSWORD)
    assert caught.value.field == "role"
    if office.cluster:
        with pytest.raises(ValidationError) as caught:
            people.create_person(office.ada, office.name("lee"), "agent", "short")
        assert caught.value.field == "password"


def test_a_role_change_moves_the_person(office: Office) -> None:
    name = office.name("kim")
    people.create_person(office.ada, name, Role.AGENT, PASSWORD)
    moved = people.change_role(office.ada, name, "supervisor")
    assert moved.role == Role.SUPERVISOR
    assert [a.role for a in people.accounts(office.ada) if a.username == name] == [Role.SUPERVISOR]
    assert [a for a, _who in _actions(office, moved)] == ["create user", "set role"]
    if office.cluster:
        assert groups(office.cluster, name) == {"cc_supervisor"}


def test_a_disabled_person_cannot_sign_in_until_enabled(office: Office) -> None:
    name = office.name("kim")
    people.create_person(office.ada, name, Role.AGENT, PASSWORD)
    held = None
    if office.cluster:
        held = psycopg.connect(
            host="127.0.0.1", port=5432, user=name, dbname=office.cluster.owner.url.database
        )
    result = people.disable_person(office.ada, name)
    assert not result.account.active and result.warning is None
    assert [a.active for a in people.accounts(office.ada) if a.username == name] == [False]
    if office.cluster and held:
        assert result.sessions_ended == 1
        assert not signs_in(office.cluster, name)
        with pytest.raises(psycopg.OperationalError):
            held.execute("SELECT 1")
        held.close()
    assert people.enable_person(office.ada, name).active
    if office.cluster:
        assert signs_in(office.cluster, name)
    assert [a for a, _who in _actions(office, result.account)] == [
        "create user",
        "disable user",
        "enable user",
    ]


def test_a_reset_password_replaces_the_old_one(office: Office) -> None:
    name = office.name("kim")
    people.create_person(office.ada, name, Role.AGENT, PASSWORD)
    if office.cluster is None:
        with pytest.raises(ValidationError, match="no passwords"):
            people.reset_password(office.ada, name, "a new password")
        assert not people.keeps_passwords(office.ada)
        return
    assert people.keeps_passwords(office.ada)
    with pytest.raises(ValidationError) as caught:
        people.reset_password(office.ada, name, "short")
    assert caught.value.field == "password"
    people.reset_password(office.ada, name, "a new password")
    stored = stored_verifier(office.cluster, name)
    assert accepts(stored, "a new password") and not accepts(stored, PASSWORD)
    assert signs_in(office.cluster, name)


def test_the_last_admin_cannot_disable_or_demote_themselves(office: Office) -> None:
    ada = office.ada.actor
    assert ada is not None
    with pytest.raises(PermissionDeniedError, match="last active admin"):
        people.disable_person(office.ada, ada.username)
    with pytest.raises(PermissionDeniedError, match="last active admin"):
        people.change_role(office.ada, ada.username, Role.SUPERVISOR)
    assert people.account(office.ada, ada.username).active
    other = office.name("bea")
    people.create_person(office.ada, other, Role.ADMIN, PASSWORD)
    assert people.change_role(office.ada, ada.username, Role.SUPERVISOR).role == Role.SUPERVISOR


def test_people_outside_the_store_are_not_found(office: Office) -> None:
    with pytest.raises(NotFoundError):
        people.disable_person(office.ada, office.name("nobody"))


def test_only_an_admin_manages_people_and_the_database_agrees(office: Office) -> None:
    sue_name, kim = office.name("sue"), office.name("kim")
    people.create_person(office.ada, sue_name, Role.SUPERVISOR, PASSWORD)
    people.create_person(office.ada, kim, Role.AGENT, PASSWORD)
    sue = office.signed_in_as(sue_name, Role.SUPERVISOR)
    for attempt in (
        people.accounts,
        lambda c: people.create_person(c, office.name("eve"), Role.AGENT, PASSWORD),
        lambda c: people.change_role(c, kim, Role.ADMIN),
        lambda c: people.disable_person(c, kim),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt(sue)
    if office.cluster:
        # A desk that believes Sue is an admin: the service lets her through, the database
        # (signed in as Sue's own role, which may not even call the functions) refuses.
        assert sue.actor is not None
        tampered = ServiceContext(
            sue.sessions, "GB", Actor(sue.actor.user_id, sue_name, Role.ADMIN)
        )
        with pytest.raises(PermissionDeniedError, match="permission denied for function"):
            people.change_role(tampered, kim, Role.ADMIN)
        with pytest.raises(PermissionDeniedError, match="permission denied for function"):
            people.disable_person(tampered, kim)
        assert groups(office.cluster, kim) == {"cc_agent"}
    assert people.account(office.ada, kim).active


def test_accounts_show_queues_and_disabled_people(office: Office) -> None:
    name = office.name("kim")
    made = people.create_person(office.ada, name, Role.AGENT, PASSWORD)
    with office.system.sessions.begin() as s:
        queue = Queue(name="billing", display_name="Billing")
        s.add(queue)
        s.flush()
        queue_id = queue.id
    assert people.set_queue_membership(office.ada, made.id, queue_id, True)
    people.disable_person(office.ada, name)
    (listed,) = [a for a in people.accounts(office.ada) if a.username == name]
    assert (listed.active, listed.queues, listed.queue_names) == (False, (queue_id,), ("Billing",))


@contextlib.contextmanager
def _unreachable(url: str) -> Iterator[ServiceContext]:
    engine = open_engine(url)
    try:
        yield ServiceContext.for_engine(engine, "GB")
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-directory/shared.db",
        pytest.param(
            "postgresql+psycopg://nobody@127.0.0.1:1/callcenter", marks=pytest.mark.postgres
        ),
    ],
)
def test_a_store_out_of_reach_is_said_in_a_sentence(url: str) -> None:
    with _unreachable(url) as ctx, pytest.raises(ServiceError, match="cannot be reached"):
        people.accounts(ctx)
