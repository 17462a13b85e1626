"""The collector pause is counted: it runs again when the last pause ends, on any thread."""

from __future__ import annotations

import gc
import threading

from callcenter.platform.collector import collector_paused


def test_the_collector_runs_again_only_when_the_last_pause_ends() -> None:
    assert gc.isenabled()
    inside = threading.Event()
    leave = threading.Event()

    def refresh() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=refresh)
    with collector_paused():
        worker.start()
        assert inside.wait(5)
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's pause still holds
    leave.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
