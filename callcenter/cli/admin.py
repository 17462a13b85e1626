"""``callcenter admin``: create people, change their role, disable them (see docs/roles.md).

The parser; what the actions do is in ``admin_run``, imported when one runs.
"""

from __future__ import annotations

from typing import Any

from callcenter.cli.handler import Handler
from callcenter.cli.words import _
from db.enums import Role

ROLES = [r.value for r in Role]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "admin",
        help=_("manage the people who use the desk and their roles"),
        description=_(
            "People on the shared store. On PostgreSQL each person is a database "
            "role of their own (run these as the schema owner, a role with CREATEROLE)."
        ),
    )
    sub = parser.add_subparsers(dest="admin_command", metavar=_("ACTION"), required=True)
    create = sub.add_parser(
        "create-user",
        help=_("create a person: their database role and their users row"),
        description=_(
            "Create NAME (lower case: a-z, 0-9, _) in a role. The password is asked "
            "for twice, or read as one line from standard input with --password-stdin; it is "
            "never an argument (arguments show in the process list and shell history)."
        ),
    )
    create.add_argument("name", metavar="NAME")
    create.add_argument("--role", choices=ROLES, required=True)
    create.add_argument("--display-name", metavar="TEXT", help=_("the name people see"))
    create.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from standard input")
    )
    create.set_defaults(func=Handler("callcenter.cli.admin_run:run_create_user"))
    change = sub.add_parser("set-role", help=_("move a person to another role"))
    change.add_argument("name", metavar="NAME")
    change.add_argument("--role", choices=ROLES, required=True)
    change.set_defaults(func=Handler("callcenter.cli.admin_run:run_set_role"))
    disable = sub.add_parser(
        "disable-user", help=_("stop a person signing in and end their open sessions")
    )
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(func=Handler("callcenter.cli.admin_run:run_disable_user"))
