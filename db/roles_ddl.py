"""Who may read and change what on a PostgreSQL shared store, enforced by the database itself.

Each person signs in with their own LOGIN role, a member of ``cc_agent``, ``cc_supervisor`` or
``cc_admin`` (nested: an admin is a supervisor is an agent, so privileges are granted once).
The rules are three things:

- **Grants** say which tables a group may read, insert into or update. Nobody gets DELETE on a
  replicated table (deletes are tombstones) and nobody gets TRUNCATE. Everyone reads every
  replicated table but the audit log, which agents only add their own entries to and
  supervisors and admins read (``SUPERVISOR_READS``).
- **Guard triggers** check the rows: an agent logs interactions as themselves, changes only the
  requests and callbacks that are theirs, their queues' or nobody's, and never reassigns; the
  history tables and the audit log are append-only. Triggers rather than row-level security,
  because the push writes new rows with ``COPY`` and PostgreSQL refuses ``COPY FROM`` on a
  table with row-level security; triggers also see the old and the new row, which a
  reassignment check needs, and they refuse loudly where a policy would skip rows silently.
- **Row-level security** on ``agent_presence`` only (never copied into): agents see their own
  row, supervisors everyone's.

Triggers restrict members of the three groups only: superusers and the schema owner (which
runs migrations, imports and ``callcenter admin``) are the system. A role in none of the groups
has no privileges on these tables unless the owner grants them.

The group roles are cluster-wide and other databases may use them: ``remove`` revokes this
database's grants and drops this database's functions, triggers and policies, never the roles.
``install`` is idempotent and skips tables that do not exist yet, so a later revision that adds
a table lists it here and calls ``install`` again.
"""

from __future__ import annotations

from itertools import pairwise

from sqlalchemy import Connection, text

AGENT, SUPERVISOR, ADMIN = "cc_agent", "cc_supervisor", "cc_admin"
#: Each group is a member of the one before, so it has that one's privileges too.
GROUPS = (AGENT, SUPERVISOR, ADMIN)

