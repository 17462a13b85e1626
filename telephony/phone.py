"""The softphone as the rest of the application sees it: actions in, events out.

``Phone`` is a Protocol so the core and the UI depend on this shape, not on pjsua2; the one
real implementation is ``telephony.pjsua_phone.PjsuaPhone``. Actions only post work and
return at once (they never wait on the network); results arrive as events from
``telephony.events`` on the phone's own thread, so subscribers must be quick and thread-safe
(the UI re-emits them as queued Qt signals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from telephony.events import DtmfMethod, PhoneEvent

#: The responses an offered call may be declined with.
REJECT_CODES = frozenset({486, 480, 603})

__all__ = ["Normaliser", "Phone", "Subscriber"]

Subscriber = Callable[[PhoneEvent], None]
# Turns a raw caller number into E.164 or None; injected so telephony needs no app config.
Normaliser = Callable[[str], str | None]


class Phone(Protocol):
    """One SIP account's softphone. Call ids are the phone's own strings (stable for the life
    of a call, unlike pjsua2's recycled integers); ``dial`` returns one before the call exists.
    """

    def start(self) -> None:
        """Bring the SIP stack up (local work only; raises if it cannot)."""

    def close(self) -> None:
        """Hang up everything and shut the stack down; safe to call twice."""

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Receive every event; returns a function that unsubscribes."""

    def register(self, password: str) -> None: ...

    def unregister(self) -> None: ...

    def network_changed(self) -> None:
        """The network came back or moved: re-register and refresh calls."""

    def send_ringing(self, call_id: str) -> None: ...

    def answer(self, call_id: str) -> None: ...

    def reject(self, call_id: str, code: int = 486) -> None:
        """Decline an offered call: 486 Busy Here, 480 Temporarily Unavailable (both let a
        queue offer it to the next agent), or 603 Decline."""

    def hangup(self, call_id: str) -> None: ...

    def hold(self, call_id: str) -> None: ...

    def unhold(self, call_id: str) -> None: ...

    def mute(self, call_id: str) -> None:
        """Stop sending the agent's audio on this call (the far end hears silence)."""

    def unmute(self, call_id: str) -> None: ...

    def send_dtmf(self, call_id: str, digits: str, method: DtmfMethod = DtmfMethod.RFC2833) -> None:
        """Send digits in the media (RFC 2833) or as SIP INFO requests."""

    def blind_transfer(self, call_id: str, target: str) -> None: ...

    def attended_transfer(self, call_id: str, consult_call_id: str) -> None:
        """Join the caller on ``call_id`` to the party on ``consult_call_id`` (REFER with
        Replaces)."""

    def dial(self, target: str) -> str:
        """Start an outbound call to a number or SIP URI; returns its call id at once."""
