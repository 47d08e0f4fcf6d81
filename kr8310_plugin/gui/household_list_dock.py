"""The mapper's household list: a community's households by house number, found by house number.

A mapper's tool (house numbers are shown: the mapper is entitled to them). Double-clicking a row
zooms to the household and opens its form, editable.
"""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.project.digitising import HouseholdRow, community_households, house_number_matches
from ..core.project.language import set_up_layers
from ..core.toolbelt.i18n import tr, user_language
from ..definitions import schema
from ..definitions.codelists import BUILDING_TYPE

DOCK_OBJECT_NAME = "Kr8310HouseholdListDock"


class HouseholdListDock(QDockWidget):
    """Lists the households of the community picked; `open_household(row)` zooms and opens the form."""

    def __init__(self, iface, project: QgsProject | None = None, parent: QWidget | None = None):
        super().__init__(tr("Households by house number"), parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.rows: list[HouseholdRow] = []
        self.shown: list[HouseholdRow] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.community_combo = QComboBox(body)
        self.community_combo.setObjectName("mKr8310HouseholdListCommunity")
        self.search = QLineEdit(body)
        self.search.setPlaceholderText(tr("Find house number…"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 3, body)
        self.table.setHorizontalHeaderLabels([tr("House number"), tr("Members"), tr("Building type")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(body)
        for widget in (self.community_combo, self.search, self.table, self.status):
            layout.addWidget(widget)
        self.setWidget(body)
        self.community_combo.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.filter_rows)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_household(row))
        self.project.layersAdded.connect(self.fill_communities)
        self.project.cleared.connect(self.fill_communities)
        self.fill_communities()

    def layers(self) -> dict[str, QgsVectorLayer]:
        return set_up_layers(self.project)

    def fill_communities(self, *_args) -> None:
        """The communities of the set-up project, by name."""
        communities = self.layers().get(schema.COMMUNITIES)
        self.community_combo.blockSignals(True)
        self.community_combo.clear()
        if communities is not None:
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["community_id", "name"], communities.fields())
            entries = sorted((str(f["name"] or ""), str(f["community_id"])) for f in communities.getFeatures(request))
            for name, community_id in entries:
                self.community_combo.addItem(f"{name} ({community_id})", community_id)
        self.community_combo.blockSignals(False)
        self.reload()

    def set_community(self, community_id: str) -> bool:
        index = self.community_combo.findData(community_id)
        if index >= 0:
            self.community_combo.setCurrentIndex(index)
            self.reload()
        return index >= 0

    def reload(self, *_args) -> None:
        layers = self.layers()
        community_id = self.community_combo.currentData()
        households, members = layers.get(schema.HOUSEHOLDS), layers.get(schema.MEMBERS)
        if community_id is None or households is None or members is None:
            self.rows = []
        else:
            self.rows = community_households(households, members, community_id)
        self.filter_rows()

    def filter_rows(self, *_args) -> None:
        wanted = self.search.text()
        self.shown = [row for row in self.rows if house_number_matches(row.house_no, wanted)]
        language = user_language()
        self.table.setRowCount(len(self.shown))
        for index, row in enumerate(self.shown):
            members = QTableWidgetItem(str(row.members))
            members.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            building = BUILDING_TYPE.label(row.building_type, language) if row.building_type else ""
            for column, item in enumerate((QTableWidgetItem(row.house_no), members, QTableWidgetItem(building))):
                self.table.setItem(index, column, item)
        self.status.setText(tr("{shown} of {total} households").format(shown=len(self.shown), total=len(self.rows)))

    def open_household(self, index: int) -> bool:
        """Zoom to the household of table row `index` and open its form, editable; False when there is none."""
        layers = self.layers()
        households, members = layers.get(schema.HOUSEHOLDS), layers.get(schema.MEMBERS)
        if households is None or not 0 <= index < len(self.shown):
            return False
        feature = households.getFeature(self.shown[index].fid)
        if not feature.isValid():
            return False
        canvas = self.iface.mapCanvas()
        households.selectByIds([feature.id()])
        canvas.zoomToSelected(households)
        for layer in (households, members):
            if layer is not None and not layer.isEditable():
                layer.startEditing()
        if hasattr(self.iface, "openFeatureForm"):
            self.iface.openFeatureForm(households, feature, False, True)
        return True
