"""The demo's loopback: a real SIP call from a second account on the same endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from telephony.events import (
    CallEnded,
    CallState,
    CallStateChanged,
    IncomingCall,
    PhoneError,
    RegistrationChanged,
)
from telephony.pjsua_phone import PjsuaPhone
from telephony.settings import SipSettings
from tests.telephony.conftest import normalise
from tests.telephony.peers import HOST, EventLog, free_port


@pytest.fixture(scope="module")
def loopback() -> Iterator[tuple[PjsuaPhone, EventLog]]:
    settings = SipSettings(
        registrar_host=HOST,
        username="agent",
        bind_address=HOST,
        local_port=free_port(),
        trusted_proxies=(HOST,),
    )
    phone = PjsuaPhone(settings, normalise=normalise)
    phone.start()
    log = EventLog()
    phone.subscribe(log)
    phone.use_local_account()
    log.wait_for(RegistrationChanged)
    yield phone, log
    phone.close()
    assert log.of(PhoneError) == []


def test_simulated_caller_reaches_the_agent(loopback: tuple[PjsuaPhone, EventLog]) -> None:
    phone, log = loopback
    log.clear()
    phone.simulate_incoming('"Zhang Wei" <sip:+8613800138000@127.0.0.1>', [("X-Queue", "sales")])
    offer = log.wait_for(IncomingCall)
    assert offer.display_name == "Zhang Wei"
    assert offer.caller_e164 == "+8613800138000"
    assert offer.queue == "sales"
    assert not offer.withheld
    phone.answer(offer.call_id)
    log.wait_for(CallStateChanged, lambda e: e.state is CallState.CONFIRMED)
    phone.hangup_simulated()
    ended = log.wait_for(CallEnded, lambda e: e.call_id == offer.call_id)
    assert ended.answered
    assert phone.call_ids() == ()


def test_withheld_simulated_caller(loopback: tuple[PjsuaPhone, EventLog]) -> None:
    phone, log = loopback
    log.clear()
    phone.simulate_incoming('"Anonymous" <sip:anonymous@anonymous.invalid>', [("Privacy", "id")])
    offer = log.wait_for(IncomingCall)
    assert offer.withheld
    assert offer.caller_e164 is None
    phone.hangup_simulated()
    ended = log.wait_for(CallEnded, lambda e: e.call_id == offer.call_id)
    assert not ended.answered
