"""The demo's "Simulate" menu: real SIP calls over loopback into the running desktop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence

from callcenter.demo.calls import DemoCaller, simulated_call
from callcenter.platform.directory import queues
from ui.common.i18n import marked
from ui.desk.window import MainWindow

#: Each kind of caller's menu entry, marked for the "DemoMenu" catalogue context.
CALLS: dict[DemoCaller, str] = {
    DemoCaller.KNOWN: QT_TRANSLATE_NOOP("DemoMenu", "Incoming call: known customer"),
    DemoCaller.SHARED: QT_TRANSLATE_NOOP("DemoMenu", "Incoming call: shared number"),
    DemoCaller.UNKNOWN: QT_TRANSLATE_NOOP("DemoMenu", "Incoming call: unknown number"),
    DemoCaller.WITHHELD: QT_TRANSLATE_NOOP("DemoMenu", "Incoming call: withheld number"),
}


class Simulator(Protocol):
    """The part of the phone the demo uses (``PjsuaPhone`` provides it)."""

    def simulate_incoming(
        self, caller_uri: str, headers: Sequence[tuple[str, str]] = ()
    ) -> None: ...

    def hangup_simulated(self) -> None: ...


def install(window: MainWindow, simulator: Simulator) -> dict[DemoCaller, QAction]:
    """Add Simulate ▸ incoming call from each kind of caller, and the caller hanging up."""
    menu = window.menuBar().addMenu("")
    menu.setTitle(marked(menu, "DemoMenu", QT_TRANSLATE_NOOP("DemoMenu", "&Simulate")))
    ctx = window.desk.ctx
    queue_names = [q.name for q in queues(ctx)] or ["support"]
    actions: dict[DemoCaller, QAction] = {}
    for number, kind in enumerate(DemoCaller, start=1):
        action = QAction(window)
        action.setText(marked(action, "DemoMenu", CALLS[kind]))
        action.setShortcut(QKeySequence(f"Ctrl+Alt+{number}"))

        def place(_checked: bool = False, kind: DemoCaller = kind) -> None:
            call = simulated_call(ctx, kind, queue_names[0])
            simulator.simulate_incoming(call.caller_uri, call.headers)

        action.triggered.connect(place)
        menu.addAction(action)
        actions[kind] = action
    menu.addSeparator()
    hang_up = QAction(window)
    hang_up.setText(
        marked(hang_up, "DemoMenu", QT_TRANSLATE_NOOP("DemoMenu", "The caller hangs up"))
    )
    hang_up.triggered.connect(lambda _checked=False: simulator.hangup_simulated())
    menu.addAction(hang_up)
    return actions
