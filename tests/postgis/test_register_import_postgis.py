"""kr8310:importcommunities into PostGIS: the same register files as tests/test_register_import.py, the
same behaviour as into a GeoPackage (one transaction, rejections naming row, field and value, an
idempotent re-import, updates in place, codes never reused, the report), by the schema's admin only."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import pytest
from test_register_import import points_inside_districts, register_rows, write_csv

from kr8310_plugin.core.importing.importer import ImportRefusedError
from kr8310_plugin.core.importing.readers import read_table
from kr8310_plugin.core.importing.register import import_register
from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_register"
COLUMNS = (
    "community_id, name, district_code, community_type, registered_households, size_class, population, "
    "date_registered, round(location_x::numeric, 3)::float8, round(location_y::numeric, 3)::float8"
)


@pytest.fixture(scope="module")
def inside():
    return points_inside_districts()


@pytest.fixture(scope="module")
def users(pg_superuser):
    """Login users, made once: QGIS keeps its connections open, and a role dropped under one breaks it."""
    names = {kind: f"{SCHEMA}_{kind}_user" for kind in ("admin", "mapper", "planner")}
    with pg_superuser.cursor() as cursor:
        for user in names.values():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN")
    return names


@pytest.fixture()
def pg(pg_cluster, pg_superuser, users, kr8310_provider):
    """A fresh schema with its roles; the admin and planner users in their roles, the mapper for 1001."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True)
    with pg_superuser.cursor() as cursor:
        for kind in ("admin", "planner"):
            cursor.execute(f"GRANT {SCHEMA}_{kind} TO {users[kind]}")
        cursor.execute(f"SELECT {SCHEMA}.assign_mapper(%s, 1001)", (users["mapper"],))

    class Pg:
        pass

    pg = Pg()
    pg.as_user = lambda kind: f"{pg_cluster.dsn(users[kind])}?schema={SCHEMA}"
    pg.superuser = pg_superuser
    return pg


def stored(pg) -> list[tuple]:
    with pg.superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT {COLUMNS}, geom IS NOT NULL, ST_AsText(geom) FROM {SCHEMA}.communities ORDER BY community_id"
        )
        return cursor.fetchall()


def stored_gpkg(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT community_id, name, district_code, community_type, registered_households, size_class, population,"
            " date_registered, round(location_x, 3), round(location_y, 3), geom IS NOT NULL "
            "FROM communities ORDER BY community_id"
        ).fetchall()


def versions(pg) -> list[tuple]:
    """Each community's row version in the server (xmin): it moves with every write of the row."""
    with pg.superuser.cursor() as cursor:
        cursor.execute(f"SELECT community_id, xmin::text FROM {SCHEMA}.communities ORDER BY community_id")
        return cursor.fetchall()


@pytest.fixture(scope="module")
def empty_gpkg(tmp_path_factory, kr8310_provider):
    from kr8310_plugin.core.storage.gpkg_database import build_database

    return build_database(tmp_path_factory.mktemp("register_pg") / "empty.gpkg")


def test_the_admin_imports_as_into_a_geopackage_and_a_reimport_writes_nothing(pg, inside, tmp_path, empty_gpkg):
    source = write_csv(tmp_path / "register.csv", register_rows(inside))
    database = pg.as_user("admin")
    result = import_register(database, read_table(source))
    assert (result.inserted, result.updated, result.unchanged) == (5, 0, 0)
    gpkg = tmp_path / "same.gpkg"
    shutil.copy(empty_gpkg, gpkg)
    in_gpkg = import_register(str(gpkg), read_table(source))
    assert result.inserted_ids == in_gpkg.inserted_ids
    assert sorted((n.row, n.code) for n in result.notices) == sorted((n.row, n.code) for n in in_gpkg.notices)
    assert [row[:11] for row in stored(pg)] == [(*r[:8], *r[8:10], bool(r[10])) for r in stored_gpkg(gpkg)]

    before = versions(pg)
    again = import_register(database, read_table(source))
    assert (again.inserted, again.updated, again.unchanged, again.changes) == (0, 0, 5, [])
    assert versions(pg) == before  # not one row rewritten

    updated = register_rows(inside, households_first="130")
    updated[4][0] = "ชุมชน หลัง วัง"
    updated.append(["ชุมชนใหม่", "เขตดุสิต", "", "50", "", "", ""])
    result = import_register(database, read_table(write_csv(tmp_path / "register_2.csv", updated)))
    assert (result.inserted, result.updated, result.unchanged) == (1, 2, 3)
    assert {(c.community_id, c.field, c.old, c.new) for c in result.changes} == {
        ("1001-0001", "registered_households", 120, 130),
        ("1002-0003", "name", "ชุมชนหลังวัง", "ชุมชน หลัง วัง"),
    }
    assert result.inserted_ids == ["1002-0004"]
    rows = {row[0]: row for row in stored(pg)}
    assert rows["1001-0001"][4:6] == (130, "S")  # size class re-derived by the server
    changed = dict(versions(pg))
    assert [c for c, v in before if changed[c] != v] == ["1001-0001", "1002-0003"]  # updated in place


