"""kr8310:importhouseholds into a PostGIS community database: one transaction, idempotent re-import."""

from __future__ import annotations

import csv

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
)

from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_import"


@pytest.fixture(scope="module")
def pg_database(pg_cluster, pg_superuser, kr8310_provider):
    """A PostGIS database with two 200 m square communities in Phra Nakhon."""
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.communities (community_id, name, district_code, registered_households, geom) VALUES "
            "('P-1', 'P1', 1001, 10, ST_Multi(ST_MakeEnvelope(662000, 1521000, 662200, 1521200, 32647))), "
            "('P-2', 'P2', 1001, 10, ST_Multi(ST_MakeEnvelope(662200, 1521000, 662400, 1521200, 32647)))"
        )
    return database


def _lonlat(x, y):
    point = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:32647"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance().transformContext(),
    ).transform(QgsPointXY(x, y))
    return round(point.x(), 7), round(point.y(), 7)


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["house_no", "longitude", "latitude", "building_type", "member1_age", "member2_bedridden"])
        writer.writerows(rows)


def _state(pg_superuser):
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT h.community_id, h.house_no, h.building_type, h.row_version, count(m.member_id), "
            "string_agg(coalesce(m.age::text, '-') || '/' || coalesce(m.bedridden::text, '-'), ','"
            " ORDER BY m.member_id) "
            f"FROM {SCHEMA}.households h LEFT JOIN {SCHEMA}.members m USING (household_id) "
            "GROUP BY h.fid ORDER BY h.house_no"
        )
        return cursor.fetchall()


def test_import_into_postgis_is_atomic_and_idempotent(run_algorithm, pg_database, pg_superuser, tmp_path):
    source = tmp_path / "survey.csv"
    inside_1, inside_2 = _lonlat(662100, 1521100), _lonlat(662300, 1521100)
    rows = [
        ["1", *inside_1, "บ้านเดี่ยว", "40", "yes"],
        ["2", *inside_2, "shophouse", "", ""],
    ]
    _write(source, rows)
    params = {"INPUT": str(source), "DATABASE": pg_database, "REPORT": str(tmp_path / "report.csv")}
    result = run_algorithm("importhouseholds", params)
    assert (result["INSERTED"], result["MEMBERS_WRITTEN"]) == (2, 2)
    first = _state(pg_superuser)
    assert [r[:5] for r in first] == [("P-1", "1", "detached_house", 1, 2), ("P-2", "2", "shophouse", 1, 0)]
    again = run_algorithm("importhouseholds", params)
    assert (again["INSERTED"], again["UPDATED"], again["UNCHANGED"]) == (0, 0, 2)
    assert _state(pg_superuser) == first
    rows[0][4] = "41"  # a member's age corrected
    _write(source, rows)
    third = run_algorithm("importhouseholds", params)
    assert (third["INSERTED"], third["UPDATED"], third["UNCHANGED"]) == (0, 1, 1)
    changed = _state(pg_superuser)[0]
    assert changed[3] == 2 and "41/-" in changed[5]
    # One bad row: the server is not touched at all.
    rows.append(["3", 2.35, 48.85, "other", "", ""])
    _write(source, rows)
    before = _state(pg_superuser)
    with pytest.raises(QgsProcessingException, match="outside Thailand"):
        run_algorithm("importhouseholds", params)
    assert _state(pg_superuser) == before
