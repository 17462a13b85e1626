"""The people functions in SQL (``db/people_ddl.py``): an admin's own role may call them, an
agent's and a supervisor's may not, and a name or a password that is not what it should be is
refused before it reaches a role statement."""

from __future__ import annotations

import base64
import hashlib
import hmac

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from callcenter.platform import admin
from callcenter.platform.errors import PermissionDeniedError
from db import people_ddl
from db.enums import Role
from tests.roles.conftest import Cluster, Person, allowed, refused

pytestmark = pytest.mark.postgres

PASSWORD = "correct horse battery"


def verifier(engine: Engine, name: str, password: str) -> str:
    """The verifier the desk sends: hashed by libpq on the caller's connection."""
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert isinstance(dbapi, psycopg.Connection)
        return dbapi.pgconn.encrypt_password(password.encode(), name.encode()).decode()


def stored_verifier(cluster: Cluster, name: str) -> str:
    with cluster.owner.connect() as conn:
        return str(
            conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name}
            ).scalar_one()
        )


def accepts(stored: str, password: str) -> bool:
    """Whether the server's SCRAM-SHA-256 check passes ``password`` against ``stored``, worked
    out as the server does (the test cluster signs in under ``trust``, which checks none)."""
    method, rest = stored.split("$", 1)
    assert method == "SCRAM-SHA-256", stored
    iterations_salt, keys = rest.split("$")
    iterations, salt = iterations_salt.split(":")
    stored_key, server_key = (base64.b64decode(k) for k in keys.split(":"))
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    return hashlib.sha256(client_key).digest() == stored_key and (
        hmac.digest(salted, b"Server Key", "sha256") == server_key
    )


def groups(cluster: Cluster, name: str) -> set[str]:
    with cluster.owner.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :name"
            ),
            {"name": name},
        )
        return {row[0] for row in rows}


def signs_in(cluster: Cluster, name: str) -> bool:
    database = cluster.owner.url.database
    try:
        psycopg.connect(host="127.0.0.1", port=5432, user=name, dbname=database).close()
    except psycopg.OperationalError as exc:
        assert "not permitted to log in" in str(exc)
        return False
    return True


def _calls(
    name: str, verifier_text: str, new: str | None = None
) -> list[tuple[str, dict[str, object]]]:
    """Each function called on ``name`` (creating ``new``, or ``name`` when not given)."""
    return [
        (
            "SELECT cc_person_create(:n, 'Eve', 'agent', :v)",
            {"n": new or name, "v": verifier_text},
        ),
        ("SELECT cc_person_set_role(:n, 'admin')", {"n": name}),
        ("SELECT cc_person_disable(:n)", {"n": name}),
        ("SELECT cc_person_enable(:n)", {"n": name}),
        ("SELECT cc_person_set_password(:n, :v)", {"n": name, "v": verifier_text}),
        ("SELECT * FROM cc_person_end_sessions(:n)", {"n": name}),
    ]


@pytest.mark.parametrize("who", ["ann", "sue"])
def test_agents_and_supervisors_may_not_call_them(
    cluster: Cluster, people: dict[str, Person], who: str
) -> None:
    caller, target = people[who], people["bob"]
    new = cluster.name("eve")
    for statement, params in _calls(target.name, verifier(caller.engine, "x", PASSWORD), new):
        refused(caller.engine, statement, **params)
    assert groups(cluster, target.name) == {"cc_agent"}
    assert signs_in(cluster, target.name)


def test_an_admin_creates_moves_disables_enables_and_resets_a_person(
    cluster: Cluster, people: dict[str, Person]
) -> None:
    ada, name = people["ada"], cluster.name("kim")
    with ada.engine.begin() as conn:
        made = conn.execute(
            text("SELECT cc_person_create(:n, '  Kim   Lee ', 'agent', :v)"),
            {"n": name, "v": verifier(ada.engine, name, PASSWORD)},
        ).scalar_one()
        row = conn.execute(
            text("SELECT display_name, role, active, updated_by FROM users WHERE id = :id"),
            {"id": made},
        ).one()
    assert tuple(row) == ("Kim Lee", "agent", True, ada.id)
    assert groups(cluster, name) == {"cc_agent"}
    assert signs_in(cluster, name)
    assert accepts(stored_verifier(cluster, name), PASSWORD)

    allowed(ada.engine, "SELECT cc_person_set_role(:n, 'supervisor')", n=name)
    assert groups(cluster, name) == {"cc_supervisor"}

    held = psycopg.connect(host="127.0.0.1", port=5432, user=name, dbname=ada.engine.url.database)
    allowed(ada.engine, "SELECT cc_person_disable(:n)", n=name)
    assert not signs_in(cluster, name)
    with ada.engine.begin() as conn:
        ended = conn.execute(
            text("SELECT ended, refused FROM cc_person_end_sessions(:n)"), {"n": name}
        ).one()
    assert tuple(ended) == (1, 0)
    with pytest.raises(psycopg.OperationalError):
        held.execute("SELECT 1")
    held.close()

    allowed(ada.engine, "SELECT cc_person_enable(:n)", n=name)
    assert signs_in(cluster, name)
    allowed(
        ada.engine,
        "SELECT cc_person_set_password(:n, :v)",
        n=name,
        v=verifier(ada.engine, name, "a new password"),
    )
    stored = stored_verifier(cluster, name)
    assert accepts(stored, "a new password") and not accepts(stored, PASSWORD)

    with cluster.owner.connect() as conn:
        audit = conn.execute(
            text(
                "SELECT action, actor_id FROM audit_log WHERE entity_id = :id ORDER BY at, action"
            ),
            {"id": made},
        ).all()
    assert {a for a, _ in audit} == {
        "create user",
        "set role",
        "disable user",
        "enable user",
        "reset password",
    }
    assert {actor for _, actor in audit} == {ada.id}


