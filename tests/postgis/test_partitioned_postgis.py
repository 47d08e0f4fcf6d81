"""The partitioned layout (core/storage/postgis/partitioned.py): households by district, members by
hash, at a small size. The kept coverage equals the engine's full recompute after random edits (moves
between districts, deletes, member edits); the ids stay unique, members follow their household (cascade
on delete and on a changed household_id), a move between partitions keeps its row version; a mapper of
one district works in it and nowhere else, and never reaches a partition directly."""

from __future__ import annotations

import psycopg2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_maintained_coverage_postgis import (
    OPERATIONS,
    SQUARES,
    _apply,
    assert_kept_is_full_recompute,
    district_mapper,
    place_communities,
)

from kr8310_plugin.core.storage.postgis import partitioned
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.coverage_triggers import rebuild_sql

pytestmark = pytest.mark.postgis


@pytest.fixture()
def partitioned_schema(pg_cluster, pg_superuser, new_schema_name, kr8310_provider):
    """Communities A (district 1001) and B (1002) with their partitions; A2 (1001), when added, is a
    community the partitions do not list (its households go to the DEFAULT partition)."""
    schema = new_schema_name
    database = f"{pg_cluster.dsn()}?schema={schema}"
    build_postgis_database(database, overwrite=True, partitioned=True)
    with pg_superuser.cursor() as cursor:
        place_communities(cursor, schema)
        for statement in partitioned.district_partitions_sql(schema):
            cursor.execute(statement)
    return schema, database


def _household(cursor, schema: str, community_id: str, members: int, house_no: str) -> str:
    _apply(cursor, schema, ("add_household", community_id, members, True), 0)
    cursor.execute(f"SELECT household_id FROM {schema}.households ORDER BY fid DESC LIMIT 1")
    household_id = cursor.fetchone()[0]
    cursor.execute(f"UPDATE {schema}.households SET house_no = %s WHERE household_id = %s", (house_no, household_id))
    return household_id


def _move(cursor, schema: str, household_id: str, community_id: str, declared_version: int | None = None) -> None:
    """Move a household into another community (its point too), declaring the version its edit began from."""
    _district, x, y = SQUARES[community_id]
    version = "" if declared_version is None else f", row_version = {-(declared_version + 1)}"
    cursor.execute(
        f"UPDATE {schema}.households SET community_id = %s, geom = ST_SetSRID(ST_Point({x + 5}, {y + 5}), 32647)"
        f"{version} WHERE household_id = %s",
        (community_id, household_id),
    )


def _count(cursor, sql: str, parameters=()) -> int:
    cursor.execute(sql, parameters)
    return cursor.fetchone()[0]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(transactions=st.lists(st.lists(OPERATIONS, min_size=1, max_size=4), min_size=1, max_size=8))
def test_random_edits_keep_the_full_recompute_when_partitioned(
    pg_cluster, pg_superuser, partitioned_schema, transactions
):
    schema, database = partitioned_schema
    connection = psycopg2.connect(pg_cluster.dsn())
    try:
        for number, transaction in enumerate(transactions):
            with connection.cursor() as cursor:
                try:
                    for index, operation in enumerate(op for op in transaction if op[0] != "rule"):
                        _apply(cursor, schema, operation, number * 10 + index)
                    connection.commit()
                except psycopg2.Error:
                    connection.rollback()
    finally:
        connection.close()
    assert_kept_is_full_recompute(pg_superuser, schema, database)
    with pg_superuser.cursor() as cursor:  # every household has its key row, and no other key row exists
        cursor.execute(
            f"SELECT count(*) FROM {schema}.households h FULL JOIN {schema}.{partitioned.HOUSEHOLD_KEYS_TABLE} k "
            "ON k.fid = h.fid AND k.household_id = h.household_id "
            "AND k.community_id IS NOT DISTINCT FROM h.community_id "
            "WHERE h.fid IS NULL OR k.fid IS NULL"
        )
        assert cursor.fetchone()[0] == 0
        for statement in rebuild_sql(schema):
            cursor.execute(statement)
    assert_kept_is_full_recompute(pg_superuser, schema, database)


