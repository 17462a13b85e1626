"""The main window's menus: every desk action with its shortcut (from ``shortcuts.DEFAULTS``
and the config), then Tools, Supervise and Help where they apply."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ui.desk.shortcuts import DEFAULTS

#: Which actions each menu holds, in order.
MENUS: dict[str, tuple[str, ...]] = {
    "&Call": ("answer", "reject", "hangup", "hold", "mute", "transfer", "dial"),
    "&Work": (
        "save_log",
        "save_ready",
        "extend",
        "new_request",
        "callback",
        "manual_log",
        "conflicts",
    ),
    "&Agent": ("ready", "not_ready", "offline", "search", "sign_out"),
}


def build_menus(
    window: QMainWindow,
    handlers: Mapping[str, Callable[[], object]],
    shortcuts: Mapping[str, str],
    *,
    open_settings: Callable[[], None] | None,
    open_supervisor_view: Callable[[], None] | None,
) -> dict[str, QAction]:
    """Fill the window's menu bar; the desk actions by name, as the shortcuts help lists them."""
    actions: dict[str, QAction] = {}
    for title, names in MENUS.items():
        menu = window.menuBar().addMenu(title)
        for name in names:
            action = QAction(DEFAULTS[name][1], window)
            action.setShortcut(QKeySequence(shortcuts[name]))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(handlers[name])
            menu.addAction(action)
            actions[name] = action
    if open_settings is not None:
        settings = QAction("&Settings…", window)
        settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        settings.triggered.connect(open_settings)
        window.menuBar().addMenu("&Tools").addAction(settings)
    if open_supervisor_view is not None:
        watch = QAction("&Supervisor view", window)
        watch.setShortcut(QKeySequence("Ctrl+Shift+V"))
        watch.triggered.connect(open_supervisor_view)
        window.menuBar().addMenu("&Supervise").addAction(watch)
    help_menu = window.menuBar().addMenu("&Help")
    keys = QAction("&Keyboard shortcuts", window)
    keys.triggered.connect(lambda: show_shortcuts(window, actions))
    help_menu.addAction(keys)
    return actions


def show_shortcuts(window: QMainWindow, actions: Mapping[str, QAction]) -> None:
    rows = "".join(
        f"<tr><td>{action.text()}</td><td><b>{action.shortcut().toString()}</b></td></tr>"
        for action in actions.values()
    )
    QMessageBox.information(
        window,
        "Keyboard shortcuts",
        f"<table cellpadding=3>{rows}</table><p>Change them under [shortcuts] in the "
        'config file, e.g. <code>answer = "F5"</code>.</p>',
    )
