"""One rule for "which community holds this point": inside or on the edge, every candidate returned,
and a point in two communities reported (by the importer and the Add household tool), never decided."""

from __future__ import annotations

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QVariant

from kr8310_plugin.core.importing.importer import CommunityIndex, prepare_import
from kr8310_plugin.core.importing.readers import SourceRow, SourceTable
from kr8310_plugin.core.project.digitising import locate_community
from kr8310_plugin.core.rules.community_locator import NONE, ONE, SEVERAL, CommunityLocator

SQUARE_A = "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"
SQUARE_B = "POLYGON((8 0, 20 0, 20 10, 8 10, 8 0))"  # overlaps A between x = 8 and 10
SQUARE_C = "POLYGON((20 0, 30 0, 30 10, 20 10, 20 0))"  # shares B's edge x = 20


def communities(origin: QgsPointXY | None = None) -> list[tuple[object, QgsGeometry]]:
    """A, B and C; B overlaps A and shares an edge with C. Shifted by `origin`."""
    origin = origin or QgsPointXY(0, 0)
    items = []
    for community_id, wkt in (("1001-002", SQUARE_B), ("1001-001", SQUARE_A), ("1001-003", SQUARE_C)):
        geometry = QgsGeometry.fromWkt(wkt)
        geometry.translate(origin.x(), origin.y())
        items.append((community_id, geometry))
    return items


@pytest.mark.parametrize(
    ("x", "y", "expected", "status"),
    [
        (5, 5, ("1001-001",), ONE),
        (9, 5, ("1001-001", "1001-002"), SEVERAL),  # overlapping polygons
        (20, 5, ("1001-002", "1001-003"), SEVERAL),  # on a shared edge: in both
        (0, 5, ("1001-001",), ONE),  # on an outer edge: inside
        (-1, 5, (), NONE),
        (50, 50, (), NONE),
    ],
)
def test_locate_returns_every_candidate(qgis_app, x, y, expected, status):
    location = CommunityLocator(communities()).locate(QgsPointXY(x, y))
    assert location.candidates == expected
    assert location.status == status
    assert location.community_id == (expected[0] if status == ONE else None)


def test_communities_without_id_or_polygon_are_left_out(qgis_app):
    locator = CommunityLocator(
        [(None, QgsGeometry.fromWkt(SQUARE_A)), (QVariant(), QgsGeometry.fromWkt(SQUARE_A)), ("  ", None)]
        + [("1001-009", QgsGeometry()), ("1001-001", QgsGeometry.fromWkt(SQUARE_A))]
    )
    assert locator.locate(QgsPointXY(5, 5)).candidates == ("1001-001",)


def _utm(lon: float, lat: float) -> QgsPointXY:
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:32647"), QgsProject.instance()
    )
    return transform.transform(QgsPointXY(lon, lat))


def test_import_reports_a_point_in_two_communities_instead_of_picking_one(qgis_app):
    lon, lat = 100.5, 13.75
    point = _utm(lon, lat)
    index = CommunityIndex(communities(QgsPointXY(point.x() - 9, point.y() - 5)))  # the point at (9, 5)
    columns = ["house_no", "community_id", "longitude", "latitude"]
    table = SourceTable(
        "survey",
        columns,
        [
            SourceRow(2, {"house_no": "1", "community_id": None, "longitude": lon, "latitude": lat}),
            SourceRow(3, {"house_no": "2", "community_id": "1001-002", "longitude": lon, "latitude": lat}),
        ],
    )
    tie, named = prepare_import(table, index)
    (problem,) = tie.problems
    assert (problem.row, problem.field, problem.code) == (2, "community_id", "several_communities")
    assert "1001-001, 1001-002" in problem.reason_en and "1001-001, 1001-002" in problem.reason_th
    assert tie.values["community_id"] is None
    assert named.ok and named.values["community_id"] == "1001-002"  # the file said which one


def _memory_layer(definition: str, name: str, wkts: dict[str, str | None]) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{definition}?crs=EPSG:32647&field=community_id:string", name, "memory")
    features = []
    for community_id, wkt in wkts.items():
        feature = QgsFeature(layer.fields())
        feature["community_id"] = community_id
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


class NoForms:
    """Layer tools the tool must not reach when it refuses a point."""

    def startEditing(self, layer):  # noqa: N802 - QGIS API
        raise AssertionError("no editing expected")

    def addFeature(self, *args):  # noqa: N802 - QGIS API
        raise AssertionError("no form expected")


