"""The headset against a real (virtual) PulseAudio device: a null sink is the speaker and a
source remapped from its monitor is the microphone, so what the headset plays comes back in
through its own capture, and frequencies can be checked end to end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from telephony.audio import FRAME_BYTES, SAMPLE_RATE, AudioBridge
from tests.telephony.tones import rms, sine, upward_crossings_per_second
from tests.ui.conftest import MICROPHONE, SPEAKER


@pytest.fixture
def headset(virtual_headset: None, qtbot: QtBot) -> Iterator[object]:
    from ui.desk.headset import Headset  # after the daemon is up: Qt connects on first use

    bridge = AudioBridge(max_latency_ms=3000)
    the_headset = Headset(bridge, ring_on_ms=3000, ring_off_ms=1000)
    yield the_headset
    the_headset.stop()
    the_headset.stop_ring()


def capture(qtbot: QtBot, bridge: AudioBridge, seconds: float) -> bytes:
    """``seconds`` of what the microphone delivered into the bridge."""
    wanted = int(seconds * SAMPLE_RATE) * 2
    heard = bytearray()

    def enough() -> bool:
        heard.extend(bridge.capture.read(wanted - len(heard)))
        return len(heard) >= wanted

    qtbot.waitUntil(enough, timeout=int(seconds * 1000) * 4 + 3000)
    return bytes(heard)


def test_devices_are_listed_and_chosen_by_name(headset: object) -> None:
    from ui.desk.headset import Headset

    assert isinstance(headset, Headset)
    assert SPEAKER in Headset.output_names()
    assert MICROPHONE in Headset.input_names()
    headset.set_output(SPEAKER)
    headset.set_input(MICROPHONE)
    assert (headset.output_name, headset.input_name) == (SPEAKER, MICROPHONE)
    with pytest.raises(ValueError, match="no audio device named"):
        headset.set_output("Not A Device")


def test_far_end_audio_is_played_and_the_microphone_captured(headset: object, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer

    from ui.desk.headset import Headset

    assert isinstance(headset, Headset)
    bridge: AudioBridge = headset._bridge
    headset.set_output(SPEAKER)
    headset.set_input(MICROPHONE)
    headset.start()
    assert headset.active
    position = 0

    def far_end_talks() -> None:  # what pjsua's port would push, 50 frames a second
        nonlocal position
        while len(bridge.far_end) < 6 * FRAME_BYTES:
            bridge.push_far_end(sine(440, FRAME_BYTES // 2, start=position))
            position += FRAME_BYTES // 2

    feeder = QTimer()
    feeder.timeout.connect(far_end_talks)
    feeder.start(10)
    capture(qtbot, bridge, 1.0)  # let the devices settle
    heard = capture(qtbot, bridge, 1.0)
    assert abs(upward_crossings_per_second(heard) - 440) < 15
    assert rms(heard) > 1000

    headset.set_volume(0.0)  # the agent turns the far end all the way down
    capture(qtbot, bridge, 0.5)
    quiet = capture(qtbot, bridge, 1.0)
    assert rms(quiet) < 100
    feeder.stop()


def test_ring_tone_plays_on_the_chosen_output(headset: object, qtbot: QtBot) -> None:
    from ui.desk.headset import Headset

    assert isinstance(headset, Headset)
    bridge: AudioBridge = headset._bridge
    headset.set_output(SPEAKER)
    headset.set_input(MICROPHONE)
    headset.start()  # the microphone hears the speaker through the monitor
    capture(qtbot, bridge, 0.5)
    silent = capture(qtbot, bridge, 0.5)
    assert rms(silent) < 100
    headset.play_ring()
    assert headset.ringing
    capture(qtbot, bridge, 0.5)
    ring = capture(qtbot, bridge, 1.0)  # inside the 3 s "on" part of the cadence
    assert abs(upward_crossings_per_second(ring) - 425) < 15
    headset.stop_ring()
    assert not headset.ringing


def test_what_is_wrong_with_the_sound_in_words() -> None:
    from ui.desk.headset import Headset

    assert Headset.problem(["Null Output"], ["HeadsetMic"]) is None
    assert Headset.problem([], []) == (
        "No audio devices: calls are silent (no sound server, or no sound card)"
    )
    assert Headset.problem([], ["HeadsetMic"]) == "No speaker or headset: calls are silent"
    assert Headset.problem(["Null Output"], []) == "No microphone: the caller cannot hear you"
