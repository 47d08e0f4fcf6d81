"""The snapshot tables' contract, the same in a GeoPackage and in a PostGIS schema.

- ``coverage_snapshots``: one row per community per date, UNIQUE (snapshot_date, community_id).
- ``kr_snapshots``: one row per KR roll-up (city, district group, district, size class) per date,
  UNIQUE (snapshot_date, level, key); `registered` and `complete` are S + M only, each community
  capped at its register (core/coverage/kr_summary.py).

`snapshot_date` is text, YYYY-MM-DD; `taken_at` text, an ISO 8601 UTC time. Rows are never
rewritten: an UPDATE is refused by a trigger in both databases. No personal field
(schema.PERSONAL_FIELDS) is a column of either table. Pure: names, columns and statements.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.sql_text import POSTGRES, SQLITE, quote_identifier

COVERAGE_SNAPSHOTS = "coverage_snapshots"
KR_SNAPSHOTS = "kr_snapshots"
SNAPSHOT_TABLES = (COVERAGE_SNAPSHOTS, KR_SNAPSHOTS)
KEY_COLUMN = "fid"
DATE_FORMAT = "%Y-%m-%d"


@dataclass(frozen=True)
class SnapshotColumn:
    name: str
    kind: str  # text | integer | real
    not_null: bool = False


COVERAGE_SNAPSHOT_COLUMNS: tuple[SnapshotColumn, ...] = (
    SnapshotColumn("snapshot_date", "text", not_null=True),
    SnapshotColumn("community_id", "text", not_null=True),
    SnapshotColumn("district_code", "integer"),
    SnapshotColumn("size_class", "text"),
    SnapshotColumn("registered_households", "integer"),
    SnapshotColumn("households_entered", "integer", not_null=True),
    SnapshotColumn("households_complete", "integer", not_null=True),
    SnapshotColumn("coverage_pct", "real"),
    SnapshotColumn("rule_version", "integer", not_null=True),
    SnapshotColumn("taken_at", "text", not_null=True),
)

KR_SNAPSHOT_COLUMNS: tuple[SnapshotColumn, ...] = (
    SnapshotColumn("snapshot_date", "text", not_null=True),
    SnapshotColumn("level", "text", not_null=True),  # kr_summary's LEVELS
    SnapshotColumn("key", "text", not_null=True),  # BKK, a group code, a district code, S/M/L
    SnapshotColumn("name_th", "text"),
    SnapshotColumn("name_en", "text"),
    SnapshotColumn("s_communities", "integer", not_null=True),
    SnapshotColumn("m_communities", "integer", not_null=True),
    SnapshotColumn("registered", "integer", not_null=True),
    SnapshotColumn("complete", "integer", not_null=True),
    SnapshotColumn("kr_pct", "real"),
    SnapshotColumn("target_s_communities", "integer"),
    SnapshotColumn("target_m_communities", "integer"),
    SnapshotColumn("target_households", "integer"),
    SnapshotColumn("rule_version", "integer", not_null=True),
    SnapshotColumn("taken_at", "text", not_null=True),
)

COLUMNS = {COVERAGE_SNAPSHOTS: COVERAGE_SNAPSHOT_COLUMNS, KR_SNAPSHOTS: KR_SNAPSHOT_COLUMNS}
UNIQUE_KEYS = {COVERAGE_SNAPSHOTS: ("snapshot_date", "community_id"), KR_SNAPSHOTS: ("snapshot_date", "level", "key")}

_TYPES = {
    SQLITE: {"text": "TEXT", "integer": "INTEGER", "real": "REAL"},
    POSTGRES: {"text": "text", "integer": "integer", "real": "double precision"},
}
_KEY_SQL = {SQLITE: "INTEGER PRIMARY KEY NOT NULL", POSTGRES: "bigserial PRIMARY KEY"}
_DATE_CHECK = {
    SQLITE: "snapshot_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'",
    POSTGRES: "snapshot_date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'",
}
NEVER_REWRITTEN = "snapshots are never rewritten"


def column_names(table: str) -> list[str]:
    return [c.name for c in COLUMNS[table]]


def qualified(table: str, schema: str | None, dialect: str) -> str:
    name = quote_identifier(table, dialect)
    return f"{quote_identifier(schema, dialect)}.{name}" if schema else name


def create_table_sql(table: str, dialect: str, schema: str | None = None) -> list[str]:
    """Statements creating `table` with its unique key and the trigger refusing updates."""
    types = _TYPES[dialect]
    columns = [f"{KEY_COLUMN} {_KEY_SQL[dialect]}"]
    for column in COLUMNS[table]:
        columns.append(
            f"{quote_identifier(column.name, dialect)} {types[column.kind]}" + (" NOT NULL" if column.not_null else "")
        )
    columns.append(f"CHECK ({_DATE_CHECK[dialect]})")
    columns.append(f"UNIQUE ({', '.join(UNIQUE_KEYS[table])})")
    name = qualified(table, schema, dialect)
    statements = [f"CREATE TABLE {name} ({', '.join(columns)})"]
    index = quote_identifier(f"idx_{table}_date", dialect)
    statements.append(f"CREATE INDEX {index} ON {name} (snapshot_date)")
    trigger = quote_identifier(f"{table}_never_rewritten", dialect)
    if dialect == SQLITE:
        statements.append(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {name} BEGIN SELECT RAISE(ABORT, '{NEVER_REWRITTEN}'); END"
        )
    else:
        function = qualified("snapshot_never_rewritten", schema, dialect)
        statements.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = pg_catalog, pg_temp AS "
            f"$$ BEGIN RAISE EXCEPTION '{NEVER_REWRITTEN}'; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {name} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    return statements


def create_tables_sql(dialect: str, schema: str | None = None) -> list[str]:
    return [statement for table in SNAPSHOT_TABLES for statement in create_table_sql(table, dialect, schema)]
