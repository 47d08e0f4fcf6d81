"""The security model of a PostGIS community database (core/storage/postgis/roles.py, ddl.py) against a
real server: nobody but the owner can falsify the data or its audit trail, the server checks where
a household lies and stamps who and when, and planners export maps and reports without reading a
household. The database is set up as README says: by a login with CREATEROLE, not a superuser."""

from __future__ import annotations

import re

import psycopg2
import psycopg2.errors
import pytest
from pg_sessions import autocommit_cursor  # noqa: E402
from qgis.core import QgsGeometry, QgsPointXY

from kr8310_plugin.core.rules.household_location import (
    COMMUNITY_EDGE_TOLERANCE_M,
    DISTRICT_EDGE_TOLERANCE_M,
    OUTSIDE_COMMUNITY,
    OUTSIDE_DISTRICT,
    community_distance_sql,
    community_limit_sql,
    location_problem,
    within_district_sql,
)
from kr8310_plugin.core.storage.datasource import DataSourceError, open_database_layers, open_layer
from kr8310_plugin.core.storage.postgis import ddl
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.connection import connect, execute
from kr8310_plugin.core.storage.postgis.editing import explain_commit_errors
from kr8310_plugin.core.storage.postgis.target import mask_passwords, parse_target

pytestmark = pytest.mark.postgis

SCHEMA = "kr_secure"
WORKING_ROLES = ("admin", "mapper", "planner")
# District 1001 (Phra Nakhon) and 1002: A and B are 100 m squares inside them; P is known only by a
# point in 1001, 125 m from the boundary with 1002.
COMMUNITY_A, COMMUNITY_B, COMMUNITY_P = "1001-001", "1002-001", "1001-002"
SQUARE_A, SQUARE_B = (661900, 1521100), (664100, 1523900)
POINT_A, POINT_B, LOCATION_P = (661950, 1521150), (664150, 1523950), (662993, 1522171)
DERIVED_FIELDS = ("households_entered", "households_complete", "coverage_pct", "coverage_flag", "size_class")
PASSWORD = "S3c@re/t"


def _square_sql(corner: tuple[int, int]) -> str:
    x, y = corner
    return f"ST_Multi(ST_MakeEnvelope({x}, {y}, {x + 100}, {y + 100}, 32647))"


def _point_sql(point) -> str:
    return f"ST_SetSRID(ST_Point({point[0]}, {point[1]}), 32647)"


_session = autocommit_cursor


def _create_logins(pg_superuser, schema: str, kinds) -> dict[str, str]:
    users = {kind: f"{schema}_{kind}_user" for kind in kinds}
    with pg_superuser.cursor() as cursor:
        for kind, user in users.items():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN" + (" CREATEROLE" if kind == "builder" else ""))
        if "builder" in users:  # README: the GIS admin may create roles and schemas, nothing more
            cursor.execute(f"GRANT CREATE ON DATABASE kr8310 TO {users['builder']}")
    return users


@pytest.fixture(scope="module")
def town(pg_cluster, pg_superuser, kr8310_provider):
    """The community database built by a CREATEROLE login, with an admin, mappers of 1001 and 1002 and a
    planner, and communities A, B (polygons) and P (a point)."""
    users = _create_logins(pg_superuser, SCHEMA, ("builder", "admin", "mapper_a", "mapper_b", "planner"))
    build_postgis_database(f"{pg_cluster.dsn(users['builder'])}?schema={SCHEMA}", overwrite=True)
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"GRANT {SCHEMA}_admin TO {users['admin']}")
        cursor.execute(f"GRANT {SCHEMA}_planner TO {users['planner']}")
    with _session(pg_cluster.dsn(users["admin"])) as cursor:
        cursor.execute(f"SELECT {SCHEMA}.assign_mapper(%s, 1001)", (users["mapper_a"],))
        cursor.execute(f"SELECT {SCHEMA}.assign_mapper(%s, 1002)", (users["mapper_b"],))
        cursor.execute(
            f"INSERT INTO {SCHEMA}.communities (community_id, name, district_code, registered_households, geom, "
            f"location_x, location_y) VALUES "
            f"('{COMMUNITY_A}', 'ชุมชน A', 1001, 3, {_square_sql(SQUARE_A)}, NULL, NULL), "
            f"('{COMMUNITY_B}', 'ชุมชน B', 1002, 2, {_square_sql(SQUARE_B)}, NULL, NULL), "
            f"('{COMMUNITY_P}', 'ชุมชน P', 1001, 40, NULL, {LOCATION_P[0]}, {LOCATION_P[1]})"
        )

    class Town:
        pass

    town = Town()
    town.users, town.cluster = users, pg_cluster
    town.dsn = lambda kind: pg_cluster.dsn(users[kind])
    town.database_as = lambda kind: f"{pg_cluster.dsn(users[kind])}?schema={SCHEMA}"
    return town


