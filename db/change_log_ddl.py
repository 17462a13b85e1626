"""The database's own record of every change to customer-facing and work rows (PostgreSQL).

``change_log`` holds one row per changed row: the table, the row's id, insert / update /
delete, the old and new values (for an update only the columns that changed), the person
(``cc_current_user_id()``, from the signed-in role), the role itself, the transaction id and
its time. Triggers write it, whoever writes the tables (the push, psql as an agent, imports
as the owner), so it is complete; nobody but the owner may write it, so it cannot be forged.
The service layer's ``audit_log`` stays the "why" on top.

Inserts and deletes are logged by statement triggers with transition tables: the push inserts
a desk's new rows with one ``COPY``, which costs one ``INSERT ... SELECT`` here, not a trigger
call per row. Updates by a row trigger generated per table (see ``_update_function``). A
transition table needs a trigger per event, hence three triggers per table.

Columns that change on every write without saying anything (the change stamps, ``version``,
``updated_at``) and ``updated_by`` (the ``person`` column says who, from the database) are left
out, so a touch that changes nothing else is not logged.

Reading it is a supervisor's right (``GRANT SELECT`` to ``cc_supervisor`` and ``cc_admin``
only). SQLite stores have no change log: they have no roles to say who, and an embedded store
trusts its one process; there the service layer's ``audit_log`` is the record.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db import roles_ddl

TABLE = "change_log"
#: The tables whose every change is logged: customers and what hangs off them, the work, and
#: what customers bought. Not the bookkeeping (presence, conflicts, applied pushes), the
#: dictionary and people, nor ``audit_log`` (append-only, and itself a record).
LOGGED = (
    "customers",
    "contacts",
    "phone_numbers",
    "emails",
    "interactions",
    "service_requests",
    "sr_history",
    "callbacks",
    "callback_attempts",
    "orders",
    "order_lines",
    "invoices",
    "payments",
    "shipments",
)
#: Columns never compared nor logged (see the module docstring).
UNLOGGED_COLUMNS = ("change_seq", "change_xid", "version", "updated_at", "updated_by")
INSERTS, UPDATES, DELETES = "cc_log_inserts", "cc_log_updates", "cc_log_deletes"
INDEXES = ("ix_change_log_person_changed_at", "ix_change_log_table_name_row_id")
#: Names ``alembic check`` must not ask a model for.
UNMODELLED_NAMES = frozenset({TABLE, *INDEXES})


def _table(s: str) -> list[str]:
    return [
        f"""CREATE TABLE IF NOT EXISTS {s}.{TABLE} (
    id bigserial PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now(),
    txid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    table_name text NOT NULL,
    row_id uuid NOT NULL,
    op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old jsonb,
    new jsonb,
    person uuid,
    db_role text NOT NULL DEFAULT session_user
)""",
        f"CREATE INDEX IF NOT EXISTS {INDEXES[0]} ON {s}.{TABLE} (person, changed_at)",
        f"CREATE INDEX IF NOT EXISTS {INDEXES[1]} ON {s}.{TABLE} (table_name, row_id, id)",
        f"REVOKE ALL ON {s}.{TABLE} FROM PUBLIC, {', '.join(roles_ddl.GROUPS)}",
        f"GRANT SELECT ON {s}.{TABLE} TO {roles_ddl.SUPERVISOR}, {roles_ddl.ADMIN}",
    ]


def _function(s: str, name: str, declare: str, body: str) -> list[str]:
    """A trigger function that runs as the owner (the only writer of the log), with
    ``search_path`` pinned so nothing of the caller's can stand in for our tables."""
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp AS $$
DECLARE
{declare}
BEGIN
{body}
    RETURN NULL;
