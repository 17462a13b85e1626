"""After a whole session no password is left anywhere on disk: config, stores, event log."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from callcenter.platform.config import load
from callcenter.platform.secrets import SecretStore
from callcenter.sync.stores import LOCAL, open_context
from callcenter.work.interactions import NewInteraction, log_interaction
from db.enums import Channel, Direction
from db.models import AuditEntry
from tests.callcenter.conftest import seed_people
from tests.helpers.keyring_memory import MemoryKeyring, installed
from tests.ui.platform.test_settings_dialog import (
    DB_PASSWORD,
    INPUTS,
    OUTPUTS,
    SIP_PASSWORD,
    fill,
    save,
)
from ui.app import build
from ui.platform.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_full_session_leaves_no_password_behind(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "callcenter.toml"
    path.write_text('agent_username = "ann"\nevent_log = "events.jsonl"\n', encoding="utf-8")
    config = load(path)
    seeding = open_context(config, LOCAL)
    seed_people(seeding)
    seeding.dispose()
    memory = MemoryKeyring()
    with installed(memory):
        app = build(config, "ann", secrets=SecretStore())
        qtbot.addWidget(app.window)
        app.window.show()
        dialog = SettingsDialog(
            path, app.window.account.secrets, audio_devices=OUTPUTS, input_devices=INPUTS
        )
        qtbot.addWidget(dialog)
        dialog.show()
        fill(dialog)
        save(qtbot, dialog)
        assert set(memory.passwords.values()) == {SIP_PASSWORD, DB_PASSWORD}
        now = dt.datetime.now(dt.UTC)
        log_interaction(
            app.desk.ctx,
            NewInteraction(Channel.PHONE, Direction.INBOUND, now, now, now, notes="Invoice query"),
        )
        app.desk.state.set_ready()
        qtbot.waitUntil(lambda: "online" in app.window.sync_label.text(), timeout=10_000)
        app.window.account.sign_out(forget=True)
        assert memory.passwords == {}
        with app.desk.ctx.sessions() as s:
            trail = [
                (e.action, e.entity) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.at))
            ]
        assert trail[0] == ("sign_in", "agent")
        assert trail.count(("state", "agent")) >= 3  # signed in (not ready), ready, offline
        app.close()
    scanned = 0
    for file in tmp_path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            scanned += 1
            for secret in (SIP_PASSWORD, DB_PASSWORD):
                for encoded in (secret.encode(), secret.encode("utf-16-le")):
                    assert encoded not in data, f"{secret!r} found in {file}"
    assert scanned >= 4  # config, local store, shared store, event log (and their journals)
    assert SIP_PASSWORD not in caplog.text and DB_PASSWORD not in caplog.text
