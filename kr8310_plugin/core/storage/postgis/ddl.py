"""The community database as SQL: tables, checks, triggers, indexes, audit trail, views.

Pure: strings in, strings out. The layers and fields come from definitions/schema.py, the
code lists from definitions/codelists.py, size_class from rules/size_class.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from ....definitions.codelists import CODE_LISTS_BY_FIELD, SIZE_CLASS
from ....definitions.schema import (
    COMMUNITIES,
    COMMUNITIES_SPEC,
    COMMUNITY_REGISTER_FIELDS,
    CRS_EPSG,
    DISTRICTS,
    DISTRICTS_SPEC,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    HOUSEHOLDS_SPEC,
    KR_SIZE_CLASSES,
    LAYER_SPECS,
    MEMBERS,
    MEMBERS_SPEC,
    FieldSpec,
    LayerSpec,
)
from ...registry.districts import District
from ...rules.coverage_flag import capped_complete_sql, counted_registered_sql
from ...rules.size_class import size_class_sql
from ...rules.sql_text import POSTGRES
from .. import settings_table
from .connection import quote_ident, quote_literal
from .coverage_sql import coverage_select_sql
from .editing import CONFLICT_TAG
from .roles import settings_grants_sql
from .target import (
    AUDIT_TABLE,
    COVERAGE_FUNCTION,
    COVERAGE_VIEW,
    KEY_COLUMN,
    KR_VIEW,
    MAPPER_DISTRICTS_TABLE,
    PostgisTarget,
)

_PG_TYPES = {
    "text": "text",
    "integer": "integer",
    "real": "double precision",
    "datetime": "timestamptz",
    "boolean": "boolean",
}
_GEOMETRY_TYPES = {"MULTIPOLYGON": "MultiPolygon", "POINT": "Point"}
_ID_COLUMNS = {
    COMMUNITIES: "community_id",
    HOUSEHOLDS: "household_id",
    MEMBERS: "member_id",
    DISTRICTS: "district_code",
}
# child table -> (column, parent, parent column): members -> households -> communities, deletes cascade.
_FOREIGN_KEYS = {
    HOUSEHOLDS: ("community_id", COMMUNITIES, "community_id"),
    MEMBERS: ("household_id", HOUSEHOLDS, "household_id"),
}


def _column_sql(table: str, spec: FieldSpec) -> str:
    parts = [quote_ident(spec.name), _PG_TYPES[spec.kind]]
    if spec.not_null:
        parts.append("NOT NULL")
    if spec.unique:
        parts.append("UNIQUE")
    if table in (HOUSEHOLDS, MEMBERS) and spec.name == _ID_COLUMNS[table]:
        parts.append("DEFAULT gen_random_uuid()::text")
    return " ".join(parts)


def _check_constraints(spec: LayerSpec) -> list[str]:
    """The form's hard constraints: ranges (FieldSpec.sql_check) and code lists."""
    checks = []
    for field in spec.fields:
        if field.sql_check:
            checks.append(
                f"CONSTRAINT {quote_ident(f'{spec.name}_{field.name}_check')} "
                f"CHECK ({field.name} IS NULL OR ({field.sql_check}))"
            )
        codelist = CODE_LISTS_BY_FIELD.get(field.name)
        if codelist is not None:
            keys = ", ".join(quote_literal(code.key) for code in codelist.codes)
            checks.append(
                f"CONSTRAINT {quote_ident(f'{spec.name}_{field.name}_code')} "
                f"CHECK ({field.name} IS NULL OR {field.name} IN ({keys}))"
            )
    return checks


def table_ddl(schema: str, spec: LayerSpec) -> str:
    """CREATE TABLE for one layer, with key, geometry, checks and foreign key."""
    columns = [f"{KEY_COLUMN} serial PRIMARY KEY"]
    if spec.geometry:
        columns.append(f"{GEOMETRY_COLUMN} geometry({_GEOMETRY_TYPES[spec.geometry]}, {CRS_EPSG})")
    columns += [_column_sql(spec.name, f) for f in spec.fields]
    columns += _check_constraints(spec)
    if spec.name in _FOREIGN_KEYS:
        column, parent, parent_column = _FOREIGN_KEYS[spec.name]
        # Deferred: QGIS may commit a household's members before the household in one transaction.
        columns.append(
            f"CONSTRAINT {quote_ident(f'fk_{spec.name}_{column}')} FOREIGN KEY ({column}) "
            f"REFERENCES {schema}.{parent} ({parent_column}) ON UPDATE CASCADE ON DELETE CASCADE "
            "DEFERRABLE INITIALLY DEFERRED"
        )
    return f"CREATE TABLE {schema}.{spec.name} (\n  " + ",\n  ".join(columns) + "\n)"


