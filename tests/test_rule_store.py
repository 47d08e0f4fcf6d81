"""The completeness rule stored in a GeoPackage community database (table kr8310_settings):
new databases carry it, version-1 databases upgrade in place, and changing it changes coverage."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from kr8310_plugin.core.coverage.engine import compute_coverage, stored_rule
from kr8310_plugin.core.rules.completeness import COMPLETENESS_RULE_VERSION, DEFAULT_RULE, CompletenessRule
from kr8310_plugin.core.storage import gpkg, rule_store, settings_table
from kr8310_plugin.core.storage.datasource import open_database_layers


def make_version_1(path) -> None:
    """What the code before the settings table made: the same database without it."""
    with sqlite3.connect(path) as connection:
        connection.execute(f"DROP TABLE {settings_table.SETTINGS_TABLE}")
        connection.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (settings_table.SETTINGS_TABLE,))


def stored_values(path) -> dict[str, str]:
    """The rule's rows (coverage_* rows are the kept coverage's: core/storage/coverage_triggers.py)."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(f"SELECT key, value FROM {settings_table.SETTINGS_TABLE}")
        return {key: value for key, value in rows if not key.startswith("coverage_")}


def coverage_numbers(path) -> dict[str, tuple[int, int]]:
    layers = open_database_layers(str(path))
    result = compute_coverage(layers["communities"], layers["households"], layers["members"])
    return {key: (c.households_entered, c.households_complete) for key, c in result.communities.items()}


def test_new_database_has_the_settings_table_and_default_rule(small_demo_gpkg):
    assert stored_values(small_demo_gpkg) == {
        "schema_version": "2",
        "rule_version": str(COMPLETENESS_RULE_VERSION),
        "required_household_fields": "house_no,building_type,residence_years,member_count",
        "required_member_fields": "age,education,occupation,disability,bedridden",
    }
    with sqlite3.connect(small_demo_gpkg) as connection:
        assert connection.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'kr8310_settings'"
        ).fetchall() == [("attributes",)]
    layer = QgsVectorLayer(f"{small_demo_gpkg}|layername=kr8310_settings", "settings", "ogr")
    assert layer.isValid() and layer.featureCount() == 6  # GDAL and QGIS see the table (2 kept-coverage rows)
    assert rule_store.schema_version(str(small_demo_gpkg)) == 2
    assert rule_store.read_rule(str(small_demo_gpkg)) == DEFAULT_RULE
    layers = open_database_layers(str(small_demo_gpkg))
    assert rule_store.read_rule(layers["households"]) == DEFAULT_RULE == stored_rule(layers["households"])


def test_a_version_1_database_upgrades_in_place_with_the_same_numbers(demo_copy):
    before = coverage_numbers(demo_copy)
    make_version_1(demo_copy)
    assert rule_store.schema_version(str(demo_copy)) == 1
    assert rule_store.read_rule(str(demo_copy)) == DEFAULT_RULE  # read only: nothing written
    assert coverage_numbers(demo_copy) == before
    assert rule_store.upgrade_database(str(demo_copy)) is True
    assert rule_store.upgrade_database(str(demo_copy)) is False  # idempotent
    assert rule_store.schema_version(str(demo_copy)) == 2
    assert stored_values(demo_copy)["required_member_fields"] == "age,education,occupation,disability,bedridden"
    assert coverage_numbers(demo_copy) == before


def test_write_rule_upgrades_and_bumps_the_version(demo_copy):
    make_version_1(demo_copy)
    stored = rule_store.write_rule(str(demo_copy), ("house_no",), ("age",))
    assert stored == CompletenessRule(("house_no",), ("age",), COMPLETENESS_RULE_VERSION + 1)
    assert rule_store.write_rule(str(demo_copy), ("house_no",), ("age",)).version == stored.version  # unchanged
    assert rule_store.write_rule(str(demo_copy), ("house_no",), ()).version == stored.version + 1
    assert rule_store.read_rule(str(demo_copy)).member_fields == ()


