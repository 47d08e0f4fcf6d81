"""Coverage kept by the PostGIS schema itself (core/storage/postgis/coverage_triggers.py): after random
edits committed in random groupings, rule changes, community changes, concurrent mappers and the
upgrade of a schema made without it, the communities' numbers equal the engine's full recompute;
the SQL signature is the Python one; mappers cannot set the coverage fields; the audit stays quiet."""

from __future__ import annotations

import random
import threading

import psycopg2
import pytest
from completeness_cases import FIELDS_BY_NAME, cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.rules.completeness import HOUSEHOLD_FIELD_CHOICES, MEMBER_FIELD_CHOICES
from kr8310_plugin.core.rules.household_signature import household_signature, signature_sql
from kr8310_plugin.core.storage import rule_store
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.coverage_triggers import rebuild_sql, state_rows_sql

pytestmark = pytest.mark.postgis

# Three communities: two side by side in district 1001, one in 1002 (60 m squares near a point inside
# each district; filled in by the fixture from the districts the schema is built with).
SQUARES: dict[str, tuple[int, float, float]] = {}
SIDE = 60
COMPLETE_MEMBER = ("primary", "trade", "none", False)


def _centre(community_id: str) -> str:
    _district, x, y = SQUARES[community_id]
    return f"ST_SetSRID(ST_Point({x + SIDE / 2}, {y + SIDE / 2}), 32647)"


def _community_sql(schema: str, community_id: str, registered: int) -> str:
    district, x, y = SQUARES[community_id]
    return (
        f"INSERT INTO {schema}.communities (community_id, district_code, registered_households, geom) VALUES "
        f"('{community_id}', {district}, {registered}, "
        f"ST_Multi(ST_MakeEnvelope({x}, {y}, {x + SIDE}, {y + SIDE}, 32647)))"
    )


def place_communities(cursor, schema: str) -> None:
    """Communities A (3 registered) and B (0) in the schema's districts 1001 and 1002; A2's square beside A."""
    cursor.execute(
        f"SELECT district_code, ST_X(p), ST_Y(p) FROM (SELECT district_code, ST_PointOnSurface(geom) AS p "
        f"FROM {schema}.districts WHERE district_code IN (1001, 1002)) d"
    )
    inside = {district: (x, y) for district, x, y in cursor.fetchall()}
    SQUARES["A"] = (1001, inside[1001][0] - SIDE - 10, inside[1001][1] - SIDE / 2)
    SQUARES["A2"] = (1001, inside[1001][0] + 10, inside[1001][1] - SIDE / 2)
    SQUARES["B"] = (1002, inside[1002][0] - SIDE / 2, inside[1002][1] - SIDE / 2)
    cursor.execute(_community_sql(schema, "A", 3))
    cursor.execute(_community_sql(schema, "B", 0))


def district_mapper(cursor, schema: str, district: int) -> str:
    """A login (made again) mapping `district` of `schema`; its name."""
    mapper = f"{schema}_mapper_user"
    cursor.execute(f"DROP ROLE IF EXISTS {mapper}")
    cursor.execute(f"CREATE ROLE {mapper} LOGIN")
    cursor.execute(f"SELECT {schema}.assign_mapper(%s, %s)", (mapper, district))
    return mapper


@pytest.fixture()
def kept_schema(pg_cluster, pg_superuser, new_schema_name, kr8310_provider):
    database = f"{pg_cluster.dsn()}?schema={new_schema_name}"
    build_postgis_database(database, overwrite=True)
    with pg_superuser.cursor() as cursor:
        place_communities(cursor, new_schema_name)
    return new_schema_name, database


def _connect(pg_cluster, user: str = "postgres"):
    return psycopg2.connect(pg_cluster.dsn(user))


