"""The current call: who, which queue, how long, and the buttons to handle it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from callcenter.desk.screenpop import PopKind, ScreenPop
from ui.common.collation import collator
from ui.common.formatting import duration, phone

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
#: How many targets typed or chosen lately the transfer question offers first.
RECENT_TARGETS = 8
#: A directory entry's kind: the words up to its first colon, ASCII or full-width ("Queue: ").
_KIND = re.compile("[^:\uff1a]*[:\uff1a]")


def directory_order(names: Iterable[str]) -> list[str]:
    """The directory's entries kind by kind, the kinds in the order they come (queues, then
    agents), each kind by name as the reader sorts (the core lists them by code point)."""
    listed = list(names)

    def kind(name: str) -> str:
        found = _KIND.match(name)
        return found.group(0) if found else ""

    kinds: dict[str, int] = {}
    for name in listed:
        kinds.setdefault(kind(name), len(kinds))
    order = collator()
    return sorted(listed, key=lambda name: (kinds[kind(name)], order.sortKey(name)))


class CallPanel(QGroupBox):
    """Shows one call and offers its controls; knows nothing of the phone itself.

    Signals (GUI thread, no arguments unless stated):
        answer, reject, hangup, hold, mute: the agent pressed that control.
        dtmf(str): a keypad digit.
        transfer(str): blind transfer to the number or SIP URI typed.
        consult(str): hold the caller and call this number or URI (attended transfer).
        complete_transfer: join the caller to the consulted colleague.
    """

    answer = Signal()
    reject = Signal()
    hangup = Signal()
    hold = Signal()
    mute = Signal()
    dtmf = Signal(str)
    transfer = Signal(str)
    consult = Signal(str)
    complete_transfer = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keyed = ""
        # Says again who the call on screen is with (after a language switch), if any.
        self._party: Callable[[], None] | None = None
        who = self._build_party()
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.timer_label = QLabel("")
        self.timer_label.setObjectName("callTimer")
        self.hold_label = QLabel("")
        self.hold_label.setObjectName("holdLabel")
        self.digits = QLabel("")
        self.digits.setObjectName("dtmfDigits")
        row, keypad = self._build_controls()
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addWidget(self.detail)
        times = QHBoxLayout()
        times.addWidget(self.timer_label)
        times.addWidget(self.hold_label)
        times.addStretch(1)
        times.addWidget(self.digits)
        layout.addLayout(times)
        layout.addLayout(row)
        layout.addLayout(keypad)
        self._started: float | None = None
        self._held_since: float | None = None
        self._targets: Callable[[], dict[str, str]] = dict
        self._directory: dict[str, str] = {}
        self._recent: list[str] = []
        # The queues' names as the SIP header gives them -> their words for the agent.
        self.queue_names: dict[str, str] = {}
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.retranslate()
        self.set_phase("idle")

    def retranslate(self) -> None:
        """Every text in the interface's language (at start, and when it is switched); the
        call on screen is said again."""
        self.setTitle(self.tr("Call"))
        self.digits.setToolTip(self.tr("Digits sent to the caller's system on this call"))
        for key, text in (
            ("answer", self.tr("&Answer")),
            ("reject", self.tr("&Reject")),
            ("hangup", self.tr("&Hang up")),
            ("hold", self.tr("Hol&d")),
            ("mute", self.tr("&Mute")),
        ):
            self.buttons[key].setText(text)
        self.transfer_button.setText(self.tr("&Transfer…"))
        self.transfer_button.setToolTip(self.tr("Blind transfer: send the caller on at once"))
        self.consult_button.setText(self.tr("&Consult…"))
        self.consult_button.setToolTip(self.tr("Hold the caller and talk to a colleague first"))
        self.complete_button.setText(self.tr("Com&plete"))
        self.complete_button.setToolTip(self.tr("Join the caller to the colleague you consulted"))
        if self._party is not None:
            self._party()
        elif self._started is None:
            self.caller.setText(self.tr("No call"))
        if self._keyed:
            self.digits.setText(self.tr("Keyed: {digits}").format(digits=self._keyed))
        self._tick()

    def _build_controls(self) -> tuple[QHBoxLayout, QGridLayout]:
        """The call buttons in a row, the keypad with the transfer buttons under it."""
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, signal in (
            ("answer", self.answer),
            ("reject", self.reject),
            ("hangup", self.hangup),
            ("hold", self.hold),
            ("mute", self.mute),
        ):
            button = QPushButton()
            button.setObjectName(f"{key}Button")
            button.clicked.connect(signal.emit)
            self.buttons[key] = button
            row.addWidget(button)
        self.buttons["hold"].setCheckable(True)
        self.buttons["mute"].setCheckable(True)
        keypad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate(KEYPAD):
            pad_key = QPushButton(digit)
            pad_key.setFixedWidth(36)
            pad_key.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            pad_key.clicked.connect(lambda _checked=False, d=digit: self._digit(d))
            self.keys[digit] = pad_key
            keypad.addWidget(pad_key, index // 3, index % 3)
        self.transfer_button = QPushButton()
        self.transfer_button.clicked.connect(self._ask_transfer)
        self.consult_button = QPushButton()
        self.consult_button.clicked.connect(self._ask_consult)
        self.complete_button = QPushButton()
        self.complete_button.clicked.connect(self.complete_transfer.emit)
        keypad.addWidget(self.transfer_button, 4, 0)
        keypad.addWidget(self.consult_button, 4, 1)
        keypad.addWidget(self.complete_button, 4, 2)
        return row, keypad

    def _build_party(self) -> QVBoxLayout:
        """Who is calling, and from which number: plain text in two labels, not one rich-text
        label (laying out rich text took a millisecond of every pop). Both lines keep their
        height when idle, so a ringing call changes text, not the layout: nothing below moves,
        and the pop repaints these labels only."""
        self.caller = QLabel(self.tr("No call"))
        self.caller.setObjectName("callerLabel")
        self.caller.setTextFormat(Qt.TextFormat.PlainText)
        self.caller.setWordWrap(True)
        self._plain_font = QFont(self.caller.font())
        self._name_font = QFont(self._plain_font)
        self._name_font.setPointSize(15)
        self._name_font.setBold(True)
        # As high as a Chinese name (its fallback font is taller than a Latin name's).
        probe = QLabel("Ag 張伟")
        probe.setFont(self._name_font)
        probe.setWordWrap(True)
        self.caller.setMinimumHeight(probe.heightForWidth(10_000))
        self.number = QLabel("")
        self.number.setObjectName("callerNumber")
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        self.number.setMinimumHeight(QFontMetrics(self._plain_font).height())
        who = QVBoxLayout()
        who.setSpacing(0)
        who.addWidget(self.caller)
        who.addWidget(self.number)
        return who

    def _digit(self, digit: str) -> None:
        """Echo the digit where the agent sees it, then send it."""
        self._keyed += digit
        self.digits.setText(self.tr("Keyed: {digits}").format(digits=self._keyed))
        self.dtmf.emit(digit)

    def show_hold(self, held: bool) -> None:
        """The caller is on hold (or back): the Hold button, a label and how long."""
        self.buttons["hold"].setChecked(held)
        if held and self._held_since is None:
            self._held_since = time.monotonic()
        elif not held:
            self._held_since = None
        self._tick()

    def set_directory(self, targets: Callable[[], dict[str, str]]) -> None:
        """Where calls can go, by the words shown (``"Queue: Support"`` -> its number), read
        each time the agent asks, so a colleague added today is offered."""
        self._targets = targets

    def _choose_target(self, title: str, question: str) -> str | None:
        """A target from the directory and the numbers used lately, or one typed."""
        self._directory = self._targets()
        listed = directory_order(self._directory)
        offered = [*self._recent, *(name for name in listed if name not in self._recent)]
        text, ok = QInputDialog.getItem(self, title, question, offered, 0, True)
        text = text.strip()
        if not ok or not text:
            return None
        if text in self._recent:
            self._recent.remove(text)
        self._recent.insert(0, text)
        del self._recent[RECENT_TARGETS:]
        return self._directory.get(text, text)

    def _ask_transfer(self) -> None:
        target = self._choose_target(self.tr("Blind transfer"), self.tr("Transfer the caller to:"))
        if target:
            self.transfer.emit(target)

    def _ask_consult(self) -> None:
        target = self._choose_target(
            self.tr("Consult a colleague"), self.tr("Call (the caller holds):")
        )
        if target:
            self.consult.emit(target)

    def show_offer(self, pop: ScreenPop) -> None:
        """A call is ringing: say who it is before the agent answers."""
        self._party = lambda: self._show_offer(pop)
        self._show_offer(pop)

    def _show_offer(self, pop: ScreenPop) -> None:
        caller = pop.caller
        number = phone(caller.number_e164) if caller.number_e164 else (caller.number_raw or "")
        if pop.kind == PopKind.WITHHELD:
            who = self.tr("Withheld number")
        elif pop.kind == PopKind.CUSTOMER and pop.record is not None:
            who = pop.record.profile.name
        elif pop.kind == PopKind.CHOOSE:
            who = self.tr("%n customer(s) share this number", "", len(pop.matches))
        else:
            who = caller.display_name or self.tr("Unknown caller")
        self._show_party(who, number)
        self.detail.setToolTip("")
        parts = []
        if caller.queue:
            queue = self.queue_names.get(caller.queue, caller.queue)
            parts.append(self.tr("Queue: {queue}").format(queue=queue))
        if caller.dialled_number:
            parts.append(self.tr("Dialled: {number}").format(number=caller.dialled_number))
        if caller.display_name and pop.kind != PopKind.WITHHELD:
            parts.append(self.tr("Caller ID name: {name}").format(name=caller.display_name))
        self.detail.setText(" · ".join(parts))

    def show_customer(self, name: str) -> None:
        """The caller turned out to be this customer (chosen, created or found)."""
        said = self._party

        def party() -> None:
            if said is not None:
                said()
            self.caller.setFont(self._name_font)
            self.caller.setText(name)

        self._party = party
        party()

    def show_outbound(self, number: str, name: str | None) -> None:
        self._party = lambda: self._show_outbound(number, name)
        self._show_outbound(number, name)

    def _show_outbound(self, number: str, name: str | None) -> None:
        self._show_party(name or self.tr("Calling"), number)
        self.detail.setText(self.tr("Outbound call"))
        self.detail.setToolTip("")

    def _show_party(self, who: str, number: str) -> None:
        self.caller.setFont(self._name_font)
        self.caller.setText(who)
        self.number.setText(number)

    def set_phase(self, phase: str) -> None:
        """``idle``, ``ringing``, ``dialling``, ``talking`` or ``ended``: which controls apply."""
        enabled = {
            "idle": set(),
            "ringing": {"answer", "reject"},
            "dialling": {"hangup"},
            "talking": {"hangup", "hold", "mute"},
            "ended": set(),
        }[phase]
        for key, button in self.buttons.items():
            button.setEnabled(key in enabled)
        talking = phase == "talking"
        for digit_button in self.keys.values():
            digit_button.setEnabled(talking)
        self.transfer_button.setEnabled(talking)
        self.consult_button.setEnabled(talking)
        self.complete_button.setEnabled(False)
        if phase == "talking" and self._started is None:
            self._started = time.monotonic()
            self._ticker.start()
            self._tick()
        if phase in ("idle", "ended"):
            self._ticker.stop()
            if phase == "idle":
                self._started = None
                self._party = None
                self.timer_label.setText("")
                self.caller.setFont(self._plain_font)
                self.caller.setText(self.tr("No call"))
                self.number.setText("")
                self.detail.setText("")
                self.detail.setToolTip("")
                self.digits.setText("")
                self._keyed = ""
            else:
                self.timer_label.setText(
                    self.tr("{time}  (ended)").format(time=self.timer_label.text())
                )
        if phase != "talking":
            self.buttons["mute"].setChecked(False)
            self.show_hold(False)
        if phase == "ringing":
            self.digits.setText("")
            self._keyed = ""
        self.phase = phase

    def _tick(self) -> None:
        now = time.monotonic()
        if self._started is not None and self._ticker.isActive():
            self.timer_label.setText(
                self.tr("Talking {time}").format(time=duration(now - self._started))
            )
        held = self._held_since
        self.hold_label.setText(
            self.tr("On hold {time}").format(time=duration(now - held)) if held is not None else ""
        )
