"""The desk's dialogs driven like an agent would: typing, clicking, Enter and Esc, against a
real migrated SQLite store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from callcenter.crm.customer360 import load_customer_360
from callcenter.platform.context import ServiceContext
from callcenter.platform.records import CallbackView, CustomerProfile, ServiceRequestView
from callcenter.work import service_requests as srs
from callcenter.work.callbacks import NewCallback, due_callbacks, record_attempt, schedule_callback
from callcenter.work.service_requests import NewServiceRequest
from db.enums import CallbackOutcome, CallbackStatus, Channel, Direction, Priority, SRStatus
from db.models import User
from tests.callcenter.conftest import People
from tests.ui.conftest import START, Clock
from ui.common.form import select_data, to_qt
from ui.common.models import RecordTableModel
from ui.work.callback_dialog import CallbackDialog, CallbackOutcomeDialog, WhenPicker
from ui.work.manual_log_dialog import ManualLogDialog
from ui.work.service_request_dialog import ServiceRequestDialog

# The offscreen platform cannot pass a window's size limits on and says so whenever a layout
# sets them; on a real display the same call is silent.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_with_ime(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method's commit, not as key presses (QTest types ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def combo_texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def choose(combo: QComboBox, text: str) -> None:
    """Pick an item by its visible text, as a person reading the list would."""
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} not in {combo_texts(combo)}"
    combo.setCurrentIndex(index)


def table_rows(model: RecordTableModel[object]) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def text_colour(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def open_sr(
    ctx: ServiceContext, subject: str = "Router dead", **changes: object
) -> ServiceRequestView:
    sr = srs.create_service_request(ctx, NewServiceRequest(subject, "technical"))
    if changes:
        sr = srs.update_service_request(ctx, sr.id, sr.version, **changes)
    return sr


def show(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# Service requests ---------------------------------------------------------------------------


def test_sr_created_from_a_call_with_the_customer_prefilled(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People, customer: CustomerProfile
) -> None:
    dialog = ServiceRequestDialog(agent_ctx, customer_id=customer.id, customer_name=customer.name)
    show(qtbot, dialog)
    assert dialog.customer.text() == "王小明"
    assert dialog.status.currentData() == SRStatus.OPEN
    assert not dialog.status.isEnabled()
    type_with_ime(dialog.subject, "路由器坏了")
    qtbot.keyClicks(dialog.subject, " router dead")
    choose(dialog.category, "Technical")
    choose(dialog.priority, "High")
    qtbot.keyClicks(dialog.description, "No lights since the storm.")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    sr = saved.args[0]
    assert sr.customer_id == customer.id
    assert sr.subject == "路由器坏了 router dead"
    assert sr.priority == Priority.HIGH
    assert sr.assignee_id == people.agent.user_id
    assert sr.description == "No lights since the storm."
    assert sr.sla_due_at == START + dt.timedelta(hours=8)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_sr_enter_does_nothing_until_the_subject_is_written(
    qtbot: QtBot, agent_ctx: ServiceContext
) -> None:
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx))
    qtbot.keyClicks(dialog.subject, "   ")
    assert not dialog.save_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_sr_service_error_shows_on_its_field_and_nothing_is_written(
    qtbot: QtBot, ctx: ServiceContext, agent_ctx: ServiceContext, people: People
) -> None:
    sr = open_sr(ctx)
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    assert dialog.assignee.isEnabled()  # unassigned: the agent may take it, not give it away
    choose(dialog.assignee, "Bob")
    qtbot.keyClicks(dialog.description, "Customer rang twice")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("assignee_id") == "Only a supervisor can reassign"
    assert dialog.isVisible()
    assert dialog.description.toPlainText() == "Customer rang twice"
    stored = srs.get_service_request(ctx, sr.id)
    assert (stored.version, stored.assignee_id, stored.description) == (sr.version, None, "")
    assert len(stored.history) == 1

    choose(dialog.assignee, "Ann")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].assignee_id == people.agent.user_id
    assert saved.args[0].description == "Customer rang twice"


def test_sr_assignee_locked_for_an_agent_once_assigned(
    qtbot: QtBot,
    ctx: ServiceContext,
    agent_ctx: ServiceContext,
    supervisor_ctx: ServiceContext,
    people: People,
) -> None:
    sr = open_sr(ctx, assignee_id=people.other_agent.user_id)
    agent_view = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    assert not agent_view.assignee.isEnabled()
    supervisor_view = show(qtbot, ServiceRequestDialog(supervisor_ctx, request=sr))
    assert supervisor_view.assignee.isEnabled()


def test_sr_saving_keeps_a_departed_assignee(
    qtbot: QtBot, ctx: ServiceContext, supervisor_ctx: ServiceContext, people: People
) -> None:
    sr = open_sr(ctx, assignee_id=people.other_agent.user_id)
    with ctx.sessions.begin() as session:
        session.get(User, people.other_agent.user_id).active = False
    dialog = show(qtbot, ServiceRequestDialog(supervisor_ctx, request=sr))
    assert dialog.assignee.currentText().endswith("(inactive)")
    assert dialog.assignee.currentData() == people.other_agent.user_id
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].assignee_id == people.other_agent.user_id
    assert saved.args[0].version == sr.version


@pytest.mark.parametrize(
    ("changes", "offered"),
    [
        ({}, ["Open", "In progress", "Waiting on customer", "Resolved"]),
        ({"status": SRStatus.IN_PROGRESS}, ["In progress", "Waiting on customer", "Resolved"]),
        (
            {"status": SRStatus.RESOLVED, "resolution": "Replaced"},
            ["Resolved", "Closed", "Reopened"],
        ),
    ],
)
def test_sr_status_offers_only_legal_next_states(
    qtbot: QtBot,
    ctx: ServiceContext,
    agent_ctx: ServiceContext,
    changes: dict[str, object],
    offered: list[str],
) -> None:
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=open_sr(ctx, **changes)))
    assert combo_texts(dialog.status) == offered
    assert dialog.status.currentIndex() == 0


def test_sr_resolve_asks_for_a_resolution_first(
    qtbot: QtBot, ctx: ServiceContext, agent_ctx: ServiceContext, clock: Clock
) -> None:
    sr = open_sr(ctx)
    clock.advance(dt.timedelta(hours=2))
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    assert dialog.resolve_button.isVisible()
    assert not dialog.reopen_button.isVisible()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("resolution") == "Resolution is required to resolve a request."
    assert dialog.focusWidget() is dialog.resolution
    assert srs.get_service_request(ctx, sr.id).status == SRStatus.OPEN

    qtbot.keyClicks(dialog.resolution, "Replaced the power supply")
    choose(dialog.satisfaction, "5")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    resolved = saved.args[0]
    assert resolved.status == SRStatus.RESOLVED
    assert resolved.resolution == "Replaced the power supply"
    assert resolved.satisfaction == 5
    assert resolved.resolved_at == START + dt.timedelta(hours=2)


def test_sr_choosing_resolved_in_the_status_needs_a_resolution_too(
    qtbot: QtBot, ctx: ServiceContext, agent_ctx: ServiceContext
) -> None:
    sr = open_sr(ctx)
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    choose(dialog.status, "Resolved")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("resolution") == "Resolution is required to resolve a request."
    assert dialog.status.currentData() == SRStatus.RESOLVED  # what was chosen stays chosen


def test_sr_reopen_keeps_the_dialog_open_on_the_reopened_request(
    qtbot: QtBot, ctx: ServiceContext, agent_ctx: ServiceContext
) -> None:
    sr = open_sr(ctx, status=SRStatus.RESOLVED, resolution="Replaced")
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    assert dialog.reopen_button.isVisible()
    assert not dialog.resolve_button.isVisible()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].status == SRStatus.REOPENED
    assert dialog.isVisible()
    assert combo_texts(dialog.status) == [
        "In progress",
        "Waiting on customer",
        "Resolved",
        "Reopened",
    ]
    assert dialog.status.currentData() == SRStatus.REOPENED
    assert dialog.resolve_button.isVisible()
    assert ["Status", "Resolved", "Reopened"] in [
        row[2:] for row in table_rows(dialog.history_model)
    ]


def test_sr_history_shows_when_who_field_from_to(
    qtbot: QtBot,
    ctx: ServiceContext,
    supervisor_ctx: ServiceContext,
    people: People,
    clock: Clock,
) -> None:
    sr = open_sr(supervisor_ctx)
    clock.advance(dt.timedelta(minutes=5))
    srs.update_service_request(
        supervisor_ctx, sr.id, sr.version, assignee_id=people.agent.user_id, priority="urgent"
    )
    dialog = show(qtbot, ServiceRequestDialog(supervisor_ctx, request=sr))
    rows = table_rows(dialog.history_model)
    assert sorted(rows) == sorted(
        [
            ["25/11/2026 10:30", "Sue", "Status", "", "Open"],
            ["25/11/2026 10:35", "Sue", "Assignee", "", "Ann"],
            ["25/11/2026 10:35", "Sue", "Priority", "Normal", "Urgent"],
        ]
    )
    proxy = dialog.history.model()
    assert proxy.rowCount() == 3
    assert proxy.data(proxy.index(2, 0)) == "25/11/2026 10:30"  # newest first
    assert dialog.history.isVisible()


@pytest.mark.parametrize(
    ("elapsed", "resolve", "state", "colour"),
    [
        (dt.timedelta(hours=9), False, "breached", "#c62828"),
        (dt.timedelta(hours=7, minutes=30), False, "near", "#b35c00"),
        (dt.timedelta(hours=3), True, "met", "#2e7d32"),
    ],
)
def test_sr_sla_due_is_coloured_by_its_state(
    qtbot: QtBot,
    agent_ctx: ServiceContext,
    clock: Clock,
    *,
    elapsed: dt.timedelta,
    resolve: bool,
    state: str,
    colour: str,
) -> None:
    sr = open_sr(agent_ctx)  # technical: 8 hours
    clock.advance(elapsed)
    if resolve:
        sr = srs.resolve(agent_ctx, sr.id, sr.version, "Fixed")
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    assert dialog.sla_due.property("sla") == state
    assert text_colour(dialog.sla_due) == colour
    assert dialog.sla_due.text() == f"25/11/2026 18:30 ({state.capitalize()})"


def test_sr_stale_version_offers_reload_and_keeps_what_was_typed(
    qtbot: QtBot, agent_ctx: ServiceContext, supervisor_ctx: ServiceContext
) -> None:
    sr = open_sr(agent_ctx)
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    srs.update_service_request(supervisor_ctx, sr.id, sr.version, priority=Priority.URGENT)
    dialog.subject.selectAll()
    qtbot.keyClicks(dialog.subject, "Router dead after storm")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.conflict.isVisible()
    assert "changed by someone else" in dialog.conflict_text.text()

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert not dialog.conflict.isVisible()
    assert dialog.subject.text() == "Router dead after storm"
    assert dialog.priority.currentData() == Priority.URGENT
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (saved.args[0].subject, saved.args[0].priority) == (
        "Router dead after storm",
        Priority.URGENT,
    )


def test_sr_editor_screenshot(
    qtbot: QtBot,
    agent_ctx: ServiceContext,
    *,
    supervisor_ctx: ServiceContext,
    people: People,
    customer: CustomerProfile,
    clock: Clock,
    screenshot_dir: Path,
) -> None:
    sr = srs.create_service_request(
        agent_ctx,
        NewServiceRequest(
            "宽带断线 Broadband drops every evening",
            "technical",
            customer_id=customer.id,
            description="Drops around 19:00 for ten minutes; router lights stay green.",
        ),
    )
    clock.advance(dt.timedelta(hours=3))
    sr = srs.update_service_request(
        supervisor_ctx, sr.id, sr.version, assignee_id=people.agent.user_id, priority="high"
    )
    clock.advance(dt.timedelta(hours=6))
    sr = srs.update_service_request(agent_ctx, sr.id, sr.version, status="in_progress")
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=sr))
    select_data(dialog.satisfaction, None)
    dialog.resize(960, 660)
    path = screenshot_dir / "sr-editor.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 0


# Callbacks ------------------------------------------------------------------------------------


def local(text: str) -> dt.datetime:
    """A wall-clock time in the machine's zone, as the date-time picker shows it."""
    return dt.datetime.fromisoformat(text).astimezone()


