"""The sync conflicts dialog: an agent sees a conflict about her request and restores it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.platform.context import ServiceContext
from callcenter.work import service_requests as srs
from callcenter.work.service_requests import NewServiceRequest
from db.models import SyncConflict
from db.replication import codec
from tests.callcenter.conftest import People
from tests.ui.conftest import START
from tests.ui.work.test_dialogs import show, table_rows
from ui.work.conflicts_dialog import ConflictsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_restoring_the_replaced_value(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People, screenshot_dir: Path
) -> None:
    sr = srs.create_service_request(agent_ctx, NewServiceRequest("Router drops", "technical"))
    sr = srs.update_service_request(agent_ctx, sr.id, sr.version, subject="Router reboots")
    with agent_ctx.sessions.begin() as s:  # as a push from Bob's desk would have recorded it
        s.add(
            SyncConflict(
                table_name="service_requests",
                row_id=sr.id,
                field="subject",
                kept_value=codec.as_text("Router reboots"),
                lost_value=codec.as_text("Router drops at night"),
                kept_by=people.other_agent.user_id,
                lost_by=people.agent.user_id,
                detected_at=START,
                id=uuid.uuid4(),
            )
        )
    dialog = show(qtbot, ConflictsDialog(agent_ctx))
    assert isinstance(dialog, ConflictsDialog)
    (row,) = table_rows(dialog.model)
    assert row[:4] == [
        f"{sr.number} Router reboots",
        "subject",
        "Router reboots  (bob)",
        "Router drops at night  (ann)",
    ]
    dialog.grab().save(str(screenshot_dir / "sync-conflicts.png"))
    with qtbot.waitSignal(dialog.settled):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert srs.get_service_request(agent_ctx, sr.id).subject == "Router drops at night"
