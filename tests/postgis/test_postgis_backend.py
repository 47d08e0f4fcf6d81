"""The PostGIS backend against a real server: schema, roles and RLS, no lost edits, audit, coverage."""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import pytest
from qgis.core import (
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)

from kr8310_plugin.core.storage.datasource import DataSourceError, open_database_layers, open_layer
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database, refresh_coverage_in_database
from kr8310_plugin.core.storage.postgis.editing import CONFLICT_TAG, explain_commit_errors
from kr8310_plugin.core.storage.postgis.target import PostgisError, parse_target, postgis_layer_uri
from kr8310_plugin.definitions.schema import HOUSEHOLDS_SPEC, LAYER_SPECS, LAYOUT_LAYER_SPECS, PERSONAL_FIELDS

pytestmark = pytest.mark.postgis

QGIS_TYPES = {"text": "text", "integer": "int4", "real": "float8", "datetime": "timestamptz", "boolean": "bool"}
# Two communities in two districts: A (1001) and B (1002), 100 m squares inside them (the server
# refuses a household outside its community's district).
COMMUNITY_A, COMMUNITY_B = "1001-001", "1002-001"
SQUARE_A, SQUARE_B = (661900, 1521100), (664100, 1523900)
POINT_A, POINT_B = (661950, 1521150), (664150, 1523950)


def _square_sql(x: int, y: int) -> str:
    return f"ST_Multi(ST_MakeEnvelope({x}, {y}, {x + 100}, {y + 100}, 32647))"


def _point_sql(point: tuple[int, int]) -> str:
    return f"ST_SetSRID(ST_Point({point[0]}, {point[1]}), 32647)"


@pytest.fixture(scope="module")
def city(pg_cluster, pg_superuser, kr8310_provider):
    """A PostGIS community database with roles, two communities, and login users:
    mapper_a (district 1001), mapper_b (1002) and a planner. Returns a small namespace."""
    schema = "kr_city"
    database = f"{pg_cluster.dsn()}?schema={schema}"
    build_postgis_database(database, overwrite=True)
    users = {kind: f"{schema}_{kind}_user" for kind in ("mapper_a", "mapper_b", "planner", "admin")}
    with pg_superuser.cursor() as cursor:
        for user in users.values():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN")
        cursor.execute(f"GRANT {schema}_planner TO {users['planner']}")
        cursor.execute(f"GRANT {schema}_admin TO {users['admin']}")
        # An admin assigns mappers to districts (README: "PostGIS for many editors").
        cursor.execute(f"SET ROLE {users['admin']}")
        cursor.execute(f"SELECT {schema}.assign_mapper(%s, 1001)", (users["mapper_a"],))
        cursor.execute(f"SELECT {schema}.assign_mapper(%s, 1002)", (users["mapper_b"],))
        cursor.execute(
            f"INSERT INTO {schema}.communities (community_id, name, district_code, registered_households, geom) "
            f"VALUES ('{COMMUNITY_A}', 'ชุมชน A', 1001, 3, {_square_sql(*SQUARE_A)}), "
            f"('{COMMUNITY_B}', 'ชุมชน B', 1002, 0, {_square_sql(*SQUARE_B)})"
        )
        cursor.execute("RESET ROLE")

    class City:
        pass

    city = City()
    city.schema, city.database, city.users, city.cluster = schema, database, users, pg_cluster
    city.dsn = lambda kind: pg_cluster.dsn(users[kind])
    city.database_as = lambda kind: f"{pg_cluster.dsn(users[kind])}?schema={schema}"
    return city


def _connect(dsn: str):
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    return connection


def _insert_household(cursor, schema: str, community_id: str, point, house_no: str, member_count: int = 1) -> str:
    cursor.execute(
        f"INSERT INTO {schema}.households (community_id, house_no, building_type, residence_years, member_count, geom)"
        f" VALUES (%s, %s, 'row_house', 5, %s, {_point_sql(point)}) RETURNING household_id",
        (community_id, house_no, member_count),
    )
    return cursor.fetchone()[0]


# ---------------------------------------------------------------------------------------
# Schema


