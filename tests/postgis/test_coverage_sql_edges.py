"""The server's coverage query (core/storage/postgis/coverage_sql.py) keys households and
communities as the engine does: a blank household_id makes the household 'fid:N', a blank
community_id is no community, a member with a blank household_id belongs to nobody. Compared
with the engine streaming the same rows."""

from __future__ import annotations

import pytest
from pg_cluster import load_geopackage

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.coverage.postgis_path import coverage_for_layers
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database

pytestmark = pytest.mark.postgis

SCHEMA = "kr_sql_edges"


def _values(result) -> dict[str, tuple]:
    return {
        cid: (c.households_entered, c.households_complete, c.coverage_flag) for cid, c in result.communities.items()
    }


def _unassigned(result) -> set[tuple]:
    return {(u.household_id, u.community_id, u.reason) for u in result.unassigned}


def test_blank_keys_are_counted_as_the_engine_counts_them(pg_cluster, pg_superuser, small_demo_gpkg):
    database = f"{pg_cluster.dsn()}?schema={SCHEMA}"
    build_postgis_database(database, overwrite=True, roles=False)
    load_geopackage(pg_cluster.dsn(), small_demo_gpkg, SCHEMA)
    s = SCHEMA
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT community_id FROM {s}.households GROUP BY community_id "
            "HAVING count(*) FILTER (WHERE member_count = 1) > 0 AND count(*) FILTER (WHERE member_count > 1) > 1 "
            "ORDER BY community_id LIMIT 2"
        )
        first, second = (row[0] for row in cursor.fetchall())
        # A household of `first` gets a blank household_id (the foreign key moves its members along):
        # the engine keys it 'fid:N', and members naming ' ' belong to nobody, so it has no members.
        cursor.execute(
            f"UPDATE {s}.households SET household_id = ' ' WHERE fid = "
            f"(SELECT min(fid) FROM {s}.households WHERE community_id = %s AND member_count = 1)",
            (first,),
        )
        # A community with a blank community_id is no community, and its household is unassigned.
        cursor.execute(
            f"INSERT INTO {s}.communities (community_id, name, district_code, registered_households) "
            "VALUES (E' \\t', 'blank', 1001, 10)"
        )
        cursor.execute(
            f"UPDATE {s}.households SET community_id = E' \\t' WHERE fid = "
            f"(SELECT min(fid) FROM {s}.households WHERE community_id = %s)",
            (second,),
        )
        # A member with a blank household_id: nobody's (its household had 1 member: now complete no more).
        cursor.execute(
            f"SELECT household_id FROM {s}.households WHERE community_id = %s AND member_count >= 2 "
            "ORDER BY fid LIMIT 1",
            (second,),
        )
        (two_members,) = cursor.fetchone()
        cursor.execute(
            f"UPDATE {s}.members SET household_id = ' ' WHERE member_id = "
            f"(SELECT min(member_id) FROM {s}.members WHERE household_id = %s)",
            (two_members,),
        )

    layers = open_database_layers(database)
    by_server = coverage_for_layers(layers["communities"], layers["households"], layers["members"])
    some = coverage_for_layers(layers["communities"], layers["households"], layers["members"], community_ids=[first])
    for layer in layers.values():
        layer.setSubsetString("fid > 0")  # off the server's path: the engine streams the features
    engine = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)

    assert " \t" not in engine.communities
    assert _values(by_server) == _values(engine)
    assert _unassigned(by_server) == _unassigned(engine)
    assert any(reason == "missing_community_id" for _hid, _cid, reason in _unassigned(engine))
    assert (by_server.households_total, by_server.households_complete_total) == (
        engine.households_total,
        engine.households_complete_total,
    )
    assert _values(some) == {first: _values(engine)[first]}

    in_database = coverage_in_database(database)  # the view's function, with the stored (default) rule
    assert " \t" not in in_database
    assert {cid: (v[0], v[1], v[3]) for cid, v in in_database.items()} == _values(engine)
