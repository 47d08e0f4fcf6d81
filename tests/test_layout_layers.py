"""The community layout layers (แผนผังชุมชน) on a real GeoPackage: tables and their rules, the upgrade of
an older database, the set-up project's layers, forms and snapping, households placed on buildings by
the Add household tool, and the two layout quality checks."""

from __future__ import annotations

import sqlite3

import pytest
from household_forms import FormLayerTools, close_forms
from qgis.core import (
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSnappingConfig,
    QgsValueMapFieldFormatter,
    QgsWkbTypes,
)
from qgis.gui import QgsMessageBar
from quiet_canvas import quiet, unquiet
from test_add_household_tool import click

from kr8310_plugin.core.project.building_placement import first_unused_house_number, place_on_building
from kr8310_plugin.core.project.layout_layers import LAYOUT_DRAW_ORDER, apply_layout_language, set_up_layer
from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.core.quality.checks import HouseholdRecord
from kr8310_plugin.core.quality.layers import check_layers
from kr8310_plugin.core.quality.layout_checks import BuildingRecord, check_buildings
from kr8310_plugin.core.rules.house_number_lists import join_house_numbers, split_house_numbers
from kr8310_plugin.core.storage import gpkg, rule_store
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.gpkg_database import build_database
from kr8310_plugin.definitions import codelists, schema
from kr8310_plugin.definitions.labels import LAYOUT_GROUP_TITLE, layout_field_label
from kr8310_plugin.gui.add_household_tool import AddHouseholdTool

WKB_TYPES = {"MULTIPOLYGON": QgsWkbTypes.MultiPolygon, "MULTILINESTRING": QgsWkbTypes.MultiLineString}
X0, Y0 = 660000, 1520000
# Community A (with buildings) and community B (none), 200 m squares side by side.
COMMUNITY_A, COMMUNITY_B = "1001-901", "1001-902"
# Buildings of A: a row of three houses (12, 12/1 and 14 share the middle one), a temple, an empty house.
ROW_HOUSE = (X0 + 20, Y0 + 20, 30)  # x, y, size
TEMPLE = (X0 + 100, Y0 + 100, 40)
EMPTY_HOUSE = (X0 + 20, Y0 + 150, 20)


def _square_wkt(x: float, y: float, size: float) -> str:
    return f"MultiPolygon((({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y})))"


def _square(x: float, y: float, size: float) -> QgsGeometry:
    return QgsGeometry.fromWkt(_square_wkt(x, y, size))


