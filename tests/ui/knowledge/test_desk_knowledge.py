"""Knowledge on the desk: the script beside the pop, the announcement banner on the agent's
window, articles under the search box; Post announcement in the supervisor window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.knowledge.announcements import post_announcement
from callcenter.knowledge.articles import ArticleHit, save_article
from callcenter.knowledge.scripts import ScriptStep, save_script
from callcenter.platform.config import from_table
from callcenter.platform.context import ServiceContext
from callcenter.sync.stores import SHARED, first_sync, open_context
from callcenter.work.service_requests import NewServiceRequest, create_service_request
from db.enums import PhoneKind
from tests.callcenter.conftest import as_actor, incoming_call, seed_people
from ui.app import Running, build
from ui.knowledge.announcements import PostAnnouncementDialog, ReceiptsDialog
from ui.knowledge.article_results import ArticleReader
from ui.knowledge.script_panel import SENSITIVE_MARK
from ui.supervisor.window import SupervisorWindow


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def running(qtbot: QtBot, tmp_path: Path) -> Iterator[Running]:
    """Ann's desk on a store with a support script, an article and an announcement."""
    config = from_table({"agent_username": "ann"}, tmp_path / "callcenter.toml")
    ctx = open_context(config, SHARED)
    people = seed_people(ctx)
    home = (("020 7946 0958", PhoneKind.HOME),)
    customers.create_customer(ctx, NewCustomer(name="Ann Customer", phones=home, city="Leeds"))
    save_script(
        ctx,
        "Support",
        [ScriptStep("Hello {name} in {city}, I am {agent}."), ScriptStep("Check the DOB.", True)],
        queue_id=people.queue_id,
    )
    save_article(ctx, "Refunds", "A refund reaches the card in 5 working days.", "billing")
    save_script(
        ctx,
        "Support billing",
        [ScriptStep("Open the invoices tab for {name}.")],
        queue_id=people.queue_id,
        category_code="billing",
    )
    post_announcement(as_actor(ctx, people.supervisor), "Fire drill at 3", "East stairs")
    ctx.dispose()
    assert first_sync(config).initial_done
    app = build(config, "ann")
    qtbot.addWidget(app.window)
    app.window.show()
    app.desk.state.set_ready()
    yield app
    app.desk.calls.clear()
    app.window.calls.current = None
    app.close()


def test_script_beside_the_pop(running: Running, qtbot: QtBot) -> None:
    w = running.window
    assert not w.script_dock.isVisible()
    with qtbot.waitSignal(w.calls.pop_painted):
        running.desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    qtbot.waitUntil(w.script_dock.isVisible, timeout=2000)
    panel = w.script_panel
    assert panel.title.text() == "Support"
    assert [words.text() for words in panel.texts] == [
        "Hello Ann Customer in Leeds, I am Ann.",
        f"{SENSITIVE_MARK} Check the DOB.",
    ]
    panel.steps[0].setChecked(True)
    assert panel.ticks() == [True, False]


def test_a_request_opened_during_the_call_brings_its_categorys_script(
    running: Running, qtbot: QtBot
) -> None:
    w = running.window
    with qtbot.waitSignal(w.calls.pop_painted):
        running.desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    qtbot.waitUntil(w.script_dock.isVisible, timeout=2000)
    record = w.pages.record_view.record
    assert record is not None
    request = create_service_request(
        running.desk.ctx,
        NewServiceRequest("Double charge", "billing", customer_id=record.profile.id),
    )
    w.requests.opened.emit(request)
    assert w.script_panel.title.text() == "Support billing"
    assert [words.text() for words in w.script_panel.texts] == [
        "Open the invoices tab for Ann Customer."
    ]


def test_banner_on_the_agent_window(running: Running, qtbot: QtBot) -> None:
    banner = running.window.announcements
    assert banner.isVisible()
    ((_announcement, label, button),) = banner.rows
    assert "Fire drill at 3" in label.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    running.window.refresh()
    assert not banner.isVisible()


def test_search_shows_an_article_under_the_customers(running: Running, qtbot: QtBot) -> None:
    w = running.window
    box = w.search_box
    qtbot.keyClicks(box, "refund")
    qtbot.waitUntil(lambda: box.results.count() > 0, timeout=2000)
    item = box.results.item(box.results.count() - 1)
    assert isinstance(item.data(Qt.ItemDataRole.UserRole), ArticleHit)
    assert "Refunds" in item.text()
    with qtbot.waitSignal(box.article_chosen) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args[0].title == "Refunds"
    readers = [r for r in w.findChildren(ArticleReader) if r.isVisible()]
    assert [r.article.title for r in readers] == ["Refunds"]


def test_supervise_menu_posts_and_shows_receipts(
    qtbot: QtBot, supervisor_ctx: ServiceContext
) -> None:
    window = SupervisorWindow(supervisor_ctx, supervisor_ctx)
    qtbot.addWidget(window)
    window.announce_action.trigger()
    dialog = next(d for d in window.findChildren(PostAnnouncementDialog) if d.isVisible())
    dialog.title.setText("Lunch moved to 1")
    with qtbot.waitSignal(dialog.posted):
        dialog.post_button.click()
    window.receipts_action.trigger()
    receipts = next(d for d in window.findChildren(ReceiptsDialog) if d.isVisible())
    assert receipts.announcements.record(0).title == "Lunch moved to 1"
    window.close()