#: The replicated tables (every desk pulls all of them, so every person reads them).
REPLICATED = (
    "teams",
    "users",
    "queues",
    "queue_members",
    "disposition_codes",
    "sr_categories",
    "not_ready_reasons",
    "audit_log",
    "customers",
    "contacts",
    "phone_numbers",
    "emails",
    "products",
    "orders",
    "order_lines",
    "invoices",
    "payments",
    "shipments",
    "service_requests",
    "sr_history",
    "callbacks",
    "callback_attempts",
    "interactions",
    "sync_conflicts",
    "announcements",
    "announcement_acks",
    "call_scripts",
    "knowledge_articles",
)
#: Replicated tables only supervisors and admins read. Agents add their own entries (the push
#: copies a desk's new rows in with COPY, which needs INSERT alone) but read nobody's, so an
#: agent desk's pull skips them and its push never locks their rows.
SUPERVISOR_READS = ("audit_log",)
#: Read by everyone besides the replicated tables: the schema's revision (the command line
#: checks it), the store's role, and the push's record of applied entries.
ALSO_READ = ("alembic_version", "store_meta", "replication_applied", "agent_presence")
#: Everyone inserts and updates these; the guard triggers narrow which rows.
AGENT_WRITES = (
    "customers",
    "contacts",
    "phone_numbers",
    "emails",
    "interactions",
    "service_requests",
    "callbacks",
    "sync_conflicts",
    # Append-only: UPDATE is granted only because the push locks the rows an entry names with
    # SELECT ... FOR UPDATE, which needs it; the append-only trigger refuses every update. On
    # ``SUPERVISOR_READS`` agents get INSERT only, supervisors the SELECT and UPDATE.
    "sr_history",
    "callback_attempts",
    "audit_log",
    "announcement_acks",
)
#: Announcements to the desks: supervisors and admins post and withdraw them.
SUPERVISOR_WRITES = ("announcements",)
#: What customers bought: a supervisor's merge moves it to the surviving customer (UPDATE,
#: ``cc_guard_purchases``: the customer it belongs to and nothing else); admins change it all.
PURCHASES = ("orders", "invoices", "payments", "shipments")
#: The columns a supervisor's move of a purchase may change besides ``customer_id``.
MOVE_BOOKKEEPING = (
    "customer_id",
    "version",
    "updated_at",
    "updated_by",
    "change_seq",
    "change_xid",
)
#: The data dictionary, people and routing, and what customers bought: admins only.
ADMIN_WRITES = (
    "teams",
    "users",
    "queues",
    "queue_members",
    "disposition_codes",
    "sr_categories",
    "not_ready_reasons",
    "products",
    "orders",
    "order_lines",
    "invoices",
    "payments",
    "shipments",
    "call_scripts",
    "knowledge_articles",
)
APPEND_ONLY = ("sr_history", "callback_attempts", "audit_log", "announcement_acks")
#: Tables whose work an agent may change only when it is theirs: (table, person, queue).
ASSIGNED_WORK = (
    ("service_requests", "assignee_id", "queue_id"),
    ("callbacks", "owner_user_id", "owner_queue_id"),
)
PRESENCE = "agent_presence"
#: Tables whose rows say who wrote them, with the columns a new row names its author in
#: (``updated_by`` is on every one): the database sets them to the signed-in person, and
#: refuses a row that names someone else (``cc_author_<table>``).
AUTHORED = (
    ("customers", ()),
    ("contacts", ()),
    ("phone_numbers", ()),
    ("emails", ()),
    ("interactions", ()),
    ("service_requests", ("opened_by",)),
    ("callbacks", ("created_by",)),
    ("sr_history", ("actor_id",)),
    ("callback_attempts", ("agent_id",)),
    ("audit_log", ()),
    ("announcements", ("posted_by",)),
    ("announcement_acks", ("user_id",)),
)
#: Customer tables an agent's single statement may change only a few rows of at a time: one
#: ``UPDATE customers SET deleted = true`` must not tombstone every customer on every desk.
MASS_GUARDED = ("customers", "contacts", "phone_numbers", "emails")
#: How many rows one agent statement may change; ``store_meta`` key ``mass_update_limit``
#: overrides it. The push changes one row per statement, so it is never held back.
MASS_UPDATE_LIMIT = 20
#: (trigger function, table, events): each a BEFORE ... FOR EACH ROW trigger of that name.
#: PostgreSQL fires them by name: ``cc_author_*`` (who) before ``cc_guard_*`` (may they).
GUARD_TRIGGERS = (
    *((f"cc_author_{table}", table, "INSERT OR UPDATE") for table, _columns in AUTHORED),
    ("cc_guard_customers", "customers", "UPDATE"),
    *(("cc_guard_purchases", table, "UPDATE") for table in PURCHASES),
    ("cc_guard_interactions", "interactions", "INSERT OR UPDATE"),
    ("cc_guard_service_requests", "service_requests", "UPDATE"),
    ("cc_guard_callbacks", "callbacks", "UPDATE"),
    ("cc_guard_sync_conflicts", "sync_conflicts", "UPDATE"),
    *(("cc_guard_append_only", table, "UPDATE OR DELETE") for table in APPEND_ONLY),
    ("cc_guard_audit_actor", "audit_log", "INSERT"),
    ("cc_guard_presence", PRESENCE, "INSERT OR UPDATE OR DELETE"),
)
PRESENCE_POLICIES = (
    "cc_presence_read",
    "cc_presence_insert",
    "cc_presence_update",
    "cc_presence_delete",
)
SEQUENCE = "cc_change_seq"

# SQLSTATE 42501: a refusal reads as a privilege error, like a missing grant.
_DENY = "insufficient_privilege"


