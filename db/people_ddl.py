"""People managed by an admin's own database role: SECURITY DEFINER functions on PostgreSQL.

Each person signs in with a LOGIN role of their own (``db/roles_ddl.py``). Creating, moving and
disabling those roles needs CREATEROLE, which people's roles never get (in PostgreSQL 15 it
lets a role grant itself nearly anything). These functions run as their owner, the schema
owner that ran the migration, and do only the product's own people work, so an admin signed in
as themselves (a member of ``cc_admin``) can do it from the desk:

- ``cc_person_create(name, display_name, role, verifier)`` -> the new ``users.id``;
- ``cc_person_set_role(name, role)``; ``cc_person_disable(name)``; ``cc_person_enable(name)``;
- ``cc_person_set_password(name, verifier)``;
- ``cc_person_end_sessions(name)`` -> (ended, refused): a disabled person's open sessions,
  called after the disable commits so no session can sign in again in between.

Each checks the caller (``session_user``: inside a definer function ``current_user`` is the
owner) is an active person and a member of ``cc_admin``; checks a name as the command line does
(``NAME_PATTERN``, ``RESERVED``); acts only on a role that is one of this product's people (a
``users`` row, no superuser or other power, not the owner); refuses to let the last active admin
disable or demote themselves; and writes the ``users`` row and an ``audit_log`` entry naming the
caller in the same transaction. A password arrives as the verifier the client computed (SCRAM,
or md5 on a server set to it), never as cleartext: anything else is refused, since PostgreSQL
would otherwise hash and store a cleartext itself. Every identifier and literal goes through
``format('%I')`` / ``format('%L')``. EXECUTE is granted to ``cc_admin`` only.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db import roles_ddl

#: PostgreSQL identifier rules, narrowed: lower case (an unquoted name folds to it), ASCII.
NAME_PATTERN = "[a-z_][a-z0-9_]*"
NAME_MAX = 63  # NAMEDATALEN - 1
#: Names PostgreSQL reserves for roles, or that this product uses for its groups.
RESERVED = frozenset(
    {"public", "none", "current_user", "current_role", "session_user", *roles_ddl.GROUPS}
)
#: The group of each ``users.role``.
GROUP_OF = {"agent": roles_ddl.AGENT, "supervisor": roles_ddl.SUPERVISOR, "admin": roles_ddl.ADMIN}
#: The functions an admin calls, with their argument types.
CALLED = (
    ("cc_person_create", "text, text, text, text"),
    ("cc_person_set_role", "text, text"),
    ("cc_person_disable", "text"),
    ("cc_person_enable", "text"),
    ("cc_person_set_password", "text, text"),
    ("cc_person_end_sessions", "text"),
)
#: Their helpers, called only from inside them, so always as the owner: nobody is granted them
#: (and they need not be definer functions themselves).
HELPERS = (
    ("cc_people_caller", ""),
    ("cc_people_check_name", "text"),
    ("cc_people_target", "text"),
    ("cc_people_group", "text"),
    ("cc_people_check_verifier", "text"),
    ("cc_people_keep_an_admin", "uuid, uuid"),
    ("cc_people_audit", "uuid, text, uuid, jsonb, jsonb"),
)
_SCRAM = r"^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$"
_MD5 = "^md5[0-9a-f]{32}$"


def _literal(value: str) -> str:
    """A constant of this module as an SQL string literal (none holds a quote; checked)."""
    assert "'" not in value
    return f"'{value}'"


def _deny(code: str, message: str, column: str | None = None) -> str:
    where = f", COLUMN = {_literal(column)}" if column else ""
    return f"RAISE EXCEPTION USING ERRCODE = {_literal(code)}, MESSAGE = {message}{where};"


def _helpers(s: str, pin: str) -> list[str]:
    reserved = ", ".join(_literal(name) for name in sorted(RESERVED))
    groups = ", ".join(_literal(group) for group in roles_ddl.GROUPS)
    stranger = "format('%I is not one of this product''s people', p_name)"
    cases = "\n".join(
        f"        WHEN {_literal(role)} THEN {_literal(group)}" for role, group in GROUP_OF.items()
    )
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_caller() RETURNS uuid
LANGUAGE plpgsql STABLE {pin} AS $$
DECLARE
    me uuid;
BEGIN
    SELECT id INTO me FROM {s}.users
        WHERE username = session_user AND active AND NOT deleted;
    IF me IS NULL OR NOT pg_has_role(session_user, {_literal(roles_ddl.ADMIN)}, 'MEMBER') THEN
        {_deny("insufficient_privilege", "'only an admin manages people'")}
    END IF;
    RETURN me;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_check_name(p_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE {pin} AS $$
BEGIN
    IF p_name IS NULL OR p_name !~ {_literal("^" + NAME_PATTERN + "$")} THEN
        {
            _deny(
                "invalid_parameter_value",
                "format('%L must start with a lower-case letter or _ and hold only a-z, 0-9 and _',"
                " p_name)",
                "name",
            )
        }
    END IF;
    IF length(p_name) > {NAME_MAX} THEN
        {_deny("invalid_parameter_value", f"'is longer than {NAME_MAX} characters'", "name")}
    END IF;
    IF p_name = ANY(ARRAY[{reserved}]) OR p_name LIKE 'pg\\_%' THEN
        {_deny("invalid_parameter_value", "format('%L is reserved', p_name)", "name")}
    END IF;
    RETURN p_name;
END $$""",
        # One of this product's people: a users row and a role with no power beyond a group's.
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_target(p_name text) RETURNS {s}.users
LANGUAGE plpgsql STABLE {pin} AS $$
DECLARE
    person {s}.users;
    r pg_roles;
