"""An agent's desk: phone events in, agent state, screen pops and call logs out.

Qt-free. The UI feeds it phone events on the GUI thread (re-emitted from the phone's own
thread as queued signals) and listens for ``DeskEvent``s. Reads and writes go to the local
store, so nothing here waits on the network.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from callcenter.desk.admission import BUSY_RESPONSES, Refusal, admit
from callcenter.desk.agent_state import AgentState, AgentStateMachine, Status
from callcenter.desk.ending import ending_words
from callcenter.desk.refusal_log import RefusalLog
from callcenter.desk.screenpop import CallerInfo, PopKind, ScreenPop, pop_for
from callcenter.platform import audit
from callcenter.platform.collector import collector_paused
from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import QueueInfo, queue_named, queues
from callcenter.platform.errors import NotFoundError, ServiceError, ValidationError
from callcenter.platform.event_log import EventLog
from callcenter.platform.messages import N_, _, words
from callcenter.platform.records import InteractionView
from callcenter.presence.heartbeat import Presence
from callcenter.work import drafts
from callcenter.work.interactions import NewInteraction
from db.enums import Channel, Direction
from telephony.events import (
    CallEnded,
    CallRefused,
    CallState,
    CallStateChanged,
    IncomingCall,
    PhoneError,
    PhoneEvent,
    RegistrationChanged,
    RegistrationState,
    TransferProgress,
)
from telephony.phone import Phone

log = logging.getLogger(__name__)


@dataclass
class CallSession:
    """One call on this desk, from offer to saved log."""

    call_id: str
    direction: Direction
    caller: CallerInfo
    offered_at: dt.datetime
    received_monotonic: float
    pop: ScreenPop | None = None
    answered_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    customer_id: uuid.UUID | None = None
    callback_id: uuid.UUID | None = None
    held: bool = False
    muted: bool = False
    ended: bool = False
    logged: bool = False
    queue_id: uuid.UUID | None = None
    consult_for: str | None = None
    interaction_ids: list[uuid.UUID] = field(default_factory=list)
    waited_seconds: int | None = None
    sip_call_id: str | None = None
    #: When the GUI thread took the ringing call up, and when its pop had been read: with
    #: ``received_monotonic`` (the phone's callback began) and the paint they split the pop's
    #: latency into its parts.
    taken_monotonic: float | None = None
    read_monotonic: float | None = None


def presence_of(user_id: uuid.UUID, status: Status, live_calls: Sequence[CallSession]) -> Presence:
    """The presence for an agent's status and the calls still up on the desk (newest wins)."""
    call = max(live_calls, key=lambda c: c.offered_at, default=None)
    if call is None:
        return Presence(user_id, status.state.value, status.reason, status.since)
    caller = call.caller
    shown = caller.display_name or caller.number_e164 or caller.number_raw
    return Presence(
        user_id,
        status.state.value,
        status.reason,
        status.since,
        call_id=call.call_id,
        call_caller="withheld" if caller.withheld else shown,
        call_queue_id=call.queue_id,
        call_offered_at=call.offered_at,
        call_answered_at=call.answered_at,
        call_waited_seconds=call.waited_seconds,
    )


@dataclass(frozen=True)
class CallOffered:
    call_id: str
    pop: ScreenPop


@dataclass(frozen=True)
class CallChanged:
    call_id: str
    state: CallState


@dataclass(frozen=True)
class CallFinished:
    """A call is over: ``words`` say how for the agent, ``code`` and ``reason`` are SIP's."""

    call_id: str
    answered: bool
    reason: str
    needs_log: bool
    words: str = ""
    code: int = 0


@dataclass(frozen=True)
class RegistrationNews:
    state: RegistrationState
    reason: str
    final: bool


@dataclass(frozen=True)
class StateNews:
    status: Status


@dataclass(frozen=True)
class Problem:
    message: str


@dataclass(frozen=True)
class TransferNews:
    """How a transfer the agent started is going, in words; ``final`` once it is settled
    (``done`` says whether the caller went to the target)."""

    call_id: str
    words: str
    final: bool
    done: bool = False


