"""Column values to JSON and back, by the column's type, for outbox entries and conflicts."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import uuid
from typing import Any

from sqlalchemy import Column, Date, Enum, Numeric, Uuid

from db.types import UTCDateTime


def encode(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, Numeric) and kind.asdecimal:
        return decimal.Decimal(value)
    for type_, parse in _PARSERS:
        if isinstance(kind, type_):
            return parse(value)
    return value


_PARSERS: tuple[tuple[type[Any], Any], ...] = (
    (Uuid, uuid.UUID),
    (UTCDateTime, dt.datetime.fromisoformat),
    (Date, dt.date.fromisoformat),
)


def dumps(values: dict[str, Any]) -> str:
    return json.dumps({k: encode(v) for k, v in values.items()}, separators=(",", ":"))


def loads(columns: Any, text: str) -> dict[str, Any]:
    """Decode a JSON object of column values; ``columns`` is a table's ``.c`` collection."""
    return {k: decode(columns[k], v) for k, v in json.loads(text).items() if k in columns}


def as_text(value: Any) -> str:
    """One value as JSON text (a conflict record keeps both values this way)."""
    return json.dumps(encode(value))


def from_text(column: Column[Any], text: str | None) -> Any:
    """The value :func:`as_text` wrote, typed for ``column`` again."""
    return None if text is None else decode(column, json.loads(text))
