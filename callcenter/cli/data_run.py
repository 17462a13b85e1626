"""What ``callcenter demo-data``, ``import customers`` and ``export customers`` do (their
parsers are ``data``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from callcenter.cli.common import context, load_config, open_ready_store, print_json
from callcenter.cli.words import _

if TYPE_CHECKING:
    from callcenter.crm.csv_import import ImportReport

EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
BAR_WIDTH = 30


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
