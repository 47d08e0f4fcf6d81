"""What keeps a PostGIS community database fast in QGIS without making it less strict: ids unique by
indexes QGIS does not read as UNIQUE fields (so a new feature does not read every existing id), the
audit trigger of communities firing on register changes only, the KR view reading the kept numbers,
an older schema upgraded to all three, and reads through QGIS's connection pool as one JSON text."""

from __future__ import annotations

import time

import psycopg2
import psycopg2.errors
import pytest
from pg_cluster import load_geopackage
from qgis.core import QgsApplication, QgsFieldConstraints, QgsTask, QgsVectorLayerUtils

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.coverage.maintained_postgis import postgis_result
from kr8310_plugin.core.storage import rule_store
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis import ddl
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.connection import connect, execute, select_rows
from kr8310_plugin.core.storage.postgis.target import COVERAGE_FUNCTION, KR_VIEW, parse_target

pytestmark = pytest.mark.postgis

IDS = (("households", "household_id"), ("members", "member_id"))


@pytest.fixture()
def demo_schema(pg_cluster, pg_superuser, small_demo_gpkg, new_schema_name, kr8310_provider) -> str:
    """The one-district demo in a new schema with roles and a planner login; returns the schema."""
    schema = new_schema_name
    build_postgis_database(f"{pg_cluster.dsn()}?schema={schema}", overwrite=True)
    load_geopackage(pg_cluster.dsn(), small_demo_gpkg, schema)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {schema}_planner_user")
        cursor.execute(f"CREATE ROLE {schema}_planner_user LOGIN IN ROLE {schema}_planner")
    return schema


def _unique_in_qgis(database: str) -> dict[str, bool]:
    layers = open_database_layers(database)
    found = {}
    for table, column in (*IDS, ("households", "fid")):
        constraints = layers[table].fields().field(column).constraints().constraints()
        found[f"{table}.{column}"] = bool(constraints & QgsFieldConstraints.ConstraintUnique)
    return found


def _foreign_keys(cursor, schema: str) -> set[tuple[str, str, str]]:
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = %s::regnamespace",
        (schema,),
    )
    return set(cursor.fetchall())


def _a_household(cursor, schema: str) -> tuple[str, str]:
    cursor.execute(
        f"SELECT h.household_id, m.member_id FROM {schema}.households h JOIN {schema}.members m USING (household_id) "
        "ORDER BY h.fid, m.fid LIMIT 1"
    )
    return cursor.fetchone()


def test_qgis_sees_no_unique_ids_and_the_database_refuses_duplicates(demo_schema, pg_cluster, pg_superuser):
    schema = demo_schema
    database = f"{pg_cluster.dsn()}?schema={schema}"
    assert _unique_in_qgis(database) == {
        "households.household_id": False,
        "members.member_id": False,
        "households.fid": True,  # the primary key; a new feature takes the sequence's default, unread
    }
    new = QgsVectorLayerUtils.createFeature(open_database_layers(database)["households"])
    assert "gen_random_uuid()" in str(new["household_id"])  # the server gives the id, as before
    with pg_superuser.cursor() as cursor:
        household_id, member_id = _a_household(cursor, schema)
        cursor.execute(
            f"SELECT community_id, ST_AsEWKT(geom) FROM {schema}.households WHERE household_id = %s", (household_id,)
        )
        community_id, point = cursor.fetchone()
        with pytest.raises(psycopg2.errors.UniqueViolation):
            cursor.execute(
                f"INSERT INTO {schema}.households (household_id, community_id, house_no, member_count, geom) "
                "VALUES (%s, %s, 'speed-dup', 1, ST_GeomFromEWKT(%s))",
                (household_id, community_id, point),
            )
        with pytest.raises(psycopg2.errors.UniqueViolation):
            cursor.execute(
                f"INSERT INTO {schema}.members (member_id, household_id) VALUES (%s, %s)", (member_id, household_id)
            )
        # The members -> households key, deferred to the commit, with its cascades.
        cursor.execute("BEGIN")
        cursor.execute(f"INSERT INTO {schema}.members (household_id) VALUES ('no-such-household')")
        with pytest.raises(psycopg2.errors.ForeignKeyViolation):
            cursor.execute("COMMIT")
        cursor.execute(
            f"UPDATE {schema}.households SET household_id = 'speed-renamed' WHERE household_id = %s", (household_id,)
        )
        cursor.execute(f"SELECT count(*) FROM {schema}.members WHERE household_id = 'speed-renamed'")
        assert cursor.fetchone()[0] > 0
        cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = 'speed-renamed'")
        cursor.execute(f"SELECT count(*) FROM {schema}.members WHERE household_id = 'speed-renamed'")
        assert cursor.fetchone()[0] == 0


