"""How a call ended, in the words an agent uses ("The caller hung up", "Busy"), from the SIP
code and who ended it; the code itself stays for a tooltip and the event log."""

from __future__ import annotations

from callcenter.platform.messages import N_, _
from telephony.events import CallDirection, CallEnded, Party

_OUTBOUND_FAILURES = {
    486: N_("Busy"),
    600: N_("Busy"),
    480: N_("No answer"),
    408: N_("No answer"),
    487: N_("No answer"),
    404: N_("The number does not exist"),
    484: N_("The number is incomplete"),
    604: N_("The number does not exist"),
    403: N_("The call was refused"),
    603: N_("The call was declined"),
}


def ending_words(ended: CallEnded) -> str:
    """A sentence for the call panel once ``ended`` is over."""
    inbound = ended.direction == CallDirection.INBOUND
    if ended.answered:
        if ended.ended_by == Party.LOCAL:
            return _("You ended the call")
        return _("The caller hung up") if inbound else _("The customer hung up")
    return _unanswered_inbound(ended) if inbound else _unanswered_outbound(ended)


def _unanswered_inbound(ended: CallEnded) -> str:
    if ended.ended_by == Party.LOCAL:
        return _("You declined the call")
    if ended.code == 408:
        return _("The call was not answered in time")
    return _("The caller hung up before it was answered")


def _unanswered_outbound(ended: CallEnded) -> str:
    if ended.ended_by == Party.LOCAL:
        return _("You cancelled the call")
    return _(_OUTBOUND_FAILURES.get(ended.code, N_("The call could not be connected")))