def assert_kept_is_full_recompute(pg_superuser, schema: str, database: str) -> None:
    layers = open_database_layers(database)
    full = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    kept = compute_coverage(layers["communities"], layers["households"], layers["members"])
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
            f"FROM {schema}.communities"
        )
        stored = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    expected = {
        key: (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
        for key, c in full.communities.items()
    }
    assert stored == expected

    def numbers(result):
        return {
            k: (c.households_entered, c.households_complete, c.registered_households)
            for k, c in result.communities.items()
        }

    assert numbers(kept) == numbers(full)
    assert (kept.households_total, kept.households_complete_total) == (
        full.households_total,
        full.households_complete_total,
    )


def _filled(name: str) -> st.SearchStrategy:
    return st.sampled_from([value for value, ok in cases(FIELDS_BY_NAME[name]) if ok])


def _any(name: str) -> st.SearchStrategy:
    # What PostgreSQL's columns and checks can hold: valid values, NULL, blank text.
    blanks = [" ", "\u200b"] if name in ("house_no",) else []
    return st.one_of(_filled(name), st.sampled_from([None, *blanks]))


COMMUNITY = st.sampled_from(["A", "B", "A2"])
PICK = st.integers(0, 50)
OPERATIONS = st.one_of(
    st.tuples(st.just("add_household"), COMMUNITY, st.integers(1, 3), st.booleans()),
    st.tuples(st.just("set_household"), PICK, st.sampled_from(HOUSEHOLD_FIELD_CHOICES), st.data()),
    st.tuples(st.just("move_household"), PICK, COMMUNITY),
    st.tuples(st.just("geometry"), PICK, st.sampled_from(["centre", "null", "empty"])),
    st.tuples(st.just("delete_household"), PICK),
    st.tuples(st.just("add_member"), PICK, st.booleans()),
    st.tuples(st.just("set_member"), PICK, st.sampled_from(MEMBER_FIELD_CHOICES), st.data()),
    st.tuples(st.just("move_member"), PICK, PICK),
    st.tuples(st.just("delete_member"), PICK),
    st.tuples(st.just("registered"), COMMUNITY, st.sampled_from([None, 0, 1, 4])),
    st.tuples(st.just("add_community"), st.just("A2"), st.sampled_from([0, 2])),
    st.tuples(st.just("delete_community"), COMMUNITY),
    st.tuples(
        st.just("rule"),
        st.lists(st.sampled_from(HOUSEHOLD_FIELD_CHOICES), unique=True, max_size=4),
        st.lists(st.sampled_from(MEMBER_FIELD_CHOICES), unique=True, max_size=5),
    ),
)


def _nth(cursor, schema: str, table: str, index: int):
    cursor.execute(f"SELECT fid, household_id FROM {schema}.{table} ORDER BY fid")
    rows = cursor.fetchall()
    return rows[index % len(rows)] if rows else None


def _apply(cursor, schema: str, operation: tuple, number: int) -> None:
    kind, *args = operation
    s = schema
    if kind == "add_household":
        community_id, members, complete = args
        cursor.execute(
            f"INSERT INTO {s}.households (community_id, house_no, building_type, residence_years, member_count, geom) "
            f"VALUES (%s, %s, 'row_house', 2, %s, {_centre(community_id)}) RETURNING household_id",
            (community_id, f"n{number}", members),
        )
        household_id = cursor.fetchone()[0]
        for _ in range(members if complete else members - 1):
            cursor.execute(
                f"INSERT INTO {s}.members (household_id, age, education, occupation, disability, bedridden) "
                "VALUES (%s, 30, %s, %s, %s, %s)",
                (household_id, *COMPLETE_MEMBER),
            )
        return
    if kind == "registered":
        cursor.execute(f"UPDATE {s}.communities SET registered_households = %s WHERE community_id = %s", args[::-1])
        return
    if kind == "add_community":
        cursor.execute(f"SELECT 1 FROM {s}.communities WHERE community_id = %s", (args[0],))
        if not cursor.fetchone():
            cursor.execute(_community_sql(s, args[0], args[1]))
        return
    if kind == "delete_community":
        cursor.execute(f"DELETE FROM {s}.communities WHERE community_id = %s", (args[0],))
        return
    table = "members" if kind.endswith("member") else "households"
    row = _nth(cursor, s, table, args[0])
    if row is None:
        return
    fid = row[0]
    if kind == "set_household":
        cursor.execute(f"UPDATE {s}.households SET {args[1]} = %s WHERE fid = %s", (args[2].draw(_any(args[1])), fid))
    elif kind == "move_household":
        cursor.execute(
            f"UPDATE {s}.households SET community_id = %s, geom = {_centre(args[1])} WHERE fid = %s", (args[1], fid)
        )
    elif kind == "geometry":
        geometry = {"centre": "geom", "null": "NULL", "empty": "ST_GeomFromText('POINT EMPTY', 32647)"}[args[1]]
        cursor.execute(f"UPDATE {s}.households SET geom = {geometry} WHERE fid = %s", (fid,))
    elif kind == "delete_household":
        cursor.execute(f"DELETE FROM {s}.households WHERE fid = %s", (fid,))
    elif kind == "add_member":
        values = (30, *COMPLETE_MEMBER) if args[1] else (None, "primary", None, "none", True)
        cursor.execute(
            f"INSERT INTO {s}.members (household_id, age, education, occupation, disability, bedridden) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (row[1], *values),
        )
    elif kind == "set_member":
        cursor.execute(f"UPDATE {s}.members SET {args[1]} = %s WHERE fid = %s", (args[2].draw(_any(args[1])), fid))
    elif kind == "move_member":
        target = _nth(cursor, s, "households", args[1])
        if target is not None:
            cursor.execute(f"UPDATE {s}.members SET household_id = %s WHERE fid = %s", (target[1], fid))
    elif kind == "delete_member":
        cursor.execute(f"DELETE FROM {s}.members WHERE fid = %s", (fid,))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    transactions=st.lists(st.lists(OPERATIONS, min_size=1, max_size=4), min_size=1, max_size=8),
)
def test_random_edits_keep_the_full_recompute(pg_cluster, pg_superuser, kept_schema, transactions):
    schema, database = kept_schema
    connection = _connect(pg_cluster)
    committed = 0
    try:
        for number, transaction in enumerate(transactions):
            rule = [op for op in transaction if op[0] == "rule"]
            with connection.cursor() as cursor:
                try:
                    for index, operation in enumerate(op for op in transaction if op[0] != "rule"):
                        _apply(cursor, schema, operation, number * 10 + index)
                    connection.commit()
                    committed += 1
                except psycopg2.Error:
                    connection.rollback()  # a check, the location rule: refused whole
            for _kind, household_fields, member_fields in rule:
                rule_store.write_rule(database, household_fields, member_fields)
    finally:
        connection.close()
    assert_kept_is_full_recompute(pg_superuser, schema, database)