def _functions(s: str) -> list[str]:
    """Helper functions; every name is schema-qualified and every search_path pinned, so a
    temporary table named like one of ours cannot stand in for it."""
    pin = f"SET search_path = pg_catalog, {s}, pg_temp"
    return [
        # SECURITY DEFINER: the lookup works whatever the caller may read. session_user, not
        # current_user: inside a definer function current_user is the owner.
        f"""CREATE OR REPLACE FUNCTION {s}.cc_current_user_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER {pin} AS $$
    SELECT id FROM {s}.users WHERE username = session_user AND active AND NOT deleted
$$""",
        f"REVOKE ALL ON FUNCTION {s}.cc_current_user_id() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.cc_current_user_id() TO {AGENT}",
        # 0: the system (superuser, owner, any role outside the groups); 1 agent; 2 supervisor;
        # 3 admin. pg_has_role counts a superuser as a member of everything: test that first.
        f"""CREATE OR REPLACE FUNCTION {s}.cc_app_rank() RETURNS integer
LANGUAGE sql STABLE {pin} AS $$
    SELECT CASE
        WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN 0
        WHEN pg_has_role('{ADMIN}', 'MEMBER') THEN 3
        WHEN pg_has_role('{SUPERVISOR}', 'MEMBER') THEN 2
        WHEN pg_has_role('{AGENT}', 'MEMBER') THEN 1
        ELSE 0
    END
$$""",
        # Work is an agent's when assigned to them, or to nobody and to one of their queues
        # or to no queue. Someone unknown (no active users row) has no work.
        f"""CREATE OR REPLACE FUNCTION {s}.cc_may_work(person uuid, queue uuid) RETURNS boolean
LANGUAGE sql STABLE {pin} AS $$
    SELECT COALESCE(me IS NOT NULL AND (
        person = me
        OR (person IS NULL AND (queue IS NULL OR EXISTS (
            SELECT 1 FROM {s}.queue_members m
            WHERE m.user_id = me AND m.queue_id = queue AND NOT m.deleted)))
    ), false)
    FROM (SELECT {s}.cc_current_user_id() AS me) AS who
$$""",
    ]


