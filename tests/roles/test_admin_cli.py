"""``callcenter admin``: people made, moved and disabled, on PostgreSQL and on SQLite."""

from __future__ import annotations

import io
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError

from callcenter.cli import main
from callcenter.platform import admin
from callcenter.platform.errors import PermissionDeniedError, ValidationError
from db import migrate
from db.enums import Role
from db.models import AuditEntry, User
from db.store import open_engine, session_factory
from tests.roles.conftest import Cluster

pytestmark = pytest.mark.postgres


def _config(tmp_path: Path, url: str) -> str:
    path = tmp_path / "callcenter.toml"
    path.write_text(f'[database]\nshared_url = "{url}"\nlocal_store_dir = "{tmp_path}"\n')
    return str(path)


def _run(config: str, *args: str, stdin: str | None = None, mp: pytest.MonkeyPatch) -> int:
    if stdin is not None:
        mp.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--config", config, "admin", *args])


def _groups(engine: Engine, name: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :name"
            ),
            {"name": name},
        )
        return {row[0] for row in rows}


def _user(engine: Engine, name: str) -> User:
    with session_factory(engine)() as s:
        return s.scalars(select(User).where(User.username == name)).one()


def test_create_set_role_and_disable_through_the_command(
    tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, name = _config(tmp_path, cluster.url), cluster.name("kim")
    assert (
        _run(
            config,
            "create-user",
            name,
            "--role",
            "agent",
            "--display-name",
            "Kim  Lee",
            "--password-stdin",
            stdin="correct horse battery\n",
            mp=monkeypatch,
        )
        == 0
    )
    user = _user(cluster.owner, name)
    assert (user.role, user.display_name, user.active) == (Role.AGENT, "Kim Lee", True)
    assert _groups(cluster.owner, name) == {"cc_agent"}
    with cluster.owner.connect() as conn:
        stored = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name}
        ).scalar_one()
    assert stored.startswith("SCRAM-SHA-256$")  # hashed before it was sent
    kim = cluster.connect(name)
    with kim.connect() as conn:
        assert conn.execute(text("SELECT cc_current_user_id()")).scalar_one() == user.id

    assert _run(config, "set-role", name, "--role", "supervisor", mp=monkeypatch) == 0
    assert _groups(cluster.owner, name) == {"cc_supervisor"}
    assert _user(cluster.owner, name).role == Role.SUPERVISOR
    with kim.connect() as conn:  # the database now lets Kim do what supervisors do
        assert conn.execute(text("SELECT cc_app_rank()")).scalar_one() == 2

    held = psycopg.connect(host="127.0.0.1", port=5432, user=name, dbname=kim.url.database)
    assert _run(config, "disable-user", name, mp=monkeypatch) == 0
    user = _user(cluster.owner, name)
    assert not user.active
    refused = open_engine(kim.url)
    with pytest.raises(OperationalError, match="not permitted to log in"), refused.connect():
        pass
    refused.dispose()
    with pytest.raises(psycopg.OperationalError):  # the open session was ended
        held.execute("SELECT 1")
    held.close()
    with session_factory(cluster.owner)() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == user.id)))
    assert sorted(actions) == ["create user", "disable user", "set role"]


def test_the_password_is_asked_twice_and_must_match(
    tmp_path: Path,
    cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config, name = _config(tmp_path, cluster.url), cluster.name("lee")
    answers = iter(["first-password", "other-password"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    assert _run(config, "create-user", name, "--role", "agent", mp=monkeypatch) == 1
    assert "differ" in capsys.readouterr().err
    with cluster.owner.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}
            ).scalar_one()
            == 0
        )


@pytest.mark.parametrize(
    "name",
    [
        "Ann",
        "1ann",
        "ann-b",
        "ann b",
        'ann"; DROP ROLE postgres; --',
        "pg_ann",
        "cc_admin",
        "public",
        "a" * 64,
    ],
)
def test_names_that_are_not_plain_identifiers_are_refused(
    tmp_path: Path,
    cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    config = _config(tmp_path, cluster.url)
    assert (
        _run(
            config,
            "create-user",
            name,
            "--role",
            "agent",
            "--password-stdin",
            stdin="x" * 12,
            mp=monkeypatch,
        )
        == 1
    )
    assert "name" in capsys.readouterr().err


def test_a_short_password_and_a_taken_name_are_refused(cluster: Cluster) -> None:
    name = cluster.name("max")
    with pytest.raises(ValidationError, match="password"):
        admin.create_user(cluster.owner, name, Role.AGENT, "short")
    admin.create_user(cluster.owner, name, Role.AGENT, "long enough")
    with pytest.raises(ValidationError, match="already exists"):
        admin.create_user(cluster.owner, name, Role.ADMIN, "long enough")


def test_a_person_cannot_create_people(cluster: Cluster) -> None:
    """An admin's own role has no CREATEROLE: the database refuses, the service says why."""
    ada = cluster.person("ada", Role.ADMIN)
    with pytest.raises(PermissionDeniedError, match="CREATEROLE"):
        admin.create_user(ada.engine, cluster.name("eve"), Role.AGENT, "long enough")


def test_on_sqlite_only_the_users_row_is_managed(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    try:
        migrate.upgrade(engine, role="shared")
        account = admin.create_user(engine, "sam", "agent", None, "Sam")
        assert (account.role, account.can_sign_in) == (Role.AGENT, True)
        assert admin.set_role(engine, "sam", "admin").role == Role.ADMIN
        result = admin.disable_user(engine, "sam")
        assert (result.account.active, result.sessions_ended) == (False, 0)
        assert not _user(engine, "sam").active
    finally:
        engine.dispose()
