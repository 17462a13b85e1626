"""What to do when the pop is not one customer: choose among several, or handle an unknown
(or withheld) caller: quick-create, attach the number to someone, or log without a customer."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.desk.screenpop import PopKind, ScreenPop
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import SearchHit
from ui.common.collation import sorted_names
from ui.common.formatting import ago, label, phone
from ui.desk.search_box import SearchBox

#: Which of the pop's matches an item shows (its place in ``ScreenPop.matches``).
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1


class ChooserPanel(QWidget):
    """Several customers share the caller's number: show what matched and let the agent pick.

    Signals: customer_chosen(object): the chosen customer id (uuid.UUID).
    """

    customer_chosen = Signal(object)

    def __init__(
        self, clock: Callable[[], dt.datetime] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.matches = QListWidget()
        # Two lines a record; each item as high as its own text (a CJK name is taller).
        self.matches.setWordWrap(True)
        self.matches.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.matches.setSpacing(3)
        self.matches.itemActivated.connect(self._choose)
        self.open_button = QPushButton()
        self._pop: ScreenPop | None = None
        self.open_button.clicked.connect(lambda: self._choose(self.matches.currentItem()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.open_button)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the interface's language; the list keeps the agent's place."""
        self.open_button.setText(self.tr("&Open record"))
        if self._pop is not None:
            # The same record, not the same row: the list may sort otherwise in the new language.
            current = self.matches.currentItem()
            chosen = current.data(MATCH_ROLE) if current is not None else None
            self.show_pop(self._pop)
            for row in range(self.matches.count()):
                if self.matches.item(row).data(MATCH_ROLE) == chosen:
                    self.matches.setCurrentRow(row)

    def show_pop(self, pop: ScreenPop) -> None:
        self._pop = pop
        number = phone(pop.caller.number_e164) if pop.caller.number_e164 else ""
        heading = self.tr("%n record(s) have {number}", "", len(pop.matches))
        self.title.setText(
            f"<h3>{heading.format(number=html.escape(number))}</h3>"
            + self.tr(
                "Ask who is calling (where they live, when they last called), "
                "then open the right one."
            )
        )
        self.matches.clear()
        now = self._clock()
        # By name, as the reader sorts (the store lists them by code point).
        for index, m in sorted_names(enumerate(pop.matches), key=lambda pair: pair[1].name):
            who = (
                self.tr("{name} ({company})").format(name=m.name, company=m.company_name)
                if m.company_name
                else m.name
            )
            if m.contact_name:
                who = self.tr("{customer} — contact {contact}").format(
                    customer=who, contact=m.contact_name
                )
            place = ", ".join(part for part in (m.city, m.region) if part) or self.tr("no address")
            requests = (
                self.tr("%n open request(s)", "", m.open_requests)
                if m.open_requests
                else self.tr("no open requests")
            )
            facts = [
                place,
                self.tr("last contact {when}").format(when=ago(m.last_contact_at, now))
                if m.last_contact_at is not None
                else self.tr("never contacted"),
                requests,
                self.tr("{kind} number").format(kind=label(m.phone_kind).lower()),
            ]
            if m.external_id:
                facts.append(m.external_id)
            item = QListWidgetItem(f"{who}\n    {' · '.join(facts)}")
            item.setData(Qt.ItemDataRole.UserRole, m.customer_id)
            item.setData(MATCH_ROLE, index)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.customer_chosen.emit(item.data(Qt.ItemDataRole.UserRole))


class UnknownCallerPanel(QWidget):
    """No record has this number (or it is withheld).

    Signals:
        quick_create(str, str): name and number for a new customer.
        attach(object, str): attach the number to this customer id.
        chosen(object): a withheld caller is this customer (id): open their record, attach
            nothing (there is no number to attach).
        without_customer(): log the call with no customer.
    """

    quick_create = Signal(str, str)
    attach = Signal(object, str)
    chosen = Signal(object)
    without_customer = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.create_box = create_box = QGroupBox()
        self.name = QLineEdit()
        self.number = QLineEdit()
        self.create_button = QPushButton()
        self.create_button.clicked.connect(
            lambda: self.quick_create.emit(self.name.text(), self.number.text())
        )
        self.name.returnPressed.connect(self.create_button.click)
        form = QFormLayout(create_box)
        self._name_label, self._number_label = QLabel(), QLabel()
        self._name_label.setBuddy(self.name)
        self._number_label.setBuddy(self.number)
        form.addRow(self._name_label, self.name)
        form.addRow(self._number_label, self.number)
        form.addRow(self.create_button)
        self.attach_box = attach_box = QGroupBox()
        self.finder = SearchBox(ctx)
        self.finder.hit_chosen.connect(self._attach)
        attach_layout = QVBoxLayout(attach_box)
        attach_layout.addWidget(self.finder)
        self.withheld = False
        self.error = QLabel()
        self.error.setObjectName("unknownCallerError")
        self.error.setWordWrap(True)
        self.skip = QPushButton()
        self.skip.clicked.connect(self.without_customer.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(create_box, 1)
        row.addWidget(attach_box, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.skip)
        layout.addStretch(1)
        self._caller_number = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the interface's language; what the agent typed stays."""
        self.create_box.setTitle(self.tr("New customer"))
        self.name.setPlaceholderText(self.tr("Caller's name"))
        self.create_button.setText(self.tr("&Create and open"))
        self._name_label.setText(self.tr("&Name"))
        self._number_label.setText(self.tr("N&umber"))
        self.skip.setText(self.tr("Log &without a customer"))
        self._say(self.withheld, self._caller_number)

    def show_pop(self, pop: ScreenPop) -> None:
        withheld = pop.kind == PopKind.WITHHELD
        number = pop.caller.number_e164 or pop.caller.number_raw or ""
        self.name.setText(pop.caller.display_name or "")
        self.number.setText("" if withheld else number)
        self.withheld = withheld
        self._say(withheld, number)
        self.finder.clear()
        self.error.setText("")

    def _say(self, withheld: bool, number: str) -> None:
        self._caller_number = number
        if withheld:
            heading = self.tr("Withheld number")
            text = self.tr("The caller hid their number: ask who they are.")
        else:
            shown = html.escape(phone(number) if number else "")
            heading = self.tr("Unknown caller {number}").format(number=shown)
            text = self.tr("No record has this number.")
        self.title.setText(f"<h3>{heading}</h3>{text}")
        self.attach_box.setTitle(
            self.tr("An existing customer: open their record")
            if withheld
            else self.tr("Existing customer calling from a new number")
        )
        self.finder.setPlaceholderText(
            self.tr("Find the caller's record…")
            if withheld
            else self.tr("Find the customer to add this number to…")
        )

    def _attach(self, hit: SearchHit) -> None:
        if hit.customer_id is None:
            return
        if self.withheld or not self.number.text().strip():
            self.chosen.emit(hit.customer_id)
        else:
            self.attach.emit(hit.customer_id, self.number.text())
