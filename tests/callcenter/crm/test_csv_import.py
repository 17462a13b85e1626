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
BAD = DATA / "customers_bad.csv"  # LF, no BOM, one broken row of each kind, a NUL, an open quote

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
    RowError(16, "name", "holds a NUL byte (0x00), which is not text"),
    RowError(
        17,
        "name",
        "the quote opened on line 17 is never closed: lines 17 to 18 (the end of the file) were "
        "read as one field and not imported",
    ),
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
    assert (report.rows, report.created, report.rejected) == (14, 3, 11)
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
    assert (report["created"], report["rejected"]) == (3, 11)
    assert report["errors"][0] == {"line": 3, "field": "name", "message": "is required"}
    shutil.copy(BAD, tmp_path / "again.csv")
    assert main([*cli, "import", "customers", str(tmp_path / "again.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'again.csv'}:13: name: byte 0xE9 is not valid UTF-8" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("external_id,name\r\nX,Ann\r\n".encode("utf-16"), "UTF-16"),
        ("external_id,name\nX,Ann\n".encode("utf-16-le"), "UTF-16 or binary"),
        ("external_id,name\nX,Ann\n".encode("utf-16-be"), "UTF-16 or binary"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "UTF-16 or binary"),
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


def csv_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    return path


def test_a_nul_byte_rejects_its_row_only(ctx: ServiceContext, tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"external_id,name\nN-1,Ann\nN-2,B\x00b\nN-3,Cy\n")
    report = csv_import.import_customers(ctx, path)
    assert report.errors == (RowError(3, "name", "holds a NUL byte (0x00), which is not text"),)
    assert (report.rows, report.created, report.rejected) == (3, 2, 1)
    assert customer(ctx, "N-3").name == "Cy"


def test_cr_only_line_ends_are_read_as_lines(ctx: ServiceContext, tmp_path: Path) -> None:
    content = b'external_id,name,kind,notes\rM-1,Ann,,"first\rsecond"\rM-2,Bob,robot,\rM-3,Cy,,\r'
    report = csv_import.import_customers(ctx, csv_file(tmp_path, content))
    assert report.errors == (RowError(4, "kind", "'robot' is not one of person, company"),)
    assert (report.rows, report.created) == (3, 2)
    assert customer(ctx, "M-1").notes == "first\rsecond"
    assert customer(ctx, "M-3").name == "Cy"


LOST = b"Q-003,Lost One,\nQ-004,Lost Two,"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'Q-002,"Unclosed,\n' + LOST + b"\n",
            "the quote opened on line 3 is never closed: lines 3 to 5 (the end of the file) "
            "were read as one field and not imported",
        ),
        (
            b'Q-002,"Unclosed,\n' + LOST + b'"Quoted, Ltd"\nQ-005,After,\n',
            "the quote opened on line 3 is not closed where its field ends: lines 3 to 5 were "
            "read as one field and not imported",
        ),
        (
            b'Q-002,"Unclosed,\n' + LOST + b'Size 5",Acme\nQ-005,After,\n',
            "the quote opened on line 3 is not closed where its field ends: lines 3 to 5 were "
            "read as one field and not imported",
        ),
        (
            b'Q-002,"Unclosed,\nQ-003,"Lost One",\nQ-005,After,\n',
            "the quote opened on line 3 is not closed where its field ends: lines 3 to 4 were "
            "read as one field and not imported",
        ),
    ],
    ids=["to-the-end", "closed-by-a-later-quote", "closed-well-formed", "closed-on-the-next-line"],
)
def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed(
    ctx: ServiceContext, tmp_path: Path, content: bytes, message: str
) -> None:
    path = csv_file(tmp_path, b"external_id,name,company\nQ-001,Good,\n" + content)
    report = csv_import.import_customers(ctx, path)
    assert report.errors == (RowError(3, "name", message),)
    assert report.rejected == 1
    with ctx.sessions() as s:
        ids = set(s.scalars(select(Customer.external_id)))
    assert ids <= {"Q-001", "Q-005"} and "Q-001" in ids


def test_a_quote_open_past_the_field_limit_names_its_lines(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    filler = b"".join(b"F-%04d,%s\n" % (i, b"x" * 90) for i in range(1500))
    content = b'external_id,name\nF-open,"never closed\n' + filler + b"T-1," + b"y" * 140_000
    report = csv_import.import_customers(ctx, csv_file(tmp_path, content + b"\nT-2,Last\n"))
    swallowed, too_long = report.errors
    assert swallowed.line == 2
    assert swallowed.message.startswith("the quote opened on line 2 is not closed: lines 2 to ")
    assert swallowed.message.endswith("until it passed 131,072 characters, and not imported")
    assert too_long == RowError(1503, "row", "has a field longer than 131,072 characters")
    assert customer(ctx, "T-2").name == "Last"


def test_subdivision_codes_read_numbers_in_their_country(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    content = (
        b"external_id,name,phones,region\n"
        b"S-1,Wang,010 6552 9988,cn-bj\n"
        b"S-2,Ann,(415) 555-0100,US-CA\n"
        b"S-3,Lee,020 7946 0958,GB-LND\n"
        b"S-4,Bo,(415) 555-0100,ZZ-AB\n"
    )
    report = csv_import.import_customers(ctx, csv_file(tmp_path, content))
    assert report.created == 4
    assert [customer(ctx, f"S-{i}").region for i in range(1, 5)] == [
        "CN-BJ",
        "US-CA",
        "GB-LND",
        "ZZ-AB",  # names no country: stored as written, numbers read in the default region
    ]
    assert list(numbers(ctx, "S-1")) == ["+861065529988"]
    assert list(numbers(ctx, "S-2")) == ["+14155550100"]
    assert list(numbers(ctx, "S-3")) == ["+442079460958"]
    assert list(numbers(ctx, "S-4")) == ["+444155550100"]


def test_values_a_spreadsheet_would_run_are_imported_as_written(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    content = b'external_id,name,company,phones\nH-1,=1+1,"@SUM(A1)",+44 20 7946 0958\n'
    csv_import.import_customers(ctx, csv_file(tmp_path, content))
    hostile = customer(ctx, "H-1")
    assert (hostile.name, hostile.company_name) == ("=1+1", "@SUM(A1)")
    assert numbers(ctx, "H-1")["+442079460958"][0] == "+44 20 7946 0958"
