"""Which tables the signed-in role may read, as the shared store's own grants say.

An agent's role may add audit entries but not read them (``roles_ddl.SUPERVISOR_READS``): the
push must not lock such a table's rows and the pull must not read it. The database decides,
not a list here, so a store whose grants differ (a SQLite store has none) is read as it allows.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

_READABLE = (
    "SELECT name, has_table_privilege(current_user, name, 'SELECT') "
    "FROM unnest(CAST(:names AS text[])) AS name"
)


def readable(conn: Connection, names: Iterable[str]) -> dict[str, bool]:
    """For each table, whether the signed-in role may SELECT it (all of them on SQLite)."""
    wanted = list(dict.fromkeys(names))
    if conn.dialect.name != "postgresql" or not wanted:
        return dict.fromkeys(wanted, True)
    return {str(name): bool(ok) for name, ok in conn.execute(text(_READABLE), {"names": wanted})}


def unreadable(conn: Connection, names: Iterable[str]) -> frozenset[str]:
    """The tables among ``names`` the signed-in role may not SELECT."""
    return frozenset(name for name, ok in readable(conn, names).items() if not ok)


class Readable:
    """``readable`` remembered for one push, so a table is asked about once, not per batch."""

    def __init__(self) -> None:
        self.known: dict[str, bool] = {}

    def hidden(self, conn: Connection, names: Iterable[str]) -> frozenset[str]:
        """The tables among ``names`` the role may not SELECT, asking only about new ones."""
        wanted = set(names)
        ask = wanted - self.known.keys()
        if ask:
            self.known.update(readable(conn, sorted(ask)))
        return frozenset(name for name in wanted if not self.known[name])
