"""The supervisor's charts: calls per half hour, service level over the day, agents by state.

Each chart is rebuilt from one refresh's figures (a few dozen points), which is simpler and
as fast as updating series point by point.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from callcenter.supervision.boards import AgentRow, IntervalRow
from ui.common.collation import sorted_names
from ui.common.formatting import label, local_time


def count_axis(peak: int, ticks: int = 5) -> QValueAxis:
    """A count axis from 0 whose every tick is a whole number: a step of 1, 2 or 5 times a
    power of ten, the top a multiple of it (a bar of 3 never reads as 2)."""
    step = 1
    while peak / step > ticks:
        for factor in (2, 5 / 2, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
            step = round(step * factor)
            if peak / step <= ticks:
                break
    top = step * -(-peak // step)
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, top)
    axis.setTickCount(top // step + 1)
    return axis


def _view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


class SupervisorCharts(QWidget):
    """Three charts side by side; ``show_day`` and ``show_agents`` redraw them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls_view, self.level_view, self.states_view = _view(), _view(), _view()
        layout = QHBoxLayout(self)
        for view in (self.calls_view, self.level_view, self.states_view):
            layout.addWidget(view)

    def show_day(self, rows: list[IntervalRow], target_percent: int) -> None:
        # From the first busy half hour on: a night of empty bars says nothing.
        first = next((i for i, row in enumerate(rows) if row.offered), max(0, len(rows) - 1))
        rows = rows[first:]
        labels = [local_time(row.start, with_date=False) for row in rows]
        offered, answered = QBarSet(self.tr("Offered")), QBarSet(self.tr("Answered"))
        for row in rows:
            offered.append(row.offered)
            answered.append(row.answered)
        bars = QBarSeries()
        bars.append(offered)
        bars.append(answered)
        calls = QChart()
        calls.setTitle(self.tr("Calls per half hour"))
        calls.addSeries(bars)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_x.setLabelsAngle(-90)
        calls.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        axis_y = count_axis(max([1, *(r.offered for r in rows)]))
        calls.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_y)
        self.calls_view.setChart(calls)

        level, target = QLineSeries(), QLineSeries()
        level.setName(self.tr("Service level %"))
        level.setPointsVisible(True)  # one busy half hour is a point, not a line
        target.setName(self.tr("Target {percent} %").format(percent=target_percent))
        times = [float(QDateTime(row.start).toMSecsSinceEpoch()) for row in rows]
        for at, row in zip(times, rows, strict=True):
            if row.service_level is not None:
                level.append(at, row.service_level)
            target.append(at, target_percent)
        chart = QChart()
        chart.setTitle(self.tr("Service level over the day"))
        chart.addSeries(level)
        chart.addSeries(target)
        x, y = QDateTimeAxis(), QValueAxis()
        x.setFormat("HH:mm")  # Qt shows epoch times in the desk's own zone
        x.setTitleText(self.tr("time (this desk's zone)"))
        first = QDateTime(rows[0].start) if rows else QDateTime.currentDateTime()
        last = QDateTime(rows[-1].start) if rows else first
        x.setRange(first, last.addSecs(1800))
        x.setTickCount(min(7, max(2, len(rows) + 1)))
        y.setRange(0, 100)
        y.setTickCount(6)
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (level, target):
            series.attachAxis(x)
            series.attachAxis(y)
        self.level_view.setChart(chart)

    def show_agents(self, agents: list[AgentRow]) -> None:
        counts = Counter(label(a.state) for a in agents)
        pie = QPieSeries()
        for state, count in sorted_names(counts.items(), key=lambda item: item[0]):
            pie.append(
                self.tr("{state} ({count})").format(state=state, count=count), count
            ).setLabelVisible(True)
        chart = QChart()
        chart.setTitle(self.tr("Agents now"))
        chart.addSeries(pie)
        chart.legend().hide()
        self.states_view.setChart(chart)
