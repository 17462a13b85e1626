"""How a call ended, in plain words, for every way a call ends."""

from __future__ import annotations

import pytest

from callcenter.desk.ending import ending_words
from telephony.events import CallDirection, CallEnded, Party

IN, OUT = CallDirection.INBOUND, CallDirection.OUTBOUND


@pytest.mark.parametrize(
    ("direction", "code", "by", "answered", "words"),
    [
        (IN, 200, Party.REMOTE, True, "The caller hung up"),
        (IN, 200, Party.LOCAL, True, "You ended the call"),
        (OUT, 200, Party.REMOTE, True, "The customer hung up"),
        (IN, 487, Party.REMOTE, False, "The caller hung up before it was answered"),
        (IN, 486, Party.LOCAL, False, "You declined the call"),
        (IN, 408, Party.REMOTE, False, "The call was not answered in time"),
        (OUT, 486, Party.REMOTE, False, "Busy"),
        (OUT, 480, Party.REMOTE, False, "No answer"),
        (OUT, 408, Party.REMOTE, False, "No answer"),
        (OUT, 404, Party.REMOTE, False, "The number does not exist"),
        (OUT, 603, Party.REMOTE, False, "The call was declined"),
        (OUT, 503, Party.REMOTE, False, "The call could not be connected"),
        (OUT, 487, Party.LOCAL, False, "You cancelled the call"),
    ],
)
def test_words(direction: CallDirection, code: int, by: Party, answered: bool, words: str) -> None:
    ended = CallEnded("c1", direction, code, "SIP reason", by, answered, 1.0)
    assert ending_words(ended) == words
