"""People and their database roles: create a person, change their role, disable them.

On PostgreSQL each person signs in with a LOGIN role of their own, a member of ``cc_agent``,
``cc_supervisor`` or ``cc_admin`` (``db/roles_ddl.py``, ``docs/roles.md``); the ``users`` row's
username is the role's name, which is how the database tells who is acting. Role and row
change in one transaction, so neither exists without the other. On a SQLite shared store
there are no roles and only the row is managed.

Role statements take no bind parameters, so a name must be a plain lower-case identifier
(checked here) and is still quoted; the password is hashed (SCRAM) on this side, so the
cleartext never reaches the server's statement log. Creating roles needs a connection whose
role has CREATEROLE (the schema owner), which a person's own role does not have.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from callcenter.platform.errors import NotFoundError, PermissionDeniedError, ValidationError
from callcenter.platform.messages import N_
from db import roles_ddl
from db.enums import Role
from db.models import AuditEntry, User
from db.store import session_factory
from db.types import utcnow

#: PostgreSQL identifier rules, narrowed: lower case (an unquoted name folds to it), ASCII.
NAME = re.compile(r"[a-z_][a-z0-9_]*")
NAME_MAX = 63  # NAMEDATALEN - 1
#: Names PostgreSQL reserves for roles, or that this product uses for its groups.
RESERVED = frozenset(
    {"public", "none", "current_user", "current_role", "session_user", *roles_ddl.GROUPS}
)
GROUP = {
    Role.AGENT: roles_ddl.AGENT,
    Role.SUPERVISOR: roles_ddl.SUPERVISOR,
    Role.ADMIN: roles_ddl.ADMIN,
}
PASSWORD_MIN = 8


@dataclass(frozen=True)
class Account:
    """A person as the shared store knows them; ``can_sign_in`` is false when disabled."""

    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    can_sign_in: bool


@dataclass(frozen=True)
class Disabled:
    """A disabled person, how many of their sessions were ended, and why not all if not."""

    account: Account
    sessions_ended: int
    warning: str | None = None


def validate_name(name: str) -> str:
    """The name if it can be a role name as-is; ValidationError saying why not otherwise."""
    if not NAME.fullmatch(name):
        raise ValidationError(
            "name",
            N_("{name!r} must start with a lower-case letter or _ and hold only a-z, 0-9 and _"),
            name=name,
        )
    if len(name) > NAME_MAX:
        raise ValidationError("name", N_("is longer than {name_max} characters"), name_max=NAME_MAX)
    if name in RESERVED or name.startswith("pg_"):
        raise ValidationError("name", N_("{name!r} is reserved"), name=name)
    return name


def _role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValidationError(
            "role", N_("{role!r} is not one of {choices}"), role=role, choices=choices
        ) from None


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _run(session: Session, statement: sql.Composable) -> None:
    """Run a role statement on the session's own connection (inside its transaction)."""
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    try:
        with dbapi.cursor() as cursor:
            cursor.execute(statement)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise PermissionDeniedError(
            N_(
                "this database connection may not manage roles (it needs CREATEROLE); run "
                "`callcenter admin` as the schema owner ({error})"
            ),
            error=exc.diag.message_primary,
        ) from None


def _role_exists(session: Session, name: str) -> tuple[bool, bool]:
    """(the role exists, it may log in)."""
    row = session.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": name}
    ).first()
    return (row is not None, bool(row and row[0]))


def _operator(session: Session) -> uuid.UUID | None:
    """The person running the command, if they are one (the audit entry names them)."""
    if not _postgres(session):
        return None
    return session.scalar(
        select(User.id).where(User.username == func.session_user(), User.active.is_(True))
    )


def _audit(session: Session, action: str, user: User, before: Any, after: Any) -> None:
    operator = _operator(session)
    session.add(
        AuditEntry(
            at=utcnow(),
            actor_id=operator,
            updated_by=operator,
            action=action,
            entity="user",
            entity_id=user.id,
            before=None if before is None else json.dumps(before, sort_keys=True),
            after=json.dumps(after, sort_keys=True),
        )
    )


def _account(session: Session, user: User) -> Account:
    can_sign_in = user.active
    if _postgres(session):
        can_sign_in = _role_exists(session, user.username)[1]
    return Account(user.id, user.username, user.display_name, user.role, user.active, can_sign_in)


