"""The per-store search queries (db/search.py) on both stores: what each finds, in which order,
and that the PostgreSQL b-tree reads (revision 0021) find the same rows as the word index."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import Engine, insert, text

from callcenter.crm.customer_fields import search_text
from db import search
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models import Customer, Email, PhoneNumber
from db.store import session_factory


def _customers(
    engine: Engine, names: list[str], emails: list[str] | None = None
) -> list[uuid.UUID]:
    """Insert customers (and one e-mail each, when given) in this order; their ids."""
    now = dt.datetime.now(dt.UTC)
    ids = [uuid.uuid4() for _ in names]
    common = {"version": 1, "updated_at": now, "deleted": False}
    with engine.begin() as conn:
        conn.execute(
            insert(Customer),
            [
                {
                    "id": i,
                    "name": name,
                    "kind": CustomerKind.PERSON.value,
                    "lifecycle_stage": LifecycleStage.LEAD.value,
                    "value_tier": ValueTier.STANDARD.value,
                    "search_text": search_text(name, None, None),
                    "tags": "",
                    "notes": "",
                    **common,
                }
                for i, name in zip(ids, names, strict=True)
            ],
        )
        if emails:
            conn.execute(
                insert(Email),
                [
                    {
                        "id": uuid.uuid4(),
                        "customer_id": i,
                        "address": a,
                        "address_lower": a.lower(),
                        **common,
                    }
                    for i, a in zip(ids, emails, strict=True)
                ],
            )
    return ids


def _names(engine: Engine, tokens: list[str], limit: int) -> list[search.NameRow]:
    with session_factory(engine)() as session:
        return search.customers_by_name(session, tokens, limit)


def test_every_row_has_a_word_starting_with_every_token(engine: Engine) -> None:
    _customers(
        engine,
        ["Ann Lee", "Anna Leeson", "Lee Ann", "Annabel Smith", "Dan Leeds", "Joanne Lee"],
    )
    found = {r.name for r in _names(engine, ["ann", "lee"], 20)}
    assert found == {"Ann Lee", "Anna Leeson", "Lee Ann"}
    assert {r.name for r in _names(engine, ["ANN"], 20)} == {
        "Ann Lee",
        "Anna Leeson",
        "Lee Ann",
        "Annabel Smith",
    }


def test_whole_words_come_first_and_no_customer_twice(engine: Engine) -> None:
    _customers(engine, ["Ann Lee", "Anna Ann", "Annette Annabel", "Bob Ann"])
    rows = _names(engine, ["ann"], 20)
    assert len({r.customer_id for r in rows}) == len(rows) == 4
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert {r.name for r in rows if r.score == 1.0} == {"Ann Lee", "Anna Ann", "Bob Ann"}


def test_a_full_limit_of_matches_takes_the_names_that_start_with_the_text_on_postgresql(
    engine: Engine,
) -> None:
    """More matches than the limit: on PostgreSQL the b-tree gives the names that start with
    the typed words (the service ranks them first); the rest still come from the word index
    while the limit is not reached. SQLite keeps its index's order."""
    later = [f"Zed Alvarez {i}" for i in range(30)]
    starts = [f"Alva Zed {i}" for i in range(5)]
    _customers(engine, later + starts)
    rows = _names(engine, ["alva"], 10)
    assert len(rows) == 10
    assert all("alva" in r.name.lower() for r in rows)
    if engine.dialect.name == "postgresql":
        assert {r.name for r in rows} >= set(starts)
    assert len(_names(engine, ["alva"], 100)) == 35


def test_typed_words_stay_whole_in_the_first_pass(engine: Engine) -> None:
    """'al' as a whole word is not a prefix of 'alan': the start range ends at the space."""
    _customers(engine, ["Al Green", "Alan Green", "Al", "Green Al"])
    whole = [r for r in _names(engine, ["al"], 20) if r.score == 1.0]
    assert {r.name for r in whole} == {"Al Green", "Al", "Green Al"}


def test_chinese_characters_are_whole_words_in_both_passes(engine: Engine) -> None:
    _customers(engine, ["张伟", "张伟明", "王伟", "张三"])
    with session_factory(engine)() as session:
        rows = search.customers_by_name(session, ["张", "伟"], 20, [True, True])
    assert {r.name for r in rows} == {"张伟", "张伟明"}
    assert {r.score for r in rows} == {1.0}


def test_emails_in_address_order_up_to_the_limit(engine: Engine) -> None:
    addresses = [f"info{i:02d}@example.com" for i in range(25, -1, -1)]
    _customers(engine, [f"Person {i}" for i in range(len(addresses))], addresses)
    with session_factory(engine)() as session:
        found = [r[3] for r in search.customers_by_email(session, "INFO", 20)]
    assert found == sorted(addresses)[:20]


def test_a_prefix_is_literal_text(engine: Engine) -> None:
    """LIKE's wildcards mean nothing in a typed prefix."""
    _customers(engine, ["A", "B", "C"], ["a_b@example.com", "axb@example.com", "a%c@example.com"])
    with session_factory(engine)() as session:
        assert [r[3] for r in search.customers_by_email(session, "a_", 20)] == ["a_b@example.com"]
        assert [r[3] for r in search.customers_by_email(session, "a%", 20)] == ["a%c@example.com"]


@pytest.mark.postgres
def test_the_start_branch_stops_at_the_limit(pg_url: str) -> None:
    """The b-tree read of the names that start with the text is an ordered index scan that
    stops at the LIMIT, not a bitmap that collects every match (what revision 0021 is for)."""
    from db import migrate
    from db.store import open_engine

    engine = open_engine(pg_url)
    try:
        migrate.upgrade(engine)
        # A prefix that a tenth of the customers share, as "al" is shared on a big store.
        _customers(
            engine, [f"Alfie N{i}" for i in range(2000)] + [f"Bo N{i}" for i in range(18000)]
        )
        with engine.begin() as conn:
            conn.execute(text("ANALYZE customers"))
            params = {"q": "'alfie':*", "line": "alfie", "n": 100}
            plan = "\n".join(
                r[0]
                for r in conn.execute(
                    text("EXPLAIN (ANALYZE, COSTS OFF) " + search._POSTGRES_PREFIX.text), params
                )
            )
        scan = next(line for line in plan.splitlines() if "ix_customers_search_start" in line)
        assert "Index Scan using" in scan and "rows=100 loops=1" in scan, plan
    finally:
        engine.dispose()


def test_numbers_in_number_order_up_to_the_limit(engine: Engine) -> None:
    ids = _customers(engine, [f"Caller {i}" for i in range(30)])
    now = dt.datetime.now(dt.UTC)
    e164 = [f"+4420794609{i:02d}" for i in range(29, -1, -1)]
    with engine.begin() as conn:
        conn.execute(
            insert(PhoneNumber),
            [
                {
                    "id": uuid.uuid4(),
                    "customer_id": i,
                    "raw": n,
                    "e164": n,
                    "national": n[3:],
                    "kind": PhoneKind.HOME.value,
                    "version": 1,
                    "updated_at": now,
                    "deleted": False,
                }
                for i, n in zip(ids, e164, strict=True)
            ],
        )
    with session_factory(engine)() as session:
        found = [r[3] for r in search.customers_by_phone(session, "+442079460", None, 20)]
        national = [r[3] for r in search.customers_by_phone(session, None, "2079460", 20)]
    assert found == national == sorted(e164)[:20]
