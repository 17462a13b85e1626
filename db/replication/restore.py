"""Put a refused transaction's rows back on the desk as the shared store has them.

Without this a desk kept a refused value for good: the pull skips rows with a local write
waiting, and the refused write waited for ever. The shared version replaces the desk's; a row
the refused transaction created, which the shared store never had, goes. A row that another
waiting transaction also changed stays as it is: that push stamps it and the pull brings it.
A table the signed-in role may not read (an agent's audit log) only ever had new rows from the
desk, so a refused one is simply removed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from db.base import Base
from db.replication import access, rows
from db.replication.outbox import Entry


def restore(local: Engine, shared: Engine, entries: Sequence[Entry]) -> int:
    """Refresh the rows ``entries`` touched from ``shared``; returns the rows changed."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for entry in entries:
        wanted.setdefault(entry.table_name, set()).add(entry.row_id)
    changed = 0
    with shared.connect() as source:
        hidden = access.unreadable(source, wanted)
        for name, ids in wanted.items():
            table = Base.metadata.tables[name]
            query = rows.select_stored(table, source).where(table.c.id.in_(list(ids)))
            found = [] if name in hidden else rows.fetch(source, query)
            with rows.replica_writes(local) as conn:
                raw: Any = conn.connection.dbapi_connection
                changed += len(found) - rows.upsert(raw, table, found)
                at = rows.position(table, "id")
                present = {row[at] for row in found}
                absent = [i.hex for i in ids if i.hex not in present]
                waiting = rows.pending(raw, absent)
                gone = [(value,) for value in absent if value not in waiting]
                raw.executemany(f"DELETE FROM {name} WHERE id = ?", gone)
                changed += len(gone)
        source.commit()
    return changed
