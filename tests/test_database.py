import sqlite3

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.gpkg_database import DatabaseError, build_database
from kr8310_plugin.definitions.schema import LAYER_SPECS

QGIS_TYPE_NAMES = {"text": "String", "integer": "Integer", "real": "Real", "datetime": "DateTime", "boolean": "Boolean"}


def _square(x, y, size=100):
    return QgsGeometry.fromWkt(
        f"MultiPolygon((({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y})))"
    )


def test_createdatabase_builds_the_contract_schema(run_algorithm, tmp_path):
    path = tmp_path / "community.gpkg"
    result = run_algorithm("createdatabase", {"OUTPUT": str(path)})
    assert result["OUTPUT"] == str(path)
    layers = open_database_layers(str(path))
    assert set(layers) == {"communities", "households", "members", "districts"}
    for spec in LAYER_SPECS:
        layer = layers[spec.name]
        fields = layer.fields()
        for field_spec in spec.fields:
            index = fields.indexOf(field_spec.name)
            assert index >= 0, f"{spec.name}.{field_spec.name} missing"
            type_name = fields.at(index).typeName()
            assert QGIS_TYPE_NAMES[field_spec.kind].lower() in type_name.lower() or (
                field_spec.kind == "boolean" and layer.fields().at(index).type() == 1
            ), (spec.name, type_name)
        if spec.geometry:
            assert layer.crs().authid() == "EPSG:32647"
            assert layer.hasSpatialIndex() == 2  # QgsFeatureSource.SpatialIndexPresent
        expected_type = {
            "MULTIPOLYGON": QgsWkbTypes.MultiPolygon,
            "POINT": QgsWkbTypes.Point,
            None: QgsWkbTypes.NoGeometry,
        }[spec.geometry]
        assert layer.wkbType() == expected_type
    assert layers["districts"].featureCount() == 50
    districts = {f["district_code"]: f for f in layers["districts"].getFeatures()}
    assert districts[1003]["name_th"] == "หนองจอก"
    assert districts[1003]["target_small_households"] == 8232
    assert districts[1003]["group_en"] == "East Bangkok"


def test_createdatabase_refuses_to_overwrite_and_keeps_the_file(run_algorithm, tmp_path):
    path = tmp_path / "community.gpkg"
    path.write_bytes(b"precious")
    with pytest.raises(QgsProcessingException, match="already exists"):
        run_algorithm("createdatabase", {"OUTPUT": str(path)})
    assert path.read_bytes() == b"precious"
    run_algorithm("createdatabase", {"OUTPUT": str(path), "OVERWRITE": True})
    assert open_database_layers(str(path))["districts"].featureCount() == 50


def test_failed_build_leaves_nothing_behind(tmp_path, qgis_app):
    path = tmp_path / "community.gpkg"
    path.write_bytes(b"old")

    def explode(connection, districts):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_database(path, overwrite=True, populate=explode)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["community.gpkg"]
    with pytest.raises(DatabaseError, match=".gpkg"):
        build_database(tmp_path / "community.sqlite")


def test_database_rules_hold_for_edits_through_qgis(tmp_path, qgis_app):
    path = build_database(tmp_path / "community.gpkg")
    layers = open_database_layers(str(path))
    communities, households, members = layers["communities"], layers["households"], layers["members"]

    communities.startEditing()
    feature = QgsFeature(communities.fields())
    feature.setAttributes([None] * communities.fields().count())
    feature["community_id"], feature["district_code"], feature["registered_households"] = "1001-001", 1001, 350
    feature["size_class"] = "S"  # wrong on purpose: the database derives it
    feature.setGeometry(_square(661000, 1520000))
    assert communities.addFeature(feature)
    assert communities.commitChanges(), communities.commitErrors()
    stored = next(QgsVectorLayer(f"{path}|layername=communities", "c", "ogr").getFeatures())
    assert stored["size_class"] == "M"

    households.startEditing()
    household = QgsFeature(households.fields())
    household["household_id"], household["community_id"], household["house_no"] = "h-1", "1001-001", "12/3"
    household.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(661050, 1520050)))
    assert households.addFeature(household)
    assert households.commitChanges(), households.commitErrors()

    members.startEditing()
    for member_id, age in (("m-1", 40), ("m-2", 9)):
        member = QgsFeature(members.fields())
        member["member_id"], member["household_id"], member["age"] = member_id, "h-1", age
        assert members.addFeature(member)
    assert members.commitChanges(), members.commitErrors()

    # A bad age is refused by the database and nothing of that commit is written.
    members.startEditing()
    member = QgsFeature(members.fields())
    member["member_id"], member["household_id"], member["age"] = "m-3", "h-1", 150
    members.addFeature(member)
    assert not members.commitChanges()
    assert "age" in " ".join(members.commitErrors())
    members.rollBack()
    assert members.featureCount() == 2

    # Deleting a household deletes its members.
    households.startEditing()
    households.deleteFeature(next(households.getFeatures()).id())
    assert households.commitChanges()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 0