def test_createdatabase_on_postgis_builds_the_contract_schema(run_algorithm, pg_cluster, pg_superuser):
    schema = "kr_algorithm"
    result = run_algorithm("createdatabase", {"CONNECTION": pg_cluster.dsn(), "SCHEMA": schema, "OVERWRITE": True})
    assert result["DATABASE"] == f"{pg_cluster.dsn()}?schema={schema}"
    layers = open_database_layers(result["DATABASE"])
    for spec in LAYER_SPECS:
        layer = layers[spec.name]
        assert layer.providerType() == "postgres"
        for field_spec in spec.fields:
            index = layer.fields().indexOf(field_spec.name)
            assert index >= 0, f"{spec.name}.{field_spec.name} missing"
            assert layer.fields().at(index).typeName() == QGIS_TYPES[field_spec.kind], (spec.name, field_spec.name)
        expected = {"MULTIPOLYGON": QgsWkbTypes.MultiPolygon, "POINT": QgsWkbTypes.Point, None: QgsWkbTypes.NoGeometry}
        assert layer.wkbType() == expected[spec.geometry]
        if spec.geometry:
            assert layer.crs().authid() == "EPSG:32647"
            assert layer.hasSpatialIndex() == 2  # QgsFeatureSource.SpatialIndexPresent
    districts = {f["district_code"]: f for f in layers["districts"].getFeatures()}
    assert len(districts) == 50
    assert districts[1003]["name_th"] == "หนองจอก"
    assert districts[1003]["target_small_households"] == 8232
    assert districts[1003].geometry().area() > 1e6
    with pg_superuser.cursor() as cursor:
        # members -> households -> communities, deletes cascading
        cursor.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text, confdeltype FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = %s::regnamespace ORDER BY 1",
            (schema,),
        )
        assert cursor.fetchall() == [
            (f"{schema}.households", f"{schema}.communities", "c"),
            (f"{schema}.kr8310_import_versions", f"{schema}.households", "c"),  # core/storage/row_versions.py
            (f"{schema}.mapper_districts", f"{schema}.districts", "c"),
            (f"{schema}.members", f"{schema}.households", "c"),
        ]
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = %s AND indexdef LIKE '%%USING gist (geom)%%'", (schema,)
        )
        assert cursor.fetchone()[0] == 3 + len(LAYOUT_LAYER_SPECS)  # the layout layers have geometry too
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal ORDER BY 1",
            (f"{schema}.households",),
        )
        assert [r[0] for r in cursor.fetchall()] == [
            "audit_row",
            "check_household_location",
            "check_row_version",
            "kr8310_coverage_flush",  # coverage kept by the server (postgis/coverage_triggers.py)
            "kr8310_coverage_note",
            "kr8310_coverage_truncated",
            "stamp_household",
        ]
    # An existing schema is kept unless OVERWRITE is set.
    with pytest.raises(QgsProcessingException, match="already exists"):
        run_algorithm("createdatabase", {"CONNECTION": pg_cluster.dsn(), "SCHEMA": schema})
    assert layers["districts"].featureCount() == 50


def test_check_constraints_and_derived_values(city, pg_superuser):
    schema = city.schema
    with pg_superuser.cursor() as cursor:
        household = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "check-1")
        for column, value in (("age", 121), ("age", -1), ("education", "'phd'"), ("disability", "'unknown'")):
            with pytest.raises(psycopg2.errors.CheckViolation):
                cursor.execute(
                    f"INSERT INTO {schema}.members (household_id, {column}) VALUES (%s, {value})", (household,)
                )
        with pytest.raises(psycopg2.errors.UniqueViolation):
            _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "check-1")
        cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household,))
        with pytest.raises(psycopg2.errors.CheckViolation):
            _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "x", member_count=0)
        with pytest.raises(psycopg2.errors.ForeignKeyViolation):
            _insert_household(cursor, schema, "9999-999", POINT_A, "x")
        cursor.execute(f"SELECT community_id, size_class FROM {schema}.communities ORDER BY 1")
        assert cursor.fetchall() == [(COMMUNITY_A, "S"), (COMMUNITY_B, "S")]
        cursor.execute(
            f"INSERT INTO {schema}.communities (community_id, district_code, registered_households, size_class) "
            "VALUES ('1001-900', 1001, 350, 'L') RETURNING size_class"
        )
        assert cursor.fetchone()[0] == "M"  # derived by the database, whatever the client sent
        cursor.execute(f"DELETE FROM {schema}.communities WHERE community_id = '1001-900'")


