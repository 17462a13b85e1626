"""The calls added up as they are written, for the supervisor's boards (PostgreSQL).

A busy day's refresh used to work out the wait, the talk and the half hour of each of the
day's 40,000 calls every 2 seconds. Here triggers on ``interactions`` keep the sums the boards
show, so a refresh reads a few hundred rows:

- ``call_half_hours``: per half hour (by the time the call was offered: a call that spans a
  boundary counts, talk and all, in the half hour it rang in) and queue (the nil UUID for
  calls without one): offered, answered, abandoned, answered within the queue's
  service-level threshold, the sums of waits and talk times in whole microseconds (as
  ``db.epoch.elapsed_us`` works them out), and how many talks there were;
- ``agent_call_days``: per UTC day and agent, the calls they finished talking and the sum of
  those talks.

Counted, as ``callcenter.supervision.boards`` defines it: inbound phone calls not deleted.
New rows are added by a statement trigger over the statement's new rows (the push inserts a
desk's rows with one ``COPY``); a changed row by a row trigger that fires only when a column
the sums depend on changed, and takes the old row's share away before adding the new one's,
so a row pushed twice, or moved to another queue, counts once where it is now. A queue's new
threshold counts its calls again. The longest wait of a half hour is not kept: a maximum
cannot be taken back when a call changes, and the board's longest wait is the current one,
from presence.

The functions run as the owner (``SECURITY DEFINER``, ``search_path`` pinned): agents write
calls but may not write the sums; supervisors and admins read them. Not replicated (no
replication columns, not a model, not in the replicated tables): desks never show them.

SQLite stores get nothing: a desk's local store never runs the boards (and every row a first
sync pulls would pay for the triggers), and the embedded shared store is the one-machine
mode; there the boards add the rows up themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Column, Connection, MetaData, Table, text
from sqlalchemy.dialects.postgresql import UUID

from db import roles_ddl
from db.types import UTCDateTime

HALF_HOURS = "call_half_hours"
AGENT_DAYS = "agent_call_days"
#: The width of one ``call_half_hours`` row.
GRAIN = dt.timedelta(minutes=30)
#: ``call_half_hours.queue_id`` of the calls that have no queue (a key cannot be NULL).
NO_QUEUE = uuid.UUID(int=0)
_INSERTS, _UPDATES, _DELETES = "cc_rollup_inserts", "cc_rollup_updates", "cc_rollup_deletes"
_THRESHOLD = "cc_rollup_threshold"
#: The columns of ``interactions`` the sums depend on: a change to any other is not counted.
WATCHED = (
    "offered_at",
    "answered_at",
    "ended_at",
    "queue_wait_seconds",
    "queue_id",
    "agent_id",
    "direction",
    "channel",
    "deleted",
)
#: Names ``alembic check`` must not ask a model for.
UNMODELLED_NAMES = frozenset({HALF_HOURS, AGENT_DAYS})
#: The default threshold of a call without a queue (``boards.DEFAULT_THRESHOLD_S``).
DEFAULT_THRESHOLD_S = 20

#: The tables as the boards read them (not on ``Base.metadata``: no model, no drift check).
tables = MetaData()
half_hours = Table(
    HALF_HOURS,
    tables,
    Column("starts_at", UTCDateTime, primary_key=True),
    Column("queue_id", UUID(as_uuid=True), primary_key=True),
    *(
        Column(name, BigInteger, nullable=False)
        for name in ("offered", "answered", "abandoned", "in_time", "wait_us", "talks", "talk_us")
    ),
)
agent_days = Table(
    AGENT_DAYS,
    tables,
    Column("day", UTCDateTime, primary_key=True),
    Column("agent_id", UUID(as_uuid=True), primary_key=True),
    Column("talks", BigInteger, nullable=False),
    Column("talk_us", BigInteger, nullable=False),
)

_ORIGIN = "timestamptz '2000-01-01 00:00:00+00'"


def _elapsed(later: str, earlier: str) -> str:
    """``db.epoch.elapsed_us`` as PostgreSQL computes it: the same figures to the microsecond."""
    return f"CAST(date_part('epoch', {later} - {earlier}) * 1000000 AS BIGINT)"


def _add(s: str, rows: str) -> str:
    """One statement adding ``rows`` (with a ``sign`` column: 1 to add, -1 to take away) to
    both tables, keys in order (so concurrent writers lock them in one order)."""
    wait = (
        f"{_elapsed('r.answered_at', 'r.offered_at')}"
        " + CAST(coalesce(r.queue_wait_seconds, 0) AS BIGINT) * 1000000"
    )
    threshold = (
        f"CAST(coalesce(q.service_level_seconds, {DEFAULT_THRESHOLD_S}) AS BIGINT) * 1000000"
    )
    return f"""WITH c AS (
    SELECT r.sign,
        date_bin('30 minutes', r.offered_at, {_ORIGIN}) AS starts_at,
        date_bin('1 day', r.offered_at, {_ORIGIN}) AS day,
        coalesce(r.queue_id, '{NO_QUEUE}'::uuid) AS queue_id,
        r.agent_id,
        r.answered_at IS NOT NULL AS answered,
        r.answered_at IS NULL AND r.ended_at IS NOT NULL AS abandoned,
        {wait} AS wait_us,
        {threshold} AS threshold_us,
        {_elapsed("r.ended_at", "r.answered_at")} AS talk_us
    FROM ({rows}) AS r LEFT JOIN {s}.queues AS q ON q.id = r.queue_id
    WHERE r.direction = 'inbound' AND r.channel = 'phone' AND NOT r.deleted
), agents AS (
    INSERT INTO {s}.{AGENT_DAYS} AS a (day, agent_id, talks, talk_us)
    SELECT day, agent_id, sum(sign), sum(sign * talk_us) FROM c
    WHERE agent_id IS NOT NULL AND talk_us IS NOT NULL
    GROUP BY day, agent_id ORDER BY day, agent_id
    ON CONFLICT (day, agent_id) DO UPDATE SET
        talks = a.talks + EXCLUDED.talks, talk_us = a.talk_us + EXCLUDED.talk_us
)
INSERT INTO {s}.{HALF_HOURS} AS h
    (starts_at, queue_id, offered, answered, abandoned, in_time, wait_us, talks, talk_us)
