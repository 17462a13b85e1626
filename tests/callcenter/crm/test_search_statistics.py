"""Search plans rest on statistics, so the writers in bulk leave them fresh: after the demo
data and after a CSV import, PostgreSQL has statistics for the tables and the search
indexes at once, without waiting for autovacuum. SQLite is left without any (its plans are
the ones measured)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from callcenter.crm import csv_import
from callcenter.demo import data as demo_data
from callcenter.platform.context import ServiceContext

GOOD = Path(__file__).with_name("data") / "customers_good.csv"


def _analysed(ctx: ServiceContext) -> dict[str, float]:
    """Rows the planner believes each table holds (-1: never analysed) and whether the start
    index's expression has statistics; empty on SQLite, which must have none at all."""
    with ctx.sessions() as session:
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            assert not inspect(conn).has_table("sqlite_stat1")
            return {}
        rows = conn.execute(
            text(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN "
                "('customers', 'phone_numbers', 'emails')"
            )
        )
        found = {name: float(tuples) for name, tuples in rows}
        found["start index"] = float(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_statistic "
                    "WHERE starelid = 'ix_customers_search_start'::regclass"
                )
            ).scalar_one()
        )
        return found


def test_the_demo_data_leaves_statistics(ctx: ServiceContext) -> None:
    before = _analysed(ctx)
    demo_data.generate(ctx, 30, seed=3)
    after = _analysed(ctx)
    if not after:
        return
    assert before["customers"] < 30 <= after["customers"]
    assert after["phone_numbers"] > 0 and after["emails"] > 0
    assert after["start index"] > 0


def test_a_csv_import_leaves_statistics_and_a_dry_run_does_not(ctx: ServiceContext) -> None:
    before = _analysed(ctx)
    csv_import.import_customers(ctx, GOOD, dry_run=True)
    assert _analysed(ctx) == before
    report = csv_import.import_customers(ctx, GOOD)
    after = _analysed(ctx)
    if not after:
        return
    assert after["customers"] == report.created
    assert after["start index"] > 0