def test_layer_uri_names_schema_table_key_and_ssl(qgis_app):
    uri = postgis_layer_uri(
        "postgresql://somchai:s%40cret@db.example:5433/bma?schema=kr8310&sslmode=require", HOUSEHOLDS_SPEC
    )
    for part in (
        "dbname='bma'",
        "host=db.example",
        "port=5433",
        "user='somchai'",
        "password='s@cret'",
        "sslmode=require",
        "key='fid'",
        "srid=32647",
        "type=Point",
        'table="kr8310"."households" (geom)',
    ):
        assert part in uri
    with pytest.raises(PostgisError, match="saved PostgreSQL connection"):
        parse_target("pg:no-such-connection")
    with pytest.raises(PostgisError, match="schema name"):
        parse_target("postgresql://db/bma?schema=Robert'); DROP TABLE x")
    with pytest.raises(PostgisError, match="Unsupported option"):
        parse_target("postgresql://db/bma?options=-csearch_path")


# ---------------------------------------------------------------------------------------
# People and permissions


def test_mapper_edits_only_in_own_district(city, pg_superuser):
    schema = city.schema
    mapper_a = _connect(city.dsn("mapper_a"))
    mapper_b = _connect(city.dsn("mapper_b"))
    try:
        with mapper_a.cursor() as a, mapper_b.cursor() as b:
            household_a = _insert_household(a, schema, COMMUNITY_A, POINT_A, "rls-a")
            household_b = _insert_household(b, schema, COMMUNITY_B, POINT_B, "rls-b")
            # District A's mapper cannot put a household into a district B community ...
            with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="row-level security"):
                _insert_household(a, schema, COMMUNITY_B, POINT_B, "rls-intruder")
            # ... nor move one there, nor see, change or delete B's households and members.
            with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="row-level security"):
                a.execute(
                    f"UPDATE {schema}.households SET community_id = %s, geom = {_point_sql(POINT_B)} "
                    "WHERE household_id = %s",
                    (COMMUNITY_B, household_a),
                )
            a.execute(f"SELECT household_id FROM {schema}.households WHERE house_no LIKE 'rls-%%'")
            assert [r[0] for r in a.fetchall()] == [household_a]
            a.execute(f"UPDATE {schema}.households SET house_no = 'taken' WHERE household_id = %s", (household_b,))
            assert a.rowcount == 0
            a.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household_b,))
            assert a.rowcount == 0
            with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="row-level security"):
                a.execute(f"INSERT INTO {schema}.members (household_id, age) VALUES (%s, 30)", (household_b,))
            a.execute(f"INSERT INTO {schema}.members (household_id, age) VALUES (%s, 30)", (household_a,))
            # No field of communities, not even of its own: the server derives the coverage fields.
            for column in ("households_entered", "registered_households"):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    a.execute(f"UPDATE {schema}.communities SET {column} = 1 WHERE community_id = %s", (COMMUNITY_A,))
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"SELECT house_no FROM {schema}.households WHERE household_id = %s", (household_b,))
            assert cursor.fetchone()[0] == "rls-b"
            cursor.execute(f"DELETE FROM {schema}.households WHERE house_no LIKE 'rls-%%'")
    finally:
        mapper_a.close()
        mapper_b.close()