def _insert_household(cursor, community_id: str, point, house_no: str, extra: str = "", values: str = "") -> str:
    cursor.execute(
        f"INSERT INTO {SCHEMA}.households (community_id, house_no, building_type, residence_years, member_count, "
        f"geom{extra}) VALUES (%s, %s, 'row_house', 5, 1, {_point_sql(point) if point else 'NULL'}{values}) "
        "RETURNING household_id",
        (community_id, house_no),
    )
    return cursor.fetchone()[0]


def _tables(pg_superuser, schema: str = SCHEMA) -> list[str]:
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            "SELECT oid::regclass::text FROM pg_class WHERE relnamespace = %s::regnamespace "
            "AND relkind IN ('r', 'p', 'v') ORDER BY 1",
            (schema,),
        )
        return [row[0] for row in cursor.fetchall()]


# ---------------------------------------------------------------------------------------
# 6, 7: the owner alone acts on tables; it cannot log in


def test_the_owner_role_owns_everything_and_cannot_log_in(town, pg_superuser):
    with pg_superuser.cursor() as cursor:
        cursor.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (f"{SCHEMA}_owner",))
        assert cursor.fetchone() == (False,)
        cursor.execute(
            "SELECT pg_has_role(%s, %s, 'MEMBER'), nspowner::regrole::text FROM pg_namespace WHERE nspname = %s",
            (town.users["builder"], f"{SCHEMA}_owner", SCHEMA),
        )
        assert cursor.fetchone() == (True, f"{SCHEMA}_owner")  # the login that set it up acts as the owner
        cursor.execute(
            "SELECT relname, relowner::regrole::text FROM pg_class WHERE relnamespace = %s::regnamespace "
            "UNION ALL SELECT proname, proowner::regrole::text FROM pg_proc WHERE pronamespace = %s::regnamespace",
            (SCHEMA, SCHEMA),
        )
        owners = dict(cursor.fetchall())
    assert {"households", "audit_log", "audit_row", "communities", "districts"} <= set(owners)
    assert set(owners.values()) == {f"{SCHEMA}_owner"}


def test_nobody_but_the_owner_truncates_or_creates_triggers(town, pg_superuser):
    """An admin's TRUNCATE … CASCADE would wipe households and members with no audit row; a trigger
    of theirs (a pg_temp function) would run in the owner's session."""
    with _session(town.dsn("admin")) as cursor:
        for table in ("households", "members", "communities", "districts", "audit_log"):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(f"TRUNCATE {SCHEMA}.{table} CASCADE")
        cursor.execute(
            "CREATE FUNCTION pg_temp.wipe_audit() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN DELETE FROM {SCHEMA}.audit_log; RETURN NEW; END $$"
        )
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute(
                f"CREATE TRIGGER wipe_audit BEFORE UPDATE ON {SCHEMA}.households "
                "FOR EACH ROW EXECUTE FUNCTION pg_temp.wipe_audit()"
            )
    granted = []
    with pg_superuser.cursor() as cursor:
        for table in _tables(pg_superuser):  # the layout tables, views and settings too
            for kind in (*WORKING_ROLES, "public"):
                role = "public" if kind == "public" else f"{SCHEMA}_{kind}"
                for privilege in ("TRUNCATE", "TRIGGER", "REFERENCES"):
                    cursor.execute("SELECT has_table_privilege(%s, %s, %s)", (role, table, privilege))
                    if cursor.fetchone()[0]:
                        granted.append((role, table, privilege))
    assert granted == []


# ---------------------------------------------------------------------------------------
# 8: functions that resolve names only in pg_catalog, the schema, pg_temp


