"""The desk's heartbeat: written on every sync, gone at sign-out, stale when the link dies."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable

from sqlalchemy import Engine, select

from callcenter.desk.agent_state import AgentState, Status
from callcenter.desk.desk import CallSession, presence_of
from callcenter.desk.screenpop import CallerInfo
from callcenter.platform.context import ServiceContext
from callcenter.presence.heartbeat import OFFLINE_AFTER, Presence
from callcenter.supervision.boards import agent_board
from callcenter.sync.replicator import Replicator, read_status
from db.enums import Direction
from db.models import AgentPresence
from db.store import session_factory
from tests.callcenter.conftest import seed_people
from tests.replication.conftest import Desk
from tests.replication.test_push_pull import sync


def test_heartbeat_then_sign_out(shared: Engine, desks: Callable[[str], Desk]) -> None:
    people = seed_people(ServiceContext.for_engine(shared, "GB"))
    ann = desks("ann")
    sync(ann, shared)
    since = dt.datetime.now(dt.UTC)
    current = Presence(people.agent.user_id, AgentState.NOT_READY.value, "lunch", since)
    url = shared.url.render_as_string(hide_password=False)
    replicator = Replicator(ann.engine, url, "ann@desk", timeout_s=5, presence=lambda: current)
    assert replicator.sync_once()
    with session_factory(shared)() as s:
        row = s.get_one(AgentPresence, people.agent.user_id)
        assert (row.state, row.reason_code, row.desk) == ("not_ready", "lunch", "ann@desk")
        beat = row.heartbeat_at
    sue = ServiceContext(session_factory(shared), "GB", people.supervisor)
    board = {r.username: r for r in agent_board(sue, beat + dt.timedelta(seconds=5), since)}
    assert (board["ann"].state, board["ann"].reason) == ("not_ready", "lunch")
    # A desk that stops beating (crashed, cut off) is offline once OFFLINE_AFTER has passed.
    later = beat + OFFLINE_AFTER + dt.timedelta(seconds=1)
    assert {r.username: r for r in agent_board(sue, later, since)}["ann"].state == "offline"
    replicator.stop()
    with session_factory(shared)() as s:
        assert s.scalars(select(AgentPresence)).all() == []


def test_presence_shows_the_ringing_call_and_what_the_caller_had_waited() -> None:
    offered = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    call = CallSession(
        call_id="c1",
        direction=Direction.INBOUND,
        caller=CallerInfo("c1", "020 7946 0958", "+442079460958", None, withheld=False),
        offered_at=offered,
        received_monotonic=0.0,
        waited_seconds=12,
    )
    shown = presence_of(uuid.uuid4(), Status(AgentState.RINGING, offered), [call])
    assert (shown.state, shown.call_caller, shown.call_waited_seconds) == (
        "ringing",
        "+442079460958",
        12,
    )


def test_a_fault_in_a_cycle_is_reported_and_the_thread_keeps_going(
    shared: Engine, desks: Callable[[str], Desk]
) -> None:
    ann = desks("ann")
    calls = []

    def broken() -> Presence | None:
        calls.append(1)
        raise RuntimeError("presence is broken")

    url = shared.url.render_as_string(hide_password=False)
    replicator = Replicator(
        ann.engine, url, "ann@desk", timeout_s=5, interval_s=0.1, presence=broken
    )
    replicator.start()
    try:
        deadline = time.monotonic() + 20
        while "replication fault: presence is broken" not in (
            read_status(ann.engine).last_error or ""
        ):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        before = len(calls)
        deadline = time.monotonic() + 20
        while len(calls) == before:  # it retries (after its back-off), so it is still alive
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        replicator.presence = None
        replicator.stop()
