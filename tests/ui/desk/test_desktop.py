"""The agent desktop driven offscreen: pops, logging, wrap-up, search, shortcuts, closing."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from callcenter.crm import customers
from callcenter.crm.customers import NewCustomer
from callcenter.crm.search import search
from callcenter.desk.agent_state import AgentState
from callcenter.desk.desk import CallSession
from callcenter.desk.screenpop import CallerInfo
from callcenter.platform.config import from_table
from callcenter.platform.errors import ConfigError
from callcenter.sync.replicator import SyncStatus
from callcenter.sync.stores import LOCAL, SHARED, first_sync, open_context
from callcenter.work import drafts
from callcenter.work.callbacks import NewCallback, schedule_callback
from db.enums import Direction, PhoneKind, Role
from db.models import Interaction
from telephony.events import (
    CallDirection,
    CallEnded,
    CallState,
    CallStateChanged,
    Party,
)
from tests.callcenter.conftest import incoming_call, seed_people
from tests.ui.conftest import choose_outcome
from ui.app import Running, build
from ui.desk.record_pages import PAGE_CHOOSER, PAGE_RECORD, PAGE_UNKNOWN
from ui.work.refused_dialog import RefusedDialog


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question offscreen would wait forever; tests that ask replace this."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


@pytest.fixture
def running(qtbot: QtBot, tmp_path: Path) -> Iterator[Running]:
    config = from_table(
        {"agent_username": "ann", "wrap_up_seconds": 30, "event_log": "events.jsonl"},
        tmp_path / "callcenter.toml",
    )
    # As a real desk starts: the data is in the shared store, and the desk's first sync copies
    # it before the window opens (while a first sync runs, its full-text index is rebuilt).
    ctx = open_context(config, SHARED)
    seed_people(ctx)
    home = (("020 7946 0958", PhoneKind.HOME),)
    shared = (("07700 900555", PhoneKind.MOBILE),)
    customers.create_customer(ctx, NewCustomer(name="Ann Customer", phones=home, external_id="K1"))
    customers.create_customer(ctx, NewCustomer(name="张伟", phones=shared, city="上海"))
    customers.create_customer(ctx, NewCustomer(name="Wang Fang", phones=shared, city="Leeds"))
    ctx.dispose()
    assert first_sync(config).initial_done
    app = build(config, "ann")
    qtbot.addWidget(app.window)
    app.window.show()
    app.desk.state.set_ready()  # signed in Not ready; calls ring only for a Ready agent
    yield app
    app.desk.calls.clear()  # or closing would ask about the unlogged calls and wait
    app.window.calls.current = None
    app.close()


def events(app: Running) -> list[dict[str, object]]:
    assert app.events.path is not None
    return [json.loads(line) for line in app.events.path.read_text(encoding="utf-8").splitlines()]


def test_known_caller_pops_before_answer_then_logs(running: Running, qtbot: QtBot) -> None:
    w, desk = running.window, running.desk
    desk.state.set_ready()
    with qtbot.waitSignal(w.calls.pop_painted) as painted:
        desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    assert painted.args[0] == "c1"
    assert w.pages.stack.currentIndex() == PAGE_RECORD
    assert w.pages.record_view.record is not None
    assert w.pages.record_view.record.profile.name == "Ann Customer"
    assert "Ann Customer" in w.call_panel.caller.text()
    assert "Queue: Support" in w.call_panel.detail.text()
    assert w.call_panel.buttons["answer"].isEnabled()
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    assert w.call_panel.buttons["hangup"].isEnabled()
    qtbot.keyClicks(w.log_panel.notes, "Customer wants a copy of the invoice")
    qtbot.waitUntil(lambda: drafts.load_draft(desk.ctx, "c1") is not None, timeout=3000)
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 30.0))
    assert desk.state.status.state == AgentState.WRAP_UP
    assert "Wrap-up: 30 s left" in w.log_panel.wrap_up.text()
    w.log_panel.extend.click()
    assert desk.state.wrap_up_remaining() > dt.timedelta(seconds=50)  # type: ignore[operator]
    w.log_panel.disposition.setCurrentIndex(w.log_panel.disposition.findData("resolved"))
    choose_outcome(w.log_panel)
    w.log_panel.save_ready.click()
    assert desk.state.status.state == AgentState.READY
    assert w.calls.current is None
    assert drafts.unsaved_drafts(desk.ctx) == []
    history = w.pages.record_view.interactions
    qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=1000)  # a tab not in view
    headers = [history.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    row = dict(zip(headers, (history.item(0, c).text() for c in range(7)), strict=True))
    assert (row["Outcome"], row["Agent"]) == ("Resolved", "Ann")  # labels, not codes
    names = [e["event"] for e in events(running)]
    for name in (
        "call.incoming",
        "screenpop.shown",
        "call.answered",
        "call.ended",
        "interaction.saved",
    ):
        assert name in names
    shown = next(e for e in events(running) if e["event"] == "screenpop.shown")
    assert 0 < float(shown["latency_ms"]) < 1000  # type: ignore[arg-type]


class PaintedTexts(QObject):
    """The text each watched label had when it was painted, in order."""

    def __init__(self, *labels: QLabel) -> None:
        super().__init__()
        self.painted: list[str] = []
        for label in labels:
            label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QLabel):
            self.painted.append(watched.text())
        return False


def test_the_pop_is_on_screen_before_it_is_logged(running: Running, qtbot: QtBot) -> None:
    """``screenpop.shown`` means painted: the record's name and the caller's were drawn
    before the pop was reported, and nothing of the record view needs drawing again."""
    w, desk = running.window, running.desk
    customers.create_customer(
        desk.ctx, NewCustomer(name="Bo Second", phones=(("020 7946 0111", PhoneKind.HOME),))
    )
    desk.state.set_ready()
    desk.handle(incoming_call("c8", "02079460111", e164="+442079460111"))
    desk.handle(CallEnded("c8", CallDirection.INBOUND, 487, "Cancelled", Party.REMOTE, False, 0.0))
    qtbot.wait(50)
    watch = PaintedTexts(w.pages.record_view.header.name, w.call_panel.caller)
    at_signal: list[list[str]] = []
    w.calls.pop_painted.connect(lambda *_args: at_signal.append(list(watch.painted)))
    desk.handle(incoming_call("c9", "02079460958", e164="+442079460958"))
    (painted,) = at_signal
    assert painted.count("Ann Customer") == 2  # the record's header and the call panel
    qtbot.wait(50)
    assert watch.painted == painted


def test_shared_number_offers_a_chooser(running: Running, qtbot: QtBot) -> None:
    w = running.window
    running.desk.handle(incoming_call("c2", "+447700900555", e164="+447700900555"))
    assert w.pages.stack.currentIndex() == PAGE_CHOOSER
    assert w.pages.chooser.matches.count() == 2
    labels = [w.pages.chooser.matches.item(i).text() for i in range(2)]
    # What tells them apart: where they live, when they last called, their open requests.
    assert labels[0].startswith("Wang Fang\n") and "Leeds" in labels[0]
    assert "张伟" in labels[1] and "上海" in labels[1]
    assert all("never contacted · no open requests" in text for text in labels)
    w.pages.chooser.matches.setCurrentRow(1)
    w.pages.chooser.open_button.click()
    assert w.pages.stack.currentIndex() == PAGE_RECORD
    assert w.call_panel.caller.text() == "张伟"
    assert running.desk.calls["c2"].customer_id == w.pages.record_view.record.profile.id  # type: ignore[union-attr]
    # The caller is the other one after all: back to the list, and choose again.
    back = w.pages.record_view.back_button
    assert back.isVisibleTo(w) and "back to the 2 records" in back.text()
    back.click()
    assert w.pages.stack.currentIndex() == PAGE_CHOOSER and not back.isVisibleTo(w)
    w.pages.chooser.matches.setCurrentRow(0)
    w.pages.chooser.open_button.click()
    assert w.call_panel.caller.text() == "Wang Fang"
    w.pages.reload()  # something saved for her: the way back stays
    assert back.isVisibleTo(w)
    w.pages.open_customer(w.pages.record_view.record.profile.id)  # type: ignore[union-attr]
    assert not back.isVisibleTo(w)  # a record opened some other way has no choice to go back to
    assert running.desk.calls["c2"].customer_id == w.pages.record_view.record.profile.id  # type: ignore[union-attr]


def test_unknown_caller_quick_create(running: Running, qtbot: QtBot) -> None:
    w = running.window
    running.desk.handle(incoming_call("c3", "0161 496 0000", e164="+441614960000"))
    assert w.pages.stack.currentIndex() == PAGE_UNKNOWN
    assert w.pages.unknown.number.text() == "+441614960000"
    assert "Unknown caller" in w.pages.unknown.title.text()
    w.pages.unknown.create_button.click()
    assert "name: is required" in w.pages.unknown.error.text()
    qtbot.keyClicks(w.pages.unknown.name, "New Person")
    w.pages.unknown.create_button.click()
    assert w.pages.stack.currentIndex() == PAGE_RECORD
    assert w.pages.record_view.record.profile.name == "New Person"  # type: ignore[union-attr]
    assert w.call_panel.caller.text() == "New Person"  # not "Unknown caller" any more
    assert running.desk.calls["c3"].customer_id == w.pages.record_view.record.profile.id  # type: ignore[union-attr]


def test_withheld_caller_is_labelled(running: Running) -> None:
    w = running.window
    running.desk.handle(incoming_call("c4", "anonymous", withheld=True))
    assert w.pages.stack.currentIndex() == PAGE_UNKNOWN
    assert "Withheld number" in w.pages.unknown.title.text()
    assert w.pages.unknown.number.text() == ""
    assert "Withheld number" in w.call_panel.caller.text()
    assert w.pages.unknown.attach_box.title() == "An existing customer: open their record"
    w.pages.unknown.finder.hit_chosen.emit(search(running.desk.ctx, "wang")[0])
    assert w.pages.stack.currentIndex() == PAGE_RECORD  # opened, no number attached
    assert w.call_panel.caller.text() == "Wang Fang"
    assert running.desk.calls["c4"].customer_id == w.pages.record_view.record.profile.id  # type: ignore[union-attr]


def test_missed_call_is_recorded(running: Running) -> None:
    w, desk = running.window, running.desk
    desk.handle(incoming_call("c5", "02079460958", e164="+442079460958"))
    desk.handle(CallEnded("c5", CallDirection.INBOUND, 487, "Cancelled", Party.REMOTE, False, 0.0))
    assert w.calls.current is None
    assert not w.log_panel.isEnabled()


def test_search_as_you_type_opens_record(running: Running, qtbot: QtBot) -> None:
    w = running.window
    w.actions_by_name["search"].trigger()
    assert w.search_box.hasFocus()
    qtbot.keyClicks(w.search_box, "wang")
    qtbot.waitUntil(lambda: w.search_box.results.count() > 0, timeout=2000)
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)
    assert w.pages.record_view.record.profile.name == "Wang Fang"  # type: ignore[union-attr]


def test_shortcuts_are_configurable(qtbot: QtBot, tmp_path: Path) -> None:
    config = from_table(
        {"agent_username": "ann", "shortcuts": {"answer": "F5"}}, tmp_path / "c.toml"
    )
    ctx = open_context(config, LOCAL)
    seed_people(ctx)
    ctx.dispose()
    app = build(config, "ann")
    qtbot.addWidget(app.window)
    try:
        actions = app.window.actions_by_name
        assert actions["answer"].shortcut().toString() == "F5"
        assert actions["search"].shortcut().toString() == "Ctrl+F"
        assert app.desk.ctx.actor is not None and app.desk.ctx.actor.role == Role.AGENT
    finally:
        app.close()


def test_closing_with_an_unlogged_call_asks(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, desk = running.window, running.desk
    desk.handle(incoming_call("c6", "02079460958", e164="+442079460958"))
    desk.handle(CallStateChanged("c6", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    desk.handle(CallEnded("c6", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    asked: list[str] = []

    def refuse(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    assert not w.close()
    assert asked and "has not been logged" in asked[0]
    assert w.isVisible()


def test_callback_reminder_and_click_to_dial(running: Running, qtbot: QtBot) -> None:
    w, desk = running.window, running.desk
    ctx = desk.ctx
    assert ctx.actor is not None
    (hit,) = [h for h in search(ctx, "Ann Customer") if h.customer_id]
    now = dt.datetime.now(dt.UTC)
    callback = schedule_callback(
        ctx,
        NewCallback(
            "020 7946 0958",
            now - dt.timedelta(minutes=5),
            now + dt.timedelta(minutes=25),
            "Promised an answer on the refund",
            customer_id=hit.customer_id,
            owner_user_id=ctx.actor.user_id,
        ),
    )
    with qtbot.waitSignal(w.callbacks.fell_due) as due:
        w.callbacks.refresh()
    assert due.args[0].id == callback.id
    assert "Callback due" in w.statusBar().currentMessage()
    assert w.callbacks.model.rowCount() == 1
    w.callbacks.table.selectRow(0)
    w.callbacks.table.doubleClicked.emit(w.callbacks.table.currentIndex())
    assert w.pages.record_view.record is not None
    assert w.pages.record_view.record.profile.id == hit.customer_id
    assert "no softphone" in w.statusBar().currentMessage()
    with qtbot.assertNotEmitted(w.callbacks.fell_due), qtbot.waitSignal(w.callbacks.rereads.shown):
        w.callbacks.refresh()  # announced once only


def test_offline_and_back(running: Running) -> None:
    w, desk = running.window, running.desk
    w.actions_by_name["offline"].trigger()
    assert desk.state.status.state == AgentState.OFFLINE
    assert "Agent: Offline" in w.state.label.text()
    w.actions_by_name["offline"].trigger()
    assert desk.state.status.state == AgentState.NOT_READY


def test_logging_a_callback_call_asks_its_outcome(running: Running, qtbot: QtBot) -> None:
    from ui.work.callback_dialog import CallbackOutcomeDialog

    w, desk = running.window, running.desk
    ctx = desk.ctx
    assert ctx.actor is not None
    now = dt.datetime.now(dt.UTC)
    callback = schedule_callback(
        ctx,
        NewCallback(
            "020 7946 0958",
            now,
            now + dt.timedelta(minutes=30),
            "Refund",
            owner_user_id=ctx.actor.user_id,
        ),
    )
    desk.calls["out-1"] = CallSession(
        call_id="out-1",
        direction=Direction.OUTBOUND,
        caller=CallerInfo("out-1", "+442079460958", None, None, False),
        offered_at=now,
        received_monotonic=time.monotonic(),
        answered_at=now,
        ended_at=now + dt.timedelta(minutes=2),
        callback_id=callback.id,
        ended=True,
    )
    w.calls.current = "out-1"
    w.log_panel.set_active(True)
    choose_outcome(w.log_panel)
    w.log_panel.save.click()
    (dialog,) = w.findChildren(CallbackOutcomeDialog)
    assert dialog.isVisible()
    dialog.reject()
    with ctx.sessions() as s:
        (row,) = s.query(Interaction).all()
        assert row.callback_id == callback.id


def test_a_call_during_wrap_up_pops_and_the_first_log_comes_back(
    running: Running, qtbot: QtBot
) -> None:
    w, desk = running.window, running.desk
    desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    assert w.call_panel.detail.text() == "The caller hung up"  # plain words; SIP in the tip
    assert w.call_panel.detail.toolTip() == "SIP 200 BYE"
    qtbot.keyClicks(w.log_panel.notes, "first caller: router")
    assert desk.state.status.state == AgentState.WRAP_UP

    desk.handle(incoming_call("c2", "+447700900555", e164="+447700900555"))
    assert w.calls.current == "c2"
    assert w.pages.stack.currentIndex() == PAGE_CHOOSER  # the new caller's pop
    assert w.call_panel.phase == "ringing"
    assert w.call_panel.buttons["answer"].isEnabled()
    assert w.log_panel.notes.toPlainText() == ""  # the first log went to its draft
    first = drafts.load_draft(desk.ctx, "c1")
    assert first is not None and first.notes == "first caller: router"

    desk.handle(CallStateChanged("c2", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    assert w.call_panel.phase == "talking"
    desk.handle(CallEnded("c2", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    qtbot.keyClicks(w.log_panel.notes, "second caller")
    choose_outcome(w.log_panel)
    w.log_panel.save.click()

    assert w.calls.current == "c1"  # the first log is back to be finished
    assert w.call_panel.phase == "ended"
    assert w.log_panel.notes.toPlainText() == "first caller: router"
    assert w.pages.record_view.record is not None
    assert w.pages.record_view.record.profile.name == "Ann Customer"
    choose_outcome(w.log_panel)
    w.log_panel.save_ready.click()
    assert w.calls.current is None
    assert desk.unlogged_calls() == []
    saved = [e["call_id"] for e in events(running) if e["event"] == "interaction.saved"]
    assert saved == ["c2", "c1"]
    assert desk.state.status.state == AgentState.READY


def test_a_call_for_a_not_ready_agent_never_reaches_the_window(running: Running) -> None:
    w, desk = running.window, running.desk
    desk.state.set_not_ready("lunch")
    desk.handle(incoming_call("c9", "02079460958", e164="+442079460958"))
    assert w.calls.current is None
    assert w.call_panel.phase == "idle"
    refused = [e for e in events(running) if e["event"] == "call.refused"]
    assert [(e["call_id"], e["code"], e["reason"]) for e in refused] == [("c9", 486, "lunch")]


def test_the_state_box_and_the_status_bar_say_the_same(running: Running) -> None:
    w, desk = running.window, running.desk

    def shown() -> tuple[str, str]:
        return w.state.combo.currentText(), w.state.label.text().removeprefix("Agent: ")

    assert shown() == ("Ready", "Ready")
    desk.state.set_not_ready("lunch")
    assert shown() == ("Not ready — Lunch", "Not ready — Lunch")
    desk.state.set_ready()
    desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    assert shown() == ("Ringing", "Ringing")
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    desk.state.set_not_ready("break")
    assert shown() == ("On call (then not ready — Break)",) * 2
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    assert shown() == ("Wrap-up (then not ready — Break)",) * 2
    choose_outcome(w.log_panel)
    w.log_panel.save.click()
    desk.state.extend_wrap_up(1)
    running.desk.state.set_ready()
    assert shown() == ("Ready", "Ready")
    assert w.state.combo.count() == 2 + 2  # Ready, Not ready and the two reasons: nothing left over


def test_hold_shows_a_label_and_a_timer_and_keyed_digits_echo(running: Running) -> None:
    w, desk = running.window, running.desk
    desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    assert w.call_panel.number.text() == "020 7946 0958"  # a GB desk reads GB numbers nationally
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    assert w.call_panel.hold_label.text() == ""
    desk.handle(CallStateChanged("c1", CallState.HELD, CallDirection.INBOUND, 200, "OK"))
    assert w.call_panel.buttons["hold"].isChecked()
    assert w.call_panel.hold_label.text() == "On hold 00:00"
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    assert not w.call_panel.buttons["hold"].isChecked()
    assert w.call_panel.hold_label.text() == ""
    for digit in "12#":
        w.call_panel.keys[digit].click()
    assert w.call_panel.digits.text() == "Keyed: 12#"
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    choose_outcome(w.log_panel)
    w.log_panel.save_ready.click()
    assert w.call_panel.digits.text() == ""


class _NoCalls:
    """The demo menu's simulator, for a menu that is only listed, never triggered."""

    def simulate_incoming(self, caller_uri: str, headers: object = ()) -> None:
        raise AssertionError("not triggered in this test")

    def hangup_simulated(self) -> None:
        raise AssertionError("not triggered in this test")


