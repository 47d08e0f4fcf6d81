"""The "Add household" map tool: click in a community, fill in the household form.

A click inside a community polygon creates a household point there, with its community
set, and opens the household form (QGIS's own, through the vector layer tools). A click
outside every community, or where community polygons overlap, warns in the message bar
and creates nothing. When the form is accepted the community's coverage is recomputed,
so the map shows the new figure.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsGeometry, QgsMapLayer, QgsPointXY, QgsProject, QgsVectorLayer, QgsVectorLayerTools
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsMessageBar
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..core.coverage.engine import CoverageError, refresh_communities
from ..core.project.digitising import locate_community, new_household_values
from ..core.rules.community_locator import SEVERAL
from ..core.toolbelt.i18n import tr
from ..definitions.schema import COMMUNITIES, HOUSEHOLDS, MEMBERS


def project_layer(project: QgsProject, name: str) -> QgsVectorLayer | None:
    """The project's vector layer named `name` (the set-up project's layer names), or None."""
    for layer in project.mapLayersByName(name):
        if layer.type() == QgsMapLayer.VectorLayer:
            return layer
    return None


def refresh_community_coverage(project: QgsProject, community_ids: list[str]) -> bool:
    """Recompute and store the coverage of the given communities (core.coverage.engine); False when the
    project lacks one of the layers. Raises CoverageError."""
    layers = [project_layer(project, name) for name in (COMMUNITIES, HOUSEHOLDS, MEMBERS)]
    if any(layer is None for layer in layers):
        return False
    communities, households, members = layers
    refresh_communities(communities, households, members, community_ids)
    return True


class AddHouseholdTool(QgsMapTool):
    """Map tool adding one household per click. `layer_tools` opens the form (iface.vectorLayerTools())."""

    householdAdded = pyqtSignal(str)  # noqa: N815 - Qt signal naming; the community id

    def __init__(
        self,
        canvas: QgsMapCanvas,
        layer_tools: QgsVectorLayerTools,
        message_bar: QgsMessageBar,
        project: QgsProject | None = None,
    ):
        super().__init__(canvas)
        self.layer_tools = layer_tools
        self.message_bar = message_bar
        self.project = project or QgsProject.instance()
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802 - QGIS API
        if event.button() != Qt.MouseButton.LeftButton:
            return
        households = project_layer(self.project, HOUSEHOLDS)
        if households is None:
            self.message_bar.pushMessage(
                tr("Add household"),
                tr("This project has no households layer. Open a project made by Set up mapping project."),
                Qgis.MessageLevel.Warning,
            )
            return
        self.add_household_at(self.toLayerCoordinates(households, event.originalMapPoint()))

    def add_household_at(self, point: QgsPointXY) -> bool:
        """Create a household at `point` (households layer CRS) and open its form; True when saved."""
        households = project_layer(self.project, HOUSEHOLDS)
        communities = project_layer(self.project, COMMUNITIES)
        members = project_layer(self.project, MEMBERS)
        if households is None or communities is None:
            return False
        location = locate_community(communities, point)
        if location.status == SEVERAL:  # overlapping polygons: which one is the mapper's to say, not ours
            self.message_bar.pushMessage(
                tr("Add household"),
                tr(
                    "This point lies in more than one community ({communities}): their polygons overlap. "
                    "Click where only one community is, or fix the overlap; nothing was added."
                ).format(communities=", ".join(location.candidates)),
                Qgis.MessageLevel.Warning,
            )
            return False
        community_id = location.community_id
        if community_id is None:
            self.message_bar.pushMessage(
                tr("Add household"),
                tr("This point is outside every community. Click inside a community polygon; nothing was added."),
                Qgis.MessageLevel.Warning,
            )
            return False
        # Members are added in the household form, so both layers must be editable.
        for layer in (households, members):
            if layer is not None and not layer.isEditable() and not self.layer_tools.startEditing(layer):
                self.message_bar.pushMessage(
                    tr("Add household"),
                    tr("The layer {layer} cannot be edited.").format(layer=layer.name()),
                    Qgis.MessageLevel.Critical,
                )
                return False
        saved, _feature = self.layer_tools.addFeature(
            households, new_household_values(households, community_id), QgsGeometry.fromPointXY(point)
        )
        if saved:
            try:
                refresh_community_coverage(self.project, [community_id])
            except CoverageError as error:
                self.message_bar.pushMessage(tr("Coverage not updated"), str(error), Qgis.MessageLevel.Warning)
            self.householdAdded.emit(community_id)
        return saved
