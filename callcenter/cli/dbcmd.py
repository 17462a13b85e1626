"""``callcenter db``: create, migrate and inspect the stores."""

from __future__ import annotations

import argparse
from typing import Any

from callcenter.cli.common import load_config
from callcenter.cli.words import _
from callcenter.sync.stores import SHARED, upgrade_all


def register(commands: Any) -> None:
    parser = commands.add_parser("db", help=_("create or migrate the stores"))
    sub = parser.add_subparsers(dest="db_command", metavar=_("ACTION"), required=True)
    upgrade = sub.add_parser("upgrade", help=_("create or migrate the shared and local stores"))
    upgrade.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    config = load_config(args)
    revisions = upgrade_all(config)
    where = _("embedded SQLite") if config.embedded else "PostgreSQL"
    print(
        _("shared store ({where}) at revision {revision}").format(
            where=where, revision=revisions[SHARED]
        )
    )
    print(_("local store at revision {revision}").format(revision=revisions["local"]))
    return 0
