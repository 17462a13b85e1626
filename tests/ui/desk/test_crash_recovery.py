"""Notes typed in the real desktop survive SIGKILL and come back when it starts again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from pytestqt.qtbot import QtBot

from callcenter.desk.agent_state import AgentState
from callcenter.platform.config import from_table
from callcenter.sync.stores import LOCAL, open_context
from db.enums import Direction
from tests.callcenter.conftest import seed_people
from ui.app import build

ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    from callcenter.work import drafts
    from callcenter.platform.config import load
    from telephony.events import CallDirection, CallState, CallStateChanged
    from tests.callcenter.conftest import incoming_call
    from ui.app import build

    app = QApplication(sys.argv)
    running = build(load(sys.argv[1]), "ann")
    window, desk = running.window, running.desk
    window.show()
    desk.state.set_ready()
    desk.handle(incoming_call("c-crash", "07700 900123", e164="+447700900123"))
    desk.handle(CallStateChanged("c-crash", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    window.log_panel.notes.setPlainText("Router reboots nightly; 客户很着急")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and drafts.load_draft(desk.ctx, "c-crash") is None:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    print("typed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_notes_survive_sigkill_and_reopen(qtbot: QtBot, tmp_path: Path) -> None:
    config_path = tmp_path / "callcenter.toml"
    config_path.write_text('agent_username = "ann"\n', encoding="utf-8")
    config = from_table({"agent_username": "ann"}, config_path)
    ctx = open_context(config, LOCAL)
    seed_people(ctx)
    ctx.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(config_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert "typed" in result.stdout

    running = build(config, "ann")
    qtbot.addWidget(running.window)
    try:
        window, desk = running.window, running.desk
        assert window.calls.current == "c-crash"
        assert window.log_panel.isEnabled()
        assert window.log_panel.notes.toPlainText() == "Router reboots nightly; 客户很着急"
        session = desk.calls["c-crash"]
        assert session.direction == Direction.INBOUND
        assert session.answered_at is not None
        window.log_panel.disposition.setCurrentIndex(
            window.log_panel.disposition.findData("resolved")
        )
        window.log_panel.save.click()
        assert window.calls.current is None
        assert desk.unlogged_calls() == []
        assert desk.state.status.state == AgentState.NOT_READY
    finally:
        running.close()
