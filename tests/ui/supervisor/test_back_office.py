"""The supervisor window's back office: supervisors get the Supervise entries, admins the
Admin menu too, and each entry opens its window on the store it needs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from callcenter.platform.context import ServiceContext
from ui.supervisor.window import SupervisorWindow

SUPERVISE = {"duplicates", "audit", "export"}
ADMIN = {"dictionary", "people", "import", "scripts", "articles"}


def _window(qtbot: Any, ctx: ServiceContext) -> SupervisorWindow:
    window = SupervisorWindow(ctx, ctx)
    qtbot.addWidget(window)
    return window


def _menus(window: SupervisorWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_a_supervisor_gets_the_supervise_entries_and_no_admin_menu(
    qtbot: Any, supervisor_ctx: ServiceContext
) -> None:
    window = _window(qtbot, supervisor_ctx)
    assert set(window.back_office.actions) == SUPERVISE
    assert "&Admin" not in _menus(window)


def test_an_admin_opens_every_back_office_window(qtbot: Any, admin: ServiceContext) -> None:
    window = _window(qtbot, admin)
    assert "&Admin" in _menus(window)
    assert set(window.back_office.actions) == SUPERVISE | ADMIN
    for name, action in window.back_office.actions.items():
        before = set(window.findChildren(QDialog))
        action.trigger()
        opened = set(window.findChildren(QDialog)) - before
        assert len(opened) == 1, name
        (dialog,) = opened
        assert dialog.isVisible(), name
        dialog.close()
