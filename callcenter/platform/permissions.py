"""Who may do what, enforced in the service layer for the embedded (SQLite) mode.

On PostgreSQL the database enforces the same rules with roles and row-level security; this
table is the single statement of them on the application side.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from callcenter.platform.messages import N_, _
from db.enums import Role
from db.models import QueueMember


class Action(StrEnum):
    READ_CUSTOMERS = "read customers"
    EDIT_CUSTOMERS = "edit customers"
    REMOVE_CUSTOMERS = "remove customers"
    LOG_INTERACTIONS = "log interactions"
    EDIT_SERVICE_REQUESTS = "edit service requests"
    EDIT_CALLBACKS = "edit callbacks"
    REASSIGN_WORK = "reassign work"
    SUPERVISE = "watch agents and queues"
    UNDO_CHANGES = "undo what a person changed"
    IMPORT_CUSTOMERS = "import customers"
    EDIT_DICTIONARY = "edit the data dictionary"
    MANAGE_USERS = "manage users"
    READ_AUDIT = "read the audit trail"
    MERGE_CUSTOMERS = "merge customers"
    EXPORT_CUSTOMERS = "export customers"
    POST_ANNOUNCEMENTS = "post announcements"
    EDIT_KNOWLEDGE = "edit call scripts and articles"


_ALL_ROLES = frozenset(Role)
_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ_CUSTOMERS: _ALL_ROLES,
    Action.EDIT_CUSTOMERS: _ALL_ROLES,
    Action.REMOVE_CUSTOMERS: _SUPERVISORS,
    Action.LOG_INTERACTIONS: _ALL_ROLES,
    Action.EDIT_SERVICE_REQUESTS: _ALL_ROLES,
    Action.EDIT_CALLBACKS: _ALL_ROLES,
    Action.REASSIGN_WORK: _SUPERVISORS,
    Action.SUPERVISE: _SUPERVISORS,
    Action.UNDO_CHANGES: _SUPERVISORS,
    Action.IMPORT_CUSTOMERS: frozenset({Role.ADMIN}),
    Action.EDIT_DICTIONARY: frozenset({Role.ADMIN}),
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.READ_AUDIT: _SUPERVISORS,
    Action.MERGE_CUSTOMERS: _SUPERVISORS,
    Action.EXPORT_CUSTOMERS: _SUPERVISORS,
    Action.POST_ANNOUNCEMENTS: _SUPERVISORS,
    Action.EDIT_KNOWLEDGE: frozenset({Role.ADMIN}),
}


def require(ctx: ServiceContext, action: Action) -> None:
    """Raise PermissionDeniedError unless the acting person's role allows ``action``.

    A context without an actor is the system itself (command-line administration on the
    machine that holds the store) and may do everything.
    """
    if ctx.actor is None:
        return
    if ctx.actor.role not in ALLOWED[action]:
        raise PermissionDeniedError(
            N_("{username} ({role}) may not {action}"),
            username=ctx.actor.username,
            role=ctx.actor.role,
            action=action,
        )


def allowed(ctx: ServiceContext, action: Action) -> bool:
    """Whether the acting person's role allows ``action`` (what a menu offers them)."""
    return ctx.actor is None or ctx.actor.role in ALLOWED[action]


def is_supervisor(ctx: ServiceContext) -> bool:
    return ctx.actor is None or ctx.actor.role in _SUPERVISORS


def _refusal(
    session: Session,
    ctx: ServiceContext,
    assignee_id: uuid.UUID | None,
    queue_id: uuid.UUID | None,
) -> str | None:
    """Why the actor may not work on an item, or None when they may."""
    if is_supervisor(ctx):
        return None
    if assignee_id is not None:
        return None if assignee_id == ctx.actor_id else N_("is assigned to someone else")
    if queue_id is None:
        return None
    member = select(QueueMember.id).where(
        QueueMember.queue_id == queue_id,
        QueueMember.user_id == ctx.actor_id,
        QueueMember.deleted.is_(False),
    )
    if ctx.actor_id is not None and session.scalar(member) is not None:
        return None
    return N_("waits in a queue you are not a member of")


def may_work_on(
    session: Session,
    ctx: ServiceContext,
    assignee_id: uuid.UUID | None,
    queue_id: uuid.UUID | None,
) -> bool:
    """An agent works on what is assigned to them, or on what nobody has yet in one of their
    queues or in none (taking it included); supervisors on all. PostgreSQL's guard triggers
    apply the same rule to a desk's own database role (docs/roles.md)."""
    return _refusal(session, ctx, assignee_id, queue_id) is None


def require_work_on(
    session: Session,
    ctx: ServiceContext,
    what: str,
    assignee_id: uuid.UUID | None,
    queue_id: uuid.UUID | None,
) -> None:
    reason = _refusal(session, ctx, assignee_id, queue_id)
    if reason is not None:
        raise PermissionDeniedError(
            N_("{what} {reason}; only a supervisor may change it"),
            what=_(what),
            reason=_(reason),
        )
