"""What the desk's import dialog asks of the CSV import: the header read on its own, a dry run
that writes nothing, each row's outcome as it is known, and a cancel between chunks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from callcenter.crm import csv_import
from callcenter.crm.csv_import import CsvFileError, HeaderColumn, RowOutcome
from callcenter.platform.context import ServiceContext
from db.models import AuditEntry, Customer

DATA = Path(__file__).with_name("data")
GOOD = DATA / "customers_good.csv"
BAD = DATA / "customers_bad.csv"


def customers(ctx: ServiceContext) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Customer)) or 0)


def audit_entries(ctx: ServiceContext) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def big_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "big.csv"
    lines = ["external_id,name"] + [f"B-{n:05},Customer {n}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_header_says_what_each_column_is_read_as() -> None:
    columns = csv_import.read_header(GOOD)
    assert columns[:2] == (
        HeaderColumn("external_id", "external_id", "required"),
        HeaderColumn("Name", "name", "required"),
    )
    assert columns[-1] == HeaderColumn("Loyalty Card", "loyalty_card", "unknown")
    assert {c.use for c in columns[2:-1]} == {"optional"}


def test_the_header_of_an_unusable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("external_id,name\nX,Ann\n".encode("utf-16"))
    with pytest.raises(CsvFileError, match="UTF-16"):
        csv_import.read_header(path)
    path.write_bytes(b"id,name\n")
    with pytest.raises(CsvFileError, match="no external_id column"):
        csv_import.read_header(path)


def test_a_dry_run_reports_what_an_import_does_and_writes_nothing(ctx: ServiceContext) -> None:
    heard: list[RowOutcome] = []
    dry = csv_import.import_customers(ctx, BAD, dry_run=True, on_row=heard.append)
    assert (customers(ctx), audit_entries(ctx)) == (0, 0)
    real = csv_import.import_customers(ctx, BAD)
    assert dry.dry_run and not real.dry_run
    assert (dry.created, dry.rejected, dry.errors) == (real.created, real.rejected, real.errors)
    assert len(heard) == dry.rows == 14
    outcomes = {o.line: o for o in heard}
    assert outcomes[2] == RowOutcome(2, "created")
    assert outcomes[3] == RowOutcome(3, "rejected", "name", "is required")


def test_each_row_is_heard_with_its_outcome(ctx: ServiceContext) -> None:
    csv_import.import_customers(ctx, GOOD)
    heard: list[RowOutcome] = []
    csv_import.import_customers(ctx, GOOD, on_row=heard.append)
    assert sorted(heard, key=lambda o: o.line) == [
        RowOutcome(2, "unchanged"),
        RowOutcome(3, "unchanged"),
        RowOutcome(5, "unchanged"),
    ]


def test_cancel_stops_after_the_chunk_being_written(ctx: ServiceContext, tmp_path: Path) -> None:
    path = big_file(tmp_path, 3 * csv_import.CHUNK_ROWS)
    seen: list[tuple[int, int]] = []
    report = csv_import.import_customers(
        ctx, path, progress=lambda done, total: seen.append((done, total)), cancel=lambda: True
    )
    assert report.cancelled
    assert report.created == report.rows == csv_import.CHUNK_ROWS == customers(ctx)
    assert len(seen) == 1 and seen[0][0] < seen[0][1]
    finished = csv_import.import_customers(ctx, path)
    assert (finished.created, finished.unchanged, finished.cancelled) == (1000, 500, False)