def test_polygons_are_kept_exactly_and_codes_are_never_reused(pg, inside, tmp_path):
    database = pg.as_user("admin")
    features = []
    for index, code in enumerate(("DS-001", "DS-002")):
        lon, lat = inside[1002]
        lon += index * 0.002
        ring = [[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]
        features.append(
            {
                "type": "Feature",
                "properties": {"community_code": code, "name": f"Polygon {index}", "district": "Dusit"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    path = tmp_path / "register.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    assert import_register(database, read_table(str(path))).inserted_ids == ["DS-001", "DS-002"]
    before = versions(pg)
    again = import_register(database, read_table(str(path)))
    assert (again.unchanged, again.changes) == (2, []) and versions(pg) == before
    assert all(row[10] and row[11].startswith("MULTIPOLYGON") for row in stored(pg))

    import_register(database, read_table(write_csv(tmp_path / "r.csv", register_rows(inside)[:2])))
    with pg.superuser.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SCHEMA}.communities WHERE community_id = '1001-0002'")
    result = import_register(
        database, read_table(write_csv(tmp_path / "r3.csv", [["ชุมชนใหม่", "พระนคร", "", "10", "", "", ""]]))
    )
    assert result.inserted_ids == ["1001-0003"]  # 1001-0002 was given once


def test_a_rejected_row_or_a_refused_statement_writes_nothing(pg, inside, tmp_path):
    database = pg.as_user("admin")
    rows = register_rows(inside)
    rows[1][1] = "เขตไม่มีจริง"
    rows[3][3] = "หลายหลัง"
    with pytest.raises(ImportRefusedError) as refused:
        import_register(database, read_table(write_csv(tmp_path / "bad.csv", rows)))
    found = {(r.row, r.field, r.value, r.code) for r in refused.value.rejections}
    assert found == {(3, "เขต", "เขตไม่มีจริง", "unknown_district"), (5, "จำนวนหลังคาเรือน", "หลายหลัง", "not_integer")}
    assert stored(pg) == []
    # A check the server makes and the file passes: the whole import is rolled back.
    with pg.superuser.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {SCHEMA}.communities ADD CONSTRAINT few CHECK (registered_households IS NULL "
            "OR registered_households < 500)"
        )
    try:
        with pytest.raises(ImportRefusedError) as refused:
            import_register(database, read_table(write_csv(tmp_path / "ok.csv", register_rows(inside))))
        assert "few" in str(refused.value) and refused.value.rejections[0].code == "database"
        assert stored(pg) == []
    finally:
        with pg.superuser.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {SCHEMA}.communities DROP CONSTRAINT few")


@pytest.mark.parametrize("kind", ["mapper", "planner"])
def test_mappers_and_planners_are_refused_clearly(pg, inside, tmp_path, kind, run_algorithm):
    from qgis.core import QgsProcessingException

    source = write_csv(tmp_path / "register.csv", register_rows(inside), encoding="utf-8")
    with pytest.raises(ImportRefusedError) as refused:
        import_register(pg.as_user(kind), read_table(source))
    message = str(refused.value)
    assert f"{SCHEMA}_admin" in message and f"{SCHEMA}_{kind}_user" in message and "Nothing was imported" in message
    with pytest.raises(QgsProcessingException, match=f"{SCHEMA}_admin"):
        run_algorithm("importcommunities", {"INPUT": source, "DATABASE": pg.as_user(kind)})
    assert stored(pg) == []


def test_the_algorithm_imports_into_postgis_and_writes_the_report(pg, inside, tmp_path, run_algorithm):
    source = write_csv(tmp_path / "register.csv", register_rows(inside), encoding="utf-8-sig")
    report = tmp_path / "check.csv"
    params = {"INPUT": source, "DATABASE": pg.as_user("admin"), "REPORT": str(report)}
    result = run_algorithm("importcommunities", params)
    assert (result["INSERTED"], result["UPDATED"], result["UNCHANGED"]) == (5, 0, 0)
    with open(report, encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    phra_nakhon = [line for line in lines if line[0] == "1001"]
    assert [(line[3], line[4]) for line in phra_nakhon] == [("S", "1"), ("M", "1")]
    with pg.superuser.cursor() as cursor:  # point communities count in coverage at once (0 entered)
        cursor.execute(f"SELECT count(*) FROM {SCHEMA}.communities WHERE coverage_flag = 'no_data'")
        assert cursor.fetchone() == (5,)
    again = run_algorithm("importcommunities", params)
    assert (again["INSERTED"], again["UNCHANGED"]) == (0, 5)
