"""What the phone tells the application: small frozen dataclasses, one per kind of news.

Events are created on the telephony thread and handed to subscribers there; they carry plain
values only (no pjsua2 objects), so they can cross to any other thread safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CallDirection",
    "CallEnded",
    "CallRefused",
    "CallState",
    "CallStateChanged",
    "DtmfMethod",
    "DtmfReceived",
    "IncomingCall",
    "Party",
    "PhoneError",
    "PhoneEvent",
    "RegistrationChanged",
    "RegistrationState",
    "TransferProgress",
]


class RegistrationState(StrEnum):
    """Where the account stands with the registrar."""

    REGISTERING = "registering"
    REGISTERED = "registered"
    UNREGISTERED = "unregistered"
    FAILED = "failed"


class CallState(StrEnum):
    """Call progress as the agent sees it; HELD is our hold, REMOTE_HELD the far end's."""

    CALLING = "calling"
    INCOMING = "incoming"
    EARLY = "early"
    CONNECTING = "connecting"
    CONFIRMED = "confirmed"
    HELD = "held"
    REMOTE_HELD = "remote_held"
    DISCONNECTED = "disconnected"


class CallDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Party(StrEnum):
    """Who ended a call."""

    LOCAL = "local"
    REMOTE = "remote"


class DtmfMethod(StrEnum):
    RFC2833 = "rfc2833"
    SIP_INFO = "sip_info"


@dataclass(frozen=True)
class RegistrationChanged:
    """Registration news. ``final`` means the phone will not retry by itself (401/403: the
    password or the account is wrong); otherwise it keeps trying with back-off."""

    state: RegistrationState
    code: int
    reason: str
    final: bool
    expires_seconds: int = 0


@dataclass(frozen=True)
class IncomingCall:
    """A call offered to the agent, with everything the screen pop needs.

    ``caller_e164`` is None when the number is withheld or cannot be normalised;
    ``waiting`` is True when the agent is already on another call (call waiting).
    ``received_monotonic`` / ``received_wall`` are ``time.monotonic()`` / ``time.time()``
    taken as the INVITE reached the phone's callback.
    """

    call_id: str
    sip_call_id: str
    caller_number: str
    caller_e164: str | None
    display_name: str
    withheld: bool
    identity_source: str
    dialled_number: str
    queue: str | None
    waited_seconds: float | None
    received_monotonic: float
    received_wall: float
    source_address: str
    waiting: bool
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CallStateChanged:
    """A call moved on (ringing, answered, held...). ``code`` is the last SIP status."""

    call_id: str
    state: CallState
    direction: CallDirection
    code: int
    reason: str


@dataclass(frozen=True)
class CallEnded:
    """A call is over and released. ``answered`` says whether it ever connected, so an
    inbound call ended by the remote party before answer is an abandoned call."""

    call_id: str
    direction: CallDirection
    code: int
    reason: str
    ended_by: Party
    answered: bool
    duration_seconds: float


@dataclass(frozen=True)
class CallRefused:
    """An INVITE the phone turned away before offering it (not from our proxy, flood, busy)."""

    source_address: str
    code: int
    reason: str
    sip_call_id: str


@dataclass(frozen=True)
class DtmfReceived:
    call_id: str
    digit: str
    method: DtmfMethod


@dataclass(frozen=True)
class TransferProgress:
    """NOTIFY progress of a transfer we started; ``final`` with a 2xx code means done."""

    call_id: str
    code: int
    reason: str
    final: bool


@dataclass(frozen=True)
class PhoneError:
    """Something failed inside the phone (a pjsua2 callback or an action); logged too."""

    where: str
    message: str
    call_id: str | None = None


PhoneEvent = (
    RegistrationChanged
    | IncomingCall
    | CallStateChanged
    | CallEnded
    | CallRefused
    | DtmfReceived
    | TransferProgress
    | PhoneError
)
