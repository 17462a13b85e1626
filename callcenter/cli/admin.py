"""``callcenter admin``: create people, change their role, disable them (see docs/roles.md)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from callcenter.cli.common import load_config, open_ready_store
from callcenter.cli.words import _, n_
from callcenter.platform.errors import ValidationError
from callcenter.sync.stores import SHARED
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
    create.set_defaults(func=run_create_user)
    change = sub.add_parser("set-role", help=_("move a person to another role"))
    change.add_argument("name", metavar="NAME")
    change.add_argument("--role", choices=ROLES, required=True)
    change.set_defaults(func=run_set_role)
    disable = sub.add_parser(
        "disable-user", help=_("stop a person signing in and end their open sessions")
    )
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(func=run_disable_user)


def read_password(from_stdin: bool) -> str:
    """One line from standard input, or asked twice on the terminal (the two must match)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(_("Password for the new user: "))
    if getpass.getpass(_("Same password again: ")) != first:
        raise ValidationError("password", _("the two passwords differ"))
    return first


def run_create_user(args: argparse.Namespace) -> int:
    from callcenter.platform import admin

    admin.validate_name(args.name)  # before asking for a password it could not use
    engine = open_ready_store(load_config(args), SHARED)
    try:
        password = None
        if engine.dialect.name == "postgresql":
            password = read_password(args.password_stdin)
        account = admin.create_user(engine, args.name, args.role, password, args.display_name)
    finally:
        engine.dispose()
    print(_("created {name} ({role})").format(name=account.username, role=account.role.value))
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from callcenter.platform import admin

    engine = open_ready_store(load_config(args), SHARED)
    try:
        account = admin.set_role(engine, args.name, args.role)
    finally:
        engine.dispose()
    print(_("{name} is now {role}").format(name=account.username, role=account.role.value))
    return 0


def run_disable_user(args: argparse.Namespace) -> int:
    from callcenter.platform import admin

    engine = open_ready_store(load_config(args), SHARED)
    try:
        result = admin.disable_user(engine, args.name)
    finally:
        engine.dispose()
    print(
        n_(
            "disabled {name}; ended {count} open session",
            "disabled {name}; ended {count} open sessions",
            result.sessions_ended,
        ).format(name=result.account.username, count=result.sessions_ended)
    )
    if result.warning:
        print(_("callcenter: warning: {warning}").format(warning=result.warning), file=sys.stderr)
    return 0
