"""Fixtures for real stores: a fresh SQLite file and a fresh PostgreSQL database per test.

PostgreSQL is the server on 127.0.0.1:5432 (override with CALLCENTER_TEST_PG_URL); each test
that asks for it gets its own database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from callcenter.platform.context import ServiceContext
from db import migrate
from db.store import open_engine

PG_ADMIN_URL = os.environ.get(
    "CALLCENTER_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database for one test."""
    name = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the server is part of the test set-up; say why it is missing
        admin.dispose()
        pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is not usable: {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """A migrated, empty store."""
    eng = open_engine(store_url)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def ctx(engine: Engine) -> ServiceContext:
    """A system context (no signed-in person) on the migrated store, region GB."""
    return ServiceContext.for_engine(engine, "GB")
