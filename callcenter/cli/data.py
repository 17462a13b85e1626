"""``callcenter demo-data``, ``callcenter import customers`` and ``callcenter export customers``:
filling a store with customers and writing them out.

The parsers; what the commands do is in ``data_run``, imported when one runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from callcenter.cli.handler import Handler
from callcenter.cli.options import add_store_option
from callcenter.cli.words import _
from db.enums import LifecycleStage, ValueTier


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
    demo.set_defaults(func=Handler("callcenter.cli.data_run:run_demo_data"))

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
    customers.set_defaults(func=Handler("callcenter.cli.data_run:run_import_customers"))
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
    customers.set_defaults(func=Handler("callcenter.cli.data_run:run_export_customers"))


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
