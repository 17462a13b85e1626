"""Switching the interface's language mid-call (Settings ▸ Desk ▸ Language): every word on
screen changes, the call, the notes being typed and the record shown stay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.platform import config_writer
from telephony.events import CallDirection, CallState, CallStateChanged
from tests.callcenter.conftest import incoming_call
from tests.helpers.keyring_memory import MemoryKeyring, installed
from tests.ui.chinese_desk import chinese_desk
from tests.ui.untranslated import untranslated
from ui.app import Running
from ui.platform.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def english_desk(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Running]:
    # Closing mid-call asks whether to leave the log unsaved: yes, at the end of the test.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with chinese_desk(qtbot, tmp_path, "en") as app:
        yield app


def _on_a_call(app: Running, qtbot: QtBot) -> None:
    w, desk = app.window, app.desk
    desk.state.set_ready()
    with qtbot.waitSignal(w.calls.pop_painted):
        desk.handle(incoming_call("c1", "13800138000", e164="+8613800138000"))
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    w.log_panel.notes.setPlainText("客户要求退款 / refund asked")
    w.log_panel.disposition.setCurrentIndex(1)


def test_the_call_goes_on_in_the_other_language(english_desk: Running, qtbot: QtBot) -> None:
    app, w = english_desk, english_desk.window
    _on_a_call(app, qtbot)
    outcome = w.log_panel.disposition.currentData()
    assert w.call_panel.buttons["hangup"].text() == "&Hang up"
    assert w.menuBar().actions()[0].text() == "&Call"

    w.apply_language("zh_CN", "CN")

    assert w.calls.current == "c1" and "c1" in app.desk.calls
    session = app.desk.calls["c1"]
    assert session.answered_at is not None and not session.ended
    assert w.log_panel.notes.toPlainText() == "客户要求退款 / refund asked"
    assert w.log_panel.disposition.currentData() == outcome
    assert w.log_panel.disposition.currentText() in ("已解决", "投诉")
    record = w.pages.record_view.record
    assert record is not None and record.profile.name == "张伟"
    assert w.call_panel.buttons["hangup"].text() == "挂断(&H)"
    assert w.call_panel.caller.text() == "张伟"
    assert w.menuBar().actions()[0].text() == "通话(&C)"
    assert w.state.label.text() == "座席：通话中"
    assert w.pages.record_view.tabs.tabText(2).startswith("历史")
    history = w.pages.record_view.interactions
    assert history.horizontalHeaderItem(0).text() == "时间"
    assert untranslated(w) == []

    w.apply_language("en", "CN")
    assert w.call_panel.buttons["hangup"].text() == "&Hang up"
    assert w.menuBar().actions()[0].text() == "&Call"
    assert w.state.label.text() == "Agent: On call"
    assert w.log_panel.notes.toPlainText() == "客户要求退款 / refund asked"
    assert w.calls.current == "c1"


def test_settings_switch_the_language_when_saved(
    english_desk: Running, qtbot: QtBot, tmp_path: Path
) -> None:
    app, w = english_desk, english_desk.window
    _on_a_call(app, qtbot)
    path = tmp_path / "callcenter.toml"
    with installed(MemoryKeyring()):
        dialog = SettingsDialog(path, w.account.secrets)
        qtbot.addWidget(dialog)
        dialog.saved.connect(w.account._settings_saved)
        assert dialog.language.currentData() == "en"
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        with qtbot.waitSignal(w.language_changed):
            dialog.save_button.click()
    assert config_writer.read_table(path)["language"] == "zh_CN"
    assert w.windowTitle().startswith("呼叫中心")
    assert w.calls.current == "c1"
    assert w.log_panel.notes.toPlainText() == "客户要求退款 / refund asked"
