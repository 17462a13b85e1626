"""The Qt-free frame bridge: bounded rings, mute, volume."""

from __future__ import annotations

import threading

from telephony.audio import FRAME_BYTES, AudioBridge, ByteRing, scale_pcm16
from tests.telephony.tones import rms, sine, upward_crossings_per_second


def test_ring_drops_oldest_whole_samples_on_overflow() -> None:
    ring = ByteRing(max_bytes=8)
    ring.write(b"\x01\x00\x02\x00\x03\x00")
    ring.write(b"\x04\x00\x05\x00")
    assert len(ring) == 8
    assert ring.dropped_bytes == 2
    assert ring.read(3) == b"\x02\x00"  # only whole samples come out
    assert ring.read(100) == b"\x03\x00\x04\x00\x05\x00"
    assert ring.read(10) == b""


def test_pull_capture_pads_with_silence_and_mutes() -> None:
    bridge = AudioBridge()
    tone = sine(440, 160)
    bridge.write_capture(tone)
    frame = bridge.pull_capture()
    assert len(frame) == FRAME_BYTES
    assert frame[: len(tone)] == tone
    assert frame[len(tone) :] == bytes(FRAME_BYTES - len(tone))
    bridge.write_capture(tone)
    bridge.set_muted(True)
    assert bridge.muted
    assert bridge.pull_capture() == bytes(FRAME_BYTES)


def test_volume_scales_far_end_and_clips() -> None:
    bridge = AudioBridge()
    tone = sine(440, 1600, amp=10000)
    bridge.set_volume(0.5)
    bridge.push_far_end(tone)
    half = bridge.read_far_end(len(tone))
    assert abs(rms(half) - rms(tone) / 2) < 5
    assert upward_crossings_per_second(half) == upward_crossings_per_second(tone)
    bridge.set_volume(9.0)
    assert bridge.volume == 2.0
    loud = scale_pcm16(sine(440, 1600, amp=30000), 2.0)
    samples = memoryview(loud).cast("h")
    assert (max(samples), min(samples)) == (32767, -32768)


def test_rings_are_safe_across_threads() -> None:
    bridge = AudioBridge(max_latency_ms=20_000)
    frame = sine(440, 320)

    def write_many() -> None:
        for _ in range(200):
            bridge.write_capture(frame)

    writers = [threading.Thread(target=write_many) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    total = 0
    while chunk := bridge.capture.read(FRAME_BYTES):
        assert chunk == frame  # frames never interleave
        total += len(chunk)
    assert total == 4 * 200 * FRAME_BYTES