@pytest.mark.parametrize(
    "name",
    ['x"; DROP ROLE {bob}; --', "x'; DROP ROLE {bob}; --", "Bob", "pg_x", "cc_admin", "a" * 64],
)
def test_a_name_that_is_not_a_plain_identifier_is_refused(
    cluster: Cluster, people: dict[str, Person], name: str
) -> None:
    ada, bob = people["ada"], people["bob"]
    name = name.format(bob=bob.name)
    for statement, params in _calls(name, verifier(ada.engine, "x", PASSWORD)):
        with pytest.raises(DBAPIError) as caught, ada.engine.begin() as conn:
            conn.execute(text(statement), params)
        error = caught.value.orig
        assert isinstance(error, psycopg.errors.InvalidParameterValue), (statement, error)
        assert error.diag.column_name == "name"
    assert signs_in(cluster, bob.name) and groups(cluster, bob.name) == {"cc_agent"}


def test_a_cleartext_password_is_refused(cluster: Cluster, people: dict[str, Person]) -> None:
    ada, name = people["ada"], cluster.name("lee")
    for statement, params in (
        ("SELECT cc_person_create(:n, 'Lee', 'agent', :v)", {"n": name}),
        ("SELECT cc_person_set_password(:n, :v)", {"n": people["bob"].name}),
    ):
        with pytest.raises(DBAPIError) as caught, ada.engine.begin() as conn:
            conn.execute(text(statement), {**params, "v": "plain text password"})
        assert isinstance(caught.value.orig, psycopg.errors.InvalidParameterValue)
        assert caught.value.orig.diag.column_name == "password"


def test_only_this_products_people_are_acted_on(
    cluster: Cluster, people: dict[str, Person]
) -> None:
    """No users row (the server's own roles), or a users row on a role with powers."""
    ada = people["ada"]
    with pytest.raises(DBAPIError) as caught, ada.engine.begin() as conn:
        conn.execute(text("SELECT cc_person_disable('postgres')"))
    assert isinstance(caught.value.orig, psycopg.errors.NoDataFound)
    boss = cluster.name("boss")
    with cluster.owner.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{boss}" LOGIN SUPERUSER'))
        conn.execute(
            text(
                "INSERT INTO users (id, version, updated_at, deleted, username, display_name, "
                "role, active) VALUES (gen_random_uuid(), 1, now(), false, :n, 'Boss', "
                "'agent', true)"
            ),
            {"n": boss},
        )
    for statement, params in _calls(boss, verifier(ada.engine, boss, PASSWORD))[1:]:
        assert "not one of this product's people" in refused(ada.engine, statement, **params)
    assert signs_in(cluster, boss)


def test_the_last_admin_may_not_disable_or_demote_themselves(
    cluster: Cluster, people: dict[str, Person]
) -> None:
    ada = people["ada"]
    assert "last active admin" in refused(ada.engine, "SELECT cc_person_disable(:n)", n=ada.name)
    assert "last active admin" in refused(
        ada.engine, "SELECT cc_person_set_role(:n, 'agent')", n=ada.name
    )
    allowed(ada.engine, "SELECT cc_person_set_role(:n, 'admin')", n=people["sue"].name)
    allowed(ada.engine, "SELECT cc_person_set_role(:n, 'supervisor')", n=ada.name)
    assert groups(cluster, ada.name) == {"cc_supervisor"}


def test_the_helpers_and_role_statements_stay_out_of_reach(
    cluster: Cluster, people: dict[str, Person]
) -> None:
    """An admin may call the six functions and nothing behind them: no helper, no CREATEROLE."""
    ada = people["ada"]
    refused(
        ada.engine,
        "SELECT cc_people_audit(:me, 'forged', :me, NULL, NULL)",
        me=ada.id,
    )
    with cluster.owner.connect() as conn:
        acl = dict(
            conn.execute(
                text(
                    "SELECT proname, proacl::text FROM pg_proc "
                    "WHERE proname LIKE 'cc_person%' OR proname LIKE 'cc_people%'"
                )
            ).all()
        )
    called = {name for name, _args in people_ddl.CALLED}
    assert set(acl) == called | {name for name, _args in people_ddl.HELPERS}
    for name, rights in acl.items():
        assert ("cc_admin=X" in rights) == (name in called), (name, rights)
        grantees = [entry.split("=", 1)[0] for entry in rights.strip("{}").split(",")]
        assert "" not in grantees, (name, rights)  # nothing for PUBLIC
    with pytest.raises(PermissionDeniedError, match="CREATEROLE"):
        admin.create_user(ada.engine, cluster.name("eve"), Role.AGENT, PASSWORD)
