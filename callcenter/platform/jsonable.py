"""One JSON encoder for the records the core returns (used by the CLI and the event log)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from typing import Any


def default(value: Any) -> Any:
    """``json.dumps(default=...)`` for UUIDs, datetimes, enums, dataclasses and sets."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot encode a {type(value).__name__} as JSON")
