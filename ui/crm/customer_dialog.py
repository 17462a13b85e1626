"""Editing a customer from the desk: the profile, saved with Save against the version read
(someone else's change is refused, not overwritten), and the numbers, e-mails and contacts,
each saved the moment it is added or removed (each is its own row, as every desk sees it)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.crm import contact_points, customers
from callcenter.crm.customer360 import load_customer_360
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ServiceError
from callcenter.platform.records import Customer360, CustomerProfile
from db.enums import CustomerKind, LifecycleStage, PhoneKind, ValueTier
from ui.common.collation import sorted_names
from ui.common.form import FieldErrors, button_row, save_and_cancel, select_data
from ui.common.formatting import label, phone
from ui.common.i18n import translate

# the profile's one-line texts: service field -> form label (in the CustomerDialog context)
TEXTS = (
    ("name", QT_TRANSLATE_NOOP("CustomerDialog", "&Name")),
    ("company_name", QT_TRANSLATE_NOOP("CustomerDialog", "&Company")),
    ("city", QT_TRANSLATE_NOOP("CustomerDialog", "C&ity")),
    ("region", QT_TRANSLATE_NOOP("CustomerDialog", "&Region")),
    ("industry", QT_TRANSLATE_NOOP("CustomerDialog", "In&dustry")),
)
CHOICES: tuple[tuple[str, str, type[StrEnum]], ...] = (
    ("kind", QT_TRANSLATE_NOOP("CustomerDialog", "&Kind"), CustomerKind),
    ("lifecycle_stage", QT_TRANSLATE_NOOP("CustomerDialog", "Sta&ge"), LifecycleStage),
    ("value_tier", QT_TRANSLATE_NOOP("CustomerDialog", "&Tier"), ValueTier),
)
# the profile's fields as "Profile saved (...)" names them (in the CustomerDialog context)
FIELD_WORDS = {
    "name": QT_TRANSLATE_NOOP("CustomerDialog", "name"),
    "company_name": QT_TRANSLATE_NOOP("CustomerDialog", "company name"),
    "city": QT_TRANSLATE_NOOP("CustomerDialog", "city"),
    "region": QT_TRANSLATE_NOOP("CustomerDialog", "region"),
    "industry": QT_TRANSLATE_NOOP("CustomerDialog", "industry"),
    "kind": QT_TRANSLATE_NOOP("CustomerDialog", "kind"),
    "lifecycle_stage": QT_TRANSLATE_NOOP("CustomerDialog", "lifecycle stage"),
    "value_tier": QT_TRANSLATE_NOOP("CustomerDialog", "value tier"),
    "tags": QT_TRANSLATE_NOOP("CustomerDialog", "tags"),
    "notes": QT_TRANSLATE_NOOP("CustomerDialog", "notes"),
}
# Tags are separated by commas, the ASCII one or the one a Chinese input method types.
TAG_SEPARATOR = re.compile(r"[,\uff0c]")
# A mnemonic as a label writes it: "&Name", or "名称(&N)" where the letter is not in the word.
MNEMONIC = re.compile(r"\s*\(&[^)]\)|&(?=[^&])")


def _plain(title: str) -> str:
    """A form label without its mnemonic, to name the field in an error."""
    return MNEMONIC.sub("", title)


def _field_words(field: str) -> str:
    words = FIELD_WORDS.get(field)
    return translate("CustomerDialog", words) if words else label(field).lower()


def _choices(enum_cls: type[StrEnum]) -> QComboBox:
    combo = QComboBox()
    for member in enum_cls:
        combo.addItem(label(member), member)
    return combo


class CustomerDialog(QDialog):
    """Signals: changed(): something was saved; the record on screen is out of date."""

    changed = Signal()

    def __init__(
        self, ctx: ServiceContext, customer_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.record: Customer360 = load_customer_360(ctx, customer_id)
        self.setWindowTitle(self.tr("Edit {name}").format(name=self.record.profile.name))
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._profile_page(), self.tr("&Profile"))
        self.tabs.addTab(self._numbers_page(), self.tr("N&umbers"))
        self.tabs.addTab(self._emails_page(), self.tr("&E-mails"))
        self.tabs.addTab(self._contacts_page(), self.tr("C&ontacts"))
        self.said = QLabel()
        self.said.setObjectName("customerDialogSaid")
        self.said.setWordWrap(True)
        self.save_button, close = save_and_cancel(self, self.save_profile)
        self.save_button.setText(self.tr("&Save profile"))
        # Enter adds on the list pages (their fields' own action), and saves on the profile.
        self.tabs.currentChanged.connect(lambda index: self.save_button.setDefault(index == 0))
        self.new_number.returnPressed.connect(self.add_number)
        self.new_email.returnPressed.connect(self.add_email)
        self.contact_name.returnPressed.connect(self.add_contact)
        self.contact_title.returnPressed.connect(self.add_contact)
        close.setText(self.tr("Close"))
        close.setToolTip(self.tr("Close; numbers, e-mails and contacts are already saved (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general)
        layout.addWidget(self.said)
        layout.addLayout(button_row(self.save_button, close))
        self._fill_profile(self.record.profile)
        self._fill_lists()
        self.resize(640, 480)

    # The profile -------------------------------------------------------------------------

    def _profile_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.texts: dict[str, QLineEdit] = {}
        for field, words in TEXTS:
            title = translate("CustomerDialog", words)
            edit = self.texts[field] = QLineEdit()
            form.addRow(title, self.errors.wrap(edit, _plain(title), field))
        self.choices: dict[str, QComboBox] = {}
        for field, words, enum_cls in CHOICES:
            title = translate("CustomerDialog", words)
            combo = self.choices[field] = _choices(enum_cls)
            form.addRow(title, self.errors.wrap(combo, _plain(title), field))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. vip, key account"))
        form.addRow(self.tr("T&ags"), self.errors.wrap(self.tags, self.tr("Tags"), "tags"))
        self.notes = QPlainTextEdit()
        form.addRow(self.tr("No&tes"), self.notes)
        return page

    def _fill_profile(self, profile: CustomerProfile) -> None:
        self.profile = profile
        for field, edit in self.texts.items():
            edit.setText(getattr(profile, field) or "")
        for field, combo in self.choices.items():
            select_data(combo, getattr(profile, field))
        self.tags.setText(", ".join(profile.tags))
        self.notes.setPlainText(profile.notes)

    def profile_changes(self) -> dict[str, object]:
        """The fields the agent changed (so a save touches nothing else)."""
        p = self.profile
        changes: dict[str, object] = {}
        for field, edit in self.texts.items():
            if edit.text().strip() != (getattr(p, field) or ""):
                changes[field] = edit.text()
        for field, combo in self.choices.items():
            if combo.currentData() != getattr(p, field):
                changes[field] = combo.currentData()
        tags = tuple(t.strip() for t in TAG_SEPARATOR.split(self.tags.text()) if t.strip())
        if tags != p.tags:
            changes["tags"] = tags
        if self.notes.toPlainText() != p.notes:
            changes["notes"] = self.notes.toPlainText()
        return changes

    def save_profile(self) -> None:
        changes = self.profile_changes()
        if not changes:
            self._say(self.tr("Nothing in the profile changed."))
            return
        try:
            saved = customers.update_customer(
                self.ctx, self.customer_id, self.profile.version, **changes
            )
        except ServiceError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self._fill_profile(saved)
        self.setWindowTitle(self.tr("Edit {name}").format(name=saved.name))
        fields = self.tr(", ").join(_field_words(k) for k in sorted(changes))
        self._say(self.tr("Profile saved ({fields}).").format(fields=fields))
        self.changed.emit()

    # Numbers, e-mails, contacts ----------------------------------------------------------

    def _holder(self) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(self.tr("Whose it is: the customer's own, or one of their contacts'"))
        return combo

    def _list_page(
        self,
        name: str,
        rows: list[tuple[str, QWidget]],
        add: Callable[[], None],
        remove: Callable[[], None],
    ) -> tuple[QWidget, QListWidget]:
        """A list with the fields to add one below it; buttons named ``add<Name>`` and
        ``remove<Name>``."""
        page = QWidget()
        items = QListWidget()
        grid = QGridLayout()
        for row, (title, widget) in enumerate(rows):
            caption = QLabel(title)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1)
        add_button = QPushButton(self.tr("&Add"))
        remove_button = QPushButton(self.tr("Re&move selected"))
        add_button.setObjectName(f"add{name}")
        remove_button.setObjectName(f"remove{name}")
        add_button.setAutoDefault(False)
        remove_button.setAutoDefault(False)
        add_button.clicked.connect(add)
        remove_button.clicked.connect(remove)
        layout = QVBoxLayout(page)
        layout.addWidget(items, 1)
        layout.addLayout(grid)
        layout.addLayout(button_row(add_button, remove_button))
        return page, items

    def _numbers_page(self) -> QWidget:
        self.new_number = QLineEdit()
        self.new_number.setPlaceholderText(self.tr("as the customer says it, e.g. 07700 900123"))
        self.number_kind = _choices(PhoneKind)
        self.number_holder = self._holder()
        page, self.numbers = self._list_page(
            "Number",
            [
                (self.tr("Num&ber"), self.new_number),
                (self.tr("K&ind"), self.number_kind),
                (self.tr("Whose"), self.number_holder),
            ],
            self.add_number,
            lambda: self._remove(self.numbers, contact_points.remove_number),
        )
        return page

    def _emails_page(self) -> QWidget:
        self.new_email = QLineEdit()
        self.email_holder = self._holder()
        page, self.emails = self._list_page(
            "Email",
            [(self.tr("Add&ress"), self.new_email), (self.tr("Whose"), self.email_holder)],
            self.add_email,
            lambda: self._remove(self.emails, contact_points.remove_email),
        )
        return page

    def _contacts_page(self) -> QWidget:
        self.contact_name = QLineEdit()
        self.contact_title = QLineEdit()
        self.contact_title.setPlaceholderText(self.tr("e.g. Buyer, Accounts"))
        page, self.contacts = self._list_page(
            "Contact",
            [(self.tr("Na&me"), self.contact_name), (self.tr("T&itle"), self.contact_title)],
            self.add_contact,
            lambda: self._remove(self.contacts, contact_points.remove_contact),
        )
        self.rename_button = QPushButton(self.tr("Re&name selected"))
        self.rename_button.setAutoDefault(False)
        self.rename_button.clicked.connect(self.rename_contact)
        page.layout().addWidget(self.rename_button)
        self.contacts.currentItemChanged.connect(self._contact_selected)
        return page

    def _fill_lists(self) -> None:
        record = self.record
        names = {c.id: c.name for c in record.contacts}
        contacts = sorted_names(record.contacts, key=lambda c: c.name)

        def whose(contact_id: uuid.UUID | None) -> str:
            return f" · {names[contact_id]}" if contact_id in names else ""

        def fill(items: QListWidget, rows: list[tuple[str, uuid.UUID]]) -> None:
            items.clear()
            for text, row_id in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row_id)
                items.addItem(item)

        fill(
            self.numbers,
            [
                (f"{phone(n.e164) or n.raw} · {label(n.kind)}{whose(n.contact_id)}", n.id)
                for n in record.profile.phones
            ],
        )
        fill(
            self.emails,
            [(f"{e.address}{whose(e.contact_id)}", e.id) for e in record.profile.emails],
        )
        fill(
            self.contacts,
            [(c.name + (f" — {c.title}" if c.title else ""), c.id) for c in contacts],
        )
        for holder in (self.number_holder, self.email_holder):
            holder.clear()
            holder.addItem(self.tr("The customer"), None)
            for contact in contacts:
                holder.addItem(contact.name, contact.id)

    def _changed(self, words: str) -> None:
        self.general.hide()
        self.record = load_customer_360(self.ctx, self.customer_id)
        self._fill_lists()
        self._say(words)
        self.changed.emit()

    def _refused(self, exc: ServiceError) -> None:
        self.general.setText(str(exc))
        self.general.show()

    def add_number(self) -> None:
        try:
            added = customers.attach_number(
                self.ctx,
                self.customer_id,
                self.new_number.text(),
                self.number_kind.currentData(),
                self.number_holder.currentData(),
            )
        except ServiceError as exc:
            self._refused(exc)
            return
        self.new_number.clear()
        self._changed(
            self.tr("Added {number}: calls from it pop this record.").format(
                number=phone(added.e164) or added.raw
            )
        )

    def add_email(self) -> None:
        try:
            added = contact_points.add_email(
                self.ctx, self.customer_id, self.new_email.text(), self.email_holder.currentData()
            )
        except ServiceError as exc:
            self._refused(exc)
            return
        self.new_email.clear()
        self._changed(self.tr("Added {address}.").format(address=added.address))

    def add_contact(self) -> None:
        try:
            added = contact_points.add_contact(
                self.ctx, self.customer_id, self.contact_name.text(), self.contact_title.text()
            )
        except ServiceError as exc:
            self._refused(exc)
            return
        self.contact_name.clear()
        self.contact_title.clear()
        self._changed(self.tr("Added the contact {name}.").format(name=added.name))

    def _contact_selected(self, item: QListWidgetItem | None) -> None:
        contact = next(
            (
                c
                for c in self.record.contacts
                if item and c.id == item.data(Qt.ItemDataRole.UserRole)
            ),
            None,
        )
        if contact is not None:
            self.contact_name.setText(contact.name)
            self.contact_title.setText(contact.title or "")

    def rename_contact(self) -> None:
        item = self.contacts.currentItem()
        if item is None:
            self._say(self.tr("Choose the contact to rename first."))
            return
        try:
            renamed = contact_points.update_contact(
                self.ctx,
                item.data(Qt.ItemDataRole.UserRole),
                self.contact_name.text(),
                self.contact_title.text(),
            )
        except ServiceError as exc:
            self._refused(exc)
            return
        self._changed(self.tr("Saved the contact {name}.").format(name=renamed.name))

    def _remove(
        self, items: QListWidget, remove: Callable[[ServiceContext, uuid.UUID], None]
    ) -> None:
        item = items.currentItem()
        if item is None:
            self._say(self.tr("Choose what to remove first."))
            return
        try:
            remove(self.ctx, item.data(Qt.ItemDataRole.UserRole))
        except ServiceError as exc:
            self._refused(exc)
            return
        self._changed(self.tr("Removed {item}.").format(item=item.text()))

    def _say(self, words: str) -> None:
        self.said.setText(words)
