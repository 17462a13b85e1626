"""One table of rules, enforced twice: by the services and by the shared database.

``RULES`` lists each thing a person may try, through the product's own service call, with who
may do it (from ``permissions.ALLOWED``, narrowed where whose work it is decides). Each rule
runs for an agent, a supervisor and an admin:

- **embedded**: on a SQLite store, as the desk runs it; the service refuses whoever may not;
- **database**: on PostgreSQL as that person's own role, through a desk that believes its
  person may do anything (a tampered desk, or psql with the product's statements); the
  database alone must then refuse whoever may not, and let through whoever may.

A rule the database cannot enforce says so and why (``database_note``); for it the test
checks that the database does let it through, so the table stays true.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from callcenter.administration.audit_trail import audit_entries
from callcenter.administration.dictionary import save_disposition
from callcenter.administration.people import create_person, set_queue_membership
from callcenter.crm import contact_points, customers
from callcenter.crm.csv_import import import_customers
from callcenter.crm.customer_export import export_customers
from callcenter.crm.merge import merge_customers
from callcenter.knowledge.announcements import post_announcement
from callcenter.knowledge.scripts import save_script
from callcenter.platform import admin
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import PermissionDeniedError, ServiceError
from callcenter.platform.permissions import ALLOWED, Action
from callcenter.supervision.boards import agent_board
from callcenter.supervision.changes import changes_by, plan_undo
from callcenter.work import callbacks, interactions, service_requests
from db import migrate
from db.enums import (
    CallbackOutcome,
    CallbackStatus,
    Channel,
    CustomerKind,
    Direction,
    LifecycleStage,
    PhoneKind,
    Priority,
    Role,
    SRStatus,
    ValueTier,
)
from db.models import (
    AgentPresence,
    Callback,
    Customer,
    Email,
    Interaction,
    PhoneNumber,
    Queue,
    QueueMember,
    ServiceRequest,
    SRCategory,
)
from db.store import open_engine, session_factory
from db.types import utcnow
from tests.roles.conftest import PASSWORD, fresh_cluster

SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ROLES = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN)
_serial = itertools.count()


@dataclass(frozen=True)
class Stage:
    """Fresh rows for one try: ``me`` acts, ``bob`` is another agent."""

    me: uuid.UUID
    bob: uuid.UUID
    customer: uuid.UUID
    phone: uuid.UUID
    my_queue: uuid.UUID
    other_queue: uuid.UUID
    srs: dict[str, uuid.UUID]
    callbacks: dict[str, uuid.UUID]
    calls: dict[str, uuid.UUID]
    csv: Path
    newcomer: str


class HiddenError(Exception):
    """The store let the read run but showed less than the rule's reader would see."""


@dataclass(frozen=True)
class Rule:
    what: str
    action: Action
    run: Callable[[ServiceContext, Stage], object]
    #: Who may, when narrower than the action's roles (whose work it is decides).
    only: frozenset[Role] | None = None
    #: Why the database lets everyone do it (the service's rule alone), if so.
    database_note: str | None = None
    #: Runs only on a PostgreSQL store (it reads the database's change log).
    postgres_only: bool = False

    @property
    def who(self) -> frozenset[Role]:
        return self.only if self.only is not None else ALLOWED[self.action]


def _edit_request(key: str, **changes: object) -> Callable[[ServiceContext, Stage], object]:
    def run(ctx: ServiceContext, st: Stage) -> object:
        sr = service_requests.get_service_request(ctx, st.srs[key])
        values = {
            k: (st.me if v == "me" else st.bob if v == "bob" else v) for k, v in changes.items()
        }
        return service_requests.update_service_request(ctx, sr.id, sr.version, **values)

    return run


def _attempt(key: str) -> Callable[[ServiceContext, Stage], object]:
    def run(ctx: ServiceContext, st: Stage) -> object:
        return callbacks.record_attempt(ctx, st.callbacks[key], CallbackOutcome.NO_ANSWER)

    return run


