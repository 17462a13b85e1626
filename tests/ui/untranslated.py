"""Find English left on screen: every text a widget tree shows, checked for Latin words.

With the interface in Chinese and only Chinese data on screen, a Latin word is an
untranslated string, unless it is one of the few terms that stay as they are (``KEEP``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QChart,
    QChartView,
    QPieSeries,
)
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

#: Terms a Chinese contact center writes in Latin letters too.
KEEP = frozenset(
    {
        "SIP",
        "SLA",
        "SKU",
        "UTF",
        "CSV",
        "XLSX",
        "PDF",
        "ASA",
        "AHT",
        "ID",
        "URL",
        "UDP",
        "TCP",
        "TLS",
        "DTMF",
        "IVR",
        "OS",
        "UTC",
        "PostgreSQL",
        "SQLite",
        "PulseAudio",
        "Qt",
        "ms",
        "s",
        "pid",
        "E",
        "Ctrl",
        "Shift",
        "Alt",
        "Esc",
        "Enter",
        "Tab",
        "Del",
        "Space",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "F9",
        "F10",
        "F11",
        "F12",
        "English",
    }
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.]*")
_MNEMONIC = re.compile(r"\(&[A-Za-z0-9]\)|&(?=[A-Za-z0-9])")
_ADDRESS = re.compile(r"\S+@\S+|\w+://\S+")
#: A call script's fields as an admin types them ("{name}"): the template's syntax, data.
_FIELD = re.compile(r"\{[a-z_]+\}")
#: A SIP status line as the phone got it ("SIP 486 Busy Here"): the protocol's words, data.
_SIP_STATUS = re.compile(r"\bSIP \d{3}\b.*$", re.M)


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` that are not kept terms, mnemonics or addresses."""
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    plain = _FIELD.sub(" ", _SIP_STATUS.sub(" ", _ADDRESS.sub(" ", _MNEMONIC.sub("", text))))
    return [w for w in _WORD.findall(plain) if len(w) > 1 and w.rstrip(".") not in KEEP]


def _actions(widget: QWidget) -> Iterator[tuple[str, str]]:
    for action in widget.actions():
        yield "action", action.text()
        yield "action tip", action.toolTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield "menu", menu.title()
            yield from _actions(menu)


def _header(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None or isinstance(model, QAbstractListModel):  # a list has no header
        return
    for column in range(model.columnCount(QModelIndex())):
        value = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(value, str):
            yield "column", value


def _chart(chart: QChart) -> Iterator[tuple[str, str]]:
    yield "chart", chart.title()
    for axis in chart.axes():
        yield "axis", axis.titleText()
        if isinstance(axis, QBarCategoryAxis):
            for category in axis.categories():
                yield "category", category
    for series in chart.series():
        yield "series", series.name()
        for bar in series.barSets() if isinstance(series, QAbstractBarSeries) else ():
            yield "bar", bar.label()
        for part in series.slices() if isinstance(series, QPieSeries) else ():
            yield "slice", part.label()


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for every text ``root`` and its children show or tip."""
    for widget in [root, *root.findChildren(QWidget)]:
        yield "title", widget.windowTitle()
        yield "tooltip", widget.toolTip()
        yield "status tip", widget.statusTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield type(widget).__name__, widget.text()
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield "placeholder", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield "group", widget.title()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield "tab", widget.tabText(i)
                yield "tab tip", widget.tabToolTip(i)
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield "tab", widget.tabText(i)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield "choice", widget.itemText(i)
        if isinstance(widget, QAbstractItemView):
            yield from _header(widget)
        if isinstance(widget, QChartView):
            yield from _chart(widget.chart())
        if isinstance(widget, QMainWindow):
            yield "status bar", widget.statusBar().currentMessage()
        yield from _actions(widget)


def untranslated(root: QWidget, data: frozenset[str] = frozenset()) -> list[str]:
    """Each shown text with Latin words, as ``what: text [words]``; ``data`` are words the
    test put on screen as data (user names, which are Latin by rule)."""
    found = []
    for what, text in shown_texts(root):
        words = [w for w in latin_words(text) if w not in data] if text else []
        if words:
            found.append(f"{what}: {text!r} {words}")
    return sorted(set(found))
