"""Calls the phone must refuse or survive: not via the proxy, malformed, floods."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

from telephony.events import (
    CallEnded,
    CallRefused,
    CallState,
    CallStateChanged,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
)
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import PASSWORD, answer_when_offered, normalise, phone_settings
from tests.telephony.peers import HOST, EventLog, Kamailio, Sipp

pytestmark = pytest.mark.sip

RunSipp = Callable[..., Sipp]


@pytest.fixture(scope="module")
def phone(kamailio: Kamailio) -> Iterator[PjsuaPhone]:
    """A phone without call waiting that takes 4 INVITEs at once and then 2 a second."""
    settings = phone_settings(
        kamailio, invite_rate_per_second=2.0, invite_burst=4, call_waiting=False
    )
    the_phone = PjsuaPhone(settings, normalise=normalise)
    the_phone.start()
    log = EventLog()
    unsubscribe = the_phone.subscribe(log)
    the_phone.register(PASSWORD)
    log.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    unsubscribe()
    yield the_phone
    the_phone.close()


def test_invite_not_from_the_proxy_is_refused(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp("uac_refused_403.xml", target=f"{HOST}:{phone.local_port}")
    run.expect_success()
    refused = events.wait_for(CallRefused)
    assert refused.code == 403
    assert refused.source_address == f"{HOST}:{run.port}"
    assert events.of(IncomingCall) == []
    assert phone.call_ids() == ()


GARBAGE = [
    b"\x00\xff" * 300,
    b"INVITE",
    b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\n\r\n",
    b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9\r\nFrom: <<<\r\n"
    b'To: "\r\nCall-ID: x\r\nCSeq: banana\r\nContent-Length: 99999\r\n\r\nv=0',
    b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKx\r\n\r\n",
    b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\n" + b"X-Long: " + b"a" * 3000 + b"\r\n\r\n",
    b"\r\n\r\n",
]


def test_malformed_packets_do_not_hurt_the_phone(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        for packet in GARBAGE:
            raw.sendto(packet, (HOST, phone.local_port))
    # Odd but parseable headers through the proxy reach the caller-ID parser.
    run = sipp(
        "uac_caller_hangs_up.xml",
        keys={
            "from_hdr": 'From: "O\\"Brien 𝔘𝔫𝔦" <sip:%2B49%33%30%31@127.0.0.1;user=phone>',
            "pai": 'P-Asserted-Identity: <<<">>,,,;;;=',
            "rpid": "Remote-Party-ID: ;party=calling;privacy",
            "wait": "X-Queue-Wait: NaN",
            "queue": "X-Queue: \t",
        },
        extra=["-d", "100"],
    )
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert (offered.caller_number, offered.display_name) == ("+49301", 'O"Brien 𝔘𝔫𝔦')
    assert offered.identity_source == "from"  # the unusable PAI and RPID are skipped
    assert offered.queue == "sales"  # the blank X-Queue falls back to the dialled-number map
    assert offered.waited_seconds is None
    assert phone.call_ids() == ()


def test_second_call_is_refused_busy_without_call_waiting(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    first = sipp("uac_agent_hangs_up.xml")
    call_one = events.wait_for(IncomingCall)
    phone.answer(call_one.call_id)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    second = sipp("uac_rejected_486.xml")
    second.expect_success()
    refused = events.wait_for(CallRefused)
    assert (refused.code, refused.reason) == (486, "busy, call waiting off")
    assert len(events.of(IncomingCall)) == 1
    phone.hangup(call_one.call_id)
    first.expect_success()
    events.wait_for(CallEnded)
    assert phone.call_ids() == ()


def test_invite_flood_is_rate_limited(phone: PjsuaPhone, events: EventLog, sipp: RunSipp) -> None:
    events.hooks.append(
        lambda e: phone.reject(e.call_id, 486) if isinstance(e, IncomingCall) else None
    )
    run = sipp("uac_flood.xml", calls=12, extra=["-r", "100", "-l", "12"])
    run.expect_success()
    offered = len(events.of(IncomingCall))
    refused = [e for e in events.of(CallRefused) if e.code == 503]
    # Every call got its refusal (SIPp checked). A refused call keeps its slot for
    # REFUSAL_HOLD_SECONDS, and while pjsua's four slots are taken it answers 486 itself,
    # before the phone sees the INVITE: the phone sees at most twelve.
    assert offered + len(refused) <= 12
    # At most the burst of 4 (earlier tests may have spent some) plus a refill of 2/s over
    # the ~0.1 s SIPp takes to send twelve INVITEs.
    assert 1 <= offered <= 5
    assert len(refused) >= 1
    assert refused[0].reason == "INVITE rate limit"
    for _ in range(offered):
        events.wait_for(CallEnded)
