"""Demo data against real stores: counts, repeatability, numbers that parse back, search."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from callcenter.cli import main
from callcenter.crm import phones
from callcenter.demo import data as demo_data
from callcenter.demo.data import TABLE_ORDER, DemoSummary
from callcenter.platform.context import ServiceContext
from db import migrate
from db.base import Base
from db.changefeed_ddl import STAMP_COLUMNS
from db.enums import CallbackStatus, CustomerKind
from db.models import (
    Callback,
    Customer,
    DispositionCode,
    PhoneNumber,
    ServiceRequest,
    SRCategory,
    User,
)
from db.store import open_engine

NOW = dt.datetime(2026, 3, 10, 14, 30, tzinfo=dt.UTC)
COUNT = 200
SEED = 11
HAN = re.compile(r"[\u4e00-\u9fff]")


def at_fixed_time(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.sessions, ctx.default_region, ctx.actor, lambda: NOW)


@pytest.fixture
def demo(ctx: ServiceContext) -> tuple[ServiceContext, DemoSummary]:
    fixed = at_fixed_time(ctx)
    return fixed, demo_data.generate(fixed, COUNT, seed=SEED)


def table_rows(ctx: ServiceContext, name: str) -> list[tuple[Any, ...]]:
    """The rows' data; the shared store's change stamps differ from store to store."""
    table = Base.metadata.tables[name]
    data = [c for c in table.columns if c.name not in STAMP_COLUMNS]
    with ctx.sessions() as s:
        return [tuple(r) for r in s.execute(select(*data).order_by(table.c.id))]


def count(ctx: ServiceContext, model: Any) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_counts_match_the_summary(demo: tuple[ServiceContext, DemoSummary]) -> None:
    ctx, summary = demo
    assert summary.rows["customers"] == COUNT
    assert (summary.first_external_id, summary.last_external_id) == ("DEMO-0000001", "DEMO-0000200")
    for name in TABLE_ORDER:
        assert len(table_rows(ctx, name)) == summary.rows[name], name
    assert summary.rows["phone_numbers"] > 1.5 * COUNT
    assert summary.rows["service_requests"] > 0
    assert summary.rows["sr_history"] > summary.rows["service_requests"]
    assert summary.rows["order_lines"] >= summary.rows["orders"] > 0
    assert count(ctx, User) == 23
    with ctx.sessions() as s:
        kinds = dict(s.execute(select(Customer.kind, func.count()).group_by(Customer.kind)).all())
        assert 0.45 < kinds[CustomerKind.PERSON] / COUNT < 0.75
        sla = dict(s.execute(select(SRCategory.code, SRCategory.sla_hours)).all())
        assert sla["technical"] == 8
        assert sla["delivery"] == 48
        codes = set(s.scalars(select(DispositionCode.code)))
        assert {"resolved", "sale", "complaint", "callback-requested", "wrong-number"} <= codes


def test_same_seed_gives_the_same_rows(
    demo: tuple[ServiceContext, DemoSummary], tmp_path: Path
) -> None:
    ctx, _summary = demo
    other_engine = open_engine(f"sqlite:///{tmp_path / 'again.db'}")
    migrate.upgrade(other_engine)
    try:
        again = at_fixed_time(ServiceContext.for_engine(other_engine, "GB"))
        demo_data.generate(again, COUNT, seed=SEED)
        for name in (*TABLE_ORDER, "users", "queues", "products"):
            assert table_rows(again, name) == table_rows(ctx, name), name
    finally:
        other_engine.dispose()


def test_stored_numbers_are_what_parse_makes_of_the_raw_text(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    ctx, _summary = demo
    with ctx.sessions() as s:
        rows = s.execute(
            select(
                PhoneNumber.raw,
                PhoneNumber.e164,
                PhoneNumber.national,
                PhoneNumber.extension,
                Customer.region,
            ).join(Customer, Customer.id == PhoneNumber.customer_id)
        ).all()
    for raw, e164, national, extension, region in rows:
        parsed = phones.parse(raw, region)
        assert parsed is not None, raw
        assert (parsed.e164, parsed.national, parsed.extension) == (e164, national, extension), raw
    raws = [r.raw for r in rows]
    assert any(r.startswith("+") for r in raws)
    assert any(r.startswith("00") for r in raws)
    assert any(r.startswith("0") and not r.startswith("00") for r in raws)
    assert any("(0)" in r for r in raws)
    assert any(r.startswith("+86") for r in raws)
    assert any(extension for *_, extension, _region in rows)


def test_some_numbers_match_several_customers(demo: tuple[ServiceContext, DemoSummary]) -> None:
    ctx, _summary = demo
    with ctx.sessions() as s:
        shared = s.execute(
            select(PhoneNumber.e164)
            .group_by(PhoneNumber.e164)
            .having(func.count(PhoneNumber.customer_id.distinct()) > 1)
        ).all()
    assert shared


def test_names_are_english_and_chinese(demo: tuple[ServiceContext, DemoSummary]) -> None:
    ctx, _summary = demo
    with ctx.sessions() as s:
        names = list(s.scalars(select(Customer.name)))
        regions = set(s.scalars(select(Customer.region)))
    chinese = [n for n in names if HAN.search(n)]
    assert 0.1 * COUNT < len(chinese) < 0.6 * COUNT
    assert any(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z'A-Z]+", n) for n in names)
    assert {"GB", "CN", "US"} <= regions


def test_callbacks_due_today_and_overdue_and_unique_sr_numbers(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    ctx, _summary = demo
    start = NOW.replace(hour=0, minute=0)
    with ctx.sessions() as s:
        pending = list(
            s.scalars(select(Callback.due_from).where(Callback.status == CallbackStatus.PENDING))
        )
        numbers = list(s.scalars(select(ServiceRequest.number)))
    assert any(start <= due < start + dt.timedelta(days=1) for due in pending)
    assert any(due < start for due in pending)
    assert all(re.fullmatch(r"SR-[0-9A-HJKMNP-TV-Z]{8}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_a_second_run_appends_new_customers(demo: tuple[ServiceContext, DemoSummary]) -> None:
    ctx, _summary = demo
    summary = demo_data.generate(ctx, 50, seed=SEED)
    assert (summary.first_external_id, summary.last_external_id) == ("DEMO-0000201", "DEMO-0000250")
    assert summary.rows.get("users", 0) == 0
    assert count(ctx, Customer) == COUNT + 50
    assert count(ctx, User) == 23


def test_full_text_index_finds_demo_customers_by_name(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    migrate.upgrade(engine)
    try:
        ctx = ServiceContext.for_engine(engine, "GB")
        demo_data.generate(ctx, COUNT, seed=SEED)
        with ctx.sessions() as s:
            names = dict(s.execute(select(Customer.external_id, Customer.name)).all())
            for wanted in (
                next(i for i, n in names.items() if HAN.search(n)),
                next(i for i, n in names.items() if not HAN.search(n)),
            ):
                words = " ".join(
                    f'"{w}"' for w in re.findall(r"[\u4e00-\u9fff]|\w+", names[wanted])
                )
                found = s.scalars(
                    text(
                        "SELECT c.external_id FROM customer_fts JOIN customers c "
                        "ON c.rowid = customer_fts.rowid WHERE customer_fts MATCH :q"
                    ),
                    {"q": words},
                ).all()
                assert wanted in found
    finally:
        engine.dispose()


def test_command_prints_rows_per_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(tmp_path / "callcenter.toml")
    assert main(["--config", config, "db", "upgrade"]) == 0
    assert main(["--config", config, "demo-data", "--customers", "30", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^customers\s+30$", out, re.MULTILINE)
    assert "DEMO-0000001 .. DEMO-0000030" in out


def test_the_demo_day_starts_when_it_is_made(demo: tuple[ServiceContext, DemoSummary]) -> None:
    """Made at 14:30: callbacks fall due later today, a few are overdue; most open requests
    are still inside their SLA; nothing still to do was opened in the future."""
    ctx, _summary = demo
    with ctx.sessions() as s:
        pending = list(
            s.scalars(select(Callback.due_from).where(Callback.status == CallbackStatus.PENDING))
        )
        live = list(
            s.execute(
                select(ServiceRequest.opened_at, ServiceRequest.sla_due_at).where(
                    ServiceRequest.status.not_in(("resolved", "closed"))
                )
            )
        )
    later_today = [d for d in pending if NOW < d < NOW.replace(hour=23, minute=59)]
    overdue = [d for d in pending if d < NOW]
    assert later_today and overdue
    assert len(later_today) > len(overdue) / 2
    assert live and all(opened <= NOW for opened, _due in live)
    within = [due for _opened, due in live if due > NOW]
    assert len(within) > 0.6 * len(live)