def test_the_shortcuts_help_lists_every_menu_action(running: Running) -> None:
    from ui.demo import menu as demo_menu
    from ui.desk.menus import shortcut_rows

    w = running.window
    demo_menu.install(w, _NoCalls())
    rows = {(menu, text): keys for menu, text, keys in shortcut_rows(w)}
    assert rows[("Call", "Consult a colleague (the caller holds)")] == "Ctrl+Shift+C"
    assert rows[("Call", "Complete the transfer to the consulted colleague")] == "Ctrl+Shift+J"
    assert rows[("Tools", "Settings…")] == "Ctrl+,"
    assert rows[("Simulate", "Incoming call: known customer")] == "Ctrl+Alt+1"
    assert ("Supervise", "Supervisor view") not in rows  # Ann is an agent
    assert all(keys for (menu, _), keys in rows.items() if menu not in ("Help", "Simulate"))


def test_an_embedded_desk_says_it_is_not_authenticated(running: Running) -> None:
    w = running.window
    assert w.windowTitle() == "Call center — Ann (not authenticated)"
    assert not w.windowIcon().isNull()  # the application icon, also the tray's
    (label,) = [x for x in w.statusBar().findChildren(QLabel) if x.text() == "Not authenticated"]
    assert "Embedded mode" in label.toolTip()


