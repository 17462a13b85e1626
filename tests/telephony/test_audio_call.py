"""Call audio end to end: the agent's capture goes out, the far end echoes it, and the same
tone comes back into the agent's sink, checked by frequency."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from telephony.audio import FRAME_BYTES, SAMPLE_RATE, AudioBridge
from telephony.events import (
    CallEnded,
    CallState,
    CallStateChanged,
    RegistrationChanged,
    RegistrationState,
)
from telephony.pjsua_phone import PjsuaPhone
from tests.telephony.conftest import PASSWORD, normalise, phone_settings
from tests.telephony.peers import HOST, EventLog, Kamailio, Sipp
from tests.telephony.tones import rms, sine, upward_crossings_per_second

pytestmark = pytest.mark.sip

BRIDGE = AudioBridge(max_latency_ms=2000)


@pytest.fixture(scope="module")
def phone(kamailio: Kamailio) -> Iterator[PjsuaPhone]:
    the_phone = PjsuaPhone(phone_settings(kamailio), normalise=normalise, audio=BRIDGE)
    the_phone.start()
    log = EventLog()
    unsubscribe = the_phone.subscribe(log)
    the_phone.register(PASSWORD)
    log.wait_for(RegistrationChanged, lambda e: e.state is RegistrationState.REGISTERED)
    unsubscribe()
    yield the_phone
    the_phone.close()


class Microphone:
    """Plays the agent speaking a 440 Hz tone into the bridge, keeping ~100 ms queued."""

    def __init__(self, bridge: AudioBridge, frequency: float = 440.0) -> None:
        self._bridge = bridge
        self._frequency = frequency
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        position = 0
        while not self._stop.is_set():
            if len(self._bridge.capture) < 5 * FRAME_BYTES:
                self._bridge.write_capture(sine(self._frequency, FRAME_BYTES // 2, start=position))
                position += FRAME_BYTES // 2
            else:
                self._stop.wait(0.005)

    def __enter__(self) -> Microphone:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


def listen(bridge: AudioBridge, seconds: float) -> bytes:
    """What reaches the agent's sink over ``seconds`` of real time."""
    wanted = int(seconds * SAMPLE_RATE) * 2
    heard = bytearray()
    deadline = time.monotonic() + seconds * 3 + 2
    while len(heard) < wanted and time.monotonic() < deadline:
        chunk = bridge.read_far_end(wanted - len(heard))
        if chunk:
            heard += chunk
        else:
            time.sleep(0.01)  # audio arrives at 50 frames/s; nothing to wait on but time
    return bytes(heard)


def test_tone_round_trip_and_mute(
    phone: PjsuaPhone, events: EventLog, sipp: Callable[..., Sipp]
) -> None:
    echo = sipp("uas_answer.xml", target=None, extra=["-rtp_echo"])
    call_id = phone.dial(f"sip:echo@{HOST}:{echo.port}")
    events.wait_for(
        CallStateChanged, lambda e: e.call_id == call_id and e.state is CallState.CONFIRMED
    )
    with Microphone(BRIDGE):
        listen(BRIDGE, 1.0)  # let the jitter buffers settle
        heard = listen(BRIDGE, 1.0)
        assert abs(upward_crossings_per_second(heard) - 440) < 15
        assert rms(heard) > 1000

        phone.mute(call_id)
        listen(BRIDGE, 0.5)
        muted = listen(BRIDGE, 1.0)
        assert upward_crossings_per_second(muted) < 20
        assert rms(muted) < 200

        phone.unmute(call_id)
        listen(BRIDGE, 0.5)
        again = listen(BRIDGE, 1.0)
        assert abs(upward_crossings_per_second(again) - 440) < 15

    phone.hangup(call_id)
    events.wait_for(CallEnded, lambda e: e.call_id == call_id)
    echo.expect_success()
