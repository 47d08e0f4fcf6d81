"""The quality issues dock: the issues of a kr8310:validate output, or of the dashboard's latest check of
the project's database (`issue_feed`, so the panel lists exactly what the dashboard counts), filterable,
zoomed to on click."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsMapLayerProxyModel,
    QgsMemoryProviderUtils,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.quality.checks import CODES, SEVERITIES, Issue
from ..core.toolbelt.i18n import tr
from ..definitions.schema import CRS_AUTHID
from ..processing.algorithms.validate import ISSUE_FIELDS as ISSUE_LAYER_FIELDS
from ..processing.algorithms.validate import issue_fields
from .interface import open_algorithm_dialog, remove_dock_widget

ISSUE_FIELDS = ("severity", "code", "message")
ZOOM_MARGIN_M = 75.0  # around an issue point: enough to see the neighbouring houses


@dataclass(frozen=True)
class IssueRow:
    fid: int
    severity: str
    code: str
    message: str


def issue_layer(issues: list[Issue], name: str) -> QgsVectorLayer:
    """A memory point layer of `issues` with kr8310:validate's fields (what the panel reads)."""
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        name, issue_fields(), QgsWkbTypes.Point, QgsCoordinateReferenceSystem(CRS_AUTHID)
    )
    features = []
    for issue in issues:
        feature = QgsFeature(layer.fields())
        if issue.geometry is not None:
            feature.setGeometry(issue.geometry)
        feature.setAttributes([getattr(issue, field_name) for field_name, _kind in ISSUE_LAYER_FIELDS])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


class IssueFeed(QObject):
    """The issues of the dashboard's latest check of the project's database (one per QGIS session):
    the dashboard publishes them, the panel shows them. `changed` after each publish and clear."""

    changed = pyqtSignal()

    def __init__(self):
        super().__init__()
        self.database = ""
        self.layer: QgsVectorLayer | None = None

    def publish(self, database: str, issues: list[Issue]) -> None:
        self.database = database
        self.layer = issue_layer(issues, tr("KR 8310 data problems"))
        self.changed.emit()

    def clear(self) -> None:
        if self.layer is None and not self.database:
            return
        self.database, self.layer = "", None
        self.changed.emit()


_feed: IssueFeed | None = None


def issue_feed() -> IssueFeed:
    """The session's IssueFeed."""
    global _feed
    if _feed is None:
        _feed = IssueFeed()
    return _feed


def is_issue_layer(layer) -> bool:
    return isinstance(layer, QgsVectorLayer) and all(layer.fields().indexOf(f) >= 0 for f in ISSUE_FIELDS)


def filter_issues(rows: list[IssueRow], severity: str = "", code: str = "", text: str = "") -> list[IssueRow]:
    """Rows matching a severity and code (empty: any) and containing `text` (case-insensitive)."""
    wanted = text.strip().casefold()
    return [
        row
        for row in rows
        if (not severity or row.severity == severity)
        and (not code or row.code == code)
        and (not wanted or wanted in row.message.casefold() or wanted in row.code)
    ]


class IssuesDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("KR 8310 quality issues"), parent)
        self.setObjectName("Kr8310IssuesDock")
        self.iface = iface
        self.rows: list[IssueRow] = []
        self.shown: list[IssueRow] = []

        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.PointLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        # Besides the project's issue layers: the dashboard's latest check (not a project layer).
        self.feed_item = tr("Dashboard's latest check of this project's database")
        self.layer_combo.setAdditionalItems([self.feed_item])
        self.severity_combo = QComboBox()
        self.severity_combo.addItem(tr("All severities"), "")
        for severity, label in zip(SEVERITIES, (tr("Errors"), tr("Warnings"), tr("Information"))):
            self.severity_combo.addItem(label, severity)
        self.code_combo = QComboBox()
        self.code_combo.addItem(tr("All checks"), "")
        for code in CODES:
            self.code_combo.addItem(code, code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search messages, ids…"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Severity"), tr("Check"), tr("Message")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.count_label = QLabel()
        self.run_button = QPushButton(tr("Run quality checks…"))

        filters = QHBoxLayout()
        filters.addWidget(self.severity_combo)
        filters.addWidget(self.code_combo)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.layer_combo)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch()
        bottom.addWidget(self.run_button)
        layout.addLayout(bottom)
        self.setWidget(body)

        self.layer_combo.layerChanged.connect(self.load_layer)
        self.layer_combo.currentIndexChanged.connect(self.load_layer)
        issue_feed().changed.connect(self._feed_changed)
        self.severity_combo.currentIndexChanged.connect(self.apply_filter)
        self.code_combo.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.table.cellClicked.connect(lambda row, _column: self.zoom_to(row))
        self.run_button.clicked.connect(self._run_checks)
        QgsProject.instance().layersAdded.connect(self._layers_added)
        self.load_layer(self.layer_combo.currentLayer())

    def teardown(self) -> None:
        QgsProject.instance().layersAdded.disconnect(self._layers_added)
        issue_feed().changed.disconnect(self._feed_changed)

    def showing_feed(self) -> bool:
        return self.layer_combo.currentLayer() is None and self.layer_combo.currentText() == self.feed_item

    def show_feed(self) -> None:
        """Show the dashboard's latest check."""
        self.layer_combo.setCurrentIndex(self.layer_combo.findText(self.feed_item))
        self.load_layer()

    def _feed_changed(self) -> None:
        # A new check of the project's database replaces what the panel shows, unless the user
        # picked a validate output to look at.
        if self.showing_feed() or not is_issue_layer(self.layer_combo.currentLayer()):
            self.show_feed()

    def _layers_added(self, layers) -> None:
        # A fresh kr8310:validate output is what the user wants to look at.
        issue_layers = [layer for layer in layers if is_issue_layer(layer)]
        if issue_layers:
            self.layer_combo.setLayer(issue_layers[-1])

    def _run_checks(self) -> None:
        import processing

        processing.execAlgorithmDialog("kr8310:validate")

    def layer(self) -> QgsVectorLayer | None:
        layer = self.layer_combo.currentLayer()
        if is_issue_layer(layer):
            return layer
        return issue_feed().layer if self.showing_feed() else None

    def load_layer(self, _layer=None) -> None:
        layer = self.layer()
        self.rows = []
        if layer is not None:
            for feature in layer.getFeatures():
                self.rows.append(
                    IssueRow(feature.id(), str(feature["severity"]), str(feature["code"]), str(feature["message"]))
                )
        self.apply_filter()

    def apply_filter(self) -> None:
        self.shown = filter_issues(
            self.rows, self.severity_combo.currentData(), self.code_combo.currentData(), self.search.text()
        )
        self.table.setRowCount(len(self.shown))
        for number, row in enumerate(self.shown):
            for column, text in enumerate((row.severity, row.code, row.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(row.message)
                self.table.setItem(number, column, item)
        self.count_label.setText(tr("{shown} of {total} issues").format(shown=len(self.shown), total=len(self.rows)))

    def zoom_to(self, row: int) -> bool:
        """Centre the map on the issue in table row `row` and flash it; False when it has no location."""
        layer = self.layer()
        if layer is None or not 0 <= row < len(self.shown):
            return False
        feature = layer.getFeature(self.shown[row].fid)
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            self.iface.messageBar().pushMessage(
                tr("KR 8310"), tr("This issue has no location on the map."), Qgis.MessageLevel.Info, 5
            )
            return False
        canvas = self.iface.mapCanvas()
        point = geometry.boundingBox().center()
        margin = ZOOM_MARGIN_M if not layer.crs().isGeographic() else ZOOM_MARGIN_M / 111000
        box = QgsRectangle(point.x() - margin, point.y() - margin, point.x() + margin, point.y() + margin)
        transform = QgsCoordinateTransform(
            layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance().transformContext()
        )
        canvas.setExtent(transform.transformBoundingBox(box))
        canvas.refresh()
        if hasattr(canvas, "flashGeometries"):
            canvas.flashGeometries([geometry], layer.crs())
        return True


class SurveyUi:
    """What import and quality checks add to QGIS: two menu actions and the issues dock."""

    def __init__(self, iface):
        self.iface = iface
        self.dock: IssuesDock | None = None
        self.dock_action = None

    def setup(self, menu) -> None:
        from .import_dialog import open_import_dialog

        menu.add_action(
            tr("Import households from survey files…"),
            lambda: open_import_dialog(self.iface),
            object_name="mKr8310ImportHouseholds",
        )
        menu.add_action(tr("Quality checks…"), lambda: open_algorithm_dialog("validate"), object_name="mKr8310Validate")
        self.dock = IssuesDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.setUserVisible(False)
        self.dock_action = menu.add_action(tr("Quality issues panel"), self._toggle, object_name="mKr8310IssuesPanel")
        self.dock_action.setCheckable(True)
        self.dock.visibilityChanged.connect(self.dock_action.setChecked)

    def _toggle(self) -> None:
        self.dock.setUserVisible(self.dock_action.isChecked())

    def teardown(self) -> None:
        if self.dock is not None:
            self.dock.visibilityChanged.disconnect(self.dock_action.setChecked)
            self.dock.teardown()
            remove_dock_widget(self.iface, self.dock)
            self.dock = None
        self.dock_action = None  # owned and removed by the menu
