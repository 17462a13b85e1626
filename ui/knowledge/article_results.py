"""Knowledge articles in the search box: the hits listed under the customers', and the
reader an article opens in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from callcenter.knowledge.articles import ArticleHit, ArticleView
from ui.common.form import button_row


def hit_text(hit: ArticleHit) -> str:
    """One line of the search box's list: the article's title and what matched in it."""
    kind = QCoreApplication.translate("ArticleResults", "Article")
    return f"{kind}: {hit.article.title}   —   {hit.snippet}"


class ArticleReader(QDialog):
    """One article to read while the caller waits: title, tags and text, nothing to edit."""

    def __init__(self, article: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article = article
        self.setWindowTitle(self.tr("Article — {title}").format(title=article.title))
        self.resize(560, 420)
        self.title = QLabel(article.title)
        big = QFont(self.title.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.title.setFont(big)
        self.title.setWordWrap(True)
        self.tags = QLabel(
            self.tr("Tags: {tags}").format(tags=", ".join(article.tags)) if article.tags else ""
        )
        self.tags.setVisible(bool(article.tags))
        self.body = QPlainTextEdit(article.body)
        self.body.setReadOnly(True)
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tags)
        layout.addWidget(self.body, 1)
        layout.addLayout(button_row(close))
