"""Queue membership: which agents take a queue's calls, callbacks and unassigned requests."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from callcenter.platform import audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import NotFoundError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from db.models import Queue, QueueMember, User


def set_queue_membership(
    ctx: ServiceContext, user_id: uuid.UUID, queue_id: uuid.UUID, member: bool
) -> bool:
    """Put the person in the queue or take them out (a tombstone); True when it changed."""
    require(ctx, Action.MANAGE_USERS)
    with ctx.sessions.begin() as session:
        user, queue = session.get(User, user_id), session.get(Queue, queue_id)
        if user is None or user.deleted:
            raise NotFoundError(N_("no person {user_id}"), user_id=user_id)
        if queue is None or queue.deleted:
            raise NotFoundError(N_("no queue {queue_id}"), queue_id=queue_id)
        rows = session.scalars(
            select(QueueMember).where(
                QueueMember.user_id == user_id,
                QueueMember.queue_id == queue_id,
                QueueMember.deleted.is_(False),
            )
        ).all()
        if bool(rows) == member:
            return False
        if member:
            session.add(QueueMember(user_id=user_id, queue_id=queue_id, updated_by=ctx.actor_id))
        for row in rows:
            row.deleted, row.updated_by = True, ctx.actor_id
        session.flush()
        audit.record(
            session,
            ctx,
            "join queue" if member else "leave queue",
            "user",
            user_id,
            after={"queue": queue.name, "person": user.username},
        )
        return True


def members_of(ctx: ServiceContext, queue_id: uuid.UUID) -> list[uuid.UUID]:
    """The people in a queue (its live memberships)."""
    with ctx.sessions() as session:
        return list(
            session.scalars(
                select(QueueMember.user_id).where(
                    QueueMember.queue_id == queue_id, QueueMember.deleted.is_(False)
                )
            )
        )
