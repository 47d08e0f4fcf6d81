"""The Draw community boundary tool, driven with synthetic map events on the pytest-qgis canvas, on a real
GeoPackage: a point community gets the polygon clicked, snapped to its neighbour, cut where it overlaps
the neighbour, in edit mode and undoable; a boundary missing the point warns; one inside a neighbour
is refused."""

from __future__ import annotations

import sqlite3

import pytest
import shapely
from qgis.core import Qgis, QgsApplication, QgsGeometry, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapMouseEvent, QgsMessageBar
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent
from quiet_canvas import quiet, unquiet

from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.gui.draw_boundary_tool import DrawBoundaryTool

X0, Y0 = 662000.0, 1521000.0  # Phra Nakhon
NEIGHBOUR = f"POLYGON(({X0} {Y0}, {X0 + 200} {Y0}, {X0 + 200} {Y0 + 200}, {X0} {Y0 + 200}, {X0} {Y0}))"
POINT = (X0 + 300, Y0 + 100)


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory, kr8310_provider):
    from kr8310_plugin.core.storage.gpkg_database import build_database

    return build_database(tmp_path_factory.mktemp("boundary") / "empty.gpkg")


@pytest.fixture()
def tool_on_canvas(qgis_app, qgis_canvas, empty_database, tmp_path):
    """A neighbour polygon 1001-0001 and the point community 1001-0002 (no polygon) 100 m east of it."""
    import shutil

    path = tmp_path / "communities.gpkg"
    shutil.copy(empty_database, path)
    connection = gpkg.connect(path)
    with connection:
        gpkg.insert_rows(
            connection,
            "communities",
            ["geom", "community_id", "name", "district_code", "registered_households", "location_x", "location_y"],
            [
                (gpkg.encode_geometry(QgsGeometry.fromWkt(NEIGHBOUR), 32647), "1001-0001", "A", 1001, 50, X0, Y0),
                (None, "1001-0002", "P", 1001, 80, *POINT),
            ],
        )
        gpkg.update_extent(connection, "communities")
    connection.close()
    project = QgsProject.instance()
    layers = {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in ("communities", "districts")}
    project.addMapLayers(list(layers.values()))
    qgis_canvas.setDestinationCrs(layers["communities"].crs())
    qgis_canvas.setLayers([layers["communities"], layers["districts"]])
    qgis_canvas.resize(600, 400)
    qgis_canvas.window().show()  # a hidden canvas keeps its old size: pixels would not be the ones clicked
    QgsApplication.processEvents()
    qgis_canvas.setExtent(QgsRectangle(X0 - 50, Y0 - 50, X0 + 450, Y0 + 250))
    quiet(qgis_canvas)
    message_bar = QgsMessageBar()
    tool = DrawBoundaryTool(qgis_canvas, message_bar, project)
    qgis_canvas.setMapTool(tool)
    yield tool, layers["communities"], message_bar, path
    qgis_canvas.unsetMapTool(tool)
    if layers["communities"].isEditable():
        layers["communities"].rollBack()
    unquiet(qgis_canvas)
    qgis_canvas.setLayers([])
    qgis_canvas.window().hide()
    project.removeAllMapLayers()


def release(canvas, x: float, y: float, button=Qt.LeftButton) -> None:
    """Release a mouse button at a map point, as Qt delivers it to the canvas's tool."""
    pixel = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    event = QgsMapMouseEvent(
        canvas, QEvent.MouseButtonRelease, QPoint(round(pixel.x()), round(pixel.y())), button, Qt.NoButton
    )
    canvas.mapTool().canvasReleaseEvent(event)


def key(canvas, code) -> None:
    canvas.mapTool().keyPressEvent(QKeyEvent(QEvent.KeyPress, code, Qt.NoModifier))


def geometry_of(layer, community_id: str) -> QgsGeometry:
    return next(layer.getFeatures(f"\"community_id\" = '{community_id}'")).geometry()


