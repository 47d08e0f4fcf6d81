"""The "Draw community boundary" map tool: turn a community known only by its point into a polygon.

First click: near a community without a boundary (its register point; or select that community
before taking the tool). Then click the boundary's vertices — they snap to the edges and
vertices of neighbouring communities and of the districts — and right-click to finish
(Backspace takes the last vertex back, Esc starts again). The drawn polygon is cut by every
neighbour it overlaps (core/project/community_boundary.py), so communities never overlap, and
written into the communities layer in edit mode, one undoable step; saving is the user's. A
boundary that does not hold the community's point is written with a warning.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsSnappingConfig,
    QgsSnappingUtils,
    QgsTolerance,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsMessageBar, QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core.project.community_boundary import (
    PointCommunity,
    clip_boundary,
    nearest_point_community,
    neighbour_polygons,
    point_communities,
    point_community_of,
)
from ..core.toolbelt.i18n import tr
from ..definitions.schema import COMMUNITIES, DISTRICTS
from .add_household_tool import project_layer

SNAP_TOLERANCE_PX = 12  # as the set-up project's community snapping
PICK_TOLERANCE_PX = 25  # how near the first click must be to a community's point


def _title() -> str:
    return tr("Draw community boundary")


class DrawBoundaryTool(QgsMapTool):
    """Map tool digitising one community boundary at a time. `boundaryDrawn` carries the community id."""

    boundaryDrawn = pyqtSignal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, canvas: QgsMapCanvas, message_bar: QgsMessageBar, project: QgsProject | None = None):
        super().__init__(canvas)
        self.message_bar = message_bar
        self.project = project or QgsProject.instance()
        self.community: PointCommunity | None = None
        self.vertices: list[QgsPointXY] = []  # in the communities layer's CRS
        self.rubber_band: QgsRubberBand | None = None
        self.marker: QgsVertexMarker | None = None
        self.points_band: QgsRubberBand | None = None  # every community still without a boundary
        self.snapping = QgsSnappingUtils(self)
        self.setCursor(Qt.CursorShape.CrossCursor)

    # --- state --------------------------------------------------------------------------

    def communities(self) -> QgsVectorLayer | None:
        return project_layer(self.project, COMMUNITIES)

    def activate(self) -> None:
        super().activate()
        layer = self.communities()
        self.show_point_communities()
        if layer is not None and self.community is None and layer.selectedFeatureCount() == 1:
            picked = point_community_of(layer, layer.selectedFeatures()[0])
            if picked is not None:
                self._start(picked)

    def deactivate(self) -> None:
        self.reset()
        if self.points_band is not None:
            self.canvas().scene().removeItem(self.points_band)
            self.points_band = None
        super().deactivate()

    def show_point_communities(self) -> int:
        """Mark every community known only by its point (a mapping project draws only polygons); how many."""
        layer = self.communities()
        if self.points_band is None:
            self.points_band = QgsRubberBand(self.canvas(), QgsWkbTypes.GeometryType.PointGeometry)
            self.points_band.setIcon(QgsRubberBand.ICON_FULL_DIAMOND)  # unlike any household symbol
            self.points_band.setIconSize(16)
            self.points_band.setFillColor(QColor("#7a0177"))
            self.points_band.setStrokeColor(QColor("#ffffff"))
            self.points_band.setWidth(2)
        self.points_band.reset(QgsWkbTypes.GeometryType.PointGeometry)
        if layer is None:
            return 0
        points = [self._to_map(layer, p.point) for p in point_communities(layer)]
        if points:
            self.points_band.setToGeometry(QgsGeometry.fromMultiPointXY(points), None)
        return len(points)

    def _start(self, community: PointCommunity) -> None:
        self.reset()
        self.community = community
        layer = self.communities()
        self.marker = QgsVertexMarker(self.canvas())
        self.marker.setIconType(QgsVertexMarker.ICON_CIRCLE)
        self.marker.setColor(QColor("#d7301f"))
        self.marker.setIconSize(12)
        self.marker.setPenWidth(2)
        self.marker.setCenter(self._to_map(layer, community.point))
        self.rubber_band = QgsRubberBand(self.canvas(), QgsWkbTypes.GeometryType.PolygonGeometry)
        self.rubber_band.setColor(QColor(215, 48, 31, 160))
        self.rubber_band.setFillColor(QColor(215, 48, 31, 50))
        self.rubber_band.setWidth(2)
        self.message_bar.pushMessage(
            _title(),
            tr(
                "Drawing the boundary of community {community}: click its corners (they snap to neighbouring "
                "communities and districts), right-click to finish; Backspace undoes a corner, Esc cancels."
            ).format(community=community.community_id),
            Qgis.MessageLevel.Info,
            5,
        )

    def reset(self) -> None:
        """Forget the community and the corners drawn so far."""
        self.community = None
        self.vertices = []
        for item in (self.rubber_band, self.marker):
            if item is not None:
                self.canvas().scene().removeItem(item)
        self.rubber_band = None
        self.marker = None

    # --- coordinates and snapping -----------------------------------------------------

    def _to_map(self, layer: QgsVectorLayer, point: QgsPointXY) -> QgsPointXY:
        transform = QgsCoordinateTransform(layer.crs(), self.canvas().mapSettings().destinationCrs(), self.project)
        return transform.transform(point)

    def _snapping_config(self) -> QgsSnappingConfig:
        config = QgsSnappingConfig(self.project)
        config.setEnabled(True)
        config.setMode(QgsSnappingConfig.AdvancedConfiguration)
        edges = QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag
        for name in (COMMUNITIES, DISTRICTS):
            layer = project_layer(self.project, name)
            if layer is not None:
                settings = QgsSnappingConfig.IndividualLayerSettings(
                    True, edges, SNAP_TOLERANCE_PX, QgsTolerance.Pixels, 0.0, 0.0
                )
                config.setIndividualLayerSettings(layer, settings)
        return config

    def snapped_map_point(self, event: QgsMapMouseEvent) -> QgsPointXY:
        """The click in map coordinates, snapped to a neighbour's or a district's vertex or edge nearby."""
        self.snapping.setMapSettings(self.canvas().mapSettings())
        self.snapping.setConfig(self._snapping_config())
        match = self.snapping.snapToMap(event.pos())
        return QgsPointXY(match.point()) if match.isValid() else QgsPointXY(event.originalMapPoint())

    # --- events -----------------------------------------------------------------------

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802 - QGIS API
        layer = self.communities()
        if layer is None:
            self.message_bar.pushMessage(
                _title(),
                tr("This project has no communities layer. Open a project made by Set up mapping project."),
                Qgis.MessageLevel.Warning,
            )
            return
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.community is None:
            self.pick_community(event)
            return
        self.add_vertex(self.toLayerCoordinates(layer, self.snapped_map_point(event)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - QGIS API
        if event.key() == Qt.Key.Key_Escape:
            self.reset()
            event.accept()
        elif event.key() == Qt.Key.Key_Backspace and self.vertices:
            self.vertices.pop()
            self._redraw()
            event.accept()
        else:
            event.ignore()

    def pick_community(self, event: QgsMapMouseEvent) -> PointCommunity | None:
        """The community without a boundary nearest the click (within PICK_TOLERANCE_PX), made current."""
        layer = self.communities()
        point = self.toLayerCoordinates(layer, event.originalMapPoint())
        tolerance = QgsTolerance.toleranceInMapUnits(
            PICK_TOLERANCE_PX, layer, self.canvas().mapSettings(), QgsTolerance.Pixels
        )
        picked = nearest_point_community(layer, point, tolerance)
        if picked is None:
            self.message_bar.pushMessage(
                _title(),
                tr("Click on a community known only by its point (a community without a boundary)."),
                Qgis.MessageLevel.Warning,
                5,
            )
            return None
        self._start(picked)
        return picked

    def add_vertex(self, point: QgsPointXY) -> None:
        """A corner of the boundary, in the communities layer's CRS."""
        self.vertices.append(QgsPointXY(point))
        self._redraw()

    def _redraw(self) -> None:
        if self.rubber_band is None:
            return
        layer = self.communities()
        self.rubber_band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        for point in self.vertices:
            self.rubber_band.addPoint(self._to_map(layer, point), True)

    def finish(self) -> bool:
        """Cut the drawn polygon by its neighbours and write it as the community's boundary (edit mode,
        one undoable step). True when written; the corners are kept when it cannot be."""
        layer = self.communities()
        if self.community is None or layer is None:
            return False
        if len(self.vertices) < 3:
            self.message_bar.pushMessage(
                _title(), tr("A boundary needs at least three corners."), Qgis.MessageLevel.Warning, 5
            )
            return False
        area = QgsGeometry.fromMultiPointXY(self.vertices).boundingBox()
        result = clip_boundary(
            self.vertices, self.community.point, neighbour_polygons(layer, area, self.community.community_id)
        )
        if not result.ok:
            messages = {
                "invalid": tr("The corners drawn make no area; draw the boundary again."),
                "inside_neighbours": tr(
                    "The boundary drawn lies wholly inside neighbouring communities ({communities}); nothing written."
                ).format(communities=", ".join(result.clipped_by)),
            }
            self.message_bar.pushMessage(
                _title(), messages.get(result.problem, result.problem), Qgis.MessageLevel.Warning
            )
            return False
        if layer.readOnly():
            self.message_bar.pushMessage(
                _title(),
                tr(
                    "The layer {layer} is read-only in this project: untick it under Project ▸ Properties ▸ Data "
                    "Sources to draw boundaries (the corners drawn are kept)."
                ).format(layer=layer.name()),
                Qgis.MessageLevel.Warning,
            )
            return False
        if not layer.isEditable() and not layer.startEditing():
            self.message_bar.pushMessage(
                _title(),
                tr("The layer {layer} cannot be edited.").format(layer=layer.name()),
                Qgis.MessageLevel.Critical,
            )
            return False
        community_id = self.community.community_id
        layer.beginEditCommand(tr("Draw boundary of {community}").format(community=community_id))
        if not layer.changeGeometry(self.community.feature_id, result.geometry):
            layer.destroyEditCommand()
            self.message_bar.pushMessage(_title(), tr("The boundary could not be written."), Qgis.MessageLevel.Critical)
            return False
        layer.endEditCommand()
        layer.triggerRepaint()
        self._report(community_id, result)
        self.reset()
        self.show_point_communities()
        self.boundaryDrawn.emit(community_id)
        return True

    def _report(self, community_id: str, result) -> None:
        notes = []
        if result.clipped_by:
            notes.append(tr("cut where it overlapped {communities}").format(communities=", ".join(result.clipped_by)))
        level = Qgis.MessageLevel.Success
        if result.contains_point is False:
            notes.append(tr("it does not contain the community's point: check the boundary"))
            level = Qgis.MessageLevel.Warning
        text = tr("Boundary of {community} drawn (not saved yet).").format(community=community_id)
        if notes:
            text += " " + "; ".join(notes) + "."
        self.message_bar.pushMessage(_title(), text, level, 8)


