"""kr8310:validate on a demo database with planted defects, and the checks of core.quality.checks on records."""

from __future__ import annotations

from collections import defaultdict

from qgis.core import QgsGeometry, QgsVectorLayer

from kr8310_plugin.core.quality.checks import CommunityRecord, HouseholdRecord, MemberRecord, validate
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.datasource import open_layer


def _layer_params(path):
    return {
        "COMMUNITIES": f"{path}|layername=communities",
        "HOUSEHOLDS": f"{path}|layername=households",
        "MEMBERS": f"{path}|layername=members",
    }


def _issues(result) -> dict[str, list[dict]]:
    layer = result["OUTPUT"]
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "issues", "ogr")
    by_code = defaultdict(list)
    for feature in layer.getFeatures():
        item = {name: feature[name] for name in feature.fields().names()}
        item["geometry"] = feature.geometry()
        by_code[feature["code"]].append(item)
    return by_code


def _plant_defects(path) -> dict[str, object]:
    """Break a demo copy in known ways; returns the ids involved."""
    connection = gpkg.connect(path)
    with connection:
        rows = connection.execute(
            "SELECT household_id, community_id, house_no FROM households WHERE community_id = '1001-003' "
            "ORDER BY household_id LIMIT 6"
        ).fetchall()
        outside, moved, twin_a, twin_b, lonely, miscounted = (r[0] for r in rows)
        # 60 km east of Phra Nakhon: in no community of the one-district demo.
        connection.execute(
            "UPDATE households SET geom = ? WHERE household_id = ?",
            (gpkg.encode_point(720000, 1520000, 32647), outside),
        )
        connection.execute("UPDATE households SET community_id = '1001-004' WHERE household_id = ?", (moved,))
        # Twins as a database made before it kept house numbers unique by key (core/storage/row_versions.py).
        connection.execute('DROP TRIGGER "households_house_number_key_update"')
        connection.execute("UPDATE households SET house_no = '12/7' WHERE household_id = ?", (twin_a,))
        connection.execute("UPDATE households SET house_no = '๑๒/๗ ' WHERE household_id = ?", (twin_b,))
        connection.execute("DELETE FROM members WHERE household_id = ?", (lonely,))
        connection.execute("UPDATE households SET member_count = 9 WHERE household_id = ?", (miscounted,))
        bowtie = QgsGeometry.fromWkt(
            "MultiPolygon(((661000 1520000, 661100 1520100, 661100 1520000, 661000 1520100, 661000 1520000)))"
        )
        connection.execute(
            "UPDATE communities SET geom = ? WHERE community_id = '1001-010'", (gpkg.encode_geometry(bowtie, 32647),)
        )
        neighbour = connection.execute("SELECT geom FROM communities WHERE community_id = '1001-012'").fetchone()[0]
        grown = gpkg.decode_geometry(neighbour).buffer(50, 4)
        grown.convertToMultiType()
        connection.execute(
            "UPDATE communities SET geom = ? WHERE community_id = '1001-012'", (gpkg.encode_geometry(grown, 32647),)
        )
    connection.close()
    return {
        "outside": outside,
        "moved": moved,
        "twins": {twin_a, twin_b},
        "lonely": lonely,
        "miscounted": miscounted,
    }


def test_validate_finds_planted_defects(run_algorithm, demo_copy):
    planted = _plant_defects(demo_copy)
    params = _layer_params(demo_copy)
    params["TARGETS"] = f"{demo_copy}|layername=districts"
    params["OUTPUT"] = "TEMPORARY_OUTPUT"
    result = run_algorithm("validate", params)
    issues = _issues(result)
    assert result["ERRORS"] > 0 and result["WARNINGS"] > 0

    outside = issues["household_outside"]
    assert planted["outside"] in {i["feature_id"] for i in outside}
    # Besides it, only households of 1001-010, whose polygon became a small bow tie, are outside.
    assert {i["community_id"] for i in outside if i["feature_id"] != planted["outside"]} == {"1001-010"}
    mismatch = {i["feature_id"]: i for i in issues["community_mismatch"]}
    assert planted["moved"] in mismatch and "1001-003" in mismatch[planted["moved"]]["message"]
    assert {i["feature_id"] for i in issues["duplicate_house_no"]} == planted["twins"]
    assert planted["lonely"] in {i["feature_id"] for i in issues["no_members"]}
    assert planted["miscounted"] in {i["feature_id"] for i in issues["member_count_mismatch"]}
    invalid = issues["invalid_polygon"]
    assert [i["feature_id"] for i in invalid] == ["1001-010"]
    # Shown where GEOS found the self-intersection: the bow tie's crossing point.
    assert invalid[0]["geometry"].asPoint().distance(QgsGeometry.fromWkt("Point(661050 1520050)").asPoint()) < 1
    overlapping = {i["message"] for i in issues["overlapping_communities"]}
    assert any("1001-012" in m for m in overlapping)
    # The demo's first community in each district is entered over its register.
    assert "1001-001" in {i["feature_id"] for i in issues["over_register"]}
    districts = {i["feature_id"] for i in issues["district_target"]}
    assert "1001" not in districts  # the demo matches the official targets exactly
    assert "1002" in districts  # a district with no communities in a one-district demo
    # Every issue but an orphan member sits on the map.
    assert all(
        not i["geometry"].isNull()
        for code, items in issues.items()
        for i in items
        if code != "member_without_household"
    )
    # House numbers never appear in messages.
    messages = " ".join(i["message"] for items in issues.values() for i in items)
    assert "12/7" not in messages and "๑๒/๗" not in messages


def test_validate_clean_database_has_no_location_errors(run_algorithm, small_demo_gpkg):
    params = _layer_params(small_demo_gpkg)
    params["OUTPUT"] = "TEMPORARY_OUTPUT"
    issues = _issues(run_algorithm("validate", params))
    for code in ("household_outside", "community_mismatch", "unknown_community", "invalid_polygon"):
        assert not issues[code], code
    assert not issues["overlapping_communities"]  # the demo tiles its district exactly


def test_member_checks_do_not_leak_personal_values(qgis_app):
    square = QgsGeometry.fromWkt("MultiPolygon(((0 0, 100 0, 100 100, 0 100, 0 0)))")
    communities = [CommunityRecord("C1", 1001, 1, square)]
    point = QgsGeometry.fromWkt("Point(50 50)")
    households = [
        HouseholdRecord("H1", "C1", "1", 2, 10, "row_house", point),
        HouseholdRecord("H2", "C1", "2", 0, 130, "palace", point),
    ]
    members = [
        MemberRecord("M1", "H1", 131, "primary", "student", "visual", 0),
        MemberRecord("M2", "H1", 40, "nonsense", "student", "hearing-ish", 7),
        MemberRecord("M3", "H9", 30, "primary", "student", "none", 0),
    ]
    issues = validate(communities, households, members)
    by_code = defaultdict(set)
    for issue in issues:
        by_code[issue.code].add((issue.feature_id, issue.message.rsplit(":", 1)[-1].split(" is ")[0].strip()))
    assert by_code["member_value_out_of_range"] == {
        ("M1", "age"),
        ("M2", "education"),
        ("M2", "disability"),
        ("M2", "bedridden"),
    }
    assert by_code["household_value_out_of_range"] == {
        ("H2", "residence_years"),
        ("H2", "member_count"),
        ("H2", "building_type"),
    }
    assert {i.feature_id for i in issues if i.code == "member_without_household"} == {"M3"}
    assert {i.feature_id for i in issues if i.code == "over_register"} == {"C1"}
    text = " ".join(i.message for i in issues)
    for personal in ("131", "130", "visual", "hearing-ish", "palace", "nonsense"):
        assert personal not in text
    assert issues[0].severity == "error"  # errors first


def test_validate_refuses_layers_without_the_schema_fields(run_algorithm, demo_copy):
    import pytest
    from qgis.core import QgsProcessingException

    params = _layer_params(demo_copy)
    params["HOUSEHOLDS"] = QgsVectorLayer("Point?crs=EPSG:32647&field=id:integer", "wrong", "memory")
    params["OUTPUT"] = "TEMPORARY_OUTPUT"
    with pytest.raises(QgsProcessingException, match="household_id"):
        run_algorithm("validate", params)
    assert open_layer(str(demo_copy), "households").featureCount() > 0


def test_member_count_range_and_overlaps_follow_the_schema_and_the_one_locator(qgis_app):
    """member_count is checked against its FieldSpec (1–99); a point in two communities is located
    in both, and a household recorded in neither is told both."""
    left = QgsGeometry.fromWkt("MultiPolygon(((0 0, 60 0, 60 100, 0 100, 0 0)))")
    right = QgsGeometry.fromWkt("MultiPolygon(((40 0, 100 0, 100 100, 40 100, 40 0)))")
    far = QgsGeometry.fromWkt("MultiPolygon(((200 0, 300 0, 300 100, 200 100, 200 0)))")
    communities = [
        CommunityRecord("C1", 1001, 10, left),
        CommunityRecord("C2", 1001, 10, right),
        CommunityRecord("C3", 1001, 10, far),
    ]
    overlap = QgsGeometry.fromWkt("Point(50 50)")
    households = [
        HouseholdRecord("H1", "C2", "1", 99, 1, "row_house", overlap),
        HouseholdRecord("H2", "C3", "2", 100, 1, "row_house", overlap),
    ]
    members = [MemberRecord(f"M{n}", "H1", 30, "primary", "student", "none", 0) for n in range(99)]
    issues = validate(
        communities, households, [*members, MemberRecord("N1", "H2", 30, "primary", "student", "none", 0)]
    )
    out_of_range = {(i.feature_id, i.message) for i in issues if i.code == "household_value_out_of_range"}
    assert out_of_range == {("H2", "Household H2: member_count is outside the allowed values.")}
    (mismatch,) = [i for i in issues if i.code == "community_mismatch"]
    assert mismatch.feature_id == "H2" and "lies in C1, C2" in mismatch.message