def _complete(key: str) -> Callable[[ServiceContext, Stage], object]:
    def run(ctx: ServiceContext, st: Stage) -> object:
        return interactions.complete_interaction(
            ctx, st.calls[key], disposition_code=None, notes="Called about the refund"
        )

    return run


def _edit_customer(ctx: ServiceContext, st: Stage) -> object:
    profile = customers.get_profile(ctx, st.customer)
    return customers.update_customer(ctx, st.customer, profile.version, notes="Prefers mornings")


def _remove_customer(ctx: ServiceContext, st: Stage) -> object:
    profile = customers.get_profile(ctx, st.customer)
    return customers.remove_customer(ctx, st.customer, profile.version)


def _reassign_callback(ctx: ServiceContext, st: Stage) -> object:
    row = callbacks.get_callback(ctx, st.callbacks["mine"])
    return callbacks.reassign_callback(ctx, row.id, row.version, owner_user_id=st.bob)


def _watch(ctx: ServiceContext, st: Stage) -> object:
    now = utcnow()
    rows = {r.user_id: r for r in agent_board(ctx, now, now.replace(hour=0, minute=0))}
    if st.bob not in rows or rows[st.bob].state != "ready":
        raise HiddenError("another agent's state is not shown")
    return rows


def _log_call(ctx: ServiceContext, st: Stage) -> object:
    item = interactions.NewInteraction(
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        offered_at=utcnow() - dt.timedelta(minutes=5),
        answered_at=utcnow() - dt.timedelta(minutes=4),
        ended_at=utcnow(),
        customer_id=st.customer,
        notes="Asked about the refund",
    )
    return interactions.log_interaction(ctx, item)


def _schedule(ctx: ServiceContext, st: Stage) -> object:
    start = utcnow() + dt.timedelta(hours=1)
    new = callbacks.NewCallback(
        phone_number="+442079460958",
        due_from=start,
        due_until=start + dt.timedelta(hours=2),
        reason="Confirm the refund",
        customer_id=st.customer,
        owner_user_id=st.bob,
    )
    return callbacks.schedule_callback(ctx, new)


def _open_request(ctx: ServiceContext, st: Stage) -> object:
    new = service_requests.NewServiceRequest(
        subject="Refund", category_code="billing", customer_id=st.customer, assignee_id=st.bob
    )
    return service_requests.create_service_request(ctx, new)


def _merge(ctx: ServiceContext, st: Stage) -> object:
    twin = customers.create_customer(ctx, customers.NewCustomer(name="Ada Lovelace"))
    return merge_customers(ctx, st.customer, twin.id)


def _read_audit(ctx: ServiceContext, st: Stage) -> object:
    return audit_entries(ctx, limit=10)


