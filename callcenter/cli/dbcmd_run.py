"""What ``callcenter db upgrade`` does (its parser is ``dbcmd``)."""

from __future__ import annotations

import argparse

from callcenter.cli.common import load_config
from callcenter.cli.words import _
from callcenter.sync.stores import SHARED, upgrade_all


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
