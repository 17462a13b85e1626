"""Hear the shared store say that a transaction wrote replicated rows.

PostgreSQL's LISTEN / NOTIFY: the change feed's statement trigger notifies
``changefeed_ddl.CHANNEL`` and the server delivers it at commit (never for a rolled-back
write), so a desk can pull a second after another desk's save instead of at its next
interval. The connection is its own, in autocommit, and only waits; where LISTEN cannot work
(a transaction-pooling PgBouncer) nothing arrives and the interval still pulls.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from db.changefeed_ddl import CHANNEL

#: How long one wait for a notification lasts before ``should_stop`` is asked again.
POLL_S = 0.5


def listen(
    engine: Engine,
    on_change: Callable[[], None],
    should_stop: Callable[[], bool],
    on_listening: Callable[[], None] = lambda: None,
) -> None:
    """Call ``on_change`` for every notification until ``should_stop``; a lost connection
    raises (the caller decides when to listen again). PostgreSQL only."""
    raw = engine.raw_connection()
    try:
        pg = raw.driver_connection
        assert pg is not None
        pg.autocommit = True
        pg.execute(f"LISTEN {CHANNEL}")
        on_listening()
        while not should_stop():
            for _notice in pg.notifies(timeout=POLL_S):
                on_change()
    finally:
        raw.close()
