"""The agent's headset: call audio between ``telephony.audio.AudioBridge`` and real devices.

The SIP stack only sees PCM frames in the bridge; this side plays the far end on the chosen
output with ``QAudioSink`` and records the chosen input with ``QAudioSource``, both at the
bridge's 16 kHz mono 16-bit format. Devices are chosen by their description (what the agent
sees in a settings list); the ring tone plays on the same output as the call.
"""

from __future__ import annotations

import math
from array import array

from PySide6.QtCore import QByteArray, QCoreApplication, QIODevice, QObject, Signal
from PySide6.QtMultimedia import (
    QAudio,
    QAudioDevice,
    QAudioFormat,
    QAudioSink,
    QAudioSource,
    QMediaDevices,
)

from telephony.audio import FRAME_BYTES, SAMPLE_RATE, AudioBridge

__all__ = ["Headset", "audio_format"]

# Pull-mode sinks ask for as much as their buffer holds; a small buffer keeps latency low.
_SINK_BUFFER_BYTES = 4 * FRAME_BYTES


def audio_format() -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


class _FarEndReader(QIODevice):
    """Pull-mode source for the sink: the bridge's far-end audio, silence when it runs dry
    (so the sink never stalls between talk spurts)."""

    def __init__(self, bridge: AudioBridge, parent: QObject) -> None:
        super().__init__(parent)
        self._bridge = bridge

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return FRAME_BYTES + super().bytesAvailable()

    def readData(self, maxlen: int) -> object:  # noqa: N802 - Qt's name
        size = min(maxlen, _SINK_BUFFER_BYTES)
        size -= size % 2
        chunk = self._bridge.read_far_end(size)
        if not chunk:
            return bytes(min(size, FRAME_BYTES))
        return chunk

    def writeData(self, data: bytes | bytearray | memoryview, size: int) -> int:  # noqa: N802
        return -1