def _trigger_sql(schema: str) -> list[str]:
    derived = size_class_sql("NEW.registered_households")
    return [
        # size_class always follows registered_households, whoever writes the row.
        f"""CREATE FUNCTION {schema}.derive_size_class() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.size_class := {derived};
  RETURN NEW;
END $$""",
        f"CREATE TRIGGER derive_size_class BEFORE INSERT OR UPDATE ON {schema}.{COMMUNITIES} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.derive_size_class()",
        # Optimistic locking; see editing.py.
        f"""CREATE FUNCTION {schema}.check_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  base integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.row_version := 1;
    RETURN NEW;
  END IF;
  IF NEW.row_version < 0 THEN
    base := -NEW.row_version - 1;
    IF base IS DISTINCT FROM OLD.row_version THEN
      RAISE EXCEPTION '{CONFLICT_TAG}: % % was saved by % at % (version % -> %) after this edit began',
        TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0], coalesce(to_jsonb(OLD) ->> 'editor', '?'),
        coalesce(to_jsonb(OLD) ->> 'updated_at', '?'), base, OLD.row_version
        USING ERRCODE = 'serialization_failure',
              HINT = 'Your edits were not saved; reload the feature and apply them again.';
    END IF;
  END IF;
  NEW.row_version := coalesce(OLD.row_version, 0) + 1;
  RETURN NEW;
END $$""",
        f"CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON {schema}.{HOUSEHOLDS} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.check_row_version('household_id')",
        f"CREATE TRIGGER check_row_version BEFORE INSERT OR UPDATE ON {schema}.{MEMBERS} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.check_row_version('member_id')",
        # Who changed a household and when: the database user, never what the client claims.
        f"""CREATE FUNCTION {schema}.stamp_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := coalesce(NEW.created_at, now());
  ELSE
    NEW.created_at := OLD.created_at;
  END IF;
  NEW.updated_at := now();
  NEW.editor := session_user;
  RETURN NEW;
END $$""",
        f"CREATE TRIGGER stamp_household BEFORE INSERT OR UPDATE ON {schema}.{HOUSEHOLDS} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.stamp_household()",
    ]


def _index_sql(schema: str) -> list[str]:
    statements = [
        f"CREATE INDEX {spec.name}_geom_idx ON {schema}.{spec.name} USING gist ({GEOMETRY_COLUMN})"
        for spec in LAYER_SPECS
        if spec.geometry
    ]
    return statements + [
        f"CREATE INDEX households_community_id_idx ON {schema}.{HOUSEHOLDS} (community_id)",
        f"CREATE INDEX members_household_id_idx ON {schema}.{MEMBERS} (household_id)",
        f"CREATE UNIQUE INDEX households_community_house_no_idx ON {schema}.{HOUSEHOLDS} (community_id, house_no)",
        f"CREATE INDEX communities_district_code_idx ON {schema}.{COMMUNITIES} (district_code)",
    ]


def _audit_sql(schema: str) -> list[str]:
    return [
        f"""CREATE TABLE {schema}.{AUDIT_TABLE} (
  audit_id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_key text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
  db_user text NOT NULL,
  changed_at timestamptz NOT NULL,
  transaction_id bigint NOT NULL,
  old_values jsonb,
  new_values jsonb
)""",
        f"CREATE INDEX {AUDIT_TABLE}_row_idx ON {schema}.{AUDIT_TABLE} (table_name, row_key)",
        # SECURITY DEFINER: the trigger writes rows its invoker (a mapper) may neither write nor read.
        f"""CREATE FUNCTION {schema}.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  INSERT INTO {schema}.{AUDIT_TABLE}
    (table_name, row_key, operation, db_user, changed_at, transaction_id, old_values, new_values)
  VALUES (TG_TABLE_NAME, coalesce(new_row, old_row) ->> TG_ARGV[0], TG_OP, session_user, now(),
          txid_current(), old_row, new_row);
  RETURN NULL;
END $$""",
        f"CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON {schema}.{HOUSEHOLDS} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.audit_row('household_id')",
        f"CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON {schema}.{MEMBERS} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.audit_row('member_id')",
    ]


