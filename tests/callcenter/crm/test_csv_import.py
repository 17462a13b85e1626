"""CSV import on real stores: encodings, quoting, rejected rows by line, re-runs, exit codes."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from callcenter.cli import main
from callcenter.crm import csv_import
from callcenter.crm.csv_import import RowError
from callcenter.platform.context import Actor, ServiceContext
from callcenter.platform.errors import PermissionDeniedError
from db.enums import PhoneKind, Role
from db.models import Customer, Email, PhoneNumber

DATA = Path(__file__).with_name("data")
GOOD = DATA / "customers_good.csv"  # UTF-8 with BOM, CRLF, quoted commas, newlines, quotes
BAD = DATA / "customers_bad.csv"  # LF, no BOM, one broken row of each kind

BAD_ROWS = [
    RowError(3, "name", "is required"),
    RowError(4, "phones", "'call me maybe' is not a phone number"),
    RowError(5, "emails", "'not-an-address' is not an e-mail address"),
    RowError(6, "kind", "'robot' is not one of person, company"),
    RowError(7, "columns", "the row has 3 values but the header has 8 columns"),
    RowError(11, "value_tier", "'diamond' is not one of standard, silver, gold, platinum"),
    RowError(12, "external_id", "'B-001' is also on line 2"),
    RowError(13, "name", "byte 0xE9 is not valid UTF-8"),
    RowError(14, "external_id", "is required"),
]


def counts(ctx: ServiceContext) -> list[int]:
    """Customers, phone numbers and e-mail addresses in the store."""
    with ctx.sessions() as s:
        return [
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Customer, PhoneNumber, Email)
        ]


def customer(ctx: ServiceContext, external_id: str) -> Customer:
    with ctx.sessions() as s:
        row = s.scalar(select(Customer).where(Customer.external_id == external_id))
        assert row is not None
        return row


def numbers(ctx: ServiceContext, external_id: str) -> dict[str, tuple[Any, ...]]:
    with ctx.sessions() as s:
        rows = s.execute(
            select(PhoneNumber.e164, PhoneNumber.raw, PhoneNumber.extension, PhoneNumber.kind)
            .join(Customer, Customer.id == PhoneNumber.customer_id)
            .where(Customer.external_id == external_id)
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_bom_crlf_file_with_quoted_fields_imports_every_row(ctx: ServiceContext) -> None:
    report = csv_import.import_customers(ctx, GOOD)
    assert (report.rows, report.created, report.rejected) == (3, 3, 0)
    assert report.warnings == ("unknown column 'Loyalty Card' ignored",)
    ann = customer(ctx, "C-001")
    assert ann.name == "Ann Lee"
    assert ann.company_name == "Lee, Partners & Co"
    assert ann.notes == "Prefers e-mail, not calls"
    assert ann.tags == "vip,newsletter"
    assert (ann.lifecycle_stage, ann.value_tier, ann.industry) == ("customer", "gold", "finance")
    assert numbers(ctx, "C-001") == {
        "+447700900123": ("07700 900123", None, PhoneKind.MOBILE),
        "+442079460958": ("020 7946 0958 ext. 12", "12", PhoneKind.WORK),
    }
    zhang = customer(ctx, "C-002")
    assert (zhang.name, zhang.region, zhang.kind) == ("张伟", "CN", "person")
    assert zhang.notes == 'First line\r\nsecond line with "quotes"'
    assert "张 伟" in zhang.search_text
    assert list(numbers(ctx, "C-002")) == ["+8613800138000"]
    northwind = customer(ctx, "C-003")
    assert (northwind.kind, northwind.lifecycle_stage) == ("company", "opportunity")
    assert numbers(ctx, "C-003")["+14155550199"][1] == "7"
    assert counts(ctx) == [3, 5, 3]  # the two spellings of Zhang's address are one


def test_bad_rows_are_reported_by_line_and_field_and_good_rows_imported(
    ctx: ServiceContext,
) -> None:
    report = csv_import.import_customers(ctx, BAD)
    assert report.errors == tuple(BAD_ROWS)
    assert (report.rows, report.created, report.rejected) == (12, 3, 9)
    assert customer(ctx, "B-007").name == "Quoted name, over two lines"
    assert customer(ctx, "B-010").company_name == 'Two, "Quoted" Ltd'
    assert counts(ctx)[0] == 3


def test_rerun_creates_nothing_and_an_edited_file_updates(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    csv_import.import_customers(ctx, GOOD)
    before = counts(ctx)
    again = csv_import.import_customers(ctx, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert counts(ctx) == before
    edited = tmp_path / "edited.csv"
    text = GOOD.read_bytes().decode("utf-8-sig")
    text = text.replace("GB,finance,", "GB,insurance,").replace(
        "900123;work:", "900123;home:+44 161 496 0000;work:"
    )
    edited.write_text(text, encoding="utf-8", newline="")
    report = csv_import.import_customers(ctx, edited)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert counts(ctx) == [before[0], before[1] + 1, before[2]]
    ann = customer(ctx, "C-001")
    assert (ann.industry, ann.version) == ("insurance", 2)
    assert numbers(ctx, "C-001")["+441614960000"][2] == PhoneKind.HOME


def test_only_administrators_import(ctx: ServiceContext) -> None:
    agent = ServiceContext(ctx.sessions, "GB", Actor(uuid.uuid4(), "ann", Role.AGENT))
    with pytest.raises(PermissionDeniedError):
        csv_import.import_customers(agent, GOOD)


@pytest.fixture
def cli(tmp_path: Path) -> list[str]:
    config = ["--config", str(tmp_path / "callcenter.toml")]
    assert main([*config, "db", "upgrade"]) == 0
    return config


def test_exit_status_and_json_report(
    cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([*cli, "import", "customers", str(GOOD)]) == 0
    assert "3 rows: 3 created" in capsys.readouterr().out
    assert main([*cli, "import", "customers", str(BAD), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["created"], report["rejected"]) == (3, 9)
    assert report["errors"][0] == {"line": 3, "field": "name", "message": "is required"}
    shutil.copy(BAD, tmp_path / "again.csv")
    assert main([*cli, "import", "customers", str(tmp_path / "again.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'again.csv'}:13: name: byte 0xE9 is not valid UTF-8" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("external_id,name\r\nX,Ann\r\n".encode("utf-16"), "UTF-16"),
        (b"external_id,n\xe4me\nX,Ann\n", "header on line 1 is not UTF-8"),
        (b"id,name\nX,Ann\n", "no external_id column"),
        (b"external_id,name,Name\n", "'name' appears more than once"),
        (b"", "empty"),
    ],
)
def test_unusable_files_exit_2(
    cli: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    capsys.readouterr()
    assert main([*cli, "import", "customers", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(cli: list[str], tmp_path: Path) -> None:
    assert main([*cli, "import", "customers", str(tmp_path / "nope.csv")]) == 2
