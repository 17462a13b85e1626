"""Options several sub-commands share, declared without loading what the commands use."""

from __future__ import annotations

import argparse

from callcenter.cli.words import _

#: The stores' names (``callcenter.sync.stores.SHARED`` and ``LOCAL``), written out so that
#: declaring the option does not import the replicator; a test keeps the two the same.
STORES = ("shared", "local")


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        choices=STORES,
        default=STORES[0],
        help=_("which store to use (default: shared)"),
    )
