"""``epoch(column)``: a timestamp as seconds since 1970 (UTC), computed by either store.

Reading thousands of timestamps only to subtract them costs more in Python (making aware
datetimes) than the query itself; the boards ask the store for plain numbers instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class epoch(FunctionElement[float]):  # noqa: N801 - reads as the SQL function it stands for
    type = Float()
    inherit_cache = True


@compiles(epoch, "postgresql")
def _epoch_postgresql(element: epoch, compiler: Any, **kw: Any) -> str:
    return f"EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})"


@compiles(epoch, "sqlite")
def _epoch_sqlite(element: epoch, compiler: Any, **kw: Any) -> str:
    # SQLite keeps UTC timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' text: whole seconds from
    # strftime, microseconds from the text itself (julianday is off by some microseconds).
    column = compiler.process(element.clauses, **kw)
    return f"(CAST(strftime('%s', {column}) AS REAL) + CAST(substr({column}, 21, 6) AS REAL) / 1e6)"