def test_each_person_signing_in_gets_a_local_store_of_their_own(tmp_path: Path) -> None:
    from callcenter.sync.stores import desk_name, local_store_path
    from ui.commands import for_person

    config = from_table({"agent_username": "agent01"}, tmp_path / "callcenter.toml")
    supervisor = for_person(config, "sup01")
    assert local_store_path(supervisor).name == "sup01.db"
    assert desk_name(supervisor).startswith("sup01@")
    assert local_store_path(for_person(config, None)).name == "agent01.db"


def test_click_to_dial_asks_first_and_a_typed_number_does_not(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = running.window
    asked: list[str] = []

    def decline(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    w.pages.record_view.dial_requested.emit("+442079460958")
    assert asked == ["Call +442079460958?"]
    assert w.statusBar().currentMessage() == ""  # declined: nothing was dialled
    w.dial_box.setText("02079460958")
    w.dial_box.returnPressed.emit()
    assert len(asked) == 1  # typed and sent: no question
    assert "no softphone" in w.statusBar().currentMessage()  # the desk was asked to dial
    w.calls.ask_before_dialling = False  # the setting: click-to-dial dials at once
    w.pages.record_view.dial_requested.emit("+442079460958")
    assert len(asked) == 1


def test_ask_before_dialling_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "callcenter.toml"
    assert from_table({}, path).ask_before_dialling is True
    assert from_table({"ask_before_dialling": False}, path).ask_before_dialling is False
    with pytest.raises(ConfigError, match="ask_before_dialling"):
        from_table({"ask_before_dialling": "no"}, path)


def test_resolving_a_request_is_confirmed(running: Running) -> None:
    from callcenter.work import service_requests as srs
    from ui.work.service_request_dialog import ServiceRequestDialog

    w, desk = running.window, running.desk
    request = srs.create_service_request(
        desk.ctx, srs.NewServiceRequest("Router dead", "technical")
    )
    w.work.open_service_request(request)
    dialog = w.findChild(ServiceRequestDialog)
    assert dialog is not None
    dialog.resolution.setPlainText("Replaced the router")
    dialog.resolve_button.click()
    assert w.statusBar().currentMessage() == (
        f"{request.number} resolved; it is under Done requests now"
    )


def test_a_transfer_never_confirmed_is_said_to_be(running: Running, qtbot: QtBot) -> None:
    from telephony.events import TransferProgress

    w, desk = running.window, running.desk
    desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    w.calls._transfer_watch.setInterval(50)  # 15 s in the product
    desk.handle(TransferProgress("c1", 100, "Trying", final=False))
    assert w.call_panel.detail.text() == "Transferring the caller to the target…"
    qtbot.waitUntil(
        lambda: (
            w.call_panel.detail.text()
            == "The transfer was not confirmed; the caller is still with you"
        ),
        timeout=2000,
    )


def test_an_empty_log_is_refused_with_words(running: Running) -> None:
    w, desk = running.window, running.desk
    desk.handle(incoming_call("c1", "02079460958", e164="+442079460958"))
    desk.handle(CallStateChanged("c1", CallState.CONFIRMED, CallDirection.INBOUND, 200, "OK"))
    desk.handle(CallEnded("c1", CallDirection.INBOUND, 200, "BYE", Party.REMOTE, True, 5.0))
    w.log_panel.save_ready.click()
    assert w.log_panel.error.text() == "disposition: choose the call's outcome before saving"
    assert w.calls.current == "c1"  # nothing lost: the log is still open


def test_the_customer_on_the_call_is_edited_from_the_record(running: Running) -> None:
    from ui.crm.customer_dialog import CustomerDialog

    w, desk = running.window, running.desk
    w.work.edit_customer()
    assert w.statusBar().currentMessage() == "Open a customer's record first, then edit it."
    desk.state.set_ready()
    desk.handle(incoming_call("e1", "02079460958", e164="+442079460958"))
    assert "href='edit:'" in w.pages.record_view.header.numbers.text()
    w.pages.record_view.header.numbers.linkActivated.emit("edit:")
    dialog = w.findChild(CustomerDialog)
    assert dialog is not None
    dialog.texts["name"].setText("Ann Customer-Lee")
    dialog.texts["city"].setText("Leeds")
    dialog.save_button.click()
    # The record and the call panel read the saved name; the desk's event log says so.
    assert w.pages.record_view.header.name.text() == "Ann Customer-Lee"
    assert "Leeds" in w.pages.record_view.header.details.text()
    assert w.call_panel.caller.text() == "Ann Customer-Lee"
    assert "edit_customer" in w.actions_by_name
    dialog.close()


def test_a_refusal_is_told_once_and_the_dialog_is_in_the_work_menu(
    running: Running, qtbot: QtBot
) -> None:
    window = running.window
    status = SyncStatus(True, 0, 2, 0, None, None, None, True, 0, None)
    window.show_sync(status)
    assert "A change was refused" in window.statusBar().currentMessage()
    assert "2 refused" in window.sync_label.text()
    window.statusBar().clearMessage()
    window.show_sync(status)
    assert window.statusBar().currentMessage() == "", "the same refusals were told twice"
    work = next(a for a in window.menuBar().actions() if a.text() == "&Work")
    refused = next(a for a in work.menu().actions() if "refused" in a.text())
    assert refused.shortcut().toString() == "Ctrl+Shift+R"
    refused.trigger()
    qtbot.waitUntil(lambda: window.findChild(RefusedDialog) is not None)
    dialog = window.findChild(RefusedDialog)
    assert dialog.isVisible()
    dialog.accept()
