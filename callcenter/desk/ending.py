"""How a call ended, in the words an agent uses ("The caller hung up", "Busy"), from the SIP
code and who ended it; the code itself stays for a tooltip and the event log."""

from __future__ import annotations

from telephony.events import CallDirection, CallEnded, Party

_OUTBOUND_FAILURES = {
    486: "Busy",
    600: "Busy",
    480: "No answer",
    408: "No answer",
    487: "No answer",
    404: "The number does not exist",
    484: "The number is incomplete",
    604: "The number does not exist",
    403: "The call was refused",
    603: "The call was declined",
}


def ending_words(ended: CallEnded) -> str:
    """A sentence for the call panel once ``ended`` is over."""
    inbound = ended.direction == CallDirection.INBOUND
    if ended.answered:
        if ended.ended_by == Party.LOCAL:
            return "You ended the call"
        return "The caller hung up" if inbound else "The customer hung up"
    return _unanswered_inbound(ended) if inbound else _unanswered_outbound(ended)


def _unanswered_inbound(ended: CallEnded) -> str:
    if ended.ended_by == Party.LOCAL:
        return "You declined the call"
    if ended.code == 408:
        return "The call was not answered in time"
    return "The caller hung up before it was answered"


def _unanswered_outbound(ended: CallEnded) -> str:
    if ended.ended_by == Party.LOCAL:
        return "You cancelled the call"
    return _OUTBOUND_FAILURES.get(ended.code, "The call could not be connected")
