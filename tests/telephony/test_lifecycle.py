"""Starting and stopping the phone, and actions that cannot work, without any SIP peer."""

from __future__ import annotations

import socket

import pytest

from telephony.events import CallEnded, Party, PhoneError
from telephony.pjsua_phone import PjsuaPhone
from telephony.settings import SipSettings
from tests.telephony.conftest import normalise
from tests.telephony.peers import HOST, EventLog, free_port


def settings(**overrides: object) -> SipSettings:
    values: dict[str, object] = {
        "registrar_host": HOST,
        "registrar_port": free_port(),
        "username": "agent",
        "bind_address": HOST,
        "local_port": free_port(),
    }
    values.update(overrides)
    return SipSettings(**values)  # type: ignore[arg-type]


def test_one_phone_per_process_and_restart_after_close() -> None:
    first = PjsuaPhone(settings(), normalise=normalise)
    first.start()
    try:
        second = PjsuaPhone(settings(), normalise=normalise)
        with pytest.raises(RuntimeError, match="already running"):
            second.start()
    finally:
        first.close()
    first.close()  # twice is fine
    with pytest.raises(RuntimeError, match="closed"):
        first.answer("c1")
    third = PjsuaPhone(settings(), normalise=normalise)
    third.start()
    assert third.local_port > 0
    third.close()


def test_start_fails_clearly_when_the_port_is_taken() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as squatter:
        squatter.bind((HOST, 0))
        port = squatter.getsockname()[1]
        phone = PjsuaPhone(settings(local_port=port), normalise=normalise)
        with pytest.raises(RuntimeError, match="failed to start"):
            phone.start()
    after = PjsuaPhone(settings(), normalise=normalise)  # the failed one did not stay live
    after.start()
    after.close()


def test_bad_actions_become_events_not_crashes() -> None:
    phone = PjsuaPhone(settings(), normalise=normalise)
    log = EventLog()
    phone.subscribe(log)
    phone.start()
    try:
        with pytest.raises(ValueError, match="486"):
            phone.reject("c1", 500)
        phone.hangup("no-such-call")
        error = log.wait_for(PhoneError)
        assert (error.where, error.call_id) == ("hangup", "no-such-call")
        assert "no such call" in error.message
        call_id = phone.dial("+49 30 1234-567")
        ended = log.wait_for(CallEnded)
        assert (ended.call_id, ended.ended_by, ended.answered) == (call_id, Party.LOCAL, False)
        assert log.wait_for(PhoneError, lambda e: e.where == "dial").call_id == call_id
    finally:
        phone.close()


def test_a_restarted_phone_never_reuses_a_call_handle() -> None:
    """Drafts of unsaved logs are keyed by the handle and outlive a crash."""
    handles = []
    for _ in range(2):
        phone = PjsuaPhone(settings(), normalise=normalise)
        log = EventLog()
        phone.subscribe(log)
        phone.start()
        try:
            handles.append(phone.dial("+49 30 1234-567"))
            log.wait_for(CallEnded)
        finally:
            phone.close()
    assert handles[0] != handles[1]
    assert all(h.startswith("c1-") for h in handles)


def test_subscriber_exceptions_do_not_stop_delivery() -> None:
    phone = PjsuaPhone(settings(), normalise=normalise)
    log = EventLog()

    def broken(_event: object) -> None:
        raise RuntimeError("subscriber bug")

    phone.subscribe(broken)
    unsubscribe = phone.subscribe(log)
    phone.start()
    try:
        phone.hangup("c404")
        log.wait_for(PhoneError)
        unsubscribe()
        phone.hangup("c405")
        phone.close()
        assert [e.call_id for e in log.of(PhoneError)] == ["c404"]
    finally:
        phone.close()
