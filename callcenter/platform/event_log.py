"""The desk's event log: JSON Lines, one object per event, for support and benchmarks.

Each line has ``event`` and ``ts`` (ISO 8601, UTC, microseconds) plus the event's fields.
Lines are flushed as written so a crash keeps everything up to it. Fields whose name
suggests a secret are refused, so a password can never reach the file by mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import IO, Any

from callcenter.platform.jsonable import default

_SECRET_WORDS = ("password", "passwd", "secret", "token", "authorization")


class EventLog:
    """Append-only JSON Lines writer, safe to call from any thread."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._file: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A text no encoder takes (a lone surrogate) is written as "?": never an exception.
            self._file = path.open("a", encoding="utf-8", errors="replace")

    def write(self, event: str, **fields: Any) -> None:
        for name in fields:
            if any(word in name.lower() for word in _SECRET_WORDS):
                raise ValueError(f"refusing to log field {name!r}: it may hold a secret")
        if self._file is None:
            return
        record = {"event": event, "ts": dt.datetime.now(dt.UTC).isoformat(), **fields}
        line = json.dumps(record, default=default, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
