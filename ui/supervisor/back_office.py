"""The supervisor window's back office: Supervise ▸ Likely duplicates, Audit trail and Export
customers for supervisors and admins, and the Admin menu (the data dictionary, people, import,
call scripts, knowledge articles) for admins only, as the database's grants allow.

Which store each window works on follows what it does: edits that replicate like any other
(the dictionary, scripts and articles, merges) are written on the desk's own store; people
(database roles), the audit trail, imports and exports need the whole shared store.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from callcenter.platform.context import ServiceContext
from callcenter.platform.permissions import Action, allowed
from ui.administration.audit_dialog import AuditDialog
from ui.administration.dictionary_dialog import DictionaryDialog
from ui.administration.export_dialog import ExportDialog
from ui.administration.import_dialog import ImportDialog
from ui.administration.people_dialog import PeopleDialog
from ui.crm.duplicates_dialog import DuplicatesDialog
from ui.knowledge.editors import ArticleEditor, ScriptEditor


def _opener(make: Callable[[], QWidget]) -> Callable[[], QWidget]:
    def open_window() -> QWidget:
        window = make()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    return open_window


class BackOffice:
    """Adds the back-office entries to a supervisor window's menus; ``open`` names each."""

    def __init__(
        self,
        window: QMainWindow,
        supervise: QMenu,
        shared: ServiceContext,
        writer: ServiceContext,
    ) -> None:
        self.actions: dict[str, QAction] = {}
        self.open: dict[str, Callable[[], QWidget]] = {
            "duplicates": _opener(lambda: DuplicatesDialog(shared, writer, window)),
            "audit": _opener(lambda: AuditDialog(shared, window)),
            "export": _opener(lambda: ExportDialog(shared, window)),
            "dictionary": _opener(lambda: DictionaryDialog(writer, window)),
            "people": _opener(lambda: PeopleDialog(shared, window)),
            "import": _opener(lambda: ImportDialog(shared, window)),
            "scripts": _opener(lambda: ScriptEditor(writer, window)),
            "articles": _opener(lambda: ArticleEditor(writer, window)),
        }
        supervise.addSeparator()
        self._add(
            supervise, "duplicates", QCoreApplication.translate("BackOffice", "Likely &duplicates…")
        )
        self._add(supervise, "audit", QCoreApplication.translate("BackOffice", "Audit &trail…"))
        self._add(
            supervise, "export", QCoreApplication.translate("BackOffice", "E&xport customers…")
        )
        if not allowed(writer, Action.EDIT_DICTIONARY):
            return
        admin = window.menuBar().addMenu(QCoreApplication.translate("BackOffice", "&Admin"))
        self._add(
            admin, "dictionary", QCoreApplication.translate("BackOffice", "Data &dictionary…")
        )
        self._add(admin, "people", QCoreApplication.translate("BackOffice", "&People…"))
        self._add(admin, "import", QCoreApplication.translate("BackOffice", "&Import customers…"))
        admin.addSeparator()
        self._add(admin, "scripts", QCoreApplication.translate("BackOffice", "Call &scripts…"))
        self._add(
            admin, "articles", QCoreApplication.translate("BackOffice", "Knowledge &articles…")
        )

    def _add(self, menu: QMenu, name: str, text: str) -> None:
        action = menu.addAction(text)
        action.triggered.connect(self.open[name])
        self.actions[name] = action
