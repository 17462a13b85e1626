"""Test signals: a sine generator and a frequency estimate by zero crossings."""

from __future__ import annotations

import array
import math


def sine(
    frequency: float, samples: int, *, rate: int = 16000, start: int = 0, amp: int = 8000
) -> bytes:
    """``samples`` of a sine wave as 16-bit little-endian PCM, phase-continuous from ``start``."""
    wave = array.array(
        "h",
        (int(amp * math.sin(2 * math.pi * frequency * (start + n) / rate)) for n in range(samples)),
    )
    return wave.tobytes()


def upward_crossings_per_second(pcm: bytes, *, rate: int = 16000, threshold: int = 500) -> float:
    """Upward crossings with hysteresis, so low-level noise and silence count as nothing."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    crossings = 0
    armed = False
    for value in samples:
        if value < -threshold:
            armed = True
        elif value > threshold and armed:
            crossings += 1
            armed = False
    return crossings * rate / max(1, len(samples))


def rms(pcm: bytes) -> float:
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    return math.sqrt(sum(v * v for v in samples) / len(samples))
