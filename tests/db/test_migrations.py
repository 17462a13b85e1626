"""Migrations: one head, every step up and down with data present, no drift from the models."""

from __future__ import annotations

import datetime as dt
import uuid

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, Table, func, insert, inspect, select, text

from db import migrate, search_ddl
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from db.models import Customer
from db.store import open_engine, session_factory


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory(str(migrate.MIGRATIONS))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _add_customer(engine: Engine, name: str) -> uuid.UUID:
    """Insert through the tables as they are at this revision (today's models may not fit)."""
    tables = MetaData()
    customers = Table("customers", tables, autoload_with=engine)
    numbers = Table("phone_numbers", tables, autoload_with=engine)
    customer_id, now = uuid.uuid4(), dt.datetime.now(dt.UTC)
    sqlite = engine.dialect.name == "sqlite"

    def key(value: uuid.UUID) -> uuid.UUID | str:
        return value.hex if sqlite else value  # a reflected SQLite UUID is plain CHAR(32)

    common = {"version": 1, "updated_at": now, "deleted": False}
    with engine.begin() as conn:
        conn.execute(
            insert(customers).values(
                id=key(customer_id),
                name=name,
                kind=CustomerKind.PERSON.value,
                lifecycle_stage=LifecycleStage.LEAD.value,
                value_tier=ValueTier.STANDARD.value,
                search_text=name,
                tags="",
                notes="",
                **common,
            )
        )
        conn.execute(
            insert(numbers).values(
                id=key(uuid.uuid4()),
                customer_id=key(customer_id),
                raw="020 7946 0958",
                e164="+442079460958",
                national="2079460958",
                kind=PhoneKind.HOME.value,
                **common,
            )
        )
    return customer_id


def test_single_head_is_the_one_the_desk_checks_against() -> None:
    assert migrate.heads() == [migrate.HEAD]


def test_upgrade_from_empty_has_no_drift(store_url: str) -> None:
    engine = open_engine(store_url)
    try:
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
        command.check(migrate.alembic_config(engine))
        tables = set(inspect(engine).get_table_names())
        assert {"customers", "phone_numbers", "service_requests", "audit_log"} <= tables
    finally:
        engine.dispose()


def test_each_step_down_and_up_with_data(store_url: str) -> None:
    engine = open_engine(store_url)
    try:
        revisions = _revisions_oldest_first()
        for index, revision in enumerate(revisions):
            migrate.upgrade(engine, revision)
            _add_customer(engine, f"Customer at {revision}")
            previous = revisions[index - 1] if index else "base"
            migrate.downgrade(engine, previous)
            migrate.upgrade(engine, revision)
            _add_customer(engine, f"Customer after {revision}")
        with session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(Customer)) >= 1
        command.check(migrate.alembic_config(engine))
    finally:
        engine.dispose()


def test_search_objects_rebuild_over_existing_rows(store_url: str) -> None:
    """Re-creating the search objects (as a batch migration must) indexes rows already there."""
    engine = open_engine(store_url)
    try:
        migrate.upgrade(engine)
        customer_id = _add_customer(engine, "Rebuild Person")
        with engine.begin() as conn:
            search_ddl.drop(conn)
            search_ddl.create(conn)
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                found = conn.execute(
                    text(
                        "SELECT c.id FROM customer_fts JOIN customers c ON c.rowid = "
                        "customer_fts.rowid WHERE customer_fts MATCH 'rebuild'"
                    )
                ).scalar_one()
                assert uuid.UUID(str(found)) == customer_id
            else:
                names = {i["name"] for i in inspect(conn).get_indexes("customers")}
                assert "ix_customers_search_words" in names
                assert "ix_customers_search_text_trgm" not in names
                found = conn.execute(
                    text(
                        f"SELECT id FROM customers WHERE {search_ddl.POSTGRES_WORDS} "
                        "@@ to_tsquery('simple', 'rebui:*')"
                    )
                ).scalar_one()
                assert found == customer_id
    finally:
        engine.dispose()


