"""The agent's state as the window shows and changes it: the State box in the toolbar, the
state in the status bar, Ready / Not ready / Offline, and the wrap-up countdown."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QComboBox, QLabel

from callcenter.desk.agent_state import AgentState, Status
from callcenter.desk.desk import Desk
from callcenter.platform.directory import Code
from callcenter.platform.errors import ValidationError
from ui.desk.calls import Say
from ui.desk.log_panel import LogPanel

EXTEND_SECONDS = 30
#: The State box's first item while it shows a state that is not a choice (a call is up).
CURRENT = ("current", None)
STATE_TEXT = {
    AgentState.OFFLINE: "Offline",
    AgentState.READY: "Ready",
    AgentState.NOT_READY: "Not ready",
    AgentState.RINGING: "Ringing",
    AgentState.ON_CALL: "On call",
    AgentState.WRAP_UP: "Wrap-up",
}


class StateControl(QObject):
    """Keeps the State box, the status-bar label and the wrap-up countdown in step with the
    desk's state machine, and turns the agent's choices into its transitions (GUI thread)."""

    def __init__(
        self, desk: Desk, reasons: list[Code], log_panel: LogPanel, say: Say, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.reasons = reasons
        self.log_panel = log_panel
        self._say = say
        self.combo = QComboBox()
        self.combo.setObjectName("stateCombo")
        self.combo.setMinimumWidth(180)
        self.combo.addItem("Ready", ("ready", None))
        self.combo.addItem("Not ready", ("not_ready", None))
        for reason in reasons:
            self.combo.addItem(f"Not ready — {reason.label}", ("not_ready", reason.code))
        self.combo.activated.connect(self._chosen)
        self.label = QLabel()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        log_panel.extend_requested.connect(self.extend)

    def words(self, status: Status) -> str:
        """The state as the agent reads it, the same in the State box and the status bar."""
        text = STATE_TEXT[status.state]
        if status.reason and status.state == AgentState.NOT_READY:
            text += f" — {self._reason(status.reason)}"
        if status.after_call is not None:
            then = STATE_TEXT[status.after_call].lower()
            if status.after_call_reason and status.after_call == AgentState.NOT_READY:
                then += f" — {self._reason(status.after_call_reason)}"
            text += f" (then {then})"
        return text

    def _reason(self, code: str) -> str:
        return next((r.label for r in self.reasons if r.code == code), code)

    def show(self, status: Status) -> None:
        words = self.words(status)
        self.label.setText(f"Agent: {words}")
        wanted: tuple[str, str | None] | None = None
        if status.state == AgentState.READY:
            wanted = ("ready", None)
        elif status.state == AgentState.NOT_READY:
            wanted = ("not_ready", status.reason)
        index = self.combo.findData(wanted) if wanted is not None else -1
        if self.combo.itemData(0) == CURRENT:
            self.combo.removeItem(0)
            index = self.combo.findData(wanted) if wanted is not None else -1
        if index < 0:
            # Ringing, on a call, in wrap-up, or Not ready for a reason the box does not
            # offer ("signed in"): the box shows the state itself, not a choice beside it.
            self.combo.insertItem(0, words, CURRENT)
            index = 0
        self.combo.setCurrentIndex(index)
        self.log_panel.show_wrap_up(self.desk.state.wrap_up_remaining())

    def _tick(self) -> None:
        self.desk.state.tick()
        self.log_panel.show_wrap_up(self.desk.state.wrap_up_remaining())

    def _chosen(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == CURRENT:
            return
        kind, reason = data
        self.set_state(kind, reason)

    def set_state(self, kind: str, reason: str | None) -> None:
        try:
            if kind == "ready":
                self.desk.state.set_ready()
            elif reason is None:
                self._say("Choose why you are not ready.", 4000)
                self.show(self.desk.state.status)
            else:
                self.desk.state.set_not_ready(reason)
        except ValidationError as exc:
            self._say(exc.message, 6000)
            self.show(self.desk.state.status)

    def not_ready(self) -> None:
        """Not ready for the first reason (the shortcut's choice)."""
        self.set_state("not_ready", self.reasons[0].code if self.reasons else None)

    def toggle_offline(self) -> None:
        """Offline takes no calls (the desk turns them away); back online is Not ready."""
        try:
            if self.desk.state.status.state == AgentState.OFFLINE:
                self.desk.state.sign_in()
            else:
                self.desk.state.sign_out()
        except ValidationError as exc:
            self._say(exc.message, 6000)

    def extend(self) -> None:
        try:
            self.desk.state.extend_wrap_up(EXTEND_SECONDS)
        except ValidationError as exc:
            self._say(exc.message, 4000)