class BoundaryDrawingUi:
    """The menu and toolbar action of the tool (`setup(menu)`), and their removal (`teardown()`)."""

    def __init__(self, iface):
        self.iface = iface
        self.tool: DrawBoundaryTool | None = None
        self.action = None

    def setup(self, menu) -> None:
        """`menu` is the plugin's Kr8310Menu; its teardown removes the action."""
        self.action = menu.add_action(
            tr("Draw community boundary"),
            self._triggered,
            icon="draw_boundary.svg",
            toolbar=True,
            object_name="mKr8310DrawBoundary",
        )
        self.action.setCheckable(True)
        self.action.setToolTip(
            tr(
                "Draw community boundary: click a community known only by its point, then its corners; "
                "right-click to finish."
            )
        )
        if hasattr(self.iface, "mapCanvas") and hasattr(self.iface, "messageBar"):
            self.tool = DrawBoundaryTool(self.iface.mapCanvas(), self.iface.messageBar())
            self.tool.setAction(self.action)  # QGIS unchecks the action when another tool takes over

    def _triggered(self) -> None:
        if self.tool is None:
            return
        canvas = self.iface.mapCanvas()
        if self.action.isChecked():
            canvas.setMapTool(self.tool)
        elif canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)

    def teardown(self) -> None:
        if self.tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.reset()
            self.tool.deleteLater()
            self.tool = None
        self.action = None
