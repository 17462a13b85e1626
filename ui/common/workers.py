"""Reads a window runs off the GUI thread (a large audit trail, a change log, the likely
duplicates of 100,000 customers), their results handed back on the GUI thread.

A worker thread never holds the last reference to a widget: the read and what to do with its
result stay in a table the GUI thread owns (``_JOBS``), the thread gets only its key, and the
GUI thread drops them once the result is delivered. Otherwise a window closed while its read
runs could be freed by the worker thread (Python frees an object where its last reference
goes), and Qt widgets must die on the GUI thread: that crashed the process at the next event.
Closing the window also waits for what is still running.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

#: How long closing a window waits for a read still running.
WAIT_S = 10.0

Work = Callable[[], Any]
Then = Callable[[Any], None]
Fail = Callable[[str], None]

_JOBS: dict[int, tuple[Work, Then, Fail]] = {}
_KEYS = itertools.count()
_LOCK = threading.Lock()


class _Dispatch(QObject):
    """Lives on the GUI thread; a worker's result arrives here as a queued signal."""

    finished = Signal(int, object, str)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, key: int, result: object, error: str) -> None:
        with _LOCK:
            _work, then, fail = _JOBS.pop(key)
        try:
            if error:
                fail(error)
            else:
                then(result)
        except RuntimeError:
            pass  # the window went meanwhile (its C++ side deleted): nobody to tell


_dispatch: _Dispatch | None = None


def _read(key: int) -> None:
    assert _dispatch is not None
    with _LOCK:
        work = _JOBS[key][0]
    result: object = None
    error = ""
    try:
        result = work()
    except Exception as failure:  # any failure is said, not raised on a thread
        error = (str(failure) or type(failure).__name__).splitlines()[0]
    finally:
        del work
    _dispatch.finished.emit(key, result, error)


class Reads(QObject):
    """Runs ``work`` on a thread of its own and ``then(result)`` on the GUI thread.

    Signals (GUI thread):
        failed(str): a read failed; the first line of why (any failure: the database, the
            network, a refusal, a file).
    """

    failed = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._threads: list[threading.Thread] = []

    def run(self, work: Work, then: Then) -> None:
        """Called on the GUI thread."""
        global _dispatch  # noqa: PLW0603 - one dispatcher, made on the GUI thread at first use
        if _dispatch is None:
            _dispatch = _Dispatch()
        with _LOCK:
            key = next(_KEYS)
            _JOBS[key] = (work, then, self.failed.emit)
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=_read, args=(key,), name=self._name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self, timeout_s: float = WAIT_S) -> None:
        """Wait for the reads still running (when their window closes)."""
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads = []
