"""Each rule of docs/roles.md, tried in plain SQL as the person's own role: the database itself
must refuse what is forbidden and let through what is allowed."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, text

from db import roles_ddl
from db.changefeed_ddl import replicated_tables
from tests.roles.conftest import NOW, Cluster, Person, World, allowed, refused

pytestmark = pytest.mark.postgres

DICTIONARY = (
    "disposition_codes",
    "sr_categories",
    "not_ready_reasons",
    "queues",
    "queue_members",
    "teams",
    "users",
    "products",
)


def test_every_replicated_table_has_a_rule() -> None:
    """A table added later without a rule would be unreadable for desks: the pull would fail."""
    assert set(replicated_tables()) == set(roles_ddl.REPLICATED)
    assert set(roles_ddl.AGENT_WRITES) | set(roles_ddl.ADMIN_WRITES) <= set(roles_ddl.REPLICATED)


def test_groups_are_nested_and_cannot_sign_in(cluster: Cluster) -> None:
    with cluster.owner.connect() as conn:
        rows = conn.execute(
            text("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'cc\\_%'")
        ).all()
        assert {name for name, _login in rows} >= set(roles_ddl.GROUPS)
        assert not any(login for name, login in rows if name in roles_ddl.GROUPS)
        nested = conn.execute(
            text("SELECT pg_has_role('cc_admin', 'cc_agent', 'MEMBER')")
        ).scalar_one()
        assert nested


def test_current_user_id_names_the_signed_in_person(people: dict[str, Person]) -> None:
    for person in people.values():
        with person.engine.connect() as conn:
            assert conn.execute(text("SELECT cc_current_user_id()")).scalar_one() == person.id


@pytest.mark.parametrize("who", ["ann", "sue", "ada"])
def test_everyone_reads_every_replicated_table(people: dict[str, Person], who: str) -> None:
    """All but the audit log, which only supervisors and admins read (test_audit_readers)."""
    hidden = roles_ddl.SUPERVISOR_READS if who == "ann" else ()
    with people[who].engine.connect() as conn:
        for table in (t for t in roles_ddl.REPLICATED if t not in hidden):
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        assert conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())")).scalar()


# ---- nobody deletes, nobody truncates ------------------------------------------------------


@pytest.mark.parametrize("who", ["ann", "sue", "ada"])
def test_nobody_deletes_replicated_rows(people: dict[str, Person], world: World, who: str) -> None:
    for table in roles_ddl.REPLICATED:
        refused(people[who].engine, f"DELETE FROM {table}")
        refused(people[who].engine, f"TRUNCATE {table} CASCADE")


# ---- the dictionary and people: admins only --------------------------------------------------


@pytest.mark.parametrize("who", ["ann", "sue"])
def test_only_admins_change_the_dictionary_and_people(
    people: dict[str, Person], world: World, who: str
) -> None:
    engine = people[who].engine
    for table in DICTIONARY:
        refused(engine, f"INSERT INTO {table} DEFAULT VALUES")
        refused(engine, f"UPDATE {table} SET version = version")


def test_an_agent_cannot_make_themselves_admin(people: dict[str, Person]) -> None:
    refused(
        people["ann"].engine, "UPDATE users SET role = 'admin' WHERE id = :id", id=people["ann"].id
    )


def test_admins_change_the_dictionary_and_people(people: dict[str, Person], world: World) -> None:
    ada = people["ada"].engine
    assert allowed(
        ada,
        "INSERT INTO disposition_codes (id, version, updated_at, deleted, code, label, "
        "requires_notes, active) VALUES (:id, 1, now(), false, 'sale', 'Sale', false, true)",
        id=uuid.uuid4(),
    )
    assert allowed(
        ada,
        "INSERT INTO queue_members (id, version, updated_at, deleted, queue_id, user_id) "
        "VALUES (:id, 1, now(), false, :queue, :user)",
        id=uuid.uuid4(),
        queue=world.other_queue,
        user=people["bob"].id,
    )
    assert allowed(
        ada, "UPDATE users SET display_name = 'Ann A.' WHERE id = :id", id=people["ann"].id
    )
    assert allowed(ada, "UPDATE sr_categories SET sla_hours = 8 WHERE code = 'billing'")


# ---- customer data ---------------------------------------------------------------------------


def test_agents_add_and_edit_customers(people: dict[str, Person], world: World) -> None:
    ann = people["ann"].engine
    customer = uuid.uuid4()
    assert allowed(
        ann,
        "INSERT INTO customers (id, version, updated_at, deleted, kind, name, lifecycle_stage, "
        "value_tier, tags, notes, search_text) "
        "VALUES (:id, 1, now(), false, 'person', 'Grace', 'lead', 'standard', '', '', 'Grace')",
        id=customer,
    )
    for table, columns, values in (
        ("contacts", "name", "'Bea'"),
        ("phone_numbers", "raw, e164, kind", "'07700 900123', '+447700900123', 'mobile'"),
        ("emails", "address, address_lower", "'G@x.org', 'g@x.org'"),
    ):
        assert allowed(
            ann,
            f"INSERT INTO {table} (id, version, updated_at, deleted, customer_id, {columns}) "
            f"VALUES (:id, 1, now(), false, :customer, {values})",
            id=uuid.uuid4(),
            customer=customer,
        )
    assert allowed(ann, "UPDATE customers SET notes = 'VIP' WHERE id = :id", id=world.customer)
    with ann.connect() as conn:
        stamped = conn.execute(
            text("SELECT change_seq, change_xid FROM customers WHERE id = :id"), {"id": customer}
        ).one()
        assert None not in stamped


def test_nobody_moves_the_change_sequence(people: dict[str, Person]) -> None:
    refused(people["ada"].engine, "SELECT setval('cc_change_seq', 1)")


# ---- interactions ----------------------------------------------------------------------------

INSERT_INTERACTION = (
    "INSERT INTO interactions (id, version, updated_at, deleted, channel, direction, offered_at, "
    "notes, agent_id) VALUES (:id, 1, now(), false, 'phone', 'inbound', :at, '', :agent)"
)


def test_an_agent_logs_interactions_as_themselves_only(
    people: dict[str, Person], world: World
) -> None:
    ann = people["ann"]
    assert allowed(ann.engine, INSERT_INTERACTION, id=uuid.uuid4(), at=NOW, agent=ann.id)
    assert "as themselves" in refused(
        ann.engine, INSERT_INTERACTION, id=uuid.uuid4(), at=NOW, agent=people["bob"].id
    )
    refused(ann.engine, INSERT_INTERACTION, id=uuid.uuid4(), at=NOW, agent=None)


def test_an_agent_changes_only_their_own_interactions(
    people: dict[str, Person], world: World
) -> None:
    ann = people["ann"].engine
    mine, bobs = world.interactions["ann"], world.interactions["bob"]
    assert allowed(ann, "UPDATE interactions SET notes = 'done' WHERE id = :id", id=mine)
    assert "not yours" in refused(
        ann, "UPDATE interactions SET notes = 'x' WHERE id = :id", id=bobs
    )
    refused(
        ann, "UPDATE interactions SET agent_id = :bob WHERE id = :id", id=mine, bob=people["bob"].id
    )


def test_supervisors_edit_any_interaction(people: dict[str, Person], world: World) -> None:
    sue = people["sue"].engine
    assert allowed(
        sue,
        "UPDATE interactions SET notes = 'checked' WHERE id = :id",
        id=world.interactions["bob"],
    )


# ---- service requests and callbacks ----------------------------------------------------------

WORK = {
    "service_requests": ("srs", "assignee_id", "queue_id"),
    "callbacks": ("callbacks", "owner_user_id", "owner_queue_id"),
}


@pytest.mark.parametrize("table", list(WORK))
def test_an_agent_works_on_their_own_their_queues_and_unassigned_work(
    people: dict[str, Person], world: World, table: str
) -> None:
    ann = people["ann"].engine
    rows = getattr(world, WORK[table][0])
    for whose in ("ann", "ann_queue", "nobody"):
        if whose in rows:
            assert allowed(
                ann, f"UPDATE {table} SET version = version + 1 WHERE id = :id", id=rows[whose]
            )
    for whose, why in (
        ("bob", "is assigned to someone else"),
        ("other_queue", "waits in a queue you are not a member of"),
    ):
        message = refused(
            ann, f"UPDATE {table} SET version = version + 1 WHERE id = :id", id=rows[whose]
        )
        assert why in message


@pytest.mark.parametrize("table", list(WORK))
def test_an_agent_cannot_reassign(people: dict[str, Person], world: World, table: str) -> None:
    ann = people["ann"].engine
    rows, person, queue = WORK[table]
    ids = getattr(world, rows)
    bob = people["bob"].id
    cases = [
        (f"UPDATE {table} SET {person} = :bob WHERE id = :id", ids["ann"]),
        (f"UPDATE {table} SET {person} = NULL WHERE id = :id", ids["ann"]),
        (f"UPDATE {table} SET {queue} = :q WHERE id = :id", ids["ann"]),
        (f"UPDATE {table} SET {queue} = NULL WHERE id = :id", ids["ann_queue"]),
        (f"UPDATE {table} SET {person} = :bob WHERE id = :id", ids["ann_queue"]),
        (f"UPDATE {table} SET {person} = :ann WHERE id = :id", ids["bob"]),
    ]
    for statement, row in cases:
        message = refused(
            ann, statement, id=row, bob=bob, q=world.other_queue, ann=people["ann"].id
        )
        assert "only a supervisor can reassign" in message, statement


def test_an_agent_may_take_unassigned_work(people: dict[str, Person], world: World) -> None:
    ann = people["ann"]
    for table, rows, person in (
        ("service_requests", world.srs, "assignee_id"),
        ("callbacks", world.callbacks, "owner_user_id"),
    ):
        statement = f"UPDATE {table} SET {person} = :me WHERE id = :id"
        assert allowed(ann.engine, statement, me=ann.id, id=rows["ann_queue"])
    refused(
        people["bob"].engine,
        "UPDATE service_requests SET assignee_id = :me WHERE id = :id",
        me=people["bob"].id,
        id=world.srs["ann_queue"],
    )


@pytest.mark.parametrize("who", ["sue", "ada"])
def test_supervisors_and_admins_reassign(people: dict[str, Person], world: World, who: str) -> None:
    engine, bob = people[who].engine, people["bob"].id
    assert allowed(
        engine,
        "UPDATE service_requests SET assignee_id = :bob, queue_id = :q WHERE id = :id",
        bob=bob,
        q=world.other_queue,
        id=world.srs["ann"],
    )
    assert allowed(
        engine,
        "UPDATE callbacks SET owner_user_id = NULL, owner_queue_id = :q WHERE id = :id",
        q=world.other_queue,
        id=world.callbacks["bob"],
    )


def test_agents_open_requests_and_schedule_callbacks(
    people: dict[str, Person], world: World
) -> None:
    ann = people["ann"].engine
    sr = uuid.uuid4()
    assert allowed(
        ann,
        "INSERT INTO service_requests (id, version, updated_at, deleted, number, category_code, "
        "priority, status, subject, description, opened_at, sla_due_at, queue_id) VALUES "
        "(:id, 1, now(), false, 'SR-ANN00001', 'billing', 'normal', 'open', 'Help', '', "
        ":at, :at, :q)",
        id=sr,
        at=NOW,
        q=world.other_queue,
    )
    assert allowed(
        ann,
        "INSERT INTO sr_history (id, version, updated_at, deleted, service_request_id, at, field) "
        "VALUES (:id, 1, now(), false, :sr, :at, 'status')",
        id=uuid.uuid4(),
        sr=sr,
        at=NOW,
    )
    assert allowed(
        ann,
        "INSERT INTO callback_attempts (id, version, updated_at, deleted, callback_id, at, "
        "outcome, notes) VALUES (:id, 1, now(), false, :cb, :at, 'no_answer', '')",
        id=uuid.uuid4(),
        cb=world.callbacks["ann"],
        at=NOW,
    )


# ---- append-only history and audit -----------------------------------------------------------


@pytest.mark.parametrize("who", ["ann", "sue", "ada"])
def test_history_and_audit_are_append_only_for_everyone(
    people: dict[str, Person], world: World, who: str
) -> None:
    for table, row in (
        ("audit_log", world.audit),
        ("sr_history", world.history),
        ("callback_attempts", world.attempt),
    ):
        statement = f"UPDATE {table} SET version = version WHERE id = :id"
        if who == "ann" and table in roles_ddl.SUPERVISOR_READS:
            refused(people[who].engine, statement, id=row)  # not even readable
            continue
        assert "append-only" in refused(people[who].engine, statement, id=row)


def test_the_push_may_lock_history_rows(people: dict[str, Person], world: World) -> None:
    """The push locks every row an entry names (SELECT ... FOR UPDATE): that needs UPDATE.
    An agent's push does not lock the audit log, which it may not read (test_audit_readers)."""
    with people["ann"].engine.begin() as conn:
        for table in ("sr_history", "callback_attempts", "interactions"):
            conn.execute(
                text(f"SELECT id FROM {table} WHERE id = :id FOR UPDATE"), {"id": uuid.uuid4()}
            )


