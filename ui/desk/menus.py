"""The main window's menus: every desk action with its shortcut (from ``shortcuts.DEFAULTS``
and the config), Tools and Supervise where they apply, and the shortcuts help read off the
menu bar itself."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ui.common.i18n import marked
from ui.desk.shortcuts import DEFAULTS

#: Which actions each menu holds, in order; an action the desk does not offer (Settings
#: without a config file, Supervisor view for an agent) is left out, and so is an empty menu.
MENUS: dict[str, tuple[str, ...]] = {
    QT_TRANSLATE_NOOP("Menus", "&Call"): (
        "answer",
        "reject",
        "hangup",
        "hold",
        "mute",
        "transfer",
        "consult",
        "complete",
        "dial",
    ),
    QT_TRANSLATE_NOOP("Menus", "&Work"): (
        "save_log",
        "save_ready",
        "extend",
        "new_request",
        "callback",
        "edit_customer",
        "manual_log",
        "conflicts",
        "refused",
    ),
    QT_TRANSLATE_NOOP("Menus", "&Agent"): ("ready", "not_ready", "offline", "search", "sign_out"),
    QT_TRANSLATE_NOOP("Menus", "&Tools"): ("settings",),
    QT_TRANSLATE_NOOP("Menus", "&Supervise"): ("supervisor",),
}


def build_menus(
    window: QMainWindow,
    handlers: Mapping[str, Callable[[], object]],
    shortcuts: Mapping[str, str],
) -> dict[str, QAction]:
    """Fill the window's menu bar from the one registry of actions (``shortcuts.DEFAULTS``);
    returns the actions by name."""
    actions: dict[str, QAction] = {}
    for title, names in MENUS.items():
        offered = [name for name in names if name in handlers]
        if not offered:
            continue
        menu = window.menuBar().addMenu("")
        menu.setTitle(marked(menu, "Menus", title))
        for name in offered:
            action = QAction(window)
            action.setText(marked(action, "Shortcuts", DEFAULTS[name][1]))
            action.setShortcut(QKeySequence(shortcuts[name]))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(handlers[name])
            menu.addAction(action)
            actions[name] = action
    help_menu = window.menuBar().addMenu("")
    help_menu.setTitle(marked(help_menu, "Menus", QT_TRANSLATE_NOOP("Menus", "&Help")))
    keys = QAction(window)
    keys.setText(marked(keys, "Menus", QT_TRANSLATE_NOOP("Menus", "&Keyboard shortcuts")))
    keys.triggered.connect(lambda: show_shortcuts(window))
    help_menu.addAction(keys)
    return actions


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action in the menu bar as it is now, menus added
    later (the demo's Simulate) included: the help cannot miss one."""
    rows = []
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.isSeparator():
                continue
            rows.append(
                (
                    entry.text().replace("&", ""),
                    action.text().replace("&", ""),
                    action.shortcut().toString(),
                )
            )
    return rows


def show_shortcuts(window: QMainWindow) -> None:
    rows = "".join(
        f"<tr><td>{html.escape(menu)}</td><td>{html.escape(text)}</td>"
        f"<td><b>{html.escape(keys)}</b></td></tr>"
        for menu, text, keys in shortcut_rows(window)
    )
    QMessageBox.information(
        window,
        QCoreApplication.translate("Menus", "Keyboard shortcuts"),
        f"<table cellpadding=3>{rows}</table><p>"
        + QCoreApplication.translate(
            "Menus", "Change them under [shortcuts] in the config file, e.g. {example}."
        ).format(example='<code>answer = "F5"</code>')
        + "</p>",
    )
