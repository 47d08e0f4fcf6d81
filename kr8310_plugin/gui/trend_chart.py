"""A KR % line over time against the KR 8310 target, drawn with QPainter (a stock QGIS has no
plotting library to count on).

The chart shows what it is given: dated KR % values (one point per snapshot), the day the
target is due (the fiscal year's end) and the target itself (100 %). It computes nothing of
the domain; core.dashboard.model's Trend gives it its values.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence

from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.toolbelt.i18n import tr

LINE_COLOUR = QColor("#1f6fb2")
TARGET_COLOUR = QColor("#2e7d32")
NEEDED_COLOUR = QColor("#e07b00")
GRID_COLOUR = QColor(0, 0, 0, 40)
Y_TICKS = (0, 25, 50, 75, 100)
MARGIN = 6  # pixels around the plot, inside the widget


def _iso(day: _dt.date) -> str:
    return day.isoformat()


class TrendChart(QWidget):
    """KR % per snapshot date as a line and points, the target as a dashed line at `target_pct`,
    and the pace needed as a dotted line from the last point to the target on `target_date`.

    `set_trend()` gives it values; `plotted_points` holds the points of the last paint.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[tuple[_dt.date, float]] = []
        self.target_date: _dt.date | None = None
        self.start_date: _dt.date | None = None
        self.target_pct = 100.0
        self.date_text: Callable[[_dt.date], str] = _iso
        self.plotted_points: list[QPointF] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 140)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(360, 220)

    def set_trend(
        self,
        points: Sequence[tuple[_dt.date, float | None]],
        target_date: _dt.date | None,
        start_date: _dt.date | None = None,
        target_pct: float = 100.0,
        date_text: Callable[[_dt.date], str] | None = None,
    ) -> None:
        """Show `points` (dates without a value are left out) from `start_date` (default the first
        point) to `target_date`; `date_text` writes the dates on the axis."""
        self.points = sorted((day, float(value)) for day, value in points if value is not None)
        self.target_date = target_date
        self.start_date = start_date
        self.target_pct = target_pct
        self.date_text = date_text or _iso
        self.update()

    def point_count(self) -> int:
        """The points the chart draws: the snapshots with a KR %."""
        return len(self.points)

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        try:
            self.paint(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def _date_range(self) -> tuple[_dt.date, _dt.date]:
        days = [day for day, _value in self.points]
        if self.target_date is not None:
            days.append(self.target_date)
        if self.start_date is not None:
            days.append(self.start_date)
        first, last = min(days), max(days)
        return first, (last if last > first else first + _dt.timedelta(days=1))

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the chart into `rect` (the widget, or an image for a report or a test)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font())
        palette = self.palette()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        self.plotted_points = []

        legend_bottom = self._paint_legend(painter, rect, text_colour)
        top_pct = max([self.target_pct, *(value for _day, value in self.points)])
        label_width = max(metrics.horizontalAdvance(f"{tick} %") for tick in Y_TICKS) + 6
        plot = QRectF(
            rect.left() + MARGIN + label_width,
            legend_bottom + line_height / 2,
            rect.width() - 2 * MARGIN - label_width - metrics.horizontalAdvance("0000") / 2,
            rect.bottom() - MARGIN - line_height - 4 - (legend_bottom + line_height / 2),
        )
        if plot.width() < 20 or plot.height() < 20:
            return

        def y_of(pct: float) -> float:
            return plot.bottom() - plot.height() * pct / top_pct

        painter.setPen(QPen(text_colour, 1))
        for tick in Y_TICKS:
            y = y_of(tick)
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(rect.left() + MARGIN, y - line_height / 2, label_width - 6, line_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{tick} %",
            )
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

        if not self.points and self.target_date is None:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("No progress recorded yet"))
            return

        first, last = self._date_range()
        span = (last - first).days

        def x_of(day: _dt.date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        self._paint_dates(painter, rect, plot, x_of, first, text_colour)

        target_y = y_of(self.target_pct)
        painter.setPen(QPen(TARGET_COLOUR, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), target_y), QPointF(plot.right(), target_y))
        if self.target_date is not None:
            painter.drawLine(QPointF(x_of(self.target_date), plot.bottom()), QPointF(x_of(self.target_date), target_y))

        self.plotted_points = [QPointF(x_of(day), y_of(value)) for day, value in self.points]
        if self.points and self.target_date is not None and self.points[-1][1] < self.target_pct:
            painter.setPen(QPen(NEEDED_COLOUR, 1.5, Qt.PenStyle.DotLine))
            painter.drawLine(self.plotted_points[-1], QPointF(x_of(self.target_date), target_y))
        if len(self.plotted_points) > 1:
            path = QPainterPath(self.plotted_points[0])
            for point in self.plotted_points[1:]:
                path.lineTo(point)
            painter.setPen(QPen(LINE_COLOUR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.setPen(QPen(LINE_COLOUR, 1))
        painter.setBrush(LINE_COLOUR)
        for point in self.plotted_points:
            painter.drawEllipse(point, 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_legend(self, painter: QPainter, rect: QRectF, text_colour: QColor) -> float:
        """The legend along the top, wrapped to the width; returns its bottom."""
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        entries = (
            (tr("KR %"), QPen(LINE_COLOUR, 2)),
            (tr("Target {pct} %").format(pct=f"{self.target_pct:g}"), QPen(TARGET_COLOUR, 1.5, Qt.PenStyle.DashLine)),
            (tr("Pace needed"), QPen(NEEDED_COLOUR, 1.5, Qt.PenStyle.DotLine)),
        )
        x, y = rect.left() + MARGIN, rect.top() + MARGIN
        for text, pen in entries:
            width = 22 + metrics.horizontalAdvance(text) + 12
            if x + width > rect.right() - MARGIN and x > rect.left() + MARGIN:
                x, y = rect.left() + MARGIN, y + line_height
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y + line_height / 2), QPointF(x + 18, y + line_height / 2))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + 22, y, width, line_height), Qt.AlignmentFlag.AlignVCenter, text)
            x += width
        return y + line_height

    def _paint_dates(self, painter, rect: QRectF, plot: QRectF, x_of, first: _dt.date, text_colour: QColor) -> None:
        """The first day, the last snapshot and the target day under the axis, without overlaps."""
        metrics = painter.fontMetrics()
        days = [first]
        if self.points:
            days.append(self.points[-1][0])
        if self.target_date is not None:
            days.append(self.target_date)
        painter.setPen(text_colour)
        taken: list[tuple[float, float]] = []
        for day in sorted(set(days), key=lambda d: (d != first and d != self.target_date, d)):
            text = self.date_text(day)
            width = metrics.horizontalAdvance(text)
            left = min(max(x_of(day) - width / 2, rect.left() + MARGIN), rect.right() - MARGIN - width)
            if any(left < end + 8 and left + width > start - 8 for start, end in taken):
                continue
            taken.append((left, left + width))
            painter.drawLine(QPointF(x_of(day), plot.bottom()), QPointF(x_of(day), plot.bottom() + 3))
            painter.drawText(
                QRectF(left, plot.bottom() + 4, width + 1, metrics.height()), Qt.AlignmentFlag.AlignLeft, text
            )