def test_planner_reads_coverage_but_no_personal_field(city):
    schema = city.schema
    planner = _connect(city.dsn("planner"))
    try:
        with planner.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {schema}.community_coverage")
            columns = {d.name for d in cursor.description}
            assert {"community_id", "coverage_pct", "households_complete"} <= columns
            assert not columns & PERSONAL_FIELDS
            cursor.execute(f"SELECT * FROM {schema}.community_coverage_all()")
            assert not {d.name for d in cursor.description} & PERSONAL_FIELDS
            cursor.execute(f"SELECT * FROM {schema}.kr_summary")
            assert not {d.name for d in cursor.description} & PERSONAL_FIELDS
            cursor.execute(f"SELECT * FROM {schema}.communities")
            assert not {d.name for d in cursor.description} & PERSONAL_FIELDS
            for sql in (
                f"SELECT house_no FROM {schema}.households",
                f"SELECT count(*) FROM {schema}.households",
                f"SELECT age, disability FROM {schema}.members",
                f"SELECT * FROM {schema}.audit_log",
                f"SELECT * FROM {schema}.mapper_districts",
                f"UPDATE {schema}.communities SET coverage_pct = 0",
            ):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cursor.execute(sql)
    finally:
        planner.close()


def test_every_change_is_audited_and_mappers_cannot_alter_the_audit(city, pg_superuser):
    schema = city.schema
    mapper = _connect(city.dsn("mapper_a"))
    try:
        with mapper.cursor() as cursor:
            household = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "audit-1", member_count=2)
            cursor.execute(
                f"INSERT INTO {schema}.members (household_id, age) VALUES (%s, 40) RETURNING member_id", (household,)
            )
            member = cursor.fetchone()[0]
            cursor.execute(
                f"UPDATE {schema}.households SET residence_years = 7, row_version = -(row_version + 1) "
                "WHERE household_id = %s",
                (household,),
            )
            cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household,))
            for sql in (
                f"SELECT * FROM {schema}.audit_log",
                f"DELETE FROM {schema}.audit_log",
                f"UPDATE {schema}.audit_log SET db_user = 'nobody'",
                f"INSERT INTO {schema}.audit_log (table_name, row_key, operation, db_user, changed_at, "
                "transaction_id) VALUES ('households', 'x', 'DELETE', 'x', now(), 0)",
                f"TRUNCATE {schema}.audit_log",
            ):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cursor.execute(sql)
        with pg_superuser.cursor() as cursor:
            cursor.execute(
                f"SELECT table_name, row_key, operation, db_user, old_values ->> 'residence_years', "
                f"new_values ->> 'residence_years', new_values -> 'geom' ->> 'type' FROM {schema}.audit_log "
                "WHERE row_key IN (%s, %s) ORDER BY audit_id",
                (household, member),
            )
            user = city.users["mapper_a"]
            assert cursor.fetchall() == [
                ("households", household, "INSERT", user, None, "5", "Point"),
                ("members", member, "INSERT", user, None, None, None),
                ("households", household, "UPDATE", user, "5", "7", "Point"),
                ("households", household, "DELETE", user, "7", None, None),
                ("members", member, "DELETE", user, None, None, None),  # cascaded with its household
            ]
            cursor.execute(f"SELECT changed_at <= now() FROM {schema}.audit_log WHERE row_key = %s", (household,))
            assert all(r[0] for r in cursor.fetchall())
    finally:
        mapper.close()


def test_editor_and_updated_at_are_set_by_the_database(city):
    schema = city.schema
    mapper = _connect(city.dsn("mapper_a"))
    try:
        with mapper.cursor() as cursor:
            household = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "stamp-1")
            cursor.execute(
                f"SELECT editor, updated_at, created_at, row_version FROM {schema}.households WHERE household_id = %s",
                (household,),
            )
            editor, updated, created, version = cursor.fetchone()
            assert (editor, version) == (city.users["mapper_a"], 1)
            cursor.execute(
                f"UPDATE {schema}.households SET editor = 'someone else', created_at = '2000-01-01', "
                "house_no = 'stamp-2' WHERE household_id = %s",
                (household,),
            )
            cursor.execute(
                f"SELECT editor, updated_at, created_at, row_version FROM {schema}.households WHERE household_id = %s",
                (household,),
            )
            editor2, updated2, created2, version2 = cursor.fetchone()
            assert (editor2, created2, version2) == (city.users["mapper_a"], created, 2)
            assert updated2 > updated
            cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household,))
    finally:
        mapper.close()


# ---------------------------------------------------------------------------------------
# No lost edits