class _RingTone(QIODevice):
    """An endless ring cadence: ``frequency`` for ``on_ms``, then silence for ``off_ms``."""

    def __init__(self, frequency: float, on_ms: int, off_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self._frequency = frequency
        self._on = SAMPLE_RATE * on_ms // 1000
        self._period = self._on + SAMPLE_RATE * off_ms // 1000
        self._position = 0

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return _SINK_BUFFER_BYTES + super().bytesAvailable()

    def readData(self, maxlen: int) -> object:  # noqa: N802 - Qt's name
        count = min(maxlen, _SINK_BUFFER_BYTES) // 2
        samples = array("h", bytes(count * 2))
        step = 2 * math.pi * self._frequency / SAMPLE_RATE
        for index in range(count):
            where = (self._position + index) % self._period
            if where < self._on:
                samples[index] = int(8000 * math.sin(step * where))
        self._position = (self._position + count) % self._period
        return samples.tobytes()

    def writeData(self, data: bytes | bytearray | memoryview, size: int) -> int:  # noqa: N802
        return -1


def _find(devices: list[QAudioDevice], name: str | None, default: QAudioDevice) -> QAudioDevice:
    if name is None:
        return default
    for device in devices:
        if device.description() == name:
            return device
    known = ", ".join(d.description() for d in devices) or "none"
    raise ValueError(f"no audio device named {name!r} (known: {known})")


class Headset(QObject):
    """Plays and records call audio on the devices the agent picked.

    Signals (GUI thread):
        error(str): a device failed to open or stopped with an error.
    """

    error = Signal(str)

    def __init__(
        self,
        bridge: AudioBridge,
        *,
        ring_frequency: float = 425.0,
        ring_on_ms: int = 1000,
        ring_off_ms: int = 4000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._ring_args = (ring_frequency, ring_on_ms, ring_off_ms)
        self._output = QMediaDevices.defaultAudioOutput()
        self._input = QMediaDevices.defaultAudioInput()
        self._sink: QAudioSink | None = None
        self._source: QAudioSource | None = None
        self._capture_io: QIODevice | None = None
        self._ring_sink: QAudioSink | None = None
        self._reader: _FarEndReader | None = None
        self._ring: _RingTone | None = None

    @staticmethod
    def output_names() -> list[str]:
        return [device.description() for device in QMediaDevices.audioOutputs()]

    @staticmethod
    def input_names() -> list[str]:
        return [device.description() for device in QMediaDevices.audioInputs()]

    @staticmethod
    def problem(outputs: list[str], inputs: list[str]) -> str | None:
        """What is wrong with the sound, in words, or None: no speaker means silent calls,
        no microphone means the caller hears nothing (both: the sound server is not there)."""
        if not outputs and not inputs:
            return QCoreApplication.translate(
                "Headset", "No audio devices: calls are silent (no sound server, or no sound card)"
            )
        if not outputs:
            return QCoreApplication.translate("Headset", "No speaker or headset: calls are silent")
        if not inputs:
            return QCoreApplication.translate(
                "Headset", "No microphone: the caller cannot hear you"
            )
        return None

    def set_output(self, name: str | None) -> None:
        """Choose the speaker by description (None: the system default); takes effect on
        the next start()."""
        self._output = _find(QMediaDevices.audioOutputs(), name, QMediaDevices.defaultAudioOutput())

    def set_input(self, name: str | None) -> None:
        self._input = _find(QMediaDevices.audioInputs(), name, QMediaDevices.defaultAudioInput())

    @property
    def output_name(self) -> str:
        return self._output.description()

    @property
    def input_name(self) -> str:
        return self._input.description()

    def set_muted(self, muted: bool) -> None:
        """The far end hears silence while muted (the microphone keeps running)."""
        self._bridge.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        """Far-end loudness in the agent's ear, 0.0 to 2.0."""
        self._bridge.set_volume(volume)

    @property
    def active(self) -> bool:
        return self._sink is not None

    def start(self) -> None:
        """Open both devices for a call; with no devices (a server, a test) audio stays in
        the bridge, the null device."""
        self.stop()
        if self._output.isNull() or self._input.isNull():
            return
        self._bridge.far_end.clear()
        self._bridge.capture.clear()
        self._reader = _FarEndReader(self._bridge, self)
        self._reader.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(self._output, audio_format(), self)
        self._sink.setBufferSize(_SINK_BUFFER_BYTES)
        self._sink.stateChanged.connect(self._on_sink_state)
        self._sink.start(self._reader)
        self._source = QAudioSource(self._input, audio_format(), self)
        self._source.setBufferSize(2 * FRAME_BYTES)
        self._capture_io = self._source.start()
        if self._capture_io is None:
            self.error.emit(
                QCoreApplication.translate("Headset", "cannot open the microphone {name}").format(
                    name=repr(self.input_name)
                )
            )
            return
        self._capture_io.readyRead.connect(self._on_capture)

    def stop(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
            self._source = None
            self._capture_io = None
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
            self._sink = None
        if self._reader is not None:
            self._reader.close()
            self._reader.deleteLater()
            self._reader = None

    def play_ring(self) -> None:
        """Ring on the chosen output until stop_ring(); silent when there is no output."""
        self.stop_ring()
        if self._output.isNull():
            return
        self._ring = _RingTone(*self._ring_args, parent=self)
        self._ring.open(QIODevice.OpenModeFlag.ReadOnly)
        self._ring_sink = QAudioSink(self._output, audio_format(), self)
        self._ring_sink.setBufferSize(_SINK_BUFFER_BYTES)
        self._ring_sink.start(self._ring)

    def stop_ring(self) -> None:
        if self._ring_sink is not None:
            self._ring_sink.stop()
            self._ring_sink.deleteLater()
            self._ring_sink = None
        if self._ring is not None:
            self._ring.close()
            self._ring.deleteLater()
            self._ring = None

    @property
    def ringing(self) -> bool:
        return self._ring_sink is not None

    def _on_capture(self) -> None:
        if self._capture_io is None:
            return
        data: QByteArray = self._capture_io.readAll()
        if data.size():
            self._bridge.write_capture(bytes(data.data()))

    def _on_sink_state(self, _state: QAudio.State) -> None:
        # Compared by name: PySide6 exposes the enum as both QAudio.Error and QtAudio.Error,
        # which the type stubs treat as unrelated. (The QAudio import also registers the
        # QAudio::State conversion this slot needs.)
        if self._sink is not None and self._sink.error().name not in ("NoError", "UnderrunError"):
            self.error.emit(
                QCoreApplication.translate("Headset", "speaker {name} failed: {error}").format(
                    name=repr(self.output_name), error=self._sink.error().name
                )
            )