def shown(picker: WhenPicker) -> str:
    return picker.edit.dateTime().toString("yyyy-MM-dd HH:mm")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("hour", "2026-11-25 11:30"),
        ("afternoon", "2026-11-25 14:00"),
        ("tomorrow", "2026-11-26 09:00"),
        ("monday", "2026-11-30 09:00"),
    ],
)
def test_callback_quick_choices_set_the_time(
    qtbot: QtBot, agent_ctx: ServiceContext, key: str, expected: str
) -> None:
    dialog = show(qtbot, CallbackDialog(agent_ctx, phone_number="07700 900123"))
    assert shown(dialog.when) == "2026-11-25 11:30"  # "in an hour" until told otherwise
    qtbot.mouseClick(dialog.when.quick[key], Qt.MouseButton.LeftButton)
    assert shown(dialog.when) == expected
    assert dialog.when.value() == local(expected)


def test_callback_this_afternoon_is_offered_only_before_two(
    qtbot: QtBot, agent_ctx: ServiceContext, clock: Clock
) -> None:
    clock.now = local("2026-11-30 15:10")  # a Monday: next Monday is a week away
    dialog = show(qtbot, CallbackDialog(agent_ctx, phone_number="07700 900123"))
    assert not dialog.when.quick["afternoon"].isEnabled()
    qtbot.mouseClick(dialog.when.quick["monday"], Qt.MouseButton.LeftButton)
    assert shown(dialog.when) == "2026-12-07 09:00"