def _point(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def _blob(geometry: QgsGeometry) -> bytes:
    return gpkg.encode_geometry(geometry, schema.CRS_EPSG)


def _insert(connection, table: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    gpkg.insert_rows(connection, table, columns, [[row[c] for c in columns] for row in rows])


def _fill_layout_database(connection) -> None:
    """Two communities, three synthetic households of A (one in the row house, one in the temple, one
    in no building), one of B; buildings of A only."""
    _insert(
        connection,
        schema.COMMUNITIES,
        [
            {
                "community_id": COMMUNITY_A,
                "name": "ชุมชนทดสอบ A",
                "district_code": 1001,
                "geom": _blob(_square(X0, Y0, 200)),
            },
            {
                "community_id": COMMUNITY_B,
                "name": "ชุมชนทดสอบ B",
                "district_code": 1001,
                "geom": _blob(_square(X0 + 200, Y0, 200)),
            },
        ],
    )
    _insert(
        connection,
        schema.HOUSEHOLDS,
        [
            {
                "household_id": "hh-row",
                "community_id": COMMUNITY_A,
                "house_no": "12",
                "geom": _blob(_point(X0 + 30, Y0 + 30)),
            },
            {
                "household_id": "hh-temple",
                "community_id": COMMUNITY_A,
                "house_no": "T1",
                "geom": _blob(_point(X0 + 110, Y0 + 110)),
            },
            {
                "household_id": "hh-street",
                "community_id": COMMUNITY_A,
                "house_no": "77",
                "geom": _blob(_point(X0 + 80, Y0 + 10)),
            },
            {
                "household_id": "hh-b",
                "community_id": COMMUNITY_B,
                "house_no": "1",
                "geom": _blob(_point(X0 + 250, Y0 + 50)),
            },
        ],
    )
    _insert(
        connection,
        schema.BUILDINGS,
        [
            {
                "building_id": "b-row",
                "building_kind": "row_house",
                "house_numbers": "12;12/1;14",
                "community_id": COMMUNITY_A,
                "geom": _blob(_square(*ROW_HOUSE)),
            },
            {
                "building_id": "b-temple",
                "building_kind": "temple",
                "house_numbers": None,
                "community_id": COMMUNITY_A,
                "geom": _blob(_square(*TEMPLE)),
            },
            {
                "building_id": "b-empty",
                "building_kind": "house",
                "house_numbers": "30",
                "community_id": COMMUNITY_A,
                "geom": _blob(_square(*EMPTY_HOUSE)),
            },
        ],
    )


@pytest.fixture()
def layout_gpkg(qgis_app, tmp_path):
    """A new GeoPackage community database with the synthetic communities, households and buildings."""
    path = build_database(tmp_path / "layout.gpkg")
    connection = gpkg.connect(path)
    with connection:
        _fill_layout_database(connection)
        for spec in (schema.COMMUNITIES_SPEC, schema.HOUSEHOLDS_SPEC, schema.BUILDINGS_SPEC):
            gpkg.update_extent(connection, spec.name)
    connection.close()
    return path


# ---------------------------------------------------------------------------------------
# Definitions and storage


def test_layout_definitions_follow_the_contract():
    assert schema.LAYER_SPECS == (
        schema.COMMUNITIES_SPEC,
        schema.HOUSEHOLDS_SPEC,
        schema.MEMBERS_SPEC,
        schema.DISTRICTS_SPEC,
    )
    names = [spec.name for spec in schema.LAYOUT_LAYER_SPECS]
    assert names == ["buildings", "ways", "waterways", "water_areas", "facilities", "safety_points"]
    for spec in schema.LAYOUT_LAYER_SPECS:
        assert {"community_id", "osm_id", "updated_at"} <= set(spec.field_names())
        assert spec.field("osm_id").unique and not spec.field("osm_id").not_null
        assert not schema.PERSONAL_FIELDS & set(spec.field_names())
        for field in spec.fields:
            assert layout_field_label(field.name, "th") and layout_field_label(field.name, "en"), field.name
    assert schema.BUILDINGS_SPEC.field("floors").sql_check == "floors BETWEEN 1 AND 99"
    assert schema.WAYS_SPEC.field("width_m").sql_check == "width_m BETWEEN 0 AND 100"
    assert codelists.WAY_KIND.keys() == ["road", "soi", "trok", "walkway", "bridge"]
    for code_list in codelists.LAYOUT_CODE_LISTS:
        assert schema.CODE_LISTS_BY_NAME[code_list.name] is code_list
        for code in code_list.codes:
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in code.label_th) and code.label_en, code


def test_house_numbers_split_join_and_next_unused():
    assert split_house_numbers(" 12; 12/1;;14 ;12") == ["12", "12/1", "14"]
    assert split_house_numbers(None) == [] and split_house_numbers("  ") == []
    assert join_house_numbers(["12", " 14 ", "", "12"]) == "12;14"
    assert join_house_numbers([]) is None
    assert first_unused_house_number("12;12/1;14", ["12", None]) == "12/1"
    assert first_unused_house_number("12;12/1", ["12", "12/1 "]) is None


def test_new_geopackage_has_the_layout_tables_and_refuses_bad_values(layout_gpkg):
    for spec in schema.LAYOUT_LAYER_SPECS:
        layer = open_layer(str(layout_gpkg), spec.name)
        assert layer.wkbType() == WKB_TYPES.get(spec.geometry, QgsWkbTypes.Point)
        assert layer.crs().authid() == schema.CRS_AUTHID
        assert layer.hasSpatialIndex() == 2  # QgsFeatureSource.SpatialIndexPresent
        assert layer.fields().names() == ["fid", *spec.field_names()]
    connection = gpkg.connect(layout_gpkg)
    bad_rows = [
        ("building_kind", "castle"),
        ("floors", 0),
        ("floors", 100),
        ("material", "straw"),
        ("condition", "excellent"),
    ]
    for field, value in bad_rows:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute(f"INSERT INTO buildings (building_id, {field}) VALUES ('bad', ?)", (value,))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("INSERT INTO ways (way_id, width_m) VALUES ('w', 100.5)")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("INSERT INTO safety_points (safety_id, safety_kind) VALUES ('s', 'dragon')")
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        connection.execute("INSERT INTO facilities (facility_kind) VALUES ('market')")
    with connection:
        connection.execute("INSERT INTO ways (way_id, way_kind, osm_id) VALUES ('w1', 'soi', 'way/1')")
        connection.execute("INSERT INTO ways (way_id, way_kind, osm_id) VALUES ('w2', 'soi', NULL)")
        connection.execute("INSERT INTO ways (way_id, way_kind, osm_id) VALUES ('w3', 'trok', NULL)")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: ways.osm_id"):
        connection.execute("INSERT INTO ways (way_id, osm_id) VALUES ('w4', 'way/1')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: ways.way_id"):
        connection.execute("UPDATE ways SET way_id = 'w1' WHERE way_id = 'w2'")
    assert connection.execute("SELECT count(*) FROM ways").fetchone()[0] == 3
    connection.close()


def _drop_layout_tables(path) -> None:
    """Make the database look like one made before the layout layers."""
    connection = gpkg.connect(path)
    with connection:
        for spec in schema.LAYOUT_LAYER_SPECS:
            connection.execute(f'DROP TABLE "{spec.name}"')
            connection.execute(f'DROP TABLE "rtree_{spec.name}_geom"')
            for table in ("gpkg_extensions", "gpkg_geometry_columns", "gpkg_contents"):
                connection.execute(f"DELETE FROM {table} WHERE table_name = ?", (spec.name,))
    connection.close()


def test_upgrade_adds_the_layout_tables_to_an_older_database_once(qgis_app, tmp_path):
    path = build_database(tmp_path / "old.gpkg")
    _drop_layout_tables(path)
    assert rule_store.upgrade_database(str(path)) is True
    assert rule_store.upgrade_database(str(path)) is False  # idempotent
    for spec in schema.LAYOUT_LAYER_SPECS:
        assert open_layer(str(path), spec.name).fields().names() == ["fid", *spec.field_names()]
    connection = gpkg.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("INSERT INTO buildings (building_id, floors) VALUES ('b', 120)")
    connection.execute("INSERT INTO water_areas (water_area_id, osm_id) VALUES ('a', 'way/9')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        connection.execute("INSERT INTO water_areas (water_area_id, osm_id) VALUES ('b', 'way/9')")
    connection.close()


# ---------------------------------------------------------------------------------------
# The set-up project


@pytest.fixture()
def layout_project(layout_gpkg, tmp_path):
    """The Thai mapping project of the layout database, read into the global project."""
    project = QgsProject.instance()
    assert project.read(str(write_mapping_project(str(layout_gpkg), tmp_path / "mapping.qgz", language="th")))
    yield project
    close_forms()
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


def test_set_up_project_has_the_layout_group_below_the_households(layout_project):
    root = layout_project.layerTreeRoot()
    group = next(node for node in root.children() if isinstance(node, QgsLayerTreeGroup))
    assert group.name() == LAYOUT_GROUP_TITLE.label_th == "แผนผังชุมชน"
    layers = {name: set_up_layer(layout_project, name) for name in ("households", "communities", *LAYOUT_DRAW_ORDER)}
    assert [node.layer() for node in group.findLayers()] == [layers[name] for name in LAYOUT_DRAW_ORDER]
    drawn = root.layerOrder()  # top first
    assert all(drawn.index(layers["households"]) < drawn.index(layers[name]) for name in LAYOUT_DRAW_ORDER)
    assert drawn.index(layers["buildings"]) < drawn.index(layers["communities"])  # not hidden by their fill
    assert layers["buildings"].name() == "อาคาร"  # the tree speaks Thai; code finds the layer by its tag


def test_an_english_project_opened_in_thai_gets_thai_layout_texts(layout_gpkg, tmp_path):
    project = QgsProject()
    try:
        assert project.read(str(write_mapping_project(str(layout_gpkg), tmp_path / "english.qgz", language="en")))
        buildings = set_up_layer(project, "buildings")
        index = buildings.fields().indexOf("building_kind")
        formatter = QgsValueMapFieldFormatter()
        config = buildings.editorWidgetSetup(index).config()
        assert formatter.representValue(buildings, index, config, None, "row_house") == "Row house / townhouse"
        assert buildings.name() == "Buildings"
        assert apply_layout_language(project, "th")
        config = buildings.editorWidgetSetup(index).config()
        assert formatter.representValue(buildings, index, config, None, "row_house") == "ห้องแถว / ทาวน์เฮาส์"
        assert buildings.name() == "อาคาร"
        assert buildings.attributeDisplayName(buildings.fields().indexOf("house_numbers")).startswith("บ้านเลขที่")
        groups = [group.name() for group in project.layerTreeRoot().findGroups()]
        assert LAYOUT_GROUP_TITLE.label_th in groups
        # The community default still finds the communities layer (by id) after the renaming.
        expression = buildings.defaultValueDefinition(buildings.fields().indexOf("community_id")).expression()
        assert set_up_layer(project, "communities").id() in expression
    finally:
        project.clear()


def test_set_up_project_forms_have_thai_value_maps_and_fill_in_the_community(layout_project):
    buildings = set_up_layer(layout_project, "buildings")
    index = buildings.fields().indexOf("building_kind")
    setup = buildings.editorWidgetSetup(index)
    assert setup.type() == "ValueMap"
    formatter = QgsValueMapFieldFormatter()
    assert formatter.representValue(buildings, index, setup.config(), None, "row_house") == "ห้องแถว / ทาวน์เฮาส์"
    assert buildings.attributeDisplayName(buildings.fields().indexOf("floors")) == "จำนวนชั้น"
    ways = set_up_layer(layout_project, "ways")
    surface = ways.fields().indexOf("surface")
    assert formatter.representValue(ways, surface, ways.editorWidgetSetup(surface).config(), None, "unpaved") == (
        "ดิน / ลูกรัง"
    )
    assert ways.editorWidgetSetup(ways.fields().indexOf("fire_truck_access")).type() == "CheckBox"
    # A building drawn in community A gets its id, its community and the time through the real form.
    tools = FormLayerTools()
    tools.answers = {"building_kind": "house", "floors": 2, "house_numbers": "40;40/1"}
    assert buildings.startEditing()
    saved, feature = tools.addFeature(buildings, {}, _square(X0 + 60, Y0 + 60, 10))
    assert saved
    assert buildings.commitChanges(), buildings.commitErrors()
    stored = next(buildings.getFeatures("\"house_numbers\" = '40;40/1'"))
    assert stored["community_id"] == COMMUNITY_A
    assert len(stored["building_id"]) == 36 and stored["updated_at"]
    # A floors value the database refuses is refused by the form's range widget config too.
    assert buildings.editorWidgetSetup(buildings.fields().indexOf("floors")).config()["Max"] == 99


def test_set_up_project_snaps_to_buildings_ways_and_communities(layout_project):
    config = layout_project.snappingConfig()
    assert config.enabled()
    layers = {name: set_up_layer(layout_project, name) for name in ("communities", *LAYOUT_DRAW_ORDER)}
    snapped = {name for name, layer in layers.items() if config.individualLayerSettings(layer).enabled()}
    assert snapped == {"communities", "buildings", "ways"}
    assert config.individualLayerSettings(layers["buildings"]).typeFlag() & QgsSnappingConfig.SegmentFlag
    # Avoiding the communities layer would cut away every building drawn inside a community.
    assert layout_project.avoidIntersectionsMode() == QgsProject.AvoidIntersectionsMode.AvoidIntersectionsCurrentLayer


# ---------------------------------------------------------------------------------------
# Households on buildings


@pytest.fixture()
def tool_on_buildings(layout_project, qgis_canvas):
    layers = {name: set_up_layer(layout_project, name) for name in ("communities", "households", "buildings")}
    qgis_canvas.setDestinationCrs(layers["communities"].crs())
    qgis_canvas.setLayers(list(layers.values()))
    qgis_canvas.resize(600, 400)
    qgis_canvas.setExtent(QgsRectangle(X0, Y0, X0 + 400, Y0 + 200))
    quiet(qgis_canvas)
    tools = FormLayerTools()
    tools.answers = {"building_type": "row_house", "residence_years": 3, "member_count": 1}
    message_bar = QgsMessageBar()
    tool = AddHouseholdTool(qgis_canvas, tools, message_bar, layout_project)
    qgis_canvas.setMapTool(tool)
    yield tool, layers, message_bar
    qgis_canvas.unsetMapTool(tool)
    unquiet(qgis_canvas)
    qgis_canvas.setLayers([])


def test_households_clicked_in_a_row_house_get_its_next_house_numbers(tool_on_buildings, qgis_canvas):
    tool, layers, message_bar = tool_on_buildings
    households, row_house = layers["households"], _square(*ROW_HOUSE)
    inside = QgsPointXY(ROW_HOUSE[0] + 10, ROW_HOUSE[1] + 20)
    click(qgis_canvas, inside)
    first = next(households.getFeatures("\"house_no\" = '12/1'"))  # 12 is taken by hh-row already
    assert first.geometry().asPoint().distance(inside) <= qgis_canvas.mapUnitsPerPixel()  # the click point
    assert first["community_id"] == COMMUNITY_A
    click(qgis_canvas, QgsPointXY(ROW_HOUSE[0] + 20, ROW_HOUSE[1] + 5))
    second = next(households.getFeatures("\"house_no\" = '14'"))  # the next one, flats and row houses alike
    assert row_house.contains(second.geometry())
    assert not message_bar.items()


def test_a_click_beside_a_building_places_the_household_inside_it(tool_on_buildings, qgis_canvas):
    tool, layers, _message_bar = tool_on_buildings
    households, empty_house = layers["households"], _square(*EMPTY_HOUSE)
    pixel = qgis_canvas.mapUnitsPerPixel()
    beside = QgsPointXY(EMPTY_HOUSE[0] - 3 * pixel, EMPTY_HOUSE[1] + 10)  # three pixels left of its wall
    assert not empty_house.contains(QgsGeometry.fromPointXY(beside))
    click(qgis_canvas, beside)
    placed = next(households.getFeatures("\"house_no\" = '30'"))
    assert empty_house.contains(placed.geometry())
    assert placed.geometry().asPoint().distance(beside) < 3 * pixel + 1.0  # at the nearest wall, not the middle


def test_without_a_building_near_the_click_the_point_stays_and_no_number_is_offered(layout_gpkg, qgis_app):
    households = open_layer(str(layout_gpkg), "households")
    buildings = open_layer(str(layout_gpkg), "buildings")
    far = QgsPointXY(X0 + 80, Y0 + 80)
    assert place_on_building(buildings, households, far, 2.0) is None
    # A click inside keeps its point; 12 is hh-row's, so 12/1 is offered.
    in_row = QgsPointXY(ROW_HOUSE[0] + 5, ROW_HOUSE[1] + 5)
    placement = place_on_building(buildings, households, in_row, 0.0, lambda _point: COMMUNITY_A)
    assert placement.building_id == "b-row" and placement.house_no == "12/1"
    assert placement.point == in_row


# ---------------------------------------------------------------------------------------
# Quality checks


def test_layout_checks_fire_on_the_right_features_only(layout_gpkg):
    layers = {
        name: open_layer(str(layout_gpkg), name) for name in ("communities", "households", "members", "buildings")
    }
    issues = check_layers(layers["communities"], layers["households"], layers["members"], buildings=layers["buildings"])
    layout = sorted(
        (i.code, i.feature_id, i.layer)
        for i in issues
        if i.code in ("household_outside_building", "house_without_household")
    )
    # hh-b lies in no building, but community B has none mapped; the temple has no household and is no house.
    assert layout == [
        ("house_without_household", "b-empty", "buildings"),
        ("household_outside_building", "hh-street", "households"),
    ]
    outside = next(i for i in issues if i.code == "household_outside_building")
    assert outside.severity == "warning" and outside.community_id == COMMUNITY_A
    assert "hh-street" in outside.message and COMMUNITY_A in outside.message and "77" not in outside.message
    assert _square(*EMPTY_HOUSE).contains(next(i for i in issues if i.feature_id == "b-empty").geometry)
    # Without the buildings layer the checks are those of before.
    before = check_layers(layers["communities"], layers["households"], layers["members"])
    assert not {i.code for i in before} & {"household_outside_building", "house_without_household"}


def test_layout_checks_count_a_household_on_the_edge_as_inside():
    house = BuildingRecord("b1", "house", COMMUNITY_A, _square(0, 0, 10))
    on_edge = HouseholdRecord("h1", COMMUNITY_A, "1", 1, geometry=_point(10, 5))
    assert check_buildings([], [on_edge], [house]) == []
    assert check_buildings([], [], []) == []


def test_validate_algorithm_runs_the_layout_checks_with_a_buildings_layer(layout_gpkg, run_algorithm, tmp_path):
    def layer(name: str) -> str:
        return f"{layout_gpkg}|layername={name}"

    parameters = {name.upper(): layer(name) for name in ("communities", "households", "members")}
    without = run_algorithm("validate", {**parameters, "OUTPUT": str(tmp_path / "without.gpkg")})
    with_buildings = run_algorithm(
        "validate", {**parameters, "BUILDINGS": layer("buildings"), "OUTPUT": str(tmp_path / "with.gpkg")}
    )
    assert with_buildings["WARNINGS"] == without["WARNINGS"] + 2  # hh-street and the empty house
    assert with_buildings["ERRORS"] == without["ERRORS"]