def _trigger_function(s: str, name: str, body: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {s}.{name}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {s}, pg_temp AS $$
DECLARE
    me uuid;
    rank integer := {s}.cc_app_rank();
BEGIN
    IF rank = 0 THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    me := {s}.cc_current_user_id();
{body}
END $$"""


def _deny(message: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = '{_DENY}', MESSAGE = {message};"


def _guard_functions(s: str) -> list[str]:
    """The trigger functions of ``GUARD_TRIGGERS``."""
    reassign = "format('only a supervisor can reassign %s %s', TG_TABLE_NAME, OLD.id)"
    not_yours = "format('%s %s is assigned to someone else', TG_TABLE_NAME, OLD.id)"
    not_your_queue = (
        "format('%s %s waits in a queue you are not a member of', TG_TABLE_NAME, OLD.id)"
    )
    work = [
        _trigger_function(
            s,
            f"cc_guard_{table}",
            f"""    IF rank >= 2 THEN
        RETURN NEW;
    END IF;
    -- Taking unassigned work for oneself is not a reassignment; anything else is.
    IF NEW.{queue} IS DISTINCT FROM OLD.{queue}
       OR (NEW.{person} IS DISTINCT FROM OLD.{person}
           AND NOT (OLD.{person} IS NULL AND me IS NOT NULL
                    AND NEW.{person} IS NOT DISTINCT FROM me)) THEN
        {_deny(reassign)}
    END IF;
    IF NOT {s}.cc_may_work(OLD.{person}, OLD.{queue}) THEN
        IF OLD.{person} IS NULL THEN
            {_deny(not_your_queue)}
        END IF;
        {_deny(not_yours)}
    END IF;
    RETURN NEW;""",
        )
        for table, person, queue in ASSIGNED_WORK
    ]
    own_presence = _deny("'each person changes only their own presence'")
    append_only = _deny("format('%s is append-only: rows are never changed', TG_TABLE_NAME)")
    skip = "'{" + ",".join(MOVE_BOOKKEEPING) + "}'::text[]"
    moves_only = (
        "format('a supervisor only moves %s %s to another customer', TG_TABLE_NAME, OLD.id)"
    )
    return [
        _trigger_function(
            s,
            "cc_guard_customers",
            f"""    IF rank < 2 AND NEW.deleted AND NOT OLD.deleted THEN
        {_deny("format('only a supervisor removes a customer (%s)', OLD.id)")}
    END IF;
    RETURN NEW;""",
        ),
        _trigger_function(
            s,
            "cc_guard_purchases",
            f"""    IF rank = 2
       AND to_jsonb(NEW) - {skip} IS DISTINCT FROM to_jsonb(OLD) - {skip} THEN
        {_deny(moves_only)}
    END IF;
    RETURN NEW;""",
        ),
        _trigger_function(
            s,
            "cc_guard_interactions",
            f"""    IF rank >= 2 THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND (me IS NULL OR OLD.agent_id IS DISTINCT FROM me) THEN
        {_deny("format('interaction %s is not yours to change', OLD.id)")}
    END IF;
    IF me IS NULL OR NEW.agent_id IS DISTINCT FROM me THEN
        {_deny("'an agent logs interactions as themselves (agent_id must be you)'")}
    END IF;
    RETURN NEW;""",
        ),
        *work,
        _trigger_function(
            s,
            "cc_guard_sync_conflicts",
            f"""    IF rank >= 2 THEN
        RETURN NEW;
    END IF;
    IF me IS NULL OR NOT (
        OLD.kept_by IS NOT DISTINCT FROM me OR OLD.lost_by IS NOT DISTINCT FROM me
        OR EXISTS (SELECT 1 FROM {s}.service_requests r
                   WHERE r.id = OLD.row_id AND r.assignee_id = me)
        OR EXISTS (SELECT 1 FROM {s}.callbacks c
                   WHERE c.id = OLD.row_id AND c.owner_user_id = me)) THEN
        {_deny("'only the people involved or a supervisor settle a conflict'")}
    END IF;
    RETURN NEW;""",
        ),
        _trigger_function(
            s,
            "cc_guard_append_only",
            f"    {append_only}",
        ),
        _trigger_function(
            s,
            "cc_guard_audit_actor",
            f"""    IF me IS NULL OR NEW.actor_id IS DISTINCT FROM me THEN
        {_deny("'an audit entry names its own author (actor_id must be you)'")}
    END IF;
    RETURN NEW;""",
        ),
        _trigger_function(
            s,
            "cc_guard_presence",
            f"""    IF TG_OP <> 'INSERT' AND (me IS NULL OR OLD.user_id IS DISTINCT FROM me) THEN
        {own_presence}
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF me IS NULL OR NEW.user_id IS DISTINCT FROM me THEN
        {own_presence}
    END IF;
    RETURN NEW;""",
        ),
    ]


def _author_functions(s: str) -> list[str]:
    """Authorship from the database, not the client: a row's ``updated_by`` (and a new row's
    author columns) left empty or unchanged is set to the signed-in person; naming anyone
    else is refused. Everyone in a group, supervisors and admins too: nobody writes in another
    person's name. The owner (migrations, imports) is the system and is left alone."""
    forged = "format('%s: %s must be you (a change is written in its author''s name)', "
    functions = []
    for table, columns in AUTHORED:
        on_insert = "\n".join(
            f"""        IF NEW.{column} IS NULL THEN
            NEW.{column} := me;
        ELSIF NEW.{column} IS DISTINCT FROM me THEN
            {_deny(f"{forged}TG_TABLE_NAME, '{column}')")}
        END IF;"""
            for column in columns
        )
        functions.append(
            _trigger_function(
                s,
                f"cc_author_{table}",
                f"""    IF me IS NULL THEN
        {_deny("'a person who is not in the directory writes nothing'")}
    END IF;
    IF NEW.updated_by IS NULL
       OR (TG_OP = 'UPDATE' AND NEW.updated_by IS NOT DISTINCT FROM OLD.updated_by) THEN
        NEW.updated_by := me;
    ELSIF NEW.updated_by IS DISTINCT FROM me THEN
        {_deny(f"{forged}TG_TABLE_NAME, 'updated_by')")}
    END IF;
    IF TG_OP = 'INSERT' THEN
{on_insert or "        NULL;"}
    END IF;
    RETURN NEW;""",
            )
        )
    return functions


def _mass_update_function(s: str) -> str:
    """A statement-level check: an agent's one UPDATE changes at most the limit's rows."""
    too_many = (
        "format('one change may touch at most %s %s rows, not %s: ask a supervisor', "
        "most, TG_TABLE_NAME, changed)"
    )
    return f"""CREATE OR REPLACE FUNCTION {s}.cc_guard_mass_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {s}, pg_temp AS $$
DECLARE
    changed bigint;
    most integer;
BEGIN
    IF {s}.cc_app_rank() <> 1 THEN
        RETURN NULL;
    END IF;
    SELECT count(*) INTO changed FROM changed_rows;
    SELECT COALESCE(max(value::integer), {MASS_UPDATE_LIMIT}) INTO most
        FROM {s}.store_meta WHERE key = 'mass_update_limit';
    IF changed > most THEN
        {_deny(too_many)}
    END IF;
    RETURN NULL;
END $$"""


def _create_groups() -> str:
    """The groups, created once per cluster; a concurrent creator is not an error."""
    creates = "\n".join(
        f"""    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
            CREATE ROLE {group} NOLOGIN;
        END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;"""
        for group in GROUPS
    )
    nests = "\n".join(
        f"""    IF NOT pg_has_role('{inner}', '{outer}', 'MEMBER') THEN
        GRANT {outer} TO {inner};
    END IF;"""
        for outer, inner in pairwise(GROUPS)
    )
    return f"DO $$\nBEGIN\n{creates}\n{nests}\nEND $$"


