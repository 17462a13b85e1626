"""Merging on PostgreSQL as the person's own role: an agent's SQL cannot make a tombstone of a
customer (the existing guard: only supervisors remove customers), a supervisor's can."""

from __future__ import annotations

import uuid

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
    for change in (
        "UPDATE orders SET total_minor = 1 WHERE id = :id",
        "UPDATE orders SET customer_id = :into, status = 'cancelled' WHERE id = :id",
    ):
        refused(people["sue"].engine, change, id=order, into=world.customer)
    refused(people["ann"].engine, move, id=order, into=world.customer)
    assert (
        allowed(people["ada"].engine, "UPDATE orders SET total_minor = 1 WHERE id = :id", id=order)
        == 1
    )
