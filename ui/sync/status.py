"""Replication state for the status bar: the replicator reports from its thread, Qt queues it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from callcenter.sync.replicator import SyncStatus
from ui.common.formatting import local_time


class SyncBridge(QObject):
    """``publish`` is called on the replicator's thread; ``changed`` arrives on the GUI's."""

    changed = Signal(object)

    def publish(self, status: SyncStatus) -> None:
        self.changed.emit(status)


def sync_words(status: SyncStatus) -> tuple[str, str]:
    """(status bar text, tooltip) for a replication state."""
    waiting = (
        QCoreApplication.translate("SyncStatus", "1 change waiting")
        if status.waiting == 1
        else QCoreApplication.translate("SyncStatus", "{count} changes waiting").format(
            count=status.waiting
        )
    )
    last = (
        QCoreApplication.translate("SyncStatus", "last sync {time}").format(
            time=local_time(status.last_success_at, with_date=False)
        )
        if status.last_success_at
        else QCoreApplication.translate("SyncStatus", "never synced")
    )
    if not status.initial_done and status.initial_total:
        text = QCoreApplication.translate("SyncStatus", "First sync: {done} / {total} rows").format(
            done=f"{status.initial_rows:,}", total=f"{status.initial_total:,}"
        )
    elif status.online:
        text = QCoreApplication.translate("SyncStatus", "Shared database: online · {last}").format(
            last=last
        )
        if status.waiting:
            text += f" · {waiting}"
    else:
        text = QCoreApplication.translate(
            "SyncStatus", "Shared database: OFFLINE · {waiting} · {last}"
        ).format(waiting=waiting, last=last)
    extras = []
    if status.refused:
        extras.append(
            QCoreApplication.translate("SyncStatus", "{count} refused").format(count=status.refused)
        )
    if status.open_conflicts:
        extras.append(
            QCoreApplication.translate("SyncStatus", "1 conflict")
            if status.open_conflicts == 1
            else QCoreApplication.translate("SyncStatus", "{count} conflicts").format(
                count=status.open_conflicts
            )
        )
    if status.held_back:
        extras.append(QCoreApplication.translate("SyncStatus", "changes held back"))
    if extras:
        text += " · " + ", ".join(extras)
    tip = status.last_error or QCoreApplication.translate(
        "SyncStatus", "Everything this desk saves is kept locally and sent when it can be."
    )
    if status.held_back:
        tip += f"\n{status.held_back}"
    return text, tip
