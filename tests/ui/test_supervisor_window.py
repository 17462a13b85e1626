"""The supervisor window on a scripted day: live boards, colours, CSV export, a dead link."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from callcenter.context import ServiceContext
from db.store import open_engine
from tests.callcenter.conftest import People
from tests.callcenter.test_supervision import NOW, day  # noqa: F401 - the scripted day fixture
from tests.ui.test_dialogs import table_rows
from ui.supervisor_window import BELOW_TARGET, SupervisorWindow, export_csv

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def watching(ctx: ServiceContext, people: People) -> ServiceContext:
    return ServiceContext(ctx.sessions, "GB", people.supervisor, lambda: NOW)


def test_boards_show_the_day_and_export(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811 - the imported fixture
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    window = SupervisorWindow(watching(ctx, day))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    queues = {row[0]: row for row in table_rows(window.queues)}
    assert queues["Support"][1:10] == [
        "4",
        "3",
        "1",
        "25 %",
        "80/20",
        "00:20",
        "05:40",
        "00:35",
        "1",
    ]
    assert queues["All queues"][4] == "40 %"
    support = next(
        r for r in range(window.queues.rowCount()) if window.queues.record(r).name == "Support"
    )
    colour = window.queues.data(window.queues.index(support, 4), Qt.ItemDataRole.ForegroundRole)
    assert colour.color() == QColor(BELOW_TARGET)
    agents = {row[0]: row for row in table_rows(window.agents)}
    assert agents["Ann"][1:4] == ["Ringing", "", "00:30"]
    assert agents["Bob"][4:9] == ["Wang Fang", "Sales", "02:00", "2", "06:00"]
    assert agents["Sue"][1] == "Offline"
    window.grab().save(str(screenshot_dir / "supervisor.png"))
    target = tmp_path / "queues.csv"
    export_csv(window.queues, target)
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["Queue", "Offered", "Answered", "Abandoned", "Service level"]
    assert rows[-1][:5] == ["All queues", "5", "4", "1", "40 %"]
    window.close()


def test_a_shared_database_that_does_not_answer_is_said_plainly(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    dead = open_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", timeout_s=1)
    window = SupervisorWindow(ServiceContext.for_engine(dead, "GB", day.supervisor))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "not answering" in window.status.text(), timeout=10_000)
    assert "refused" in window.status.toolTip().lower() or window.status.toolTip()
    window.close()
    dead.dispose()
