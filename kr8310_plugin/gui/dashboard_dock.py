"""The "KR 8310" dashboard dock: where the city stands against 100 %, per district group and district.

The numbers come from core.dashboard.model (kr_summary's rows); this module only shows them,
keeps them current and links rows to the map. When a project opens, and a moment after edits are
saved, the dock first shows the coverage numbers stored in the communities layer (read in
milliseconds), then recomputes them and runs the quality checks in a QgsTask, their counts
marked as pending until it is done. Everything shown belongs to the project's current database:
it is cleared when the project or its database changes, and the issues the checks found go to the
quality issues panel (gui.issues_dock), which so lists exactly what the dashboard counts.
At the dock's default width the district, its KR % (a bar under the number) and the difference
from the target show; the other columns are chosen in the header's context menu.
Its Progress tab shows the snapshots (core.progress) of the project's database: the city's or the
selected district's or group's KR % over time against the target, and the districts by pace; when
the user asks for it (settings.daily_snapshot) a refresh also records today's snapshot once.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsMessageLog,
    QgsProject,
    QgsRectangle,
    QgsTask,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, QTimer
from qgis.PyQt.QtGui import QColor, QFontMetrics, QStandardItem, QStandardItemModel
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..compat import QAction
from ..core.coverage.engine import CoverageError, write_coverage
from ..core.coverage.kr_summary import LEVEL_CITY, LEVEL_DISTRICT, LEVEL_GROUP, SummaryRow
from ..core.dashboard.model import (
    DashboardData,
    LayerSource,
    Trend,
    database_of,
    district_subset,
    districts_pace,
    find_survey_layers,
    progress_trend,
    recheck_saved_issues,
    row_matches,
    source_with_subset,
    stored_dashboard,
)
from ..core.dashboard.tasks import DashboardTask
from ..core.exports.locale_format import format_date, format_int, format_pct, format_signed_int, format_year
from ..core.progress import pace
from ..core.progress.snapshots import KrSnapshot, read_snapshots, record_snapshot, snapshot_dates
from ..core.project import styles as coverage_styles
from ..core.quality.saved_edits import SavedEdits
from ..core.registry.districts import load_targets
from ..core.storage import rule_store
from ..core.toolbelt import settings
from ..core.toolbelt.i18n import tr, user_language
from ..definitions import schema
from .interface import remove_dock_widget
from .issues_dock import issue_feed
from .trend_chart import TrendChart

DOCK_OBJECT_NAME = "Kr8310DashboardDock"
SNAPSHOT_ALGORITHM = "kr8310:snapshot"
MESSAGE_TAG = "KR 8310"  # the plugin's tab in QGIS's message log
CITY = (LEVEL_CITY, "BKK")
REFRESH_DELAY_MS = 1500  # edits saved in a burst (several layers) cause one recompute
KEY_VISIBLE = settings.PREFIX + "dashboard/visible"
KEY_COLUMNS = settings.PREFIX + "dashboard/columns"  # the columns shown, by key
DEFAULT_WIDTH = 420  # px: what QGIS gives the dock when it first docks it
BAR_HEIGHT = 4  # px: the KR % bar under the number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # (level, code)
PCT_ROLE = Qt.ItemDataRole.UserRole + 3  # KR % as a float (None when no register)

(COL_NAME, COL_KR, COL_DIFF, COL_S, COL_M, COL_REGISTERED, COL_COMPLETE, COL_TARGET) = range(8)
COLUMN_KEYS = ("name", "kr", "diff", "s", "m", "registered", "complete", "target")
DEFAULT_COLUMNS = ("name", "kr", "diff")  # what the default width shows; the rest on demand
(PACE_NAME, PACE_KR, PACE_CURRENT, PACE_NEEDED, PACE_GAP) = range(5)


def column_titles() -> list[str]:
    """Short headers (the dock is narrow); column_tooltips() says what each one is."""
    return [
        tr("District group / district"),
        tr("KR %"),
        tr("Difference"),
        tr("S"),
        tr("M"),
        tr("Registered"),
        tr("Complete"),
        tr("Target"),
    ]


def column_tooltips() -> list[str]:
    return [
        tr("District group, and its districts (click one to zoom to it and show only its communities)"),
        tr("KR 8310 %: complete ÷ registered households of S and M communities (target 100 %)"),
        tr("Registered households in the data minus the official target"),
        tr("Small communities (S, up to {high} registered households)").format(high=schema.SMALL_MAX_HOUSEHOLDS),
        tr("Medium communities (M, {low}–{high} registered households)").format(
            low=schema.SMALL_MAX_HOUSEHOLDS + 1, high=schema.MEDIUM_MAX_HOUSEHOLDS
        ),
        tr("Registered households of the S and M communities"),
        tr("Complete households of the S and M communities (each community counted up to its register)"),
        tr("Official target: households of S and M communities in the KR 8310 sheet"),
    ]


def pace_titles() -> list[str]:
    return [tr("District"), tr("KR %"), tr("Current pace"), tr("Needed pace"), tr("Gap")]


def pace_tooltips() -> list[str]:
    return [
        tr("Districts, furthest behind the pace needed first"),
        tr("KR 8310 % at the latest snapshot"),
        tr("Percentage points per 30 days between the last two snapshots"),
        tr("Percentage points per 30 days still needed to reach 100 % by the end of the fiscal year"),
        tr("Current minus needed pace: below 0, the district falls behind the target"),
    ]


def pace_points(value: float | None, signed: bool = False) -> str:
    """A pace in percentage points per 30 days: 1.5, +1.5, −0.4 (a true minus sign); None: –."""
    if value is None:
        return "–"
    return (f"{value:+.1f}" if signed and round(value, 1) else f"{value:.1f}").replace("-", "−")


def bar_colour(pct: float) -> QColor:
    """The KR % bar in the colour the coverage map gives that percentage."""
    ramp = coverage_styles.COVERAGE_RAMP
    return QColor(ramp[max(0, min(int(pct // coverage_styles.COVERAGE_STEP), len(ramp) - 1))])


class ProgressDelegate(QStyledItemDelegate):
    """The KR % cell: the percentage as text, and under it a thin bar (never over the number)."""

    def paint(self, painter, option, index):
        pct = index.data(PCT_ROLE)
        if pct is None:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:  # the strip under the text is the row's too
            painter.fillRect(option.rect, option.palette.highlight())
        text = QStyleOptionViewItem(option)
        text.rect = option.rect.adjusted(0, 0, 0, -BAR_HEIGHT)
        super().paint(painter, text, index)
        rect = option.rect
        track = QRect(rect.left() + 3, rect.bottom() - BAR_HEIGHT + 1, rect.width() - 6, BAR_HEIGHT - 1)
        painter.save()
        painter.fillRect(track, QColor(0, 0, 0, 30))
        filled = QRect(track)
        filled.setWidth(int(round(track.width() * min(max(pct, 0.0), 100.0) / 100.0)))
        painter.fillRect(filled, bar_colour(pct))
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + BAR_HEIGHT)


class DashboardFilterModel(QSortFilterProxyModel):
    """Filter box: a row stays when it, its district group or one of its districts matches."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.rows: dict[tuple[str, str], SummaryRow] = {}
        self.setSortRole(SORT_ROLE)
        self.setRecursiveFilteringEnabled(True)  # a matching district keeps its group

    def set_text(self, text: str) -> None:
        self.text = text
        self.invalidateFilter()

    def _matches(self, index: QModelIndex) -> bool:
        row = self.rows.get(index.data(ROW_ROLE))
        return row is not None and row_matches(row, self.text)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        if self._matches(model.index(source_row, COL_NAME, source_parent)):
            return True
        return source_parent.isValid() and self._matches(source_parent.sibling(source_parent.row(), COL_NAME))