def settings_sql(schema: str) -> list[str]:
    """The settings table (core/storage/settings_table.py) with its first rows; idempotent."""
    table = f"{schema}.{settings_table.SETTINGS_TABLE}"
    rows = ", ".join(f"({quote_literal(key)}, {quote_literal(value)})" for key, value in settings_table.initial_rows())
    return [
        f"CREATE TABLE IF NOT EXISTS {table} {settings_table.COLUMNS_SQL}",
        f"INSERT INTO {table} (key, value) VALUES {rows} ON CONFLICT (key) DO NOTHING",
    ]


def _coverage_views_sql(schema: str, replace: bool = False) -> list[str]:
    """The coverage view and the function planners call; `replace` rewrites those of an older schema
    (same columns, so the views built on them stay)."""
    create = "CREATE OR REPLACE" if replace else "CREATE"
    return [
        f"{create} VIEW {schema}.{COVERAGE_VIEW} AS\n{coverage_select_sql(schema)}",
        # SECURITY DEFINER like the view: planners get coverage numbers, never the household rows.
        f"""{create} FUNCTION {schema}.{COVERAGE_FUNCTION}() RETURNS SETOF {schema}.{COVERAGE_VIEW}
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public SET max_parallel_workers_per_gather = 0 SET work_mem = '256MB' SET jit = off
AS $$\n{coverage_select_sql(schema)}\n$$""",
    ]


def missing_columns_sql(schema: str) -> list[str]:
    """Add the register fields of communities (schema.COMMUNITY_REGISTER_FIELDS) a schema made before
    them lacks, with their checks; idempotent (a column that exists is left as it is)."""
    statements = []
    for name in COMMUNITY_REGISTER_FIELDS:
        spec = COMMUNITIES_SPEC.field(name)
        check = ""
        if spec.sql_check:
            constraint = quote_ident(f"{COMMUNITIES}_{name}_check")
            check = f" CONSTRAINT {constraint} CHECK ({name} IS NULL OR ({spec.sql_check}))"
        statements.append(
            f"ALTER TABLE {schema}.{COMMUNITIES} ADD COLUMN IF NOT EXISTS {_column_sql(COMMUNITIES, spec)}{check}"
        )
    return statements


def upgrade_sql(target: PostgisTarget) -> list[str]:
    """Bring a schema of version 1 (no settings table) to the current one: the table with the
    default rule, the coverage views that read it, and (when the schema's roles exist) its grants.
    Idempotent; run by the schema's owner."""
    s = target.schema
    grants = "; ".join(settings_grants_sql(target))
    return [
        *settings_sql(s),
        *missing_columns_sql(s),
        *_coverage_views_sql(s, replace=True),
        f"""DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = {quote_literal(target.role("admin"))}) THEN {grants}; END IF;
END $$""",
    ]


