"""Supervise ▸ Likely duplicates: pairs that look like one customer, side by side, and Merge.

The pairs and the two records are read from the shared store on a worker thread; the merge
is written on this desk's store in one transaction and pushed like any other edit
(``callcenter.crm.merge``). The confirmation says what moves to the record that stays.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm.duplicates import DuplicatePair, DuplicateReason, Reason, likely_duplicates
from callcenter.crm.duplicates import duplicates_of as read_duplicates_of
from callcenter.crm.merge import (
    CustomerSide,
    MergePlan,
    MergeResult,
    describe,
    merge_customers,
    plan,
    rehome,
)
from callcenter.platform.context import ServiceContext
from ui.common.form import button_row
from ui.common.formatting import phone
from ui.common.models import Column, RecordTableModel
from ui.common.tables import make_table, selected_record
from ui.common.workers import Reads

_CONTEXT = "DuplicatesDialog"
_REASONS = {
    Reason.SAME_NUMBER: QT_TRANSLATE_NOOP("DuplicatesDialog", "same number %1"),
    Reason.SAME_EMAIL: QT_TRANSLATE_NOOP("DuplicatesDialog", "same e-mail %1"),
    Reason.SAME_NAME_AND_COMPANY: QT_TRANSLATE_NOOP("DuplicatesDialog", "same name and company %1"),
    Reason.SAME_NAME_AND_CITY: QT_TRANSLATE_NOOP(
        "DuplicatesDialog", "same name, no company, city %1"
    ),
}
_SIMILAR = {
    Reason.SAME_NAME_AND_COMPANY: QT_TRANSLATE_NOOP(
        "DuplicatesDialog", "similar name and same company %1"
    ),
    Reason.SAME_NAME_AND_CITY: QT_TRANSLATE_NOOP(
        "DuplicatesDialog", "similar name, no company, city %1"
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def reason_text(reason: DuplicateReason) -> str:
    """One reason in words, with what is the same."""
    words = _SIMILAR.get(reason.reason) if reason.similar else None
    value = reason.value or "—"
    if reason.reason == Reason.SAME_NUMBER and reason.value:
        value = phone(reason.value)
    return _tr(words or _REASONS[reason.reason]).replace("%1", value)


def _who(side: Any) -> str:
    return " · ".join(p for p in (side.name, side.company_name, side.city) if p)


def _why(pair: DuplicatePair) -> str:
    return "; ".join(map(reason_text, pair.reasons))


def _columns() -> tuple[Column[DuplicatePair], ...]:
    return (
        Column(
            QT_TRANSLATE_NOOP("Columns", "Why"), lambda p: "; ".join(map(reason_text, p.reasons))
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "One record"), lambda p: _who(p.first)),
        Column(QT_TRANSLATE_NOOP("Columns", "The other"), lambda p: _who(p.second)),
    )


class _SideBox(QGroupBox):
    """One record of the pair, and the choice to keep it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep = QRadioButton()
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keep)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def show_side(self, side: CustomerSide | None) -> None:
        self.keep.setText(self.tr("Keep this record"))
        if side is None:
            self.setTitle("")
            self.details.setText("")
            return
        # A title's "&" marks a mnemonic: a company's own ("Granite Retail & Co.") is doubled.
        self.setTitle(side.name.replace("&", "&&"))
        none = "—"
        lines = [
            self.tr("Company: {value}").format(value=side.company_name or none),
            self.tr("City: {value}").format(value=side.city or none),
            self.tr("Numbers: {value}").format(
                value=", ".join(phone(p) for p in side.phones) or none
            ),
            self.tr("E-mails: {value}").format(value=", ".join(side.emails) or none),
            self.tr("Calls: {count}").format(count=side.count("interactions")),
            self.tr("Requests: {count}").format(count=side.count("service_requests")),
            self.tr("Orders: {count}").format(count=side.count("orders")),
        ]
        self.details.setText("\n".join(lines))