def test_every_function_of_the_schema_has_the_safe_search_path(town, pg_superuser):
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            "SELECT proname, prosecdef, coalesce(proconfig, '{}'), prosrc FROM pg_proc "
            "WHERE pronamespace = %s::regnamespace AND prokind = 'f'",
            (SCHEMA,),
        )
        functions = cursor.fetchall()
    assert {name for name, definer, *_ in functions if definer} >= {
        "audit_row",
        "community_coverage_all",
        "my_district_codes",
        "refresh_coverage",
        "latest_household_change",
    }
    unsafe = [
        name
        for name, _definer, config, _source in functions
        if f"search_path=pg_catalog, {SCHEMA}, pg_temp" not in config
    ]
    assert unsafe == []
    # PostGIS lives in public, which the search_path leaves out: every call of it names its schema.
    unqualified = [name for name, *_rest, source in functions if re.search(r"(?<![\w.])ST_\w+\s*\(", source, re.I)]
    assert unqualified == []


def test_a_function_planted_in_a_writable_public_does_not_run_as_the_owner(town, pg_superuser):
    """PostgreSQL <= 14 lets everyone create in public: a mapper's public.to_jsonb(households) would be
    picked (an exact match) by the audit trigger, run as the owner, and wipe the audit log."""
    with pg_superuser.cursor() as cursor:
        cursor.execute("GRANT CREATE ON SCHEMA public TO PUBLIC")
        cursor.execute(f"SELECT count(*) FROM {SCHEMA}.audit_log")
        before = cursor.fetchone()[0]
    try:
        with _session(town.dsn("mapper_a")) as cursor:
            cursor.execute(
                f"CREATE FUNCTION public.to_jsonb({SCHEMA}.households) RETURNS jsonb LANGUAGE plpgsql AS "
                f"$$ BEGIN DELETE FROM {SCHEMA}.audit_log; RETURN '{{}}'::jsonb; END $$"
            )
            household = _insert_household(cursor, COMMUNITY_A, POINT_A, "planted-1")
            cursor.execute(
                f"UPDATE {SCHEMA}.households SET residence_years = 6, row_version = -(row_version + 1) "
                "WHERE household_id = %s",
                (household,),
            )
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {SCHEMA}.audit_log")
            assert cursor.fetchone()[0] == before + 2
            cursor.execute(
                f"SELECT new_values ->> 'house_no' FROM {SCHEMA}.audit_log WHERE row_key = %s ORDER BY audit_id",
                (household,),
            )
            assert [r[0] for r in cursor.fetchall()] == ["planted-1", "planted-1"]
    finally:
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"DROP FUNCTION IF EXISTS public.to_jsonb({SCHEMA}.households)")
            cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE house_no = 'planted-1'")


# ---------------------------------------------------------------------------------------
# 9: register changes audited, audit ids the owner's


def _audit_rows(pg_superuser, table: str, row_key: str, since: int) -> list[tuple]:
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"SELECT operation, db_user, old_values, new_values FROM {SCHEMA}.audit_log "
            "WHERE table_name = %s AND row_key = %s AND audit_id > %s ORDER BY audit_id",
            (table, row_key, since),
        )
        return cursor.fetchall()


def test_register_changes_by_an_admin_are_audited(town, pg_superuser):
    admin_user = town.users["admin"]
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT max(audit_id) FROM {SCHEMA}.audit_log")
        since = cursor.fetchone()[0]
    assert [r[:2] for r in _audit_rows(pg_superuser, "mapper_districts", town.users["mapper_a"], 0)] == [
        ("INSERT", admin_user)
    ]
    with _session(town.dsn("admin")) as cursor:
        cursor.execute(
            f"UPDATE {SCHEMA}.communities SET registered_households = 90 WHERE community_id = %s", (COMMUNITY_B,)
        )
        cursor.execute(
            f"UPDATE {SCHEMA}.districts SET target_small_households = target_small_households + 1 "
            "WHERE district_code = 1002"
        )
        cursor.execute(f"UPDATE {SCHEMA}.kr8310_settings SET value = value WHERE key = 'rule_version'")  # no change
        cursor.execute(
            f"INSERT INTO {SCHEMA}.kr8310_settings (key, value) VALUES ('{ddl.POINT_RADIUS_SETTING}', '300')"
        )
        # The coverage fields are derived (the view recomputes them at any time): not a register change.
        cursor.execute(f"UPDATE {SCHEMA}.communities SET coverage_pct = 12.5 WHERE community_id = %s", (COMMUNITY_B,))
        cursor.execute(
            f"UPDATE {SCHEMA}.communities SET registered_households = 2 WHERE community_id = %s", (COMMUNITY_B,)
        )
    changes = _audit_rows(pg_superuser, "communities", COMMUNITY_B, since)
    assert [
        (op, user, old["registered_households"], new["registered_households"]) for op, user, old, new in changes
    ] == [
        ("UPDATE", admin_user, 2, 90),
        ("UPDATE", admin_user, 90, 2),
    ]
    assert changes[0][3]["size_class"] == "S"
    (district,) = _audit_rows(pg_superuser, "districts", "1002", since)
    assert district[3]["target_small_households"] == district[2]["target_small_households"] + 1
    assert [r[0] for r in _audit_rows(pg_superuser, "kr8310_settings", ddl.POINT_RADIUS_SETTING, since)] == ["INSERT"]
    assert _audit_rows(pg_superuser, "kr8310_settings", "rule_version", since) == []
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SCHEMA}.kr8310_settings WHERE key = %s", (ddl.POINT_RADIUS_SETTING,))
        cursor.execute(f"UPDATE {SCHEMA}.communities SET coverage_pct = NULL WHERE community_id = %s", (COMMUNITY_B,))