INSERT_AUDIT = (
    "INSERT INTO audit_log (id, version, updated_at, deleted, at, actor_id, action, entity) "
    "VALUES (:id, 1, now(), false, now(), :actor, 'edit', 'customer')"
)


def test_everyone_writes_audit_entries_in_their_own_name(people: dict[str, Person]) -> None:
    for who in ("ann", "sue", "ada"):
        person = people[who]
        assert allowed(person.engine, INSERT_AUDIT, id=uuid.uuid4(), actor=person.id)
        refused(person.engine, INSERT_AUDIT, id=uuid.uuid4(), actor=people["bob"].id)
        refused(person.engine, INSERT_AUDIT, id=uuid.uuid4(), actor=None)


# ---- sync conflicts --------------------------------------------------------------------------

SETTLE = "UPDATE sync_conflicts SET resolved_at = now(), resolution = 'kept' WHERE id = :id"


def test_conflicts_are_settled_by_the_people_involved_or_a_supervisor(
    people: dict[str, Person], world: World
) -> None:
    assert "people involved" in refused(people["ann"].engine, SETTLE, id=world.conflict)
    assert allowed(people["bob"].engine, SETTLE, id=world.conflict)  # kept_by
    assert allowed(people["sue"].engine, SETTLE, id=world.conflict)


