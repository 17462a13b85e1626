"""INVITEs written to hurt: bytes that are not UTF-8, control characters, names of
kilobytes, dozens of identity headers, SDP that is not SDP. Each call ends (it rings and is
given up, or is refused in words), its texts reach the desk cleaned, and a real call after it
is offered with the right caller."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from telephony.events import CallEnded, IncomingCall
from telephony.header_text import NAME_LIMIT
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.peers import EventLog, Sipp

pytestmark = pytest.mark.sip

RunSipp = Callable[..., Sipp]
PLAIN = {"pai": "X-No-PAI: 1", "extra": "X-Nothing: 1", "sdp_head": "v=0"}


def hostile(sipp: RunSipp, **keys: str) -> Sipp:
    return sipp("uac_hostile.xml", keys={**PLAIN, **keys})


def then_a_real_call_is_offered(phone: PjsuaPhone, events: EventLog, sipp: RunSipp) -> None:
    before = len(events.of(IncomingCall))
    run = sipp(
        "uac_caller_hangs_up.xml",
        keys={"from_hdr": 'From: "Klara Fischer" <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "100"],
    )
    offered = events.wait_for(IncomingCall, lambda e: events.of(IncomingCall).index(e) >= before)
    assert (offered.caller_number, offered.display_name) == ("+4930123456", "Klara Fischer")
    phone.answer(offered.call_id)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)


def test_a_name_that_is_not_utf8_is_shown_with_replacement_marks(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    # "\udcff" reaches SIPp's argv as the byte 0xFF (surrogateescape), so the INVITE carries
    # bytes that are not UTF-8.
    run = hostile(sipp, from_hdr='From: "Bad \udcff\udcfe name" <sip:+4930111222@127.0.0.1>')
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert offered.caller_number == "+4930111222"
    assert "\ufffd" in offered.display_name and offered.display_name.startswith("Bad ")
    assert not any("\ud800" <= c <= "\udfff" for c in offered.display_name)
    then_a_real_call_is_offered(phone, events, sipp)


def test_control_characters_leave_the_number_and_the_name(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = hostile(
        sipp,
        from_hdr='From: "Eve\\tthe\\u202e evil" <sip:+4930%0D%0A555%00666@127.0.0.1>',
    )
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert not any(ord(c) < 32 or c == "\u202e" for c in offered.caller_number)
    assert offered.caller_number.replace(" ", "") == "+4930555666"
    then_a_real_call_is_offered(phone, events, sipp)


def test_a_long_name_is_cut_and_an_oversized_invite_is_refused_by_the_proxy(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = hostile(sipp, from_hdr=f'From: "{"Ä" * 1500}" <sip:+4930777@127.0.0.1>')
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert offered.display_name == "Ä" * NAME_LIMIT
    # 8 KB of name: over pjsip's 4,000-byte packet limit; the proxy answers 513 in words.
    big = hostile(sipp, from_hdr=f'From: "{"x" * 8192}" <sip:+4930888@127.0.0.1>')
    result = big.wait()
    assert result.returncode == 0, result.output[-2000:]
    assert "513" in result.output
    then_a_real_call_is_offered(phone, events, sipp)


def test_fifty_identity_headers_and_garbage_sdp(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    pai = "\r\n".join(f"P-Asserted-Identity: <sip:+44{i:010d}@127.0.0.1>" for i in range(50))
    run = hostile(sipp, pai=pai)
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert offered.caller_number == "+440000000000"  # the first usable one
    garbage = hostile(sipp, sdp_head="v=banana\u0001")
    garbage.expect_success()  # rings and is given up, or refused: it ends either way
    then_a_real_call_is_offered(phone, events, sipp)