def _column_values(name: str) -> list[object]:
    """Filled values a PostgreSQL column of the field's type holds as they are, and NULL."""
    spec = FIELDS_BY_NAME[name].spec
    kinds = {"integer": lambda v: type(v) is int, "boolean": lambda v: type(v) is bool}
    keep = kinds.get(spec.kind, lambda v: isinstance(v, str))
    return [v for v, ok in cases(FIELDS_BY_NAME[name]) if ok and keep(v)] + [None]


def test_postgres_signature_is_the_python_signature(pg_superuser):
    """The PostgreSQL dialect on the values its columns hold (tests/test_household_signature.py: SQLite)."""
    rng = random.Random(8310)
    values = {name: _column_values(name) for name in HOUSEHOLD_FIELD_CHOICES}
    member_values = {name: _column_values(name) for name in MEMBER_FIELD_CHOICES}
    with pg_superuser.cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS kr_signature CASCADE; CREATE SCHEMA kr_signature")
        cursor.execute(
            "CREATE TABLE kr_signature.households (fid integer PRIMARY KEY, geom geometry, household_id text, "
            "community_id text, house_no text, building_type text, residence_years integer, member_count integer)"
        )
        cursor.execute(
            "CREATE TABLE kr_signature.members (household_id text, age integer, education text, occupation text, "
            "disability text, bedridden boolean)"
        )
        expected = {}
        for fid in range(1, 201):
            household = {name: rng.choice(values[name]) for name in HOUSEHOLD_FIELD_CHOICES}
            household_id = rng.choice([f"H{fid}", "", " "])
            key = household_id if household_id.strip() else f"fid:{fid}"
            geometry = rng.choice(["ST_Point(1, 2)", "NULL", "ST_GeomFromText('POINT EMPTY')"])
            cursor.execute(
                f"INSERT INTO kr_signature.households VALUES (%s, {geometry}, %s, 'C', %s, %s, %s, %s)",
                (fid, household_id, *household.values()),
            )
            members = [
                {name: rng.choice(member_values[name]) for name in MEMBER_FIELD_CHOICES}
                for _ in range(rng.randint(0, 3))
            ]
            for member in members:
                cursor.execute(
                    "INSERT INTO kr_signature.members VALUES (%s, %s, %s, %s, %s, %s)", (key, *member.values())
                )
            cursor.execute("INSERT INTO kr_signature.members VALUES ('', 5, 'primary', 'trade', 'none', false)")
            expected[fid] = household_signature(
                geometry == "ST_Point(1, 2)", household, household["member_count"], members
            )
        cursor.execute(
            f"SELECT h.fid, {signature_sql('kr_signature.members', 'h', 'postgres')} FROM kr_signature.households h"
        )
        assert dict(cursor.fetchall()) == expected
        # The rebuild's one-pass form (hash aggregate and join) gives the same integers and keys.
        one_pass = state_rows_sql("kr_signature.households", "kr_signature.members")
        cursor.execute(f"SELECT fid, community_key, signature FROM ({one_pass}) s")
        rows = cursor.fetchall()
        assert {fid: signature for fid, _key, signature in rows} == expected
        assert {key for _fid, key, _signature in rows} == {"C"}
        cursor.execute("DROP SCHEMA kr_signature CASCADE")


