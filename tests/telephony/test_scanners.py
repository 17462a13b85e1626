"""SIPVicious against the phone, loopback and bounded: a scan (svmap) straight at the phone
and through the proxy, and an extension hunt with INVITEs (svwar) at the phone. Each finishes
with the phone still up and nothing offered to the agent, and a real call after it is offered
with the right caller."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

import pytest

from telephony.events import CallEnded, IncomingCall
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.peers import HOST, EventLog, Kamailio, Sipp

pytestmark = [pytest.mark.sip, pytest.mark.slow]

RunSipp = Callable[..., Sipp]


def scan(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is not installed (scripts/setup installs sipvicious)")
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


SVMAP = ("svmap", "-p", "{port}", HOST)
SVWAR = ("svwar", "-p", "{port}", "-m", "INVITE", "-e", "100-140", "-t", "0.2", HOST)


# svcrack and svwar through the proxy wait out their 10 s silence timeouts several times
# (20 to 55 s a run), so they run in bench/sip_attacks.py, not here.
@pytest.mark.parametrize(
    ("attack", "path"),
    [(SVMAP, "direct"), (SVMAP, "proxy"), (SVWAR, "direct")],
    ids=["svmap-direct", "svmap-proxy", "svwar-direct"],
)
def test_a_scanner_gets_nothing_and_the_phone_carries_on(
    *,
    phone: PjsuaPhone,
    events: EventLog,
    sipp: RunSipp,
    kamailio: Kamailio,
    attack: tuple[str, ...],
    path: str,
) -> None:
    port = str(phone.local_port if path == "direct" else kamailio.port)
    done = scan(*(part.replace("{port}", port) for part in attack))
    assert done.returncode == 0, done.stderr[-2000:]
    assert events.of(IncomingCall) == []  # nothing reached the agent
    assert phone.call_ids() == ()
    real = sipp(
        "uac_caller_hangs_up.xml",
        keys={"from_hdr": 'From: "Klara Fischer" <sip:+4930123456@127.0.0.1>'},
        extra=["-d", "100"],
    )
    offered = events.wait_for(IncomingCall, timeout=10)
    assert offered.caller_number == "+4930123456"
    phone.answer(offered.call_id)
    real.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
