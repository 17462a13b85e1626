"""Merging on PostgreSQL as the person's own role: an agent's SQL cannot make a tombstone of a
customer (the existing guard: only supervisors remove customers), a supervisor's can."""

from __future__ import annotations

import uuid

import pytest

from tests.roles.conftest import Cluster, Person, World, allowed, refused

MERGE = "UPDATE customers SET deleted = true, merged_into_id = :into WHERE id = :id"
NEW = (
    "INSERT INTO customers (id, version, updated_at, deleted, kind, name, lifecycle_stage, "
    "value_tier, tags, notes, search_text) "
    "VALUES (:id, 1, now(), false, 'person', 'Ada Lovelace', 'lead', 'standard', '', '', '')"
)


def test_an_agent_cannot_merge_a_customer_away(people: dict[str, Person], world: World) -> None:
    survivor = uuid.uuid4()
    allowed(people["ann"].engine, NEW, id=survivor)  # agents add customers
    assert "only a supervisor removes a customer" in refused(
        people["ann"].engine, MERGE, id=world.customer, into=survivor
    )
    assert allowed(people["sue"].engine, MERGE, id=world.customer, into=survivor) == 1


@pytest.mark.xfail(
    strict=True,
    reason="db/roles_ddl.py grants UPDATE on orders, invoices, payments and shipments to "
    "admins only, so a supervisor's merge of a customer who bought something is refused whole "
    "by the push; it needs a supervisor's right to move those rows (customer_id) to a survivor",
)
def test_a_supervisor_moves_what_a_merged_customer_bought(
    cluster: Cluster, people: dict[str, Person], world: World
) -> None:
    survivor = uuid.uuid4()
    allowed(people["sue"].engine, NEW, id=survivor)
    order = uuid.uuid4()
    allowed(
        cluster.owner,
        "INSERT INTO orders (id, version, updated_at, deleted, customer_id, number, placed_at, "
        "status, total_minor, currency) "
        "VALUES (:id, 1, now(), false, :customer, 'O-1', now(), 'delivered', 100, 'GBP')",
        id=order,
        customer=world.customer,
    )
    move = "UPDATE orders SET customer_id = :into WHERE id = :id"
    assert allowed(people["sue"].engine, move, id=order, into=survivor) == 1