def test_callback_saved_for_my_queue_with_the_customer(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People, customer: CustomerProfile
) -> None:
    dialog = show(
        qtbot,
        CallbackDialog(
            agent_ctx,
            phone_number="07700 900123",
            customer_id=customer.id,
            customer_name=customer.name,
        ),
    )
    assert dialog.customer.isChecked()
    assert dialog.customer.text() == "王小明"
    assert not dialog.save_button.isEnabled()  # no reason yet
    qtbot.mouseClick(dialog.when.quick["tomorrow"], Qt.MouseButton.LeftButton)
    choose(dialog.length, "60")
    qtbot.mouseClick(dialog.by_queue, Qt.MouseButton.LeftButton)
    assert dialog.queue.isEnabled()
    assert dialog.queue.currentText() == "Support"
    qtbot.keyClicks(dialog.reason, "Refund decision")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    callback = saved.args[0]
    assert callback.owner_queue_id == people.queue_id
    assert callback.owner_user_id is None
    assert callback.customer_id == customer.id
    assert callback.phone_number == "+447700900123"
    assert callback.reason == "Refund decision"
    assert (callback.due_from, callback.due_until) == (
        local("2026-11-26 09:00"),
        local("2026-11-26 10:00"),
    )
    assert callback.status == CallbackStatus.PENDING