def existing(connection: Connection, schema: str, names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` are tables (or other relations) in ``schema``, in their order."""
    rows = connection.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relname = ANY(:names)"
        ),
        {"schema": schema, "names": list(names)},
    )
    found = {row[0] for row in rows}
    return [name for name in names if name in found]


def quoted_schema(connection: Connection) -> str:
    """The current schema, quoted for use in SQL text."""
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    return connection.dialect.identifier_preparer.quote(str(schema))


def _qualified(schema: str, names: list[str]) -> str:
    return ", ".join(f"{schema}.{name}" for name in names)


def _supervisor_reads(s: str, tables: list[str]) -> list[str]:
    """Agents insert into these and nothing else; supervisors read them (and may lock their
    rows, as the push does). The REVOKE takes back what a store from before revision 0018
    granted every agent."""
    if not tables:
        return []
    names = _qualified(s, tables)
    return [
        f"REVOKE SELECT, UPDATE ON {names} FROM {AGENT}",
        f"GRANT INSERT ON {names} TO {AGENT}",
        f"GRANT SELECT, UPDATE ON {names} TO {SUPERVISOR}",
    ]


def install(connection: Connection) -> None:
    """Create the groups (if missing) and this database's grants, guards and policies."""
    if connection.dialect.name != "postgresql":
        return
    raw_schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    s = quoted_schema(connection)
    exists = set(existing(connection, raw_schema, (*REPLICATED, *ALSO_READ)))

    def present(names: tuple[str, ...]) -> list[str]:
        return [name for name in names if name in exists]

    everyone_reads = tuple(n for n in (*REPLICATED, *ALSO_READ) if n not in SUPERVISOR_READS)
    agent_writes = tuple(n for n in AGENT_WRITES if n not in SUPERVISOR_READS)

    statements = [
        _create_groups(),
        "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO "
        f"{AGENT}', current_database()); END $$",
        f"GRANT USAGE ON SCHEMA {s} TO {AGENT}",
        # The stamping trigger runs as the writer and calls nextval: USAGE on the sequence
        # (rather than making the trigger SECURITY DEFINER, which a CREATE OR REPLACE of it in
        # changefeed_ddl would silently undo). It lets a person burn numbers, nothing more.
        f"GRANT USAGE ON SEQUENCE {s}.{SEQUENCE} TO {AGENT}",
        f"GRANT SELECT ON {_qualified(s, present(everyone_reads))} TO {AGENT}",
        f"GRANT INSERT, UPDATE ON {_qualified(s, present(agent_writes))} TO {AGENT}",
        *_supervisor_reads(s, present(SUPERVISOR_READS)),
        f"GRANT INSERT ON {s}.replication_applied TO {AGENT}",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.{PRESENCE} TO {AGENT}",
        *(
            [f"GRANT UPDATE ON {_qualified(s, present(PURCHASES))} TO {SUPERVISOR}"]
            if present(PURCHASES)
            else []
        ),
        *(
            f"GRANT INSERT, UPDATE ON {_qualified(s, tables)} TO {group}"
            for tables, group in (
                (present(SUPERVISOR_WRITES), SUPERVISOR),
                (present(ADMIN_WRITES), ADMIN),
            )
            if tables
        ),
        *_functions(s),
    ]
    statements += _guard_functions(s)
    statements += _author_functions(s)
    statements.append(_mass_update_function(s))
    for table in MASS_GUARDED:
        if table in exists:
            statements.append(
                f"CREATE OR REPLACE TRIGGER cc_mass_update_{table} AFTER UPDATE ON {s}.{table} "
                "REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {s}.cc_guard_mass_update()"
            )
    for function, table, events in GUARD_TRIGGERS:
        if table in exists:
            statements.append(
                f"CREATE OR REPLACE TRIGGER {function} BEFORE {events} ON {s}.{table} "
                f"FOR EACH ROW EXECUTE FUNCTION {s}.{function}()"
            )
    me = f"{s}.cc_current_user_id()"
    visible = f"(user_id = {me} OR pg_has_role('{SUPERVISOR}', 'MEMBER'))"
    statements += [f"DROP POLICY IF EXISTS {p} ON {s}.{PRESENCE}" for p in PRESENCE_POLICIES]
    statements += [
        f"ALTER TABLE {s}.{PRESENCE} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY cc_presence_read ON {s}.{PRESENCE} FOR SELECT USING {visible}",
        f"CREATE POLICY cc_presence_insert ON {s}.{PRESENCE} FOR INSERT "
        f"WITH CHECK (user_id = {me})",
        f"CREATE POLICY cc_presence_update ON {s}.{PRESENCE} FOR UPDATE USING {visible} "
        f"WITH CHECK (user_id = {me})",
        # Sign-out removes the desk's own row (presence is live state, not a replicated row).
        f"CREATE POLICY cc_presence_delete ON {s}.{PRESENCE} FOR DELETE USING {visible}",
    ]
    for statement in statements:
        connection.execute(text(statement))


def remove(connection: Connection) -> None:
    """Undo ``install`` for this database; the cluster-wide groups stay."""
    if connection.dialect.name != "postgresql":
        return
    raw_schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    s = quoted_schema(connection)
    exists = set(existing(connection, raw_schema, (*REPLICATED, *ALSO_READ)))
    groups = ", ".join(GROUPS)
    statements: list[str] = []
    for function, table, _events in GUARD_TRIGGERS:
        if table in exists:
            statements.append(f"DROP TRIGGER IF EXISTS {function} ON {s}.{table}")
    for table in MASS_GUARDED:
        if table in exists:
            statements.append(f"DROP TRIGGER IF EXISTS cc_mass_update_{table} ON {s}.{table}")
    statements.append(f"DROP FUNCTION IF EXISTS {s}.cc_guard_mass_update()")
    if PRESENCE in exists:
        statements += [f"DROP POLICY IF EXISTS {p} ON {s}.{PRESENCE}" for p in PRESENCE_POLICIES]
        statements.append(f"ALTER TABLE {s}.{PRESENCE} DISABLE ROW LEVEL SECURITY")
    for function in dict.fromkeys(f for f, _t, _e in GUARD_TRIGGERS):
        statements.append(f"DROP FUNCTION IF EXISTS {s}.{function}()")
    statements += [
        f"DROP FUNCTION IF EXISTS {s}.cc_may_work(uuid, uuid)",
        f"DROP FUNCTION IF EXISTS {s}.cc_app_rank()",
        f"DROP FUNCTION IF EXISTS {s}.cc_current_user_id()",
    ]
    roles_exist = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
        {"names": list(GROUPS)},
    ).scalar_one()
    if roles_exist == len(GROUPS):
        tables = sorted(exists)
        if tables:
            statements.append(f"REVOKE ALL ON {_qualified(s, tables)} FROM {groups}")
        statements += [
            f"REVOKE ALL ON SEQUENCE {s}.{SEQUENCE} FROM {groups}",
            f"REVOKE USAGE ON SCHEMA {s} FROM {groups}",
            "DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM "
            f"{groups}', current_database()); END $$",
        ]
    for statement in statements:
        connection.execute(text(statement))
