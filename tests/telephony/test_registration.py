"""Registration against a real Kamailio with digest auth."""

from __future__ import annotations

import pytest

from telephony.events import RegistrationChanged, RegistrationState
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import PASSWORD
from tests.telephony.peers import EventLog

pytestmark = pytest.mark.sip


def test_unregister_then_register_again(phone: PjsuaPhone, events: EventLog) -> None:
    phone.unregister()
    gone = events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.UNREGISTERED)
    assert gone.code == 200
    phone.register(PASSWORD)
    back = events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    assert back.code == 200
    assert back.expires_seconds > 0


def test_wrong_password_is_a_final_failure(phone: PjsuaPhone, events: EventLog) -> None:
    phone.register("wrong-password")
    failed = events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.FAILED)
    assert failed.code in (401, 403)
    assert failed.final
    assert failed.reason
    phone.register(PASSWORD)
    events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)


def test_network_change_registers_again(phone: PjsuaPhone, events: EventLog) -> None:
    phone.network_changed()
    again = events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    assert again.code == 200