SELECT starts_at, queue_id, sum(sign),
    coalesce(sum(sign) FILTER (WHERE answered), 0),
    coalesce(sum(sign) FILTER (WHERE abandoned), 0),
    coalesce(sum(sign) FILTER (WHERE wait_us <= threshold_us), 0),
    coalesce(sum(sign * wait_us), 0),
    coalesce(sum(sign) FILTER (WHERE talk_us IS NOT NULL), 0),
    coalesce(sum(sign * talk_us), 0)
FROM c GROUP BY starts_at, queue_id ORDER BY starts_at, queue_id
ON CONFLICT (starts_at, queue_id) DO UPDATE SET
    offered = h.offered + EXCLUDED.offered,
    answered = h.answered + EXCLUDED.answered,
    abandoned = h.abandoned + EXCLUDED.abandoned,
    in_time = h.in_time + EXCLUDED.in_time,
    wait_us = h.wait_us + EXCLUDED.wait_us,
    talks = h.talks + EXCLUDED.talks,
    talk_us = h.talk_us + EXCLUDED.talk_us"""


def _tables(s: str) -> list[str]:
    figures = ",\n    ".join(
        f"{name} bigint NOT NULL"
        for name in ("offered", "answered", "abandoned", "in_time", "wait_us", "talks", "talk_us")
    )
    names = f"{s}.{HALF_HOURS}, {s}.{AGENT_DAYS}"
    return [
        f"""CREATE TABLE IF NOT EXISTS {s}.{HALF_HOURS} (
    starts_at timestamptz NOT NULL,
    queue_id uuid NOT NULL,
    {figures},
    PRIMARY KEY (starts_at, queue_id)
)""",
        f"""CREATE TABLE IF NOT EXISTS {s}.{AGENT_DAYS} (
    day timestamptz NOT NULL,
    agent_id uuid NOT NULL,
    talks bigint NOT NULL,
    talk_us bigint NOT NULL,
    PRIMARY KEY (day, agent_id)
)""",
        f"REVOKE ALL ON {names} FROM PUBLIC, {', '.join(roles_ddl.GROUPS)}",
        f"GRANT SELECT ON {names} TO {roles_ddl.SUPERVISOR}, {roles_ddl.ADMIN}",
    ]


def _function(s: str, name: str, body: str) -> list[str]:
    """A trigger function that runs as the owner (the only writer of the sums), with
    ``search_path`` pinned so nothing of the caller's can stand in for our tables."""
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp AS $$
BEGIN
{body};
    RETURN NULL;
