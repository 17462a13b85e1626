"""The 360 record on screen: the tab in view fills with the record, the others just after;
time-dependent colours follow the clock; a row's record is found whatever the sort order."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcenter.platform.records import (
    AccountSummary,
    Customer360,
    CustomerProfile,
    InteractionView,
    ServiceRequestView,
)
from db.enums import Channel, CustomerKind, Direction, LifecycleStage, Priority, SRStatus, ValueTier
from tests.ui.conftest import START, Clock
from ui.common.models import Column, SnapshotTableModel
from ui.common.tables import make_table, selected_record
from ui.desk.record_view import RecordView

FOREGROUND = Qt.ItemDataRole.ForegroundRole


def request(subject: str, due: dt.datetime) -> ServiceRequestView:
    return ServiceRequestView(
        id=uuid.uuid4(),
        version=1,
        number=f"SR-{subject[:8].upper():0<8}",
        customer_id=None,
        category_code="billing",
        priority=Priority.NORMAL,
        status=SRStatus.OPEN,
        subject=subject,
        description="",
        resolution=None,
        satisfaction=None,
        assignee_id=None,
        queue_id=None,
        opened_at=due - dt.timedelta(hours=24),
        sla_due_at=due,
        resolved_at=None,
        closed_at=None,
    )


def contact(at: dt.datetime) -> InteractionView:
    return InteractionView(
        id=uuid.uuid4(),
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        sip_call_id=None,
        queue_id=None,
        caller_number=None,
        offered_at=at,
        answered_at=None,
        ended_at=None,
        disposition_code=None,
        notes="",
        agent_id=None,
        customer_id=None,
        service_request_id=None,
        callback_id=None,
    )


def record(
    name: str, requests: tuple[ServiceRequestView, ...], calls: int, company: str | None = None
) -> Customer360:
    return Customer360(
        profile=CustomerProfile(
            id=uuid.uuid4(),
            version=1,
            external_id=None,
            kind=CustomerKind.PERSON,
            name=name,
            company_name=company,
            lifecycle_stage=LifecycleStage.CUSTOMER,
            value_tier=ValueTier.GOLD,
            owner_id=None,
            owner_name="Kim",
            region="GB",
            industry=None,
            source=None,
            tags=("vip",),
            notes="",
            phones=(),
            emails=(),
        ),
        contacts=(),
        open_service_requests=requests,
        recent_interactions=tuple(contact(START - dt.timedelta(days=i)) for i in range(calls)),
        orders=(),
        invoices=(),
        payments=(),
        shipments=(),
        callbacks_due=(),
        account=AccountSummary(0, 0, 0, 0, 0, None),
    )


def test_the_tab_in_view_fills_at_once_the_others_next(qtbot: QtBot) -> None:
    view = RecordView(Clock(START))
    qtbot.addWidget(view)
    view.show()
    due = START + dt.timedelta(days=1)
    view.show_record(record("Ann Lee", (request("Refund", due), request("Invoice", due)), 3))
    assert view.srs.rowCount() == 2
    assert view.interactions.rowCount() == 0
    assert view.tabs.tabText(0) == "Open requests (2)"
    assert view.tabs.tabText(2) == "History (3)"
    assert view.header.name.text() == "Ann Lee"
    assert view.header.tier.text() == "Gold"
    assert view.header.details.text().startswith(" · owner Kim · GB")
    qtbot.waitUntil(lambda: view.interactions.rowCount() == 3, timeout=1000)


def test_choosing_a_tab_fills_it_at_once(qtbot: QtBot) -> None:
    view = RecordView(Clock(START))
    qtbot.addWidget(view)
    view.show()
    view.show_record(record("Ann Lee", (), 4))
    view.tabs.setCurrentIndex(2)
    assert view.interactions.rowCount() == 4


def test_the_latest_record_wins_a_pending_fill(qtbot: QtBot) -> None:
    view = RecordView(Clock(START))
    qtbot.addWidget(view)
    view.show()
    view.show_record(record("First", (), 5))
    view.show_record(record("Second", (), 2, company="Acme"))
    qtbot.waitUntil(lambda: view.interactions.rowCount() == 2, timeout=1000)
    assert view.header.company.text() == " — Acme"
    view.clear("No customer")
    assert view.interactions.rowCount() == 0
    assert view.header.message.text() == "No customer"
    assert view.tabs.tabText(2) == "History (0)"


def test_colours_follow_the_clock() -> None:
    clock = Clock(START)
    model: SnapshotTableModel[ServiceRequestView] = SnapshotTableModel(
        [
            Column("Subject", lambda s: s.subject),
            Column(
                "Due",
                lambda s: s.sla_due_at,
                colour=lambda s: "#c62828" if s.sla_due_at < clock() else None,
            ),
        ]
    )
    model.set_rows([request("Refund", START + dt.timedelta(minutes=5))])
    due = model.index(0, 1)
    assert model.data(due, FOREGROUND) is None
    clock.advance(dt.timedelta(minutes=10))
    model.recolour()
    assert model.data(due, FOREGROUND).color().name() == "#c62828"
    clock.now = START
    model.recolour()
    assert model.data(due, FOREGROUND) is None  # no colour, not an empty brush


def test_the_selected_row_is_the_record_behind_it_whatever_the_sort(qtbot: QtBot) -> None:
    model: SnapshotTableModel[ServiceRequestView] = SnapshotTableModel(
        [Column("Subject", lambda s: s.subject), Column("Due", lambda s: s.sla_due_at)]
    )
    late, soon = request("Late", START + dt.timedelta(days=3)), request("Soon", START)
    model.set_rows([late, soon])
    table = make_table(model)
    qtbot.addWidget(table)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    table.selectRow(0)
    assert selected_record(table) is soon
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    table.selectRow(0)
    assert selected_record(table) is late


def test_done_requests_have_their_own_tab(qtbot: QtBot) -> None:
    view = RecordView(Clock(START))
    qtbot.addWidget(view)
    view.show()
    opened: list[ServiceRequestView] = []
    view.service_request_opened.connect(opened.append)
    resolved = replace(
        request("Refund", START),
        status=SRStatus.RESOLVED,
        resolved_at=START,
        resolution="Refunded in full",
    )
    view.show_record(replace(record("Ann Lee", (), 0), done_service_requests=(resolved,)))
    index = next(i for i in range(8) if view.tabs.tabText(i).startswith("Done requests"))
    assert view.tabs.tabText(index) == "Done requests (1)"
    view.tabs.setCurrentIndex(index)
    row = [view.done_srs.index(0, c).data() for c in range(view.done_srs.columnCount())]
    assert row[1:3] == ["Refund", "Resolved"] and row[4] == "Refunded in full"
    view.done_sr_table.selectRow(0)
    view.done_sr_table.doubleClicked.emit(view.done_srs.index(0, 0))
    assert opened == [resolved]  # opened again to read it or reopen it