def test_changing_the_rule_through_the_algorithm_changes_coverage(demo_copy, run_algorithm):
    database = str(demo_copy)
    # gpkg.connect: a write of members now updates communities, whose R-tree triggers need GDAL's functions.
    with gpkg.connect(demo_copy) as connection:  # some members lack an answer the custom rule ignores
        connection.execute("UPDATE members SET occupation = NULL WHERE fid % 7 = 0")
    strict = run_algorithm(
        "coverage",
        {
            "COMMUNITIES": f"{database}|layername=communities",
            "HOUSEHOLDS": f"{database}|layername=households",
            "MEMBERS": f"{database}|layername=members",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    result = run_algorithm(
        "setcompletenessrule",
        {"DATABASE": database, "HOUSEHOLD_FIELDS": "house_no, member_count", "MEMBER_FIELDS": "age,education"},
    )
    assert result["RULE_VERSION"] == COMPLETENESS_RULE_VERSION + 1
    assert result["CITY_KR_PCT"] > result["OLD_CITY_KR_PCT"]
    assert rule_store.read_rule(database) == CompletenessRule(
        ("house_no", "member_count"), ("age", "education"), COMPLETENESS_RULE_VERSION + 1
    )
    # Every path now counts by the stored rule: the engine, and the algorithms without field parameters.
    layers = open_database_layers(database)
    lenient = compute_coverage(layers["communities"], layers["households"], layers["members"])
    assert lenient.households_complete_total == result["HOUSEHOLDS_COMPLETE"] > strict["HOUSEHOLDS_COMPLETE"]
    with sqlite3.connect(demo_copy) as connection:  # and the stored coverage fields were recomputed
        (stored,) = connection.execute("SELECT sum(households_complete) FROM communities").fetchone()
    assert stored == sum(c.households_complete for c in lenient.communities.values())
    parameters = {
        "COMMUNITIES": f"{database}|layername=communities",
        "HOUSEHOLDS": f"{database}|layername=households",
        "MEMBERS": f"{database}|layername=members",
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    assert run_algorithm("coverage", parameters)["HOUSEHOLDS_COMPLETE"] == lenient.households_complete_total
    # Explicit fields override for one run, and never change the database.
    one_off = run_algorithm("coverage", {**parameters, "REQUIRED_MEMBER_FIELDS": "age,occupation"})
    assert one_off["HOUSEHOLDS_COMPLETE"] < lenient.households_complete_total
    assert rule_store.read_rule(database).member_fields == ("age", "education")


def test_the_algorithm_refuses_unknown_fields_and_leaves_the_database(demo_copy, run_algorithm):
    with pytest.raises(QgsProcessingException, match="no_such_field"):
        run_algorithm(
            "setcompletenessrule",
            {"DATABASE": str(demo_copy), "HOUSEHOLD_FIELDS": "house_no,no_such_field", "MEMBER_FIELDS": "age"},
        )
    assert rule_store.read_rule(str(demo_copy)) == DEFAULT_RULE


def _legacy_filled(value: object) -> bool:
    """ "Filled" before the rule was one: not NULL and not blank by str.strip() (no validity)."""
    if value is None:
        return False
    return value.strip() != "" if isinstance(value, str) else True


def households_made_incomplete(path) -> int:
    """Households complete by the old "not NULL, not blank" rule and incomplete by "filled and valid"."""
    from kr8310_plugin.core.rules.completeness import household_fields_filled, is_complete_household, member_filled

    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    members: dict[str, list[sqlite3.Row]] = {}
    for row in connection.execute("SELECT * FROM members"):
        members.setdefault(row["household_id"], []).append(row)
    changed = 0
    for row in connection.execute("SELECT * FROM households"):
        rows = members.get(row["household_id"], [])
        count = row["member_count"]

        def complete(household_ok, member_ok, rows=rows, row=row, count=count) -> bool:
            return is_complete_household(
                row["geom"] is not None, household_ok, count, len(rows), sum(member_ok(m) for m in rows)
            )

        old = complete(
            all(_legacy_filled(row[n]) for n in DEFAULT_RULE.household_fields),
            lambda m: all(_legacy_filled(m[n]) for n in DEFAULT_RULE.member_fields),
        )
        new = complete(household_fields_filled(row), member_filled)
        changed += old and not new
    connection.close()
    return changed


def test_demo_households_made_incomplete_by_filled_and_valid(small_demo_gpkg):
    # The demo is generated through the same CHECKs and code lists: nothing it holds is invalid.
    assert households_made_incomplete(small_demo_gpkg) == 0
