"""The desk from phone events to saved logs, fed the phone's own event records."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.desk.agent_state import AgentState, AgentStateMachine
from callcenter.desk.desk import CallFinished, CallOffered, Desk, DeskEvent
from callcenter.desk.refusal_log import RefusalLog
from callcenter.desk.screenpop import PopKind
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ValidationError
from callcenter.platform.event_log import EventLog
from callcenter.work import drafts
from db.enums import PhoneKind
from db.models import Interaction, Queue
from telephony.events import (
    CallDirection,
    CallEnded,
    CallRefused,
    CallState,
    CallStateChanged,
    IncomingCall,
    Party,
)
from tests.callcenter.conftest import People, as_actor, incoming_call


def incoming(
    call_id: str, number: str, *, withheld: bool = False, e164: str | None = None
) -> IncomingCall:
    """Offered at a fixed moment, so the desk's latency arithmetic can be checked exactly."""
    return incoming_call(call_id, number, withheld=withheld, e164=e164, received_monotonic=100.0)


def ended(call_id: str, answered: bool) -> CallEnded:
    return CallEnded(
        call_id, CallDirection.INBOUND, 200, "Normal call clearing", Party.REMOTE, answered, 12.0
    )


@pytest.fixture
def desk(ctx: ServiceContext, people: People, tmp_path: Path) -> tuple[Desk, list[DeskEvent]]:
    agent = as_actor(ctx, people.agent)
    machine = AgentStateMachine(30, agent.clock, frozenset({"break"}))
    machine.sign_in()
    machine.set_ready()
    d = Desk(agent, machine, None, EventLog(tmp_path / "events.jsonl"), monotonic=lambda: 100.004)
    seen: list[DeskEvent] = []
    d.subscribe(seen.append)
    return d, seen


