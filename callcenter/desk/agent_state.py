"""The agent's state machine: offline, ready, not ready (with a reason), ringing, on call,
wrap-up. Qt-free and clock-driven so it is tested without a GUI or a phone.

Calls move the state (offered -> ringing, answered -> on call, ended -> wrap-up or back);
the agent moves it by choosing Ready / Not ready; the wrap-up countdown ends on ``tick``.
After a call the agent returns to the availability they chose: the one chosen during the
call or wrap-up, else the one they had before it (a call dialled while Not ready ends Not
ready, not Ready).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_

#: The reason of the Not ready a sign-in starts in (a code like the dictionary's, worded by
#: the core's catalogue).
SIGNED_IN = N_("signed in")


class AgentState(StrEnum):
    OFFLINE = "offline"
    READY = "ready"
    NOT_READY = "not_ready"
    RINGING = "ringing"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"


@dataclass(frozen=True)
class Status:
    """Where the agent is, why, since when; the wrap-up deadline while in wrap-up."""

    state: AgentState
    since: dt.datetime
    reason: str | None = None
    wrap_up_until: dt.datetime | None = None
    after_call: AgentState | None = None
    after_call_reason: str | None = None


class IllegalTransitionError(ValidationError):
    def __init__(self, action: str, state: AgentState) -> None:
        super().__init__("state", f"cannot {action} while {state.value.replace('_', ' ')}")


class AgentStateMachine:
    """Holds the current Status and tells listeners of every change.

    Listeners are called synchronously with the new Status on the caller's thread.
    """

    def __init__(
        self,
        wrap_up_seconds: int,
        clock: Callable[[], dt.datetime],
        reason_codes: frozenset[str],
        *,
        auto_ready: bool = True,
    ) -> None:
        """``auto_ready``: the wrap-up ends by itself when its time is up; without it, it
        lasts until the agent chooses Ready or Not ready (or saves with Save & Ready)."""
        self.wrap_up_seconds = wrap_up_seconds
        self.auto_ready = auto_ready
        self._clock = clock
        self._reasons = reason_codes
        self._listeners: list[Callable[[Status], None]] = []
        self._status = Status(AgentState.OFFLINE, clock())
        self._before_ringing: Status | None = None
        #: The last Ready / Not ready the agent was in: where a call without a choice ends.
        self._availability = Status(AgentState.READY, clock())

    @property
    def status(self) -> Status:
        return self._status

    def subscribe(self, listener: Callable[[Status], None]) -> None:
        self._listeners.append(listener)

    def _set(self, status: Status) -> None:
        self._status = status
        if status.state in (AgentState.READY, AgentState.NOT_READY):
            self._availability = status
        for listener in self._listeners:
            listener(status)

    def _go(self, state: AgentState, reason: str | None = None) -> None:
        self._set(Status(state, self._clock(), reason))

    def _require(self, action: str, *allowed: AgentState) -> None:
        if self._status.state not in allowed:
            raise IllegalTransitionError(action, self._status.state)

    def sign_in(self) -> None:
        self._require("sign in", AgentState.OFFLINE)
        self._go(AgentState.NOT_READY, SIGNED_IN)

    def sign_out(self) -> None:
        self._require("sign out", AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP)
        self._go(AgentState.OFFLINE)

    def set_ready(self) -> None:
        """Ready for the next call; in wrap-up this is "Save & Ready"."""
        state = self._status.state
        if state in (AgentState.ON_CALL, AgentState.RINGING):
            self._set(replace(self._status, after_call=AgentState.READY, after_call_reason=None))
            return
        self._require("become ready", AgentState.NOT_READY, AgentState.WRAP_UP, AgentState.READY)
        self._go(AgentState.READY)

    def set_not_ready(self, reason: str) -> None:
        if reason not in self._reasons:
            raise ValidationError(
                "reason", N_("{reason!r} is not a not-ready reason code"), reason=reason
            )
        state = self._status.state
        if state == AgentState.WRAP_UP and not self.auto_ready:
            self._go(AgentState.NOT_READY, reason)  # the agent ends their wrap-up themselves
            return
        if state in (AgentState.ON_CALL, AgentState.RINGING, AgentState.WRAP_UP):
            self._set(
                replace(self._status, after_call=AgentState.NOT_READY, after_call_reason=reason)
            )
            return
        self._require("go not ready", AgentState.READY, AgentState.NOT_READY)
        self._go(AgentState.NOT_READY, reason)

    def call_offered(self) -> None:
        self._require("take a call", AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP)
        self._before_ringing = self._status
        self._go_keeping_choice(AgentState.RINGING)

    def call_answered(self) -> None:
        self._require("answer", AgentState.RINGING)
        pending = self._status
        self._set(
            Status(
                AgentState.ON_CALL,
                self._clock(),
                after_call=pending.after_call,
                after_call_reason=pending.after_call_reason,
            )
        )

    def dialling(self) -> None:
        """An outbound call (click-to-dial) puts the agent on the call at once."""
        self._require("dial", AgentState.READY, AgentState.NOT_READY, AgentState.WRAP_UP)
        self._go_keeping_choice(AgentState.ON_CALL)

    def _go_keeping_choice(self, state: AgentState) -> None:
        """Into a call; a choice made during the wrap-up it interrupts still applies after."""
        before = self._status
        self._set(
            Status(
                state,
                self._clock(),
                after_call=before.after_call,
                after_call_reason=before.after_call_reason,
            )
        )

    def call_ended(self, answered: bool, wrap_up_seconds: int | None = None) -> None:
        """Unanswered: back to where the agent was. Answered: wrap-up (or straight on), for
        ``wrap_up_seconds`` when the call's queue sets its own, else the desk's."""
        state = self._status.state
        if state == AgentState.RINGING and not answered:
            self._missed()
            return
        self._require("end a call", AgentState.ON_CALL, AgentState.RINGING)
        seconds = self.wrap_up_seconds if wrap_up_seconds is None else wrap_up_seconds
        if seconds == 0:
            self._apply_after_call()
            return
        now = self._clock()
        self._set(
            Status(
                AgentState.WRAP_UP,
                now,
                wrap_up_until=now + dt.timedelta(seconds=seconds),
                after_call=self._status.after_call,
                after_call_reason=self._status.after_call_reason,
            )
        )

    def _missed(self) -> None:
        """A call that rang out: back where the agent was, honouring a choice made meanwhile."""
        before = self._before_ringing or Status(AgentState.READY, self._clock())
        pending = self._status
        if pending.after_call is None:
            self._set(before)
        elif before.state == AgentState.WRAP_UP:
            self._set(
                replace(
                    before,
                    after_call=pending.after_call,
                    after_call_reason=pending.after_call_reason,
                )
            )
        else:
            self._set(pending)
            self._apply_after_call()

    def extend_wrap_up(self, seconds: int) -> None:
        self._require("extend wrap-up", AgentState.WRAP_UP)
        if seconds <= 0:
            raise ValidationError("seconds", N_("must be positive"))
        until = self._status.wrap_up_until or self._clock()
        self._set(replace(self._status, wrap_up_until=until + dt.timedelta(seconds=seconds)))

    def wrap_up_remaining(self) -> dt.timedelta | None:
        until = self._status.wrap_up_until
        if self._status.state != AgentState.WRAP_UP or until is None:
            return None
        return max(until - self._clock(), dt.timedelta(0))

    def tick(self) -> None:
        """Called once a second by the UI: ends a wrap-up whose countdown has run out (unless
        the agent ends wrap-up themselves, ``auto_ready`` off)."""
        remaining = self.wrap_up_remaining()
        if self.auto_ready and remaining is not None and remaining <= dt.timedelta(0):
            self._apply_after_call()

    def _apply_after_call(self) -> None:
        if self._status.after_call is None:
            self._go(self._availability.state, self._availability.reason)
            return
        target = self._status.after_call
        self._go(target, self._status.after_call_reason if target == AgentState.NOT_READY else None)