def test_add_household_refuses_a_click_where_communities_overlap(qgis_app, qgis_canvas):
    from kr8310_plugin.gui.add_household_tool import AddHouseholdTool

    layer = _memory_layer("MultiPolygon", "communities", dict((c, g.asWkt()) for c, g in communities()))
    assert locate_community(layer, QgsPointXY(9, 5)).candidates == ("1001-001", "1001-002")
    assert locate_community(layer, QgsPointXY(5, 5)).community_id == "1001-001"
    project = QgsProject()
    households = _memory_layer("Point", "households", {})
    project.addMapLayers([layer, households])
    message_bar = QgsMessageBar()
    tool = AddHouseholdTool(qgis_canvas, NoForms(), message_bar, project)
    assert not tool.add_household_at(QgsPointXY(9, 5))
    (item,) = message_bar.items()
    assert item.level() == Qgis.Warning
    assert "more than one community (1001-001, 1001-002)" in item.text()
    assert households.featureCount() == 0 and not households.isEditable()


# --- communities known only by a point ------------------------------------------------------------

POINT_1 = QgsPointXY(100, 5)  # east of C: a community with no boundary yet
POINT_2 = QgsPointXY(300, 5)
POINT_3 = QgsPointXY(305, 200)  # 195 m north of POINT_2


def with_points() -> list[tuple[object, QgsGeometry]]:
    return communities() + [
        ("1001-101", QgsGeometry.fromPointXY(POINT_1)),
        ("1001-102", QgsGeometry.fromPointXY(POINT_2)),
        ("1001-103", QgsGeometry.fromPointXY(POINT_3)),
    ]


@pytest.mark.parametrize(
    ("x", "y", "expected", "distances"),
    [
        (5, 5, ("1001-001",), ()),  # a polygon decides, though 1001-101 is 95 m away
        (30, 5, ("1001-003",), ()),  # on C's outer edge
        (40, 5, ("1001-101",), (60.0,)),  # outside every polygon: the nearest point community
        (100, -295, ("1001-101",), (300.0,)),  # exactly at the radius: still in
        (100, -296, (), ()),  # beyond it
        (200, 5, ("1001-101", "1001-102"), (100.0, 100.0)),  # half way: a tie
        (204, 5, ("1001-102", "1001-101"), (96.0, 104.0)),  # 8 m apart: still a tie
        (215, 5, ("1001-102",), (85.0,)),  # 30 m apart: the nearer one
        (302.5, 102.5, ("1001-102", "1001-103"), (97.532, 97.532)),
    ],
)
def test_point_communities_by_the_nearest_within_the_radius(qgis_app, x, y, expected, distances):
    location = CommunityLocator(with_points()).locate(QgsPointXY(x, y))
    assert location.candidates == expected
    assert location.distances == pytest.approx(distances)
    assert location.by_point == bool(distances)


def test_the_radius_is_a_parameter_and_the_notes_say_what_was_decided(qgis_app):
    assert CommunityLocator(with_points(), point_radius=50).locate(QgsPointXY(40, 5)).status == NONE
    one = CommunityLocator(with_points()).locate(QgsPointXY(220, 5))
    assert one.note().reason("en") == "assigned to the nearest point community 1001-102 at 80 m"
    assert "1001-102" in one.note().reason("th") and "80" in one.note().reason("th")
    tie = CommunityLocator(with_points()).locate(QgsPointXY(200, 5))
    assert tie.status == SEVERAL and tie.community_id is None
    assert tie.note().code == "several_point_communities"
    assert "1001-101 100 m, 1001-102 100 m" in tie.note().reason("en")
    assert CommunityLocator(with_points()).locate(QgsPointXY(5, 5)).note() is None


def _communities_layer(project: QgsProject) -> QgsVectorLayer:
    """A, B, C as polygons and three point communities with NULL polygons and their location fields."""
    layer = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:32647&field=community_id:string&field=location_x:double&field=location_y:double",
        "communities",
        "memory",
    )
    features = []
    for community_id, geometry in with_points():
        feature = QgsFeature(layer.fields())
        if geometry.type() == QgsWkbTypes.GeometryType.PointGeometry:
            point = geometry.asPoint()
            feature.setAttributes([community_id, point.x(), point.y()])
        else:
            centre = geometry.pointOnSurface().asPoint()  # a polygon community has a location too
            feature.setAttributes([community_id, centre.x(), centre.y()])
            geometry.convertToMultiType()
            feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    households = QgsVectorLayer("Point?crs=EPSG:32647&field=community_id:string", "households", "memory")
    project.addMapLayers([layer, households])
    return layer, households


