"""``elapsed_us(later, earlier)``: the time between two timestamps in whole microseconds, an
integer computed by either store.

Reading thousands of timestamps only to subtract them costs more in Python (making aware
datetimes) than the query itself; the boards let the store add waits and talk times up
instead. In integers the sums and the comparisons with a queue's threshold are exact on both
stores, where floating-point seconds since 1970 on SQLite are not (a wait of exactly 20 s
between two instants with microseconds can come out as 20.0000002 s).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

MICROSECOND = dt.timedelta(microseconds=1)


class elapsed_us(FunctionElement[int]):  # noqa: N801 - reads as the SQL function it stands for
    type = BigInteger()
    inherit_cache = True


@compiles(elapsed_us, "postgresql")
def _elapsed_us_postgresql(element: elapsed_us, compiler: Any, **kw: Any) -> str:
    # An interval's seconds as float8 (date_part) are exact to the microsecond for any wait,
    # and cost half what numeric EXTRACT does; the cast to BIGINT rounds to the nearest.
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(date_part('epoch', {later} - {earlier}) * 1000000 AS BIGINT)"


@compiles(elapsed_us, "sqlite")
def _elapsed_us_sqlite(element: elapsed_us, compiler: Any, **kw: Any) -> str:
    # SQLite keeps UTC timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' text: whole seconds from
    # strftime of the text up to the seconds (given the fraction, it rounds to milliseconds:
    # 19.9996 s would count as 20), microseconds from the text itself.
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"((CAST(strftime('%s', substr({later}, 1, 19)) AS INTEGER)"
        f" - CAST(strftime('%s', substr({earlier}, 1, 19)) AS INTEGER)) * 1000000"
        f" + CAST(substr({later}, 21, 6) AS INTEGER) - CAST(substr({earlier}, 21, 6) AS INTEGER))"
    )