def test_ids_unique_members_follow_and_moves_keep_their_version(pg_cluster, pg_superuser, partitioned_schema):
    schema, database = partitioned_schema
    connection = psycopg2.connect(pg_cluster.dsn())
    try:
        with connection.cursor() as cursor:
            first = _household(cursor, schema, "A", 2, "1/1")
            second = _household(cursor, schema, "B", 3, "2/1")
        connection.commit()
        with connection.cursor() as cursor:
            assert _count(cursor, f"SELECT count(*) FROM {schema}.households_d1001") == 1
            # The same household_id in another district's partition is refused, as the unique index refused it.
            with pytest.raises(psycopg2.errors.UniqueViolation):
                cursor.execute(
                    f"INSERT INTO {schema}.households (household_id, community_id, house_no) VALUES (%s, 'B', '9')",
                    (first,),
                )
        connection.rollback()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT member_id FROM {schema}.members WHERE household_id = %s LIMIT 1", (first,))
            member_id = cursor.fetchone()[0]
            with pytest.raises(psycopg2.errors.UniqueViolation):
                cursor.execute(
                    f"INSERT INTO {schema}.members (member_id, household_id) VALUES (%s, %s)", (member_id, second)
                )
        connection.rollback()
        with connection.cursor() as cursor:  # a member of no household: refused at commit
            cursor.execute(f"INSERT INTO {schema}.members (household_id) VALUES ('nobody')")
        with pytest.raises(psycopg2.errors.ForeignKeyViolation):
            connection.commit()
        connection.rollback()
        with connection.cursor() as cursor:  # a move from district 1001 to 1002 declaring its version
            cursor.execute(f"SELECT row_version, created_at FROM {schema}.households WHERE household_id = %s", (first,))
            version, created_at = cursor.fetchone()
            _move(cursor, schema, first, "B", declared_version=version)
        connection.commit()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT tableoid::regclass::text, row_version, created_at FROM {schema}.households "
                "WHERE household_id = %s",
                (first,),
            )
            assert cursor.fetchone() == (f"{schema}.households_d1002", version + 1, created_at)
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members WHERE household_id = %s", (first,)) == 2
            # A stale version is refused after the move as before it.
            with pytest.raises(psycopg2.errors.SerializationFailure):
                cursor.execute(
                    f"UPDATE {schema}.households SET house_no = '7' , row_version = %s WHERE household_id = %s",
                    (-(version + 1), first),
                )
        connection.rollback()
        with connection.cursor() as cursor:  # a new household_id: its members follow
            cursor.execute(f"UPDATE {schema}.households SET household_id = 'renamed' WHERE household_id = %s", (first,))
        connection.commit()
        with connection.cursor() as cursor:
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members WHERE household_id = 'renamed'") == 2
            cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = 'renamed'")
        connection.commit()
        with connection.cursor() as cursor:
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members WHERE household_id = 'renamed'") == 0
            assert _count(cursor, f"SELECT count(*) FROM {schema}.{partitioned.HOUSEHOLD_KEYS_TABLE}") == 1
        connection.commit()
    finally:
        connection.close()
    assert_kept_is_full_recompute(pg_superuser, schema, database)


def test_a_district_mapper_works_in_the_partitioned_layout(pg_cluster, pg_superuser, partitioned_schema):
    schema, database = partitioned_schema
    with pg_superuser.cursor() as cursor:
        # Members find their household in the key table, not in every partition of households.
        cursor.execute(
            "SELECT prosrc FROM pg_proc WHERE oid = %s::regprocedure", (f"{schema}.kr8310_coverage_note_member()",)
        )
        assert f"{schema}.{partitioned.HOUSEHOLD_KEYS_TABLE} h" in cursor.fetchone()[0]
        mapper = district_mapper(cursor, schema, 1001)
        _household(cursor, schema, "B", 1, "other district")
    connection = psycopg2.connect(pg_cluster.dsn(mapper))
    try:
        with connection.cursor() as cursor:
            household_id = _household(cursor, schema, "A", 2, "mine")
        connection.commit()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT community_id FROM {schema}.households")
            assert cursor.fetchall() == [("A",)]  # the other district's household is not visible
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members") == 2
            cursor.execute(
                f"UPDATE {schema}.members SET age = 41 WHERE household_id = %s RETURNING row_version", (household_id,)
            )
            assert cursor.fetchall() == [(2,), (2,)]
        connection.commit()
        with connection.cursor() as cursor, pytest.raises(psycopg2.Error):
            _apply(cursor, schema, ("add_household", "B", 1, True), 1)  # another district: refused
        connection.rollback()
        for partition in ("households_d1001", "members_p0", partitioned.HOUSEHOLD_KEYS_TABLE):
            with connection.cursor() as cursor, pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(f"SELECT 1 FROM {schema}.{partition}")
            connection.rollback()
        with pg_superuser.cursor() as cursor:  # moved to the other district: its members go out of sight too
            _move(cursor, schema, household_id, "B")
        with connection.cursor() as cursor:
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members") == 0
            cursor.execute(f"UPDATE {schema}.members SET age = 42 WHERE household_id = %s", (household_id,))
            assert cursor.rowcount == 0
        connection.commit()
        with pg_superuser.cursor() as cursor:
            _move(cursor, schema, household_id, "A")
        with connection.cursor() as cursor:
            assert _count(cursor, f"SELECT count(*) FROM {schema}.members") == 2
            cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household_id,))
        connection.commit()
    finally:
        connection.close()
    with pg_superuser.cursor() as cursor:
        assert _count(cursor, f"SELECT count(*) FROM {schema}.members WHERE household_id = %s", (household_id,)) == 0
    assert_kept_is_full_recompute(pg_superuser, schema, database)
