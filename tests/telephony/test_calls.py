"""Calls through a real Kamailio from and to SIPp: identity, call control, refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from telephony.events import (
    CallDirection,
    CallEnded,
    CallState,
    CallStateChanged,
    DtmfMethod,
    DtmfReceived,
    IncomingCall,
    Party,
    TransferProgress,
)
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import answer_when_offered
from tests.telephony.peers import HOST, EventLog, Sipp

pytestmark = pytest.mark.sip

RunSipp = Callable[..., Sipp]


def test_incoming_call_carries_identity_queue_and_headers(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp(
        "uac_caller_hangs_up.xml",
        keys={
            "from_hdr": 'From: "Zhang Wei 张伟" <sip:+8613800138000@127.0.0.1>',
            "queue": "X-Queue: billing",
            "wait": "X-Queue-Wait: 37",
        },
        extra=["-d", "200"],
    )
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    assert offered.caller_number == "+8613800138000"
    assert offered.caller_e164 == "+8613800138000"
    assert offered.display_name == "Zhang Wei 张伟"
    assert offered.identity_source == "from"
    assert not offered.withheld
    assert offered.dialled_number == "+498001234"
    assert offered.queue == "billing"
    assert offered.waited_seconds == 37.0
    assert offered.source_address == f"{HOST}:{phone.settings.registrar_port}"
    assert offered.sip_call_id
    assert ("X-Queue", "billing") in offered.headers
    assert not offered.waiting
    ended = events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert (ended.answered, ended.ended_by, ended.direction) == (
        True,
        Party.REMOTE,
        CallDirection.INBOUND,
    )
    assert ended.duration_seconds > 0.1


IDENTITY_CASES = [
    pytest.param(
        {
            "from_hdr": 'From: "Spoof" <sip:666@127.0.0.1>',
            "pai": 'P-Asserted-Identity: "Li Na" <sip:030 1234567@127.0.0.1;user=phone>',
        },
        ("030 1234567", "+49301234567", "Li Na", "pai", False),
        id="pai-national-number",
    ),
    pytest.param(
        {
            "from_hdr": "f: <sip:anonymous@anonymous.invalid>",
            "pai": "P-Asserted-Identity: <tel:+44-20-7946-0958>, <sip:x@example.com>",
        },
        ("+44-20-7946-0958", "+442079460958", "", "pai", False),
        id="pai-tel-uri-list",
    ),
    pytest.param(
        {
            "from_hdr": 'From: "Müller, Jörg" <sip:+4940123456@127.0.0.1>',
            "rpid": "Remote-Party-ID: <sip:+4989998877@127.0.0.1>;party=calling;screen=yes",
        },
        ("+4989998877", "+4989998877", "Müller, Jörg", "rpid", False),
        id="rpid-with-name-from-from",
    ),
    pytest.param(
        {"from_hdr": 'From: "Anonymous" <sip:anonymous@anonymous.invalid>'},
        ("", None, "", "from", True),
        id="anonymous-from",
    ),
    pytest.param(
        {
            "from_hdr": 'From: "Hidden" <sip:+4930555@127.0.0.1>',
            "pai": "P-Asserted-Identity: <sip:+4930555@127.0.0.1>",
            "privacy": "Privacy: id",
        },
        ("", None, "", "pai", True),
        id="privacy-id",
    ),
]


@pytest.mark.parametrize(("keys", "expected"), IDENTITY_CASES)
def test_caller_identity_variants(
    phone: PjsuaPhone,
    events: EventLog,
    sipp: RunSipp,
    keys: dict[str, str],
    expected: tuple[str, str | None, str, str, bool],
) -> None:
    """Expected: raw number, E.164, display name, identity source, withheld."""
    run = sipp("uac_agent_hangs_up.xml", keys=keys)
    offered = events.wait_for(IncomingCall)
    phone.answer(offered.call_id)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.hangup(offered.call_id)
    run.expect_success()
    assert (
        offered.caller_number,
        offered.caller_e164,
        offered.display_name,
        offered.identity_source,
        offered.withheld,
    ) == expected
    ended = events.wait_for(CallEnded)
    assert (ended.answered, ended.ended_by) == (True, Party.LOCAL)


def test_caller_hangs_up_while_ringing_is_abandoned(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp("uac_abandon.xml", extra=["-d", "300"])
    offered = events.wait_for(IncomingCall)
    ended = events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    run.expect_success()
    assert (ended.answered, ended.ended_by, ended.code) == (False, Party.REMOTE, 487)
    assert phone.call_ids() == ()


@pytest.mark.parametrize("code", [486, 480, 603])
def test_reject(phone: PjsuaPhone, events: EventLog, sipp: RunSipp, code: int) -> None:
    run = sipp(f"uac_rejected_{code}.xml")
    offered = events.wait_for(IncomingCall)
    phone.reject(offered.call_id, code)
    ended = events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    run.expect_success()
    assert (ended.answered, ended.ended_by, ended.code) == (False, Party.LOCAL, code)


def test_hold_and_resume_are_seen_by_the_caller(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp("uac_hold.xml")
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.hold(offered.call_id)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.HELD)
    events.clear()
    phone.unhold(offered.call_id)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.hangup(offered.call_id)
    run.expect_success()
    events.wait_for(CallEnded)


def test_dtmf_as_sip_info_reaches_the_caller(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp("uac_dtmf_info.xml")
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.send_dtmf(offered.call_id, "5#", DtmfMethod.SIP_INFO)
    with pytest.raises(ValueError, match="DTMF"):
        phone.send_dtmf(offered.call_id, "5x")
    # Actions run in order on the telephony thread: both INFOs leave before the BYE, and
    # SIPp fails unless it sees Signal=5 then Signal=# first.
    phone.hangup(offered.call_id)
    run.expect_success()


def test_rfc2833_dtmf_from_the_caller_is_reported(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    run = sipp("uac_dtmf_2833.xml", extra=["-d", "1500"])
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    digit = events.wait_for(DtmfReceived, timeout=15)
    run.expect_success()
    assert (digit.call_id, digit.digit, digit.method) == (
        offered.call_id,
        "1",
        DtmfMethod.RFC2833,
    )


def test_blind_transfer_sends_refer(phone: PjsuaPhone, events: EventLog, sipp: RunSipp) -> None:
    run = sipp("uac_refer.xml")
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.blind_transfer(offered.call_id, "transfer-target@127.0.0.1")
    progress = events.wait_for(TransferProgress, lambda e: e.final)
    assert progress.code == 200
    run.expect_success()
    ended = events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    assert ended.ended_by is Party.LOCAL


def test_attended_transfer_sends_refer_with_replaces(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    caller = sipp("uac_refer_replaces.xml")
    offered = events.wait_for(IncomingCall)
    phone.answer(offered.call_id)
    events.wait_for(
        CallStateChanged, lambda e: e.call_id == offered.call_id and e.state is CallState.CONFIRMED
    )
    colleague = sipp("uas_answer.xml", target=None)
    consult = phone.dial(f"sip:colleague@{HOST}:{colleague.port}")
    events.wait_for(
        CallStateChanged, lambda e: e.call_id == consult and e.state is CallState.CONFIRMED
    )
    phone.attended_transfer(offered.call_id, consult)
    progress = events.wait_for(TransferProgress, lambda e: e.final)
    assert (progress.call_id, progress.code) == (offered.call_id, 200)
    caller.expect_success()
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    phone.hangup(consult)
    events.wait_for(CallEnded, lambda e: e.call_id == consult)
    colleague.expect_success()


def test_outbound_call_to_a_sipp_uas(phone: PjsuaPhone, events: EventLog, sipp: RunSipp) -> None:
    uas = sipp("uas_answer.xml", target=None)
    call_id = phone.dial(f"sip:uas@{HOST}:{uas.port}")
    confirmed = events.wait_for(
        CallStateChanged, lambda e: e.call_id == call_id and e.state is CallState.CONFIRMED
    )
    states = [e.state for e in events.of(CallStateChanged) if e.call_id == call_id]
    assert states[0] is CallState.CALLING
    assert CallState.EARLY in states
    assert confirmed.direction is CallDirection.OUTBOUND
    phone.hangup(call_id)
    ended = events.wait_for(CallEnded, lambda e: e.call_id == call_id)
    uas.expect_success()
    assert (ended.answered, ended.ended_by) == (True, Party.LOCAL)


def test_second_call_is_offered_as_waiting(
    phone: PjsuaPhone, events: EventLog, sipp: RunSipp
) -> None:
    first = sipp("uac_agent_hangs_up.xml")
    call_one = events.wait_for(IncomingCall)
    phone.answer(call_one.call_id)
    events.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    second = sipp("uac_rejected_486.xml")
    call_two = events.wait_for(IncomingCall, lambda e: e.call_id != call_one.call_id)
    assert call_two.waiting
    assert not call_one.waiting
    phone.reject(call_two.call_id)
    second.expect_success()
    phone.hangup(call_one.call_id)
    first.expect_success()
    ended = events.wait_for(CallEnded, lambda e: e.call_id == call_one.call_id)
    assert ended.answered
    rejected = events.wait_for(CallEnded, lambda e: e.call_id == call_two.call_id)
    assert (rejected.answered, rejected.code) == (False, 486)