def test_mappers_cannot_set_coverage_and_the_audit_stays_quiet(pg_cluster, pg_superuser, kept_schema):
    schema, database = kept_schema
    with pg_superuser.cursor() as cursor:
        mapper = district_mapper(cursor, schema, 1001)
        cursor.execute(f"SELECT count(*) FROM {schema}.audit_log WHERE table_name = 'communities'")
        audited_before = cursor.fetchone()[0]
    connection = _connect(pg_cluster, mapper)
    try:
        with connection.cursor() as cursor:
            _apply(cursor, schema, ("add_household", "A", 2, True), 1)
        connection.commit()
        with connection.cursor() as cursor, pytest.raises(psycopg2.Error):
            cursor.execute(f"UPDATE {schema}.communities SET households_complete = 99 WHERE community_id = 'A'")
        connection.rollback()
    finally:
        connection.close()
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT households_entered, households_complete FROM {schema}.communities WHERE community_id = 'A'"
        )
        assert cursor.fetchone() == (1, 1)
        # Even the owner's write of the fields is put back.
        cursor.execute(f"UPDATE {schema}.communities SET households_complete = 99 WHERE community_id = 'A'")
        cursor.execute(f"SELECT households_complete FROM {schema}.communities WHERE community_id = 'A'")
        assert cursor.fetchone() == (1,)
        cursor.execute(f"SELECT count(*) FROM {schema}.audit_log WHERE table_name = 'communities'")
        assert cursor.fetchone()[0] == audited_before
    assert_kept_is_full_recompute(pg_superuser, schema, database)


