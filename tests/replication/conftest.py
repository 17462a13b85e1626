"""A shared store (SQLite file or a fresh PostgreSQL database) and desks with local stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.replication import outbox
from db.store import open_engine, session_factory


@dataclass
class Desk:
    name: str
    engine: Engine
    sessions: sessionmaker[Session]


def open_desk(path: Path, name: str) -> Desk:
    engine = open_engine(f"sqlite:///{path / f'{name}.db'}")
    migrate.upgrade(engine, role="local")
    sessions = session_factory(engine)
    outbox.attach(sessions)
    return Desk(name, engine, sessions)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated shared store: once a SQLite file (the embedded default), once PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shared.db'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    engine = open_engine(url)
    migrate.upgrade(engine, role="shared")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_shared(pg_url: str) -> Iterator[Engine]:
    engine = open_engine(pg_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[Callable[[str], Desk]]:
    opened: list[Desk] = []

    def make(name: str) -> Desk:
        desk = open_desk(tmp_path, name)
        opened.append(desk)
        return desk

    yield make
    for desk in opened:
        desk.engine.dispose()