def test_audit_ids_cannot_be_rewound_or_taken_but_by_the_owner(town, pg_superuser):
    sequence = f"{SCHEMA}.audit_log_audit_id_seq"
    for kind in ("admin", "mapper_a", "planner"):
        with _session(town.dsn(kind)) as cursor:
            for sql in (f"SELECT setval('{sequence}', 1)", f"SELECT nextval('{sequence}')"):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cursor.execute(sql)
    with pg_superuser.cursor() as cursor:
        for kind in (*WORKING_ROLES, "public"):
            role = "public" if kind == "public" else f"{SCHEMA}_{kind}"
            cursor.execute(
                "SELECT has_sequence_privilege(%s, %s, 'UPDATE') OR has_sequence_privilege(%s, %s, 'USAGE')",
                (role, sequence, role, sequence),
            )
            assert cursor.fetchone()[0] is False, role


# ---------------------------------------------------------------------------------------
# 10: derived and register fields of communities


def test_mappers_and_planners_cannot_write_stored_coverage_or_register_fields(town):
    for kind in ("mapper_a", "planner"):
        with _session(town.dsn(kind)) as cursor:
            for column, value in (*((c, "NULL") for c in DERIVED_FIELDS), ("registered_households", "1")):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cursor.execute(
                        f"UPDATE {SCHEMA}.communities SET {column} = {value} WHERE community_id = %s", (COMMUNITY_A,)
                    )
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(
                    f"UPDATE {SCHEMA}.communities SET households_complete = registered_households, coverage_pct = 100"
                )


# ---------------------------------------------------------------------------------------
# 11: where a household may lie


def _refused(cursor, sql: str, parameters=()) -> str:
    with pytest.raises(psycopg2.errors.CheckViolation) as refused:
        cursor.execute(sql, parameters)
    return str(refused.value)


