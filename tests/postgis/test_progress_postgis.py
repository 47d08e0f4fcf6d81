"""Snapshots in PostGIS: the same tables and rows as in the GeoPackage, and the same refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from pg_cluster import load_geopackage

from kr8310_plugin.core.progress.snapshots import SnapshotError, kr_series, read_snapshots, record_snapshot
from kr8310_plugin.core.storage.postgis.build import build_postgis_database

pytestmark = pytest.mark.postgis


def test_snapshots_in_postgis_equal_the_geopackage(pg_cluster, pg_superuser, demo_copy, new_schema_name):
    database = f"{pg_cluster.dsn()}?schema={new_schema_name}"
    build_postgis_database(database, overwrite=True, roles=False)
    load_geopackage(pg_cluster.dsn(), demo_copy, new_schema_name)
    day = dt.date(2025, 1, 10)
    in_postgis = record_snapshot(database, day)
    in_geopackage = record_snapshot(str(demo_copy), day)
    assert (in_postgis.communities, in_postgis.kr_rows) == (in_geopackage.communities, in_geopackage.kr_rows)
    assert in_postgis.city_kr_pct == pytest.approx(in_geopackage.city_kr_pct)

    def values(snapshots):
        return (
            [
                (r.community_id, r.registered_households, r.households_entered, r.households_complete)
                for r in snapshots.communities
            ],
            sorted((r.level, r.key, r.registered, r.complete, r.target_households) for r in snapshots.kr),
        )

    assert values(read_snapshots(database)) == values(read_snapshots(str(demo_copy)))
    assert kr_series(database, "city", "BKK") == [(day, pytest.approx(in_geopackage.city_kr_pct))]
    with pytest.raises(SnapshotError, match="already recorded"):
        record_snapshot(database, day)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {new_schema_name}.kr_snapshots")
        assert cursor.fetchone()[0] == in_postgis.kr_rows
        with pytest.raises(Exception, match="never rewritten"):
            cursor.execute(f"UPDATE {new_schema_name}.coverage_snapshots SET coverage_pct = 100")
