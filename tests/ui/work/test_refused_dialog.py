"""The refused changes dialog: an agent sees what the shared database refused and why, sends
one again and discards another."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.platform.context import ServiceContext
from callcenter.work import service_requests as srs
from callcenter.work.service_requests import NewServiceRequest
from db.models import OutboxEntry
from db.replication import codec
from tests.ui.conftest import START
from tests.ui.work.test_dialogs import show, table_rows
from ui.work.refused_dialog import RefusedDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

REASON = "only a supervisor can reassign service_requests 5f1c…"


def _refused(ctx: ServiceContext, row_id: uuid.UUID, changes: dict[str, object]) -> uuid.UUID:
    """A refused transaction in the outbox, as the push marks one."""
    txn = uuid.uuid4()
    with ctx.sessions.begin() as s:
        s.add(
            OutboxEntry(
                entry_id=uuid.uuid4(),
                txn=txn,
                table_name="service_requests",
                row_id=row_id,
                op="update",
                base_version=1,
                changes=codec.dumps(changes),
                base=codec.dumps({}),
                actor_id=ctx.actor_id,
                created_at=START,
                refused=REASON,
                refused_at=START,
            )
        )
    return txn


def test_retry_and_discard(
    qtbot: QtBot,
    agent_ctx: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
    screenshot_dir: Path,
) -> None:
    sr = srs.create_service_request(agent_ctx, NewServiceRequest("Router drops", "technical"))
    kept = _refused(agent_ctx, sr.id, {"assignee_id": uuid.uuid4(), "updated_at": START})
    _refused(agent_ctx, sr.id, {"priority": "urgent"})
    dialog = show(qtbot, RefusedDialog(agent_ctx))
    assert isinstance(dialog, RefusedDialog)
    rows = table_rows(dialog.model)
    assert [r[1] for r in rows] == [
        f"{sr.number} Router drops: assignee id",
        f"{sr.number} Router drops: priority",
    ]
    assert all(r[2] == REASON for r in rows)
    dialog.grab().save(str(screenshot_dir / "refused-changes.png"))

    dialog.table.selectRow(0)
    assert dialog.selected() is not None
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    with agent_ctx.sessions() as s:
        again = s.query(OutboxEntry).filter(OutboxEntry.txn == kept).one()
        assert again.refused is None and again.refused_at is None

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1, "discarded without the agent's yes"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert dialog.empty.isVisibleTo(dialog)
    assert not dialog.retry_button.isEnabled()
