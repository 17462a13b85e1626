"""Whose open transaction holds changes back: supervisors see it, agents may not ask."""

from __future__ import annotations

import datetime as dt
import time

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from callcenter.platform.context import Actor, ServiceContext
from callcenter.supervision.boards import boards
from db.enums import Role
from tests.roles.conftest import Person

pytestmark = pytest.mark.postgres


def _watch(person: Person) -> ServiceContext:
    return ServiceContext.for_engine(
        person.engine, "GB", Actor(person.id, person.name, Role.SUPERVISOR)
    )


def _held(person: Person, threshold_s: float) -> list[tuple[str, int]]:
    now = dt.datetime.now(dt.UTC)
    found = boards(_watch(person), now, now - dt.timedelta(hours=1), now, held_back_s=threshold_s)
    return [(held.who, held.pid) for held in found.held_back]


def test_a_supervisor_sees_whose_transaction_holds_changes_back(
    people: dict[str, Person],
) -> None:
    ann, sue = people["ann"], people["sue"]
    with ann.engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        conn.execute(text("SELECT pg_current_xact_id()"))  # holds an id, as a write would
        assert _held(sue, 30) == []  # not yet long enough
        time.sleep(0.6)
        assert _held(sue, 0.5) == [("Ann", pid)]
        conn.rollback()
    assert _held(sue, 0.5) == []


def test_a_reader_that_wrote_nothing_holds_nothing_back(people: dict[str, Person]) -> None:
    ann, sue = people["ann"], people["sue"]
    with ann.engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM customers"))
        time.sleep(0.6)
        assert _held(sue, 0.5) == []


def test_an_agent_may_not_list_other_peoples_transactions(people: dict[str, Person]) -> None:
    with pytest.raises(DBAPIError) as caught, people["ann"].engine.connect() as conn:
        conn.execute(text("SELECT * FROM cc_held_back(0)"))
    assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege)
