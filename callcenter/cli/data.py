"""``callcenter demo-data``, ``callcenter import customers`` and ``callcenter export customers``:
filling a store with customers and writing them out."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from callcenter.cli.common import (
    add_store_option,
    context,
    load_config,
    open_ready_store,
    print_json,
)
from callcenter.cli.words import _
from db.enums import LifecycleStage, ValueTier

if TYPE_CHECKING:
    from callcenter.crm.csv_import import ImportReport

EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
BAR_WIDTH = 30


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo-data",
        help=_("add realistic demo customers, staff and history"),
        description=_(
            "Add the data dictionary, staff, queues and products that are missing, "
            "then N demo customers with numbers, orders, service requests and calls. "
            "The same seed gives the same data; running again appends new customers."
        ),
    )
    demo.add_argument(
        "--customers",
        type=_count,
        required=True,
        metavar="N",
        help=_("how many customers to add"),
    )
    demo.add_argument("--seed", type=int, default=1, help=_("random seed (default: 1)"))
    add_store_option(demo)
    demo.set_defaults(func=run_demo_data)

    importing = commands.add_parser("import", help=_("import records from files"))
    kinds = importing.add_subparsers(dest="import_kind", metavar=_("WHAT"), required=True)
    customers = kinds.add_parser(
        "customers",
        help=_("import customers from a CSV file (see docs/csv-import.md)"),
        description=_(
            "Import customers from a UTF-8 CSV file, matched on external_id. "
            "Exit status: 0 all rows imported, 1 some rows rejected, 2 the file is unusable."
        ),
    )
    customers.add_argument("file", metavar="FILE.csv", help=_("the CSV file (docs/csv-import.md)"))
    customers.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    add_store_option(customers)
    customers.set_defaults(func=run_import_customers)
    _register_export(commands)


def _register_export(commands: Any) -> None:
    exporting = commands.add_parser("export", help=_("export records to files"))
    kinds = exporting.add_subparsers(dest="export_kind", metavar=_("WHAT"), required=True)
    customers = kinds.add_parser(
        "customers",
        help=_("export customers to a CSV file that imports back (see docs/csv-import.md)"),
        description=_(
            "Write the customers to a UTF-8 CSV file with the import's columns, one row per "
            "customer; the filters narrow the export. Exit status: 0 written, 2 the file "
            "cannot be written."
        ),
    )
    customers.add_argument("file", metavar="FILE.csv", help=_("the CSV file to write"))
    customers.add_argument("--region", help=_("a region; a country takes its subdivisions"))
    customers.add_argument(
        "--value-tier", type=ValueTier, choices=list(ValueTier), help=_("one value tier")
    )
    customers.add_argument(
        "--lifecycle-stage",
        type=LifecycleStage,
        choices=list(LifecycleStage),
        help=_("one lifecycle stage"),
    )
    customers.add_argument("--industry", help=_("one industry (any case)"))
    customers.add_argument(
        "--updated-since",
        type=_moment,
        metavar=_("WHEN"),
        help=_("changed since this date or time (ISO 8601; local time unless it says)"),
    )
    add_store_option(customers)
    customers.set_defaults(func=run_export_customers)


def _moment(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not an ISO 8601 date or time")) from None
    return value if value.tzinfo else value.astimezone()


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be zero or more"))
    return value


def progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = round(BAR_WIDTH * share)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        sys.stderr.write(f"\r{label} [{bar}] {share:4.0%}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run_demo_data(args: argparse.Namespace) -> int:
    from callcenter.demo import data as demo_data

    config = load_config(args)
    engine = open_ready_store(config, args.store)
    try:
        summary = demo_data.generate(
            context(config, engine),
            args.customers,
            seed=args.seed,
            progress=progress_bar(_("demo customers")),
        )
    finally:
        engine.dispose()
    for table, count in summary.rows.items():
        print(f"{table:20} {count:>10}")
    if summary.first_external_id:
        print(f"customers {summary.first_external_id} .. {summary.last_external_id}")
    print(_("{seconds:.1f} s").format(seconds=summary.seconds))
    return 0


def run_import_customers(args: argparse.Namespace) -> int:
    from callcenter.crm import csv_import

    config = load_config(args)
    engine = open_ready_store(config, args.store)
    try:
        report = csv_import.import_customers(
            context(config, engine), args.file, progress=progress_bar(_("importing"))
        )
    except csv_import.CsvFileError as exc:
        print(_("callcenter: {error}").format(error=exc), file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        engine.dispose()
    if args.json:
        print_json(report)
    else:
        _print_report(report)
    return EXIT_REJECTED if report.rejected else 0


def run_export_customers(args: argparse.Namespace) -> int:
    from callcenter.crm import customer_export

    filters = customer_export.ExportFilters(
        region=args.region,
        value_tier=args.value_tier,
        lifecycle_stage=args.lifecycle_stage,
        industry=args.industry,
        updated_since=args.updated_since,
    )
    config = load_config(args)
    engine = open_ready_store(config, args.store)
    try:
        written = customer_export.export_customers(
            context(config, engine),
            args.file,
            filters=filters,
            progress=progress_bar(_("exporting")),
        )
    except customer_export.ExportFileError as exc:
        print(_("callcenter: {error}").format(error=exc), file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        engine.dispose()
    print(_("{count} customers written to {file}").format(count=written, file=args.file))
    return 0


def _print_report(report: ImportReport) -> None:
    for warning in report.warnings:
        print(
            _("{file}: warning: {warning}").format(file=report.file, warning=warning),
            file=sys.stderr,
        )
    for error in report.errors:
        print(f"{report.file}:{error.line}: {error.field}: {error.message}", file=sys.stderr)
    print(
        _(
            "{rows} rows: {created} created, {updated} updated, {unchanged} unchanged, "
            "{rejected} rejected"
        ).format(
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=report.rejected,
        )
    )
