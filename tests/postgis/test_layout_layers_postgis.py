"""The community layout layers on a real PostGIS server: tables with their checks, mappers editing the
layout of their own districts only, planners reading it, the upgrade of an older schema, the set-up project."""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import pytest
from qgis.core import QgsProject, QgsWkbTypes

from kr8310_plugin.core.project.layout_layers import LAYOUT_DRAW_ORDER, set_up_layer
from kr8310_plugin.core.project.setup import set_up_project
from kr8310_plugin.core.storage import rule_store
from kr8310_plugin.core.storage.datasource import open_layer
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.definitions import schema

pytestmark = pytest.mark.postgis

COMMUNITY_A, COMMUNITY_B = "1001-901", "1002-901"  # in districts 1001 and 1002
WKB_TYPES = {
    "MULTIPOLYGON": QgsWkbTypes.MultiPolygon,
    "MULTILINESTRING": QgsWkbTypes.MultiLineString,
    "POINT": QgsWkbTypes.Point,
}


def _square_sql(x: int, y: int, size: int = 100) -> str:
    return f"ST_Multi(ST_MakeEnvelope({x}, {y}, {x + size}, {y + size}, 32647))"


@pytest.fixture(scope="module")
def town(pg_cluster, pg_superuser, kr8310_provider):
    """A PostGIS community database with roles, one community in each of two districts, a mapper for
    each district and a planner."""
    name = "kr_layout"
    database = f"{pg_cluster.dsn()}?schema={name}"
    build_postgis_database(database, overwrite=True)
    users = {kind: f"{name}_{kind}_user" for kind in ("mapper_a", "mapper_b", "planner")}
    with pg_superuser.cursor() as cursor:
        for user in users.values():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN")
        cursor.execute(f"GRANT {name}_planner TO {users['planner']}")
        cursor.execute(f"SELECT {name}.assign_mapper(%s, 1001)", (users["mapper_a"],))
        cursor.execute(f"SELECT {name}.assign_mapper(%s, 1002)", (users["mapper_b"],))
        cursor.execute(
            f"INSERT INTO {name}.communities (community_id, name, district_code, geom) VALUES "
            f"('{COMMUNITY_A}', 'ชุมชน A', 1001, {_square_sql(660000, 1520000)}), "
            f"('{COMMUNITY_B}', 'ชุมชน B', 1002, {_square_sql(670000, 1530000)})"
        )

    class Town:
        pass

    town = Town()
    town.schema, town.database, town.users = name, database, users
    town.connect = lambda kind: _connect(pg_cluster.dsn(users[kind]))
    town.database_as = lambda kind: f"{pg_cluster.dsn(users[kind])}?schema={name}"
    return town


def _connect(dsn: str):
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    return connection


def test_new_schema_has_the_layout_tables_with_their_checks(town, pg_superuser):
    for spec in schema.LAYOUT_LAYER_SPECS:
        layer = open_layer(town.database, spec.name)
        assert layer.providerType() == "postgres"
        assert layer.wkbType() == WKB_TYPES[spec.geometry]
        assert layer.crs().authid() == schema.CRS_AUTHID
        assert set(spec.field_names()) <= set(layer.fields().names())
    s = town.schema
    with pg_superuser.cursor() as cursor:
        for statement in (
            f"INSERT INTO {s}.buildings (building_kind) VALUES ('castle')",
            f"INSERT INTO {s}.buildings (floors) VALUES (0)",
            f"INSERT INTO {s}.buildings (floors) VALUES (100)",
            f"INSERT INTO {s}.ways (width_m) VALUES (101)",
            f"INSERT INTO {s}.waterways (waterway_kind) VALUES ('sea')",
            f"INSERT INTO {s}.safety_points (safety_kind) VALUES ('dragon')",
        ):
            with pytest.raises(psycopg2.errors.CheckViolation):
                cursor.execute(statement)
        # Ids come from the server when a tool leaves them out; osm_id is unique where it is set.
        cursor.execute(
            f"INSERT INTO {s}.facilities (facility_kind, osm_id) VALUES ('market', 'node/1'), ('school', NULL), "
            "('temple', NULL) RETURNING facility_id, updated_at"
        )
        rows = cursor.fetchall()
        assert len({row[0] for row in rows}) == 3 and all(len(row[0]) == 36 and row[1] for row in rows)
        with pytest.raises(psycopg2.errors.UniqueViolation):
            cursor.execute(f"INSERT INTO {s}.facilities (facility_kind, osm_id) VALUES ('market', 'node/1')")
        with pytest.raises(psycopg2.errors.UniqueViolation):
            cursor.execute(f"INSERT INTO {s}.facilities (facility_id) VALUES (%s)", (rows[0][0],))
        cursor.execute(f"DELETE FROM {s}.facilities")


