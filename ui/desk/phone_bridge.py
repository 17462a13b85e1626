"""Carries phone events from the phone's own thread to the GUI thread as a queued signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from telephony.events import PhoneEvent
from telephony.phone import Phone


class PhoneBridge(QObject):
    """Re-emits every phone event on the GUI thread.

    Signals:
        phone_event(object): a ``telephony.events`` record; emitted on the GUI thread.
    """

    phone_event = Signal(object)
    _arrived = Signal(object)

    def __init__(self, phone: Phone, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self.phone_event.emit, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = phone.subscribe(self._on_phone_thread)

    def _on_phone_thread(self, event: PhoneEvent) -> None:
        # Emitting a signal is thread-safe; the queued connection delivers it on our thread.
        self._arrived.emit(event)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
