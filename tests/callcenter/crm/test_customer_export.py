"""Customer export on real stores: its columns, formulas made text, filters, rights, the audit
entry, and an export that imports back to the same customers without a change."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from callcenter.cli import main
from callcenter.crm import csv_import, customer_export
from callcenter.crm.customer_export import (
    COLUMNS,
    ExportCancelledError,
    ExportFilters,
    count_customers,
    export_customers,
)
from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from db import migrate
from db.enums import LifecycleStage, PhoneKind, ValueTier
from db.models import AuditEntry, Customer
from db.store import open_engine
from tests.callcenter.conftest import People, as_actor

GOOD = Path(__file__).with_name("data") / "customers_good.csv"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def stored(ctx: ServiceContext) -> ServiceContext:
    """The good example file imported, and a customer whose fields look like formulas."""
    csv_import.import_customers(ctx, GOOD)
    create_customer(
        ctx,
        NewCustomer(
            name='=HYPERLINK("http://evil.example")',
            company_name="@SUM(A1)",
            external_id="H-1",
            region="CN-BJ",
            industry="Finance",
            notes="-2+3",
            phones=(("+86 10 6552 9988", PhoneKind.HOME), ("07700 900999", PhoneKind.MOBILE)),
            emails=("first@example.com", "second@example.com"),
        ),
    )
    return ctx


def test_columns_numbers_and_addresses(stored: ServiceContext, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    assert export_customers(stored, path) == 4
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's "CSV UTF-8"
    rows = read(path)
    assert tuple(rows[0]) == COLUMNS
    assert [r["external_id"] for r in rows] == ["C-001", "C-002", "C-003", "H-1"]
    ann = rows[0]
    assert ann["name"] == "Ann Lee"
    assert ann["company"] == "Lee, Partners & Co"
    assert ann["primary_phone"] == "'+44 7700 900123"
    assert ann["phones"] == "mobile:+44 7700 900123;work:+44 20 7946 0958 ext. 12"
    assert ann["primary_email"] == "ann.lee@example.com"
    assert (ann["value_tier"], ann["lifecycle_stage"], ann["tags"]) == (
        "gold",
        "customer",
        "vip,newsletter",
    )
    assert rows[1]["notes"] == 'First line\r\nsecond line with "quotes"'
    assert rows[1]["emails"] == "zhang.wei@example.cn"
    hostile = rows[3]
    assert hostile["primary_phone"] == "'+44 7700 900999"  # a mobile is the primary number
    assert hostile["phones"] == "mobile:+44 7700 900999;home:+86 10 6552 9988"
    assert hostile["emails"] == "first@example.com;second@example.com"


def test_formulas_are_written_as_text(stored: ServiceContext, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    export_customers(stored, path, filters=ExportFilters(region="CN-BJ"))
    (hostile,) = read(path)
    assert hostile["name"] == '\'=HYPERLINK("http://evil.example")'
    assert hostile["company"] == "'@SUM(A1)"
    assert hostile["notes"] == "'-2+3"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ExportFilters(region="gb"), ["C-001"]),
        (ExportFilters(region="CN"), ["C-002", "H-1"]),  # a country takes its subdivisions
        (ExportFilters(value_tier=ValueTier.SILVER), ["C-003"]),
        (ExportFilters(lifecycle_stage=LifecycleStage.LEAD), ["C-002", "H-1"]),
        (ExportFilters(industry="FINANCE"), ["C-001", "H-1"]),
        (ExportFilters(region="US", value_tier=ValueTier.GOLD), []),
    ],
)
def test_filters(
    stored: ServiceContext, tmp_path: Path, filters: ExportFilters, expected: list[str]
) -> None:
    path = tmp_path / "some.csv"
    assert export_customers(stored, path, filters=filters) == len(expected)
    assert count_customers(stored, filters) == len(expected)
    assert [r["external_id"] for r in read(path)] == expected


def test_updated_since_and_deleted_customers(stored: ServiceContext, tmp_path: Path) -> None:
    with stored.sessions.begin() as s:
        old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        for c in s.scalars(select(Customer)):
            c.updated_at = old
        s.scalars(select(Customer).where(Customer.external_id == "C-003")).one().deleted = True
        newer = s.scalars(select(Customer).where(Customer.external_id == "C-002")).one()
        newer.updated_at = old + dt.timedelta(days=10)
    path = tmp_path / "recent.csv"
    since = ExportFilters(updated_since=old + dt.timedelta(days=1))
    assert export_customers(stored, path, filters=since) == 1
    assert [r["external_id"] for r in read(path)] == ["C-002"]
    assert export_customers(stored, path) == 3  # the deleted one is not exported


def test_agents_may_not_export_and_supervisors_may(
    stored: ServiceContext, people: People, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    with pytest.raises(PermissionDeniedError):
        export_customers(as_actor(stored, people.agent), path)
    assert not path.exists()
    sue = as_actor(stored, people.supervisor)
    assert export_customers(sue, path, filters=ExportFilters(region="GB")) == 1
    with stored.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert (entry.entity, entry.actor_id) == ("customers", people.supervisor.user_id)
    assert json.loads(entry.after or "{}") == {"count": 1, "region": "GB", "file": str(path)}


def test_progress_and_cancel_leave_no_file(stored: ServiceContext, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "customers.csv"
    export_customers(stored, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)
    path.unlink()
    with pytest.raises(ExportCancelledError):
        export_customers(stored, path, cancel=lambda: True)
    assert list(folder.iterdir()) == []


def test_an_export_imports_back_without_a_change(stored: ServiceContext, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    export_customers(stored, path)
    with stored.sessions() as s:
        before = {c.external_id: (c.version, c.name, c.notes) for c in s.scalars(select(Customer))}
    report = csv_import.import_customers(stored, path)
    assert (report.rows, report.created, report.updated, report.unchanged) == (4, 0, 0, 4)
    assert (report.rejected, report.warnings) == (0, ())
    with stored.sessions() as s:
        after = {c.external_id: (c.version, c.name, c.notes) for c in s.scalars(select(Customer))}
    assert after == before
    assert before["H-1"][1] == '=HYPERLINK("http://evil.example")'


def test_an_export_fills_an_empty_store(stored: ServiceContext, tmp_path: Path) -> None:
    """The file made on one store creates the same customers, numbers and addresses on a
    fresh one, whose export is then the same file."""
    path, again = tmp_path / "customers.csv", tmp_path / "again.csv"
    export_customers(stored, path)
    engine = open_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrate.upgrade(engine)
    try:
        fresh = ServiceContext.for_engine(engine, stored.default_region)
        report = csv_import.import_customers(fresh, path)
        assert (report.created, report.rejected) == (4, 0)
        export_customers(fresh, again)
    finally:
        engine.dispose()
    assert again.read_bytes() == path.read_bytes()


@pytest.fixture
def cli(tmp_path: Path) -> list[str]:
    config = ["--config", str(tmp_path / "callcenter.toml")]
    assert main([*config, "db", "upgrade"]) == 0
    return config


def test_the_command_line_exports_with_filters(
    cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*cli, "import", "customers", str(GOOD)]) == 0
    path = tmp_path / "gold.csv"
    capsys.readouterr()
    assert main([*cli, "export", "customers", str(path), "--value-tier", "gold"]) == 0
    assert f"1 customers written to {path}" in capsys.readouterr().out
    assert [r["external_id"] for r in read(path)] == ["C-001"]
    since = ["--updated-since", "2999-01-01", "--region", "gb"]
    assert main([*cli, "export", "customers", str(path), *since]) == 0
    assert read(path) == []
    assert main([*cli, "export", "customers", str(tmp_path / "no" / "such.csv")]) == 2
    assert "cannot be written" in capsys.readouterr().err


def test_batches_follow_each_other_on_the_streaming_cursor(
    stored: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbers and addresses are read per batch while the customers' cursor stays open."""
    monkeypatch.setattr(customer_export, "BATCH", 3)
    seen: list[tuple[int, int]] = []
    path = tmp_path / "customers.csv"
    export_customers(stored, path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(3, 4), (4, 4)]
    rows = read(path)
    assert [r["external_id"] for r in rows] == ["C-001", "C-002", "C-003", "H-1"]
    assert rows[3]["emails"] == "first@example.com;second@example.com"
