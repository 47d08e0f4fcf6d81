"""The completeness rule stored in a PostGIS community database: new schemas carry it, the server's
coverage view counts by it, a version-1 schema upgrades in place, only the admin changes it."""

from __future__ import annotations

import pytest
from pg_cluster import load_geopackage

from kr8310_plugin.core.coverage.engine import compute_coverage
from kr8310_plugin.core.rules.completeness import COMPLETENESS_RULE_VERSION, DEFAULT_RULE, CompletenessRule
from kr8310_plugin.core.storage import rule_store, settings_table
from kr8310_plugin.core.storage.datasource import open_database_layers
from kr8310_plugin.core.storage.postgis import coverage_sql, ddl
from kr8310_plugin.core.storage.postgis.build import build_postgis_database
from kr8310_plugin.core.storage.postgis.connection import quote_literal
from kr8310_plugin.core.storage.postgis.coverage_sql import coverage_in_database

pytestmark = pytest.mark.postgis

CUSTOM = ("house_no", "member_count"), ("age", "education")


@pytest.fixture()
def demo_schema(pg_cluster, pg_superuser, small_demo_gpkg, new_schema_name, kr8310_provider):
    """The one-district demo in a new schema with roles, an admin and a mapper login; returns a namespace."""
    schema = new_schema_name
    database = f"{pg_cluster.dsn()}?schema={schema}"
    build_postgis_database(database, overwrite=True)
    load_geopackage(pg_cluster.dsn(), small_demo_gpkg, schema)
    users = {kind: f"{schema}_{kind}_user" for kind in ("admin", "mapper")}
    with pg_superuser.cursor() as cursor:
        for kind, user in users.items():
            cursor.execute(f"DROP ROLE IF EXISTS {user}")
            cursor.execute(f"CREATE ROLE {user} LOGIN")
            cursor.execute(f"GRANT {schema}_{kind} TO {user}")

    class Demo:
        pass

    demo = Demo()
    demo.schema, demo.database = schema, database
    demo.database_as = lambda kind: f"{pg_cluster.dsn(users[kind])}?schema={schema}"
    return demo


def _engine_on_features(database: str, rule: CompletenessRule | None = None) -> dict[str, int]:
    layers = open_database_layers(database)
    for layer in layers.values():
        layer.setSubsetString("fid > 0")  # off the server-side path
    result = compute_coverage(layers["communities"], layers["households"], layers["members"], rule)
    return {key: c.households_complete for key, c in result.communities.items()}


def _in_view(database: str) -> dict[str, int]:
    return {key: values[1] for key, values in coverage_in_database(database).items()}


def test_new_schema_has_the_settings_table_and_the_view_follows_the_stored_rule(demo_schema, pg_superuser):
    database = demo_schema.database
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {demo_schema.schema}.{settings_table.SETTINGS_TABLE}")
        # (coverage_* rows: the kept coverage's, core/storage/postgis/coverage_triggers.py)
        rows = {key: value for key, value in cursor.fetchall() if not key.startswith("coverage_")}
        assert rows == dict(settings_table.initial_rows())
    assert rule_store.schema_version(database) == 2
    assert rule_store.read_rule(database) == DEFAULT_RULE
    strict = _in_view(database)
    assert strict == _engine_on_features(database)
    stored = rule_store.write_rule(database, *CUSTOM)
    assert stored == CompletenessRule(*CUSTOM, COMPLETENESS_RULE_VERSION + 1)
    lenient = _in_view(database)
    assert lenient == _engine_on_features(database)  # the engine reads the stored rule too
    assert lenient == _engine_on_features(database, stored)
    layers = open_database_layers(database)  # and the engine's server-side path
    on_server = compute_coverage(layers["communities"], layers["households"], layers["members"])
    assert {key: c.households_complete for key, c in on_server.communities.items()} == lenient
    assert sum(lenient.values()) > sum(strict.values())


def test_only_the_admin_changes_the_rule_and_everyone_reads_it(demo_schema, run_algorithm):
    mapper, admin = demo_schema.database_as("mapper"), demo_schema.database_as("admin")
    assert rule_store.read_rule(mapper) == DEFAULT_RULE  # mappers read it (live coverage)
    assert not rule_store.can_write_rule(mapper) and rule_store.can_write_rule(admin)
    with pytest.raises(rule_store.RuleStoreError, match="administrator"):
        rule_store.write_rule(mapper, *CUSTOM)
    result = run_algorithm(
        "setcompletenessrule",
        {"DATABASE": admin, "HOUSEHOLD_FIELDS": ",".join(CUSTOM[0]), "MEMBER_FIELDS": ",".join(CUSTOM[1])},
    )
    assert result["RULE_VERSION"] == COMPLETENESS_RULE_VERSION + 1
    assert result["CITY_KR_PCT"] >= result["OLD_CITY_KR_PCT"]
    assert rule_store.read_rule(mapper).member_fields == CUSTOM[1]
    stored = {key: values[1] for key, values in coverage_in_database(demo_schema.database).items()}
    layers = open_database_layers(demo_schema.database)
    assert {f["community_id"]: f["households_complete"] for f in layers["communities"].getFeatures()} == stored


def _make_version_1(demo_schema, pg_superuser) -> None:
    """A schema as the code before the settings table made it: coverage views with the rule built in."""
    schema = demo_schema.schema
    statements = ddl._views_sql(schema)
    for key, default in (
        (settings_table.KEY_HOUSEHOLD_FIELDS, DEFAULT_RULE.household_fields),
        (settings_table.KEY_MEMBER_FIELDS, DEFAULT_RULE.member_fields),
    ):
        stored = coverage_sql._stored_fields_sql(schema, key, default)
        fixed = "ARRAY[" + ", ".join(quote_literal(name) for name in default) + "]"
        statements = [statement.replace(stored, fixed) for statement in statements]
    with pg_superuser.cursor() as cursor:
        cursor.execute(f"DROP TABLE {schema}.{settings_table.SETTINGS_TABLE} CASCADE")
        cursor.execute(f"DROP VIEW IF EXISTS {schema}.kr_summary")  # reads the kept numbers: no CASCADE reaches it
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(f"GRANT SELECT ON {schema}.community_coverage, {schema}.kr_summary TO {schema}_planner")


def test_a_version_1_schema_upgrades_in_place(demo_schema, pg_superuser):
    database = demo_schema.database
    before = _in_view(database)
    _make_version_1(demo_schema, pg_superuser)
    assert rule_store.schema_version(database) == 1
    assert rule_store.read_rule(database) == DEFAULT_RULE
    assert _in_view(database) == before
    assert rule_store.upgrade_database(database) is True
    assert rule_store.upgrade_database(database) is False
    assert rule_store.schema_version(database) == 2
    assert _in_view(database) == before == _engine_on_features(database)
    assert rule_store.read_rule(demo_schema.database_as("mapper")) == DEFAULT_RULE  # the grants came with it
    rule_store.write_rule(database, *CUSTOM)
    assert _in_view(database) == _engine_on_features(database, CompletenessRule(*CUSTOM))
