"""Who holds changes back, for supervisors: the shared database's long-running writers.

A transaction that has written and not ended keeps its rows from every desk (the pull reads
past it, but its rows reach nobody until it ends). ``pg_stat_activity`` shows a person only
their own sessions' start times, so a ``SECURITY DEFINER`` function owned by the schema owner
lists, for supervisors and admins, each transaction in this database that holds an id and has
run for at least the given seconds: whose, the server pid, and since when. Where the owner is
neither a superuser nor a member of ``pg_read_all_stats`` it sees only its own sessions; a
site grants it (docs/deployment notes in docs/roles.md).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from db.roles_ddl import SUPERVISOR, quoted_schema

FUNCTION = "cc_held_back(double precision)"
#: A shared transaction still running after this long is reported, with whose it is.
HELD_BACK_S = 10.0


def install(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    s = quoted_schema(connection)
    for statement in (
        f"""CREATE OR REPLACE FUNCTION {s}.cc_held_back(min_seconds double precision)
RETURNS TABLE (username text, pid integer, xact_start timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT usename::text, pid, xact_start FROM pg_stat_activity
    WHERE datname = current_database() AND backend_xid IS NOT NULL
      AND xact_start <= now() - make_interval(secs => min_seconds)
    ORDER BY xact_start
$$""",
        f"REVOKE ALL ON FUNCTION {s}.{FUNCTION} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.{FUNCTION} TO {SUPERVISOR}",
    ):
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"DROP FUNCTION IF EXISTS {quoted_schema(connection)}.{FUNCTION}"))
