"""Quality checks with communities known only by a point: listed as information (not an error), their
households found by distance (not "outside every community"), and a household in two communities or as
near to two point communities reported, never decided."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from kr8310_plugin.core.quality.checks import (
    ERROR,
    INFO,
    WARNING,
    CommunityRecord,
    HouseholdRecord,
    check_communities,
    check_households,
)
from kr8310_plugin.core.quality.layers import check_layers

SQUARE_A = "POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))"
SQUARE_B = "POLYGON((90 0, 200 0, 200 100, 90 100, 90 0))"  # overlaps A for x 90-100
P1, P2 = QgsPointXY(500, 50), QgsPointXY(700, 50)


def records() -> list[CommunityRecord]:
    return [
        CommunityRecord("A", 1001, 10, QgsGeometry.fromWkt(SQUARE_A), QgsPointXY(50, 50)),
        CommunityRecord("B", 1001, 10, QgsGeometry.fromWkt(SQUARE_B), QgsPointXY(150, 50)),
        CommunityRecord("P1", 1001, 10, QgsGeometry(), P1),
        CommunityRecord("P2", 1001, 10, QgsGeometry(), P2),
        CommunityRecord("X", 1001, 10, QgsGeometry(), None),  # neither polygon nor point
    ]


def household(household_id: str, community_id: str, x: float, y: float) -> HouseholdRecord:
    return HouseholdRecord(household_id, community_id, household_id, 1, 1, "detached_house", point(x, y))


def point(x: float, y: float) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(x, y))


def codes(issues) -> list[tuple[str, str, str]]:
    return sorted((i.severity, i.code, i.feature_id) for i in issues)


def test_a_community_without_a_boundary_is_information_and_one_without_a_point_an_error():
    issues = check_communities(records())
    found = codes(issues)
    assert (INFO, "community_no_boundary", "P1") in found and (INFO, "community_no_boundary", "P2") in found
    assert (ERROR, "invalid_polygon", "X") in found
    assert (ERROR, "overlapping_communities", "A") in found
    info = next(i for i in issues if i.feature_id == "P1")
    assert info.geometry.asPoint() == P1 and "300 m" in info.message


def test_households_of_point_communities_and_ties():
    households = [
        household("h-near", "P1", 520, 50),  # 20 m from P1: fine
        household("h-far", "P1", 500, 400),  # 350 m: outside every community
        household("h-overlap", "A", 95, 50),  # in A and B
        household("h-between", "P1", 600, 50),  # 100 m from both points: a tie
        household("h-wrong", "A", 690, 50),  # lies by P2, recorded in A
    ]
    issues = check_households(records(), households, [])
    found = {(i.feature_id, i.code): i for i in issues if i.code not in ("no_members",)}
    assert set(found) == {
        ("h-far", "household_outside"),
        ("h-overlap", "household_in_several_communities"),
        ("h-between", "household_in_several_communities"),
        ("h-wrong", "community_mismatch"),
    }
    assert found[("h-overlap", "household_in_several_communities")].severity == WARNING
    assert "more than one community (A, B)" in found[("h-overlap", "household_in_several_communities")].message
    assert "P1 (100 m), P2 (100 m)" in found[("h-between", "household_in_several_communities")].message
    assert "lies in P2" in found[("h-wrong", "community_mismatch")].message


def test_the_layers_give_the_checks_each_community_location():
    communities = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:32647&field=community_id:string&field=district_code:integer"
        "&field=registered_households:integer&field=location_x:double&field=location_y:double",
        "communities",
        "memory",
    )
    feature = QgsFeature(communities.fields())
    feature.setAttributes(["P1", 1001, 10, P1.x(), P1.y()])
    communities.dataProvider().addFeatures([feature])
    households = QgsVectorLayer(
        "Point?crs=EPSG:32647&field=household_id:string&field=community_id:string&field=house_no:string"
        "&field=member_count:integer&field=residence_years:integer&field=building_type:string",
        "households",
        "memory",
    )
    house = QgsFeature(households.fields())
    house.setAttributes(["h1", "P1", "1", 1, 1, "detached_house"])
    house.setGeometry(point(510, 60))
    households.dataProvider().addFeatures([house])
    members = QgsVectorLayer("None?field=member_id:string&field=household_id:string", "members", "memory")
    issues = check_layers(communities, households, members)
    assert [(i.severity, i.code, i.feature_id) for i in issues] == [  # sorted: warnings before information
        (WARNING, "no_members", "h1"),
        (INFO, "community_no_boundary", "P1"),
    ]