def test_mappers_edit_the_layout_of_their_own_districts_and_planners_read_it(town, pg_superuser):
    s = town.schema
    inside_a = _square_sql(660010, 1520010, 10)
    mapper_a = town.connect("mapper_a")
    with mapper_a.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {s}.buildings (building_kind, house_numbers, community_id, geom) "
            f"VALUES ('house', '5;5/1', '{COMMUNITY_A}', {inside_a}) RETURNING building_id"
        )
        (building_id,) = cursor.fetchone()
        cursor.execute(f"UPDATE {s}.buildings SET floors = 2 WHERE building_id = %s", (building_id,))
        assert cursor.rowcount == 1
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):  # row-level security: not their district
            cursor.execute(f"INSERT INTO {s}.ways (way_kind, community_id) VALUES ('soi', '{COMMUNITY_B}')")
    mapper_b = town.connect("mapper_b")
    with mapper_b.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {s}.buildings")
        assert cursor.fetchone()[0] == 1  # the layout is no secret between districts
        cursor.execute(f"UPDATE {s}.buildings SET floors = 3 WHERE building_id = %s", (building_id,))
        assert cursor.rowcount == 0  # but only its district's mapper changes it
        cursor.execute(f"DELETE FROM {s}.buildings WHERE building_id = %s", (building_id,))
        assert cursor.rowcount == 0
    planner = town.connect("planner")
    with planner.cursor() as cursor:
        cursor.execute(f"SELECT floors FROM {s}.buildings WHERE building_id = %s", (building_id,))
        assert cursor.fetchone()[0] == 2
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute(f"INSERT INTO {s}.safety_points (safety_kind) VALUES ('cctv')")
    with mapper_a.cursor() as cursor:
        cursor.execute(f"DELETE FROM {s}.buildings WHERE building_id = %s", (building_id,))
        assert cursor.rowcount == 1
    for connection in (mapper_a, mapper_b, planner):
        connection.close()


def test_upgrade_adds_the_layout_tables_to_an_older_schema_once(town, pg_superuser):
    s = town.schema
    with pg_superuser.cursor() as cursor:
        for spec in schema.LAYOUT_LAYER_SPECS:
            cursor.execute(f"DROP TABLE {s}.{spec.name}")
    assert rule_store.upgrade_database(town.database) is True
    assert rule_store.upgrade_database(town.database) is False  # idempotent
    for spec in schema.LAYOUT_LAYER_SPECS:
        assert open_layer(town.database, spec.name).isValid()
    mapper_a = town.connect("mapper_a")  # the grants and policies came with the tables
    with mapper_a.cursor() as cursor:
        cursor.execute(f"INSERT INTO {s}.water_areas (waterway_kind, community_id) VALUES ('pond', '{COMMUNITY_A}')")
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute(
                f"INSERT INTO {s}.water_areas (waterway_kind, community_id) VALUES ('pond', '{COMMUNITY_B}')"
            )
        with pytest.raises(psycopg2.errors.CheckViolation):
            cursor.execute(f"INSERT INTO {s}.water_areas (waterway_kind, community_id) VALUES ('sea', '{COMMUNITY_A}')")
        cursor.execute(f"DELETE FROM {s}.water_areas")
    mapper_a.close()


def test_set_up_project_on_postgis_has_the_layout_layers(town, qgis_app):
    project = QgsProject()
    try:
        set_up_project(project, town.database_as("mapper_a"), "en")
        for name in LAYOUT_DRAW_ORDER:
            layer = set_up_layer(project, name)
            assert layer is not None and layer.providerType() == "postgres", name
            assert layer.defaultValueDefinition(layer.fields().indexOf("community_id")).isValid()
    finally:
        project.clear()