def test_callback_for_me_without_the_customer(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People, customer: CustomerProfile
) -> None:
    dialog = show(
        qtbot,
        CallbackDialog(agent_ctx, customer_id=customer.id, customer_name=customer.name),
    )
    assert dialog.mine.isChecked()
    assert not dialog.queue.isEnabled()
    qtbot.keyClicks(dialog.number, "+44 20 7946 0018")
    qtbot.keyClick(dialog.customer, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.reason, "Check the engineer came")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    callback = saved.args[0]
    assert (callback.owner_user_id, callback.owner_queue_id) == (people.agent.user_id, None)
    assert callback.customer_id is None
    assert (callback.due_from, callback.due_until) == (
        local("2026-11-25 11:30"),
        local("2026-11-25 12:00"),
    )


def test_callback_bad_number_is_shown_on_the_number_and_nothing_saved(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People
) -> None:
    dialog = show(qtbot, CallbackDialog(agent_ctx, phone_number="12"))
    qtbot.keyClicks(dialog.reason, "Quote")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.errors.text("phone_number") == "'12' is not a phone number"
    assert dialog.focusWidget() is dialog.number
    assert dialog.reason.text() == "Quote"
    assert dialog.isVisible()
    horizon = dt.timedelta(days=30)
    assert due_callbacks(agent_ctx, people.agent.user_id, (people.queue_id,), horizon) == []


def scheduled(ctx: ServiceContext, people: People) -> CallbackView:
    return schedule_callback(
        ctx,
        NewCallback(
            phone_number="07700 900123",
            due_from=START,
            due_until=START + dt.timedelta(minutes=30),
            reason="Refund decision",
            owner_user_id=people.agent.user_id,
        ),
    )


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (CallbackOutcome.REACHED, CallbackStatus.DONE),
        (CallbackOutcome.NO_ANSWER, CallbackStatus.PENDING),
        (CallbackOutcome.WRONG_NUMBER, CallbackStatus.FAILED),
    ],
)
def test_callback_outcome_moves_the_status(
    qtbot: QtBot,
    agent_ctx: ServiceContext,
    people: People,
    *,
    outcome: CallbackOutcome,
    status: CallbackStatus,
) -> None:
    dialog = show(qtbot, CallbackOutcomeDialog(agent_ctx, scheduled(agent_ctx, people)))
    assert not dialog.save_button.isEnabled()
    assert not dialog.when.isEnabled()
    qtbot.mouseClick(dialog.outcome_buttons[outcome], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.notes, "Spoke to ")
    type_with_ime(dialog.notes, "王先生")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.notes, Qt.Key.Key_Return)
    callback = saved.args[0]
    assert callback.status == status
    assert callback.attempt_count == 1
    assert [(a.outcome, a.agent_id) for a in callback.attempts] == [(outcome, people.agent.user_id)]