END $$""",
        f"REVOKE ALL ON FUNCTION {s}.{name}() FROM PUBLIC",
    ]


_INTO = "INSERT INTO {s}.change_log (table_name, row_id, op, old, new, person, db_role)"
_SKIP = "'{" + ",".join(UNLOGGED_COLUMNS) + "}'::text[]"
_ME = "    me uuid := {s}.cc_current_user_id();"


def _statement_functions(s: str) -> list[str]:
    """New rows and removed ones, one ``INSERT ... SELECT`` per statement (a COPY of 10,000
    rows is one call)."""
    into, me = _INTO.format(s=s), _ME.format(s=s)
    inserts = f"""    {into}
    SELECT TG_TABLE_NAME, n.id, 'insert', NULL, to_jsonb(n) - {_SKIP}, me, session_user
    FROM cc_new AS n;"""
    deletes = f"""    {into}
    SELECT TG_TABLE_NAME, o.id, 'delete', to_jsonb(o) - {_SKIP}, NULL, me, session_user
    FROM cc_old AS o;"""
    return [*_function(s, INSERTS, me, inserts), *_function(s, DELETES, me, deletes)]


def _update_function(s: str, table: str, columns: list[str]) -> list[str]:
    """An updated row's changed columns, old and new; a row with none is not logged.

    A row trigger with the table's columns compared one by one: the push updates one row per
    statement, and a statement trigger's transition tables, or diffing two ``to_jsonb`` rows,
    cost three times as much per row (measured). The column list is the table's as it is now,
    so a revision that adds a column to a logged table calls ``install`` again."""
    compared = "\n".join(
        f"""    IF NEW."{c}" IS DISTINCT FROM OLD."{c}" THEN
        o := o || jsonb_build_object('{c}', OLD."{c}");
        n := n || jsonb_build_object('{c}', NEW."{c}");
    END IF;"""
        for c in columns
    )
    body = f"""{compared}
    IF n = '{{}}'::jsonb THEN
        RETURN NULL;
    END IF;
    {_INTO.format(s=s)}
    VALUES (TG_TABLE_NAME, NEW.id, 'update', o, n, {s}.cc_current_user_id(), session_user);"""
    declare = "    o jsonb := '{}'::jsonb;\n    n jsonb := '{}'::jsonb;"
    return _function(s, f"{UPDATES}_{table}", declare, body)


def _columns(connection: Connection, schema: str, table: str) -> list[str]:
    """The table's columns as the store has them now, less the unlogged ones and the key."""
    rows = connection.execute(
        text(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = :schema AND table_name = :table ORDER BY ordinal_position"
        ),
        {"schema": schema, "table": table},
    ).scalars()
    return [str(c) for c in rows if c not in UNLOGGED_COLUMNS and c != "id"]


def install(connection: Connection) -> None:
    """Create the log, its functions and the triggers on every logged table there is.

    Idempotent and skips tables that do not exist yet, like ``roles_ddl.install``: a later
    revision that adds a logged table lists it here and calls this again."""
    if connection.dialect.name != "postgresql":
        return
    raw_schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    s = roles_ddl.quoted_schema(connection)
    statements = _table(s) + _statement_functions(s)
    for table in roles_ddl.existing(connection, raw_schema, LOGGED):
        statements += _update_function(s, table, _columns(connection, raw_schema, table))
        statements += [
            f"CREATE OR REPLACE TRIGGER {INSERTS} AFTER INSERT ON {s}.{table} "
            f"REFERENCING NEW TABLE AS cc_new FOR EACH STATEMENT EXECUTE FUNCTION {s}.{INSERTS}()",
            f"CREATE OR REPLACE TRIGGER {UPDATES} AFTER UPDATE ON {s}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {s}.{UPDATES}_{table}()",
            f"CREATE OR REPLACE TRIGGER {DELETES} AFTER DELETE ON {s}.{table} "
            f"REFERENCING OLD TABLE AS cc_old FOR EACH STATEMENT EXECUTE FUNCTION {s}.{DELETES}()",
        ]
    for statement in statements:
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    """Drop the triggers, their functions and the log itself (a downgrade loses it)."""
    if connection.dialect.name != "postgresql":
        return
    raw_schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    s = roles_ddl.quoted_schema(connection)
    tables = roles_ddl.existing(connection, raw_schema, LOGGED)
    statements = [
        f"DROP TRIGGER IF EXISTS {name} ON {s}.{table}"
        for table in tables
        for name in (INSERTS, UPDATES, DELETES)
    ]
    statements += [f"DROP FUNCTION IF EXISTS {s}.{UPDATES}_{table}()" for table in tables]
    statements += [f"DROP FUNCTION IF EXISTS {s}.{name}()" for name in (INSERTS, DELETES)]
    statements.append(f"DROP TABLE IF EXISTS {s}.{TABLE}")
    for statement in statements:
        connection.execute(text(statement))