def test_the_server_refuses_a_point_away_from_its_community_or_district(town, pg_superuser):
    with _session(town.dsn("mapper_a")) as cursor:
        household = _insert_household(cursor, COMMUNITY_A, POINT_A, "where-1")
        move = f"UPDATE {SCHEMA}.households SET geom = %s::geometry WHERE household_id = %s"
        # (0, 0), and into district 1002's community B: refused, the message names the household and why.
        square = QgsGeometry.fromWkt(_square(SQUARE_A).asWkt())
        for point in ((0, 0), POINT_B):
            message = _refused(cursor, move, (f"SRID=32647;POINT({point[0]} {point[1]})", household))
            assert ddl.LOCATION_TAG in message and household in message
            distance = round(square.distance(QgsGeometry.fromPointXY(QgsPointXY(*point))))
            assert f"lies {distance} m from its community {COMMUNITY_A} (at most 30 m allowed)" in message
        # A phone's GPS error at the polygon's edge is allowed.
        edge = SQUARE_A[0] + 100
        cursor.execute(move, (f"SRID=32647;POINT({edge + COMMUNITY_EDGE_TOLERANCE_M - 1} 1521150)", household))
        _refused(cursor, move, (f"SRID=32647;POINT({edge + COMMUNITY_EDGE_TOLERANCE_M + 1} 1521150)", household))
        # A community known only by its point: within the radius (300 m; the settings may say otherwise).
        x, y = LOCATION_P
        in_p = _insert_household(cursor, COMMUNITY_P, (x - 250, y), "where-p")
        message = _refused(cursor, move, (f"SRID=32647;POINT({x - 350} {y})", in_p))
        assert "lies 350 m from its community 1001-002 (at most 300 m allowed)" in message
        # Near the district boundary: up to 100 m into district 1002 (generalised boundaries), no further.
        cursor.execute(move, (f"SRID=32647;POINT({x + 125} {y + 125})", in_p))  # 81 m beyond 1001
        message = _refused(cursor, move, (f"SRID=32647;POINT({x + 250} {y + 125})", in_p))  # 176 m
        assert "lies 176 m outside district 1001 of its community 1001-002" in message
        # The community follows the point: moving both to B is not this mapper's to do (row-level security).
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute(
                f"UPDATE {SCHEMA}.households SET community_id = %s, geom = {_point_sql(POINT_B)} "
                "WHERE household_id = %s",
                (COMMUNITY_B, household),
            )
        cursor.execute(f"UPDATE {SCHEMA}.households SET house_no = 'where-1b' WHERE household_id = %s", (household,))
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"INSERT INTO {SCHEMA}.kr8310_settings VALUES ('{ddl.POINT_RADIUS_SETTING}', '400')")
        cursor.execute(move, (f"SRID=32647;POINT({x - 350} {y})", in_p))
        cursor.execute(f"DELETE FROM {SCHEMA}.kr8310_settings WHERE key = '{ddl.POINT_RADIUS_SETTING}'")
        # A household in no community must still lie in Bangkok.
        nowhere = _insert_household(cursor, None, POINT_A, "where-none")
        message = _refused(cursor, move, ("SRID=32647;POINT(0 0)", nowhere))
        assert "outside Bangkok's districts" in message
        cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE house_no LIKE 'where-%%'")


def test_a_refused_location_reaches_the_mapper_and_keeps_the_edit(town, pg_superuser, qgis_app):
    with pg_superuser.cursor() as cursor:
        household = _insert_household(cursor, COMMUNITY_A, POINT_A, "where-qgis")
    try:
        households = open_database_layers(town.database_as("mapper_a"))["households"]
        fid = next(households.getFeatures(f"\"household_id\" = '{household}'")).id()
        assert households.startEditing()
        assert households.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(*POINT_B)))
        assert not households.commitChanges(False)
        errors = "\n".join(households.commitErrors())
        assert ddl.LOCATION_TAG in errors and household in errors
        explained = explain_commit_errors(households.commitErrors())
        assert household in explained and "outside its community or district" in explained
        assert households.editBuffer().changedGeometries()[fid].asPoint() == QgsPointXY(*POINT_B)
        households.rollBack()
    finally:
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE household_id = %s", (household,))


def _square(corner: tuple[float, float], size: float = 100.0) -> QgsGeometry:
    x, y = corner
    return QgsGeometry.fromWkt(f"MULTIPOLYGON((({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y})))")


def test_the_location_rule_is_the_same_in_python_and_on_the_server(pg_cluster, qgis_app):
    """rules/household_location.py: the Python rule and its SQL dialect agree on awkward points."""
    polygon = _square((0, 0))
    district = _square((-1000, -1000), 3000)
    edge, district_edge = COMMUNITY_EDGE_TOLERANCE_M, DISTRICT_EDGE_TOLERANCE_M
    cases = [  # point, community polygon, community point, district polygon
        ((50, 50), polygon, None, district),
        ((100, 50), polygon, None, district),  # on the edge
        ((100 + edge - 0.01, 50), polygon, None, district),
        ((100 + edge + 0.01, 50), polygon, None, district),
        ((50, 50), QgsGeometry(), QgsPointXY(50, 350 - 0.01), district),  # just within 300 m
        ((50, 50), None, QgsPointXY(50, 350.01), district),
        ((50, 50), polygon, QgsPointXY(5000, 5000), district),  # the polygon decides, not the point
        ((1234, 50), None, None, district),  # nothing to measure against but the district
        ((2000 + district_edge - 0.01, 50), None, None, district),
        ((2000 + district_edge + 0.01, 50), None, None, district),
        ((-5000, -5000), None, None, None),  # no district to measure against either
    ]
    st = "public."
    distance = community_distance_sql("p", "c", "x", "y", 32647, st)
    limit = community_limit_sql("c", "300", st)
    within = within_district_sql("p", "d", st)
    connection = connect(parse_target(pg_cluster.dsn()))
    for (px, py), community, point, district_polygon in cases:
        expected = location_problem(
            QgsPointXY(px, py), community, point, [district_polygon] if district_polygon else []
        )
        wkt = community.asWkt() if community and not community.isNull() else None
        sql = (
            f"SELECT {distance}, {limit}, {within} FROM (SELECT ST_SetSRID(ST_Point({px}, {py}), 32647) AS p, "
            f"ST_GeomFromText({'NULL' if wkt is None else repr(wkt)}, 32647) AS c, "
            f"{point.x() if point else 'NULL'}::float8 AS x, {point.y() if point else 'NULL'}::float8 AS y, "
            f"ST_GeomFromText({repr(district_polygon.asWkt()) if district_polygon else 'NULL'}, 32647) AS d) v"
        )
        far, allowed, in_district = execute(connection, sql)[0]
        on_server = None
        if far not in (None, "") and not hasattr(far, "isNull") and float(far) > float(allowed):
            on_server = OUTSIDE_COMMUNITY
        elif in_district is False:
            on_server = OUTSIDE_DISTRICT
        assert on_server == (expected.reason if expected else None), ((px, py), expected)