RULES = (
    Rule(
        "read a customer's record",
        Action.READ_CUSTOMERS,
        lambda c, s: customers.get_profile(c, s.customer),
    ),
    Rule(
        "add a customer",
        Action.EDIT_CUSTOMERS,
        lambda c, s: customers.create_customer(
            c,
            customers.NewCustomer(
                name="Grace Hopper", phones=(("020 7946 0123", PhoneKind.MOBILE),)
            ),
        ),
    ),
    Rule("edit a customer's profile", Action.EDIT_CUSTOMERS, _edit_customer),
    Rule(
        "add a number to a customer",
        Action.EDIT_CUSTOMERS,
        lambda c, s: customers.attach_number(c, s.customer, "020 7946 0999"),
    ),
    Rule(
        "remove a wrong number",
        Action.EDIT_CUSTOMERS,
        lambda c, s: contact_points.remove_number(c, s.phone),
    ),
    Rule("remove a customer", Action.REMOVE_CUSTOMERS, _remove_customer),
    Rule("log a call as oneself", Action.LOG_INTERACTIONS, _log_call),
    Rule("finish one's own call log", Action.LOG_INTERACTIONS, _complete("mine")),
    Rule(
        "finish another agent's call log",
        Action.LOG_INTERACTIONS,
        _complete("bob"),
        only=SUPERVISORS,
    ),
    Rule("open a request for another agent", Action.EDIT_SERVICE_REQUESTS, _open_request),
    Rule(
        "edit one's own request",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("mine", priority=Priority.HIGH),
    ),
    Rule(
        "edit an unassigned request in one's queue",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("my_queue", priority=Priority.HIGH),
    ),
    Rule(
        "take an unassigned request in one's queue",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("my_queue", assignee_id="me"),
    ),
    Rule(
        "take an unassigned request in no queue",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("nobody", assignee_id="me"),
    ),
    Rule(
        "edit another agent's request",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("bob", priority=Priority.HIGH),
        only=SUPERVISORS,
    ),
    Rule(
        "edit an unassigned request in another queue",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("other_queue", priority=Priority.HIGH),
        only=SUPERVISORS,
    ),
    Rule(
        "take an unassigned request in another queue",
        Action.EDIT_SERVICE_REQUESTS,
        _edit_request("other_queue", assignee_id="me"),
        only=SUPERVISORS,
    ),
    Rule(
        "hand one's request to another agent",
        Action.REASSIGN_WORK,
        _edit_request("mine", assignee_id="bob"),
    ),
    Rule(
        "move one's request to another queue",
        Action.REASSIGN_WORK,
        lambda c, s: _edit_request("mine", queue_id=s.other_queue)(c, s),
    ),
    Rule("schedule a callback for another agent", Action.EDIT_CALLBACKS, _schedule),
    Rule("try one's own callback", Action.EDIT_CALLBACKS, _attempt("mine")),
    Rule("try a callback of one's queue", Action.EDIT_CALLBACKS, _attempt("my_queue")),
    Rule("try another agent's callback", Action.EDIT_CALLBACKS, _attempt("bob"), only=SUPERVISORS),
    Rule(
        "try a callback of another queue",
        Action.EDIT_CALLBACKS,
        _attempt("other_queue"),
        only=SUPERVISORS,
    ),
    Rule("give a callback to another agent", Action.REASSIGN_WORK, _reassign_callback),
    Rule("watch every agent's state", Action.SUPERVISE, _watch),
    Rule(
        "see what a person changed",
        Action.SUPERVISE,
        lambda c, s: changes_by(c, s.bob, utcnow() - dt.timedelta(hours=1)),
        postgres_only=True,
    ),
    Rule(
        "plan undoing a person's changes",
        Action.UNDO_CHANGES,
        lambda c, s: plan_undo(c, s.bob, utcnow() - dt.timedelta(hours=1)),
        postgres_only=True,
    ),
    Rule(
        "import customers from a file",
        Action.IMPORT_CUSTOMERS,
        lambda c, s: import_customers(c, s.csv),
        database_note=(
            "an import is many new customers, which an agent may add one by one; the push "
            "copies many desks' new rows in one statement too, so a row count cannot tell them "
            "apart"
        ),
    ),
    Rule(
        "add a disposition code",
        Action.EDIT_DICTIONARY,
        lambda c, s: save_disposition(c, f"code_{next(_serial)}", "Refund promised"),
    ),
    Rule(
        "add a person",
        Action.MANAGE_USERS,
        lambda c, s: create_person(c, s.newcomer, Role.AGENT, PASSWORD),
    ),
    Rule("merge two customers", Action.MERGE_CUSTOMERS, _merge),
    Rule("read the audit trail", Action.READ_AUDIT, _read_audit),
    Rule(
        "export the customers",
        Action.EXPORT_CUSTOMERS,
        lambda c, s: export_customers(c, s.csv.with_suffix(f".{next(_serial)}.out.csv")),
        database_note=(
            "an export writes to a file the rows the person's desk already reads; the "
            "database sees only the reads"
        ),
    ),
    Rule(
        "post an announcement",
        Action.POST_ANNOUNCEMENTS,
        lambda c, s: post_announcement(c, "Fire drill at 3", "", queue_id=s.other_queue),
    ),
    Rule(
        "write a call script",
        Action.EDIT_KNOWLEDGE,
        lambda c, s: save_script(
            c,
            f"Greeting {next(_serial)}",
            [{"text": "Hello {name}", "sensitive": False}],
            queue_id=s.my_queue,
        ),
    ),
    Rule(
        "put a person in a queue",
        Action.MANAGE_USERS,
        lambda c, s: set_queue_membership(c, s.bob, s.other_queue, True),
    ),
)


