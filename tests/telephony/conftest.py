"""Fixtures for the telephony tests: Kamailio on loopback, a registered phone, SIPp runs."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import phonenumbers
import pytest

from telephony.events import (
    CallEnded,
    CallStateChanged,
    IncomingCall,
    PhoneError,
    RegistrationChanged,
    RegistrationState,
)
from telephony.pjsua_phone import PjsuaPhone
from telephony.settings import SipSettings
from tests.telephony.peers import HOST, EventLog, Kamailio, Sipp, free_port, make_certificate

AGENT = "agent"
PASSWORD = "s3cret-Pa55"


def normalise(number: str) -> str | None:
    """What the application injects: phonenumbers with a default region."""
    try:
        parsed = phonenumbers.parse(number, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _require(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed (scripts/setup installs it)")


@pytest.fixture(scope="session")
def kamailio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kamailio]:
    _require("kamailio")
    _require("openssl")
    workdir = tmp_path_factory.mktemp("kamailio")
    server = Kamailio(
        port=free_port(),
        tls_port=free_port(),
        workdir=workdir,
        users={AGENT: PASSWORD, "agent2": "other-pass"},
        cert_file=make_certificate(workdir),
    )
    server.start()
    yield server
    server.stop()


def phone_settings(kamailio: Kamailio, **overrides: object) -> SipSettings:
    values: dict[str, object] = {
        "registrar_host": HOST,
        "registrar_port": kamailio.port,
        "username": AGENT,
        "display_name": "Agent Smith",
        "bind_address": HOST,
        "local_port": free_port(),
        "queue_by_dialled": {"+498001234": "sales"},
        "register_first_retry_seconds": 1,
    }
    values.update(overrides)
    return SipSettings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def phone(kamailio: Kamailio) -> Iterator[PjsuaPhone]:
    """A started phone, registered with the right password; one per test module because
    pjsua2 allows one Endpoint per process at a time."""
    _require("sipp")
    the_phone = PjsuaPhone(phone_settings(kamailio), normalise=normalise)
    the_phone.start()
    log = EventLog()
    unsubscribe = the_phone.subscribe(log)
    the_phone.register(PASSWORD)
    log.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    unsubscribe()
    yield the_phone
    the_phone.close()


def _is_call(call_id: str) -> Callable[[CallEnded], bool]:
    return lambda event: event.call_id == call_id


@pytest.fixture
def events(phone: PjsuaPhone) -> Iterator[EventLog]:
    """Every event of this test. At the end every call the test saw must have ended (so no
    late event leaks into the next test), the registry must be empty and no error reported."""
    log = EventLog()
    unsubscribe = phone.subscribe(log)
    yield log
    for call_id in phone.call_ids():  # a failed test may leave a call up
        phone.hangup(call_id)
    seen = {e.call_id for e in log.of(IncomingCall)} | {e.call_id for e in log.of(CallStateChanged)}
    for call_id in seen:
        log.wait_for(CallEnded, _is_call(call_id))
    unsubscribe()
    assert phone.call_ids() == ()
    assert log.of(PhoneError) == []


@pytest.fixture
def sipp(tmp_path: Path, kamailio: Kamailio) -> Iterator[Callable[..., Sipp]]:
    """Start SIPp scenarios (UAC through Kamailio by default); killed at teardown."""
    started: list[Sipp] = []

    def run(
        scenario: str,
        *,
        target: str | None = "proxy",
        keys: dict[str, str] | None = None,
        extra: list[str] | None = None,
        calls: int = 1,
    ) -> Sipp:
        all_keys = {
            "from_hdr": 'From: "Caller" <sip:+4930123456@127.0.0.1>',
            "to_hdr": "<sip:+498001234@127.0.0.1>",
            "pai": "X-No-PAI: 1",
            "rpid": "X-No-RPID: 1",
            "privacy": "X-No-Privacy: 1",
            "queue": "X-No-Queue: 1",
            "wait": "X-No-Wait: 1",
        }
        all_keys.update(keys or {})
        instance = Sipp(
            scenario,
            tmp_path / f"sipp{len(started)}",
            target=kamailio.address if target == "proxy" else target,
            keys=all_keys,
            extra=extra,
            calls=calls,
        )
        started.append(instance)
        return instance

    yield run
    for instance in started:
        instance.kill()


def answer_when_offered(phone: PjsuaPhone, log: EventLog) -> None:
    """Make the phone auto-answer every offered call (what an agent clicking does)."""

    def hook(event: object) -> None:
        if isinstance(event, IncomingCall):
            phone.answer(event.call_id)

    log.hooks.append(hook)
