"""What ``callcenter admin``'s actions do (their parser is ``admin``)."""

from __future__ import annotations

import argparse
import getpass
import sys

from callcenter.cli.common import load_config, open_ready_store
from callcenter.cli.words import _, n_
from callcenter.platform.errors import ValidationError
from callcenter.sync.stores import SHARED


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