END $$""",
        f"REVOKE ALL ON FUNCTION {s}.{name}() FROM PUBLIC",
    ]


def _recount_threshold(s: str) -> str:
    """A queue's calls measured again against its new threshold (an administrator's rare
    change; every half hour of the queue's history, so the sums stay true for any day)."""
    wait = (
        f"{_elapsed('i.answered_at', 'i.offered_at')}"
        " + CAST(coalesce(i.queue_wait_seconds, 0) AS BIGINT) * 1000000"
    )
    threshold = (
        f"CAST(coalesce(NEW.service_level_seconds, {DEFAULT_THRESHOLD_S}) AS BIGINT) * 1000000"
    )
    return f"""    UPDATE {s}.{HALF_HOURS} AS h SET in_time = (
        SELECT count(*) FROM {s}.interactions AS i
        WHERE i.queue_id = NEW.id
            AND i.offered_at >= h.starts_at AND i.offered_at < h.starts_at + interval '30 minutes'
            AND i.direction = 'inbound' AND i.channel = 'phone' AND NOT i.deleted
            AND {wait} <= {threshold}
    )
    WHERE h.queue_id = NEW.id"""


def _statements(s: str) -> list[str]:
    changed = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in WATCHED)
    return [
        *_tables(s),
        *_function(s, _INSERTS, _add(s, "SELECT 1 AS sign, n.* FROM cc_new AS n")),
        *_function(s, _DELETES, _add(s, "SELECT -1 AS sign, o.* FROM cc_old AS o")),
        *_function(
            s, _UPDATES, _add(s, "SELECT -1 AS sign, OLD.* UNION ALL SELECT 1 AS sign, NEW.*")
        ),
        *_function(s, _THRESHOLD, _recount_threshold(s)),
        f"CREATE OR REPLACE TRIGGER {_INSERTS} AFTER INSERT ON {s}.interactions "
        f"REFERENCING NEW TABLE AS cc_new FOR EACH STATEMENT EXECUTE FUNCTION {s}.{_INSERTS}()",
        f"CREATE OR REPLACE TRIGGER {_DELETES} AFTER DELETE ON {s}.interactions "
        f"REFERENCING OLD TABLE AS cc_old FOR EACH STATEMENT EXECUTE FUNCTION {s}.{_DELETES}()",
        f"CREATE OR REPLACE TRIGGER {_UPDATES} AFTER UPDATE ON {s}.interactions "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {s}.{_UPDATES}()",
        f"CREATE OR REPLACE TRIGGER {_THRESHOLD} AFTER UPDATE OF service_level_seconds "
        f"ON {s}.queues FOR EACH ROW "
        "WHEN (OLD.service_level_seconds IS DISTINCT FROM NEW.service_level_seconds) "
        f"EXECUTE FUNCTION {s}.{_THRESHOLD}()",
    ]


def rebuild(connection: Connection) -> None:
    """The sums made again from every call there is: the migration's backfill, and for a
    store whose calls were loaded with triggers off (``session_replication_role``)."""
    s = roles_ddl.quoted_schema(connection)
    connection.execute(text(f"TRUNCATE {s}.{HALF_HOURS}, {s}.{AGENT_DAYS}"))
    connection.execute(text(_add(s, f"SELECT 1 AS sign, i.* FROM {s}.interactions AS i")))


def install(connection: Connection) -> None:
    """Create the tables, their triggers and grants, and add up the calls already there."""
    if connection.dialect.name != "postgresql":
        return
    for statement in _statements(roles_ddl.quoted_schema(connection)):
        connection.execute(text(statement))
    rebuild(connection)


def remove(connection: Connection) -> None:
    """Drop the triggers, their functions and the sums (made again by ``install``)."""
    if connection.dialect.name != "postgresql":
        return
    s = roles_ddl.quoted_schema(connection)
    statements = [
        f"DROP TRIGGER IF EXISTS {name} ON {s}.interactions"
        for name in (_INSERTS, _UPDATES, _DELETES)
    ]
    statements.append(f"DROP TRIGGER IF EXISTS {_THRESHOLD} ON {s}.queues")
    statements += [
        f"DROP FUNCTION IF EXISTS {s}.{name}()"
        for name in (_INSERTS, _UPDATES, _DELETES, _THRESHOLD)
    ]
    statements.append(f"DROP TABLE IF EXISTS {s}.{HALF_HOURS}, {s}.{AGENT_DAYS}")
    for statement in statements:
        connection.execute(text(statement))
