"""Admin ▸ People through its widgets, on a SQLite shared store: a new person, a role change,
a disabled person shown inactive, a queue ticked, a refusal on its field, and a shared store
out of reach said in a sentence."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from callcenter.administration.people import account, members_of
from callcenter.platform.context import Actor, ServiceContext
from db import migrate
from db.enums import Role
from db.models import Queue, User
from db.store import open_engine
from ui.administration.people_dialog import NewPersonDialog, PeopleDialog
from ui.common.form import select_data


@pytest.fixture
def shared(tmp_path: Path) -> Any:
    """A SQLite shared store with Ada (an admin), Ann (an agent) and two queues."""
    engine = open_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    migrate.upgrade(engine, role="shared")
    system = ServiceContext.for_engine(engine, "GB")
    with system.sessions.begin() as s:
        ada = User(username="ada", display_name="Ada", role=Role.ADMIN)
        s.add_all(
            [
                ada,
                User(username="ann", display_name="Ann", role=Role.AGENT),
                Queue(name="billing", display_name="Billing"),
                Queue(name="sales", display_name="Sales"),
            ]
        )
        s.flush()
        actor = Actor(ada.id, ada.username, ada.role)
    yield ServiceContext.for_engine(engine, "GB", actor)
    engine.dispose()


def _dialog(qtbot: Any, shared: ServiceContext) -> PeopleDialog:
    dialog = PeopleDialog(shared)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog: PeopleDialog, username: str) -> None:
    model = dialog.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 1).data() == username:
            dialog.table.selectRow(row)
            return
    raise AssertionError(f"{username} is not listed")


def _cell(dialog: PeopleDialog, username: str, column: int) -> str:
    model = dialog.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 1).data() == username:
            return str(model.index(row, column).data())
    raise AssertionError(f"{username} is not listed")


def test_everyone_is_listed_with_role_and_state(qtbot: Any, shared: ServiceContext) -> None:
    dialog = _dialog(qtbot, shared)
    assert dialog.model.rowCount() == 2
    assert (_cell(dialog, "ann", 0), _cell(dialog, "ann", 2), _cell(dialog, "ann", 3)) == (
        "Ann",
        "Agent",
        "active",
    )
    assert not dialog.password_button.isVisible()  # a SQLite store keeps no passwords


def test_a_new_person_is_created_and_listed(qtbot: Any, shared: ServiceContext) -> None:
    dialog = _dialog(qtbot, shared)
    form = dialog.ask_new_person()
    assert isinstance(form, NewPersonDialog)
    qtbot.keyClicks(form.username, "kim")
    qtbot.keyClicks(form.display_name, "Kim Lee")
    select_data(form.role, Role.SUPERVISOR.value)
    form.save_button.click()
    assert not form.isVisible()
    assert (_cell(dialog, "kim", 0), _cell(dialog, "kim", 2)) == ("Kim Lee", "Supervisor")
    assert "kim was created" in dialog.status.text()
    chosen = dialog.chosen()
    assert chosen is not None and chosen.username == "kim"


def test_a_refused_name_is_shown_on_its_field(qtbot: Any, shared: ServiceContext) -> None:
    dialog = _dialog(qtbot, shared)
    form = dialog.ask_new_person()
    qtbot.keyClicks(form.username, "ann")
    form.save_button.click()
    assert form.isVisible()
    assert "already exists" in form.errors.text("name")
    form.username.clear()
    qtbot.keyClicks(form.username, "Not Plain")
    form.save_button.click()
    assert "must start with a lower-case letter" in form.errors.text("name")


def test_a_role_change_is_applied(qtbot: Any, shared: ServiceContext) -> None:
    dialog = _dialog(qtbot, shared)
    _choose(dialog, "ann")
    select_data(dialog.role, Role.SUPERVISOR.value)
    dialog.apply_role.click()
    assert _cell(dialog, "ann", 2) == "Supervisor"
    assert account(shared, "ann").role == Role.SUPERVISOR
    chosen = dialog.chosen()
    assert chosen is not None and chosen.username == "ann"


def test_disable_shows_them_inactive_and_enable_brings_them_back(
    qtbot: Any, shared: ServiceContext
) -> None:
    dialog = _dialog(qtbot, shared)
    _choose(dialog, "ann")
    assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()
    dialog.disable_button.click()
    assert _cell(dialog, "ann", 3) == "disabled"
    assert not account(shared, "ann").active
    assert "ann is disabled" in dialog.status.text()
    assert dialog.enable_button.isEnabled() and not dialog.disable_button.isEnabled()
    dialog.enable_button.click()
    assert _cell(dialog, "ann", 3) == "active"


def test_the_last_admin_is_told_why_they_cannot_disable_themselves(
    qtbot: Any, shared: ServiceContext
) -> None:
    dialog = _dialog(qtbot, shared)
    _choose(dialog, "ada")
    dialog.disable_button.click()
    assert dialog.general.isVisibleTo(dialog)
    assert "last active admin" in dialog.general.text()
    assert _cell(dialog, "ada", 3) == "active"


def test_a_queue_is_ticked_and_unticked(qtbot: Any, shared: ServiceContext) -> None:
    dialog = _dialog(qtbot, shared)
    _choose(dialog, "ann")
    texts = [dialog.queue_list.item(i).text() for i in range(dialog.queue_list.count())]
    assert texts == ["Billing", "Sales"]
    dialog.queue_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert _cell(dialog, "ann", 4) == "Billing"
    billing = dialog.queue_list.item(0).data(Qt.ItemDataRole.UserRole)
    assert account(shared, "ann").id in members_of(shared, billing)
    assert dialog.queue_list.item(0).checkState() == Qt.CheckState.Checked
    dialog.queue_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert _cell(dialog, "ann", 4) == ""
    assert members_of(shared, billing) == []


def test_a_store_out_of_reach_reads_as_a_sentence(qtbot: Any, tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'missing' / 'shared.db'}")
    try:
        ctx = ServiceContext.for_engine(engine, "GB", Actor(uuid.uuid4(), "ada", Role.ADMIN))
        dialog = _dialog(qtbot, ctx)
        assert dialog.model.rowCount() == 0
        assert "cannot be reached" in dialog.general.text()
        assert "Traceback" not in dialog.general.text()
    finally:
        engine.dispose()