def _make_older(cursor, schema: str) -> None:
    """The schema as versions before these changes made it: UNIQUE constraints on the ids with the foreign
    keys on them, the audit of communities on every update, the KR view recomputing every household."""
    keys = _foreign_keys(cursor, schema)
    for child, name, _definition in keys:
        cursor.execute(f"ALTER TABLE {child} DROP CONSTRAINT {name}")
    for table, column in IDS:
        cursor.execute(f"DROP INDEX {schema}.{table}_{column}_unique")
        cursor.execute(f"ALTER TABLE {schema}.{table} ADD UNIQUE ({column})")
    for child, name, definition in keys:
        cursor.execute(f"ALTER TABLE {child} ADD CONSTRAINT {name} {definition}")
    cursor.execute(f"DROP TRIGGER audit_row ON {schema}.communities")
    cursor.execute(
        f"CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON {schema}.communities FOR EACH ROW "
        f"EXECUTE FUNCTION {schema}.audit_row('community_id', 'households_entered', 'households_complete', "
        "'coverage_pct', 'coverage_flag')"
    )
    old_view = ddl._kr_view_sql(schema, replace=True).replace(
        f"FROM {schema}.communities v", f"FROM {schema}.{COVERAGE_FUNCTION}() v"
    )
    assert old_view != ddl._kr_view_sql(schema, replace=True)
    cursor.execute(f"SET ROLE {schema}_owner")
    cursor.execute(old_view)
    cursor.execute("RESET ROLE")
    cursor.execute(f"ALTER FUNCTION {schema}.my_district_codes() ROWS 1000")  # PostgreSQL's default estimate


def _view_reads_the_recompute(cursor, schema: str) -> bool:
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid "
        "WHERE r.ev_class = %s::regclass AND d.refobjid = %s::regprocedure)",
        (f"{schema}.{KR_VIEW}", f"{schema}.{COVERAGE_FUNCTION}()"),
    )
    return cursor.fetchone()[0]


def test_an_older_schema_is_upgraded_to_hidden_unique_ids_quiet_audit_and_kept_kr_view(
    demo_schema, pg_cluster, pg_superuser
):
    schema = demo_schema
    database = f"{pg_cluster.dsn()}?schema={schema}"
    target = parse_target(database)
    with pg_superuser.cursor() as cursor:
        keys = _foreign_keys(cursor, schema)
        assert {name for _child, name, _definition in keys} >= {"fk_members_household_id", "fk_households_community_id"}
        _make_older(cursor, schema)
        assert _foreign_keys(cursor, schema) == keys
        assert _view_reads_the_recompute(cursor, schema)
        cursor.execute(f"SELECT * FROM {schema}.{KR_VIEW} ORDER BY level, code")
        kr_before = cursor.fetchall()
        cursor.execute(f"SELECT count(*) FROM {schema}.households")
        households = cursor.fetchone()[0]
    assert _unique_in_qgis(database)["households.household_id"] is True
    assert execute(connect(target), ddl.hardening_needed_sql(target))[0][0] is True

    assert rule_store.upgrade_database(database) is True
    assert execute(connect(target), ddl.hardening_needed_sql(target))[0][0] is False
    assert rule_store.upgrade_database(database) is False  # nothing left to do

    assert _unique_in_qgis(database) == {
        "households.household_id": False,
        "members.member_id": False,
        "households.fid": True,
    }
    with pg_superuser.cursor() as cursor:
        assert _foreign_keys(cursor, schema) == keys  # the same keys, cascades and deferral
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'u' AND conrelid = ANY(%s::regclass[])",
            ([f"{schema}.households", f"{schema}.members"],),
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"SELECT count(*) FROM {schema}.households")
        assert cursor.fetchone()[0] == households
        household_id, member_id = _a_household(cursor, schema)
        with pytest.raises(psycopg2.errors.UniqueViolation):
            cursor.execute(
                f"INSERT INTO {schema}.members (member_id, household_id) VALUES (%s, %s)", (member_id, household_id)
            )
        assert not _view_reads_the_recompute(cursor, schema)
        cursor.execute(f"SELECT * FROM {schema}.{KR_VIEW} ORDER BY level, code")
        assert cursor.fetchall() == kr_before  # the kept numbers are the recomputed ones
        cursor.execute(
            "SELECT relowner::regrole::text FROM pg_class WHERE oid = %s::regclass", (f"{schema}.{KR_VIEW}",)
        )
        assert cursor.fetchone()[0] == f"{schema}_owner"
        cursor.execute(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'audit_row' AND tgrelid = %s::regclass",
            (f"{schema}.communities",),
        )
        assert "UPDATE OF" in cursor.fetchone()[0]
        # Row-level security plans for a mapper's district or two, not for a thousand.
        cursor.execute("SELECT prorows FROM pg_proc WHERE oid = %s::regprocedure", (f"{schema}.my_district_codes()",))
        assert cursor.fetchone()[0] == 2
    with psycopg2.connect(pg_cluster.dsn(f"{schema}_planner_user")) as planner, planner.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {schema}.{KR_VIEW} WHERE level = 'city'")  # the grant stays
        assert cursor.fetchone()[0] == 1


