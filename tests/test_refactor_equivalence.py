"""Refactorings that must not change behaviour, held to a frozen copy of what the code produced
before: the layout layers' specs (generated from one table) and the import algorithms' source
parameters (shared in processing/algorithms/base.py)."""

from __future__ import annotations

import pytest

from kr8310_plugin.definitions import schema
from kr8310_plugin.definitions.schema import FieldSpec, LayerSpec

# The six layout LayerSpecs as they were written out one by one.
FROZEN_LAYOUT_LAYER_SPECS = (
    LayerSpec(
        "buildings",
        "MULTIPOLYGON",
        (
            FieldSpec("building_id", "text", unique=True, not_null=True),
            FieldSpec("building_kind", "text", code_list="building_kind"),
            FieldSpec("floors", "integer", minimum=1, maximum=99),
            FieldSpec("material", "text", code_list="building_material"),
            FieldSpec("condition", "text", code_list="building_condition"),
            FieldSpec("house_numbers", "text"),
            FieldSpec("name", "text"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
    LayerSpec(
        "ways",
        "MULTILINESTRING",
        (
            FieldSpec("way_id", "text", unique=True, not_null=True),
            FieldSpec("way_kind", "text", code_list="way_kind"),
            FieldSpec("name", "text"),
            FieldSpec("width_m", "real", minimum=0, maximum=100),
            FieldSpec("surface", "text", code_list="way_surface"),
            FieldSpec("fire_truck_access", "boolean"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
    LayerSpec(
        "waterways",
        "MULTILINESTRING",
        (
            FieldSpec("waterway_id", "text", unique=True, not_null=True),
            FieldSpec("waterway_kind", "text", code_list="waterway_kind"),
            FieldSpec("name", "text"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
    LayerSpec(
        "water_areas",
        "MULTIPOLYGON",
        (
            FieldSpec("water_area_id", "text", unique=True, not_null=True),
            FieldSpec("waterway_kind", "text", code_list="waterway_kind"),
            FieldSpec("name", "text"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
    LayerSpec(
        "facilities",
        "POINT",
        (
            FieldSpec("facility_id", "text", unique=True, not_null=True),
            FieldSpec("facility_kind", "text", code_list="facility_kind"),
            FieldSpec("name", "text"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
    LayerSpec(
        "safety_points",
        "POINT",
        (
            FieldSpec("safety_id", "text", unique=True, not_null=True),
            FieldSpec("safety_kind", "text", code_list="safety_kind"),
            FieldSpec("note", "text"),
            FieldSpec("community_id", "text"),
            FieldSpec("osm_id", "text", unique=True),
            FieldSpec("updated_at", "datetime"),
        ),
    ),
)


def test_layout_layer_specs_are_the_frozen_ones():
    assert schema.LAYOUT_LAYER_SPECS == FROZEN_LAYOUT_LAYER_SPECS
    # repr tells 0 from 0.0, which the DDL's CHECKs would write differently
    assert [repr(spec) for spec in schema.LAYOUT_LAYER_SPECS] == [repr(spec) for spec in FROZEN_LAYOUT_LAYER_SPECS]
    assert [spec.field(f.name).sql_check for spec in schema.LAYOUT_LAYER_SPECS for f in spec.fields] == [
        spec.field(f.name).sql_check for spec in FROZEN_LAYOUT_LAYER_SPECS for f in spec.fields
    ]


def test_layout_layer_specs_keep_their_names():
    named = (
        schema.BUILDINGS_SPEC,
        schema.WAYS_SPEC,
        schema.WATERWAYS_SPEC,
        schema.WATER_AREAS_SPEC,
        schema.FACILITIES_SPEC,
        schema.SAFETY_POINTS_SPEC,
    )
    assert named == FROZEN_LAYOUT_LAYER_SPECS


# (name, type, description, optional, default, file filter / options / multi-line) of each parameter.
FILTER_REGISTER = "Register files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"
FILTER_SURVEY = "Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"
ENCODING_OPTIONS = ["Detect", "UTF-8", "TIS-620 / cp874"]
DATABASE_LABEL = "Community database (GeoPackage file or PostGIS)"
FROZEN_PARAMETERS = {
    "importcommunities": [
        ("INPUT", "file", "Community register", False, None, FILTER_REGISTER),
        ("INPUT_LAYER", "string", "Sheet or layer (empty: the first)", True, None, False),
        ("ENCODING", "enum", "Text encoding of CSV files", False, 0, ENCODING_OPTIONS),
        ("DATABASE", "string", DATABASE_LABEL, False, None, False),
        ("MAPPING", "string", "Column mapping (field=column; ...)", True, None, True),
        (
            "REPORT",
            "fileDestination",
            "Register against the official targets",
            True,
            None,
            "CSV (*.csv);;Excel (*.xlsx)",
        ),
    ],
    "importhouseholds": [
        ("INPUT", "file", "Survey file (households)", False, None, FILTER_SURVEY),
        ("INPUT_LAYER", "string", "Sheet or layer (empty: the first)", True, None, False),
        (
            "MEMBERS",
            "file",
            "Members file (optional)",
            True,
            None,
            "Survey files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg);;All files (*)",
        ),
        (
            "MEMBERS_LAYER",
            "string",
            "Members sheet or layer (empty: a sheet with _parent_index, if any)",
            True,
            None,
            False,
        ),
        ("DATABASE", "string", DATABASE_LABEL, False, None, False),
        ("ENCODING", "enum", "Text encoding of CSV files", False, 0, ENCODING_OPTIONS),
        ("MAPPING", "string", "Column mapping (field=column; ...)", True, None, True),
        ("SKIP_INVALID", "boolean", "Skip invalid rows (import the valid ones)", False, False, None),
        ("EDITOR", "string", "Editor name", True, "import", False),
        (
            "POINT_RADIUS",
            "number",
            "Communities known only by a point: households up to this distance (m)",
            True,
            300.0,
            None,
        ),
        ("REPORT", "sink", "Rejected rows", True, None, None),
        ("WARNINGS", "sink", "Warnings (imported, to be checked)", True, None, None),
        ("UNKNOWN_VALUES", "sink", "Unknown values (to map)", True, None, None),
    ],
}


def _described(parameter) -> tuple:
    from qgis.core import QgsProcessingParameterDefinition

    detail = None
    for attribute in ("fileFilter", "options", "multiLine"):
        if hasattr(parameter, attribute):
            detail = getattr(parameter, attribute)()
    optional = bool(parameter.flags() & QgsProcessingParameterDefinition.FlagOptional)
    return (parameter.name(), parameter.type(), parameter.description(), optional, parameter.defaultValue(), detail)


@pytest.mark.parametrize("algorithm_id", sorted(FROZEN_PARAMETERS))
def test_import_algorithms_keep_their_parameters_in_order(kr8310_provider, algorithm_id):
    algorithm = kr8310_provider.algorithm(algorithm_id)
    frozen = FROZEN_PARAMETERS[algorithm_id]
    names = {row[0] for row in frozen}
    # Parameters added later by other work are passed over; these keep their definition and order.
    described = [_described(p) for p in algorithm.parameterDefinitions() if p.name() in names]
    assert described == frozen


def test_a_label_stands_where_both_page_builders_put_theirs(qgis_app):
    """The coverage maps moved a label then sized it on the layout; the community layout sized it
    then moved it on its page. The one label_item both use now gives each the same place."""
    from qgis.core import QgsLayoutItemPage, QgsLayoutPoint, QgsLayoutSize, QgsPrintLayout, QgsProject, QgsUnitTypes

    from kr8310_plugin.core.exports.layout_items import label_item

    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    second = QgsLayoutItemPage(layout)
    second.setPageSize("A3", QgsLayoutItemPage.Portrait)
    layout.pageCollection().addPage(second)
    mm = QgsUnitTypes.LayoutMillimeters

    on_first = label_item(layout, "ชุมชน", 8.0, 12.5, 100.0, 10.0, 15, bold=True)
    assert on_first.positionWithUnits() == QgsLayoutPoint(8.0, 12.5, mm)
    assert on_first.sizeWithUnits() == QgsLayoutSize(100.0, 10.0, mm)
    assert on_first.page() == 0

    on_second = label_item(layout, "หน้า 2", 10.0, 20.0, 40.0, 6.0, 7, page=1)
    assert on_second.page() == 1
    assert on_second.pagePos() == QgsLayoutPoint(10.0, 20.0, mm).toQPointF()
    assert on_second.sizeWithUnits() == QgsLayoutSize(40.0, 6.0, mm)
