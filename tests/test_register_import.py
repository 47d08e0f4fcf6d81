"""kr8310:importcommunities on register files made here (synthetic names, no real people): a cp874 CSV
with Thai headers, duplicates, Thai digits, points only and rows without a location; a GeoJSON of
polygons; wrong district names. Point communities count in coverage at once; re-import changes
nothing; updates are matched and reported; the discrepancy report equals a computation by hand."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
import uuid

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
)

from kr8310_plugin.core.coverage.engine import refresh_database
from kr8310_plugin.core.coverage.kr_summary import kr_summary
from kr8310_plugin.core.importing.importer import ImportRefusedError
from kr8310_plugin.core.importing.readers import read_table
from kr8310_plugin.core.importing.register import (
    import_register,
    normalise_community_name,
    parse_register_mapping,
)
from kr8310_plugin.core.importing.register_report import register_discrepancies
from kr8310_plugin.core.registry.districts import load_registry, load_targets
from kr8310_plugin.core.storage import gpkg

HEADER = ["ชื่อชุมชน", "เขต", "ประเภทชุมชน", "จำนวนหลังคาเรือน", "ประชากร", "ละติจูด", "ลองจิจูด"]


@pytest.fixture(scope="module")
def inside():
    return points_inside_districts()


def points_inside_districts() -> dict[int, tuple[float, float]]:
    """A WGS 84 point (lon, lat) inside each district, from the shipped boundaries."""
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateTransformContext(),
    )
    points = {}
    for district in load_registry():
        point = transform.transform(district.geometry.pointOnSurface().asPoint())
        points[district.code] = (round(point.x(), 6), round(point.y(), 6))
    return points


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory, kr8310_provider):
    from kr8310_plugin.core.storage.gpkg_database import build_database

    return build_database(tmp_path_factory.mktemp("register") / "empty.gpkg")


@pytest.fixture()
def database(empty_database, tmp_path):
    path = tmp_path / "communities.gpkg"
    shutil.copy(empty_database, path)
    return str(path)


def register_rows(inside, households_first="๑๒๐"):
    lon1, lat1 = inside[1001]
    lon2, lat2 = inside[1002]
    return [
        ["ชุมชนวัดสระเกศ ๑", "เขตพระนคร", "ชุมชนแออัด", households_first, "400", lat1, lon1],
        ["วัดสระเกศ  ๑", "พระนคร", "ชุมชนเมือง", "250", "", lat1, lon1],  # same normalised name
        ["ชุมชนบ้านบาตร", "Dusit", "urban", "90", "", lat1, lon1],  # names Dusit, lies in Phra Nakhon
        ["ชุมชนไม่มีพิกัด", "1002", "ชุมชนชานเมือง", "80", "", "", ""],  # no location at all
        ["ชุมชนหลังวัง", "", "ชุมชนอาคารสูง", "600", "", lat2, lon2],  # district from the location
    ]


def write_csv(path, rows, header=HEADER, encoding="cp874"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def communities(database):
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT community_id, name, district_code, community_type, registered_households, size_class, "
            "population, location_x IS NOT NULL, geom IS NOT NULL FROM communities ORDER BY community_id"
        ).fetchall()


def dump(database):
    with sqlite3.connect(database) as connection:
        return "\n".join(connection.iterdump())


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_normalised_names():
    assert normalise_community_name("ชุมชน วัด\u200bสระเกศ ๑") == normalise_community_name("วัดสระเกศ1")
    assert normalise_community_name("\u202bชุมชนบ้าน ๒\u202c") == "บ้าน2" == normalise_community_name("บ้าน ٢")
    assert normalise_community_name("ชุมชน") == "ชุมชน"  # a name that is only the prefix stays
    assert parse_register_mapping('{"name": "ชื่อ"}') == {"name": "ชื่อ"} == parse_register_mapping("name=ชื่อ")


def test_a_points_only_cp874_register_counts_in_coverage_at_once(database, inside, tmp_path):
    source = write_csv(tmp_path / "register.csv", register_rows(inside))
    table = read_table(source)
    assert table.encoding == "cp874"
    result = import_register(database, table)
    assert (result.inserted, result.updated, result.unchanged) == (5, 0, 0)
    rows = communities(database)
    assert [r[0] for r in rows] == ["1001-0001", "1001-0002", "1002-0001", "1002-0002", "1002-0003"]
    by_name = {r[1]: r for r in rows}
    assert by_name["ชุมชนวัดสระเกศ ๑"][2:7] == (1001, "crowded", 120, "S", 400)
    assert by_name["ชุมชนบ้านบาตร"][2] == 1002  # the column decides; the disagreement is reported
    assert by_name["ชุมชนหลังวัง"][2:6] == (1002, "high_rise", 600, "L")
    assert by_name["ชุมชนไม่มีพิกัด"][7:] == (0, 0)
    assert all(r[8] == 0 for r in rows)  # no polygons: points only
    codes = sorted((n.row, n.code) for n in result.notices)
    assert codes == [(3, "duplicate_name"), (4, "district_mismatch")]

    # A complete household in a point community: coverage and the KR roll-up at once.
    community_id = by_name["ชุมชนวัดสระเกศ ๑"][0]
    household_id = str(uuid.uuid4())
    connection = gpkg.connect(database)
    with connection:
        connection.execute(
            "INSERT INTO households (geom, household_id, community_id, house_no, building_type, residence_years, "
            "member_count) VALUES (?, ?, ?, '1', 'detached_house', 3, 1)",
            (gpkg.encode_point(662000.0, 1521000.0, 32647), household_id, community_id),
        )
        connection.execute(
            "INSERT INTO members (member_id, household_id, age, education, occupation, disability, bedridden) "
            "VALUES (?, ?, 40, 'primary', 'trade', 'none', 0)",
            (str(uuid.uuid4()), household_id),
        )
    connection.close()
    result = refresh_database(database)
    covered = result.communities[community_id]
    assert (covered.households_entered, covered.households_complete) == (1, 1)
    assert covered.coverage_pct == pytest.approx(100 / 120)
    phra_nakhon = next(row for row in kr_summary(result) if row.level == "district" and row.code == "1001")
    assert (phra_nakhon.s_communities, phra_nakhon.m_communities) == (1, 1)
    assert (phra_nakhon.registered_households, phra_nakhon.complete_households) == (370, 1)
    with sqlite3.connect(database) as connection:
        assert connection.execute(
            "SELECT households_complete FROM communities WHERE community_id = ?", (community_id,)
        ).fetchone() == (1,)


def test_reimport_is_idempotent_and_an_update_is_matched(database, inside, tmp_path):
    source = write_csv(tmp_path / "register.csv", register_rows(inside))
    import_register(database, read_table(source))
    before, before_bytes = dump(database), digest(database)
    again = import_register(database, read_table(source))
    assert (again.inserted, again.updated, again.unchanged, again.changes) == (0, 0, 5, [])
    assert dump(database) == before and digest(database) == before_bytes

    updated = register_rows(inside, households_first="130")
    updated[4][0] = "ชุมชน หลัง วัง"  # the same community, spelt with spaces
    updated.append(["ชุมชนใหม่", "เขตดุสิต", "", "50", "", "", ""])
    result = import_register(database, read_table(write_csv(tmp_path / "register_2.csv", updated)))
    assert (result.inserted, result.updated, result.unchanged) == (1, 2, 3)
    changes = {(c.community_id, c.field, c.old, c.new) for c in result.changes}
    assert changes == {
        ("1001-0001", "registered_households", 120, 130),
        ("1002-0003", "name", "ชุมชนหลังวัง", "ชุมชน หลัง วัง"),
    }
    assert result.inserted_ids == ["1002-0004"]
    assert len(communities(database)) == 6


def test_codes_are_never_reused(database, inside, tmp_path):
    import_register(database, read_table(write_csv(tmp_path / "r.csv", register_rows(inside)[:2])))
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM communities WHERE community_id = '1001-0002'")
    result = import_register(database, read_table(write_csv(tmp_path / "r2.csv", [register_rows(inside)[2]])))
    result = import_register(
        database, read_table(write_csv(tmp_path / "r3.csv", [["ชุมชนใหม่", "พระนคร", "", "10", "", "", ""]]))
    )
    assert result.inserted_ids == ["1001-0003"]  # 1001-0002 was given once


def test_a_wrong_district_rejects_the_file_and_writes_nothing(database, inside, tmp_path):
    rows = register_rows(inside)
    rows[1][1] = "เขตไม่มีจริง"
    rows[3][3] = "หลายหลัง"
    before = digest(database)
    with pytest.raises(ImportRefusedError) as refused:
        import_register(database, read_table(write_csv(tmp_path / "bad.csv", rows)))
    found = {(r.row, r.field, r.value, r.code) for r in refused.value.rejections}
    assert found == {(3, "เขต", "เขตไม่มีจริง", "unknown_district"), (5, "จำนวนหลังคาเรือน", "หลายหลัง", "not_integer")}
    assert all(r.reason_th and r.reason_en for r in refused.value.rejections)
    assert digest(database) == before


def test_a_geojson_of_polygons_with_codes(database, inside, tmp_path):
    features = []
    for index, (code, households) in enumerate((("DS-001", 150), ("DS-002", 320))):
        lon, lat = inside[1002]
        lon += index * 0.002
        ring = [[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "community_code": code,
                    "name": f"Polygon {index}",
                    "district": "เขตดุสิต",
                    "households": households,
                    "type": "ชุมชนเมือง",
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    path = tmp_path / "register.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    result = import_register(database, read_table(str(path)))
    assert result.inserted_ids == ["DS-001", "DS-002"]
    rows = communities(database)
    assert [(r[0], r[2], r[4], r[7], r[8]) for r in rows] == [("DS-001", 1002, 150, 1, 1), ("DS-002", 1002, 320, 1, 1)]
    before = digest(database)
    again = import_register(database, read_table(str(path)))
    assert (again.unchanged, again.changes) == (2, []) and digest(database) == before


def test_the_discrepancy_report_equals_a_computation_by_hand(database, inside, tmp_path):
    import_register(database, read_table(write_csv(tmp_path / "r.csv", register_rows(inside))))
    with sqlite3.connect(database) as connection:
        stored = connection.execute("SELECT district_code, registered_households FROM communities").fetchall()
    expected = []
    for district in load_targets():
        for cls, low, high, target_c, target_h in (
            ("S", 0, 200, district.target_small_communities, district.target_small_households),
            ("M", 201, 500, district.target_medium_communities, district.target_medium_households),
        ):
            mine = [h for d, h in stored if d == district.code and low <= h <= high]
            expected.append((district.code, cls, len(mine), len(mine) - target_c, sum(mine), sum(mine) - target_h))
    rows = register_discrepancies(database)
    assert [
        (r.district_code, r.size_class, r.communities, r.diff_communities, r.households, r.diff_households)
        for r in rows
    ] == expected


def test_the_algorithm_imports_and_writes_the_report(database, inside, tmp_path, run_algorithm):
    source = write_csv(tmp_path / "register.csv", register_rows(inside), encoding="utf-8-sig")
    report = tmp_path / "check.csv"
    result = run_algorithm("importcommunities", {"INPUT": source, "DATABASE": database, "REPORT": str(report)})
    assert (result["INSERTED"], result["UPDATED"], result["UNCHANGED"]) == (5, 0, 0)
    with open(report, encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert len(lines) == 1 + 2 * 50
    result = run_algorithm("importcommunities", {"INPUT": source, "DATABASE": database})
    assert (result["INSERTED"], result["UNCHANGED"]) == (0, 5)


def test_dates_types_and_an_older_database(database, tmp_path):
    from kr8310_plugin.core.storage import rule_store

    with sqlite3.connect(database) as connection:
        for column in ("location_x", "location_y", "date_registered"):
            connection.execute(f"ALTER TABLE communities DROP COLUMN {column}")
    rows = [
        ["ชุมชนหนึ่ง", "1001", "แออัด", "10", "๑๕/๐๓/๒๕๖๔"],
        ["ชุมชนสอง", "Phra Nakhon", "Housing estate", "20", "2019-05-01"],
    ]
    header = ["name", "district", "type", "households", "วันที่จดทะเบียน"]
    import_register(database, read_table(write_csv(tmp_path / "d.csv", rows, header, "utf-8")))  # upgrades first
    assert rule_store.upgrade_database(database) is False
    with sqlite3.connect(database) as connection:
        stored = connection.execute(
            "SELECT community_type, date_registered, location_x FROM communities ORDER BY community_id"
        ).fetchall()
    assert stored == [("crowded", "2021-03-15", None), ("housing_estate", "2019-05-01", None)]


def test_the_shipped_demo_register_and_survey(database, run_algorithm, tmp_path):
    """resources/demo/: BMA's dataset shape maps itself, Dusit's S and M equal the official targets, the
    name given twice is reported, and every surveyed household goes to the nearest point community."""
    from kr8310_plugin.core.importing.register_report import discrepancy_lines
    from kr8310_plugin.core.toolbelt.paths import resource_path

    register = resource_path("demo", "dusit_register.csv")
    result = import_register(database, read_table(str(register)))
    assert result.inserted == 44
    assert [n.code for n in result.notices] == ["duplicate_name"]
    dusit = [row for row in register_discrepancies(database) if row.district_code == 1002]
    assert [(r.size_class, r.communities, r.diff_communities, r.diff_households) for r in dusit] == [
        ("S", 28, 0, 0),
        ("M", 14, 0, 0),
    ]
    lines = discrepancy_lines(register_discrepancies(database))
    assert len(lines) == 2 and lines[1].startswith("49 district(s) have no S or M community")  # Dusit agrees
    with sqlite3.connect(database) as connection:
        assert connection.execute(
            "SELECT count(*), count(location_x), count(geom) FROM communities WHERE district_code = 1002"
        ).fetchone() == (44, 43, 0)
    survey = run_algorithm(
        "importhouseholds",
        {"INPUT": str(resource_path("demo", "dusit_survey.csv")), "DATABASE": database, "WARNINGS": "memory:"},
    )
    assert survey["REJECTED"] == 0 and survey["INSERTED"] == survey["WARNED"] > 500
    codes = {feature["code"] for feature in survey["WARNINGS"].getFeatures()}
    assert codes == {"nearest_point_community"}
