"""Reading the directory and the data dictionary: people, queues, codes the forms offer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from callcenter.platform import audit
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import NotFoundError
from callcenter.platform.language import words
from callcenter.platform.messages import N_
from db.enums import Priority, Role
from db.models import DispositionCode, NotReadyReason, Queue, QueueMember, SRCategory, User


@dataclass(frozen=True)
class Code:
    code: str
    label: str


@dataclass(frozen=True)
class CategoryCode:
    code: str
    label: str
    sla_hours: int
    #: What a new request of the category starts with.
    default_priority: Priority | None = None
    default_queue_id: uuid.UUID | None = None


@dataclass(frozen=True)
class QueueInfo:
    id: uuid.UUID
    name: str
    display_name: str
    dialled_number: str | None
    #: Calls for this queue are turned away from a desk in wrap-up.
    protect_wrap_up: bool = False
    #: A call's log needs an outcome to be saved.
    outcome_required: bool = True
    #: Wrap-up after this queue's calls; None: the desk's own setting.
    wrap_up_seconds: int | None = None


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    #: The desk's SIP account: calls and transfers reach this person at it.
    sip_username: str | None = None


def _codes(ctx: ServiceContext, model: type[DispositionCode] | type[NotReadyReason]) -> list[Code]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(model.code, model.label, model.labels)
            .where(model.active.is_(True), model.deleted.is_(False))
            .order_by(model.label)
        )
        return [Code(code, words(label, labels)) for code, label, labels in rows]


def dispositions(ctx: ServiceContext) -> list[Code]:
    return _codes(ctx, DispositionCode)


def not_ready_reasons(ctx: ServiceContext) -> list[Code]:
    return _codes(ctx, NotReadyReason)


def categories(ctx: ServiceContext) -> list[CategoryCode]:
    with ctx.sessions() as s:
        rows = s.scalars(
            select(SRCategory)
            .where(SRCategory.active.is_(True), SRCategory.deleted.is_(False))
            .order_by(SRCategory.label)
        )
        return [
            CategoryCode(
                r.code,
                words(r.label, r.labels),
                r.sla_hours,
                r.default_priority,
                r.default_queue_id,
            )
            for r in rows
        ]


def queues(ctx: ServiceContext) -> list[QueueInfo]:
    with ctx.sessions() as s:
        rows = s.scalars(select(Queue).where(Queue.deleted.is_(False)).order_by(Queue.name))
        return [
            QueueInfo(
                r.id,
                r.name,
                words(r.display_name, r.labels),
                r.dialled_number,
                r.protect_wrap_up,
                r.outcome_required,
                r.wrap_up_seconds,
            )
            for r in rows
        ]


def queue_named(ctx: ServiceContext, name: str | None) -> QueueInfo | None:
    """The queue a call names (by name, or by the number the caller dialled)."""
    if not name:
        return None
    for queue in queues(ctx):
        if name in (queue.name, queue.dialled_number):
            return queue
    return None


def people(ctx: ServiceContext) -> list[Person]:
    with ctx.sessions() as s:
        rows = s.scalars(
            select(User)
            .where(User.active.is_(True), User.deleted.is_(False))
            .order_by(User.display_name)
        )
        return [Person(r.id, r.username, r.display_name, r.role, r.sip_username) for r in rows]


def sign_in_actor(ctx: ServiceContext, username: str) -> Actor:
    """The embedded mode's sign-in: an active user of the store, by username."""
    with ctx.sessions() as s:
        user = s.scalar(
            select(User).where(
                User.username == username, User.active.is_(True), User.deleted.is_(False)
            )
        )
        if user is None:
            raise NotFoundError(N_("no active user {username!r} in this store"), username=username)
        return Actor(user.id, user.username, user.role)


def sign_in(ctx: ServiceContext, username: str, desk: str) -> ServiceContext:
    """Sign a person in at a desk: their context, and the sign-in in the audit log."""
    actor = sign_in_actor(ctx, username)
    signed_in = ServiceContext(ctx.sessions, ctx.default_region, actor, ctx.clock)
    audit.note(signed_in, "sign_in", "agent", after={"desk": desk, "role": actor.role})
    return signed_in


def queues_of(ctx: ServiceContext, user_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
    with ctx.sessions() as s:
        return tuple(
            s.scalars(
                select(QueueMember.queue_id).where(
                    QueueMember.user_id == user_id, QueueMember.deleted.is_(False)
                )
            )
        )