def test_local_store_is_wal(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_a_shared_sqlite_store_keeps_stamping_through_each_step(sqlite_url: str) -> None:
    """On a shared SQLite store the stamping triggers survive every revision down and up."""
    engine = open_engine(sqlite_url)
    try:
        for revision in _revisions_oldest_first():
            migrate.upgrade(engine, revision, role="shared")
        migrate.downgrade(engine, "0004")
        migrate.upgrade(engine, role="shared")
        customer_id = _add_customer(engine, "Stamped")
        with engine.begin() as conn:
            before = conn.execute(
                text("SELECT change_seq FROM customers WHERE name = 'Stamped'")
            ).scalar_one()
            conn.execute(text("UPDATE customers SET notes = 'x' WHERE name = 'Stamped'"))
            after = conn.execute(
                text("SELECT change_seq FROM customers WHERE name = 'Stamped'")
            ).scalar_one()
        assert before is not None and after > before
        assert customer_id is not None
        command.check(migrate.alembic_config(engine))
    finally:
        engine.dispose()


def test_search_start_index_and_fresh_statistics(store_url: str) -> None:
    """0021 on a store with customers: the start index, a short GIN pending list, and statistics
    for the new expression at once (migrate.upgrade runs ANALYZE on PostgreSQL); down again
    undoes both. SQLite gets nothing new and no statistics."""
    engine = open_engine(store_url)
    try:
        migrate.upgrade(engine, "0020")
        _add_customer(engine, "Before Start")
        migrate.upgrade(engine)
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert not inspect(conn).has_table("sqlite_stat1")
                return
            assert conn.execute(
                text(
                    "SELECT count(*) FROM pg_statistic "
                    "WHERE starelid = 'ix_customers_search_start'::regclass"
                )
            ).scalar_one()
            options = text("SELECT reloptions FROM pg_class WHERE relname = :name")
            assert conn.execute(options, {"name": "ix_customers_search_words"}).scalar_one() == [
                "gin_pending_list_limit=256"
            ]
        migrate.downgrade(engine, "0020")
        with engine.connect() as conn:
            assert conn.execute(options, {"name": "ix_customers_search_words"}).scalar_one() is None
            assert conn.execute(options, {"name": "ix_customers_search_start"}).first() is None
    finally:
        engine.dispose()


def test_call_sums_are_made_from_the_calls_there_are(store_url: str) -> None:
    """0023 on a store with calls: on PostgreSQL the half hours' and agents' sums of the calls
    already there, kept by the triggers from then on; down again drops them, up makes them
    again. SQLite gets nothing (its boards add the calls up themselves)."""
    engine = open_engine(store_url)
    try:
        migrate.upgrade(engine, "0022")
        tables = MetaData()
        interactions = Table("interactions", tables, autoload_with=engine)
        offered = dt.datetime(2026, 11, 23, 9, 10, tzinfo=dt.UTC)
        sqlite = engine.dialect.name == "sqlite"

        def call(answered_s: int | None) -> dict[str, object]:
            made = uuid.uuid4()
            return {
                "id": made.hex if sqlite else made,
                "version": 1,
                "updated_at": offered,
                "deleted": False,
                "channel": "phone",
                "direction": "inbound",
                "offered_at": offered,
                "answered_at": None
                if answered_s is None
                else offered + dt.timedelta(seconds=answered_s),
                "ended_at": offered + dt.timedelta(minutes=5),
            }

        with engine.begin() as conn:
            conn.execute(insert(interactions), [call(5), call(30), call(None)])
        migrate.upgrade(engine)
        sums = text(
            "SELECT starts_at, queue_id, offered, answered, abandoned, in_time, wait_us, talks "
            "FROM call_half_hours"
        )
        with engine.connect() as conn:
            if sqlite:
                assert not inspect(conn).has_table("call_half_hours")
                return
            half_hour = offered.replace(minute=0)
            made = (half_hour, uuid.UUID(int=0), 3, 2, 1, 1, 35_000_000, 2)
            assert conn.execute(sums).all() == [made]
        with engine.begin() as conn:
            conn.execute(insert(interactions), [call(1)])
        with engine.connect() as conn:
            assert conn.execute(sums).all() == [
                (half_hour, uuid.UUID(int=0), 4, 3, 1, 2, 36_000_000, 3)
            ]
        migrate.downgrade(engine, "0022")
        with engine.connect() as conn:
            assert not inspect(conn).has_table("call_half_hours")
            assert not inspect(conn).has_table("agent_call_days")
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(sums).all() == [
                (half_hour, uuid.UUID(int=0), 4, 3, 1, 2, 36_000_000, 3)
            ]
        command.check(migrate.alembic_config(engine))
    finally:
        engine.dispose()