# ---------------------------------------------------------------------------------------
# 12: the server's clock and login


def test_created_at_updated_at_and_editor_are_the_servers(town, pg_superuser):
    with _session(town.dsn("mapper_a")) as cursor:
        household = _insert_household(
            cursor,
            COMMUNITY_A,
            POINT_A,
            "stamp-1",
            ", created_at, updated_at, editor",
            ", '2000-01-01', '2000-01-01', 'someone else'",
        )
        cursor.execute(
            f"SELECT created_at > now() - interval '1 hour', updated_at > now() - interval '1 hour', editor "
            f"FROM {SCHEMA}.households WHERE household_id = %s",
            (household,),
        )
        assert cursor.fetchone() == (True, True, town.users["mapper_a"])
        cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE household_id = %s", (household,))


# ---------------------------------------------------------------------------------------
# 16: planners export, and no password is ever echoed


def test_a_planner_exports_the_report_and_the_map_from_postgis(town, pg_superuser, run_algorithm, tmp_path):
    with pg_superuser.cursor() as cursor:
        _insert_household(cursor, COMMUNITY_A, POINT_A, "export-1")
        cursor.execute(f"UPDATE {SCHEMA}.communities SET households_entered = NULL")
    user = town.users["planner"]
    database = town.database_as("planner").replace(f"{user}@", f"{user}:{PASSWORD.replace('/', '%2F')}@")
    try:
        report = run_algorithm("exportreport", {"DATABASE": database, "OUTPUT": str(tmp_path / "kr.csv")})
        assert report["CITY_KR_PCT"] is not None
        communities = (tmp_path / "kr_communities.csv").read_text(encoding="utf-8-sig")
        assert COMMUNITY_A in communities and "export-1" not in communities
        mapped = run_algorithm(
            "exportmap", {"DATABASE": database, "SCOPE": "city", "DPI": 50, "OUTPUT": str(tmp_path / "m.png")}
        )
        assert mapped["PAGES"] == 1 and (tmp_path / "m.png").stat().st_size > 0
        with pg_superuser.cursor() as cursor:  # the server stored the fresh coverage, for the planner
            cursor.execute(
                f"SELECT households_entered FROM {SCHEMA}.communities WHERE community_id = %s", (COMMUNITY_A,)
            )
            assert cursor.fetchone()[0] >= 1
    finally:
        with pg_superuser.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SCHEMA}.households WHERE house_no = 'export-1'")


@pytest.mark.parametrize("password", ["S3c@ret9", "S3c/ret@x9z", "Pa5:Sw0@Rd7/Q9x"])
def test_no_message_echoes_a_password(town, password, qgis_app):
    user = town.users["planner"]
    database = town.database_as("planner").replace(f"{user}@", f"{user}:{password}@")
    with pytest.raises(DataSourceError) as refused:
        open_layer(database, "households")  # the planner may not read households, or the URI is malformed
    for part in re.split(r"[@/:]", password):
        assert part not in str(refused.value)
    assert "***" in mask_passwords(f"could not open {database} now")
    assert password not in mask_passwords(f"could not open {database} now")


# ---------------------------------------------------------------------------------------
# The upgrade: an older schema gets the same model


