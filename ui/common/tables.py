"""Read-only, sortable tables over the shared item models, for every window's lists."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.common.models import SortProxy

#: Rows besides those on screen that a table's column widths are fitted to.
RESIZE_ROWS = 50


def make_table(model: QAbstractItemModel) -> QTableView:
    """A read-only, sortable table over a RecordTableModel or a SnapshotTableModel."""
    view = QTableView()
    view.setModel(SortProxy(model, view))
    # No sort indicator: rows keep the service's order (newest first) until a header is clicked.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    # Columns fit the rows on screen and RESIZE_ROWS more, not every row: fitting 1,400 due
    # callbacks held the GUI thread for 300 ms at each refresh.
    for header in (view.horizontalHeader(), view.verticalHeader()):
        header.setResizeContentsPrecision(RESIZE_ROWS)
    return view


def selected_record(view: QTableView) -> object | None:
    """The record in the current row of a table made by ``make_table``."""
    index = view.currentIndex()
    proxy = view.model()
    return proxy.record_at(index) if index.isValid() and isinstance(proxy, SortProxy) else None


def record_key(record: object) -> object:
    """What identifies a record across refreshes: its ``id`` (or ``interaction_id``)."""
    return getattr(record, "id", None) or getattr(record, "interaction_id", None)


def select_record(view: QTableView, key: object) -> bool:
    """Select the row whose record has ``key`` (after the rows were replaced); False when it
    is no longer listed."""
    proxy = view.model()
    if key is None or not isinstance(proxy, SortProxy):
        return False
    for row in range(proxy.rowCount()):
        if record_key(proxy.record_at(proxy.index(row, 0))) == key:
            view.selectRow(row)
            return True
    return False