def test_second_concurrent_save_is_refused(city):
    """Two connections read version 1; the first save wins, the second is refused, not merged."""
    schema = city.schema
    first, second = _connect(city.dsn("mapper_a")), _connect(city.dsn("mapper_a"))
    try:
        with first.cursor() as one, second.cursor() as two:
            household = _insert_household(one, schema, COMMUNITY_A, POINT_A, "lock-1")
            for cursor in (one, two):
                cursor.execute(f"SELECT row_version FROM {schema}.households WHERE household_id = %s", (household,))
                assert cursor.fetchone()[0] == 1
            update = f"UPDATE {schema}.households SET house_no = %s, row_version = %s WHERE household_id = %s"
            # The second connection's transaction waits on the first's row lock, then sees version 2.
            second.autocommit = False
            first.autocommit = False
            one.execute(update, ("lock-first", -2, household))
            one.connection.commit()
            with pytest.raises(psycopg2.errors.SerializationFailure, match=CONFLICT_TAG):
                two.execute(update, ("lock-second", -2, household))
            second.rollback()
            one.execute(f"SELECT house_no, row_version FROM {schema}.households WHERE household_id = %s", (household,))
            assert one.fetchone() == ("lock-first", 2)
            # Starting again from the current version succeeds.
            two.execute(update, ("lock-second", -3, household))
            second.commit()
            one.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household,))
            first.commit()
    finally:
        first.close()
        second.close()


def _buffered_value(layer: QgsVectorLayer, fid: int, field: str):
    return layer.editBuffer().changedAttributeValues().get(fid, {}).get(layer.fields().indexOf(field))


def test_failed_commits_keep_the_edits_in_the_buffer(city, pg_superuser):
    """Conflict, check constraint and permission: commitChanges() fails, says why, and keeps every edit."""
    schema = city.schema
    with pg_superuser.cursor() as cursor:
        household = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "buffer-1")
    layers = open_database_layers(city.database_as("mapper_a"))
    households = layers["households"]
    feature = next(households.getFeatures(f"\"household_id\" = '{household}'"))
    fid = feature.id()

    # 1. Someone else saves the household while this mapper edits it.
    assert households.startEditing()
    assert households.changeAttributeValue(fid, households.fields().indexOf("house_no"), "buffer-mine")
    assert households.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(661960, 1521160)))
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"UPDATE {schema}.households SET residence_years = 9, row_version = -(row_version + 1) "
            "WHERE household_id = %s",
            (household,),
        )
    assert not households.commitChanges(False)
    errors = households.commitErrors()
    assert CONFLICT_TAG in "\n".join(errors)
    assert "Someone else saved" in explain_commit_errors(errors)
    assert households.isEditable() and households.isModified()
    assert _buffered_value(households, fid, "house_no") == "buffer-mine"
    assert households.editBuffer().changedGeometries()[fid].asPoint() == QgsPointXY(661960, 1521160)
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT house_no, residence_years, row_version, ST_X(geom) FROM {schema}.households "
            "WHERE household_id = %s",
            (household,),
        )
        assert cursor.fetchone() == ("buffer-1", 9, 2, POINT_A[0])  # the other save stands, nothing half-written
    households.rollBack()

    # After reloading, the same edit goes through and bumps the version once.
    assert households.startEditing()
    assert households.changeAttributeValue(fid, households.fields().indexOf("house_no"), "buffer-mine")
    assert households.changeAttributeValue(fid, households.fields().indexOf("member_count"), 2)
    assert households.commitChanges(), households.commitErrors()

    # 2. A value the database rules refuse.
    assert households.startEditing()
    assert households.changeAttributeValue(fid, households.fields().indexOf("residence_years"), 500)
    assert not households.commitChanges(False)
    assert "violates check constraint" in "\n".join(households.commitErrors())
    assert _buffered_value(households, fid, "residence_years") == 500
    households.rollBack()

    # 3. A household in another district's community: refused by row-level security.
    assert households.startEditing()
    fields = households.fields()
    new = QgsVectorLayerUtils.createFeature(
        households,
        QgsGeometry.fromPointXY(QgsPointXY(*POINT_B)),
        {
            fields.indexOf("community_id"): COMMUNITY_B,
            fields.indexOf("house_no"): "buffer-intruder",
            fields.indexOf("member_count"): 1,
        },
    )
    assert households.addFeature(new)
    assert not households.commitChanges(False)
    errors = households.commitErrors()
    assert "row-level security" in "\n".join(errors)
    assert "your own district" in explain_commit_errors(errors)
    added = list(households.editBuffer().addedFeatures().values())
    assert [f["house_no"] for f in added] == ["buffer-intruder"]
    households.rollBack()

    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT house_no, member_count, residence_years, row_version, editor FROM {schema}.households "
            "WHERE household_id = %s",
            (household,),
        )
        assert cursor.fetchone() == ("buffer-mine", 2, 9, 3, city.users["mapper_a"])
        cursor.execute(f"SELECT count(*) FROM {schema}.households WHERE house_no = 'buffer-intruder'")
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"DELETE FROM {schema}.households WHERE household_id = %s", (household,))


