"""Table models over lists of frozen records, so every list in the desk is an item model.

Columns are declared once (header, how to read the value, how to show it); sorting uses the
raw value, so dates and amounts sort as dates and amounts, not as text. Text sorts as the reader
sorts it (``ui.common.collation``: pinyin for Chinese, "SR-9" before "SR-10", case aside),
by the words the cell shows; a stored value of a fixed set (an enum: priorities, statuses) in
the set's own order; empty cells last.

Two models take the same columns. ``RecordTableModel`` answers Qt from Python, cell by cell,
as the view asks: right for long lists of which a screenful is drawn (the supervisor's
boards). ``SnapshotTableModel`` works every cell out once when its rows are set and hands Qt
the finished items, so painting and column sizing run in C++: right for the short lists the
screen pop shows whole, where Qt 6 asks seven roles of every cell on each paint and the
Python answers cost more than reading the record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCollator,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from ui.common.collation import collator
from ui.common.i18n import translate

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
#: What a cell sorts by: (empty, kind, value); the kind keeps raw values, a fixed set's members
#: and texts apart, so a collator's key is only ever compared with another.
SortKey = tuple[bool, int, Any]
RAW, MEMBER, TEXT = 0, 1, 2
EMPTY: SortKey = (True, RAW, 0)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
FOREGROUND = Qt.ItemDataRole.ForegroundRole


#: The catalogue context of column headers: mark each with ``QT_TRANSLATE_NOOP(COLUMNS, ...)``
#: (lupdate needs the literal ``"Columns"`` there); the models translate them when shown.
COLUMNS = "Columns"


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Any]
    text: Callable[[Any], str] = str
    colour: Callable[[T], str | None] | None = None

    def sort_key(self, record: T, order: QCollator) -> SortKey:
        """Empty values (None, no text) last; a text by the words shown, as ``order`` sorts
        them; an enum's member in the enum's order; the rest by their raw value."""
        value = self.value(record)
        if value is None:
            return EMPTY
        if isinstance(value, Enum):
            return (False, MEMBER, _declared(value))
        if isinstance(value, str):
            text = self.text(value)
            return (False, TEXT, order.sortKey(text)) if text else EMPTY
        return (False, RAW, value)


def _declared(member: Enum) -> int:
    """Where ``member`` is declared in its enum (priorities low to urgent, a status's life)."""
    return type(member)._member_names_.index(member.name)


class SortKeys(Generic[T]):
    """Each row's sort key in a column, worked out for the whole column when the column is
    first sorted (one collator, for the locale of the moment, one key per cell) and kept until
    the rows change or a sort starts afresh (the language may have changed since)."""

    def __init__(self, columns: Sequence[Column[T]]) -> None:
        self._columns = columns
        self._keys: dict[int, list[SortKey]] = {}

    def key(self, rows: Sequence[T], row: int, column: int) -> SortKey:
        keys = self._keys.get(column)
        if keys is None:
            order, read = collator(), self._columns[column]
            keys = self._keys[column] = [read.sort_key(record, order) for record in rows]
        return keys[row]

    def forget(self) -> None:
        self._keys.clear()


_brushes: dict[str, QBrush] = {}


def brush(colour: str) -> QBrush:
    """One brush per colour name, made once (the same few colours recur in every table)."""
    made = _brushes.get(colour)
    if made is None:
        made = _brushes[colour] = QBrush(QColor(colour))
    return made


class RecordsModel(Protocol):
    """What the views and the sort proxy need of either model."""

    def record(self, row: int) -> Any: ...

    def sort_key(self, row: int, column: int) -> SortKey: ...

    def forget_sort_keys(self) -> None: ...


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are records of one type; ``set_rows`` replaces them all (a fresh service result)."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sort_keys = SortKeys(self._columns)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys.forget()
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def sort_key(self, row: int, column: int) -> SortKey:
        return self._sort_keys.key(self._rows, row, column)

    def forget_sort_keys(self) -> None:
        self._sort_keys.forget()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self._columns)

    def retitle(self) -> None:
        """The headers in the interface's language again (after a switch)."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def headerData(  # noqa: N802 - Qt's API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate(COLUMNS, self._columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return "" if value is None else column.text(value)
        if role == RECORD_ROLE:
            return record
        if role == FOREGROUND and column.colour is not None:
            colour = column.colour(record)
            return brush(colour) if colour else None
        return None


class SnapshotTableModel(QStandardItemModel, Generic[T]):
    """A short list shown whole: each cell's text and colour are made once, in ``set_rows``.

    Colours that depend on the time (an SLA running out) are worked out again by
    ``recolour``, which the view calls on a timer.
    """

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(0, len(columns), parent)
        self._columns = list(columns)
        self._coloured = [(i, c) for i, c in enumerate(self._columns) if c.colour is not None]
        self._rows: list[T] = []
        self._sort_keys = SortKeys(self._columns)
        self.setHorizontalHeaderLabels([translate(COLUMNS, c.header) for c in self._columns])

    def retitle(self) -> None:
        """The headers in the interface's language again (after a switch)."""
        self.setHorizontalHeaderLabels([translate(COLUMNS, c.header) for c in self._columns])

    def set_rows(self, rows: Sequence[T]) -> None:
        self._rows = list(rows)
        self._sort_keys.forget()
        self.setRowCount(0)
        for record in self._rows:
            items = []
            for column in self._columns:
                value = column.value(record)
                item = QStandardItem("" if value is None else column.text(value))
                if column.colour is not None:
                    colour = column.colour(record)
                    if colour:
                        item.setForeground(brush(colour))
                items.append(item)
            self.appendRow(items)

    def recolour(self) -> None:
        """Colours again, for the time now; only cells whose colour changed are touched."""
        for row, record in enumerate(self._rows):
            for index, column in self._coloured:
                assert column.colour is not None
                colour = column.colour(record)
                wanted = brush(colour) if colour else None
                item = self.item(row, index)
                if item.data(FOREGROUND) != wanted:
                    # No colour is no data at all: an empty brush would paint the text invisible.
                    item.setData(wanted, FOREGROUND)

    def record(self, row: int) -> T:
        return self._rows[row]

    def sort_key(self, row: int, column: int) -> SortKey:
        return self._sort_keys.key(self._rows, row, column)

    def forget_sort_keys(self) -> None:
        self._sort_keys.forget()


class SortProxy(QSortFilterProxyModel):
    """Sorts by the raw values of the records, and finds the record behind a view's row."""

    def __init__(self, source: QAbstractItemModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: RecordsModel = source  # type: ignore[assignment]
        self.setSourceModel(source)

    def record_at(self, index: Index) -> Any:
        """The record shown in the row of ``index`` (an index of this proxy)."""
        return self._records.record(self.mapToSource(index).row())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort afresh: keys for the locale now (a language switched since sorts anew)."""
        self._records.forget_sort_keys()
        super().sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt's API
        a = self._records.sort_key(left.row(), left.column())
        b = self._records.sort_key(right.row(), right.column())
        try:
            return bool(a < b)
        except (TypeError, NotImplementedError):  # raw values of unlike types
            return str(a) < str(b)
