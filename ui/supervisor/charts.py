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
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from callcenter.supervision.boards import AgentRow, IntervalRow
from ui.common.formatting import label


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
        labels = [row.start.astimezone().strftime("%H:%M") for row in rows]
        offered, answered = QBarSet("Offered"), QBarSet("Answered")
        for row in rows:
            offered.append(row.offered)
            answered.append(row.answered)
        bars = QBarSeries()
        bars.append(offered)
        bars.append(answered)
        calls = QChart()
        calls.setTitle("Calls per half hour")
        calls.addSeries(bars)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_x.setLabelsAngle(-90)
        calls.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        peak = max([1, *(r.offered for r in rows)])
        axis_y.setRange(0, peak)
        axis_y.setTickCount(min(peak, 5) + 1)
        calls.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_y)
        self.calls_view.setChart(calls)

        level, target = QLineSeries(), QLineSeries()
        level.setName("Service level %")
        target.setName(f"Target {target_percent} %")
        hours = [self._hour(row) for row in rows]
        for hour, row in zip(hours, rows, strict=True):
            if row.service_level is not None:
                level.append(hour, row.service_level)
            target.append(hour, target_percent)
        chart = QChart()
        chart.setTitle("Service level over the day")
        chart.addSeries(level)
        chart.addSeries(target)
        x, y = QValueAxis(), QValueAxis()
        x.setRange(hours[0] if hours else 0, max(hours[-1] if hours else 1, (hours or [0])[0] + 1))
        x.setLabelFormat("%.0f")
        x.setTitleText("hour of the day")
        y.setRange(0, 100)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (level, target):
            series.attachAxis(x)
            series.attachAxis(y)
        self.level_view.setChart(chart)

    @staticmethod
    def _hour(row: IntervalRow) -> float:
        local = row.start.astimezone()
        return local.hour + local.minute / 60

    def show_agents(self, agents: list[AgentRow]) -> None:
        counts = Counter(label(a.state) for a in agents)
        pie = QPieSeries()
        for state, count in sorted(counts.items()):
            pie.append(f"{state} ({count})", count).setLabelVisible(True)
        chart = QChart()
        chart.setTitle("Agents now")
        chart.addSeries(pie)
        chart.legend().hide()
        self.states_view.setChart(chart)
