"""Call audio between the SIP stack and the agent's headset, as plain PCM frames.

The SIP side runs on pjmedia's clock thread and the device side on Qt Multimedia's; neither
may wait for the other, so they meet in two small byte rings guarded by a lock. Format
everywhere: 16 kHz, mono, signed 16-bit little-endian, 20 ms frames (640 bytes).
"""

from __future__ import annotations

import array
import sys
import threading

__all__ = ["FRAME_BYTES", "SAMPLE_RATE", "AudioBridge", "ByteRing", "scale_pcm16"]

SAMPLE_RATE = 16000
FRAME_MS = 20
FRAME_BYTES = SAMPLE_RATE * FRAME_MS // 1000 * 2


class ByteRing:
    """A bounded FIFO of bytes: writers never block, the oldest audio is dropped on overflow
    (late audio is worse than lost audio in a conversation)."""

    def __init__(self, max_bytes: int) -> None:
        self._max = max_bytes
        self._data = bytearray()
        self._lock = threading.Lock()
        self.dropped_bytes = 0

    def write(self, data: bytes) -> None:
        with self._lock:
            self._data += data
            excess = len(self._data) - self._max
            if excess > 0:
                excess += excess % 2  # keep whole 16-bit samples
                del self._data[:excess]
                self.dropped_bytes += excess

    def read(self, max_bytes: int) -> bytes:
        with self._lock:
            size = min(max_bytes, len(self._data))
            size -= size % 2
            chunk = bytes(self._data[:size])
            del self._data[:size]
            return chunk

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)


def scale_pcm16(data: bytes, gain: float) -> bytes:
    """Multiply 16-bit little-endian samples by ``gain``, clipping instead of wrapping."""
    if gain == 1.0:
        return data
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder != "little":
        samples.byteswap()
    scaled = array.array("h", (max(-32768, min(32767, int(s * gain))) for s in samples))
    if sys.byteorder != "little":
        scaled.byteswap()
    return scaled.tobytes()


class AudioBridge:
    """The meeting point of call audio and headset audio.

    SIP side (media clock thread): ``push_far_end`` with each received frame,
    ``pull_capture`` for each frame to send. Device side: ``read_far_end`` to play,
    ``write_capture`` with microphone data. ``muted`` silences what the far end hears;
    ``volume`` scales what the agent hears. All methods are thread-safe and never block on
    I/O.
    """

    def __init__(self, max_latency_ms: int = 200) -> None:
        ring_bytes = SAMPLE_RATE * 2 * max_latency_ms // 1000
        self.far_end = ByteRing(ring_bytes)
        self.capture = ByteRing(ring_bytes)
        self._muted = False
        self._volume = 1.0

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """0.0 (silent) to 2.0 (double); the far end's level in the agent's ear."""
        self._volume = max(0.0, min(2.0, volume))

    def push_far_end(self, frame: bytes) -> None:
        self.far_end.write(scale_pcm16(frame, self._volume))

    def read_far_end(self, max_bytes: int) -> bytes:
        return self.far_end.read(max_bytes)

    def write_capture(self, data: bytes) -> None:
        self.capture.write(data)

    def pull_capture(self, size: int = FRAME_BYTES) -> bytes:
        """Exactly ``size`` bytes for the far end: silence when muted or when the microphone
        has not delivered enough yet."""
        chunk = self.capture.read(size)
        if self._muted:
            return bytes(size)
        return chunk + bytes(size - len(chunk))