DeskEvent = (
    CallOffered | CallChanged | CallFinished | RegistrationNews | StateNews | Problem | TransferNews
)


#: A transfer's final answer, in words.
_TRANSFER_FAILURES = {
    403: N_("refused"),
    404: N_("no such number"),
    405: N_("the phone system does not allow transfers"),
    480: N_("no answer"),
    486: N_("busy"),
    487: N_("cancelled"),
    501: N_("the phone system does not allow transfers"),
    603: N_("declined"),
}


class Desk:
    """The signed-in agent's desk; every method runs on the GUI thread."""

    def __init__(
        self,
        ctx: ServiceContext,
        state: AgentStateMachine,
        phone: Phone | None,
        events: EventLog,
        monotonic: Callable[[], float] = time.monotonic,
        *,
        busy_response: int = 486,
    ) -> None:
        if busy_response not in BUSY_RESPONSES:
            raise ValueError(f"busy_response must be one of {BUSY_RESPONSES}")
        self.ctx = ctx
        self.state = state
        self.phone = phone
        self.events = events
        self.refusals = RefusalLog(events)
        self._monotonic = monotonic
        #: What a call the agent cannot take is answered with (the queue moves on).
        self.busy_response = busy_response
        self.calls: dict[str, CallSession] = {}
        self._queues: dict[str | None, QueueInfo | None] = {}
        #: Where each call being transferred is going (for the words of its progress).
        self._transfer_targets: dict[str, str] = {}
        self._listeners: list[Callable[[DeskEvent], None]] = []
        #: What supervisors see of this desk; replaced whole (never mutated) so the
        #: replicator's thread can read it while the GUI thread works.
        self.presence: Presence | None = None
        state.subscribe(self._on_state)
        self._refresh_presence()

    def subscribe(self, listener: Callable[[DeskEvent], None]) -> None:
        self._listeners.append(listener)

    def _emit(self, event: DeskEvent) -> None:
        self._refresh_presence()
        for listener in self._listeners:
            listener(event)

    def _refresh_presence(self) -> None:
        if self.ctx.actor is not None:
            live = [c for c in self.calls.values() if not c.ended and c.consult_for is None]
            self.presence = presence_of(self.ctx.actor.user_id, self.state.status, live)

    def _on_state(self, status: Status) -> None:
        self.events.write("agent.state", state=status.state, reason=status.reason)
        try:
            audit.note(
                self.ctx, "state", "agent", after={"state": status.state, "reason": status.reason}
            )
        except (ServiceError, SQLAlchemyError) as exc:
            self._emit(
                Problem(words(N_("could not record the state change: {error}"), {"error": exc}))
            )
        self._emit(StateNews(status))

    def session(self, call_id: str) -> CallSession:
        try:
            return self.calls[call_id]
        except KeyError:
            raise NotFoundError(N_("no call {call_id} on this desk"), call_id=call_id) from None

    def _phone(self) -> Phone:
        if self.phone is None:
            raise ServiceError(N_("no softphone is configured on this desk"))
        return self.phone

    # Phone events -------------------------------------------------------------------------

    def handle(self, event: PhoneEvent) -> None:
        """Apply one phone event; unknown kinds are ignored, errors become Problems."""
        self.refusals.flush()
        if isinstance(event, IncomingCall):
            self._incoming(event)
        elif isinstance(event, CallStateChanged):
            self._state_changed(event)
        elif isinstance(event, CallEnded):
            self._ended(event)
        elif isinstance(event, RegistrationChanged):
            self.events.write(
                "sip.registration", state=event.state, code=event.code, reason=event.reason
            )
            self._emit(RegistrationNews(event.state, event.reason, event.final))
        elif isinstance(event, TransferProgress):
            self._transfer_progress(event)
        elif isinstance(event, CallRefused):
            # The phone turned it away before anyone saw it (not from the proxy, a flood).
            self.refusals.write(
                sip_call_id=event.sip_call_id,
                code=event.code,
                cause=event.reason,
                source=event.source_address,
            )
        elif isinstance(event, PhoneError):
            self._emit(Problem(words(N_("phone: {error}"), {"error": event.message})))

    def _incoming(self, event: IncomingCall) -> None:
        taken = self._monotonic()
        queue = self._queue(event.queue or event.dialled_number)
        status = self.state.status
        refusal = admit(
            status,
            busy_on_call=any(not c.ended for c in self.calls.values()),
            protect_wrap_up=queue is not None and queue.protect_wrap_up,
            busy_response=self.busy_response,
        )
        if refusal is not None:
            self._refuse(event, status, refusal)
            return
        # No cyclic collection between the ring and the painted pop: the pop's short-lived
        # objects set them off (about 2 ms a pop, a full one 110 ms at a million customers);
        # paused, they run just after the paint instead.
        with collector_paused():
            self._offer(event, queue, taken)
        # Only now the state change: it writes (the audit entry), and a write can wait for
        # the replicator's lock or run a WAL checkpoint, and wakes the replicator. Between
        # the ring and the painted pop the desk only reads.
        self.state.call_offered()

    def _refuse(self, event: IncomingCall, status: Status, refusal: Refusal) -> None:
        """Turn the call away at once, so the phone system offers it to the next agent."""
        if self.phone is not None:
            self.phone.reject(event.call_id, refusal.code)
        self.refusals.write(
            call_id=event.call_id,
            sip_call_id=event.sip_call_id,
            caller_e164=event.caller_e164,
            queue=event.queue,
            code=refusal.code,
            cause=refusal.reason,
            source=event.source_address,
            state=status.state,
            reason=status.reason,
        )

    def _offer(self, event: IncomingCall, queue: QueueInfo | None, taken: float) -> None:
        """The call joins the desk and its pop is built and offered (the UI paints it)."""
        caller = CallerInfo(
            call_id=event.call_id,
            number_raw=event.caller_number or None,
            number_e164=event.caller_e164,
            display_name=event.display_name or None,
            withheld=event.withheld,
            dialled_number=event.dialled_number or None,
            queue=event.queue,
        )
        self.events.write(
            "call.incoming",
            call_id=event.call_id,
            sip_call_id=event.sip_call_id,
            caller_raw=event.caller_number,
            caller_e164=event.caller_e164,
            display_name=event.display_name,
            queue=event.queue,
            dialled=event.dialled_number,
        )
        session = CallSession(
            call_id=event.call_id,
            direction=Direction.INBOUND,
            caller=caller,
            offered_at=dt.datetime.fromtimestamp(event.received_wall, dt.UTC),
            received_monotonic=event.received_monotonic,
            queue_id=queue.id if queue is not None else None,
            waited_seconds=None if event.waited_seconds is None else round(event.waited_seconds),
            sip_call_id=event.sip_call_id or None,
            taken_monotonic=taken,
        )
        self.calls[event.call_id] = session
        try:
            session.pop = pop_for(self.ctx, caller)
        except Exception as exc:  # the store failed: the call still rings, as an unknown one
            log.exception("screen pop failed for %s", event.call_id)
            self.events.write("screenpop.failed", call_id=event.call_id, error=str(exc))
            session.pop = ScreenPop(caller, PopKind.UNKNOWN, (), None)
        session.read_monotonic = self._monotonic()
        if session.pop.record is not None:
            session.customer_id = session.pop.record.profile.id
        self._emit(CallOffered(event.call_id, session.pop))

    def _queue_by_id(self, queue_id: uuid.UUID | None) -> QueueInfo | None:
        if queue_id is None:
            return None
        known = [q for q in self._queues.values() if q is not None and q.id == queue_id]
        return next(iter(known or [q for q in queues(self.ctx) if q.id == queue_id]), None)

    def _outcome_required(self, queue_id: uuid.UUID | None) -> bool:
        queue = self._queue_by_id(queue_id)
        return queue.outcome_required if queue is not None else True

    def _queue(self, name: str | None) -> QueueInfo | None:
        """The queue a call names; the dictionary is read once per desk, not once per ring."""
        if name not in self._queues:
            self._queues[name] = queue_named(self.ctx, name)
        return self._queues[name]

    def pop_shown(self, call_id: str) -> float:
        """The UI painted the pop: log the latency from the INVITE's arrival, in ms, and its
        parts: the phone's own handling and the hand-over to the GUI thread, reading the
        store, and building and painting."""
        session = self.session(call_id)
        painted = self._monotonic()
        latency_ms = (painted - session.received_monotonic) * 1000
        customer_ids = session.pop.customer_ids if session.pop else ()
        parts: dict[str, float] = {}
        if session.taken_monotonic is not None and session.read_monotonic is not None:
            parts = {
                "queued_ms": round(
                    (session.taken_monotonic - session.received_monotonic) * 1000, 3
                ),
                "read_ms": round((session.read_monotonic - session.taken_monotonic) * 1000, 3),
                "paint_ms": round((painted - session.read_monotonic) * 1000, 3),
            }
        self.events.write(
            "screenpop.shown",
            call_id=call_id,
            customer_ids=customer_ids,
            kind=session.pop.kind if session.pop else None,
            latency_ms=round(latency_ms, 3),
            **parts,
        )
        return latency_ms

    def _state_changed(self, event: CallStateChanged) -> None:
        session = self.calls.get(event.call_id)
        if session is None:
            return
        if event.state == CallState.CONFIRMED and session.answered_at is None:
            session.answered_at = self.ctx.clock()
            if self.state.status.state == AgentState.RINGING:
                self.state.call_answered()
            self.events.write("call.answered", call_id=event.call_id)
        session.held = event.state == CallState.HELD
        self._emit(CallChanged(event.call_id, event.state))

    def _ended(self, event: CallEnded) -> None:
        session = self.calls.get(event.call_id)
        if session is None:
            return
        if session.consult_for is not None:
            # A consultation leg is part of the caller's call: no log of its own.
            self.calls.pop(event.call_id, None)
            self.events.write("call.ended", call_id=event.call_id, consult=True, code=event.code)
            self._emit(
                CallFinished(
                    event.call_id,
                    event.answered,
                    event.reason,
                    False,
                    ending_words(event),
                    event.code,
                )
            )
            return
        session.ended = True
        session.ended_at = self.ctx.clock()
        self.events.write(
            "call.ended",
            call_id=event.call_id,
            reason=event.reason,
            code=event.code,
            ended_by=event.ended_by,
            answered=event.answered,
        )
        if self.state.status.state in (AgentState.RINGING, AgentState.ON_CALL):
            queue = self._queue_by_id(session.queue_id)
            self.state.call_ended(event.answered, queue.wrap_up_seconds if queue else None)
        needs_log = event.answered or session.direction == Direction.OUTBOUND
        if not needs_log:
            self._log_missed(session)
        self._emit(
            CallFinished(
                event.call_id,
                event.answered,
                event.reason,
                needs_log,
                ending_words(event),
                event.code,
            )
        )

    def _log_missed(self, session: CallSession) -> None:
        """An inbound call that was never answered is still a contact: record it, with what
        the agent typed while it rang, and drop its draft in the same transaction (left, it came
        back after the call as an "unsaved log from an earlier session")."""
        draft = drafts.load_draft(self.ctx, session.call_id)
        notes = draft.notes if draft is not None else ""
        try:
            view = drafts.save_as_interaction(
                self.ctx, session.call_id, self._interaction(session, None, notes)
            )
        except ServiceError as exc:
            self._emit(
                Problem(words(N_("could not record the missed call: {error}"), {"error": exc}))
            )
            return
        session.logged = True
        session.interaction_ids.append(view.id)
        self.events.write("interaction.saved", id=view.id, call_id=session.call_id, missed=True)
        self.calls.pop(session.call_id, None)

    # Agent actions ------------------------------------------------------------------------

    def answer(self, call_id: str) -> None:
        self.session(call_id)
        self._phone().answer(call_id)

    def reject(self, call_id: str, code: int = 486) -> None:
        self.session(call_id)
        self._phone().reject(call_id, code)

    def hangup(self, call_id: str) -> None:
        self.session(call_id)
        self._phone().hangup(call_id)

    def toggle_hold(self, call_id: str) -> None:
        session = self.session(call_id)
        if session.held:
            self._phone().unhold(call_id)
        else:
            self._phone().hold(call_id)

    def toggle_mute(self, call_id: str) -> bool:
        session = self.session(call_id)
        session.muted = not session.muted
        if session.muted:
            self._phone().mute(call_id)
        else:
            self._phone().unmute(call_id)
        return session.muted

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self.session(call_id)
        self._phone().send_dtmf(call_id, digits)

    def blind_transfer(self, call_id: str, target: str) -> None:
        self.session(call_id)
        self._phone().blind_transfer(call_id, target)
        self._transfer_targets[call_id] = target
        self._emit(TransferNews(call_id, _transferring(target), final=False))

    def consult(self, call_id: str, target: str) -> str:
        """Attended transfer, first half: hold the caller and call the colleague."""
        session = self.session(call_id)
        phone = self._phone()
        if not session.held:
            phone.hold(call_id)
        consult_id = phone.dial(target)
        self.calls[consult_id] = CallSession(
            call_id=consult_id,
            direction=Direction.OUTBOUND,
            caller=CallerInfo(consult_id, target, None, None, False),
            offered_at=self.ctx.clock(),
            received_monotonic=self._monotonic(),
            consult_for=call_id,
        )
        self.events.write("call.consult", call_id=call_id, consult_id=consult_id, target=target)
        return consult_id

    def consultation(self, call_id: str) -> CallSession | None:
        """The live consultation leg of ``call_id``, if the agent started one."""
        return next(
            (s for s in self.calls.values() if s.consult_for == call_id and not s.ended), None
        )

    def complete_transfer(self, call_id: str) -> None:
        """Attended transfer, second half: join the caller to the colleague (REFER/Replaces)."""
        consult = self.consultation(call_id)
        if consult is None:
            raise ServiceError(N_("there is no consultation call to transfer to"))
        self._phone().attended_transfer(call_id, consult.call_id)
        target = consult.caller.number_raw or _("your colleague")
        self._transfer_targets[call_id] = target
        joining = words(N_("Joining the caller to {target}…"), {"target": target})
        self._emit(TransferNews(call_id, joining, final=False))

    def _transfer_progress(self, event: TransferProgress) -> None:
        self.events.write(
            "call.transfer", call_id=event.call_id, code=event.code, final=event.final
        )
        target = self._transfer_targets.get(event.call_id) or _("the target")
        if event.final and 200 <= event.code < 300:
            consult = self.consultation(event.call_id)
            if consult is not None and self.phone is not None:
                self.phone.hangup(consult.call_id)
            self._transfer_targets.pop(event.call_id, None)
            done = words(N_("Transferred to {target}"), {"target": target})
            news = TransferNews(event.call_id, done, final=True, done=True)
        elif event.final:
            self._transfer_targets.pop(event.call_id, None)
            known = _TRANSFER_FAILURES.get(event.code)
            why = _(known) if known else f"{event.code} {event.reason}".strip()
            news = TransferNews(
                event.call_id,
                words(
                    N_("The transfer to {target} failed ({why}); the caller is still with you"),
                    {"target": target, "why": why},
                ),
                final=True,
            )
        elif event.code in (180, 183):
            ringing = words(N_("{target} is ringing…"), {"target": target})
            news = TransferNews(event.call_id, ringing, final=False)
        else:
            news = TransferNews(event.call_id, _transferring(target), False)
        self._emit(news)

    def dial(
        self,
        number: str,
        customer_id: uuid.UUID | None = None,
        callback_id: uuid.UUID | None = None,
    ) -> str:
        """Click-to-dial: call ``number``; the log links the customer and the callback."""
        call_id = self._phone().dial(number)
        caller = CallerInfo(call_id, number, None, None, False)
        self.calls[call_id] = CallSession(
            call_id=call_id,
            direction=Direction.OUTBOUND,
            caller=caller,
            offered_at=self.ctx.clock(),
            received_monotonic=self._monotonic(),
            customer_id=customer_id,
            callback_id=callback_id,
        )
        if self.state.status.state in (
            AgentState.READY,
            AgentState.NOT_READY,
            AgentState.WRAP_UP,
        ):
            self.state.dialling()
        self.events.write("call.dialled", call_id=call_id, number=number)
        return call_id

    def _interaction(
        self,
        session: CallSession,
        disposition_code: str | None,
        notes: str,
        service_request_id: uuid.UUID | None = None,
    ) -> NewInteraction:
        return NewInteraction(
            channel=Channel.PHONE,
            direction=session.direction,
            offered_at=session.offered_at,
            answered_at=session.answered_at,
            ended_at=session.ended_at,
            customer_id=session.customer_id,
            sip_call_id=session.sip_call_id,
            queue_id=session.queue_id,
            caller_number=session.caller.number_e164 or session.caller.number_raw,
            dialled_number=session.caller.dialled_number,
            disposition_code=disposition_code,
            notes=notes,
            callback_id=session.callback_id,
            service_request_id=service_request_id,
            queue_wait_seconds=session.waited_seconds,
        )

    def save_draft(self, call_id: str, notes: str, disposition_code: str | None) -> None:
        """Called on every pause in typing: the words reach the disk, not just memory."""
        session = self.session(call_id)
        drafts.save_draft(
            self.ctx,
            call_id,
            notes=notes,
            disposition_code=disposition_code,
            call_id=call_id,
            customer_id=session.customer_id,
            caller_number=session.caller.number_e164 or session.caller.number_raw,
            direction=session.direction,
            started_at=session.offered_at,
            answered_at=session.answered_at,
        )

    def save_log(
        self,
        call_id: str,
        disposition_code: str | None,
        notes: str,
        service_request_id: uuid.UUID | None = None,
        and_ready: bool = False,
    ) -> InteractionView:
        """Save the call's log (dropping its draft); "Save & Ready" also ends wrap-up. The
        outcome is required unless the call's queue says it is not (a call with no queue,
        outbound or recovered, needs one)."""
        session = self.session(call_id)
        if not disposition_code and self._outcome_required(session.queue_id):
            raise ValidationError("disposition", N_("choose the call's outcome before saving"))
        item = self._interaction(session, disposition_code, notes, service_request_id)
        view = drafts.save_as_interaction(self.ctx, call_id, item)
        session.logged = True
        session.interaction_ids.append(view.id)
        self.events.write("interaction.saved", id=view.id, call_id=call_id)
        if session.ended:
            self.calls.pop(call_id, None)
        if and_ready and self.state.status.state in (AgentState.WRAP_UP, AgentState.NOT_READY):
            self.state.set_ready()
        return view

    def choose_customer(self, call_id: str, customer_id: uuid.UUID) -> None:
        """The agent picked a customer (from the chooser, quick-create or attach)."""
        self.session(call_id).customer_id = customer_id

    def recover(self, draft: drafts.Draft) -> CallSession:
        """A log typed before a crash or a closed window becomes an unlogged call again."""
        number = draft.caller_number
        session = CallSession(
            call_id=draft.key,
            direction=draft.direction or Direction.INBOUND,
            caller=CallerInfo(draft.key, number, number, None, number is None),
            offered_at=draft.started_at,
            received_monotonic=self._monotonic(),
            answered_at=draft.answered_at,
            ended_at=draft.updated_at,
            customer_id=draft.customer_id,
            ended=True,
        )
        self.calls[draft.key] = session
        return session

    def unlogged_calls(self) -> list[CallSession]:
        return [s for s in self.calls.values() if s.ended and not s.logged]


def _transferring(target: str) -> str:
    return words(N_("Transferring the caller to {target}…"), {"target": target})
