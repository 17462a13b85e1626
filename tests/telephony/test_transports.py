"""Registration and an incoming call over TCP and TLS (certificate checked)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from telephony.events import (
    CallEnded,
    IncomingCall,
    RegistrationChanged,
    RegistrationState,
)
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import PASSWORD, answer_when_offered, normalise, phone_settings
from tests.telephony.peers import EventLog, Kamailio, Sipp

pytestmark = pytest.mark.sip


@pytest.fixture(scope="module", params=["tcp", "tls"])
def phone(request: pytest.FixtureRequest, kamailio: Kamailio) -> Iterator[PjsuaPhone]:
    """An unregistered phone on a stream transport (TLS verifies Kamailio's certificate)."""
    transport = request.param
    assert kamailio.cert_file is not None
    settings = phone_settings(
        kamailio,
        transport=transport,
        registrar_port=kamailio.tls_port if transport == "tls" else kamailio.port,
        tls_ca_file=str(kamailio.cert_file),
        tls_verify_server=True,
    )
    the_phone = PjsuaPhone(settings, normalise=normalise)
    the_phone.start()
    yield the_phone
    the_phone.close()


def test_register_and_take_a_call(
    phone: PjsuaPhone, events: EventLog, sipp: Callable[..., Sipp]
) -> None:
    phone.register(PASSWORD)
    registered = events.wait_for(
        RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED
    )
    assert registered.code == 200
    run = sipp("uac_caller_hangs_up.xml", extra=["-d", "100"])
    answer_when_offered(phone, events)
    offered = events.wait_for(IncomingCall)
    run.expect_success()
    assert offered.caller_number == "+4930123456"
    events.wait_for(CallEnded, lambda e: e.call_id == offered.call_id)
    phone.unregister()
    events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.UNREGISTERED)