def _audit_calls(cursor, schema: str) -> int:
    cursor.execute(f"SELECT coalesce(pg_stat_get_xact_function_calls('{schema}.audit_row()'::regprocedure), 0)")
    return cursor.fetchone()[0]


def _community_audit_rows(cursor, schema: str, community_id: str) -> list[str]:
    cursor.execute(
        f"SELECT operation FROM {schema}.audit_log WHERE table_name = 'communities' AND row_key = %s ORDER BY audit_id",
        (community_id,),
    )
    return [row[0] for row in cursor.fetchall()]


def test_the_audit_records_register_changes_and_skips_coverage_writes(demo_schema, pg_cluster):
    schema = demo_schema
    connection = psycopg2.connect(pg_cluster.dsn())
    try:
        cursor = connection.cursor()
        cursor.execute("SET track_functions = 'pl'")  # counts the trigger function's calls in the transaction
        cursor.execute(f"SELECT h.community_id, ST_AsEWKT(h.geom) FROM {schema}.households h ORDER BY h.fid LIMIT 1")
        community_id, point = cursor.fetchone()
        connection.commit()
        # A coverage-only write (what every kept-coverage commit does) and a mapper's new household.
        before = _audit_calls(cursor, schema)  # counted per transaction, so differences within one
        cursor.execute(
            f"UPDATE {schema}.communities SET households_entered = 0 WHERE community_id = %s", (community_id,)
        )
        cursor.execute(
            f"INSERT INTO {schema}.households (community_id, house_no, member_count, geom) "
            "VALUES (%s, 'speed-audit', 1, ST_GeomFromEWKT(%s)) RETURNING household_id",
            (community_id, point),
        )
        household_id = cursor.fetchone()[0]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the kept coverage rewrites the community now
        # The household's insert alone: the community's two rewrites did not fire it.
        assert _audit_calls(cursor, schema) - before == 1
        connection.commit()
        cursor.execute(f"SELECT households_entered FROM {schema}.communities WHERE community_id = %s", (community_id,))
        assert cursor.fetchone()[0] > 0  # the server's numbers, not the write's 0
        assert _community_audit_rows(cursor, schema, community_id) == []
        cursor.execute(f"SELECT operation FROM {schema}.audit_log WHERE row_key = %s", (household_id,))
        assert cursor.fetchall() == [("INSERT",)]
        # A register change is recorded, with the coverage fields written beside it or not.
        before = _audit_calls(cursor, schema)
        cursor.execute(f"UPDATE {schema}.communities SET name = 'speed audit' WHERE community_id = %s", (community_id,))
        cursor.execute(
            f"UPDATE {schema}.communities SET registered_households = registered_households + 1, "
            "households_entered = 0 WHERE community_id = %s",
            (community_id,),
        )
        assert _audit_calls(cursor, schema) - before == 2
        connection.commit()
        assert _community_audit_rows(cursor, schema, community_id) == ["UPDATE", "UPDATE"]
        cursor.execute(
            f"SELECT old_values ->> 'name', new_values ->> 'name' FROM {schema}.audit_log "
            "WHERE table_name = 'communities' AND row_key = %s ORDER BY audit_id LIMIT 1",
            (community_id,),
        )
        assert cursor.fetchone()[1] == "speed audit"
    finally:
        connection.close()


