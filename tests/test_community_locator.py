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