def _find(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.username == name, User.deleted.is_(False)))
    if user is None:
        raise NotFoundError(N_("there is no user named {name!r}"), name=name)
    return user


def create_user(
    engine: Engine,
    name: str,
    role: str | Role,
    password: str | None,
    display_name: str | None = None,
) -> Account:
    """Create the person's users row and, on PostgreSQL, their LOGIN role in ``role``'s group.

    ``password`` is required on PostgreSQL and ignored on SQLite (no sign-in there).
    """
    name, role = validate_name(name), _role(role)
    shown = " ".join((display_name or name).split())
    if len(shown) > 200:
        raise ValidationError("display_name", N_("is longer than 200 characters"))
    with session_factory(engine).begin() as session:
        if session.scalar(select(User.id).where(User.username == name)) is not None:
            raise ValidationError("name", N_("a user named {name!r} already exists"), name=name)
        if _postgres(session):
            if password is None or len(password) < PASSWORD_MIN:
                raise ValidationError(
                    "password",
                    N_("needs at least {password_min} characters"),
                    password_min=PASSWORD_MIN,
                )
            if _role_exists(session, name)[0]:
                raise ValidationError(
                    "name", N_("a database role named {name!r} already exists"), name=name
                )
            _run(
                session,
                sql.SQL("CREATE ROLE {} LOGIN INHERIT PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(name),
                    sql.Literal(_verifier(session, name, password)),
                    sql.Identifier(GROUP[role]),
                ),
            )
        user = User(id=uuid.uuid4(), username=name, display_name=shown, role=role, active=True)
        session.add(user)
        session.flush()
        _audit(session, "create user", user, None, {"username": name, "role": role.value})
        return _account(session, user)


def _verifier(session: Session, name: str, password: str) -> str:
    """The password as the server stores it, hashed here by libpq (the server's algorithm)."""
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi.pgconn.encrypt_password(password.encode(), name.encode()).decode()


def set_role(engine: Engine, name: str, role: str | Role) -> Account:
    """Move a person to another role: their group membership and their users row."""
    name, role = validate_name(name), _role(role)
    with session_factory(engine).begin() as session:
        user = _find(session, name)
        before = user.role.value
        if _postgres(session):
            if not _role_exists(session, name)[0]:
                raise NotFoundError(
                    N_(
                        "{name!r} has no database role; create people with `callcenter admin "
                        "create-user`"
                    ),
                    name=name,
                )
            _run(
                session,
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP[role]), sql.Identifier(name)),
            )
            for group in _direct_groups(session, name) - {GROUP[role]}:
                _run(
                    session,
                    sql.SQL("REVOKE {} FROM {}").format(
                        sql.Identifier(group), sql.Identifier(name)
                    ),
                )
        user.role = role
        user.updated_at = utcnow()
        session.flush()
        _audit(session, "set role", user, {"role": before}, {"role": role.value})
        return _account(session, user)


def _direct_groups(session: Session, name: str) -> set[str]:
    rows = session.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname = :name AND g.rolname = ANY(:groups)"
        ),
        {"name": name, "groups": list(roles_ddl.GROUPS)},
    )
    return {row[0] for row in rows}


def disable_user(engine: Engine, name: str) -> Disabled:
    """Stop a person signing in (NOLOGIN, ``users.active`` false) and end their sessions.

    The sessions are ended after the change commits, so none can sign in again in between.
    """
    name = validate_name(name)
    with session_factory(engine).begin() as session:
        user = _find(session, name)
        postgres = _postgres(session)
        if postgres and _role_exists(session, name)[0]:
            _run(session, sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))
        user.active = False
        user.updated_at = utcnow()
        session.flush()
        _audit(session, "disable user", user, {"active": True}, {"active": False})
        account = _account(session, user)
    if not postgres:
        return Disabled(account, 0)
    try:
        with engine.begin() as conn:
            ended = conn.execute(
                text(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                    "FROM pg_stat_activity WHERE usename = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            ).scalar_one()
    except DBAPIError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        return Disabled(account, 0, f"{name}'s open sessions could not be ended: {reason}")
    return Disabled(account, int(ended))