def test_a_point_community_gets_the_boundary_clicked_cut_by_its_neighbour(tool_on_canvas, qgis_canvas):
    tool, communities, message_bar, path = tool_on_canvas
    release(qgis_canvas, POINT[0] + 8, POINT[1] - 5)  # near the point: picks the community
    assert tool.community is not None and tool.community.community_id == "1001-0002"
    drawn = []
    tool.boundaryDrawn.connect(drawn.append)
    corners = [(X0 + 150, Y0 + 30), (X0 + 400, Y0 + 30), (X0 + 400, Y0 + 170), (X0 + 203, Y0 + 203)]
    for x, y in corners:
        release(qgis_canvas, x, y)
    release(qgis_canvas, X0 + 300, Y0 + 300)  # a stray corner ...
    key(qgis_canvas, Qt.Key_Backspace)  # ... taken back
    assert len(tool.vertices) == 4
    neighbour = QgsGeometry.fromWkt(NEIGHBOUR)
    # The last corner, 4 m from the neighbour's corner, was snapped onto the neighbour's outline.
    outline = QgsGeometry(neighbour.constGet().boundary())
    assert QgsGeometry.fromPointXY(tool.vertices[3]).distance(outline) < 1e-6
    vertices = [(v.x(), v.y()) for v in tool.vertices]
    release(qgis_canvas, X0 + 300, Y0 + 100, Qt.RightButton)  # finish
    assert drawn == ["1001-0002"] and tool.community is None
    assert communities.isEditable() and communities.isModified()
    boundary = geometry_of(communities, "1001-0002")
    assert boundary.isMultipart() and boundary.isGeosValid()
    assert boundary.intersection(neighbour).area() < 1e-6  # cut where it overlapped: no overlap left
    assert boundary.intersects(QgsGeometry.fromPointXY(QgsPointXY(*POINT)))
    expected = shapely.Polygon(vertices).difference(shapely.box(X0, Y0, X0 + 200, Y0 + 200))
    assert boundary.area() == pytest.approx(expected.area) and expected.area > 30000
    item = message_bar.items()[0]  # the newest
    assert item.level() == Qgis.Success and "1001-0001" in item.text() and "not saved" in item.text()
    with sqlite3.connect(path) as connection:  # nothing saved until the user saves
        assert connection.execute(
            "SELECT geom IS NULL FROM communities WHERE community_id = '1001-0002'"
        ).fetchone() == (1,)
    communities.undoStack().undo()  # one step undoes it
    assert not next(communities.getFeatures("\"community_id\" = '1001-0002'")).hasGeometry()
    communities.undoStack().redo()
    assert communities.commitChanges()
    with sqlite3.connect(path) as connection:
        blob = connection.execute("SELECT geom FROM communities WHERE community_id = '1001-0002'").fetchone()[0]
    assert gpkg.decode_geometry(blob).area() == pytest.approx(expected.area)


def test_a_boundary_without_the_point_warns_and_one_inside_the_neighbour_is_refused(tool_on_canvas, qgis_canvas):
    tool, communities, message_bar, _path = tool_on_canvas
    release(qgis_canvas, X0 + 100, Y0 + 100)  # inside the neighbour, far from any point community
    assert tool.community is None
    assert "known only by its point" in message_bar.items()[0].text()
    release(qgis_canvas, *POINT)
    for x, y in ((X0 + 20, Y0 + 20), (X0 + 120, Y0 + 20), (X0 + 120, Y0 + 120)):
        release(qgis_canvas, x, y)
    assert not tool.finish()  # wholly inside 1001-0001
    assert "1001-0001" in message_bar.items()[0].text() and message_bar.items()[0].level() == Qgis.Warning
    assert not communities.isModified()  # nothing written
    assert tool.community is not None and len(tool.vertices) == 3  # the corners are kept to go on with
    key(qgis_canvas, Qt.Key_Escape)
    assert tool.community is None and tool.vertices == []
    release(qgis_canvas, *POINT)
    for x, y in ((X0 + 350, Y0 + 150), (X0 + 420, Y0 + 150), (X0 + 420, Y0 + 220)):
        release(qgis_canvas, x, y)
    release(qgis_canvas, X0 + 300, Y0 + 240, Qt.RightButton)
    boundary = geometry_of(communities, "1001-0002")
    assert not boundary.isNull() and not boundary.intersects(QgsGeometry.fromPointXY(QgsPointXY(*POINT)))
    item = message_bar.items()[0]
    assert item.level() == Qgis.Warning and "does not contain the community's point" in item.text()


def test_a_selected_point_community_is_taken_when_the_tool_starts(tool_on_canvas, qgis_canvas):
    tool, communities, _bar, _path = tool_on_canvas
    qgis_canvas.unsetMapTool(tool)
    communities.selectByExpression("\"community_id\" = '1001-0002'")
    qgis_canvas.setMapTool(tool)
    assert tool.community is not None and tool.community.community_id == "1001-0002"
    assert tool.community.point == QgsPointXY(*POINT)


def test_the_tool_marks_the_point_communities_and_respects_a_read_only_layer(tool_on_canvas, qgis_canvas):
    tool, communities, message_bar, _path = tool_on_canvas
    assert tool.points_band.numberOfVertices() == 1  # 1001-0002, the only community without a boundary
    assert tool.show_point_communities() == 1
    assert marker_pixels(qgis_canvas) > 20  # drawn on the canvas, where the project draws no polygon
    communities.setReadOnly(True)  # as a set-up mapping project opens it
    release(qgis_canvas, *POINT)
    for x, y in ((X0 + 250, Y0 + 50), (X0 + 350, Y0 + 50), (X0 + 350, Y0 + 150)):
        release(qgis_canvas, x, y)
    assert not tool.finish()
    assert "read-only" in message_bar.items()[0].text() and not communities.isEditable()
    assert len(tool.vertices) == 3  # kept: untick read-only and finish
    communities.setReadOnly(False)
    assert tool.finish()
    assert tool.points_band.numberOfVertices() == 0  # it has a boundary now
    assert marker_pixels(qgis_canvas) == 0


def marker_pixels(canvas) -> int:
    """Pixels of the point-community marker's colour on the canvas as shown."""
    from qgis.PyQt.QtGui import QColor

    for _ in range(5):
        QgsApplication.processEvents()
    image = canvas.grab().toImage()
    colour = QColor("#7a0177").rgb()
    return sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixel(x, y) == colour)