# ---------------------------------------------------------------------------------------
# Coverage in the database


def test_coverage_view_follows_the_definitions(city, pg_superuser):
    schema = city.schema
    with pg_superuser.cursor() as cursor:
        complete = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "cov-complete", member_count=2)
        short = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "cov-short", member_count=2)
        blank = _insert_household(cursor, schema, COMMUNITY_A, POINT_A, "cov-blank", member_count=1)
        member = "(%s, 30, 'primary', 'trade', 'none', false)"
        cursor.execute(
            f"INSERT INTO {schema}.members (household_id, age, education, occupation, disability, bedridden) "
            f"VALUES {member}, {member}, {member}",
            (complete, complete, short),
        )
        cursor.execute(f"UPDATE {schema}.households SET house_no = '  ' WHERE household_id = %s", (blank,))
        _insert_household(cursor, schema, COMMUNITY_B, POINT_B, "cov-b")  # B has 0 registered
        result = coverage_in_database(city.database)
        assert result[COMMUNITY_A] == (3, 1, pytest.approx(100 / 3), "ok")
        assert result[COMMUNITY_B] == (1, 0, None, "zero_registered")
        # The schema keeps the communities' numbers itself (postgis/coverage_triggers.py): nothing to refresh.
        assert refresh_coverage_in_database(city.database) == 0
        cursor.execute(f"SELECT households_complete, coverage_flag FROM {schema}.communities ORDER BY community_id")
        assert cursor.fetchall() == [(1, "ok"), (0, "zero_registered")]
        cursor.execute(f"DELETE FROM {schema}.households WHERE house_no LIKE 'cov-%%' OR household_id = %s", (blank,))


def test_lost_connection_keeps_the_edits_in_the_buffer(qgis_app, kr8310_provider):
    """The server goes away between editing and saving: the save fails and nothing typed is lost."""
    from pg_cluster import FAST_SETTINGS, start_cluster

    cluster = start_cluster(FAST_SETTINGS)  # its own cluster: this test stops the server
    try:
        database = f"{cluster.dsn()}?schema=kr_lost"
        build_postgis_database(database, roles=False)
        with _connect(cluster.dsn()) as connection, connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO kr_lost.communities (community_id, district_code, registered_households, geom) "
                f"VALUES ('{COMMUNITY_A}', 1001, 3, {_square_sql(*SQUARE_A)})"
            )
            household = _insert_household(cursor, "kr_lost", COMMUNITY_A, POINT_A, "lost-1")
        households = open_database_layers(database)["households"]
        fid = next(households.getFeatures(f"\"household_id\" = '{household}'")).id()
        assert households.startEditing()
        assert households.changeAttributeValue(fid, households.fields().indexOf("house_no"), "typed offline")
        cluster.stop()
        assert not households.commitChanges(False)
        assert "connection to the database was lost" in explain_commit_errors(households.commitErrors(), households)
        assert households.isModified()
        assert _buffered_value(households, fid, "house_no") == "typed offline"
        households.rollBack()
    finally:
        cluster.stop()