# ---- presence --------------------------------------------------------------------------------

UPSERT_PRESENCE = (
    "INSERT INTO agent_presence (user_id, desk, state, state_since, heartbeat_at) "
    "VALUES (:user, 'pc', 'busy', now(), now()) "
    "ON CONFLICT (user_id) DO UPDATE "
    "SET state = excluded.state, heartbeat_at = excluded.heartbeat_at"
)


def test_each_person_writes_only_their_own_presence(
    people: dict[str, Person], world: World
) -> None:
    ann, bob, sue = people["ann"], people["bob"], people["sue"]
    assert allowed(ann.engine, UPSERT_PRESENCE, user=ann.id)
    assert allowed(sue.engine, UPSERT_PRESENCE, user=sue.id)
    refused(ann.engine, UPSERT_PRESENCE, user=bob.id)
    refused(ann.engine, UPSERT_PRESENCE, user=sue.id)
    # Ann cannot even see Bob's row, so her update finds nothing to change...
    assert (
        allowed(ann.engine, "UPDATE agent_presence SET state = 'x' WHERE user_id = :u", u=bob.id)
        == 0
    )
    # ...a supervisor sees it and is refused.
    refused(sue.engine, "UPDATE agent_presence SET state = 'x' WHERE user_id = :u", u=bob.id)
    refused(sue.engine, "DELETE FROM agent_presence WHERE user_id = :u", u=bob.id)
    # Signing out removes one's own row.
    assert allowed(ann.engine, "DELETE FROM agent_presence WHERE user_id = :u", u=ann.id) == 1
    with bob.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT state FROM agent_presence WHERE user_id = :u"), {"u": bob.id}
            ).scalar_one()
            == "ready"
        )


