"""The ``callcenter`` command: one sub-command module per area, registered below.

Each area's module only declares its parser; its handlers live in a ``*_run`` module that is
imported when one of its commands runs (``handler.Handler``), so building the parser, for
``--help`` or any command, loads no database, Qt or replication code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

from callcenter.cli import admin as admin
from callcenter.cli import data as data
from callcenter.cli import dbcmd as dbcmd
from callcenter.cli import lookup as lookup
from callcenter.cli import sync as sync
from callcenter.cli import words
from callcenter.cli.words import _
from callcenter.platform.errors import ServiceError

COMMAND_MODULES = (dbcmd, data, lookup, sync, admin)


#: Packages above the core (the desktop in ``ui/``) add their commands through this
#: entry-point group, so ``callcenter`` never imports them and the layers stay one-way.
PLUGIN_GROUP = "callcenter.commands"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcenter",
        description=_("Call-center agent desktop and its administration commands."),
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help=_("configuration file (default: $CALLCENTER_CONFIG or the user config folder)"),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log more detail"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in COMMAND_MODULES:
        module.register(commands)
    for entry in entry_points(group=PLUGIN_GROUP):
        entry.load().register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except ServiceError as exc:
        print(_("callcenter: {error}").format(error=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("callcenter: interrupted"), file=sys.stderr)
        return 130