def _fingerprint(pg_superuser, schema: str) -> set[tuple]:
    """Owners, grants (table, column, sequence, function), function settings and triggers of `schema`,
    with the schema's name taken out so two schemas compare."""
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            """SELECT 'rel', c.relname, c.relowner::regrole::text, a.grantee::regrole::text, a.privilege_type
               FROM pg_class c LEFT JOIN LATERAL aclexplode(c.relacl) a ON true
               WHERE c.relnamespace = %(s)s::regnamespace AND c.relkind IN ('r', 'v', 'S')
               UNION ALL
               SELECT 'column', c.relname || '.' || t.attname, NULL, a.grantee::regrole::text, a.privilege_type
               FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid CROSS JOIN LATERAL aclexplode(t.attacl) a
               WHERE c.relnamespace = %(s)s::regnamespace
               UNION ALL
               SELECT 'function', p.proname, p.proowner::regrole::text, p.prosecdef::text,
                      array_to_string(p.proconfig, ';')
               FROM pg_proc p WHERE p.pronamespace = %(s)s::regnamespace
               UNION ALL
               SELECT 'trigger', t.tgrelid::regclass::text || '.' || t.tgname, NULL, NULL,
                      pg_get_triggerdef(t.oid)
               FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               WHERE c.relnamespace = %(s)s::regnamespace AND NOT t.tgisinternal""",
            {"s": schema},
        )
        return {tuple(None if v is None else v.replace(schema, "<schema>") for v in row) for row in cursor.fetchall()}


def _make_older(pg_superuser, schema: str, login: str) -> None:
    """The schema as the version before this model made it: owned by the login, admins with every table
    privilege and sequence, mappers writing coverage, functions on the caller's search_path, no
    location check, households and members the only audited tables, client-given created_at kept."""
    owner = f"{schema}_owner"
    with pg_superuser.cursor() as cursor:
        cursor.execute(
            f"""DO $$ DECLARE item record; BEGIN
  ALTER SCHEMA {schema} OWNER TO {login};
  FOR item IN SELECT oid::regclass AS object, relkind FROM pg_class WHERE relnamespace = '{schema}'::regnamespace
      AND relkind IN ('r', 'v') LOOP
    EXECUTE format('ALTER %s %s OWNER TO {login}', CASE item.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
                   item.object);
  END LOOP;
  FOR item IN SELECT oid::regprocedure AS function FROM pg_proc WHERE pronamespace = '{schema}'::regnamespace LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO {login}', item.function);
    EXECUTE format('ALTER FUNCTION %s RESET search_path', item.function);
  END LOOP;
END $$"""
        )
        cursor.execute(f"DROP ROLE {owner}")
        statements = [
            f"GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {schema}_admin",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {schema}_admin",
            f"GRANT UPDATE (households_entered, households_complete, coverage_pct, coverage_flag) "
            f"ON {schema}.communities TO {schema}_mapper",
            f"ALTER FUNCTION {schema}.audit_row() SET search_path = pg_catalog, public",
            f"DROP TRIGGER check_household_location ON {schema}.households",
            *(f"DROP TRIGGER audit_row ON {schema}.{t}" for t in ("communities", "districts", "kr8310_settings")),
        ]
        for statement in statements:
            cursor.execute(statement)


def test_an_older_schema_is_upgraded_to_the_same_model(pg_cluster, pg_superuser, kr8310_provider):
    old, new = "kr_secure_old", "kr_secure_new"
    builder = _create_logins(pg_superuser, old, ("builder",))["builder"]
    for schema in (old, new):
        build_postgis_database(f"{pg_cluster.dsn(builder)}?schema={schema}", overwrite=True)
    _make_older(pg_superuser, old, builder)
    target = parse_target(f"{pg_cluster.dsn(builder)}?schema={old}")
    connection = connect(target)
    assert execute(connection, ddl.hardening_needed_sql(target))[0][0] is True
    assert _fingerprint(pg_superuser, old) != _fingerprint(pg_superuser, new)
    for _run in range(2):  # idempotent
        execute(connection, ddl.hardening_sql(target))
        upgraded = _fingerprint(pg_superuser, old)
        assert upgraded == _fingerprint(pg_superuser, new), sorted(upgraded ^ _fingerprint(pg_superuser, new))
    assert execute(connection, ddl.hardening_needed_sql(target))[0][0] is False
    with pg_superuser.cursor() as cursor:
        cursor.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (f"{old}_owner",))
        assert cursor.fetchone() == (False,)
