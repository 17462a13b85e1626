"""Replication state for the status bar: the replicator reports from its thread, Qt queues it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from callcenter.sync.replicator import SyncStatus
from ui.common.formatting import local_time


class SyncBridge(QObject):
    """``publish`` is called on the replicator's thread; ``changed`` arrives on the GUI's."""

    changed = Signal(object)

    def publish(self, status: SyncStatus) -> None:
        self.changed.emit(status)


def sync_words(status: SyncStatus) -> tuple[str, str]:
    """(status bar text, tooltip) for a replication state."""
    waiting = f"{status.waiting} change{'s' if status.waiting != 1 else ''} waiting"
    last = (
        f"last sync {local_time(status.last_success_at, with_date=False)}"
        if status.last_success_at
        else "never synced"
    )
    if not status.initial_done and status.initial_total:
        text = f"First sync: {status.initial_rows:,} / {status.initial_total:,} rows"
    elif status.online:
        text = f"Shared database: online · {last}"
        if status.waiting:
            text += f" · {waiting}"
    else:
        text = f"Shared database: OFFLINE · {waiting} · {last}"
    extras = []
    if status.refused:
        extras.append(f"{status.refused} refused")
    if status.open_conflicts:
        extras.append(f"{status.open_conflicts} conflict{'s' if status.open_conflicts > 1 else ''}")
    if status.held_back:
        extras.append("changes held back")
    if extras:
        text += " · " + ", ".join(extras)
    tip = status.last_error or "Everything this desk saves is kept locally and sent when it can be."
    if status.held_back:
        tip += f"\n{status.held_back}"
    return text, tip