BEGIN
    PERFORM {s}.cc_people_check_name(p_name);
    SELECT * INTO person FROM {s}.users WHERE username = p_name AND NOT deleted;
    IF NOT FOUND THEN
        {_deny("no_data_found", "format('there is no user named %L', p_name)", "name")}
    END IF;
    SELECT * INTO r FROM pg_roles WHERE rolname = p_name;
    IF NOT FOUND OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
       OR r.rolbypassrls OR p_name = current_user OR p_name = ANY(ARRAY[{groups}]) THEN
        {_deny("insufficient_privilege", stranger)}
    END IF;
    RETURN person;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_group(p_role text) RETURNS text
LANGUAGE plpgsql IMMUTABLE {pin} AS $$
BEGIN
    RETURN CASE p_role
{cases}
        ELSE NULL
    END;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_check_verifier(p_verifier text) RETURNS text
LANGUAGE plpgsql IMMUTABLE {pin} AS $$
BEGIN
    IF p_verifier IS NULL
       OR NOT (p_verifier ~ {_literal(_SCRAM)} OR p_verifier ~ {_literal(_MD5)}) THEN
        {
            _deny(
                "invalid_parameter_value",
                "'a password is sent as its verifier (hashed by the client), never as cleartext'",
                "password",
            )
        }
    END IF;
    RETURN p_verifier;
END $$""",
        # The caller may not leave the store with no active admin: demoting or disabling
        # themselves needs another one.
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_keep_an_admin(person uuid, me uuid)
RETURNS void
LANGUAGE plpgsql STABLE {pin} AS $$
BEGIN
    IF person = me AND NOT EXISTS (
        SELECT 1 FROM {s}.users
        WHERE role = 'admin' AND active AND NOT deleted AND id <> me
    ) THEN
        {
            _deny(
                "insufficient_privilege",
                "'you are the last active admin: make someone else an admin first'",
            )
        }
    END IF;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_people_audit(
    me uuid, p_action text, person uuid, p_before jsonb, p_after jsonb
) RETURNS void
LANGUAGE sql VOLATILE {pin} AS $$
    INSERT INTO {s}.audit_log
        (id, version, updated_at, updated_by, deleted, at, actor_id, action, entity,
         entity_id, before, after)
    VALUES (gen_random_uuid(), 1, now(), me, false, now(), me, p_action, 'user', person,
            p_before::text, p_after::text)
$$""",
    ]


def _touch(s: str, sets: str = "") -> str:
    """Update the person's users row as a replicated edit (version, time, who)."""
    return (
        f"UPDATE {s}.users SET {sets}version = version + 1, updated_at = now(), "
        "updated_by = me WHERE id = person.id;"
    )


def _called(s: str, pin: str) -> list[str]:
    prelude = f"""DECLARE
    me uuid := {s}.cc_people_caller();
    person {s}.users := {s}.cc_people_target(p_name);"""
    bad_role = _deny(
        "invalid_parameter_value",
        "format('%L is not one of agent, supervisor, admin', p_role)",
        "role",
    )
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_create(
    p_name text, p_display_name text, p_role text, p_verifier text
) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
DECLARE
    me uuid := {s}.cc_people_caller();
    grp text := {s}.cc_people_group(p_role);
    shown text := btrim(regexp_replace(COALESCE(p_display_name, ''), '\\s+', ' ', 'g'));
    made uuid := gen_random_uuid();