AWKWARD_POINTS = [
    (5, 5),
    (9, 5),  # in A and B
    (20, 5),  # on B/C's shared edge
    (30, 5),
    (31, 5),  # just outside C: 69 m from 1001-101
    (40, 5),
    (100, -295),
    (100, -296),
    (200, 5),
    (204, 5),
    (215, 5),
    (302.5, 102.5),
    (-400, 5),
]


def _evaluate(expression: str, households: QgsVectorLayer, x: float, y: float, community_id=None):
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    feature = QgsFeature(households.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
    feature["community_id"] = community_id
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(households))
    context.setFeature(feature)
    parsed = QgsExpression(expression)
    value = parsed.evaluate(context)
    assert not parsed.hasEvalError(), parsed.evalErrorString()
    return None if value is None or value == QVariant() else value


def test_the_form_expressions_agree_with_the_python_rule(qgis_app):
    from kr8310_plugin.core.rules.community_locator import (
        community_constraint_expression,
        community_default_expression,
        is_point_geometry,
        locate_in_layer,
    )

    project = QgsProject.instance()
    layer, households = _communities_layer(project)
    try:
        default = community_default_expression()
        constraint = community_constraint_expression()
        every_id = [c for c, _g in with_points()]
        for x, y in AWKWARD_POINTS:
            location = locate_in_layer(layer, QgsPointXY(x, y))
            assert location.candidates == CommunityLocator(with_points()).locate(QgsPointXY(x, y)).candidates
            chosen = _evaluate(default, households, x, y)
            if location.status == NONE:
                assert chosen is None, (x, y)
            else:  # one: that one; a tie: one of the candidates (the quality checks report it)
                assert chosen in location.candidates, (x, y, chosen)
                if location.status == ONE:
                    assert chosen == location.community_id
                if location.by_point:
                    assert chosen == location.candidates[0]  # the nearest
            for community_id in every_id:
                accepted = bool(_evaluate(constraint, households, x, y, community_id))
                point = QgsPointXY(x, y)
                polygons = CommunityLocator(communities()).locate(point).candidates
                allowed = community_id in polygons or any(
                    c == community_id and is_point_geometry(g) and g.asPoint().distance(point) <= 300
                    for c, g in with_points()
                )
                assert accepted == allowed, (x, y, community_id)
            assert not _evaluate(constraint, households, x, y, None)
            # As a set-up project's form names the layer: by its id.
            assert _evaluate(community_default_expression(layer.id()), households, x, y) == chosen
    finally:
        project.removeAllMapLayers()


def test_import_assigns_the_nearest_point_community_and_reports_it(qgis_app, tmp_path):
    from qgis.core import QgsCoordinateTransformContext

    # Real coordinates in Phra Nakhon: the squares and points moved to (660000, 1520000).
    origin = QgsPointXY(660000, 1520000)
    items = []
    for community_id, geometry in with_points():
        geometry = QgsGeometry(geometry)
        geometry.translate(origin.x(), origin.y())
        items.append((community_id, geometry))
    index = CommunityIndex(items)
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )

    def lonlat(x, y):
        point = to_wgs84.transform(QgsPointXY(origin.x() + x, origin.y() + y))
        return round(point.x(), 8), round(point.y(), 8)

    cells = [("1", None, 220, 5), ("2", None, 200, 5), ("3", None, 100, 600), ("4", "1001-103", 305, 150)]
    cells.append(("5", "1001-103", 305, 600))  # named, but 400 m from its point
    rows = []
    for number, (house_no, community_id, x, y) in enumerate(cells, start=2):
        lon, lat = lonlat(x, y)
        values = {"house_no": house_no, "community_id": community_id, "longitude": lon, "latitude": lat}
        rows.append(SourceRow(number, values))
    table = SourceTable("survey", ["house_no", "community_id", "longitude", "latitude"], rows)
    nearest, tie, far, named, too_far = prepare_import(table, index)
    assert nearest.ok and nearest.values["community_id"] == "1001-102"
    (note,) = nearest.notes
    assert (note.row, note.field, note.code, note.value) == (2, "community_id", "nearest_point_community", "1001-102")
    assert note.reason_en == "assigned to the nearest point community 1001-102 at 80 m"
    (problem,) = tie.problems
    assert problem.code == "several_point_communities" and tie.values["community_id"] is None
    assert "1001-101" in problem.reason_th and "1001-102" in problem.reason_en
    assert [p.code for p in far.problems] == ["no_community"]
    assert named.ok and not named.notes
    assert [p.code for p in too_far.problems] == ["point_outside_community"]
    wider = CommunityIndex(items, point_radius=500)
    assert prepare_import(table, wider)[4].ok