def _views_sql(schema: str) -> list[str]:
    kr_classes = ", ".join(quote_literal(c) for c in KR_SIZE_CLASSES)
    kr = f"c.size_class IN ({kr_classes})"
    name_cases = {
        language: "CASE a.code "
        + " ".join(
            f"WHEN {quote_literal(code.key)} THEN {quote_literal(code.label(language))}" for code in SIZE_CLASS.codes
        )
        + " END"
        for language in ("th", "en")
    }
    return [
        *_coverage_views_sql(schema),
        # KR 8310 roll-ups as core/coverage/kr_summary.py makes them: S and M communities only, complete
        # capped at each community's register; L communities beside it.
        f"""CREATE VIEW {schema}.{KR_VIEW} AS
WITH c AS (
  SELECT v.district_code, d.group_code, v.size_class, v.households_entered,
         {counted_registered_sql("v.registered_households", POSTGRES)} AS registered,
         {capped_complete_sql("v.registered_households", "v.households_complete", POSTGRES)} AS capped
  FROM {schema}.{COVERAGE_FUNCTION}() v LEFT JOIN {schema}.{DISTRICTS} d ON d.district_code = v.district_code
), a AS (
  SELECT CASE WHEN grouping(c.size_class) = 0 THEN 'size_class'
              WHEN grouping(c.group_code) = 1 THEN 'city'
              WHEN grouping(c.district_code) = 1 THEN 'district_group' ELSE 'district' END AS level,
         CASE WHEN grouping(c.size_class) = 0 THEN c.size_class
              WHEN grouping(c.group_code) = 1 THEN 'BKK'
              WHEN grouping(c.district_code) = 1 THEN c.group_code ELSE c.district_code::text END AS code,
         count(*) FILTER (WHERE c.size_class = 'S')::integer AS s_communities,
         count(*) FILTER (WHERE c.size_class = 'M')::integer AS m_communities,
         coalesce(sum(c.registered) FILTER (WHERE {kr}), 0)::integer AS registered_households,
         coalesce(sum(c.capped) FILTER (WHERE {kr}), 0)::integer AS complete_households,
         (100.0 * sum(c.capped) FILTER (WHERE {kr})
                / nullif(sum(c.registered) FILTER (WHERE {kr}), 0))::double precision AS kr_pct,
         count(*) FILTER (WHERE c.size_class = 'L')::integer AS l_communities,
         coalesce(sum(c.registered) FILTER (WHERE c.size_class = 'L'), 0)::integer AS l_registered_households,
         coalesce(sum(c.capped) FILTER (WHERE c.size_class = 'L'), 0)::integer AS l_complete_households,
         (100.0 * sum(c.capped) FILTER (WHERE c.size_class = 'L')
                / nullif(sum(c.registered) FILTER (WHERE c.size_class = 'L'), 0))::double precision AS l_coverage_pct,
         coalesce(sum(c.households_entered) FILTER (WHERE {kr}), 0)::integer AS households_entered
  FROM c
  GROUP BY GROUPING SETS ((), (c.group_code), (c.group_code, c.district_code), (c.size_class))
)
SELECT a.level, a.code,
       CASE a.level WHEN 'city' THEN 'กรุงเทพมหานคร' WHEN 'district' THEN d.name_th
            WHEN 'district_group' THEN g.group_th ELSE {name_cases["th"]} END AS name_th,
       CASE a.level WHEN 'city' THEN 'Bangkok' WHEN 'district' THEN d.name_en
            WHEN 'district_group' THEN g.group_en ELSE {name_cases["en"]} END AS name_en,
       a.s_communities, a.m_communities, a.registered_households, a.complete_households, a.kr_pct,
       a.l_communities, a.l_registered_households, a.l_complete_households, a.l_coverage_pct, a.households_entered
FROM a
LEFT JOIN {schema}.{DISTRICTS} d ON a.level = 'district' AND d.district_code::text = a.code
LEFT JOIN (SELECT DISTINCT group_code, group_th, group_en FROM {schema}.{DISTRICTS}) g
       ON a.level = 'district_group' AND g.group_code = a.code
WHERE a.code IS NOT NULL""",
    ]


def schema_sql(schema: str) -> list[str]:
    """Every statement that creates the community database in `schema` (tables to views), in order."""
    statements = [f"CREATE SCHEMA {schema}"]
    # Parents before children for the foreign keys.
    for spec in (DISTRICTS_SPEC, COMMUNITIES_SPEC, HOUSEHOLDS_SPEC, MEMBERS_SPEC):
        statements.append(table_ddl(schema, spec))
    statements += _trigger_sql(schema) + _index_sql(schema) + _audit_sql(schema) + settings_sql(schema)
    statements += _views_sql(schema)
    statements.append(
        f"CREATE TABLE {schema}.{MAPPER_DISTRICTS_TABLE} (user_name name NOT NULL, "
        f"district_code integer NOT NULL REFERENCES {schema}.{DISTRICTS} (district_code) ON DELETE CASCADE, "
        "PRIMARY KEY (user_name, district_code))"
    )
    return statements


def _geometry_sql(district: District) -> str:
    wkb = bytes(district.geometry.asWkb()).hex()
    return f"ST_Multi(ST_GeomFromWKB(decode('{wkb}', 'hex'), {CRS_EPSG}))"


def districts_sql(schema: str, districts: Sequence[District]) -> str:
    """One INSERT of the 50 districts with their targets and boundaries."""
    columns = [GEOMETRY_COLUMN] + DISTRICTS_SPEC.field_names()
    # The layer's fields are the District's attributes, but for the code.
    attributes = ["code" if name == "district_code" else name for name in DISTRICTS_SPEC.field_names()]
    rows = [
        "(" + ", ".join([_geometry_sql(d)] + [quote_literal(getattr(d, name)) for name in attributes]) + ")"
        for d in districts
    ]
    return f"INSERT INTO {schema}.{DISTRICTS} ({', '.join(columns)}) VALUES\n" + ",\n".join(rows)
