"""The agent state machine, driven by a hand-moved clock."""

from __future__ import annotations

import datetime as dt

import pytest

from callcenter.desk.agent_state import AgentState, AgentStateMachine, Status
from callcenter.platform.errors import ValidationError

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def machine(clock: Clock) -> AgentStateMachine:
    m = AgentStateMachine(30, clock, frozenset({"break", "lunch"}))
    m.sign_in()
    return m


def test_a_call_from_ready_to_wrap_up_and_back(machine: AgentStateMachine, clock: Clock) -> None:
    seen: list[Status] = []
    machine.subscribe(seen.append)
    machine.set_ready()
    machine.call_offered()
    machine.call_answered()
    clock.advance(120)
    machine.call_ended(answered=True)
    assert machine.status.state == AgentState.WRAP_UP
    assert machine.wrap_up_remaining() == dt.timedelta(seconds=30)
    clock.advance(20)
    machine.extend_wrap_up(30)
    assert machine.wrap_up_remaining() == dt.timedelta(seconds=40)
    clock.advance(39)
    machine.tick()
    assert machine.status.state == AgentState.WRAP_UP
    clock.advance(1)
    machine.tick()
    assert machine.status.state == AgentState.READY
    assert [s.state for s in seen] == [
        AgentState.READY,
        AgentState.RINGING,
        AgentState.ON_CALL,
        AgentState.WRAP_UP,
        AgentState.WRAP_UP,
        AgentState.READY,
    ]


def test_save_and_ready_ends_wrap_up(machine: AgentStateMachine) -> None:
    machine.set_ready()
    machine.call_offered()
    machine.call_answered()
    machine.call_ended(answered=True)
    machine.set_ready()
    assert machine.status.state == AgentState.READY
    assert machine.status.wrap_up_until is None


def test_not_ready_during_call_applies_after_wrap_up(
    machine: AgentStateMachine, clock: Clock
) -> None:
    machine.set_ready()
    machine.call_offered()
    machine.call_answered()
    machine.set_not_ready("lunch")
    assert machine.status.state == AgentState.ON_CALL
    machine.call_ended(answered=True)
    clock.advance(30)
    machine.tick()
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "lunch")


def test_missed_call_returns_to_previous_state(machine: AgentStateMachine) -> None:
    machine.set_not_ready("break")
    machine.call_offered()
    machine.call_ended(answered=False)
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "break")
    machine.set_ready()
    machine.call_offered()
    machine.set_not_ready("lunch")
    machine.call_ended(answered=False)
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "lunch")


def test_no_wrap_up_when_configured_zero(clock: Clock) -> None:
    m = AgentStateMachine(0, clock, frozenset({"break"}))
    m.sign_in()
    m.set_ready()
    m.dialling()
    m.call_ended(answered=True)
    assert m.status.state == AgentState.READY


def test_illegal_moves_are_refused_with_words(machine: AgentStateMachine) -> None:
    with pytest.raises(ValidationError, match="cannot answer while not ready"):
        machine.call_answered()
    with pytest.raises(ValidationError, match="'nap' is not a not-ready reason code"):
        machine.set_not_ready("nap")
    machine.set_ready()
    machine.call_offered()
    with pytest.raises(ValidationError, match="cannot sign out while ringing"):
        machine.sign_out()
    with pytest.raises(ValidationError, match="cannot extend wrap-up"):
        machine.extend_wrap_up(10)


def test_a_call_dialled_while_not_ready_ends_not_ready(
    machine: AgentStateMachine, clock: Clock
) -> None:
    """No choice during the call: the agent returns to the availability they had before it."""
    machine.set_not_ready("lunch")
    machine.dialling()
    machine.call_ended(answered=True)
    clock.advance(31)
    machine.tick()
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "lunch")


def test_a_choice_made_in_wrap_up_survives_a_call_taken_in_it(
    machine: AgentStateMachine, clock: Clock
) -> None:
    machine.set_ready()
    machine.call_offered()
    machine.call_answered()
    machine.call_ended(answered=True)
    machine.set_not_ready("break")  # during wrap-up: applies when the desk is done
    machine.call_offered()  # the next call rings in the (unprotected) wrap-up
    machine.call_answered()
    machine.call_ended(answered=True)
    clock.advance(31)
    machine.tick()
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "break")


def test_without_auto_ready_the_agent_ends_wrap_up(clock: Clock) -> None:
    machine = AgentStateMachine(30, clock, frozenset({"break"}), auto_ready=False)
    machine.sign_in()
    machine.set_ready()
    machine.call_offered()
    machine.call_answered()
    machine.call_ended(answered=True)
    clock.advance(120)
    machine.tick()
    assert machine.status.state == AgentState.WRAP_UP  # time is up, the agent has not chosen
    assert machine.wrap_up_remaining() == dt.timedelta(0)
    machine.set_not_ready("break")
    assert (machine.status.state, machine.status.reason) == (AgentState.NOT_READY, "break")
