"""The "Add household" map tool: click in a community, fill in the household form.

A click inside a community polygon creates a household point there, with its community
set, and opens the household form (QGIS's own, through the vector layer tools). A click
outside every community, or where community polygons overlap, warns in the message bar
and creates nothing. When the form is accepted the community's coverage is recomputed,
so the map shows the new figure.

Where the community layout has buildings, a click inside a building keeps its point and a
click a few pixels beside one moves the point just inside it (core/project/building_placement.py);
the form then offers the building's next unused house number.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsTolerance,
    QgsVectorLayer,
    QgsVectorLayerTools,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsMessageBar
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..core.coverage.engine import CoverageError, refresh_communities
from ..core.project.building_placement import place_on_building
from ..core.project.digitising import locate_community, new_household_values
from ..core.project.layout_layers import set_up_layer
from ..core.rules.community_locator import SEVERAL
from ..core.toolbelt.i18n import tr
from ..definitions.schema import BUILDINGS, COMMUNITIES, HOUSEHOLDS, MEMBERS

BUILDING_SNAP_PX = 6  # a click this close to a building (screen pixels) places the household in it


def project_layer(project: QgsProject, name: str) -> QgsVectorLayer | None:
    """The project's vector layer of database layer `name` (tagged by the set-up, else so named), or None."""
    return set_up_layer(project, name)


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
        tolerance = QgsTolerance.toleranceInMapUnits(
            BUILDING_SNAP_PX, households, self.canvas().mapSettings(), QgsTolerance.Pixels
        )
        self.add_household_at(self.toLayerCoordinates(households, event.originalMapPoint()), tolerance)

    def add_household_at(self, point: QgsPointXY, building_tolerance: float = 0.0) -> bool:
        """Create a household at `point` (households layer CRS) and open its form; True when saved.

        A building holding the point, or within `building_tolerance` (layer units) of it, takes the
        household: the point goes inside it and the form offers its next unused house number."""
        households = project_layer(self.project, HOUSEHOLDS)
        communities = project_layer(self.project, COMMUNITIES)
        members = project_layer(self.project, MEMBERS)
        if households is None or communities is None:
            return False
        buildings = project_layer(self.project, BUILDINGS)
        placement = None
        if buildings is not None and buildings.crs() == households.crs():
            placement = place_on_building(
                buildings,
                households,
                point,
                building_tolerance,
                lambda placed: locate_community(communities, placed).community_id,
            )
        if placement is not None:
            point = placement.point
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
        values = new_household_values(households, community_id)
        if placement is not None and placement.house_no is not None:
            values[households.fields().indexFromName("house_no")] = placement.house_no
        saved, _feature = self.layer_tools.addFeature(households, values, QgsGeometry.fromPointXY(point))
        if saved:
            try:
                refresh_community_coverage(self.project, [community_id])
            except CoverageError as error:
                self.message_bar.pushMessage(tr("Coverage not updated"), str(error), Qgis.MessageLevel.Warning)
            self.householdAdded.emit(community_id)
        return saved
