"""The script panel, the announcement banner and dialogs, the article reader, the editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from callcenter.knowledge.announcements import (
    acknowledge,
    pending_announcements,
    post_announcement,
)
from callcenter.knowledge.articles import articles, save_article, search_articles
from callcenter.knowledge.scripts import (
    FilledScript,
    ScriptStep,
    save_script,
    script_for,
    scripts,
)
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import CustomerProfile
from tests.callcenter.conftest import People
from tests.helpers.stores import both_stores  # noqa: F401 - the fixture: both stores
from ui.common.form import select_data
from ui.knowledge.announcements import AnnouncementBanner, PostAnnouncementDialog, ReceiptsDialog
from ui.knowledge.article_results import ArticleReader, hit_text
from ui.knowledge.editors import ArticleEditor, ScriptEditor
from ui.knowledge.script_panel import SENSITIVE_MARK, ScriptPanel


def test_panel_shows_the_filled_steps_to_tick(
    qtbot: QtBot, admin: ServiceContext, people: People, customer: CustomerProfile
) -> None:
    save_script(
        admin,
        "Support",
        [ScriptStep("Hello {name}, I am {agent}."), ScriptStep("Check the date of birth.", True)],
        queue_id=people.queue_id,
    )
    filled = script_for(
        admin,
        queue_id=people.queue_id,
        category_code=None,
        customer=customer,
        agent_name="Ann",
    )
    panel = ScriptPanel()
    qtbot.addWidget(panel)
    panel.show_script(filled)
    panel.show()
    assert panel.title.text() == "Support"
    assert [words.text() for words in panel.texts] == [
        "Hello 王小明, I am Ann.",
        f"{SENSITIVE_MARK} Check the date of birth.",
    ]
    assert panel.steps[1].toolTip().startswith("Sensitive")
    with qtbot.waitSignal(panel.ticked) as ticked:
        qtbot.mouseClick(panel.steps[1], Qt.MouseButton.LeftButton)
    assert ticked.args == [1, True]
    assert panel.ticks() == [False, True]
    qtbot.mouseClick(panel.texts[0], Qt.MouseButton.LeftButton)  # the words tick it too
    assert panel.ticks() == [True, True]
    panel.show_script(None)
    assert panel.steps == []
    assert panel.title.text() == "No call script for this call"


def test_banner_acknowledges_and_disappears(
    qtbot: QtBot, agent_ctx: ServiceContext, supervisor_ctx: ServiceContext
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    banner = AnnouncementBanner(agent_ctx, holder)
    holder.show()
    assert not banner.isVisible()  # nothing pending: no empty strip
    posted = post_announcement(supervisor_ctx, "Fire drill at 3", "Leave by <the> east stairs")
    banner.refresh()
    assert banner.isVisible()
    ((_a, label, button),) = banner.rows
    assert "Fire drill at 3" in label.text()
    assert "&lt;the&gt;" in label.text()
    with qtbot.waitSignal(banner.acknowledged) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done.args == [posted.id]
    assert not banner.isVisible()
    assert pending_announcements(agent_ctx) == []
    # A new one arrives (by replication): the next refresh shows it.
    post_announcement(supervisor_ctx, "Lunch moved", "")
    banner.refresh()
    assert banner.isVisible()
    assert len(banner.rows) == 1


def test_post_dialog_and_receipts(
    qtbot: QtBot, agent_ctx: ServiceContext, supervisor_ctx: ServiceContext, people: People
) -> None:
    dialog = PostAnnouncementDialog(supervisor_ctx)
    qtbot.addWidget(dialog)
    assert dialog.post() is None
    assert dialog.errors.text("title")
    dialog.title.setText("Support: new refund rule")
    dialog.body.setPlainText("Refunds over £100 need a supervisor.")
    assert select_data(dialog.queue, people.queue_id)
    with qtbot.waitSignal(dialog.posted):
        qtbot.mouseClick(dialog.post_button, Qt.MouseButton.LeftButton)
    posted = pending_announcements(agent_ctx)[0]
    assert posted.queue_id == people.queue_id
    acknowledge(agent_ctx, posted.id)
    receipts = ReceiptsDialog(supervisor_ctx)
    qtbot.addWidget(receipts)
    assert receipts.announcements.rowCount() == 1
    assert receipts.summary.text() == "1 of 1 acknowledged"
    assert receipts.acknowledged.record(0).name == "Ann"
    qtbot.mouseClick(receipts.withdraw_button, Qt.MouseButton.LeftButton)
    assert not receipts.chosen().active  # type: ignore[union-attr]
    assert not receipts.withdraw_button.isEnabled()


def test_article_reader(qtbot: QtBot, admin: ServiceContext) -> None:
    save_article(admin, "退款政策", "款项五个工作日内退回原支付方式。", "账单,退款")
    hit = search_articles(admin, "退款")[0]
    assert "退款政策" in hit_text(hit)
    reader = ArticleReader(hit.article)
    qtbot.addWidget(reader)
    assert reader.body.toPlainText() == "款项五个工作日内退回原支付方式。"
    assert reader.body.isReadOnly()
    assert "账单" in reader.tags.text()


def test_script_editor_adds_edits_and_deactivates(
    qtbot: QtBot, admin: ServiceContext, people: People
) -> None:
    editor = ScriptEditor(admin)
    qtbot.addWidget(editor)
    editor.save()
    assert editor.errors.text("name")
    editor.name.setText("Support greeting")
    assert select_data(editor.queue, people.queue_id)
    assert select_data(editor.category, "technical")
    editor.steps.item(0, 0).setText("Hello {name}")
    editor.add_step(ScriptStep("Check the date of birth", sensitive=True))
    editor.save()
    (saved,) = scripts(admin)
    assert saved.queue_id == people.queue_id
    assert saved.steps == (
        ScriptStep("Hello {name}"),
        ScriptStep("Check the date of birth", True),
    )
    assert editor.model.rowCount() == 1
    category = editor.model.index(0, 2).data()
    assert category == "Technical", "the list names the category in words, not its code"
    editor.active.setChecked(False)
    editor.save()
    assert not scripts(admin)[0].active
    editor.new()
    editor.name.setText("Empty")
    editor.save()
    assert editor.errors.text("steps")


def test_article_editor(qtbot: QtBot, admin: ServiceContext) -> None:
    editor = ArticleEditor(admin)
    qtbot.addWidget(editor)
    editor.title.setText("Router lights")
    editor.tags.setText("technical, Broadband")
    editor.body.setPlainText("Red: no line.")
    editor.save()
    (saved,) = articles(admin)
    assert saved.tags == ("technical", "broadband")
    editor.active.setChecked(False)
    editor.save()
    assert search_articles(admin, "router") == []


def test_the_same_script_filled_again_keeps_the_ticks(
    qtbot: QtBot, admin: ServiceContext, customer: CustomerProfile
) -> None:
    save_script(admin, "Any", [ScriptStep("Hello {name}"), ScriptStep("Anything else?")])

    def filled(who: CustomerProfile | None) -> FilledScript | None:
        return script_for(admin, queue_id=None, category_code=None, customer=who, agent_name="Ann")

    panel = ScriptPanel()
    qtbot.addWidget(panel)
    panel.show_script(filled(None))
    panel.steps[1].setChecked(True)
    panel.show_script(filled(customer), keep_ticks=True)
    assert panel.texts[0].text() == "Hello 王小明"
    assert panel.ticks() == [False, True]
    panel.show_script(filled(customer))
    assert panel.ticks() == [False, False]
