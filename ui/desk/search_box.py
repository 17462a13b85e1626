"""The search box: results under it as the agent types (names, numbers, e-mails, SRs), and
the knowledge articles that hold the words typed, under the customers."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from callcenter.crm.search import search
from callcenter.knowledge.articles import ArticleHit, search_articles
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import SearchHit
from ui.common.collation import collator
from ui.common.i18n import translate
from ui.knowledge.article_results import hit_text

#: What a hit matched on (the search's words), marked for the "SearchBox" context.
MATCHED_ON = {
    "SR number": QT_TRANSLATE_NOOP("SearchBox", "SR number"),
    "phone": QT_TRANSLATE_NOOP("SearchBox", "phone"),
    "e-mail": QT_TRANSLATE_NOOP("SearchBox", "e-mail"),
    "name": QT_TRANSLATE_NOOP("SearchBox", "name"),
}

TYPING_PAUSE_MS = 120


class SearchBox(QLineEdit):
    """A line edit whose hits drop down beneath it; keyboard stays in the box.

    Signals (GUI thread):
        hit_chosen(object): the SearchHit the agent picked (Enter or click).
        article_chosen(object): the ArticleView of the article hit the agent picked.
    """

    hit_chosen = Signal(object)
    article_chosen = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: The articles the last search found, listed after the customers.
        self.article_hits: list[ArticleHit] = []
        self.retranslate()
        self.setClearButtonEnabled(True)
        self.popup = QFrame(self, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results = QListWidget(self.popup)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemClicked.connect(self._choose)
        layout = QVBoxLayout(self.popup)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _t: self._pause.start())
        self.installEventFilter(self)

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("Search name, number, e-mail, SR…  (Ctrl+F)"))

    def run_search(self) -> list[SearchHit]:
        """Search now (the typing pause calls this); reads the local store only. Returns the
        customers' and requests' hits; the articles' are in ``article_hits``."""
        self._pause.stop()
        typed = self.text().strip()
        hits = search(self._ctx, typed) if typed else []
        self.article_hits = search_articles(self._ctx, typed) if typed else []
        # The best matches first; of matches as good, the names as the reader sorts them (the
        # service breaks ties by code point).
        order = collator()
        hits = sorted(hits, key=lambda hit: (-hit.score, order.sortKey(hit.title)))
        self.results.clear()
        for hit in hits:
            matched = translate("SearchBox", MATCHED_ON.get(hit.matched_on, hit.matched_on))
            item = QListWidgetItem(f"{hit.title}   —   {hit.detail}   ({matched})")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        for article in self.article_hits:
            item = QListWidgetItem(hit_text(article))
            item.setData(Qt.ItemDataRole.UserRole, article)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
            self._show_popup()
        else:
            self.popup.hide()
        return hits

    def _show_popup(self) -> None:
        width = max(self.width(), 520)
        rows = min(self.results.count(), 10)
        height = rows * max(self.results.sizeHintForRow(0), 18) + 6
        self.popup.setGeometry(
            self.mapToGlobal(QPoint(0, self.height())).x(),
            self.mapToGlobal(QPoint(0, self.height())).y(),
            width,
            height,
        )
        self.popup.show()

    def _choose(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.results.currentItem()
        if item is None:
            return
        self.popup.hide()
        chosen = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(chosen, ArticleHit):
            self.article_chosen.emit(chosen.article)
        else:
            self.hit_chosen.emit(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's API
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = (self.results.currentRow() + step) % self.results.count()
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pause.isActive() or not self.popup.isVisible():
                    self.run_search()
                self._choose()
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self.popup.hide()
        return super().eventFilter(watched, event)
