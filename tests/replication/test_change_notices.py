"""A save on one desk wakes the others through PostgreSQL's change notices: it shows within
about a second, long before their pull interval (issue 15: "desk to desk in about a second")."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select

from callcenter.sync.replicator import Replicator
from db.models import Customer
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import new_customer

pytestmark = pytest.mark.postgres

INTERVAL_S = 60.0  # far longer than the test: only a notice can make the pull happen


def _arrives(desk: Desk, name: str, within_s: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < within_s:
        with desk.sessions() as s:
            if s.scalar(select(Customer.id).where(Customer.name == name)) is not None:
                return time.monotonic() - started
        time.sleep(0.02)
    return None


def _running(desk: Desk, pg_url: str, *, listen: bool) -> Replicator:
    replicator = Replicator(desk.engine, pg_url, desk.name, interval_s=INTERVAL_S)
    replicator.start(listen=listen)
    return replicator


def test_a_save_wakes_the_other_desks(
    pg_shared: Engine, pg_url: str, desks: Callable[[str], Desk]
) -> None:
    ann, bob = desks("ann"), desks("bob")
    writer, reader = _running(ann, pg_url, listen=True), _running(bob, pg_url, listen=True)
    try:
        assert reader.listening.wait(10), "the change notices never started"
        time.sleep(0.5)  # both first cycles done
        seen = []
        for i in range(5):
            with ann.sessions.begin() as s:
                s.add(new_customer(f"Noticed {i}"))
            writer.wake()  # as the desk does after every save
            seen.append(_arrives(bob, f"Noticed {i}", within_s=10))
        assert None not in seen, seen
        assert max(t for t in seen if t is not None) < 3.0, seen
    finally:
        writer.stop()
        reader.stop()
    assert not reader.listening.is_set()


def test_without_notices_the_interval_is_the_only_wake(
    pg_shared: Engine, pg_url: str, desks: Callable[[str], Desk]
) -> None:
    """The control: the same save, the reader not listening, is not there after 3 s."""
    ann, bob = desks("ann"), desks("bob")
    writer, reader = _running(ann, pg_url, listen=True), _running(bob, pg_url, listen=False)
    try:
        time.sleep(0.5)
        with ann.sessions.begin() as s:
            s.add(new_customer("Unnoticed"))
        writer.wake()
        assert _arrives(bob, "Unnoticed", within_s=3.0) is None
    finally:
        writer.stop()
        reader.stop()
