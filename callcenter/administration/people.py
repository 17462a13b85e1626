"""People and queue membership, for an admin at their desk: create people, change their role,
disable and enable them, reset a password, and which agents take a queue's calls.

People are the shared store's (on PostgreSQL each is a database role, cluster-wide), so these
run on the shared store's context and are never queued offline. On PostgreSQL the work is done
by the database's own functions (``db/people_ddl.py``) through the context's connection, which
is signed in as the admin: the database checks they are one, whatever this side checked. On a
SQLite shared store only the ``users`` row is managed, the way ``callcenter admin`` does it
(``callcenter.platform.admin``, whose checks and row work are shared here), and there are no
passwords (its desks sign in by name).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import select, text
from sqlalchemy.engine import Result
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from callcenter.platform import admin, audit
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import (
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    ValidationError,
)
from callcenter.platform.language import words
from callcenter.platform.messages import N_, _
from callcenter.platform.permissions import Action, require
from db.enums import Role
from db.models import Queue, QueueMember, User

PASSWORD_MIN = admin.PASSWORD_MIN


@dataclass(frozen=True)
class Account:
    """A person as an admin manages them: disabled ones too, with the queues they take."""

    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    queues: tuple[uuid.UUID, ...]
    queue_names: tuple[str, ...]


@dataclass(frozen=True)
class Disabled:
    """A disabled person, how many of their open sessions were ended, and why not all if not."""

    account: Account
    sessions_ended: int
    warning: str | None = None


def keeps_passwords(ctx: ServiceContext) -> bool:
    """Whether people sign in with a password here (PostgreSQL) or by name (SQLite)."""
    with _reaching(), ctx.sessions() as session:
        return admin.is_postgres(session)


def accounts(ctx: ServiceContext) -> list[Account]:
    """Everyone (disabled people too, removed ones not), by username."""
    require(ctx, Action.MANAGE_USERS)
    with _reaching(), ctx.sessions() as session:
        users = session.scalars(
            select(User).where(User.deleted.is_(False)).order_by(User.username)
        ).all()
        return [_account(session, user) for user in users]


def account(ctx: ServiceContext, name: str) -> Account:
    """One person by username (NotFoundError when there is none)."""
    require(ctx, Action.MANAGE_USERS)
    with _reaching(), ctx.sessions() as session:
        return _account(session, admin.find_user(session, admin.validate_name(name)))


def create_person(
    ctx: ServiceContext,
    name: str,
    role: str | Role,
    password: str | None,
    display_name: str | None = None,
) -> Account:
    """A new person in ``role``; on PostgreSQL their sign-in too (``password`` is required
    there, hashed here and sent as its verifier; on SQLite it is not used)."""
    require(ctx, Action.MANAGE_USERS)
    name, role, shown = admin.check_new(name, role, display_name)
    with _reaching(), ctx.sessions.begin() as session:
        admin.refuse_taken(session, name)
        if admin.is_postgres(session):
            verifier = admin.verifier(session, name, admin.check_password(password))
            _call(
                session,
                "SELECT cc_person_create(:name, :shown, :role, :verifier)",
                name=name,
                shown=shown,
                role=role.value,
                verifier=verifier,
            )
        else:
            admin.add_user(session, name, role, shown, ctx.actor_id)
    return account(ctx, name)


def change_role(ctx: ServiceContext, name: str, role: str | Role) -> Account:
    """Move a person to another role (an admin may not demote themselves as the last one)."""
    require(ctx, Action.MANAGE_USERS)
    name, role = admin.validate_name(name), admin.parse_role(role)
    with _reaching(), ctx.sessions.begin() as session:
        user = admin.find_user(session, name)
        if role != Role.ADMIN:
            admin.refuse_last_admin(session, user, ctx.actor_id)
        if admin.is_postgres(session):
            _call(session, "SELECT cc_person_set_role(:name, :role)", name=name, role=role.value)
        else:
            admin.change_role(session, user, role, ctx.actor_id)
    return account(ctx, name)


def disable_person(ctx: ServiceContext, name: str) -> Disabled:
    """Stop a person signing in and end their open sessions (after the change commits, so
    none can sign straight back in)."""
    require(ctx, Action.MANAGE_USERS)
    name = admin.validate_name(name)
    with _reaching(), ctx.sessions.begin() as session:
        user = admin.find_user(session, name)
        admin.refuse_last_admin(session, user, ctx.actor_id)
        postgres = admin.is_postgres(session)
        if postgres:
            _call(session, "SELECT cc_person_disable(:name)", name=name)
        else:
            admin.change_active(session, user, False, ctx.actor_id)
    if not postgres:
        return Disabled(account(ctx, name), 0)
    with _reaching(), ctx.sessions.begin() as session:
        row = (
            _call(session, "SELECT ended, refused FROM cc_person_end_sessions(:name)", name=name)
            .mappings()
            .one()
        )
    ended, refused = int(row["ended"]), int(row["refused"])
    warning = None
    if refused:
        warning = _(
            "{count} of {name}'s open sessions could not be ended (the schema owner needs "
            "pg_signal_backend); they go on until those desks disconnect, and cannot sign in again"
        ).format(count=refused, name=name)
    return Disabled(account(ctx, name), ended, warning)


def enable_person(ctx: ServiceContext, name: str) -> Account:
    """Let a disabled person sign in again."""
    require(ctx, Action.MANAGE_USERS)
    name = admin.validate_name(name)
    with _reaching(), ctx.sessions.begin() as session:
        user = admin.find_user(session, name)
        if admin.is_postgres(session):
            _call(session, "SELECT cc_person_enable(:name)", name=name)
        else:
            admin.change_active(session, user, True, ctx.actor_id)
    return account(ctx, name)


def reset_password(ctx: ServiceContext, name: str, password: str) -> None:
    """Give a person a new password (hashed here; the old one stops working at once)."""
    require(ctx, Action.MANAGE_USERS)
    name = admin.validate_name(name)
    with _reaching(), ctx.sessions.begin() as session:
        admin.find_user(session, name)
        if not admin.is_postgres(session):
            raise ValidationError(
                "password", N_("this store keeps no passwords: its desks sign in by name")
            )
        verifier = admin.verifier(session, name, admin.check_password(password))
        _call(
            session,
            "SELECT cc_person_set_password(:name, :verifier)",
            name=name,
            verifier=verifier,
        )


def _account(session: Session, user: User) -> Account:
    rows = session.execute(
        select(Queue.id, Queue.display_name, Queue.labels)
        .join(QueueMember, QueueMember.queue_id == Queue.id)
        .where(
            QueueMember.user_id == user.id,
            QueueMember.deleted.is_(False),
            Queue.deleted.is_(False),
        )
        .order_by(Queue.name)
    ).all()
    return Account(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.active,
        tuple(row.id for row in rows),
        tuple(words(row.display_name, row.labels) for row in rows),
    )


#: The database's refusals, by SQLSTATE class, as the service's errors.
_FIELD_ERRORS = (psycopg.errors.InvalidParameterValue, psycopg.errors.DuplicateObject)


def _call(session: Session, statement: str, **params: object) -> Result[Any]:
    """Run one of the people functions; the database's refusal becomes the service's error
    (its words are the database's: this side checked the same things first, in its own)."""
    try:
        return session.execute(text(statement), params)
    except DBAPIError as exc:
        error = exc.orig
        if not isinstance(error, psycopg.Error) or error.diag.message_primary is None:
            raise
        reason = error.diag.message_primary
        refused = N_("the shared store refused: {reason}")
        if isinstance(error, psycopg.errors.InsufficientPrivilege):
            raise PermissionDeniedError(refused, reason=reason) from error
        if isinstance(error, psycopg.errors.NoDataFound):
            raise NotFoundError(refused, reason=reason) from None
        if isinstance(error, _FIELD_ERRORS):
            field = error.diag.column_name or "name"
            raise ValidationError(field, refused, reason=reason) from None
        raise


@contextlib.contextmanager
def _reaching() -> Iterator[None]:
    """A shared store that cannot be reached (or went away) is said in a sentence."""
    try:
        yield
    except OperationalError as exc:
        reason = (str(exc.orig) if exc.orig else str(exc)).strip().splitlines()[0]
        raise ServiceError(
            N_("the shared store cannot be reached, so people cannot be changed now ({reason})"),
            reason=reason,
        ) from None


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