def test_callback_outcome_rescheduled_takes_the_new_time(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People
) -> None:
    dialog = show(qtbot, CallbackOutcomeDialog(agent_ctx, scheduled(agent_ctx, people)))
    assert shown(dialog.when) == "2026-11-26 09:00"
    qtbot.mouseClick(dialog.outcome_buttons[CallbackOutcome.RESCHEDULED], Qt.MouseButton.LeftButton)
    assert dialog.when.isEnabled()
    qtbot.mouseClick(dialog.when.quick["monday"], Qt.MouseButton.LeftButton)
    choose(dialog.length, "120")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    callback = saved.args[0]
    assert callback.status == CallbackStatus.PENDING
    assert (callback.due_from, callback.due_until) == (
        local("2026-11-30 09:00"),
        local("2026-11-30 11:00"),
    )


def test_callback_outcome_on_a_finished_callback_says_why(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People
) -> None:
    callback = scheduled(agent_ctx, people)
    record_attempt(agent_ctx, callback.id, CallbackOutcome.REACHED)
    dialog = show(qtbot, CallbackOutcomeDialog(agent_ctx, callback))
    qtbot.mouseClick(dialog.outcome_buttons[CallbackOutcome.NO_ANSWER], Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.text("status") == "The callback is already done"
    assert dialog.isVisible()


def test_callback_dialog_screenshot(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile, screenshot_dir: Path
) -> None:
    dialog = show(
        qtbot,
        CallbackDialog(
            agent_ctx,
            phone_number="07700 900123",
            customer_id=customer.id,
            customer_name=customer.name,
        ),
    )
    qtbot.keyClicks(dialog.reason, "Confirm the refund reached the card")
    qtbot.mouseClick(dialog.when.quick["tomorrow"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.by_queue, Qt.MouseButton.LeftButton)
    path = screenshot_dir / "callback-dialog.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 0


# Manual log -------------------------------------------------------------------------------------


def test_manual_log_saved_with_its_end_worked_out(
    qtbot: QtBot, agent_ctx: ServiceContext, people: People, customer: CustomerProfile
) -> None:
    dialog = show(
        qtbot,
        ManualLogDialog(agent_ctx, customer_id=customer.id, customer_name=customer.name),
    )
    assert dialog.customer.isChecked()
    assert not dialog.save_button.isEnabled()
    dialog.started.setDateTime(to_qt(local("2026-11-25 09:15")))
    qtbot.keyClicks(dialog.duration, "4:3")
    assert not dialog.save_button.isEnabled()  # not yet mm:ss
    qtbot.keyClicks(dialog.duration, "0")
    assert dialog.save_button.isEnabled()
    choose(dialog.direction, "Inbound")
    qtbot.keyClicks(dialog.number, "07700 900123")
    choose(dialog.disposition, "Resolved")
    qtbot.keyClicks(dialog.notes, "Called from the shop; ")
    type_with_ime(dialog.notes, "已解决")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    call = saved.args[0]
    assert call.channel == Channel.PHONE
    assert call.direction == Direction.INBOUND
    assert call.offered_at == call.answered_at == local("2026-11-25 09:15")
    assert call.ended_at == local("2026-11-25 09:19:30")
    assert call.caller_number == "+447700900123"
    assert call.disposition_code == "resolved"
    assert call.notes == "Called from the shop; 已解决"
    assert (call.customer_id, call.agent_id) == (customer.id, people.agent.user_id)


def test_manual_log_without_customer_or_number(qtbot: QtBot, agent_ctx: ServiceContext) -> None:
    dialog = show(qtbot, ManualLogDialog(agent_ctx))
    assert not dialog.customer.isEnabled()
    assert dialog.direction.currentData() == Direction.OUTBOUND
    qtbot.keyClicks(dialog.duration, "75:00")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    call = saved.args[0]
    assert (call.customer_id, call.caller_number, call.disposition_code) == (None, None, None)
    assert call.ended_at - call.offered_at == dt.timedelta(minutes=75)
    assert call.offered_at == START.replace(second=0)


def test_manual_log_notes_required_by_the_disposition_stay_open(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile
) -> None:
    dialog = show(
        qtbot,
        ManualLogDialog(agent_ctx, customer_id=customer.id, customer_name=customer.name),
    )
    qtbot.keyClicks(dialog.duration, "02:00")
    choose(dialog.disposition, "Complaint")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    assert dialog.errors.text("notes") == "Notes are required for disposition 'Complaint'."
    assert dialog.focusWidget() is dialog.notes
    assert dialog.duration.text() == "02:00"
    assert dialog.disposition.currentText() == "Complaint"
    assert load_customer_360(agent_ctx, customer.id).recent_interactions == ()


def test_manual_log_screenshot(
    qtbot: QtBot, agent_ctx: ServiceContext, customer: CustomerProfile, screenshot_dir: Path
) -> None:
    dialog = show(
        qtbot,
        ManualLogDialog(
            agent_ctx,
            customer_id=customer.id,
            customer_name=customer.name,
            phone_number="07700 900123",
        ),
    )
    dialog.started.setDateTime(to_qt(local("2026-11-25 09:15")))
    qtbot.keyClicks(dialog.duration, "04:30")
    choose(dialog.disposition, "Resolved")
    qtbot.keyClicks(dialog.notes, "Rang from my mobile while the line was down. ")
    type_with_ime(dialog.notes, "客户确认退款已到账。")
    path = screenshot_dir / "manual-log.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 0


# Keyboard -------------------------------------------------------------------------------------


def tab_path(qtbot: QtBot, dialog: QDialog, first: QWidget, last: QWidget) -> list[str]:
    """The dialog's attributes that take the focus as Tab is pressed from ``first`` until
    ``last`` has it; a date-time edit is listed once, though Tab first walks its sections."""
    names = {id(w): n for n, w in vars(dialog).items() if isinstance(w, QWidget)}
    picker = getattr(dialog, "when", None)
    if isinstance(picker, WhenPicker):
        names[id(picker.edit)] = "when.edit"
        names |= {id(b): f"when.{k}" for k, b in picker.quick.items()}
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    first.setFocus()
    seen: list[str] = []
    for _ in range(40):
        focus = QApplication.focusWidget()
        assert focus is not None, seen
        if focus is last:
            return seen
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        name = names.get(id(QApplication.focusWidget()), "?")
        if name not in seen[-1:]:
            seen.append(name)
    raise AssertionError(f"Tab never reached the last widget: {seen}")


def test_sr_tab_order_follows_the_form(
    qtbot: QtBot, ctx: ServiceContext, agent_ctx: ServiceContext
) -> None:
    dialog = show(qtbot, ServiceRequestDialog(agent_ctx, request=open_sr(ctx)))
    assert tab_path(qtbot, dialog, dialog.subject, dialog.cancel_button) == [
        "category",
        "priority",
        "status",
        "assignee",
        "satisfaction",
        "description",
        "resolution",
        "history",
        "resolve_button",
        "save_button",
        "cancel_button",
    ]


def test_callback_tab_order_and_mnemonics(qtbot: QtBot, agent_ctx: ServiceContext) -> None:
    dialog = show(qtbot, CallbackDialog(agent_ctx, phone_number="07700 900123"))
    qtbot.keyClicks(dialog.reason, "Quote")
    assert tab_path(qtbot, dialog, dialog.number, dialog.cancel_button) == [
        "when.edit",
        "when.hour",
        "when.afternoon",
        "when.tomorrow",
        "when.monday",
        "length",
        "reason",
        "mine",
        "save_button",
        "cancel_button",
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: shown(dialog.when) == "2026-11-26 09:00")  # an animated click


def test_manual_log_tab_order(qtbot: QtBot, agent_ctx: ServiceContext) -> None:
    dialog = show(qtbot, ManualLogDialog(agent_ctx))
    assert tab_path(qtbot, dialog, dialog.started, dialog.cancel_button) == [
        "started",
        "duration",
        "direction",
        "number",
        "disposition",
        "notes",
        "cancel_button",
    ]
