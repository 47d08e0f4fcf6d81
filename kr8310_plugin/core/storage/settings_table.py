"""The settings table every community database carries: `kr8310_settings` (key, value).

The contract (the same in a GeoPackage and in a PostGIS schema):

- ``schema_version``: integer, the version of the database layout. 2 since the table exists;
  a database without the table is version 1.
- ``rule_version``: integer, the version of the stored completeness rule. A new database
  starts at COMPLETENESS_RULE_VERSION; every change of the rule adds one.
- ``required_household_fields``, ``required_member_fields``: comma-separated field names,
  the rule's required fields (no spaces; an empty value requires nothing).

Pure: names, rows and statements; reading and writing is core/storage/rule_store.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..rules.completeness import (
    COMPLETENESS_RULE_VERSION,
    DEFAULT_RULE,
    CompletenessRule,
    format_field_list,
    parse_field_list,
)

SETTINGS_TABLE = "kr8310_settings"
SCHEMA_VERSION = 2  # with the settings table; databases without it are 1
LEGACY_SCHEMA_VERSION = 1

KEY_SCHEMA_VERSION = "schema_version"
KEY_RULE_VERSION = "rule_version"
KEY_HOUSEHOLD_FIELDS = "required_household_fields"
KEY_MEMBER_FIELDS = "required_member_fields"
KEYS = (KEY_SCHEMA_VERSION, KEY_RULE_VERSION, KEY_HOUSEHOLD_FIELDS, KEY_MEMBER_FIELDS)

# The same in SQLite and PostgreSQL; the table name is a plain word, qualified by the caller.
COLUMNS_SQL = "(key TEXT PRIMARY KEY NOT NULL, value TEXT)"


def create_table_sql(qualified_name: str) -> str:
    return f"CREATE TABLE {qualified_name} {COLUMNS_SQL}"


def rule_rows(rule: CompletenessRule) -> list[tuple[str, str]]:
    """The rows storing `rule` (its version included)."""
    return [
        (KEY_RULE_VERSION, str(rule.version)),
        (KEY_HOUSEHOLD_FIELDS, format_field_list(rule.household_fields)),
        (KEY_MEMBER_FIELDS, format_field_list(rule.member_fields)),
    ]


def initial_rows(rule: CompletenessRule = DEFAULT_RULE) -> list[tuple[str, str]]:
    """Every row of a new (or just upgraded) database's settings table."""
    return [(KEY_SCHEMA_VERSION, str(SCHEMA_VERSION)), *rule_rows(rule)]


def _as_int(text: object, default: int) -> int:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return default


def rule_from_values(values: Mapping[str, object]) -> CompletenessRule:
    """The rule a settings table's key -> value rows store; keys missing take the defaults."""
    household = values.get(KEY_HOUSEHOLD_FIELDS)
    member = values.get(KEY_MEMBER_FIELDS)
    return CompletenessRule(
        DEFAULT_RULE.household_fields if household is None else parse_field_list(str(household)),
        DEFAULT_RULE.member_fields if member is None else parse_field_list(str(member)),
        _as_int(values.get(KEY_RULE_VERSION), COMPLETENESS_RULE_VERSION),
    )


def schema_version_from_values(values: Mapping[str, object]) -> int:
    return _as_int(values.get(KEY_SCHEMA_VERSION), LEGACY_SCHEMA_VERSION)


def next_rule(current: CompletenessRule, household_fields, member_fields) -> CompletenessRule:
    """The rule that replaces `current`: the new fields, the version one higher."""
    return CompletenessRule(tuple(household_fields), tuple(member_fields), max(current.version, 1) + 1)