def test_agents_see_their_own_presence_supervisors_everyones(
    people: dict[str, Person], world: World
) -> None:
    def seen(who: str) -> set[uuid.UUID]:
        with people[who].engine.connect() as conn:
            return set(conn.execute(text("SELECT user_id FROM agent_presence")).scalars())

    assert seen("ann") == {people["ann"].id}
    assert seen("sue") == {people["ann"].id, people["bob"].id}
    assert seen("ada") == {people["ann"].id, people["bob"].id}


# ---- a person no longer active ---------------------------------------------------------------


def test_a_deactivated_person_acts_as_nobody(
    cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    """users.active = false (role still LOGIN): the database no longer knows who they are."""
    ann = people["ann"]
    allowed(cluster.owner, "UPDATE users SET active = false WHERE id = :id", id=ann.id)
    refused(ann.engine, INSERT_INTERACTION, id=uuid.uuid4(), at=NOW, agent=ann.id)
    refused(
        ann.engine,
        "UPDATE service_requests SET version = version + 1 WHERE id = :id",
        id=world.srs["nobody"],
    )


# ---- authorship --------------------------------------------------------------------------

FORGERIES = {
    "a customer in another name": (
        "INSERT INTO customers (id, version, updated_at, deleted, kind, name, lifecycle_stage, "
        "value_tier, tags, notes, search_text, updated_by) VALUES (:id, 1, now(), false, "
        "'person', 'Mallory', 'lead', 'standard', '', '', 'Mallory', :other)"
    ),
    "an edit signed by someone else": (
        "UPDATE customers SET notes = 'moved', updated_by = :other WHERE id = :customer"
    ),
    "a request opened by someone else": (
        "INSERT INTO service_requests (id, version, updated_at, deleted, number, category_code, "
        "priority, status, subject, description, opened_at, sla_due_at, opened_by) VALUES "
        "(:id, 1, now(), false, 'SR-FORGED01', 'billing', 'normal', 'open', 'x', '', now(), "
        "now(), :other)"
    ),
    "history in someone else's name": (
        "INSERT INTO sr_history (id, version, updated_at, deleted, service_request_id, at, "
        "field, actor_id) VALUES (:id, 1, now(), false, :request, now(), 'status', :other)"
    ),
    "a callback attempt by someone else": (
        "INSERT INTO callback_attempts (id, version, updated_at, deleted, callback_id, at, "
        "outcome, notes, agent_id) VALUES (:id, 1, now(), false, :callback, now(), "
        "'no_answer', '', :other)"
    ),
    "a callback promised by someone else": (
        "INSERT INTO callbacks (id, version, updated_at, deleted, phone_number, due_from, "
        "due_until, reason, status, attempt_count, created_by) VALUES (:id, 1, now(), false, "
        "'+442079460958', now(), now(), 'x', 'pending', 0, :other)"
    ),
}


@pytest.mark.parametrize("who", ["ann", "sue", "ada"])
@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_nobody_writes_in_another_persons_name(
    people: dict[str, Person], world: World, who: str, forgery: str
) -> None:
    message = refused(
        people[who].engine,
        FORGERIES[forgery],
        id=uuid.uuid4(),
        other=people["bob"].id,
        customer=world.customer,
        request=world.srs["ann"],
        callback=world.callbacks["ann"],
    )
    assert "must be you" in message


def test_the_database_writes_the_author(people: dict[str, Person], world: World) -> None:
    """Left out, or left as the last writer's, the author is the person signed in."""
    ann = people["ann"]
    customer, history = uuid.uuid4(), uuid.uuid4()
    allowed(
        ann.engine,
        "INSERT INTO customers (id, version, updated_at, deleted, kind, name, lifecycle_stage, "
        "value_tier, tags, notes, search_text) VALUES (:id, 1, now(), false, 'person', 'Grace', "
        "'lead', 'standard', '', '', 'Grace')",
        id=customer,
    )
    allowed(people["bob"].engine, "UPDATE customers SET notes = 'b' WHERE id = :id", id=customer)
    allowed(ann.engine, "UPDATE customers SET notes = 'a' WHERE id = :id", id=customer)
    allowed(
        ann.engine,
        "INSERT INTO sr_history (id, version, updated_at, deleted, service_request_id, at, "
        "field) VALUES (:id, 1, now(), false, :sr, now(), 'status')",
        id=history,
        sr=world.srs["ann"],
    )
    with ann.engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT updated_by FROM customers WHERE id = :id"), {"id": customer}
            ).scalar_one()
            == ann.id
        )
        assert conn.execute(
            text("SELECT actor_id, updated_by FROM sr_history WHERE id = :id"), {"id": history}
        ).one() == (ann.id, ann.id)