def test_answered_call_pops_then_logs(desk: tuple[Desk, list[DeskEvent]], tmp_path: Path) -> None:
    d, seen = desk
    ann = customers.create_customer(
        d.ctx, NewCustomer(name="Ann", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    d.handle(incoming("c1", "02079460958", e164="+442079460958"))
    offered = next(e for e in seen if isinstance(e, CallOffered))
    assert offered.pop.kind == PopKind.CUSTOMER
    assert d.state.status.state == AgentState.RINGING
    assert d.pop_shown("c1") == pytest.approx(4.0)
    d.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    assert d.state.status.state == AgentState.ON_CALL
    d.save_draft("c1", "wants a refund", "resolved")
    d.handle(ended("c1", answered=True))
    assert d.state.status.state == AgentState.WRAP_UP
    finished = next(e for e in seen if isinstance(e, CallFinished))
    assert finished.needs_log
    assert [s.call_id for s in d.unlogged_calls()] == ["c1"]
    view = d.save_log("c1", "resolved", "wants a refund; refunded", and_ready=True)
    assert d.state.status.state == AgentState.READY
    assert view.customer_id == ann.id
    assert view.sip_call_id == "c1@pbx"  # the SIP Call-ID, not the phone's own handle
    assert view.queue_id is not None
    assert drafts.load_draft(d.ctx, "c1") is None
    assert d.unlogged_calls() == []
    events = [
        json.loads(line)["event"] for line in (tmp_path / "events.jsonl").read_text().splitlines()
    ]
    for name in (
        "call.incoming",
        "screenpop.shown",
        "call.answered",
        "call.ended",
        "interaction.saved",
        "agent.state",
    ):
        assert name in events


def test_a_pop_logs_its_latency_and_its_parts(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    """Ring at 100.000 s; the GUI thread takes it up at 100.002, the store has been read at
    100.003 and the record is painted at 100.007: 7 ms, of which 2 queued, 1 read, 4 paint."""
    agent = as_actor(ctx, people.agent)
    machine = AgentStateMachine(30, agent.clock, frozenset({"break"}))
    machine.sign_in()
    machine.set_ready()
    ticks = iter([100.002, 100.003, 100.007])
    log = tmp_path / "events.jsonl"
    d = Desk(agent, machine, None, EventLog(log), monotonic=lambda: next(ticks))
    customers.create_customer(
        agent, NewCustomer(name="Ann Lee", phones=(("020 7946 0000", PhoneKind.HOME),))
    )
    d.handle(incoming("c9", "020 7946 0000"))
    assert d.pop_shown("c9") == pytest.approx(7.0)
    (shown,) = [
        e for e in map(json.loads, log.read_text().splitlines()) if e["event"] == "screenpop.shown"
    ]
    assert shown["latency_ms"] == pytest.approx(7.0)
    parts = (shown["queued_ms"], shown["read_ms"], shown["paint_ms"])
    assert parts == pytest.approx((2.0, 1.0, 4.0))


def test_abandoned_call_is_recorded_and_state_restored(desk: tuple[Desk, list[DeskEvent]]) -> None:
    d, _ = desk
    d.handle(incoming("c2", "", withheld=True))
    assert d.calls["c2"].pop.kind == PopKind.WITHHELD  # type: ignore[union-attr]
    d.handle(ended("c2", answered=False))
    assert d.state.status.state == AgentState.READY
    assert "c2" not in d.calls
    with d.ctx.sessions() as s:
        (row,) = s.query(Interaction).all()
        assert (row.answered_at, row.sip_call_id) == (None, "c2@pbx")


def test_actions_without_a_phone_say_so(desk: tuple[Desk, list[DeskEvent]]) -> None:
    d, _ = desk
    d.handle(incoming("c3", "07700 900555"))
    with pytest.raises(Exception, match="no softphone"):
        d.answer("c3")
    with pytest.raises(Exception, match="no call nope"):
        d.answer("nope")


def test_the_pop_is_offered_before_anything_is_written(
    desk: tuple[Desk, list[DeskEvent]], engine: Engine
) -> None:
    """Between the ring and the pop the desk only reads: the state change's audit entry (a
    write, which can wait for the replicator's lock) comes after the pop was shown."""
    d, _ = desk
    customers.create_customer(
        d.ctx, NewCustomer(name="Ann", phones=(("020 7946 0958", PhoneKind.HOME),))
    )
    writes: list[str] = []
    written_when_offered: list[list[str]] = []

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    def on_event(event: DeskEvent) -> None:
        if isinstance(event, CallOffered):
            written_when_offered.append(list(writes))

    d.subscribe(on_event)
    event.listen(engine, "before_cursor_execute", before)
    try:
        d.handle(incoming("c4", "02079460958", e164="+442079460958"))
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert written_when_offered == [[]]
    assert any("audit_log" in statement for statement in writes)
    assert d.state.status.state == AgentState.RINGING


def _events(tmp_path: Path, name: str) -> list[dict[str, object]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["event"] == name]


def test_a_call_for_an_agent_not_ready_is_refused_not_offered(
    desk: tuple[Desk, list[DeskEvent]], tmp_path: Path
) -> None:
    d, seen = desk
    d.state.set_not_ready("break")
    d.handle(incoming("c1", "02079460958"))
    assert not any(isinstance(e, CallOffered) for e in seen)
    assert d.calls == {}
    assert d.state.status.state == AgentState.NOT_READY
    (refused,) = _events(tmp_path, "call.refused")
    assert refused["call_id"] == "c1"
    assert (refused["code"], refused["cause"]) == (486, "not_ready")
    assert (refused["state"], refused["reason"]) == ("not_ready", "break")


def test_a_call_in_wrap_up_rings_and_the_last_log_waits(
    desk: tuple[Desk, list[DeskEvent]],
) -> None:
    d, seen = desk
    d.handle(incoming("c1", "02079460958"))
    d.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    d.save_draft("c1", "first caller's notes", None)
    d.handle(ended("c1", answered=True))
    assert d.state.status.state == AgentState.WRAP_UP
    d.handle(incoming("c2", "02079460959"))
    assert [e.call_id for e in seen if isinstance(e, CallOffered)] == ["c1", "c2"]
    assert d.state.status.state == AgentState.RINGING
    assert [s.call_id for s in d.unlogged_calls()] == ["c1"]
    d.handle(CallStateChanged("c2", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    d.handle(incoming("c3", "02079460960"))  # on a call: the third is turned away
    assert "c3" not in d.calls
    d.handle(ended("c2", answered=True))
    d.save_log("c2", "resolved", "second caller", and_ready=True)
    draft = drafts.load_draft(d.ctx, "c1")
    assert draft is not None and draft.notes == "first caller's notes"
    d.save_log("c1", "resolved", draft.notes)
    assert d.unlogged_calls() == []


def test_a_queue_that_protects_wrap_up_gets_480_when_configured(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    agent = as_actor(ctx, people.agent)
    with agent.sessions.begin() as s:
        queue = s.scalars(select(Queue).where(Queue.name == "support")).one()
        queue.protect_wrap_up = True
    machine = AgentStateMachine(30, agent.clock, frozenset({"break"}))
    machine.sign_in()
    machine.set_ready()
    d = Desk(agent, machine, None, EventLog(tmp_path / "events.jsonl"), busy_response=480)
    d.handle(incoming("c1", "02079460958"))
    d.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    d.handle(ended("c1", answered=True))
    d.handle(incoming("c2", "02079460959"))
    assert "c2" not in d.calls
    assert d.state.status.state == AgentState.WRAP_UP
    (refused,) = _events(tmp_path, "call.refused")
    assert (refused["code"], refused["cause"], refused["state"]) == (480, "wrap_up", "wrap_up")


def test_only_busy_here_or_temporarily_unavailable(
    ctx: ServiceContext, people: People, tmp_path: Path
) -> None:
    agent = as_actor(ctx, people.agent)
    machine = AgentStateMachine(30, agent.clock, frozenset())
    with pytest.raises(ValueError, match="busy_response"):
        Desk(agent, machine, None, EventLog(tmp_path / "e.jsonl"), busy_response=603)


def test_an_empty_log_does_not_save_unless_the_queue_allows_it(
    desk: tuple[Desk, list[DeskEvent]],
) -> None:
    d, _seen = desk
    d.handle(incoming("c1", "02079460958"))
    d.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    d.handle(ended("c1", answered=True))
    with pytest.raises(ValidationError, match="outcome") as refused:
        d.save_log("c1", None, "")
    assert refused.value.field == "disposition"
    assert [s.call_id for s in d.unlogged_calls()] == ["c1"]  # still there to be finished
    with d.ctx.sessions.begin() as s:
        s.scalars(select(Queue).where(Queue.name == "support")).one().outcome_required = False
    d._queues.clear()  # a desk reads the dictionary at start; this one starts again
    d.save_log("c1", None, "")
    assert d.unlogged_calls() == []


def test_the_phones_own_refusals_reach_the_event_log_within_a_bound(
    desk: tuple[Desk, list[DeskEvent]], tmp_path: Path
) -> None:
    """A flood of refused INVITEs writes a bounded number of lines, then says how many more."""
    d, _seen = desk
    for i in range(500):
        d.handle(CallRefused("10.9.9.9:5060", 403, "not from the SIP proxy", f"x{i}@evil"))
    refused = _events(tmp_path, "call.refused")
    assert 1 <= len(refused) <= 25  # the burst (and what refilled meanwhile), not 500
    assert (refused[0]["code"], refused[0]["cause"], refused[0]["source"]) == (
        403,
        "not from the SIP proxy",
        "10.9.9.9:5060",
    )
    assert d.refusals.held_back == 500 - len(refused)


def test_refusal_lines_come_back_with_the_count_held_back(tmp_path: Path) -> None:
    now = [0.0]
    log = RefusalLog(EventLog(tmp_path / "events.jsonl"), rate=1.0, burst=2, clock=lambda: now[0])
    for i in range(5):
        log.write(code=503, n=i)
    log.flush()  # no room yet: nothing written
    now[0] = 1.0
    log.flush()
    now[0] = 2.0
    log.write(code=503, n=5)
    lines = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [(e["event"], e.get("n"), e.get("count")) for e in lines] == [
        ("call.refused", 0, None),
        ("call.refused", 1, None),
        ("call.refused.not_logged", None, 3),
        ("call.refused", 5, None),
    ]


def test_a_name_no_encoder_takes_still_pops_and_is_logged(
    desk: tuple[Desk, list[DeskEvent]], tmp_path: Path
) -> None:
    d, seen = desk
    call = replace(incoming("c1", "02079460958"), display_name="Bad \udcff name")
    d.handle(call)
    assert any(isinstance(e, CallOffered) for e in seen)
    (logged,) = _events(tmp_path, "call.incoming")
    assert logged["display_name"] == "Bad ? name"


def test_a_store_that_fails_at_the_pop_still_offers_the_call(
    desk: tuple[Desk, list[DeskEvent]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d, seen = desk

    def broken(*_args: object) -> None:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr("callcenter.desk.desk.pop_for", broken)
    d.handle(incoming("c1", "02079460958"))
    (offered,) = [e for e in seen if isinstance(e, CallOffered)]
    assert offered.pop.kind == PopKind.UNKNOWN  # answered as an unknown caller, not lost
    (failed,) = _events(tmp_path, "screenpop.failed")
    assert "database is locked" in str(failed["error"])


def test_a_missed_call_keeps_what_was_typed_and_leaves_no_draft(
    desk: tuple[Desk, list[DeskEvent]], tmp_path: Path
) -> None:
    """Typed while it rang, then the caller gave up: the words go with the missed call, and
    nothing comes back later as an "unsaved log from an earlier session"."""
    d, _seen = desk
    d.handle(incoming("c1", "02079460958"))
    d.save_draft("c1", "Caller wanted the invoice address changed", None)
    d.handle(ended("c1", answered=False))
    assert drafts.unsaved_drafts(d.ctx) == []
    with d.ctx.sessions() as s:
        (missed,) = s.scalars(select(Interaction)).all()
    assert (missed.answered_at, missed.notes) == (None, "Caller wanted the invoice address changed")
