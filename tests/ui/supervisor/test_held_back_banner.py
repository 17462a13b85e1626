"""The supervisor window says whose open transaction keeps changes from the desks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from callcenter.platform.context import Actor, ServiceContext
from db.enums import Role
from tests.roles.conftest import Person, cluster, people  # noqa: F401 - the fixtures
from ui.supervisor.window import SupervisorWindow

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def test_the_banner_names_the_holder_and_goes_when_it_ends(
    qtbot: QtBot,
    people: dict[str, Person],  # noqa: F811 - the imported fixture
    screenshot_dir: Path,
) -> None:
    sue, ann = people["sue"], people["ann"]
    watch = ServiceContext.for_engine(sue.engine, "GB", Actor(sue.id, sue.name, Role.SUPERVISOR))
    with ann.engine.connect() as held:
        pid = held.execute(text("SELECT pg_backend_pid()")).scalar_one()
        held.execute(text("SELECT pg_current_xact_id()"))
        window = SupervisorWindow(watch, watch)
        qtbot.addWidget(window)
        window.held_back_s = 0.5
        window.show()
        time.sleep(0.6)
        window.refresh()
        qtbot.waitUntil(window.held_back.isVisible, timeout=10_000)
        words = window.held_back.text()
        assert f"Ann's transaction (server process {pid}) has been open for 00:0" in words, words
        assert "reaches no desk until it ends" in words
        window.grab().save(str(screenshot_dir / "supervisor-held-back.png"))
        held.rollback()
    qtbot.waitUntil(lambda: not window.held_back.isVisible(), timeout=10_000)