def test_every_action_has_a_rule() -> None:
    assert {rule.action for rule in RULES} == set(Action)
    for rule in RULES:
        assert rule.who <= ALLOWED[rule.action], rule.what


def _outcome(rule: Rule, ctx: ServiceContext, st: Stage) -> str:
    """allowed, or who refused: service, database, hidden (a read showed less), unavailable."""
    try:
        rule.run(ctx, st)
    except PermissionDeniedError as error:
        # A service that calls a database function words the database's refusal itself.
        if isinstance(error.__cause__, psycopg.errors.InsufficientPrivilege):
            return "database"
        return "service"
    except DBAPIError as error:
        if isinstance(error.orig, psycopg.errors.InsufficientPrivilege):
            return "database"
        raise
    except HiddenError:
        return "hidden"
    except ServiceError as error:
        if rule.postgres_only and "PostgreSQL" in str(error):
            return "unavailable"
        raise
    return "allowed"


def _stage(store: Store, me: uuid.UUID) -> Stage:
    """Rows made by the store's owner: a customer, two queues (``me`` in one) and a request,
    a callback and a call of each kind of whose."""
    owner, bob, folder = store.owner, store.bob, store.folder
    n = next(_serial)
    now = utcnow()
    customer = Customer(
        id=uuid.uuid4(),
        name=f"Ada Lovelace {n}",
        kind=CustomerKind.PERSON,
        lifecycle_stage=LifecycleStage.LEAD,
        value_tier=ValueTier.STANDARD,
        search_text=f"Ada Lovelace {n}",
    )
    phone = PhoneNumber(
        id=uuid.uuid4(),
        raw="020 7946 0958",
        e164=f"+4420794{n:05d}",
        national="020 7946 0958",
        kind=PhoneKind.MOBILE,
    )
    customer.phone_numbers = [phone]
    customer.emails = [Email(address=f"ada{n}@example.com", address_lower=f"ada{n}@example.com")]
    queues = {k: Queue(id=uuid.uuid4(), name=f"{k}_{n}", display_name=k) for k in ("my", "other")}
    whose = {
        "mine": (me, None),
        "bob": (bob, None),
        "my_queue": (None, queues["my"].id),
        "other_queue": (None, queues["other"].id),
        "nobody": (None, None),
    }
    srs = {
        key: ServiceRequest(
            id=uuid.uuid4(),
            number=f"SR-{uuid.uuid4().hex[:8].upper()}",
            category_code="billing",
            priority=Priority.NORMAL,
            status=SRStatus.OPEN,
            subject="Double charge",
            opened_at=now,
            sla_due_at=now + dt.timedelta(hours=24),
            assignee_id=person,
            queue_id=queue,
        )
        for key, (person, queue) in whose.items()
    }
    cbs = {
        key: Callback(
            id=uuid.uuid4(),
            customer_id=customer.id,
            phone_number="+442079460958",
            due_from=now,
            due_until=now + dt.timedelta(hours=2),
            reason="Call back about the refund",
            owner_user_id=person,
            owner_queue_id=queue,
            status=CallbackStatus.PENDING,
        )
        for key, (person, queue) in whose.items()
        if key != "nobody"
    }
    calls = {
        key: Interaction(
            id=uuid.uuid4(),
            channel=Channel.PHONE,
            direction=Direction.INBOUND,
            offered_at=now - dt.timedelta(minutes=3),
            answered_at=now - dt.timedelta(minutes=2),
            agent_id=agent,
            customer_id=customer.id,
        )
        for key, agent in (("mine", me), ("bob", bob))
    }
    with session_factory(owner).begin() as s:
        if s.scalar(select(SRCategory.id).where(SRCategory.code == "billing")) is None:
            s.add(SRCategory(code="billing", label="Billing", sla_hours=24))
        s.add_all([customer, *queues.values()])
        s.flush()
        s.add(QueueMember(queue_id=queues["my"].id, user_id=me))
        s.add_all([*srs.values(), *cbs.values()])
        s.flush()
        s.add_all(calls.values())
        s.merge(
            AgentPresence(
                user_id=bob, desk="bob-pc", state="ready", state_since=now, heartbeat_at=now
            )
        )
    csv = folder / f"import_{n}.csv"
    csv.write_text(f"external_id,name,phones\nIMP-{n},Katherine Johnson,020 7946 1{n:03d}\n")
    return Stage(
        me=me,
        bob=bob,
        customer=customer.id,
        phone=phone.id,
        my_queue=queues["my"].id,
        other_queue=queues["other"].id,
        srs={k: v.id for k, v in srs.items()},
        callbacks={k: v.id for k, v in cbs.items()},
        calls={k: v.id for k, v in calls.items()},
        csv=csv,
        newcomer=store.name(f"newcomer_{n}"),
    )


