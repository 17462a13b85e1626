"""A sync conflict on PostgreSQL states only what the database itself saw (issue 15).

The push runs as the desk's person, so anything it writes a person could write in psql. A
conflict row therefore takes its facts from the database, not from whoever inserts it: the
row must have been changed by this very transaction (its ``change_xid``), the kept value is
the row's value now, the lost value is the field's value before this transaction changed it
(``change_log``, written by the owner's triggers), the loser is whoever set that value, the
keeper is the signed-in person and the time is the transaction's. A person can only record
that they themselves just overwrote something, which is what the push records.
The system (owner, superuser) is trusted as everywhere else.

``replication_applied`` (the push's record of entries applied) cannot be tied to a change the
same way: an entry may merge into nothing new. Its ``applied_by`` and ``applied_at`` are set
here from the signed-in person and the transaction, so an id an agent inserts by hand is
attributable; the ids are random and known only to the desk that made them, so a hand-made
one never stands for another desk's write.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from db import roles_ddl
from db.change_log_ddl import LOGGED

FUNCTION = "cc_conflict_facts"
APPLIED_FUNCTION = "cc_applied_facts"
_DENY = "insufficient_privilege"


def _statements(s: str) -> list[str]:
    tables = ", ".join(f"'{name}'" for name in LOGGED)
    deny = f"RAISE EXCEPTION USING ERRCODE = '{_DENY}', MESSAGE ="
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.{FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp AS $$
DECLARE
    me uuid;
    now_value text;
    row_xid bigint;
    was jsonb;
    setter uuid;
    here bigint := pg_current_xact_id()::text::bigint;
BEGIN
    -- Inside a definer function current_user is the owner: rank the session's role.
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       OR NOT pg_has_role(session_user, '{roles_ddl.AGENT}', 'MEMBER') THEN
        RETURN NEW;
    END IF;
    me := {s}.cc_current_user_id();
    IF NEW.table_name NOT IN ({tables}) OR NEW.field IN
       ('id', 'version', 'change_seq', 'change_xid', 'updated_at', 'updated_by') THEN
        {deny} format('no conflict can be recorded about %s.%s', NEW.table_name, NEW.field);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = ('{s}.' || quote_ident(NEW.table_name))::regclass
                     AND attname = NEW.field AND attnum > 0 AND NOT attisdropped) THEN
        {deny} format('no conflict can be recorded about %s.%s', NEW.table_name, NEW.field);
    END IF;
    EXECUTE format('SELECT to_jsonb(t.%I)::text, t.change_xid FROM {s}.%I t WHERE t.id = $1',
                   NEW.field, NEW.table_name)
        INTO now_value, row_xid USING NEW.row_id;
    IF row_xid IS DISTINCT FROM here THEN
        {deny} 'a conflict is recorded only with the change that caused it';
    END IF;
    SELECT c.old -> NEW.field INTO was FROM {s}.change_log c
        WHERE c.txid = here AND c.table_name = NEW.table_name AND c.row_id = NEW.row_id
          AND c.old ? NEW.field
        ORDER BY c.id LIMIT 1;
    IF NOT FOUND THEN
        {deny} format('this transaction did not change %s.%s', NEW.table_name, NEW.field);
    END IF;
    SELECT c.person INTO setter FROM {s}.change_log c
        WHERE c.table_name = NEW.table_name AND c.row_id = NEW.row_id AND c.txid <> here
          AND c.new ? NEW.field
        ORDER BY c.id DESC LIMIT 1;
    NEW.kept_value := now_value;
    NEW.lost_value := was::text;
    NEW.kept_by := me;
    NEW.lost_by := setter;
    NEW.updated_by := me;
    NEW.detected_at := now();
    NEW.resolved_at := NULL;
    NEW.resolved_by := NULL;
    NEW.resolution := NULL;
    RETURN NEW;
END $$""",
        f"REVOKE ALL ON FUNCTION {s}.{FUNCTION}() FROM PUBLIC",
        f"""CREATE OR REPLACE FUNCTION {s}.{APPLIED_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {s}, pg_temp AS $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       AND pg_has_role(session_user, '{roles_ddl.AGENT}', 'MEMBER') THEN
        NEW.applied_by := {s}.cc_current_user_id();
        NEW.applied_at := now();
    END IF;
    RETURN NEW;
END $$""",
        f"REVOKE ALL ON FUNCTION {s}.{APPLIED_FUNCTION}() FROM PUBLIC",
        f"CREATE OR REPLACE TRIGGER {APPLIED_FUNCTION} BEFORE INSERT ON {s}.replication_applied "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.{APPLIED_FUNCTION}()",
        f"CREATE OR REPLACE TRIGGER {FUNCTION} BEFORE INSERT ON {s}.sync_conflicts "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.{FUNCTION}()",
    ]


def install(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for statement in _statements(roles_ddl.quoted_schema(connection)):
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    s = roles_ddl.quoted_schema(connection)
    connection.execute(text(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {s}.sync_conflicts"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {s}.{FUNCTION}()"))
    connection.execute(
        text(f"DROP TRIGGER IF EXISTS {APPLIED_FUNCTION} ON {s}.replication_applied")
    )
    connection.execute(text(f"DROP FUNCTION IF EXISTS {s}.{APPLIED_FUNCTION}()"))
