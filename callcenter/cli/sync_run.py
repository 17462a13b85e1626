"""What ``callcenter sync now`` and ``sync status`` do (their parser is ``sync``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from callcenter.cli.common import load_config
from callcenter.cli.words import _
from callcenter.platform.jsonable import default
from callcenter.platform.secrets import SecretStore
from callcenter.sync.replicator import SyncStatus
from callcenter.sync.stores import local_status, sync_now


def console_progress(done: int, total: int | None) -> None:
    """The first sync's progress on the terminal (one line, rewritten)."""
    if total:
        end = "\n" if done >= total else ""
        words = _("first sync: {done:,} / {total:,} rows ({share}%)").format(
            done=done, total=total, share=done * 100 // total
        )
        print(f"\r{words}", end=end)
        sys.stdout.flush()


def run_now(args: argparse.Namespace) -> int:
    config = load_config(args)
    try:
        ok, status = sync_now(config, console_progress, SecretStore())
    except KeyboardInterrupt:
        print("\n" + _("stopped; the next sync carries on where this one was"))
        return 130
    print(_words(status))
    return 0 if ok else 1


def run_status(args: argparse.Namespace) -> int:
    status = local_status(load_config(args))
    if args.json:
        print(json.dumps(status, default=default, indent=2))
    else:
        print(_words(status))
    return 0


def _when(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else _("never")


def _words(status: SyncStatus) -> str:
    if status.last_attempt_at is None:
        reach = _("not contacted yet (run `callcenter sync now`)")
    else:
        reach = _("online") if status.online else _("offline")
    lines = [
        _("shared database: {state}").format(state=reach),
        _("changes waiting to be sent: {count}").format(count=status.waiting),
        _("last successful sync: {when}").format(when=_when(status.last_success_at)),
    ]
    if status.refused:
        lines.append(_("changes the shared database refused: {count}").format(count=status.refused))
    if status.open_conflicts:
        lines.append(_("conflicts to look at: {count}").format(count=status.open_conflicts))
    if not status.initial_done:
        total = f"{status.initial_total:,}" if status.initial_total else "?"
        lines.append(
            _("first sync: {done:,} / {total} rows").format(done=status.initial_rows, total=total)
        )
    if status.last_error:
        lines.append(_("last error: {error}").format(error=status.last_error))
    if status.held_back:
        lines.append(_("held back: {who}").format(who=status.held_back))
    return "\n".join(lines)