def test_reads_go_through_the_pool_survive_a_dropped_connection_and_run_in_a_task(
    demo_schema, pg_cluster, pg_superuser
):
    schema = demo_schema
    database = f"{pg_cluster.dsn()}?schema={schema}"
    info = parse_target(database).uri.connectionInfo(False)
    rows = select_rows(
        info,
        "SELECT 2 AS n, NULL::text AS nothing, 'ชุมชน' AS name, 2.5::float8 AS x, 1 AS n "
        "UNION ALL SELECT 1, 'b', '', -1, 3 ORDER BY 1 DESC",
        5,
    )
    assert rows == [[2, None, "ชุมชน", 2.5, 1], [1, "b", "", -1, 3]]  # order, NULL, Thai, a name twice
    pid = select_rows(info, "SELECT pg_backend_pid()", 1)[0][0]
    assert select_rows(info, "SELECT pg_backend_pid()", 1)[0][0] == pid  # the same pooled connection
    with pg_superuser.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _attempt in range(50):  # until the server has let it go
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
    assert select_rows(info, "SELECT pg_backend_pid()", 1)[0][0] != pid  # re-opened, no error

    layers = open_database_layers(database)
    expected = compute_coverage(layers["communities"], layers["households"], layers["members"], maintained=False)
    found = {}

    def in_task(_task):  # as the dashboard's task: layers of its own, the kept numbers from a worker thread
        own = open_database_layers(database)
        result = compute_coverage(own["communities"], own["households"], own["members"])
        found["numbers"] = {k: (c.households_entered, c.households_complete) for k, c in result.communities.items()}
        found["total"] = result.households_total

    task = QgsTask.fromFunction("kept coverage", in_task)
    QgsApplication.taskManager().addTask(task)
    assert task.waitForFinished(30000)
    assert found["numbers"] == {
        k: (c.households_entered, c.households_complete) for k, c in expected.communities.items()
    }
    assert found["total"] == expected.households_total


def test_kept_numbers_count_households_of_no_community_as_the_engine_does(demo_schema, pg_cluster, pg_superuser):
    schema = demo_schema
    database = f"{pg_cluster.dsn()}?schema={schema}"
    with pg_superuser.cursor() as cursor:
        # A community with a blank community_id is no community: its household is unassigned.
        cursor.execute(
            f"INSERT INTO {schema}.communities (community_id, name, district_code, registered_households) "
            "VALUES (E' \\t', 'blank', 1001, 10)"
        )
        cursor.execute(f"SELECT community_id FROM {schema}.households ORDER BY fid LIMIT 1")
        (first,) = cursor.fetchone()
        cursor.execute(
            f"UPDATE {schema}.households SET community_id = E' \\t' WHERE fid = "
            f"(SELECT max(fid) FROM {schema}.households WHERE community_id = %s)",
            (first,),
        )
    layers = open_database_layers(database)
    args = (layers["communities"], layers["households"], layers["members"])
    for scope in (None, [first]):
        kept = postgis_result(args, None, scope)  # the kept numbers, not a recompute
        assert kept is not None
        full = compute_coverage(*args, community_ids=scope, maintained=False)
        assert " \t" not in kept.communities
        assert {k: (c.households_entered, c.households_complete) for k, c in kept.communities.items()} == {
            k: (c.households_entered, c.households_complete) for k, c in full.communities.items()
        }
        assert (kept.households_total, kept.households_complete_total) == (
            full.households_total,
            full.households_complete_total,
        )
        assert [(u.household_id, u.community_id, u.reason) for u in kept.unassigned] == [
            (u.household_id, u.community_id, u.reason) for u in full.unassigned
        ]
    assert [u.reason for u in postgis_result(args, None, None).unassigned] == ["missing_community_id"]
