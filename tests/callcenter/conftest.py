"""Dictionary rows and people the service tests need, written through the ORM."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from callcenter.platform.context import Actor, ServiceContext
from db.enums import Role
from db.models import DispositionCode, NotReadyReason, Queue, QueueMember, SRCategory, User
from telephony.events import IncomingCall


@dataclass(frozen=True)
class People:
    agent: Actor
    other_agent: Actor
    supervisor: Actor
    queue_id: object


@pytest.fixture
def people(ctx: ServiceContext) -> People:
    return seed_people(ctx)


def seed_people(ctx: ServiceContext) -> People:
    """Categories, dispositions, reasons, three people and a queue (ann is in it)."""
    with ctx.sessions.begin() as s:
        s.add_all(
            [
                SRCategory(code="billing", label="Billing", sla_hours=24),
                SRCategory(code="technical", label="Technical", sla_hours=8),
                SRCategory(code="retired", label="Retired", sla_hours=8, active=False),
                DispositionCode(code="resolved", label="Resolved"),
                DispositionCode(code="complaint", label="Complaint", requires_notes=True),
                NotReadyReason(code="break", label="Break"),
                NotReadyReason(code="lunch", label="Lunch"),
            ]
        )
        users = {
            name: User(username=name, display_name=name.title(), role=role)
            for name, role in (
                ("ann", Role.AGENT),
                ("bob", Role.AGENT),
                ("sue", Role.SUPERVISOR),
            )
        }
        s.add_all(users.values())
        queue = Queue(name="support", display_name="Support", dialled_number="+442079460000")
        s.add(queue)
        s.flush()
        s.add(QueueMember(queue_id=queue.id, user_id=users["ann"].id))
        actors = {n: Actor(u.id, u.username, u.role) for n, u in users.items()}
        return People(actors["ann"], actors["bob"], actors["sue"], queue.id)


def add_admin(ctx: ServiceContext, display_name: str = "Ada") -> ServiceContext:
    """Ada, an admin, added to the store; her signed-in context (on the store's clock)."""
    with ctx.sessions.begin() as s:
        ada = User(username="ada", display_name=display_name, role=Role.ADMIN)
        s.add(ada)
        s.flush()
        return as_actor(ctx, Actor(ada.id, ada.username, ada.role))


@pytest.fixture
def admin(ctx: ServiceContext, people: People) -> ServiceContext:
    """Ada (admin), signed in; ``people`` made first, so the dictionary is there."""
    return add_admin(ctx)


def as_actor(ctx: ServiceContext, actor: Actor) -> ServiceContext:
    return ServiceContext(ctx.sessions, ctx.default_region, actor, ctx.clock)


def incoming_call(
    call_id: str,
    number: str,
    *,
    e164: str | None = None,
    withheld: bool = False,
    received_monotonic: float | None = None,
) -> IncomingCall:
    """The phone's own record of a call offered now, as the desk receives it."""
    return IncomingCall(
        call_id=call_id,
        sip_call_id=f"{call_id}@pbx",
        caller_number=number,
        caller_e164=e164,
        display_name="",
        withheld=withheld,
        identity_source="from",
        dialled_number="+442079460000",
        queue="support",
        waited_seconds=None,
        received_monotonic=time.monotonic() if received_monotonic is None else received_monotonic,
        received_wall=time.time(),
        source_address="127.0.0.1:5062",
        waiting=False,
        headers=(),
    )
