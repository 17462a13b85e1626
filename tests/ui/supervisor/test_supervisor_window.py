"""The supervisor window on a scripted day: live boards, colours, CSV export, a dead link."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCharts import QDateTimeAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from callcenter.crm.customers import NewCustomer, create_customer
from callcenter.platform.context import ServiceContext
from callcenter.supervision.follow_up import SHOWN
from callcenter.work import service_requests as srs
from callcenter.work.callbacks import NewCallback, get_callback, schedule_callback
from callcenter.work.service_requests import NewServiceRequest
from callcenter.work.sla import SlaState
from db.enums import Channel, Direction
from db.models import AgentPresence, AuditEntry, Interaction, NotReadyReason
from db.store import open_engine
from tests.callcenter.conftest import People
from tests.callcenter.supervision.test_supervision import NOW, at, day  # noqa: F401 - the scripted day fixture
from tests.ui.work.test_dialogs import table_rows
from ui.common.form import to_qt
from ui.common.formatting import SLA_COLOURS, set_reading_region
from ui.common.tables import selected_record
from ui.supervisor.charts import count_axis
from ui.supervisor.window import BELOW_TARGET, CHOSEN, SupervisorWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def watching(ctx: ServiceContext, people: People) -> ServiceContext:
    return ServiceContext(ctx.sessions, "GB", people.supervisor, lambda: NOW)


def test_boards_show_the_day_and_export(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811 - the imported fixture
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    window = SupervisorWindow(watching(ctx, day), watching(ctx, day))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    queues = {row[0]: row for row in table_rows(window.queues)}
    assert queues["Support"][1:10] == [
        "4",
        "3",
        "1",
        "25 %",
        "80/20",
        "00:20",
        "05:40",
        "00:35",
        "1",
    ]
    assert queues["All queues"][4] == "40 %"
    support = next(
        r for r in range(window.queues.rowCount()) if window.queues.record(r).name == "Support"
    )
    colour = window.queues.data(window.queues.index(support, 4), Qt.ItemDataRole.ForegroundRole)
    assert colour.color() == QColor(BELOW_TARGET)
    agents = {row[0]: row for row in table_rows(window.agents)}
    assert agents["Ann"][1:4] == ["Ringing", "", "00:30"]
    assert agents["Bob"][4:9] == ["Wang Fang", "Sales", "02:00", "2", "06:00"]
    assert agents["Sue"][1] == "Offline"
    window.grab().save(str(screenshot_dir / "supervisor.png"))
    window.tabs.setCurrentWidget(window.charts)
    assert window.charts.states_view.chart().series()[0].count() == 3  # ringing, on call, offline
    calls = window.charts.calls_view.chart().axes(Qt.Orientation.Vertical)[0]
    step = (calls.max() - calls.min()) / (calls.tickCount() - 1)
    assert calls.min() == 0 and step == int(step) and calls.max() % step == 0
    level = window.charts.level_view.chart()
    assert level.series()[0].pointsVisible() and level.series()[0].count() >= 1
    (time_axis,) = level.axes(Qt.Orientation.Horizontal)
    assert isinstance(time_axis, QDateTimeAxis) and time_axis.format() == "HH:mm"
    window.grab().save(str(screenshot_dir / "supervisor-charts.png"))
    target = tmp_path / "queues.csv"
    window.export(window.queues, "queues", target)
    with ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
        assert (entry.entity, entry.actor_id) == ("queues", day.supervisor.user_id)
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["Queue", "Offered", "Answered", "Abandoned", "Service level"]
    assert rows[-1][:5] == ["All queues", "5", "4", "1", "40 %"]
    window.close()


def test_a_shared_database_that_does_not_answer_is_said_plainly(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    dead = open_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", timeout_s=1)
    window = SupervisorWindow(
        ServiceContext.for_engine(dead, "GB", day.supervisor), watching(ctx, day)
    )
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "not answering" in window.status.text(), timeout=10_000)
    assert "refused" in window.status.toolTip().lower() or window.status.toolTip()
    window.close()
    dead.dispose()


def test_a_missed_call_is_called_back_and_an_overdue_callback_reassigned(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    sue = watching(ctx, day)
    with ctx.sessions.begin() as s:
        s.execute(
            update(Interaction)
            .where(Interaction.answered_at.is_(None))
            .values(caller_number="+442079460958")
        )
    schedule_callback(
        sue,
        NewCallback(
            "+442079460959",
            NOW - dt.timedelta(hours=3),
            NOW - dt.timedelta(hours=1),
            "Refund",
            owner_user_id=day.agent.user_id,
        ),
    )
    window = SupervisorWindow(sue, sue)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    assert window.tabs.tabText(2) == "Missed calls (1)"
    window.tabs.setCurrentIndex(2)
    chosen = window.tab_table()
    assert chosen is not None and chosen[1] == "missed-calls"
    assert window.tabs.tabText(3) == "Overdue callbacks (1)"
    window.missed_view.selectRow(0)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.mouseClick(window.call_back_button, Qt.MouseButton.LeftButton)
    assert window.missed.rowCount() == 0
    assert window.tabs.tabText(2) == "Missed calls"
    assert "Agent: Bob" in window.owners() and "Queue: Support" in window.owners()
    window.close()


def test_reassign_while_the_boards_refresh(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The supervisor picks a callback, boards refresh while the question is open (every 2 s,
    on a worker), and the answer still reassigns that callback, says which, and audits it."""
    set_reading_region("GB")  # as the desktop does at start, for a GB desk
    sue = watching(ctx, day)
    late = schedule_callback(
        sue,
        NewCallback(
            "+442079460959",
            NOW - dt.timedelta(hours=3),
            NOW - dt.timedelta(hours=1),
            "Refund",
            owner_user_id=day.agent.user_id,
        ),
    )
    other = schedule_callback(
        sue,
        NewCallback(
            "+442079460960",
            NOW - dt.timedelta(hours=5),
            NOW - dt.timedelta(hours=4),
            "Invoice",
            owner_user_id=day.agent.user_id,
        ),
    )
    window = SupervisorWindow(sue, sue)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    assert window.overdue.rowCount() == 2
    row = next(r for r in range(2) if window.overdue.record(r).id == late.id)
    window.overdue_view.selectRow(row)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):  # the 2 s timer, not a prod
        pass
    assert selected_record(window.overdue_view).id == late.id  # type: ignore[union-attr]
    asked: list[str] = []

    def think_while_boards_refresh(
        _parent: object, _title: str, label: str, names: list[str], *_args: object
    ) -> tuple[str, bool]:
        asked.append(label)
        with qtbot.waitSignal(window.refreshed, timeout=10_000):
            window.refresh()
        return "Agent: Bob", True

    monkeypatch.setattr(QInputDialog, "getItem", think_while_boards_refresh)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.reassign_callback_button.click()
    assert asked == ["Give the callback to 020 7946 0959 (Refund) to:"]
    assert get_callback(sue, late.id).owner_user_id == day.other_agent.user_id
    assert get_callback(sue, other.id).owner_user_id == day.agent.user_id
    assert window.statusBar().currentMessage() == (
        "the callback to 020 7946 0959 (Refund) reassigned to Bob"
    )
    with sue.sessions() as s:
        entry = s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "reassign", AuditEntry.entity_id == late.id
            )
        ).one()
        assert entry.actor_id == day.supervisor.user_id
    window.close()


