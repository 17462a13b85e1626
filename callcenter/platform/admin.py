"""People and their database roles: create a person, change their role, disable them.

On PostgreSQL each person signs in with a LOGIN role of their own, a member of ``cc_agent``,
``cc_supervisor`` or ``cc_admin`` (``db/roles_ddl.py``, ``docs/roles.md``); the ``users`` row's
username is the role's name, which is how the database tells who is acting. Role and row
change in one transaction, so neither exists without the other. On a SQLite shared store
there are no roles and only the row is managed.

Role statements take no bind parameters, so a name must be a plain lower-case identifier
(checked here) and is still quoted; the password is hashed (SCRAM) on this side, so the
cleartext never reaches the server's statement log. Creating roles needs a connection whose
role has CREATEROLE (the schema owner), which a person's own role does not have: an admin at
their desk goes through ``callcenter.administration.people`` and the database's functions
(``db/people_ddl.py``) instead, which share the checks and the row work below.
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
from db import people_ddl, roles_ddl
from db.enums import Role
from db.models import AuditEntry, User
from db.store import session_factory
from db.types import utcnow

#: PostgreSQL identifier rules, narrowed (the database's functions check the same).
NAME = re.compile(people_ddl.NAME_PATTERN)
NAME_MAX = people_ddl.NAME_MAX
#: Names PostgreSQL reserves for roles, or that this product uses for its groups.
RESERVED = people_ddl.RESERVED
DISPLAY_MAX = 200
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


def parse_role(role: str | Role) -> Role:
    """The role named ``role``, or ValidationError listing the choices."""
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValidationError(
            "role", N_("{role!r} is not one of {choices}"), role=role, choices=choices
        ) from None


def check_new(name: str, role: str | Role, display_name: str | None) -> tuple[str, Role, str]:
    """A new person's name, role and display name (spaces folded), or ValidationError."""
    name, role = validate_name(name), parse_role(role)
    shown = " ".join((display_name or name).split())
    if len(shown) > DISPLAY_MAX:
        raise ValidationError("display_name", N_("is longer than 200 characters"))
    return name, role, shown


def check_password(password: str | None) -> str:
    if password is None or len(password) < PASSWORD_MIN:
        raise ValidationError(
            "password", N_("needs at least {password_min} characters"), password_min=PASSWORD_MIN
        )
    return password


def refuse_taken(session: Session, name: str) -> None:
    """ValidationError when a user (or, on PostgreSQL, a database role) has the name."""
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError("name", N_("a user named {name!r} already exists"), name=name)
    if is_postgres(session) and _role_exists(session, name)[0]:
        raise ValidationError(
            "name", N_("a database role named {name!r} already exists"), name=name
        )


def refuse_last_admin(session: Session, user: User, operator: uuid.UUID | None) -> None:
    """An admin may not disable or demote themselves while nobody else is an active admin."""
    if operator is None or user.id != operator or user.role != Role.ADMIN:
        return
    others = select(User.id).where(
        User.role == Role.ADMIN,
        User.active.is_(True),
        User.deleted.is_(False),
        User.id != operator,
    )
    if session.scalar(others.limit(1)) is None:
        raise PermissionDeniedError(
            N_("you are the last active admin: make someone else an admin first")
        )


def add_user(
    session: Session, name: str, role: Role, shown: str, operator: uuid.UUID | None
) -> User:
    """The users row of a new person, and its audit entry naming ``operator``."""
    user = User(id=uuid.uuid4(), username=name, display_name=shown, role=role, active=True)
    user.updated_by = operator
    session.add(user)
    session.flush()
    _audit(
        session,
        "create user",
        user,
        None,
        {"username": name, "role": role.value},
        operator=operator,
    )
    return user


def change_role(session: Session, user: User, role: Role, operator: uuid.UUID | None) -> None:
    """The row half of a role change (``set_role`` also moves the database role)."""
    before = user.role.value
    user.role, user.updated_at, user.updated_by = role, utcnow(), operator
    session.flush()
    _audit(session, "set role", user, {"role": before}, {"role": role.value}, operator=operator)


def change_active(session: Session, user: User, active: bool, operator: uuid.UUID | None) -> None:
    """Mark the row active or not, audited as enabling or disabling the person."""
    before = user.active
    user.active, user.updated_at, user.updated_by = active, utcnow(), operator
    session.flush()
    action = "enable user" if active else "disable user"
    _audit(session, action, user, {"active": before}, {"active": active}, operator=operator)


def is_postgres(session: Session) -> bool:
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
    if not is_postgres(session):
        return None
    return session.scalar(
        select(User.id).where(User.username == func.session_user(), User.active.is_(True))
    )


def _audit(
    session: Session,
    action: str,
    user: User,
    before: Any,
    after: Any,
    *,
    operator: uuid.UUID | None,
) -> None:
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
    if is_postgres(session):
        can_sign_in = _role_exists(session, user.username)[1]
    return Account(user.id, user.username, user.display_name, user.role, user.active, can_sign_in)


def find_user(session: Session, name: str) -> User:
    """The person named ``name`` (not a removed one), or NotFoundError."""
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
    name, role, shown = check_new(name, role, display_name)
    with session_factory(engine).begin() as session:
        refuse_taken(session, name)
        if is_postgres(session):
            password = check_password(password)
            _run(
                session,
                sql.SQL("CREATE ROLE {} LOGIN INHERIT PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(name),
                    sql.Literal(verifier(session, name, password)),
                    sql.Identifier(GROUP[role]),
                ),
            )
        user = add_user(session, name, role, shown, _operator(session))
        return _account(session, user)


def verifier(session: Session, name: str, password: str) -> str:
    """The password as the server stores it, hashed here by libpq (the server's algorithm)."""
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi.pgconn.encrypt_password(password.encode(), name.encode()).decode()


def set_role(engine: Engine, name: str, role: str | Role) -> Account:
    """Move a person to another role: their group membership and their users row."""
    name, role = validate_name(name), parse_role(role)
    with session_factory(engine).begin() as session:
        user = find_user(session, name)
        if is_postgres(session):
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
        change_role(session, user, role, _operator(session))
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
        user = find_user(session, name)
        postgres = is_postgres(session)
        if postgres and _role_exists(session, name)[0]:
            _run(session, sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))
        change_active(session, user, False, _operator(session))
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
