"""Two hundred calls back to back: nothing leaks, and the INVITE is handled fast."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterator

import pytest

from telephony.events import CallEnded, IncomingCall, RegistrationChanged, RegistrationState
from telephony.pjsua_phone import PjsuaPhone, _Call
from tests.telephony.conftest import PASSWORD, answer_when_offered, normalise, phone_settings
from tests.telephony.peers import EventLog, Kamailio, Sipp

pytestmark = [pytest.mark.sip, pytest.mark.slow]

CALLS = 200
RATE = 20  # calls per second SIPp offers


@pytest.fixture(scope="module")
def phone(kamailio: Kamailio) -> Iterator[PjsuaPhone]:
    """A phone whose INVITE rate limit sits just above the rate this test offers."""
    settings = phone_settings(kamailio, invite_rate_per_second=RATE + 5, invite_burst=10)
    the_phone = PjsuaPhone(settings, normalise=normalise)
    the_phone.start()
    log = EventLog()
    unsubscribe = the_phone.subscribe(log)
    the_phone.register(PASSWORD)
    log.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    unsubscribe()
    yield the_phone
    the_phone.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def test_200_calls_leave_no_call_objects_and_ring_fast(
    phone: PjsuaPhone,
    events: EventLog,
    sipp: Callable[..., Sipp],
    record_property: Callable[[str, object], None],
) -> None:
    delays_ms: list[float] = []
    events.hooks.append(
        lambda e: (
            delays_ms.append((time.monotonic() - e.received_monotonic) * 1000)
            if isinstance(e, IncomingCall)
            else None
        )
    )
    answer_when_offered(phone, events)
    # One call at a time at RATE calls/s; the caller hangs up at once.
    run = sipp(
        "uac_caller_hangs_up.xml",
        calls=CALLS,
        extra=["-l", "1", "-r", str(RATE), "-d", "0", "-trace_rtt", "-rtt_freq", "1"],
    )
    result = run.expect_success(timeout=240)
    ended_ids = {e.call_id for e in events.of(CallEnded)}
    missing = [e.call_id for e in events.of(IncomingCall) if e.call_id not in ended_ids]
    if missing:
        events.wait_for(CallEnded, lambda e: e.call_id == missing[-1])
    ended = events.of(CallEnded)
    assert len(events.of(IncomingCall)) == CALLS
    assert len(ended) == CALLS
    assert all(e.answered for e in ended)
    assert phone.call_ids() == ()
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, _Call)] == []
    # SIPp measures INVITE sent -> 180 received. The phone sends 180 right after it has
    # emitted IncomingCall, so this bounds INVITE -> event, including two proxy hops.
    rtt = result.rtt_ms()
    assert len(rtt) == CALLS
    p50, p99 = statistics.median(rtt), percentile(rtt, 0.99)
    record_property("invite_to_ringing_p50_ms", p50)
    record_property("invite_to_ringing_p99_ms", p99)
    inner50, inner99 = statistics.median(delays_ms), percentile(delays_ms, 0.99)
    record_property("callback_to_subscriber_p50_ms", inner50)
    print(
        f"\nINVITE -> 180 over {CALLS} calls via Kamailio: p50 {p50:.1f} ms, p99 {p99:.1f} ms;"
        f" pjsua callback -> subscriber: p50 {inner50:.2f} ms, p99 {inner99:.2f} ms"
    )
    assert p99 < 250, f"slow INVITE handling: p50 {p50} ms, p99 {p99} ms"