def test_a_chosen_interval(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    window = SupervisorWindow(watching(ctx, day), watching(ctx, day))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    window.interval_from.setDateTime(to_qt(at(9, 15)))
    window.interval_to.setDateTime(to_qt(at(9, 45)))
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.interval.setCurrentText(CHOSEN)
    assert window.interval_from.isVisible() and window.interval_to.isVisible()
    qtbot.waitUntil(lambda: window.queues.rowCount() and window.queues.record(1).offered == 2)
    support = window.queues.record(1)
    assert (support.name, support.offered, support.answered, support.abandoned) == (
        "Support",
        2,
        1,
        1,
    )
    window.close()


@pytest.mark.parametrize("peak", [1, 3, 5, 7, 9, 11, 23, 51, 99, 480])
def test_count_axes_tick_on_whole_numbers(qtbot: QtBot, peak: int) -> None:
    axis = count_axis(peak)
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    assert axis.min() == 0 and axis.max() >= peak
    assert step == int(step) and axis.tickCount() <= 6
    assert axis.max() < peak + 2 * step  # no wasted room above the tallest bar


def test_work_lists_say_whose_work_it_is_and_a_near_breach_is_announced(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    sue = watching(ctx, day)
    ann = ServiceContext(sue.sessions, sue.default_region, day.agent, lambda: NOW)
    customer = create_customer(ann, NewCustomer(name="Zhou Min"))
    request = srs.create_service_request(
        ann,
        NewServiceRequest(
            "Router dead", "technical", customer_id=customer.id, assignee_id=day.agent.user_id
        ),
    )  # technical: 8 h; at NOW it is new, 7.5 h on it is near its SLA
    schedule_callback(
        sue,
        NewCallback(
            "+442079460959",
            NOW - dt.timedelta(hours=3),
            NOW - dt.timedelta(hours=1),
            "Refund",
            customer_id=customer.id,
            owner_queue_id=day.queue_id,
        ),
    )
    nearly = NOW + dt.timedelta(hours=7, minutes=30)
    later = ServiceContext(sue.sessions, sue.default_region, sue.actor, lambda: nearly)
    window = SupervisorWindow(later, later)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sla_warning, timeout=10_000) as warned:
        pass
    assert warned.args[0].startswith(f"{request.number} “Router dead” is due ")
    assert warned.args[0].endswith("(Ann)")
    overdue = {row[4]: row for row in table_rows(window.overdue)}
    assert overdue["Refund"][1:3] == ["Queue: Support", "Zhou Min"]
    (watched,) = table_rows(window.sla)
    assert watched[1:4] == [request.number, "Ann", "Zhou Min"]
    colour = window.sla.data(window.sla.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert colour.color() == QColor(SLA_COLOURS[SlaState.NEAR])  # near its SLA: amber
    with (
        qtbot.assertNotEmitted(window.sla_warning, wait=100),
        qtbot.waitSignal(window.refreshed, timeout=10_000),
    ):
        window.refresh()  # announced once, not at every refresh
    window.close()


def test_a_not_ready_reason_reads_in_the_dictionarys_words(
    qtbot: QtBot,
    ctx: ServiceContext,
    day: People,  # noqa: F811
) -> None:
    with ctx.sessions.begin() as s:
        s.execute(
            update(NotReadyReason).where(NotReadyReason.code == "lunch").values(label="Lunch break")
        )
        s.execute(
            update(AgentPresence)
            .where(AgentPresence.user_id == day.other_agent.user_id)
            .values(state="not_ready", reason_code="lunch")
        )
    window = SupervisorWindow(watching(ctx, day), watching(ctx, day))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    agents = {row[0]: row for row in table_rows(window.agents)}
    assert agents["Bob"][1:3] == ["Not ready", "Lunch break"]
    window.close()


def test_a_busy_days_missed_calls_say_how_many_are_shown(
    qtbot: QtBot, ctx: ServiceContext, people: People
) -> None:
    """More missed calls than the board brings: the newest ``SHOWN`` listed, the tab says of
    how many."""
    with ctx.sessions.begin() as s:
        s.add_all(
            Interaction(
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                queue_id=people.queue_id,
                caller_number=f"+44207946{n:04d}",
                offered_at=at(1, 0) + dt.timedelta(seconds=n),
                ended_at=at(1, 1) + dt.timedelta(seconds=n),
            )
            for n in range(SHOWN + 1_000)
        )
    window = SupervisorWindow(watching(ctx, people), watching(ctx, people))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    assert window.missed.rowCount() == SHOWN
    assert window.tabs.tabText(2) == f"Missed calls ({SHOWN} of {SHOWN + 1_000:,})"
    assert window.tabs.tabText(4) == "SLA watch"