def test_a_saved_qgis_connection_names_the_database(city):
    """pg:NAME uses a connection saved in QGIS (Browser ▸ PostgreSQL), as mappers set it up."""
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    name = "kr8310 test connection"
    connection = metadata.createConnection(
        parse_target(city.database_as("planner")).connection_string(), {"saveUsername": True, "savePassword": True}
    )
    metadata.saveConnection(connection, name)
    database = f"pg:{name}?schema={city.schema}"
    try:
        communities = open_layer(database, "communities")
        assert {f["community_id"] for f in communities.getFeatures()} >= {COMMUNITY_A, COMMUNITY_B}
        assert open_layer(database, "districts").featureCount() == 50
        # The planner's login may not read households or members at all.
        for layer_name in ("households", "members"):
            with pytest.raises(DataSourceError):
                open_layer(database, layer_name)
    finally:
        metadata.deleteConnection(name)


def test_mapper_project_saves_and_updates_coverage_live(city, pg_superuser, qgis_app):
    """A district mapper's set-up project on PostGIS: edit buffers (no transaction holding locks),
    a new household with its members saved, and its community's coverage updated by the plugin."""
    import uuid

    from qgis.core import QgsProject

    from kr8310_plugin.compat import transaction_groups_enabled
    from kr8310_plugin.core.project.setup import set_up_project
    from kr8310_plugin.gui.live_coverage import LiveCoverageManager

    project = QgsProject.instance()
    project.clear()
    layers = set_up_project(project, city.database_as("mapper_a"), "en")
    assert not transaction_groups_enabled(project)
    manager = LiveCoverageManager(project)
    tracker = next(iter(manager.trackers.values()))
    refreshed, failures = [], []
    tracker.refreshed.connect(refreshed.append)
    tracker.failed.connect(failures.append)
    households, members = layers["households"], layers["members"]
    household_id = str(uuid.uuid4())
    try:
        for layer in (households, members):
            assert layer.startEditing()
        household = QgsVectorLayerUtils.createFeature(
            households, QgsGeometry.fromPointXY(QgsPointXY(*POINT_A)), {}, households.createExpressionContext()
        )
        values = {
            "household_id": household_id,
            "community_id": COMMUNITY_A,
            "house_no": "live-1",
            "building_type": "row_house",
            "residence_years": 3,
            "member_count": 2,
        }
        for name, value in values.items():
            household[name] = value
        assert households.addFeature(household)
        for index in range(2):
            member = QgsVectorLayerUtils.createFeature(members)
            for name, value in {
                "member_id": f"{household_id}-{index}",
                "household_id": household_id,
                "age": 30,
                "education": "primary",
                "occupation": "trade",
                "disability": "none",
                "bedridden": False,
            }.items():
                member[name] = value
            assert members.addFeature(member)
        for layer in (households, members):
            assert layer.commitChanges(), layer.commitErrors()
        qgis_app.processEvents()
        assert not failures
        assert COMMUNITY_A in {c for ids in refreshed for c in ids}
        with pg_superuser.cursor() as cursor:
            cursor.execute(
                f"SELECT c.households_entered, c.households_complete, c.coverage_flag, v.households_entered, "
                f"v.households_complete, v.coverage_flag, h.editor, h.row_version FROM {city.schema}.communities c "
                f"JOIN {city.schema}.community_coverage v USING (community_id) "
                f"JOIN {city.schema}.households h ON h.household_id = %s WHERE c.community_id = %s",
                (household_id, COMMUNITY_A),
            )
            *stored, editor, version = cursor.fetchone()
        assert stored[:3] == stored[3:]  # what the plugin stored is what the database computes
        assert stored[1] >= 1
        assert (editor, version) == (city.users["mapper_a"], 1)
    finally:
        for layer in layers.values():
            if layer.isEditable():
                layer.rollBack()
        manager.unload()
        project.clear()
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"DELETE FROM {city.schema}.households WHERE household_id = %s", (household_id,))
            cursor.execute(
                f"UPDATE {city.schema}.communities SET households_entered = NULL, households_complete = NULL, "
                "coverage_pct = NULL, coverage_flag = NULL"
            )