def test_concurrent_mappers_neither_deadlock_nor_miscount(pg_cluster, pg_superuser, kept_schema):
    """Each transaction touches both communities of district 1001 in a random order."""
    schema, database = kept_schema
    with pg_superuser.cursor() as cursor:
        cursor.execute(_community_sql(schema, "A2", 5))
    errors: list[str] = []

    def mapper(seed: int) -> None:
        rng = random.Random(seed)
        connection = _connect(pg_cluster)
        try:
            for number in range(15):
                order = ["A", "A2"]
                rng.shuffle(order)
                try:
                    with connection.cursor() as cursor:
                        for community_id in order:
                            _apply(
                                cursor,
                                schema,
                                ("add_household", community_id, 1, rng.random() < 0.7),
                                seed * 100 + number,
                            )
                        _apply(cursor, schema, ("set_household", rng.randint(0, 50), "house_no", _Drawn(None)), 0)
                    connection.commit()
                except psycopg2.Error as error:
                    connection.rollback()
                    if "house_no" not in str(error):  # the same house number twice: the mapper's own clash
                        errors.append(str(error).splitlines()[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=mapper, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {schema}.households")
        assert cursor.fetchone()[0] == 8 * 15 * 2
    assert_kept_is_full_recompute(pg_superuser, schema, database)


class _Drawn:
    """Stands for hypothesis' data.draw with one fixed value (the concurrency test is not a hypothesis test)."""

    def __init__(self, value):
        self.value = value

    def draw(self, _strategy):
        return self.value


def test_upgrade_and_repair_build_the_kept_coverage_from_the_rows(pg_cluster, pg_superuser, kept_schema):
    schema, database = kept_schema
    connection = _connect(pg_cluster)
    with connection, connection.cursor() as cursor:
        for number in range(6):
            _apply(cursor, schema, ("add_household", "A" if number % 2 else "B", 2, number % 3 != 0), number)
    connection.close()
    with pg_superuser.cursor() as cursor:  # what a schema made before the kept coverage looks like
        cursor.execute(f"DROP TABLE {schema}.kr8310_household_state, {schema}.kr8310_coverage_counts CASCADE")
        cursor.execute(
            "SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = %s::regnamespace "
            "AND p.proname LIKE 'kr8310_%%'",
            (schema,),
        )
        for (function,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION {function} CASCADE")
        cursor.execute(f"DELETE FROM {schema}.kr8310_settings WHERE key LIKE 'coverage_%%'")
        cursor.execute(f"UPDATE {schema}.communities SET households_entered = NULL, households_complete = NULL")
    assert rule_store.upgrade_database(database) is True
    assert_kept_is_full_recompute(pg_superuser, schema, database)
    with pg_superuser.cursor() as cursor:  # a bulk change with triggers off, then the repair
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(f"UPDATE {schema}.members SET age = NULL")
        cursor.execute("SET session_replication_role = origin")
    from kr8310_plugin.core.coverage.engine import refresh_database

    refresh_database(database, repair=True)
    assert_kept_is_full_recompute(pg_superuser, schema, database)


def test_rebuild_from_all_rows_is_what_the_triggers_kept(pg_cluster, pg_superuser, kept_schema):
    """The one-pass rebuild writes the state, counts and communities the row-by-row triggers kept."""
    schema, database = kept_schema
    connection = _connect(pg_cluster)
    with connection, connection.cursor() as cursor:
        for number in range(12):
            _apply(cursor, schema, ("add_household", "AB"[number % 2], 1 + number % 3, number % 4 != 0), number)
        _apply(cursor, schema, ("set_member", 3, "age", _Drawn(None)), 0)
        _apply(cursor, schema, ("geometry", 5, "empty"), 0)
    connection.close()
    tables = ("kr8310_household_state", "kr8310_coverage_counts")

    def kept():
        with pg_superuser.cursor() as cursor:
            rows = {}
            for table in tables:
                cursor.execute(f"SELECT * FROM {schema}.{table} ORDER BY 1, 2")
                rows[table] = cursor.fetchall()
            cursor.execute(f"SELECT community_id, households_entered, households_complete FROM {schema}.communities")
            rows["communities"] = sorted(cursor.fetchall())
            return rows

    before = kept()
    assert len(before["kr8310_household_state"]) == 12
    with pg_superuser.cursor() as cursor:
        for statement in rebuild_sql(schema):
            cursor.execute(statement)
        cursor.execute(
            "SELECT p.prosecdef, p.proconfig FROM pg_proc p WHERE p.oid = %s::regprocedure",
            (f"{schema}.kr8310_rebuild_coverage()",),
        )
        definer, config = cursor.fetchone()
    assert kept() == before
    assert definer and f"search_path=pg_catalog, {schema}, pg_temp" in config
    assert_kept_is_full_recompute(pg_superuser, schema, database)