def _item(text: str, sort_value=None, align_right: bool = True) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort_value if sort_value is not None else -1e18, SORT_ROLE)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DashboardDock(QgsDockWidget):
    """The dock. `refresh()` recomputes in a QgsTask; `show_district(code)` zooms and filters."""

    def __init__(self, iface, project: QgsProject | None = None, parent=None):
        super().__init__(tr("KR 8310"), parent or iface.mainWindow())
        self.setObjectName(DOCK_OBJECT_NAME)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.language = user_language()
        self.data: DashboardData | None = None
        self.database = ""  # the community database the numbers shown belong to
        self.task: DashboardTask | None = None
        self._pending: tuple[bool, bool] | None = None  # a refresh asked for while one runs: (write, issues)
        self._issues_checked = ""  # when the data problems were last counted (HH:MM)
        self._issues_pending = False  # a check of the data problems is running or about to
        self._issues_stale = False  # edits were saved after the data problems were counted
        self._stale = True
        self._watched: list[QgsVectorLayer] = []
        self._saved_edits: SavedEdits | None = None  # the communities each save touches
        self._filtered_layer: QgsVectorLayer | None = None
        self._original_subset = ""
        self.snapshot_rows: list[KrSnapshot] = []  # kr_snapshots of the project's database
        self.trend_key: tuple[str, str] = CITY  # the roll-up the chart shows: (level, code)
        self.trend: Trend | None = None
        self.snapshot_task: QgsTask | None = None  # today's automatic snapshot, while it runs
        self._daily_done: tuple[str, date] | None = None  # (database, day) recorded or tried
        self.report_dialog = None  # the export dialog opened by Export report…, kept while open
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(lambda: self.refresh(write=False))
        self._stored_timer = QTimer(self)  # after a save: once every commit handler has run
        self._stored_timer.setSingleShot(True)
        self._stored_timer.setInterval(0)
        self._stored_timer.timeout.connect(self.show_stored)
        self.project.layersAdded.connect(self._layers_changed)
        self.project.layersRemoved.connect(self._layers_changed)
        self.project.cleared.connect(self._project_cleared)
        self.project.writeMapLayer.connect(self._unfiltered_in_project_file)
        self.visibilityChanged.connect(self._visibility_changed)
        self._layers_changed()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """The width QGIS docks it at first: the district, KR % and difference columns fit."""
        return QSize(self.default_width(), super().sizeHint().height())

    def default_width(self) -> int:
        """At least DEFAULT_WIDTH, and wide enough for the longest district (or bold group) name, the
        KR % and the difference in the dock's font and language."""
        metrics = self.tree.fontMetrics()
        bold = self.tree.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        registry = load_targets()
        th = self.language == "th"
        districts = [f"{d.code} {d.name_th if th else d.name_en}" for d in registry]
        groups = [d.group_th if th else d.group_en for d in registry]
        name = max(
            max(metrics.horizontalAdvance(text) for text in districts) + self.tree.indentation(),
            max(bold_metrics.horizontalAdvance(text) for text in groups),
        )
        header = self.tree.header()
        numbers = [
            max(header.sectionSizeHint(column), bold_metrics.horizontalAdvance(sample))
            for column, sample in ((COL_KR, "100.0 %"), (COL_DIFF, "−00,000"))
        ]
        cell_padding = 4 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        chrome = self.tree.verticalScrollBar().sizeHint().width() + 2 * self.tree.frameWidth() + 40
        needed = name + sum(numbers) + 3 * cell_padding + chrome
        return max(DEFAULT_WIDTH, needed)

    # --- widgets -------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.city_label = QLabel(tr("Bangkok KR 8310"), body)
        font = self.city_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.city_label.setFont(font)
        self.city_bar = QProgressBar(body)
        self.city_bar.setRange(0, 1000)
        self.city_bar.setFormat("–")
        self.city_bar.setTextVisible(True)
        self.city_detail = QLabel("", body)
        self.city_detail.setWordWrap(True)
        self.issues_label = QLabel("", body)
        self.issues_label.setWordWrap(True)
        self.status_label = QLabel(tr("Not computed yet."), body)
        self.status_label.setWordWrap(True)
        self.filter_edit = QgsFilterLineEdit(body)
        self.filter_edit.setShowSearchIcon(True)
        self.filter_edit.setPlaceholderText(tr("Filter districts (code or name)…"))
        self.model = QStandardItemModel(0, len(column_titles()), self)
        self.model.setHorizontalHeaderLabels(column_titles())
        for column, tooltip in enumerate(column_tooltips()):
            self.model.setHeaderData(column, Qt.Orientation.Horizontal, tooltip, Qt.ItemDataRole.ToolTipRole)
        self.proxy = DashboardFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(body)
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # sheet order until a header is clicked
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(COL_KR, ProgressDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)  # names take what is left
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.set_visible_columns(visible_columns())
        self.refresh_button = QPushButton(QgsApplication.getThemeIcon("/mActionRefresh.svg"), tr("Refresh"), body)
        self.refresh_button.setToolTip(
            tr("Recompute and store the coverage of every community, and count the data problems (runs as a task)")
        )
        self.show_all_button = QPushButton(tr("Show all communities"), body)
        self.show_all_button.setEnabled(False)
        self.export_button = QPushButton(
            QgsApplication.getThemeIcon("/mActionSaveAsPDF.svg"), tr("Export report…"), body
        )
        buttons = QHBoxLayout()  # two buttons: they fit the dock's default width
        for button in (self.refresh_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for widget in (self.city_label, self.city_bar, self.city_detail, self.issues_label):
            layout.addWidget(widget)
        self.tabs = QTabWidget(body)
        districts_tab = QWidget(self.tabs)
        districts_layout = QVBoxLayout(districts_tab)
        districts_layout.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.show_all_button)
        districts_layout.addLayout(filter_row)
        districts_layout.addWidget(self.tree, 1)
        self.tabs.addTab(districts_tab, tr("Districts"))
        self.tabs.addTab(self._build_progress(self.tabs), tr("Progress"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        self.setWidget(body)

        self.filter_edit.textChanged.connect(self._filter_changed)
        self.tree.clicked.connect(self._row_clicked)
        self.refresh_button.clicked.connect(lambda: self.refresh(write=True))
        self.show_all_button.clicked.connect(self.show_all)
        self.export_button.clicked.connect(self.export_report)

    def _build_progress(self, parent: QWidget) -> QWidget:
        """The Progress tab: the trend chart, the pace in words, the districts by pace, Record progress."""
        tab = QWidget(parent)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        self.trend_title = QLabel("", tab)
        font = self.trend_title.font()
        font.setBold(True)
        self.trend_title.setFont(font)
        self.trend_chart = TrendChart(tab)
        self.pace_label = QLabel("", tab)
        self.pace_label.setWordWrap(True)
        self.pace_table = QTableWidget(0, len(pace_titles()), tab)
        self.pace_table.setHorizontalHeaderLabels(pace_titles())
        for column, tooltip in enumerate(pace_tooltips()):
            self.pace_table.horizontalHeaderItem(column).setToolTip(tooltip)
        self.pace_table.verticalHeader().setVisible(False)
        self.pace_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pace_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pace_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pace_table.setAlternatingRowColors(True)
        self.pace_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pace_table.horizontalHeader().setStretchLastSection(True)
        self.record_button = QPushButton(tr("Record progress"), tab)
        self.record_button.setToolTip(
            tr("Keep today's coverage and KR 8310 figures in the database as a snapshot ({algorithm})").format(
                algorithm=SNAPSHOT_ALGORITHM
            )
        )
        record = QHBoxLayout()
        record.addWidget(self.record_button)
        record.addStretch(1)
        layout.addWidget(self.trend_title)
        layout.addWidget(self.trend_chart, 2)
        layout.addWidget(self.pace_label)
        layout.addWidget(self.pace_table, 1)
        layout.addLayout(record)
        self.pace_table.cellClicked.connect(self._pace_row_clicked)
        self.record_button.clicked.connect(self.record_progress)
        self.show_progress()
        return tab

    def _name(self, row: SummaryRow) -> str:
        return row.name_th if self.language == "th" else row.name_en

    def _row_items(self, row: SummaryRow) -> list[QStandardItem]:
        label = f"{row.code} {self._name(row)}" if row.level == LEVEL_DISTRICT else self._name(row)
        name = _item(label, label, align_right=False)
        name.setData((row.level, row.code), ROW_ROLE)
        kr = _item(format_pct(row.kr_pct), row.kr_pct)
        kr.setData(row.kr_pct, PCT_ROLE)
        diff = _item(format_signed_int(row.diff_households), row.diff_households)
        diff.setToolTip(
            tr("Data minus official target: S communities {ds}, M communities {dm}, households {dh}").format(
                ds=format_signed_int(row.diff_s_communities),
                dm=format_signed_int(row.diff_m_communities),
                dh=format_signed_int(row.diff_households),
            )
        )
        if row.diff_households:
            diff.setForeground(Qt.GlobalColor.darkRed)
        target = _item(format_int(row.target_households), row.target_households)
        target.setToolTip(
            tr("Official targets: {s} S communities, {m} M communities, {h} households").format(
                s=format_int(row.target_s_communities),
                m=format_int(row.target_m_communities),
                h=format_int(row.target_households),
            )
        )
        name.setToolTip(
            f"{row.name_th} / {row.name_en}\n"
            + tr("{complete} of {registered} households complete; official target {target}").format(
                complete=format_int(row.complete_households),
                registered=format_int(row.registered_households),
                target=format_int(row.target_households),
            )
        )
        return [
            name,
            kr,
            diff,
            _item(format_int(row.s_communities), row.s_communities),
            _item(format_int(row.m_communities), row.m_communities),
            _item(format_int(row.registered_households), row.registered_households),
            _item(format_int(row.complete_households), row.complete_households),
            target,
        ]

    # --- columns -------------------------------------------------------------------------------

    def set_visible_columns(self, keys) -> None:
        """Show the columns of `keys` (COLUMN_KEYS; the name always), hide the others."""
        wanted = set(keys) | {"name"}
        for column, key in enumerate(COLUMN_KEYS):
            self.tree.setColumnHidden(column, key not in wanted)

    def shown_columns(self) -> list[str]:
        return [key for column, key in enumerate(COLUMN_KEYS) if not self.tree.isColumnHidden(column)]

    def column_menu(self) -> QMenu:
        """The header's context menu: a check box per column (the name column stays)."""
        menu = QMenu(self.tree)
        for column, (key, title) in enumerate(zip(COLUMN_KEYS, column_titles())):
            if key == "name":
                continue
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(not self.tree.isColumnHidden(column))
            action.setToolTip(column_tooltips()[column])
            action.toggled.connect(lambda checked, k=key: self._toggle_column(k, checked))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(tr("Default columns"), lambda: self._columns_chosen(DEFAULT_COLUMNS))
        return menu

    def _column_menu(self, position) -> None:
        self.column_menu().exec(self.tree.header().mapToGlobal(position))

    def _toggle_column(self, key: str, shown: bool) -> None:
        keys = set(self.shown_columns())
        keys = keys | {key} if shown else keys - {key}
        self._columns_chosen([k for k in COLUMN_KEYS if k in keys])

    def _columns_chosen(self, keys) -> None:
        self.set_visible_columns(keys)
        remember_columns(self.shown_columns())

    def show_data(self, data: DashboardData) -> None:
        """Fill the dock from computed data (main thread)."""
        self.data = data
        city = data.city
        self.city_bar.setValue(int(round(min(city.kr_pct or 0.0, 100.0) * 10)))
        self.city_bar.setFormat(format_pct(city.kr_pct))
        self.city_label.setText(tr("Bangkok KR 8310: {pct}").format(pct=format_pct(city.kr_pct)))
        classes = ", ".join(
            f"{self._name(row)} {format_pct(row.kr_pct)}" for row in data.size_classes if row.code in ("S", "M")
        )
        self.city_detail.setText(
            tr("{complete} of {registered} households of S and M communities complete (target 100 %).").format(
                complete=format_int(city.complete_households), registered=format_int(city.registered_households)
            )
            + "\n"
            + classes
        )
        self.show_issue_count()
        expanded = self._expanded_groups()
        self.model.removeRows(0, self.model.rowCount())
        rows: dict[tuple[str, str], SummaryRow] = {}
        for group in data.groups:
            group_items = self._row_items(group.row)
            for item in group_items:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            rows[(LEVEL_GROUP, group.row.code)] = group.row
            for district in group.districts:
                group_items[0].appendRow(self._row_items(district))
                rows[(LEVEL_DISTRICT, district.code)] = district
            self.model.appendRow(group_items)
        self.proxy.rows = rows
        self.proxy.invalidateFilter()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, COL_NAME)
            if not expanded or index.data(ROW_ROLE) in expanded or self.filter_edit.text():
                self.tree.expand(index)

    def show_issue_count(self) -> None:
        """The data problems line: counted (when; stale after a save), being counted, or not yet."""
        data = self.data
        if data is not None and data.issue_count is not None:
            text = tr("Data problems: {count} ({errors} errors, {warnings} warnings), checked at {time}").format(
                count=format_int(data.issue_count),
                errors=format_int(data.issue_errors),
                warnings=format_int(data.issue_warnings),
                time=self._issues_checked,
            )
            if self._issues_pending:
                text += " " + tr("(being checked again…)")
            elif self._issues_stale:
                text += " " + tr("(edits saved since: Refresh checks again)")
        elif self._issues_pending:
            text = tr("Data problems: pending, being checked…")
        else:
            text = tr("Data problems: not counted yet (Refresh counts them).")
        if data is not None and data.unassigned_households:
            text += "\n" + tr("{count} household(s) belong to no community.").format(
                count=format_int(data.unassigned_households)
            )
        self.issues_label.setText(text)

    def _expanded_groups(self) -> set:
        return {
            self.proxy.index(row, COL_NAME).data(ROW_ROLE)
            for row in range(self.proxy.rowCount())
            if self.tree.isExpanded(self.proxy.index(row, COL_NAME))
        }

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if text:
            self.tree.expandAll()

    # --- layers and recompute -------------------------------------------------------------

    def survey_layers(self) -> dict[str, QgsVectorLayer]:
        return find_survey_layers(self.project)

    def current_database(self) -> str:
        """The community database (GeoPackage file or PostGIS string) of the project's communities layer."""
        communities = self.survey_layers().get(schema.COMMUNITIES)
        if communities is None:
            return ""
        return rule_store.database_of_layer(communities) or communities.source()

    def _layers_changed(self, *_args) -> None:
        for layer in self._watched:
            with contextlib.suppress(TypeError, RuntimeError):  # already gone
                layer.afterCommitChanges.disconnect(self._edits_saved)
        layers = self.survey_layers()
        self._watched = [
            layers[name] for name in (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS) if name in layers
        ]
        for layer in self._watched:
            layer.afterCommitChanges.connect(self._edits_saved)
        if self._saved_edits is not None:
            self._saved_edits.disconnect()
        both = schema.HOUSEHOLDS in layers and schema.MEMBERS in layers
        self._saved_edits = SavedEdits(layers[schema.HOUSEHOLDS], layers[schema.MEMBERS]) if both else None
        if self._filtered_layer is not None and self._filtered_layer not in self._watched:
            self._filtered_layer = None
            self.show_all_button.setEnabled(False)
        database = self.current_database()
        if database != self.database:
            self.reset(database)
        if len(self._watched) == 3:
            if self.data is None:
                self.show_stored()  # the first numbers at once, checked by the recompute that follows
            self.schedule_refresh()
        else:
            self.status_label.setText(
                tr("Open a KR 8310 project (communities, households and members layers) to see the dashboard.")
            )

    def _project_cleared(self) -> None:
        self._watched = []
        self._filtered_layer = None
        self.show_all_button.setEnabled(False)
        self.reset("")

    def reset(self, database: str = "") -> None:
        """Forget every number shown: they belong to another database (or to none)."""
        self.database = database
        self.data = None
        self._pending = None
        self._issues_checked = ""
        self._issues_pending = self._issues_stale = False
        if self.task is not None:  # its result is for the other database: dropped when it ends
            self.task.cancel()
        self.model.removeRows(0, self.model.rowCount())
        self.proxy.rows = {}
        self.city_label.setText(tr("Bangkok KR 8310"))
        self.city_bar.setValue(0)
        self.city_bar.setFormat("–")
        self.city_detail.setText("")
        self.issues_label.setText("")
        self.status_label.setText(tr("Not computed yet."))
        issue_feed().clear()
        self.snapshot_rows = []
        self.trend_key = CITY
        if hasattr(self, "pace_table"):
            self.show_progress()

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self.schedule_refresh()

    def _edits_saved(self) -> None:
        """After a save: the stored numbers at once (the live coverage has written them when every
        commit handler has run), the recompute a moment later."""
        if self.data is not None and self.data.issue_count is not None:
            self._issues_stale = not self._recheck_saved_issues()
        self._stored_timer.start()
        self.schedule_refresh()

    def _recheck_saved_issues(self) -> bool:
        """The data problems of the communities a households or members save touched, checked again at once
        (milliseconds); False when they cannot be (a communities save, a check running, another database)."""
        touched = self._saved_edits.take() if self._saved_edits is not None else None
        communities = self.survey_layers().get(schema.COMMUNITIES)
        if touched is None or self._issues_pending or self.sender() is communities:
            return False
        if not recheck_saved_issues(self.data, self.survey_layers(), touched):
            return False
        self._issues_checked = datetime.now().strftime("%H:%M")
        issue_feed().publish(self.database, self.data.issues)
        self.show_issue_count()
        return True

    def schedule_refresh(self) -> None:
        """Recompute a moment later (edits are saved layer by layer)."""
        self._stale = True
        if self.isVisible() or self.data is None:
            self._refresh_timer.start()

    def show_stored(self) -> bool:
        """Show the coverage numbers stored in the communities layer now (milliseconds for a city),
        keeping the data problems last counted for this database. True when shown."""
        layers = self.survey_layers()
        if schema.COMMUNITIES not in layers:
            return False
        sources = {name: LayerSource.of(layers[name], name) for name in (schema.COMMUNITIES, schema.DISTRICTS)}
        try:
            data = stored_dashboard({name: source for name, source in sources.items() if name in layers}, layers)
        except CoverageError as error:
            self.status_label.setText(tr("Could not compute the dashboard: {error}").format(error=error))
            return False
        data.keep_issues_of(self.data)
        self.show_data(data)
        text = tr("Stored coverage numbers; recomputing to check them…")
        if data.not_computed:
            text += " " + tr("{count} communities have no stored numbers yet.").format(
                count=format_int(data.not_computed)
            )
        self.status_label.setText(text)
        return True

    def refresh(self, write: bool = False, issues: bool | None = None) -> DashboardTask | None:
        """Start the recompute task; `write` also stores each community's coverage fields
        (only when the communities layer is not being edited). `issues` recounts the data
        problems (default: with `write`, or when never counted; a city takes about a minute,
        so the recompute after each saved edit keeps the last count). Returns the task, or None."""
        self._refresh_timer.stop()
        if issues is None:
            issues = write or self.data is None or self.data.issue_count is None
        if self.task is not None:
            previous = self._pending or (False, False)
            self._pending = (previous[0] or write, previous[1] or issues)
            return None
        layers = self.survey_layers()
        if not all(name in layers for name in (schema.COMMUNITIES, schema.HOUSEHOLDS, schema.MEMBERS)):
            self.status_label.setText(
                tr("Open a KR 8310 project (communities, households and members layers) to see the dashboard.")
            )
            return None
        sources = {name: LayerSource.of(layer, name) for name, layer in layers.items()}
        self._stale = False
        self.task = DashboardTask(
            sources,
            None,  # the completeness rule stored in the database
            with_issues=issues,
            on_done=lambda task: self._task_done(task, write),
        )
        self.task.database = self.database
        self.refresh_button.setEnabled(False)
        if issues:
            self._issues_pending = True
            self.show_issue_count()
        if self.data is None:
            self.status_label.setText(tr("Recomputing coverage…"))
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _task_done(self, task: DashboardTask, write: bool) -> None:
        self.task = None
        self.refresh_button.setEnabled(True)
        if getattr(task, "database", self.database) != self.database:  # the project changed meanwhile
            self._pending = None
            if self._watched:
                self.refresh()
            return
        if task.with_issues:
            self._issues_pending = False
        if task.data is not None:
            now = datetime.now()
            previous = self.data
            if task.with_issues and task.data.issues is not None:
                self._issues_checked = now.strftime("%H:%M")
                self._issues_stale = False
                issue_feed().publish(self.database, task.data.issues)
            else:
                task.data.keep_issues_of(previous)
            self.show_data(task.data)
            message = tr("Updated {time}.").format(time=now.strftime("%H:%M:%S"))
            if previous is not None and previous.stored and previous.rows != task.data.rows:
                message += " " + tr("The stored numbers were out of date; these are recomputed.")
            if write and task.result is not None:
                message += " " + self._store_coverage(task)
            self.status_label.setText(message)
            self.reload_progress()
            if settings.daily_snapshot():
                self.record_daily_snapshot()
        elif task.cancelled:
            self.status_label.setText(tr("Recompute cancelled."))
            self._stale = True
            self.show_issue_count()
        else:
            self.status_label.setText(tr("Could not compute the dashboard: {error}").format(error=task.error))
            self.iface.messageBar().pushMessage(tr("KR 8310"), task.error, Qgis.MessageLevel.Warning, 8)
            self.show_issue_count()
        if self._pending is not None:
            (write, issues), self._pending = self._pending, None
            self.refresh(write, issues)

    def _store_coverage(self, task: DashboardTask) -> str:
        """Write the recomputed coverage fields into the communities table (not while it is edited)."""
        communities = self.survey_layers().get(schema.COMMUNITIES)
        if communities is None:
            return ""
        if communities.isEditable():
            return tr("Coverage fields not stored: the communities layer is being edited.")
        try:
            changed = write_coverage(task.sources[schema.COMMUNITIES].open(), task.result)
        except ValueError as error:
            return str(error)
        if changed:
            communities.reload()
            communities.triggerRepaint()
        return tr("{count} communities' coverage updated.").format(count=format_int(changed))

    # --- map --------------------------------------------------------------------------------

    def _row_clicked(self, index: QModelIndex) -> None:
        level, code = index.sibling(index.row(), COL_NAME).data(ROW_ROLE) or (None, None)
        if level == LEVEL_DISTRICT:
            self.show_districts([int(code)])
        elif level == LEVEL_GROUP and self.data is not None:
            group = next((g for g in self.data.groups if g.row.code == code), None)
            if group is not None:
                self.show_districts([int(d.code) for d in group.districts])
        if level in (LEVEL_DISTRICT, LEVEL_GROUP):
            self.show_trend(level, code)

    def show_all(self) -> None:
        """Show every community again, and the city's progress."""
        self.clear_district_filter()
        self.show_trend(*CITY)

    def show_district(self, district_code: int) -> bool:
        return self.show_districts([district_code])

    def show_districts(self, district_codes: list[int]) -> bool:
        """Zoom the map to the districts and show only their communities. True when filtered."""
        layers = self.survey_layers()
        communities = layers.get(schema.COMMUNITIES)
        if communities is None or not district_codes:
            return False
        codes = ", ".join(str(int(c)) for c in district_codes)
        expression = f'"district_code" IN ({codes})' if len(district_codes) > 1 else None
        self._zoom_to(layers, district_codes)
        if self._filtered_layer is not communities:
            self.clear_district_filter()
            self._original_subset = communities.subsetString()
        subset = (
            district_subset(district_codes[0], self._original_subset)
            if expression is None
            else (f"({self._original_subset}) AND {expression}" if self._original_subset.strip() else expression)
        )
        if communities.setSubsetString(subset):
            self._filtered_layer = communities
            self.show_all_button.setEnabled(True)
            communities.triggerRepaint()
            return True
        # a layer being edited cannot take a subset filter: select the district's communities instead
        communities.selectByExpression(expression or f'"district_code" = {int(district_codes[0])}')
        self.iface.messageBar().pushMessage(
            tr("KR 8310"),
            tr("The communities layer is being edited: its communities in the district are selected instead."),
            Qgis.MessageLevel.Info,
            5,
        )
        return False

    def _unfiltered_in_project_file(self, layer, element, _document) -> None:
        """Saving the project keeps the layer's own subset, not the dashboard's district filter."""
        if layer is not self._filtered_layer or layer is None:
            return
        datasource = element.firstChildElement("datasource")
        if datasource.isNull():
            return
        text = datasource.text()
        restored = source_with_subset(text, layer.providerType(), self._original_subset)
        if restored != text:
            child = datasource.firstChild()
            child.setNodeValue(restored)

    def clear_district_filter(self) -> None:
        """Show every community again (the layer's own subset, if it had one, is kept)."""
        layer, self._filtered_layer = self._filtered_layer, None
        self.show_all_button.setEnabled(False)
        if layer is None:
            return
        try:
            layer.setSubsetString(self._original_subset)
            layer.triggerRepaint()
        except RuntimeError:  # the layer was deleted meanwhile
            pass

    def _zoom_to(self, layers: dict[str, QgsVectorLayer], district_codes: list[int]) -> None:
        codes = ", ".join(str(int(c)) for c in district_codes)
        request = QgsFeatureRequest().setFilterExpression(f'"district_code" IN ({codes})').setNoAttributes()
        extent = QgsRectangle()
        source_layer = None
        for name in (schema.DISTRICTS, schema.COMMUNITIES):
            layer = layers.get(name)
            if layer is None:
                continue
            for feature in layer.getFeatures(QgsFeatureRequest(request)):
                if feature.hasGeometry():
                    extent.combineExtentWith(feature.geometry().boundingBox())
            if not extent.isNull() and not extent.isEmpty():
                source_layer = layer
                break
        if source_layer is None:
            return
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(source_layer.crs(), canvas.mapSettings().destinationCrs(), self.project)
        try:
            extent = transform.transformBoundingBox(extent)
        except Exception:  # noqa: BLE001 - a failed transform only means no zoom
            return
        extent.scale(1.05)
        canvas.setExtent(extent)
        canvas.refresh()

    # --- report ------------------------------------------------------------------------------

    def export_report(self) -> bool:
        """The KR 8310 report dialog (it runs the export itself) on the project's database."""
        from .export_dialog import ExportReportDialog

        self.report_dialog = ExportReportDialog(self.iface.mainWindow(), self.current_database())
        self.report_dialog.open()
        return True

    def _algorithm_dialog(self, algorithm_id: str, unavailable: str) -> bool:
        """Open a kr8310 algorithm's dialog with the project's GeoPackage filled in (QGIS's own dialog,
        with its progress and log; a PostGIS string is not shown, it may hold a password); a message
        with `unavailable` when the algorithm is not installed."""
        if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
            self.iface.messageBar().pushMessage(
                tr("KR 8310"), unavailable.format(algorithm=algorithm_id), Qgis.MessageLevel.Warning, 6
            )
            return False
        import processing

        communities = self.survey_layers().get(schema.COMMUNITIES)
        database = database_of(communities) if communities is not None else ""
        processing.execAlgorithmDialog(algorithm_id, {"DATABASE": database} if database else {})
        return True

    # --- progress over time ----------------------------------------------------------------------

    def progress_database(self) -> str | None:
        """The community database string (GeoPackage file or PostGIS) of the project's survey layers."""
        layers = self.survey_layers()
        layer = layers.get(schema.HOUSEHOLDS) or layers.get(schema.COMMUNITIES)
        return rule_store.database_of_layer(layer) if layer is not None else None

    def reload_progress(self) -> None:
        """Read the database's KR snapshots again and show them (a failure goes to the message log)."""
        database = self.progress_database()
        self.snapshot_rows = []
        if database:
            try:
                self.snapshot_rows = read_snapshots(database, communities=False).kr
            except Exception as error:  # noqa: BLE001 - the chart is extra: the dashboard goes on without it
                QgsMessageLog.logMessage(
                    tr("Could not read the progress snapshots: {error}").format(error=error),
                    MESSAGE_TAG,
                    Qgis.MessageLevel.Warning,
                )
        self.show_progress()

    def show_trend(self, level: str, code: str) -> None:
        """Show the progress of one roll-up (a kr_summary level and code; CITY for the city)."""
        self.trend_key = (level, str(code))
        self.show_progress()

    def _date_text(self, day: date) -> str:
        return format_date(day, settings.buddhist_era(), language=self.language)

    def _axis_date(self, day: date) -> str:
        year = format_year(day.year, settings.buddhist_era(), language=self.language).split()[-1]
        return f"{day.day}/{day.month}/{year}"

    def show_progress(self) -> None:
        """Fill the Progress tab from `snapshot_rows`: the chart, the pace in words, the districts table."""
        rows = self.snapshot_rows
        self.trend = trend = progress_trend(rows, *self.trend_key)
        if not trend.points and self.trend_key != CITY:  # a roll-up the snapshots do not have
            self.trend = trend = progress_trend(rows, *CITY)
        name = (trend.name_th if self.language == "th" else trend.name_en) or tr("Bangkok")
        self.trend_title.setText(tr("Progress: {name}").format(name=name))
        start = None
        if trend.target_date is not None:
            start = pace.fiscal_year_dates(pace.fiscal_year_be(trend.target_date))[0]
        self.trend_chart.set_trend(trend.points, trend.target_date, start, pace.TARGET_PCT, self._axis_date)
        self.pace_label.setText(self.pace_words(trend))
        self.record_button.setEnabled(bool(self.progress_database()))
        self._fill_pace_table(districts_pace(rows))

    def pace_words(self, trend: Trend) -> str:
        """The trend's pace in a sentence or two for the user."""
        if not self.progress_database():
            return tr("Open a KR 8310 project (communities, households and members layers) to see the dashboard.")
        if not self.snapshot_rows:
            return tr(
                "No progress has been recorded in this database yet. Record progress keeps today's KR 8310 "
                "figures as a snapshot ({algorithm}); the chart then shows them over time, one point per snapshot, "
                "against 100 % by the end of the fiscal year."
            ).format(algorithm=SNAPSHOT_ALGORITHM)
        name = (trend.name_th if self.language == "th" else trend.name_en) or tr("Bangkok")
        values = [(day, value) for day, value in trend.points if value is not None]
        if not values:
            return tr("{name}: no registered households of S and M communities, so no KR %.").format(name=name)
        day, value = values[-1]
        text = tr("{name}: {pct} on {date}.").format(name=name, pct=format_pct(value), date=self._date_text(day))
        target = self._date_text(trend.target_date)
        if trend.needed_pace == 0.0:
            return text + " " + tr("The target of 100 % is reached.")
        if trend.needed_pace is None:
            return text + " " + tr("The fiscal year ends on {date}: no time is left to pace.").format(date=target)
        needed = tr("{needed} percentage points per 30 days are needed to reach 100 % by {date}.").format(
            needed=pace_points(trend.needed_pace), date=target
        )
        if trend.current_pace is None:
            return text + " " + needed + " " + tr("The current pace shows from the second snapshot.")
        text += " " + tr("Current pace: {current} percentage points per 30 days.").format(
            current=pace_points(trend.current_pace, signed=True)
        )
        if trend.gap >= 0:
            return text + " " + needed + " " + tr("On track.")
        return (
            text
            + " "
            + needed
            + " "
            + tr("Behind: {gap} points per 30 days short of the pace needed.").format(gap=pace_points(-trend.gap))
        )

    def _fill_pace_table(self, rows: list[pace.PaceRow]) -> None:
        self.pace_table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            name = (row.name_th if self.language == "th" else row.name_en) or ""
            cells = [
                f"{row.key} {name}".strip(),
                format_pct(row.kr_pct),
                pace_points(row.current_pace, signed=True),
                pace_points(row.needed_pace),
                pace_points(row.gap, signed=True),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == PACE_NAME:
                    item.setData(Qt.ItemDataRole.UserRole, row.key)
                    item.setToolTip(f"{row.name_th} / {row.name_en}")
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == PACE_GAP and row.gap is not None and row.gap < 0:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.pace_table.setItem(number, column, item)

    def pace_keys(self) -> list[str]:
        """The district codes of the districts table, top to bottom."""
        return [
            self.pace_table.item(number, PACE_NAME).data(Qt.ItemDataRole.UserRole)
            for number in range(self.pace_table.rowCount())
        ]

    def _pace_row_clicked(self, number: int, _column: int) -> None:
        item = self.pace_table.item(number, PACE_NAME)
        if item is not None:
            self.show_trend(LEVEL_DISTRICT, item.data(Qt.ItemDataRole.UserRole))

    def record_progress(self) -> bool:
        """Open kr8310:snapshot's dialog on the project's database, then show the snapshots again."""
        opened = self._algorithm_dialog(
            SNAPSHOT_ALGORITHM, tr("Recording progress ({algorithm}) is not available in this version of the plugin.")
        )
        if opened:
            self.reload_progress()
        return opened

    def record_daily_snapshot(self) -> QgsTask | None:
        """Record today's snapshot of the project's database in a task, unless one exists or was tried
        today; quietly: the outcome goes to the message log. Returns the task, or None."""
        database = self.progress_database()
        today = date.today()
        if not database or self.snapshot_task is not None or self._daily_done == (database, today):
            return None
        self._daily_done = (database, today)
        if any(row.snapshot_date == today for row in self.snapshot_rows):
            return None

        def record(_task):
            if today in snapshot_dates(database):  # recorded meanwhile (another user, another QGIS)
                return None
            return record_snapshot(database, today)

        self.snapshot_task = QgsTask.fromFunction(
            tr("KR 8310: record today's progress"), record, on_finished=self._daily_snapshot_done
        )
        QgsApplication.taskManager().addTask(self.snapshot_task)
        return self.snapshot_task

    def _daily_snapshot_done(self, error, summary) -> None:
        self.snapshot_task = None
        if error is not None:
            QgsMessageLog.logMessage(
                tr("Could not record today's progress: {error}").format(error=error),
                MESSAGE_TAG,
                Qgis.MessageLevel.Warning,
            )
            return
        if summary is not None:
            QgsMessageLog.logMessage(
                tr("Progress of {date} recorded: city KR 8310 {pct}.").format(
                    date=summary.snapshot_date.isoformat(), pct=format_pct(summary.city_kr_pct)
                ),
                MESSAGE_TAG,
                Qgis.MessageLevel.Info,
            )
        self.reload_progress()

    # --- lifecycle ---------------------------------------------------------------------------

    def teardown(self) -> None:
        """Disconnect from the project, cancel a running task and restore the communities filter."""
        self._refresh_timer.stop()
        if self.task is not None:
            self.task.on_done = None
            self.task.cancel()
            self.task = None
        if self.snapshot_task is not None:  # one transaction: let it finish, but not call back
            with contextlib.suppress(TypeError, RuntimeError):
                self.snapshot_task.taskCompleted.disconnect()
                self.snapshot_task.taskTerminated.disconnect()
            self.snapshot_task = None
        self._stored_timer.stop()
        for layer in self._watched:
            with contextlib.suppress(TypeError, RuntimeError):
                layer.afterCommitChanges.disconnect(self._edits_saved)
        self._watched = []
        if self._saved_edits is not None:
            self._saved_edits.disconnect()
            self._saved_edits = None
        self.clear_district_filter()
        for signal, slot in (
            (self.project.layersAdded, self._layers_changed),
            (self.project.layersRemoved, self._layers_changed),
            (self.project.cleared, self._project_cleared),
            (self.project.writeMapLayer, self._unfiltered_in_project_file),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)


def visible_columns() -> list[str]:
    """The columns the user chose (DEFAULT_COLUMNS until they do)."""
    from qgis.core import QgsSettings

    stored = QgsSettings().value(KEY_COLUMNS, "", type=str)
    keys = [key for key in stored.split(",") if key in COLUMN_KEYS]
    return keys or list(DEFAULT_COLUMNS)


def remember_columns(keys) -> None:
    from qgis.core import QgsSettings

    QgsSettings().setValue(KEY_COLUMNS, ",".join(keys))


def visible_by_default() -> bool:
    from qgis.core import QgsSettings

    return QgsSettings().value(KEY_VISIBLE, True, type=bool)


def remember_visibility(visible: bool) -> None:
    from qgis.core import QgsSettings

    QgsSettings().setValue(KEY_VISIBLE, bool(visible))


class DashboardUi:
    """What the dashboard adds to QGIS: the dock, its show/hide action and the Options page."""

    def __init__(self, iface):
        self.iface = iface
        self.dock: DashboardDock | None = None
        self.action = None
        self.options_factory = None

    def setup(self, menu) -> None:
        """Create the dock and register the Options page; `menu` is the plugin's Kr8310Menu."""
        from .options_page import Kr8310OptionsFactory

        self.dock = DashboardDock(self.iface)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.action = menu.add_action(
            tr("KR 8310 dashboard"),
            self._action_triggered,
            icon="icon.svg",
            toolbar=True,
            object_name="mKr8310Dashboard",
        )
        self.action.setCheckable(True)
        self.dock.setUserVisible(visible_by_default())
        self.action.setChecked(self.dock.isUserVisible())
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self.dock.closed.connect(self._closed)
        if hasattr(self.iface, "registerOptionsWidgetFactory"):  # not on pytest-qgis's stand-in iface
            self.options_factory = Kr8310OptionsFactory()
            self.iface.registerOptionsWidgetFactory(self.options_factory)

    def _action_triggered(self) -> None:
        if self.action is None or self.dock is None:  # a late signal after teardown
            return
        visible = self.action.isChecked()
        self.dock.setUserVisible(visible)
        remember_visibility(visible)

    def _visibility_changed(self, visible: bool) -> None:
        if self.action is not None:
            self.action.setChecked(visible)

    def _closed(self) -> None:
        remember_visibility(False)  # the user closed the dock (not QGIS quitting)

    def teardown(self) -> None:
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.dock is not None:
            self.dock.visibilityChanged.disconnect(self._visibility_changed)
            self.dock.closed.disconnect(self._closed)
            self.dock.teardown()
            remove_dock_widget(self.iface, self.dock)
            self.dock = None
        self.action = None  # owned and removed by the menu
