"""The call script beside the pop: the script's steps, filled for the caller, as boxes the
agent ticks while talking; a sensitive step (an identity check, a card) marked as such."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from callcenter.knowledge.scripts import FilledScript
from ui.common.form import paint

SENSITIVE_COLOUR = "#8a4b00"
#: In every font the desk may have (an emoji padlock is a box without an emoji font).
SENSITIVE_MARK = "⚠"


class _StepText(QLabel):
    """A step's words, wrapped to the panel's width (a check box's own text never wraps);
    a click on them ticks the step as a click on the box does."""

    def __init__(self, text: str, toggle: Callable[[], None]) -> None:
        super().__init__(text)
        self._toggle = toggle
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's API
        if event.button() == Qt.MouseButton.LeftButton:
            self._toggle()
        super().mouseReleaseEvent(event)


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
        #: Each step's box and its words, in the script's order.
        self.steps: list[QCheckBox] = []
        self.texts: list[QLabel] = []
        self._rows: list[QWidget] = []
        self._steps_box = QWidget()
        self._steps_layout = QVBoxLayout(self._steps_box)
        self._steps_layout.setContentsMargins(0, 0, 0, 0)
        self._steps_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        for row in self._rows:
            # Hidden now: deleteLater waits for the event loop, and a row out of the layout
            # would be painted over the new ones until then.
            row.hide()
            self._steps_layout.removeWidget(row)
            row.deleteLater()
        self.steps, self.texts, self._rows = [], [], []
        for index, step in enumerate(script.steps if script else ()):
            box = QCheckBox()
            box.setAccessibleName(step.text)
            box.setProperty("sensitive", step.sensitive)
            box.setChecked(bool(ticks) and ticks[index])
            box.toggled.connect(lambda on, i=index: self.ticked.emit(i, on))
            words = _StepText(
                f"{SENSITIVE_MARK} {step.text}" if step.sensitive else step.text, box.toggle
            )
            if step.sensitive:
                paint(words, SENSITIVE_COLOUR)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(words, 1)
            self._steps_layout.insertWidget(index, row)
            self.steps.append(box)
            self.texts.append(words)
            self._rows.append(row)
        self.retranslate()

    def ticks(self) -> list[bool]:
        return [box.isChecked() for box in self.steps]

    def retranslate(self) -> None:
        script = self.script
        self.title.setText(script.name if script else self.tr("No call script for this call"))
        tip = self.tr("Sensitive: check carefully, never repeat it aloud")
        for box, words in zip(self.steps, self.texts, strict=True):
            words.setToolTip(tip if box.property("sensitive") else "")
            box.setToolTip(words.toolTip())
        left = script.unfilled if script else ()
        self.unfilled.setText(
            self.tr("Not on the record, ask: {fields}").format(
                fields=", ".join(f"{{{f}}}" for f in left)
            )
            if left
            else ""
        )
        self.unfilled.setVisible(bool(left))