class DuplicatesDialog(QDialog):
    """The likely pairs with their reasons, the two records side by side, and Merge.

    Signals (GUI thread):
        loaded(int): the list was read; the number of pairs.
        compared(object): the chosen pair's two records (a tuple of CustomerSide) were read.
        merged(object): a merge was written; its MergeResult.
        failed(str): a read or the merge failed, in words (also shown in the dialog).
    """

    loaded = Signal(int)
    compared = Signal(object)
    merged = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        ctx: ServiceContext,
        writer: ServiceContext,
        parent: QWidget | None = None,
        *,
        customer_id: uuid.UUID | None = None,
    ) -> None:
        """``ctx`` reads the pairs (the shared store); ``writer`` is the desk's store a merge
        goes to. With ``customer_id`` only that customer's pairs are listed."""
        super().__init__(parent)
        self.ctx, self.writer, self.customer_id = ctx, writer, customer_id
        self.setWindowTitle(self.tr("Likely duplicates"))
        self.resize(980, 560)
        self.model: RecordTableModel[DuplicatePair] = RecordTableModel(_columns(), self)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._compare())
        self.left, self.right = _SideBox(), _SideBox()
        self.keep = QButtonGroup(self)
        self.keep.addButton(self.left.keep)
        self.keep.addButton(self.right.keep)
        self.left.keep.setChecked(True)
        sides = QGridLayout()
        sides.addWidget(self.left, 0, 0)
        sides.addWidget(self.right, 0, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.ask_merge)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(sides)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.merge_button, self.refresh_button, close))
        self._reads_off = Reads("likely-duplicates", self)
        self._reads_off.failed.connect(self._failed)
        self._sides: tuple[CustomerSide, CustomerSide] | None = None
        # Merged here: the shared store may list them until this desk's push has reached it.
        self._gone: set[uuid.UUID] = set()
        self._reads = 0
        self.reload()

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """``work`` on a worker thread (it reads a store), ``then`` its result here."""
        self._reads_off.run(work, then)

    def done(self, result: int) -> None:
        """Closing waits for a read still running (``ui.common.workers``)."""
        self._reads_off.wait()
        super().done(result)

    def reload(self) -> None:
        """Read the pairs again (after a merge, or when asked)."""
        self._reads += 1
        read = self._reads
        self.status.setText(self.tr("Looking for likely duplicates…"))
        self.merge_button.setEnabled(False)
        customer = self.customer_id

        def work() -> list[DuplicatePair]:
            if customer is None:
                return likely_duplicates(self.ctx)
            return read_duplicates_of(self.ctx, customer)

        self._run(work, lambda pairs: self._show(pairs, read))

    def _show(self, pairs: list[DuplicatePair], read: int) -> None:
        if read != self._reads:
            return
        pairs = [p for p in pairs if not {p.first.id, p.second.id} & self._gone]
        self.model.set_rows(pairs)
        self._sides = None
        self.left.show_side(None)
        self.right.show_side(None)
        self.status.setText(
            self.tr("%n likely pair(s)", "", len(pairs)) if pairs else self.tr("No likely pairs.")
        )
        if pairs:
            self.table.selectRow(0)
        self.loaded.emit(len(pairs))

    def pair(self) -> DuplicatePair | None:
        record = selected_record(self.table)
        return record if isinstance(record, DuplicatePair) else None

    def _compare(self) -> None:
        pair = self.pair()
        if pair is None:
            return
        self.merge_button.setEnabled(False)
        first, second = pair.first.id, pair.second.id
        self._run(
            lambda: (describe(self.ctx, first), describe(self.ctx, second)),
            lambda sides: self._show_sides(pair, sides),
        )

    def _show_sides(self, pair: DuplicatePair, sides: tuple[CustomerSide, CustomerSide]) -> None:
        if self.pair() != pair:
            return  # another pair was chosen meanwhile
        self._sides = sides
        self.left.show_side(sides[0])
        self.right.show_side(sides[1])
        # The record with more history stays unless the supervisor says otherwise.
        busier = sum(n for _t, n in sides[1].rows) > sum(n for _t, n in sides[0].rows)
        (self.right if busier else self.left).keep.setChecked(True)
        self.merge_button.setEnabled(True)
        self.compared.emit(sides)

    def chosen_plan(self) -> MergePlan | None:
        if self._sides is None:
            return None
        first, second = self._sides
        return plan(first, second) if self.left.keep.isChecked() else plan(second, first)

    def rows_moved(self, table: str, count: int) -> str:
        """How many rows of a table move, in words (each with its plural forms)."""
        words = {
            "interactions": lambda: self.tr("%n call(s) and contact(s)", "", count),
            "service_requests": lambda: self.tr("%n service request(s)", "", count),
            "callbacks": lambda: self.tr("%n callback(s)", "", count),
            "orders": lambda: self.tr("%n order(s)", "", count),
            "invoices": lambda: self.tr("%n invoice(s)", "", count),
            "payments": lambda: self.tr("%n payment(s)", "", count),
            "shipments": lambda: self.tr("%n shipment(s)", "", count),
            "contacts": lambda: self.tr("%n contact person(s)", "", count),
            "phone_numbers": lambda: self.tr("%n number(s)", "", count),
            "emails": lambda: self.tr("%n e-mail address(es)", "", count),
        }.get(table)
        return words() if words is not None else f"{table}: {count}"

    def confirmation(self, merge: MergePlan) -> str:
        """The question the supervisor answers: which record goes, what moves where."""
        text = (
            self.tr("Merge “%1” into “%2”? “%1” is kept only as a pointer to “%2”.")
            .replace("%1", _who(merge.other))
            .replace("%2", _who(merge.survivor))
        )
        moved = [
            "• "
            + self.rows_moved(m.table, m.rows)
            + (self.tr(" (%n already there)", "", m.united) if m.united else "")
            for m in merge.moved
        ]
        if moved:
            text += "\n\n" + self.tr("Moves to the record that stays:") + "\n" + "\n".join(moved)
        return text

    def ask_merge(self) -> None:
        merge = self.chosen_plan()
        if merge is None:
            return
        title = self.tr("Merge customers")
        if QMessageBox.question(self, title, self.confirmation(merge)) != (
            QMessageBox.StandardButton.Yes
        ):
            self.status.setText(self.tr("Nothing was merged."))
            return
        self.merge_button.setEnabled(False)
        survivor, other = merge.survivor.id, merge.other.id

        def work() -> MergeResult:
            result = merge_customers(self.writer, survivor, other)
            rehome(self.writer)
            return result

        self._run(work, self._merged)

    def _merged(self, result: MergeResult) -> None:
        self._gone.add(result.other_id)
        self.reload()
        self.status.setText(self.tr("Merged; every desk gets it at its next sync."))
        self.merged.emit(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.merge_button.setEnabled(self._sides is not None)
        self.failed.emit(message)


def open_merge_for(
    ctx: ServiceContext, writer: ServiceContext, customer_id: uuid.UUID, parent: QWidget | None
) -> DuplicatesDialog:
    """The dialog listing one customer's likely duplicates only (for the record view)."""
    dialog = DuplicatesDialog(ctx, writer, parent, customer_id=customer_id)
    dialog.show()
    return dialog
