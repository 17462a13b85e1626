"""The agent's state as the window shows and changes it: the State box in the toolbar, the
state in the status bar, Ready / Not ready / Offline, and the wrap-up countdown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtWidgets import QComboBox, QLabel

from callcenter.desk.agent_state import AgentState, Status
from callcenter.desk.desk import Desk
from callcenter.platform.directory import Code
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import words as core_words
from ui.common.collation import sorted_names
from ui.common.i18n import translate
from ui.desk.calls import Say
from ui.desk.log_panel import LogPanel

EXTEND_SECONDS = 30
#: The State box's first item while it shows a state that is not a choice (a call is up).
CURRENT = ("current", None)
#: Each state as the agent reads it, marked for the "AgentState" context.
STATE_TEXT = {
    AgentState.OFFLINE: QT_TRANSLATE_NOOP("AgentState", "Offline"),
    AgentState.READY: QT_TRANSLATE_NOOP("AgentState", "Ready"),
    AgentState.NOT_READY: QT_TRANSLATE_NOOP("AgentState", "Not ready"),
    AgentState.RINGING: QT_TRANSLATE_NOOP("AgentState", "Ringing"),
    AgentState.ON_CALL: QT_TRANSLATE_NOOP("AgentState", "On call"),
    AgentState.WRAP_UP: QT_TRANSLATE_NOOP("AgentState", "Wrap-up"),
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
        self._fill()
        self.combo.activated.connect(self._chosen)
        self.label = QLabel()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        log_panel.extend_requested.connect(self.extend)

    def _fill(self) -> None:
        self.combo.clear()
        self.combo.addItem(self.tr("Ready"), ("ready", None))
        self.combo.addItem(self.tr("Not ready"), ("not_ready", None))
        for reason in sorted_names(self.reasons, key=lambda r: r.label):
            self.combo.addItem(
                self.tr("Not ready — {reason}").format(reason=reason.label),
                ("not_ready", reason.code),
            )

    def retranslate(self, reasons: list[Code]) -> None:
        """The choices and the state in the interface's language (after a switch), with the
        reasons' words read again."""
        self.reasons = reasons
        self._fill()
        self.show(self.desk.state.status)

    def words(self, status: Status) -> str:
        """The state as the agent reads it, the same in the State box and the status bar."""
        text = self._state(status.state, status.reason)
        if status.after_call is not None:
            then = self._state(status.after_call, status.after_call_reason, then=True)
            text = self.tr("{state} (then {next})").format(state=text, next=then)
        return text

    def _state(self, state: AgentState, reason: str | None, *, then: bool = False) -> str:
        words = translate("AgentState", STATE_TEXT[state])
        if then:
            words = words.lower()
        if reason and state == AgentState.NOT_READY:
            return self.tr("{state} — {reason}").format(state=words, reason=self._reason(reason))
        return words

    def _reason(self, code: str) -> str:
        return next((r.label for r in self.reasons if r.code == code), None) or core_words(code)

    def show(self, status: Status) -> None:
        words = self.words(status)
        self.label.setText(self.tr("Agent: {state}").format(state=words))
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
                self._say(self.tr("Choose why you are not ready."), 4000)
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
