"""Pausing Python's cyclic garbage collector around work that must not wait for it.

A full collection walks every object the process holds: 50 to 110 ms in a desk at a million
customers, 10 to 30 ms in a supervisor's refresh. The screen pop (GUI thread) and the
supervisor's refresh (a worker thread) each allocate thousands of short-lived objects, enough
to set one off in their middle. The collector is one per process, so the pauses are counted:
it runs again when the last pause ends, not when the first does.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (nor in another thread's, until both end)."""
    global _pauses, _was_enabled  # noqa: PLW0603 - one collector per process
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
