"""Whether an incoming call may ring on this desk, decided from the agent's state alone.

A desk that cannot take a call answers at once with a SIP response that tells the phone
system to offer it to the next agent (486 Busy Here by default, or 480 Temporarily
Unavailable), instead of letting the caller ring out: an agent who is Not ready, offline,
already on a call, or in a wrap-up that the call's queue protects.
"""

from __future__ import annotations

from dataclasses import dataclass

from callcenter.desk.agent_state import AgentState, Status

#: The responses a desk may turn a call away with: both make a queue try the next agent.
BUSY_RESPONSES = (486, 480)


@dataclass(frozen=True)
class Refusal:
    """Why the call is turned away: the SIP code sent and a reason for the event log."""

    code: int
    reason: str


def admit(
    status: Status, *, busy_on_call: bool, protect_wrap_up: bool, busy_response: int = 486
) -> Refusal | None:
    """None when the call may ring; else how to refuse it.

    ``busy_on_call``: another call is ringing or up on the desk. ``protect_wrap_up``: the
    call's queue turns calls away from an agent still wrapping up the last one.
    """
    state = status.state
    if state == AgentState.OFFLINE:
        return Refusal(busy_response, "offline")
    if state == AgentState.NOT_READY:
        return Refusal(busy_response, "not_ready")
    if busy_on_call or state in (AgentState.RINGING, AgentState.ON_CALL):
        return Refusal(486, "on_call")
    if state == AgentState.WRAP_UP and protect_wrap_up:
        return Refusal(busy_response, "wrap_up")
    return None
