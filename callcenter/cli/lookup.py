"""``callcenter lookup`` and ``callcenter search``: the screen pop and search box as commands.

The parsers; what the commands do is in ``lookup_run``, imported when one runs.
"""

from __future__ import annotations

from typing import Any

from callcenter.cli.handler import Handler
from callcenter.cli.options import add_store_option
from callcenter.cli.words import _


def register(commands: Any) -> None:
    lookup = commands.add_parser(
        "lookup",
        help=_("find the customers behind a phone number (the screen-pop lookup)"),
        description=_(
            "Normalise NUMBER (any format, tel:/sip: URIs too) and list every "
            "customer or contact that has it. Exit status 1 when nothing matches."
        ),
    )
    lookup.add_argument("number", metavar="NUMBER")
    lookup.add_argument("--region", metavar="CC", help=_("region for national numbers, e.g. GB"))
    lookup.add_argument("--json", action="store_true", help=_("print the matches as JSON"))
    add_store_option(lookup)
    lookup.set_defaults(func=Handler("callcenter.cli.lookup_run:run_lookup"))

    find = commands.add_parser(
        "search",
        help=_("search customers by name, phone, e-mail or SR number"),
        description=_("Rank customers and service requests matching TEXT, as the search box does."),
    )
    find.add_argument("text", metavar="TEXT")
    # No default here: the search service's own (DEFAULT_LIMIT) applies when it runs.
    find.add_argument("--limit", type=int, help=_("most hits to show"))
    find.add_argument("--json", action="store_true", help=_("print the hits as JSON"))
    add_store_option(find)
    find.set_defaults(func=Handler("callcenter.cli.lookup_run:run_search"))
