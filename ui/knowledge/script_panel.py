"""The call script beside the pop: the script's steps, filled for the caller, as boxes the
agent ticks while talking; a sensitive step (an identity check, a card) marked as such."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from callcenter.knowledge.scripts import FilledScript
from ui.common.form import paint

SENSITIVE_COLOUR = "#8a4b00"
SENSITIVE_MARK = "🔒"


class ScriptPanel(QWidget):
    """Shows one FilledScript (or says there is none); ticks are the agent's, kept until
    another script (or the same for another call) is shown.

    Signals (GUI thread):
        ticked(int, bool): the step at that index was ticked (True) or unticked.
    """

    ticked = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.script: FilledScript | None = None
        self.title = QLabel()
        self.title.setObjectName("scriptTitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.unfilled = QLabel()
        self.unfilled.setWordWrap(True)
        self.unfilled.hide()
        self.steps: list[QCheckBox] = []
        self._steps_box = QWidget()
        self._steps_layout = QVBoxLayout(self._steps_box)
        self._steps_layout.setContentsMargins(0, 0, 0, 0)
        self._steps_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._steps_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.unfilled)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def show_script(self, script: FilledScript | None, *, keep_ticks: bool = False) -> None:
        """Show ``script``'s steps, unticked (None: no script applies to this call);
        ``keep_ticks``: the same script filled again (the caller's record chosen meanwhile)
        keeps the steps the agent ticked."""
        same = (
            keep_ticks
            and script is not None
            and self.script is not None
            and script.script_id == self.script.script_id
            and len(script.steps) == len(self.steps)
        )
        ticks = self.ticks() if same else []
        self.script = script
        for box in self.steps:
            self._steps_layout.removeWidget(box)
            box.deleteLater()
        self.steps = []
        for index, step in enumerate(script.steps if script else ()):
            box = QCheckBox(f"{SENSITIVE_MARK} {step.text}" if step.sensitive else step.text)
            box.setProperty("sensitive", step.sensitive)
            if step.sensitive:
                paint(box, SENSITIVE_COLOUR)
            box.setChecked(bool(ticks) and ticks[index])
            box.toggled.connect(lambda on, i=index: self.ticked.emit(i, on))
            self._steps_layout.insertWidget(index, box)
            self.steps.append(box)
        self.retranslate()

    def ticks(self) -> list[bool]:
        return [box.isChecked() for box in self.steps]

    def retranslate(self) -> None:
        script = self.script
        self.title.setText(script.name if script else self.tr("No call script for this call"))
        for box in self.steps:
            box.setToolTip(
                self.tr("Sensitive: check carefully, never repeat it aloud")
                if box.property("sensitive")
                else ""
            )
        left = script.unfilled if script else ()
        self.unfilled.setText(
            self.tr("Not on the record, ask: {fields}").format(
                fields=", ".join(f"{{{f}}}" for f in left)
            )
        )
        self.unfilled.setVisible(bool(left))
