"""Column values to JSON and back, by the column's type, for outbox entries and conflicts."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, Date, Enum, Numeric, Table, Uuid

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


def parser(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How to turn a JSON value back into ``column``'s Python type (None: as it is)."""
    kind = column.type
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return kind.enum_class
    if isinstance(kind, Numeric) and kind.asdecimal:
        return decimal.Decimal
    for type_, parse in _PARSERS:
        if isinstance(kind, type_):
            return parse
    return None


def decode(column: Column[Any], value: Any) -> Any:
    parse = parser(column)
    return value if value is None or parse is None else parse(value)


_PARSERS: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = (
    (Uuid, uuid.UUID),
    (UTCDateTime, dt.datetime.fromisoformat),
    (Date, dt.date.fromisoformat),
)


@functools.cache
def _table_parsers(table: Table) -> dict[str, Callable[[Any], Any] | None]:
    return {column.name: parser(column) for column in table.columns}


def dumps(values: dict[str, Any]) -> str:
    return json.dumps({k: encode(v) for k, v in values.items()}, separators=(",", ":"))


def loads(table: Table, text: str) -> dict[str, Any]:
    """Decode a JSON object of ``table``'s column values (unknown keys are dropped)."""
    parsers = _table_parsers(table)
    values = {}
    for key, value in json.loads(text).items():
        if key in parsers:
            parse = parsers[key]
            values[key] = value if value is None or parse is None else parse(value)
    return values


def as_text(value: Any) -> str:
    """One value as JSON text (a conflict record keeps both values this way)."""
    return json.dumps(encode(value))


def from_text(column: Column[Any], text: str | None) -> Any:
    """The value :func:`as_text` wrote, typed for ``column`` again."""
    return None if text is None else decode(column, json.loads(text))