BEGIN
    PERFORM {s}.cc_people_check_name(p_name);
    IF grp IS NULL THEN
        {bad_role}
    END IF;
    PERFORM {s}.cc_people_check_verifier(p_verifier);
    IF shown = '' THEN
        shown := p_name;
    END IF;
    IF length(shown) > 200 THEN
        {_deny("invalid_parameter_value", "'is longer than 200 characters'", "display_name")}
    END IF;
    IF EXISTS (SELECT 1 FROM {s}.users WHERE username = p_name) THEN
        {_deny("duplicate_object", "format('a user named %L already exists', p_name)", "name")}
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        {
            _deny(
                "duplicate_object",
                "format('a database role named %L already exists', p_name)",
                "name",
            )
        }
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD %L IN ROLE %I',
                   p_name, p_verifier, grp);
    INSERT INTO {s}.users
        (id, version, updated_at, updated_by, deleted, username, display_name, role, active)
    VALUES (made, 1, now(), me, false, p_name, shown, p_role, true);
    PERFORM {s}.cc_people_audit(me, 'create user', made, NULL,
                                jsonb_build_object('username', p_name, 'role', p_role));
    RETURN made;
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_set_role(p_name text, p_role text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
{prelude}
    grp text := {s}.cc_people_group(p_role);
    other text;
BEGIN
    IF grp IS NULL THEN
        {bad_role}
    END IF;
    IF p_role <> 'admin' THEN
        PERFORM {s}.cc_people_keep_an_admin(person.id, me);
    END IF;
    EXECUTE format('GRANT %I TO %I', grp, p_name);
    FOR other IN
        SELECT g.rolname FROM pg_auth_members m
        JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
        WHERE u.rolname = p_name AND g.rolname <> grp
          AND g.rolname = ANY(ARRAY[{", ".join(_literal(g) for g in roles_ddl.GROUPS)}])
    LOOP
        EXECUTE format('REVOKE %I FROM %I', other, p_name);
    END LOOP;
    {_touch(s, "role = p_role, ")}
    PERFORM {s}.cc_people_audit(me, 'set role', person.id,
                                jsonb_build_object('role', person.role),
                                jsonb_build_object('role', p_role));
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_disable(p_name text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
{prelude}
BEGIN
    PERFORM {s}.cc_people_keep_an_admin(person.id, me);
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
    {_touch(s, "active = false, ")}
    PERFORM {s}.cc_people_audit(me, 'disable user', person.id,
                                jsonb_build_object('active', person.active),
                                jsonb_build_object('active', false));
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_enable(p_name text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
{prelude}
BEGIN
    EXECUTE format('ALTER ROLE %I LOGIN', p_name);
    {_touch(s, "active = true, ")}
    PERFORM {s}.cc_people_audit(me, 'enable user', person.id,
                                jsonb_build_object('active', person.active),
                                jsonb_build_object('active', true));
END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_set_password(p_name text, p_verifier text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
{prelude}
BEGIN
    PERFORM {s}.cc_people_check_verifier(p_verifier);
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
    {_touch(s)}
    PERFORM {s}.cc_people_audit(me, 'reset password', person.id, NULL,
                                jsonb_build_object('password', 'changed'));
END $$""",
        # Only a disabled person's (NOLOGIN: they cannot sign straight back in). Ending another
        # role's session needs the owner to be superuser or in pg_signal_backend: the sessions
        # it may not end are counted, not an error (the person is disabled all the same).
        f"""CREATE OR REPLACE FUNCTION {s}.cc_person_end_sessions(
    p_name text, OUT ended integer, OUT refused integer
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER {pin} AS $$
DECLARE
    me uuid := {s}.cc_people_caller();
    person {s}.users := {s}.cc_people_target(p_name);
    session_pid integer;
BEGIN
    ended := 0;
    refused := 0;
    IF (SELECT rolcanlogin FROM pg_roles WHERE rolname = p_name) THEN
        {_deny("insufficient_privilege", "format('%I is not disabled', p_name)")}
    END IF;
    FOR session_pid IN
        SELECT pid FROM pg_stat_activity WHERE usename = p_name AND pid <> pg_backend_pid()
    LOOP
        BEGIN
            IF pg_terminate_backend(session_pid) THEN
                ended := ended + 1;
            END IF;
        EXCEPTION WHEN insufficient_privilege THEN
            refused := refused + 1;
        END;
    END LOOP;
END $$""",
    ]


def install(connection: Connection) -> None:
    """Create the functions (owned by whoever runs this: the schema owner) and grant them."""
    if connection.dialect.name != "postgresql":
        return
    s = roles_ddl.quoted_schema(connection)
    pin = f"SET search_path = pg_catalog, {s}, pg_temp"
    statements = [*_helpers(s, pin), *_called(s, pin)]
    for name, args in HELPERS:
        statements.append(f"REVOKE ALL ON FUNCTION {s}.{name}({args}) FROM PUBLIC")
    for name, args in CALLED:
        statements += [
            f"REVOKE ALL ON FUNCTION {s}.{name}({args}) FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {s}.{name}({args}) TO {roles_ddl.ADMIN}",
        ]
    for statement in statements:
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    """Drop the functions (the people they made stay)."""
    if connection.dialect.name != "postgresql":
        return
    s = roles_ddl.quoted_schema(connection)
    for name, args in (*CALLED, *HELPERS):
        connection.execute(text(f"DROP FUNCTION IF EXISTS {s}.{name}({args})"))
