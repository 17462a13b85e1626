"""Which calls may ring: every agent state, with and without a protected wrap-up."""

from __future__ import annotations

import datetime as dt

import pytest

from callcenter.desk.admission import Refusal, admit
from callcenter.desk.agent_state import AgentState, Status

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("state", "protect", "busy", "expected"),
    [
        (AgentState.READY, False, False, None),
        (AgentState.READY, True, False, None),
        (AgentState.WRAP_UP, False, False, None),
        (AgentState.WRAP_UP, True, False, Refusal(480, "wrap_up")),
        (AgentState.NOT_READY, False, False, Refusal(480, "not_ready")),
        (AgentState.OFFLINE, False, False, Refusal(480, "offline")),
        (AgentState.RINGING, False, True, Refusal(486, "on_call")),
        (AgentState.ON_CALL, False, True, Refusal(486, "on_call")),
        # A consultation leg is up while the state still says wrap-up: the agent is busy.
        (AgentState.WRAP_UP, False, True, Refusal(486, "on_call")),
        (AgentState.READY, False, True, Refusal(486, "on_call")),
    ],
)
def test_who_may_ring(
    state: AgentState, protect: bool, busy: bool, expected: Refusal | None
) -> None:
    """With ``busy_response = 480`` configured: an agent who is simply busy always says 486."""
    got = admit(Status(state, NOW), busy_on_call=busy, protect_wrap_up=protect, busy_response=480)
    assert got == expected


def test_the_default_response_is_busy_here() -> None:
    refusal = admit(
        Status(AgentState.NOT_READY, NOW, "lunch"), busy_on_call=False, protect_wrap_up=False
    )
    assert refusal == Refusal(486, "not_ready")