@dataclass
class Store:
    owner: Engine
    #: Per role: the acting person, and the engine their desk writes with.
    people: dict[Role, tuple[Actor, Engine]]
    bob: uuid.UUID
    folder: Path
    #: A name for a person a rule creates (on PostgreSQL a role the cluster drops after).
    name: Callable[[str], str] = str


LABELS = {Role.AGENT: "ann", Role.SUPERVISOR: "sue", Role.ADMIN: "ada"}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("embedded")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    migrate.upgrade(engine)
    made = {role: admin.create_user(engine, LABELS[role], role, None) for role in ROLES}
    bob = admin.create_user(engine, "bob", Role.AGENT, None)
    people = {role: (Actor(a.id, a.username, role), engine) for role, a in made.items()}
    yield Store(engine, people, bob.id, folder)
    engine.dispose()


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with fresh_cluster() as cluster:
        people = {}
        for role in ROLES:
            account = admin.create_user(
                cluster.owner, cluster.name(LABELS[role]), role, PASSWORD, LABELS[role].title()
            )
            people[role] = (
                Actor(account.id, account.username, role),
                cluster.connect(account.username),
            )
        bob = admin.create_user(cluster.owner, cluster.name("bob"), Role.AGENT, PASSWORD, "Bob")
        yield Store(
            cluster.owner, people, bob.id, tmp_path_factory.mktemp("postgres"), cluster.name
        )


def _ids(rule: Rule) -> str:
    return rule.what.replace(" ", "-").replace("'", "")


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_the_services_refuse_who_may_not(embedded: Store, rule: Rule, role: Role) -> None:
    actor, engine = embedded.people[role]
    st = _stage(embedded, actor.user_id)
    ctx = ServiceContext.for_engine(engine, "GB", actor)
    may = "unavailable" if rule.postgres_only else "allowed"
    assert _outcome(rule, ctx, st) == (may if role in rule.who else "service")


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_the_database_refuses_who_may_not(postgres: Store, rule: Rule, role: Role) -> None:
    actor, engine = postgres.people[role]
    st = _stage(postgres, actor.user_id)
    # The desk believes its person may do anything: only the database stands in the way.
    lying = ServiceContext.for_engine(
        engine, "GB", Actor(actor.user_id, actor.username, Role.ADMIN)
    )
    refusal = "hidden" if rule.run is _watch else "database"
    if rule.database_note is not None:
        expected = "allowed"
    else:
        expected = "allowed" if role in rule.who else refusal
    assert _outcome(rule, lying, st) == expected
    # Honestly run, the service gives the same answer before the database is asked.
    honest = ServiceContext.for_engine(engine, "GB", actor)
    st = _stage(postgres, actor.user_id)
    assert _outcome(rule, honest, st) == ("allowed" if role in rule.who else "service")
