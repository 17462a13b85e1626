"""``call.refused`` lines in the event log, bounded: a flood of refused INVITEs must not fill
the disk. Up to ``burst`` lines at once and ``rate`` a second after that; the lines held back
are counted, and the next line written (or ``flush``, once the flood is over) says how many.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from callcenter.platform.event_log import EventLog

EVENT = "call.refused"


class RefusalLog:
    def __init__(
        self,
        events: EventLog,
        *,
        rate: float = 5.0,
        burst: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._events = events
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()
        #: Refusals not written since the last line.
        self.held_back = 0

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    def write(self, **fields: Any) -> None:
        self._refill()
        if self._tokens < 1.0:
            self.held_back += 1
            return
        self._tokens -= 1.0
        if self.held_back:
            fields["not_logged_before"] = self.held_back
            self.held_back = 0
        self._events.write(EVENT, **fields)

    def flush(self) -> None:
        """Say how many were held back, once the log may take a line again."""
        if not self.held_back:
            return
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            self._events.write(f"{EVENT}.not_logged", count=self.held_back)
            self.held_back = 0
