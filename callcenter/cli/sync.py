"""``callcenter sync``: replicate now, or say how replication stands.

The parser; what the actions do is in ``sync_run``, imported when one runs.
"""

from __future__ import annotations

from typing import Any

from callcenter.cli.handler import Handler
from callcenter.cli.words import _


def register(commands: Any) -> None:
    parser = commands.add_parser("sync", help=_("replicate with the shared database"))
    sub = parser.add_subparsers(dest="sync_command", metavar=_("ACTION"), required=True)
    now = sub.add_parser(
        "now",
        help=_("push this desk's changes and pull the shared store's, now"),
        description=_(
            "Push the outbox, then pull. The first pull of an empty desk shows "
            "progress; Ctrl+C stops it and the next sync carries on from there."
        ),
    )
    now.set_defaults(func=Handler("callcenter.cli.sync_run:run_now"))
    status = sub.add_parser("status", help=_("online or not, changes waiting, last sync"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    status.set_defaults(func=Handler("callcenter.cli.sync_run:run_status"))
