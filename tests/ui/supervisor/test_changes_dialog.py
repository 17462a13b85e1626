"""Supervise ▸ Changes by person against a real PostgreSQL store: the list, the confirmation
(rows and what is left), the undo written on the supervisor's desk and pushed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.platform.context import Actor, ServiceContext
from db.models import Customer, OutboxEntry
from db.replication.push import push
from db.store import session_factory
from tests.replication.conftest import Desk
from tests.roles import conftest as roles
from tests.roles.conftest import Cluster, Person, World, allowed
from tests.roles.test_change_log import desk_holding
from tests.ui.work.test_dialogs import table_rows
from ui.common.form import select_data
from ui.supervisor.changes_dialog import ChangesDialog
from ui.supervisor.window import SupervisorWindow

pytestmark = pytest.mark.postgres

# The PostgreSQL store and its people (tests/roles), in place of the widget tests' SQLite one.
cluster, people, world = roles.cluster, roles.people, roles.world


def _contexts(cluster: Cluster, sue: Person, desk: Desk) -> tuple[ServiceContext, ServiceContext]:
    actor = Actor(sue.id, sue.name, sue.role)
    return ServiceContext.for_engine(sue.engine, "GB", actor), ServiceContext(
        desk.sessions, "GB", actor
    )


def _ann_and_bob_edit(people: dict[str, Person], world: World) -> None:
    ann, bob = people["ann"], people["bob"]
    customer = world.customer
    allowed(
        ann.engine,
        "UPDATE customers SET name = 'Ada B', city = 'Leeds' WHERE id = :id",
        id=customer,
    )
    allowed(bob.engine, "UPDATE customers SET city = 'York' WHERE id = :id", id=customer)


def _dialog(
    qtbot: QtBot,
    tmp_path: Path,
    cluster: Cluster,
    people: dict[str, Person],
) -> tuple[ChangesDialog, Desk]:
    sue = people["sue"]
    desk = desk_holding(tmp_path, cluster, sue)
    dialog = ChangesDialog(*_contexts(cluster, sue, desk))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        assert select_data(dialog.person, people["ann"].id)
    return dialog, desk


def test_the_dialog_lists_a_persons_changes_since_the_start_of_today(
    qtbot: QtBot,
    tmp_path: Path,
    cluster: Cluster,
    people: dict[str, Person],
    world: World,
) -> None:
    _ann_and_bob_edit(people, world)
    dialog, _desk = _dialog(qtbot, tmp_path, cluster, people)
    rows = [row[1:] for row in table_rows(dialog.model)]
    assert sorted(rows) == [
        ["customers Ada B", "city", " → Leeds"],
        ["customers Ada B", "name", "Ada Lovelace → Ada B"],
    ]
    assert dialog.since.dateTime().time().hour() == 0
    assert dialog.undo_button.isEnabled()


def test_undo_asks_with_the_rows_and_what_is_left_then_writes_on_the_desk(
    qtbot: QtBot,
    tmp_path: Path,
    *,
    monkeypatch: pytest.MonkeyPatch,
    cluster: Cluster,
    people: dict[str, Person],
    world: World,
) -> None:
    _ann_and_bob_edit(people, world)
    dialog, desk = _dialog(qtbot, tmp_path, cluster, people)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.undo_button.click()
    assert asked == [
        "Put back 1 record as it was before Ann changed it?\n\nLeft as they are:\n"
        "• customers Ada B city: changed later by Bob"
    ]
    assert dialog.status.text() == "Nothing was undone."
    with desk.sessions() as s:
        assert s.query(OutboxEntry).count() == 0

    answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.undone, timeout=10_000) as done:
        dialog.undo_button.click()
    assert done.args == [1]
    sue = people["sue"]
    assert push(desk.engine, sue.engine, desk.name).refused == 0
    with session_factory(cluster.owner)() as s:
        customer = s.get_one(Customer, world.customer)
        assert (customer.name, customer.city) == ("Ada Lovelace", "York")


def test_the_supervisor_window_opens_it_from_the_supervise_menu(
    qtbot: QtBot,
    tmp_path: Path,
    cluster: Cluster,
    people: dict[str, Person],
    world: World,
) -> None:
    sue = people["sue"]
    desk = desk_holding(tmp_path, cluster, sue)
    window = SupervisorWindow(*_contexts(cluster, sue, desk))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    (menu,) = [a for a in window.menuBar().actions() if a.text() == "&Supervise"]
    assert window.changes_action in menu.menu().actions()
    dialog = window.open_changes()
    qtbot.waitSignal(dialog.loaded, timeout=10_000).wait()
    assert dialog.windowTitle() == "Changes by person"
    dialog.close()