# ---- one person cannot wreck every desk ------------------------------------------------------


def test_only_a_supervisor_removes_a_customer(people: dict[str, Person], world: World) -> None:
    remove = "UPDATE customers SET deleted = true WHERE id = :id"
    assert "only a supervisor removes a customer" in refused(
        people["ann"].engine, remove, id=world.customer
    )
    assert allowed(people["sue"].engine, remove, id=world.customer) == 1


def test_an_agent_may_still_remove_a_wrong_number(people: dict[str, Person], world: World) -> None:
    number = uuid.uuid4()
    ann = people["ann"].engine
    allowed(
        ann,
        "INSERT INTO phone_numbers (id, version, updated_at, deleted, customer_id, raw, e164, "
        "kind) VALUES (:id, 1, now(), false, :c, '0207 946 0000', '+442079460000', 'home')",
        id=number,
        c=world.customer,
    )
    assert allowed(ann, "UPDATE phone_numbers SET deleted = true WHERE id = :id", id=number) == 1


def _customers(owner: Engine, count: int) -> None:
    with owner.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (id, version, updated_at, deleted, kind, name, "
                "lifecycle_stage, value_tier, tags, notes, search_text) SELECT gen_random_uuid(), "
                "1, now(), false, 'person', 'Many ' || n, 'lead', 'standard', 'bulk', '', '' "
                "FROM generate_series(1, :count) AS n"
            ),
            {"count": count},
        )


