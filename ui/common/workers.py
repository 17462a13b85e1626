"""Reads a window runs off the GUI thread (a large audit trail, a change log, the likely
duplicates of 100,000 customers), their results handed back on the GUI thread.

Closing the window waits for what is still running: a read must not outlive the window it
reports to, nor the store it reads (a test's, or a desk's at sign-out).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

#: How long closing a window waits for a read still running.
WAIT_S = 10.0


class Reads(QObject):
    """Runs ``work`` on a thread of its own and ``then(result)`` on the GUI thread.

    Signals (GUI thread):
        failed(str): a read failed; the first line of why (any failure: the database, the
            network, a refusal, a file).
    """

    _done = Signal(object, object)
    failed = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._threads: list[threading.Thread] = []
        self._done.connect(lambda then, result: then(result))

    def run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        def read() -> None:
            try:
                result = work()
            except Exception as error:  # any failure is said, not raised on a thread
                self.failed.emit((str(error) or type(error).__name__).splitlines()[0])
                return
            self._done.emit(then, result)

        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=read, name=self._name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self, timeout_s: float = WAIT_S) -> None:
        """Wait for the reads still running (when their window closes)."""
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads = []
