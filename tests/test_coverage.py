"""The coverage engine against an independent pandas/geopandas computation on awkward data."""

from __future__ import annotations

import uuid

import geopandas as gpd
import pandas as pd
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from kr8310_plugin.core.coverage import engine as coverage
from kr8310_plugin.core.coverage.engine import CompletenessRule, compute_coverage, refresh_communities, write_coverage
from kr8310_plugin.core.coverage.kr_summary import districts_from_layer, kr_summary
from kr8310_plugin.core.storage import gpkg
from kr8310_plugin.core.storage.datasource import open_database_layers

HOUSEHOLD_FIELDS = ["house_no", "building_type", "residence_years", "member_count"]
MEMBER_FIELDS = ["age", "education", "occupation", "disability", "bedridden"]
MEMBER_COLUMNS = "member_id, household_id, age, education, occupation, disability, bedridden"


def _add_household(connection, community_id, point, member_count, member_rows, **overrides):
    household_id = overrides.pop("household_id", str(uuid.uuid4()))
    values = {
        "household_id": household_id,
        "community_id": community_id,
        "house_no": f"t-{household_id[:8]}",
        "building_type": "row_house",
        "residence_years": 4,
        "member_count": member_count,
    }
    values.update(overrides)
    geometry = gpkg.encode_point(*point, 32647) if point else None
    connection.execute(
        "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years,"
        " member_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (geometry, *values.values()),
    )
    for index in range(member_rows):
        connection.execute(
            f"INSERT INTO members ({MEMBER_COLUMNS}) VALUES (?, ?, 30, 'primary', 'trade', 'none', 0)",
            (f"{household_id}-m{index}", household_id),
        )
    return household_id


@pytest.fixture()
def awkward_gpkg(demo_copy):
    """The one-district demo plus every case the issue lists."""
    connection = gpkg.connect(demo_copy)
    with connection:
        ((community_id, blob),) = connection.execute(
            "SELECT community_id, geom FROM communities WHERE community_id = '1001-004'"
        ).fetchall()
        centre = gpkg.decode_geometry(blob).pointOnSurface().asPoint()
        point = (centre.x(), centre.y())
        _add_household(connection, community_id, point, 3, 1)  # members missing
        _add_household(connection, community_id, point, 1, 2)  # more member rows than member count
        _add_household(connection, community_id, None, 2, 2)  # no geometry
        _add_household(connection, "9999-999", point, 2, 2)  # unknown community
        _add_household(connection, None, point, 2, 2)  # no community
        _add_household(connection, "  ", point, 2, 2)  # blank community
        _add_household(connection, community_id, point, 2, 2, house_no="   ")  # blank house number
        hid = _add_household(connection, community_id, point, 2, 2, house_no="bedridden-null")
        connection.execute("UPDATE members SET bedridden = NULL WHERE member_id = ?", (f"{hid}-m0",))
        _add_household(connection, community_id, point, 2, 2, house_no="complete-extra")  # complete
        # A community with 0 registered households that still has a household, and one with Thai text only.
        connection.execute(
            "INSERT INTO communities (geom, community_id, name, district_code, registered_households, size_class)"
            " VALUES (?, 'ZERO-1', 'ชุมชนทดสอบศูนย์', 1001, 0, 'S')",
            (blob,),
        )
        _add_household(connection, "ZERO-1", point, 1, 1, house_no="z1")
    connection.close()
    return demo_copy


def independent_coverage(path) -> pd.DataFrame:
    """Entered and complete households per community, computed with geopandas/pandas only."""
    households = gpd.read_file(path, layer="households")
    members = pd.DataFrame(gpd.read_file(path, layer="members"))
    communities = pd.DataFrame(gpd.read_file(path, layer="communities")).drop(columns="geometry")

    def filled(series):
        return series.notna() & (series.astype(str).str.strip() != "")

    members["ok"] = pd.concat([filled(members[c]) for c in MEMBER_FIELDS], axis=1).all(axis=1)
    stats = members.groupby("household_id").agg(rows=("ok", "size"), complete_rows=("ok", "sum"))
    households = households.merge(stats, left_on="household_id", right_index=True, how="left")
    households[["rows", "complete_rows"]] = households[["rows", "complete_rows"]].fillna(0)
    has_geometry = households.geometry.notna() & ~households.geometry.is_empty
    fields_ok = pd.concat([filled(households[c]) for c in HOUSEHOLD_FIELDS], axis=1).all(axis=1)
    count = pd.to_numeric(households["member_count"])
    households["complete"] = (
        has_geometry
        & fields_ok
        & (count >= 1)
        & (households["rows"] == count)
        & (households["complete_rows"] == households["rows"])
    )
    per_community = households.groupby("community_id").agg(entered=("complete", "size"), complete=("complete", "sum"))
    result = communities.set_index("community_id")[["registered_households", "district_code"]].join(per_community)
    return result.fillna({"entered": 0, "complete": 0}).astype({"entered": int, "complete": int})


def _generic_layers(path):
    """The same tables through QGIS feature iteration (a subset string defeats the SQL path)."""
    layers = {}
    for name in ("communities", "households", "members"):
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        layer.setSubsetString("fid > 0")
        layers[name] = layer
    return layers


def test_engine_matches_independent_computation(awkward_gpkg):
    expected = independent_coverage(awkward_gpkg)
    layers = open_database_layers(str(awkward_gpkg))
    sql_result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    generic = _generic_layers(awkward_gpkg)
    generic_result = compute_coverage(generic["communities"], generic["households"], generic["members"])
    for result in (sql_result, generic_result):
        assert set(result.communities) == set(expected.index)
        for community_id, row in expected.iterrows():
            got = result.communities[community_id]
            assert (got.households_entered, got.households_complete) == (row.entered, row.complete), community_id
        assert sorted(u.reason for u in result.unassigned) == [
            "missing_community_id",
            "missing_community_id",
            "unknown_community_id",
        ]
    # The awkward community: of its 10 added households only the last is complete.
    base = independent_coverage(layers["communities"].source().split("|")[0])
    assert base.loc["1001-004", "complete"] >= 1
    zero = sql_result.communities["ZERO-1"]
    assert (zero.coverage_pct, zero.coverage_flag, zero.households_complete) == (None, "zero_registered", 1)


def test_flags_and_percentages(awkward_gpkg):
    layers = open_database_layers(str(awkward_gpkg))
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    flags = {c.coverage_flag for c in result.communities.values()}
    assert {"ok", "over_register", "no_data", "zero_registered"} <= flags
    for community in result.communities.values():
        if community.registered_households:
            assert community.coverage_pct == pytest.approx(
                100 * community.households_complete / community.registered_households
            )
        if community.coverage_flag == "over_register":
            assert community.coverage_pct > 100  # kept, never clipped


def test_kr_percentage_caps_each_community_and_skips_l(awkward_gpkg):
    expected = independent_coverage(awkward_gpkg)
    sm = expected[expected.registered_households.between(0, 500)]
    capped = sm[["complete", "registered_households"]].min(axis=1).sum()
    layers = open_database_layers(str(awkward_gpkg))
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    rows = kr_summary(result, districts_from_layer(layers["districts"]))
    assert len(rows) == 1 + 6 + 50 + 3
    city = rows[0]
    assert city.level == "city"
    assert city.complete_households == capped
    assert city.registered_households == sm.registered_households.sum()
    assert city.kr_pct == pytest.approx(100 * capped / sm.registered_households.sum())
    large = expected[expected.registered_households > 500]
    assert city.l_communities == len(large)
    assert city.l_complete_households == large[["complete", "registered_households"]].min(axis=1).sum()
    district = next(r for r in rows if r.level == "district" and r.code == "1001")
    # The demo has the official S/M counts; the extra zero-registered community is one S too many.
    assert (district.diff_s_communities, district.diff_m_communities, district.diff_households) == (1, 0, 0)
    other = next(r for r in rows if r.level == "district" and r.code == "1002")
    assert other.s_communities == 0 and other.diff_s_communities == -28 and other.kr_pct is None
    central = next(r for r in rows if r.level == "district_group" and r.code == "central")
    assert central.kr_pct == pytest.approx(district.kr_pct)


def test_custom_completeness_rules_change_the_count(awkward_gpkg):
    layers = open_database_layers(str(awkward_gpkg))
    strict = compute_coverage(layers["communities"], layers["households"], layers["members"])
    lenient = compute_coverage(
        layers["communities"], layers["households"], layers["members"], CompletenessRule(("member_count",), ("age",))
    )
    assert lenient.households_complete_total > strict.households_complete_total
    with pytest.raises(coverage.CoverageError, match="no_such_field"):
        compute_coverage(
            layers["communities"],
            layers["households"],
            layers["members"],
            CompletenessRule(("no_such_field",), ("age",)),
        )


def test_the_rule_stored_in_the_database_is_the_default(awkward_gpkg):
    from kr8310_plugin.core.storage import rule_store

    layers = open_database_layers(str(awkward_gpkg))
    strict = compute_coverage(layers["communities"], layers["households"], layers["members"])
    rule_store.write_rule(str(awkward_gpkg), ("member_count",), ("age",))
    stored = compute_coverage(layers["communities"], layers["households"], layers["members"])
    lenient = compute_coverage(
        layers["communities"], layers["households"], layers["members"], CompletenessRule(("member_count",), ("age",))
    )
    assert stored.households_complete_total == lenient.households_complete_total > strict.households_complete_total


def _three_field_communities(source_layer: QgsVectorLayer) -> QgsVectorLayer:
    """A memory layer of the communities with only community_id, district_code and registered_households,
    in another CRS."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    layer = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:4326&field=community_id:string&field=district_code:integer"
        "&field=registered_households:integer",
        "three_fields",
        "memory",
    )
    transform = QgsCoordinateTransform(
        source_layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    features = []
    for source in source_layer.getFeatures():
        feature = QgsFeature(layer.fields())
        geometry = QgsGeometry(source.geometry())
        geometry.transform(transform)
        feature.setGeometry(geometry)
        feature.setAttributes([source["community_id"], source["district_code"], source["registered_households"]])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def test_coverage_and_kr_summary_take_communities_with_three_fields(run_algorithm, demo_copy):
    database = str(demo_copy)
    communities = _three_field_communities(QgsVectorLayer(f"{database}|layername=communities", "c", "ogr"))
    parameters = {
        "COMMUNITIES": communities,
        "HOUSEHOLDS": f"{database}|layername=households",
        "MEMBERS": f"{database}|layername=members",
    }
    layers = open_database_layers(database)
    expected = compute_coverage(layers["communities"], layers["households"], layers["members"])
    result = run_algorithm("coverage", {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"})
    output = result["OUTPUT"]
    assert output.fields().names() == [
        "community_id",
        "district_code",
        "registered_households",
        *coverage.COVERAGE_FIELDS,
    ]
    assert result["HOUSEHOLDS_COMPLETE"] == expected.households_complete_total
    by_id = {f["community_id"]: f for f in output.getFeatures()}
    for community_id, community in expected.communities.items():
        assert by_id[community_id]["households_complete"] == community.households_complete
        assert by_id[community_id]["coverage_flag"] == community.coverage_flag
    with pytest.raises(Exception, match="households_entered"):  # nothing to write into: a message, no traceback
        run_algorithm("coverage", {**parameters, "WRITE_BACK": True, "OUTPUT": "TEMPORARY_OUTPUT"})
    summary = run_algorithm("krsummary", {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert summary["CITY_KR_PCT"] == pytest.approx(kr_summary(expected)[0].kr_pct)
    checked = run_algorithm("validate", {**parameters, "OUTPUT": "TEMPORARY_OUTPUT"})
    from_database = run_algorithm(
        "validate", {**{k: f"{database}|layername={k.lower()}" for k in parameters}, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert checked["OUTPUT"].featureCount() == from_database["OUTPUT"].featureCount()


def test_live_refresh_of_one_community_after_an_edit(demo_copy):
    layers = open_database_layers(str(demo_copy))
    communities, households, members = layers["communities"], layers["households"], layers["members"]
    full = compute_coverage(communities, households, members)
    assert write_coverage(communities, full) == 0  # the database keeps them current itself
    target = next(c for c in full.communities.values() if c.coverage_flag == "no_data")
    polygon = next(f for f in communities.getFeatures() if f["community_id"] == target.community_id).geometry()
    households.startEditing()
    household = QgsFeature(households.fields())
    household_id = str(uuid.uuid4())
    for name, value in (
        ("household_id", household_id),
        ("community_id", target.community_id),
        ("house_no", "1/1"),
        ("building_type", "detached_house"),
        ("residence_years", 3),
        ("member_count", 1),
    ):
        household[name] = value
    household.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(polygon.pointOnSurface().asPoint())))
    households.addFeature(household)
    assert households.commitChanges(), households.commitErrors()
    members.startEditing()
    member = QgsFeature(members.fields())
    for name, value in (
        ("member_id", household_id + "-1"),
        ("household_id", household_id),
        ("age", 44),
        ("education", "primary"),
        ("occupation", "trade"),
        ("disability", "none"),
        ("bedridden", False),
    ):
        member[name] = value
    members.addFeature(member)
    assert members.commitChanges(), members.commitErrors()

    refreshed = refresh_communities(communities, households, members, [target.community_id])
    assert list(refreshed.communities) == [target.community_id]
    again = compute_coverage(communities, households, members)
    assert refreshed.communities[target.community_id] == again.communities[target.community_id]
    assert again.communities[target.community_id].households_complete == 1
    stored = next(
        f
        for f in QgsVectorLayer(communities.source(), "c", "ogr").getFeatures()
        if f["community_id"] == target.community_id
    )
    assert (stored["households_entered"], stored["households_complete"], stored["coverage_flag"]) == (1, 1, "ok")
    assert stored["coverage_pct"] == pytest.approx(100 / target.registered_households)


def test_write_coverage_uses_the_edit_buffer_when_editing(demo_copy):
    layers = open_database_layers(str(demo_copy))
    communities = layers["communities"]
    stored = {f.id(): f["households_complete"] for f in communities.getFeatures()}
    # Another rule than the stored one: numbers the database does not hold.
    result = compute_coverage(communities, layers["households"], layers["members"], CompletenessRule(("house_no",), ()))
    communities.startEditing()
    write_coverage(communities, result)
    assert communities.undoStack().count() == 1
    assert {f.id(): f["households_complete"] for f in communities.getFeatures()} != stored
    communities.undoStack().undo()
    assert {f.id(): f["households_complete"] for f in communities.getFeatures()} == stored
    communities.rollBack()


def test_processing_algorithms(run_algorithm, awkward_gpkg, tmp_path):
    def layer(name):
        return f"{awkward_gpkg}|layername={name}"

    result = run_algorithm(
        "coverage",
        {
            "COMMUNITIES": layer("communities"),
            "HOUSEHOLDS": layer("households"),
            "MEMBERS": layer("members"),
            "OUTPUT": str(tmp_path / "coverage.gpkg"),
        },
    )
    assert result["UNASSIGNED"] == 3
    output = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert output.featureCount() == 21
    expected = independent_coverage(awkward_gpkg)
    for feature in output.getFeatures():
        assert feature["households_complete"] == expected.loc[feature["community_id"], "complete"]

    summary = run_algorithm(
        "krsummary",
        {
            "COMMUNITIES": layer("communities"),
            "HOUSEHOLDS": layer("households"),
            "MEMBERS": layer("members"),
            "DISTRICTS": layer("districts"),
            "OUTPUT": str(tmp_path / "summary.csv"),
        },
    )
    table = pd.read_csv(summary["OUTPUT"])
    assert len(table) == 60
    assert list(table.level.unique()) == ["city", "district_group", "district", "size_class"]
    assert summary["CITY_KR_PCT"] == pytest.approx(table.loc[0, "kr_pct"])
    personal = {"house_no", "age", "education", "occupation", "disability", "bedridden", "household_id"}
    assert not personal & set(table.columns)

    run_algorithm(
        "coverage",
        {
            "COMMUNITIES": layer("communities"),
            "HOUSEHOLDS": layer("households"),
            "MEMBERS": layer("members"),
            "WRITE_BACK": True,
            "OUTPUT": None,
        },
    )
    stored = {
        f["community_id"]: f["households_complete"]
        for f in QgsVectorLayer(layer("communities"), "c", "ogr").getFeatures()
    }
    assert stored == expected["complete"].to_dict()