def test_an_agents_one_statement_changes_at_most_twenty_rows(
    people: dict[str, Person], cluster: Cluster
) -> None:
    _customers(cluster.owner, 30)
    ann, sue = people["ann"].engine, people["sue"].engine
    wreck = "UPDATE customers SET notes = 'gone' WHERE tags = 'bulk'"
    assert "at most 20 customers rows, not 30" in refused(ann, wreck)
    with ann.connect() as conn:  # the refusal is whole: not one row changed
        assert (
            conn.execute(text("SELECT count(*) FROM customers WHERE notes = 'gone'")).scalar() == 0
        )
    few = (
        "UPDATE customers SET notes = 'checked' "
        "WHERE id IN (SELECT id FROM customers WHERE tags = 'bulk' LIMIT 20)"
    )
    assert allowed(ann, few) == 20
    assert allowed(sue, wreck) == 30  # a supervisor's cleanup is not held back
    renumber = "UPDATE phone_numbers SET e164 = '+15550000000'"
    with cluster.owner.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO phone_numbers (id, version, updated_at, deleted, customer_id, raw, "
                "e164, kind) SELECT gen_random_uuid(), 1, now(), false, id, '1', '+1', 'home' "
                "FROM customers WHERE tags = 'bulk'"
            )
        )
    assert "phone_numbers" in refused(ann, renumber)


def test_the_limit_is_the_stores_to_set(people: dict[str, Person], cluster: Cluster) -> None:
    _customers(cluster.owner, 30)
    with cluster.owner.begin() as conn:
        conn.execute(text("INSERT INTO store_meta (key, value) VALUES ('mass_update_limit', '50')"))
    assert (
        allowed(people["ann"].engine, "UPDATE customers SET notes = 'x' WHERE tags = 'bulk'") == 30
    )
