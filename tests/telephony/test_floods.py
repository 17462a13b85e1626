"""INVITE floods against the phone, loopback only and bounded: 1,000 calls at 500 a second,
straight at the phone (untrusted) and through the proxy (trusted), over UDP and TCP. The phone
stays up, every call it offered ends, no Call is left, memory comes back, and a real call
right afterwards is offered with the right caller.

The phone itself refuses what it must (403 untrusted, 503 over the rate) after holding the
call's slot (``REFUSAL_HOLD_SECONDS``), and pjsua answers 486 before making anything while its
four slots are taken; the calls that ring are given up by the caller after a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from telephony.events import CallEnded, CallRefused, IncomingCall
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.peers import HOST, EventLog, Sipp

pytestmark = [pytest.mark.sip, pytest.mark.slow]

RunSipp = Callable[..., Sipp]
FLOOD = 1000
#: What the process may keep after a flood (the issue's bound).
RSS_GROWTH_LIMIT_MB = 20


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def flood(sipp: RunSipp, target: str, rate: int, *, tcp: bool = False) -> Sipp:
    extra = ["-r", str(rate), "-l", str(FLOOD), "-recv_timeout", "10000"]
    if tcp:
        extra += ["-t", "t1"]
    return sipp("uac_flood_sdp.xml", target=target, calls=FLOOD, extra=extra)


def survive(phone: PjsuaPhone, events: EventLog, sipp: RunSipp, run: Sipp) -> None:
    result = run.wait(timeout=120)
    assert result.returncode in (0, 1), result.output[-3000:]  # 1: some calls failed in SIPp
    deadline = time.monotonic() + 10
    while phone.call_ids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert phone.call_ids() == ()  # every call the phone made has ended
    for offered in events.of(IncomingCall):
        events.wait_for(CallEnded, lambda e, cid=offered.call_id: e.call_id == cid)
    time.sleep(1.0)  # the rate limit refills (10/s): the next caller is not a flood
    real = sipp(
        "uac_caller_hangs_up.xml",
        keys={"from_hdr": 'From: "Klara Fischer" <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "100"],
    )
    offered = events.wait_for(IncomingCall, lambda e: e.caller_number == "+4930123456", timeout=10)
    assert offered.display_name == "Klara Fischer"
    phone.answer(offered.call_id)
    real.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)


@pytest.mark.parametrize(("path", "tcp"), [("direct", False), ("proxy", False), ("proxy", True)])
def test_a_flood_of_500_a_second_is_survived(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp, path: str, tcp: bool
) -> None:
    before = rss_mb()
    target = f"{HOST}:{phone.local_port}" if path == "direct" else "proxy"
    survive(phone, events, sipp, flood(sipp, target, 500, tcp=tcp))
    refused = events.of(CallRefused)
    offered = events.of(IncomingCall)[:-1]  # the flood's calls, not the real one after it
    if path == "direct":  # nobody but the proxy may call the phone
        assert offered == [] and len(refused) >= 5 and {e.code for e in refused} == {403}
    else:  # the slots fill with ringing calls; pjsua answers the rest 486, the bucket 503
        assert len(offered) >= 4 and {e.code for e in refused} <= {503}
    assert rss_mb() - before < RSS_GROWTH_LIMIT_MB
