"""``callcenter db``: create, migrate and inspect the stores (the parser; ``dbcmd_run`` does it)."""

from __future__ import annotations

from typing import Any

from callcenter.cli.handler import Handler
from callcenter.cli.words import _


def register(commands: Any) -> None:
    parser = commands.add_parser("db", help=_("create or migrate the stores"))
    sub = parser.add_subparsers(dest="db_command", metavar=_("ACTION"), required=True)
    upgrade = sub.add_parser("upgrade", help=_("create or migrate the shared and local stores"))
    upgrade.set_defaults(func=Handler("callcenter.cli.dbcmd_run:run_upgrade"))
