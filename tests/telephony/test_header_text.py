"""What the network writes, made safe to show and log: never rejected, always cleaned."""

from __future__ import annotations

import pytest

from telephony.callerid import parse_invite
from telephony.header_text import NAME_LIMIT, clean


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Zhang \udcff\udcfe Wei", "Zhang \ufffd\ufffd Wei"),  # bytes that were not UTF-8
        ("Eve\r\nX-Injected: 1", "Eve X-Injected: 1"),  # no header can be smuggled in a name
        ("A\x00B\x07C\x1b[31mD", "ABC[31mD"),  # NUL, bell, terminal escapes
        ("abc\u202edcb", "abcdcb"),  # a bidi override would show "abcbcd"
        ("  王\t小明  ", "王 小明"),
        ("O'Brien 😀", "O'Brien 😀"),  # what is text stays
    ],
)
def test_clean(raw: str, shown: str) -> None:
    assert clean(raw, NAME_LIMIT) == shown


def test_long_text_is_cut() -> None:
    assert clean("x" * 5000, NAME_LIMIT) == "x" * NAME_LIMIT


def test_an_invite_reaches_the_desk_cleaned() -> None:
    invite = (
        "INVITE sip:agent@pbx SIP/2.0\r\n"
        f'From: "{"Ä" * 600}\u202e" <sip:+4930%0D%0A123@pbx>;tag=1\r\n'
        "To: <sip:+49800%00123@pbx>\r\n"
        "Call-ID: abc\x1b[2J@host\r\n"
        "X-Queue: sales\udcff\r\n"
        "\r\n"
    )
    details = parse_invite(invite, trusted=True, queue_header="X-Queue")
    assert details.caller.display_name == "Ä" * NAME_LIMIT
    assert details.caller.number == "+4930 123"
    assert details.dialled_number == "+49800123"
    assert details.sip_call_id == "abc[2J@host"
    assert details.queue == "sales\ufffd"
    assert all("\udcff" not in value for _name, value in details.headers)
