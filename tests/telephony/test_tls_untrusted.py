"""A TLS registrar whose certificate is not signed by the configured CA is not trusted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from telephony.events import RegistrationChanged, RegistrationState
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import PASSWORD, normalise, phone_settings
from tests.telephony.peers import EventLog, Kamailio, make_certificate

pytestmark = pytest.mark.sip


@pytest.fixture(scope="module")
def phone(kamailio: Kamailio, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PjsuaPhone]:
    other_ca = make_certificate(Path(tmp_path_factory.mktemp("other-ca")))
    settings = phone_settings(
        kamailio,
        transport="tls",
        registrar_port=kamailio.tls_port,
        tls_ca_file=str(other_ca),
        tls_verify_server=True,
    )
    the_phone = PjsuaPhone(settings, normalise=normalise)
    the_phone.start()
    yield the_phone
    the_phone.close()


def test_registration_fails_and_is_retried(phone: PjsuaPhone, events: EventLog) -> None:
    phone.register(PASSWORD)
    failed = events.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.FAILED)
    assert not failed.final  # a transport failure may heal: the phone keeps trying
    assert failed.code >= 500
    # The first retry comes after register_first_retry_seconds (1 s in these tests).
    events.clear()
    again = events.wait_for(
        RegistrationChanged, lambda e: e.state is RegistrationState.FAILED, timeout=10
    )
    assert again.code == failed.code
    assert events.of(RegistrationChanged)[0].state is not RegistrationState.REGISTERED
    phone.unregister()
