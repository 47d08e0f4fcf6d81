"""kr8310:importosm into a PostGIS community database: cut to the communities, idempotent, user edits kept."""

from __future__ import annotations

import pytest
from test_osm_import import SQUARE_A, X0, Y0, community_extract

from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_osm"


@pytest.fixture(scope="module")
def pg_database(pg_cluster, pg_superuser, kr8310_provider):
    """Community A of test_osm_import (a 200 m square) and B, known only by its point."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.communities (community_id, name, district_code, registered_households, geom, "
            "location_x, location_y) VALUES "
            f"('1001-0001', 'ชุมชนริมคลองทดสอบ', 1001, 120, ST_GeomFromText('{SQUARE_A}', 32647), NULL, NULL), "
            f"('1001-0002', 'ชุมชนหลังวัดทดสอบ', 1001, 80, NULL, {X0 + 500}, {Y0 + 100})"
        )
    return database


def _rows(pg_superuser, table: str) -> list[tuple]:
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT osm_id, community_id, round(ST_Length(geom)::numeric, 1)::float8, updated_at "
            f"FROM {SCHEMA}.{table} ORDER BY osm_id"
        )
        return cursor.fetchall()


def test_osm_import_into_postgis_is_cut_idempotent_and_keeps_edits(run_algorithm, pg_database, pg_superuser, tmp_path):
    extract = community_extract().write(tmp_path / "community.osm")
    parameters = {"INPUT": str(extract), "DATABASE": pg_database, "DISTRICTS": "1001"}
    first = run_algorithm("importosm", parameters)
    assert first["INSERTED"] == 12 and first["UPDATED"] == 0
    ways = _rows(pg_superuser, "ways")
    assert [(w[0], w[1], w[2]) for w in ways] == [
        ("way/20", "1001-0001", 200.0),
        ("way/21", "1001-0001", 60.0),
        ("way/22", "1001-0001", 200.0),
    ]
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT osm_id, community_id, facility_kind FROM {SCHEMA}.facilities ORDER BY osm_id")
        assert cursor.fetchall() == [("node/1", "1001-0001", "temple"), ("node/2", "1001-0002", "school")]
    again = run_algorithm("importosm", parameters)
    assert (again["INSERTED"], again["UPDATED"], again["UNCHANGED"]) == (0, 0, 12)
    assert _rows(pg_superuser, "ways") == ways  # untouched: the server's updated_at stamps too
    with pg_superuser.cursor() as cursor:  # a mapper's edit: the server stamps updated_at
        cursor.execute(f"UPDATE {SCHEMA}.ways SET name = 'ตรอกที่ชาวบ้านเรียก' WHERE osm_id = 'way/20'")
    community_extract(building_name="บ้านไม้ริมน้ำ").write(extract)
    third = run_algorithm("importosm", parameters)
    assert (third["INSERTED"], third["UPDATED"], third["KEPT_EDITED"]) == (0, 1, 1)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT name FROM {SCHEMA}.ways WHERE osm_id = 'way/20'")
        assert cursor.fetchone() == ("ตรอกที่ชาวบ้านเรียก",)
        cursor.execute(f"SELECT name FROM {SCHEMA}.buildings WHERE osm_id = 'way/10'")
        assert cursor.fetchone() == ("บ้านไม้ริมน้ำ",)
