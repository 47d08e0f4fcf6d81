"""The community database as SQL: tables, checks, triggers, indexes, audit trail, views.

Pure: strings in, strings out. The layers and fields come from definitions/schema.py, the
code lists from definitions/codelists.py, size_class from rules/size_class.py.
"""

from __future__ import annotations

import re
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
from ...rules.community_locator import POINT_COMMUNITY_RADIUS_M
from ...rules.coverage_flag import capped_complete_sql, counted_registered_sql
from ...rules.household_location import community_distance_sql, community_limit_sql, within_district_sql
from ...rules.size_class import size_class_sql
from ...rules.sql_text import POSTGRES
from .. import row_versions, settings_table
from .connection import quote_ident, quote_literal
from .coverage_sql import coverage_select_sql
from .coverage_triggers import kept_coverage_sql
from .editing import CONFLICT_TAG, LOCATION_TAG
from .roles import (
    MAPPER_DISTRICTS_ESTIMATE,
    act_as_owner_sql,
    lockdown_sql,
    privileges_sql,
    role_functions_sql,
    take_ownership_sql,
    when_roles_exist,
)
from .target import (
    AUDIT_TABLE,
    COVERAGE_FUNCTION,
    COVERAGE_VIEW,
    KEY_COLUMN,
    KR_VIEW,
    LATEST_CHANGE_FUNCTION,
    MAPPER_DISTRICTS_TABLE,
    REFRESH_COVERAGE_FUNCTION,
    PostgisTarget,
    safe_search_path,
)

_PG_TYPES = {
    "text": "text",
    "integer": "integer",
    "real": "double precision",
    "datetime": "timestamptz",
    "boolean": "boolean",
}
_GEOMETRY_TYPES = {"MULTIPOLYGON": "MultiPolygon", "MULTILINESTRING": "MultiLineString", "POINT": "Point"}
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


# Ids unique by an index QGIS's postgres provider does not report as a UNIQUE field (it takes only a
# unique index of that one column as one): on a UNIQUE field QGIS reads every value of the column
# whenever a feature is created (seconds for the city's households and members). The INCLUDE column
# leaves the index just as strict, and the target of the foreign keys to the id.
_UNIQUE_BY_INDEX = {(HOUSEHOLDS, "household_id"), (MEMBERS, "member_id")}


def _unique_index_name(table: str, column: str) -> str:
    return f"{table}_{column}_unique"


def unique_indexes_sql(schema: str, table: str) -> list[str]:
    """The unique indexes of `table`'s ids of _UNIQUE_BY_INDEX (after its CREATE TABLE, before the
    tables referring to them); idempotent."""
    return [
        f"CREATE UNIQUE INDEX IF NOT EXISTS {_unique_index_name(table, column)} "
        f"ON {schema}.{table} ({column}) INCLUDE ({KEY_COLUMN})"
        for indexed_table, column in sorted(_UNIQUE_BY_INDEX)
        if indexed_table == table
    ]


def _id_columns_sql(schema: str) -> str:
    """(relation, column) of the ids of _UNIQUE_BY_INDEX, as a VALUES list for the catalog queries below."""
    return ", ".join(
        f"({quote_literal(f'{schema}.{table}')}::regclass, {quote_literal(column)})"
        for table, column in sorted(_UNIQUE_BY_INDEX)
    )


def _qgis_unique_sql(schema: str) -> str:
    """The unique indexes QGIS reports as a UNIQUE field on an id of _UNIQUE_BY_INDEX: what its postgres
    provider looks for (a unique index whose key is that one column): (relation, column, index)."""
    return (
        f"SELECT i.indrelid AS relation, a.attname AS column_name, i.indexrelid AS index "
        f"FROM (VALUES {_id_columns_sql(schema)}) v (relation, column_name) "
        "JOIN pg_attribute a ON a.attrelid = v.relation AND a.attname = v.column_name "
        "JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisunique AND i.indkey::text = a.attnum::text"
    )


def unique_ids_upgrade_sql(schema: str) -> list[str]:
    """For a schema made with UNIQUE constraints on the ids of _UNIQUE_BY_INDEX: the unique indexes QGIS
    does not read, then the constraint (or index) QGIS reads dropped, and the foreign keys that used it
    made again as they were (cascades, deferral). Idempotent; run by the tables' owner."""
    indexes = [
        statement for table, _column in sorted(_UNIQUE_BY_INDEX) for statement in unique_indexes_sql(schema, table)
    ]
    return [
        *indexes,
        f"""DO $kr8310_unique$
DECLARE
  found record;
  foreign_key record;
  remade text[];
  statement text;
BEGIN
  FOR found IN {_qgis_unique_sql(schema)} LOOP
    remade := '{{}}';
    FOR foreign_key IN SELECT c.conrelid::regclass AS child, c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c WHERE c.contype = 'f' AND c.conindid = found.index ORDER BY c.conname LOOP
      remade := remade || format('ALTER TABLE %s ADD CONSTRAINT %I %s', foreign_key.child, foreign_key.conname,
                                 foreign_key.definition);
      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', foreign_key.child, foreign_key.conname);
    END LOOP;
    statement := (SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', found.relation::regclass, c.conname)
                  FROM pg_constraint c WHERE c.contype = 'u' AND c.conindid = found.index
                    AND c.conrelid = found.relation);
    EXECUTE coalesce(statement, format('DROP INDEX %s', found.index::regclass));
    FOREACH statement IN ARRAY remade LOOP
      EXECUTE statement;
    END LOOP;
  END LOOP;
END $kr8310_unique$""",
    ]


def _column_sql(table: str, spec: FieldSpec) -> str:
    parts = [quote_ident(spec.name), _PG_TYPES[spec.kind]]
    if spec.not_null:
        parts.append("NOT NULL")
    if spec.unique and (table, spec.name) not in _UNIQUE_BY_INDEX:
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


# Where PostGIS functions are called from a function of the schema: qualified with PostGIS's own schema
# (the function's search_path leaves public out), which with_postgis_schema fills in on the server.
POSTGIS = "@postgis@."
_POSTGIS_CALL = re.compile(r"(?<![\w.@])(ST_\w+)\s*\(", re.IGNORECASE)
# Raised by the household location trigger; the message names the household and the reason.
# Settings row (key) an admin may add to change community_locator.POINT_COMMUNITY_RADIUS_M for the server.
POINT_RADIUS_SETTING = "community_point_radius_m"
# The columns of communities the server derives from households: a change of them alone is no
# change of the register, so the audit leaves it out (recomputable at any time from the view).
_DERIVED_COMMUNITY_COLUMNS = ("households_entered", "households_complete", "coverage_pct", "coverage_flag")


def with_postgis_schema(statement: str) -> str:
    """`statement` run on the server with POSTGIS replaced by the schema PostGIS is installed in."""
    return f"""DO $kr8310_postgis$ BEGIN
  EXECUTE replace($kr8310_body${statement}$kr8310_body$, {quote_literal(POSTGIS)},
    (SELECT quote_ident(n.nspname) || '.' FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'postgis'));
END $kr8310_postgis$"""


def qualified_postgis_calls(sql: str) -> str:
    """`sql` with every ST_… call qualified by POSTGIS (for a function body; see with_postgis_schema)."""
    return _POSTGIS_CALL.sub(lambda match: f"{POSTGIS}{match.group(1)}(", sql)


def postgis_function(sql: str) -> str:
    """A CREATE FUNCTION `sql` that calls PostGIS, as the statement creating it (PostGIS's schema filled in)."""
    return with_postgis_schema(qualified_postgis_calls(sql))


def _trigger(schema: str, table: str, name: str, when: str, function: str) -> list[str]:
    """A row trigger, replaced if it exists (PostgreSQL 13 has no CREATE OR REPLACE TRIGGER)."""
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}",
        f"CREATE TRIGGER {name} {when} ON {schema}.{table} FOR EACH ROW EXECUTE FUNCTION {schema}.{function}",
    ]


def _trigger_sql(schema: str) -> list[str]:
    """The row triggers of communities, households and members with their functions; idempotent."""
    derived = size_class_sql("NEW.registered_households")
    path = safe_search_path(schema)
    return [
        # size_class always follows registered_households, whoever writes the row.
        f"""CREATE OR REPLACE FUNCTION {schema}.derive_size_class() RETURNS trigger LANGUAGE plpgsql {path} AS $$
BEGIN
  NEW.size_class := {derived};
  RETURN NEW;
END $$""",
        *_trigger(schema, COMMUNITIES, "derive_size_class", "BEFORE INSERT OR UPDATE", "derive_size_class()"),
        # Optimistic locking; see editing.py.
        f"""CREATE OR REPLACE FUNCTION {schema}.check_row_version() RETURNS trigger LANGUAGE plpgsql {path} AS $$
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
        *_trigger(
            schema, HOUSEHOLDS, "check_row_version", "BEFORE INSERT OR UPDATE", "check_row_version('household_id')"
        ),
        *_trigger(schema, MEMBERS, "check_row_version", "BEFORE INSERT OR UPDATE", "check_row_version('member_id')"),
        # Who changed a household and when: the database user and clock, never what the client claims.
        f"""CREATE OR REPLACE FUNCTION {schema}.stamp_household() RETURNS trigger LANGUAGE plpgsql {path} AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := now();
  ELSE
    NEW.created_at := OLD.created_at;
  END IF;
  NEW.updated_at := now();
  NEW.editor := session_user;
  RETURN NEW;
END $$""",
        *_trigger(schema, HOUSEHOLDS, "stamp_household", "BEFORE INSERT OR UPDATE", "stamp_household()"),
        with_postgis_schema(_location_function_sql(schema)),
        *_trigger(
            schema,
            HOUSEHOLDS,
            "check_household_location",
            "BEFORE INSERT OR UPDATE OF geom, community_id",
            "check_household_location()",
        ),
    ]


def _location_function_sql(schema: str) -> str:
    """The household location rule (rules/household_location.py) as a trigger function: refuses a point
    away from its community or district with a message naming the household and why."""
    st = POSTGIS
    point = f"NEW.{GEOMETRY_COLUMN}"
    stored_radius = (
        f"(SELECT CASE WHEN value ~ '^[0-9]+(\\.[0-9]+)?$' THEN value::double precision END "
        f"FROM {schema}.{settings_table.SETTINGS_TABLE} WHERE key = {quote_literal(POINT_RADIUS_SETTING)})"
    )
    in_district = within_district_sql(point, "d.geom", st)
    its_district = "(community_district IS NULL OR d.district_code = community_district)"
    return f"""CREATE OR REPLACE FUNCTION {schema}.check_household_location() RETURNS trigger LANGUAGE plpgsql
{safe_search_path(schema)} AS $$
DECLARE
  polygon {st}geometry;
  x double precision;
  y double precision;
  community_district integer;
  radius double precision := coalesce({stored_radius}, {POINT_COMMUNITY_RADIUS_M!r});
  distance double precision;
  allowed double precision;
BEGIN
  IF {point} IS NULL OR {st}ST_IsEmpty({point}) THEN
    RETURN NEW;
  END IF;
  SELECT c.geom, c.location_x, c.location_y, c.district_code INTO polygon, x, y, community_district
  FROM {schema}.{COMMUNITIES} c WHERE c.community_id = NEW.community_id;
  distance := {community_distance_sql(point, "polygon", "x", "y", CRS_EPSG, st)};
  allowed := {community_limit_sql("polygon", "radius", st)};
  IF distance > allowed THEN
    RAISE EXCEPTION '{LOCATION_TAG}: household % lies % m from its community % (at most % m allowed)',
      NEW.household_id, round(distance::numeric), NEW.community_id, allowed
      USING ERRCODE = 'check_violation',
            HINT = 'Move the point into its community, or give the household the community it lies in.';
  END IF;
  IF EXISTS (SELECT 1 FROM {schema}.{DISTRICTS} d WHERE {its_district})
     AND NOT EXISTS (SELECT 1 FROM {schema}.{DISTRICTS} d WHERE {its_district} AND {in_district}) THEN
    distance := (SELECT min({st}ST_Distance(d.geom, {point})) FROM {schema}.{DISTRICTS} d WHERE {its_district});
    IF community_district IS NULL THEN
      RAISE EXCEPTION '{LOCATION_TAG}: household % lies % m outside Bangkok''s districts', NEW.household_id,
        round(distance::numeric) USING ERRCODE = 'check_violation', HINT = 'Place the point where the household is.';
    END IF;
    RAISE EXCEPTION '{LOCATION_TAG}: household % lies % m outside district % of its community %',
      NEW.household_id, round(distance::numeric), community_district, NEW.community_id
      USING ERRCODE = 'check_violation', HINT = 'Place the point where the household is, in its community.';
  END IF;
  RETURN NEW;
END $$"""


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


def _audit_table_sql(schema: str) -> list[str]:
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
    ]


# Audited table -> its key column, then the columns whose change alone is not recorded.
def _audited_tables() -> dict[str, tuple[str, ...]]:
    return {
        HOUSEHOLDS: ("household_id",),
        MEMBERS: ("member_id",),
        COMMUNITIES: ("community_id", *_DERIVED_COMMUNITY_COLUMNS),
        DISTRICTS: ("district_code",),
        MAPPER_DISTRICTS_TABLE: ("user_name",),
        settings_table.SETTINGS_TABLE: ("key",),
    }


def audit_sql(schema: str) -> list[str]:
    """The audit trigger function and a trigger on every audited table; idempotent. The tables' rows
    present when the triggers are made are not recorded (the set-up's districts)."""
    statements = [
        # SECURITY DEFINER: the trigger writes rows its invoker (a mapper) may neither write nor read.
        f"""CREATE OR REPLACE FUNCTION {schema}.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
{safe_search_path(schema)} AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  derived text[] := TG_ARGV[1:TG_NARGS - 1];
BEGIN
  IF TG_OP = 'UPDATE' AND (old_row - derived) = (new_row - derived) THEN
    RETURN NULL;
  END IF;
  INSERT INTO {schema}.{AUDIT_TABLE}
    (table_name, row_key, operation, db_user, changed_at, transaction_id, old_values, new_values)
  VALUES (TG_TABLE_NAME, coalesce(new_row, old_row) ->> TG_ARGV[0], TG_OP, session_user, now(),
          txid_current(), old_row, new_row);
  RETURN NULL;
END $$""",
    ]
    for table, columns in _audited_tables().items():
        arguments = ", ".join(quote_literal(c) for c in columns)
        if table == COMMUNITIES:
            statements += _community_audit_trigger_sql(schema, arguments)
            continue
        statements += _trigger(
            schema, table, "audit_row", "AFTER INSERT OR UPDATE OR DELETE", f"audit_row({arguments})"
        )
    return statements


def _community_columns_sql(schema: str) -> str:
    """The columns of communities but the derived ones, from the catalog (a column added later counts too)."""
    derived = ", ".join(quote_literal(c) for c in _DERIVED_COMMUNITY_COLUMNS)
    return (
        f"SELECT a.attnum, a.attname FROM pg_attribute a WHERE a.attrelid = {quote_literal(f'{schema}.{COMMUNITIES}')}"
        f"::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> ALL (ARRAY[{derived}])"
    )


def _community_audit_trigger_sql(schema: str, arguments: str) -> list[str]:
    """The audit trigger of communities fires on updates of the register's columns only: the server's
    own rewrite of the coverage fields at every kept-coverage commit never turns the row into JSON."""
    create = (
        f"CREATE TRIGGER audit_row AFTER INSERT OR DELETE OR UPDATE OF %s ON {schema}.{COMMUNITIES} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.audit_row({arguments})"
    )
    return [
        f"DROP TRIGGER IF EXISTS audit_row ON {schema}.{COMMUNITIES}",
        f"""DO $kr8310_audit$ BEGIN
  EXECUTE (SELECT format({quote_literal(create)}, string_agg(quote_ident(c.attname), ', ' ORDER BY c.attname))
           FROM ({_community_columns_sql(schema)}) c);
END $kr8310_audit$""",
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
    """The coverage view and the functions planners call; `replace` rewrites those of an older schema
    (same columns, so the views built on them stay)."""
    create = "CREATE OR REPLACE" if replace else "CREATE"
    path = safe_search_path(schema)
    return [
        f"{create} VIEW {schema}.{COVERAGE_VIEW} AS\n{coverage_select_sql(schema)}",
        # SECURITY DEFINER like the view: planners get coverage numbers, never the household rows.
        with_postgis_schema(
            f"""CREATE OR REPLACE FUNCTION {schema}.{COVERAGE_FUNCTION}() RETURNS SETOF {schema}.{COVERAGE_VIEW}
LANGUAGE sql STABLE SECURITY DEFINER
{path} SET max_parallel_workers_per_gather = 0 SET work_mem = '256MB' SET jit = off
AS $$\n{qualified_postgis_calls(coverage_select_sql(schema))}\n$$"""
        ),
        # What every export prints, for any KR 8310 role (planners included): the stored coverage fields
        # brought up to date by the server, and the per-community numbers; no household row leaves it.
        f"""CREATE OR REPLACE FUNCTION {schema}.{REFRESH_COVERAGE_FUNCTION}()
RETURNS TABLE (community_id text, district_code integer, registered_households integer,
               households_entered integer, households_complete integer)
LANGUAGE sql VOLATILE SECURITY DEFINER {path} AS $$
  WITH fresh AS (SELECT * FROM {schema}.{COVERAGE_FUNCTION}()),
  changed AS (
    UPDATE {schema}.{COMMUNITIES} c SET households_entered = v.households_entered,
           households_complete = v.households_complete, coverage_pct = v.coverage_pct, coverage_flag = v.coverage_flag
    FROM fresh v
    WHERE v.community_id = c.community_id
      AND (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
          IS DISTINCT FROM (v.households_entered, v.households_complete, v.coverage_pct, v.coverage_flag))
  SELECT f.community_id, f.district_code, f.registered_households, f.households_entered, f.households_complete
  FROM fresh f
$$""",
        # The date a map prints: when a household was last saved (one time, no household value).
        f"""CREATE OR REPLACE FUNCTION {schema}.{LATEST_CHANGE_FUNCTION}() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
  SELECT max(greatest(updated_at, created_at)) FROM {schema}.{HOUSEHOLDS}
$$""",
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
    default rule, the register fields, and the security model (hardening_sql), with the coverage
    views that read the table. Idempotent; run by the schema's owner."""
    s = target.schema
    return [*settings_sql(s), *missing_columns_sql(s), *hardening_sql(target)]


def hardening_sql(target: PostgisTarget) -> list[str]:
    """The security model (roles.py) applied to a schema an older version made: the NOLOGIN owner role
    owning it all, the server's triggers (location check, server-set times, audit of every register
    table, of communities on register columns only) and functions (safe search_path), the grants, the
    KR view on the kept numbers and the ids unique by indexes QGIS does not read; idempotent. Run by
    the schema's owner (the first time with CREATEROLE, to create the owner role). On a city-sized
    schema the ids' indexes and foreign keys are rebuilt: about 7 s for 300,000 households, the
    households and members tables locked meanwhile."""
    s = target.schema
    return [
        when_roles_exist(target, [take_ownership_sql(target)]),
        act_as_owner_sql(target),
        *_trigger_sql(s),
        *_coverage_views_sql(s, replace=True),
        _kr_view_sql(s, replace=True),
        *unique_ids_upgrade_sql(s),
        *audit_sql(s),
        when_roles_exist(target, [*role_functions_sql(target), *privileges_sql(target)]),
        *lockdown_sql(s),
    ]


def hardening_needed_sql(target: PostgisTarget) -> str:
    """A query answering whether the schema lacks the security model of hardening_sql and the login
    running it could apply it (it acts as the owner of the schema's tables)."""
    s = target.schema
    unsafe_functions = (
        f"SELECT 1 FROM pg_proc p WHERE p.pronamespace = {quote_literal(s)}::regnamespace AND p.prokind = 'f' "
        f"AND NOT ({quote_literal(safe_search_path(s).removeprefix('SET ').replace(' = ', '='))} "
        "= ANY(coalesce(p.proconfig, '{}')))"
    )
    owner_only_grants = (
        f"SELECT 1 FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
        f"WHERE c.relnamespace = {quote_literal(s)}::regnamespace AND a.grantee <> c.relowner "
        "AND a.privilege_type IN ('TRUNCATE', 'TRIGGER')"
    )
    return f"""SELECT (EXISTS ({unsafe_functions}) OR EXISTS ({owner_only_grants})
        OR NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'check_household_location'
                       AND tgrelid = {quote_literal(f"{s}.{HOUSEHOLDS}")}::regclass)
        OR EXISTS (SELECT 1 FROM ({_community_columns_sql(s)}) c WHERE NOT EXISTS (
                     SELECT 1 FROM pg_trigger t WHERE t.tgname = 'audit_row'
                     AND t.tgrelid = {quote_literal(f"{s}.{COMMUNITIES}")}::regclass
                     AND c.attnum = ANY (t.tgattr::int2[])))
        OR EXISTS ({_qgis_unique_sql(s)})
        OR EXISTS (SELECT 1 FROM pg_proc WHERE oid = to_regprocedure({quote_literal(f"{s}.my_district_codes()")})
                   AND prorows <> {MAPPER_DISTRICTS_ESTIMATE})
        OR EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                   WHERE r.ev_class = to_regclass({quote_literal(f"{s}.{KR_VIEW}")})
                   AND d.refclassid = 'pg_proc'::regclass
                   AND d.refobjid = to_regprocedure({quote_literal(f"{s}.{COVERAGE_FUNCTION}()")}))
        OR (EXISTS (SELECT FROM pg_roles WHERE rolname = {quote_literal(target.role("admin"))})
            AND NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {quote_literal(target.role("owner"))})))
   AND pg_has_role(current_user, (SELECT relowner FROM pg_class
                                  WHERE oid = {quote_literal(f"{s}.{HOUSEHOLDS}")}::regclass), 'USAGE')"""


def _views_sql(schema: str) -> list[str]:
    return [*_coverage_views_sql(schema), _kr_view_sql(schema)]


def _kr_view_sql(schema: str, replace: bool = False) -> str:
    """The KR view; `replace` rewrites that of an older schema (same columns: its owner and grants stay)."""
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
    # KR 8310 roll-ups as core/coverage/kr_summary.py makes them: S and M communities only, complete
    # capped at each community's register; L communities beside it.
    return f"""{"CREATE OR REPLACE" if replace else "CREATE"} VIEW {schema}.{KR_VIEW} AS
WITH c AS (
  SELECT v.district_code, d.group_code, v.size_class, v.households_entered,
         {counted_registered_sql("v.registered_households", POSTGRES)} AS registered,
         {capped_complete_sql("v.registered_households", "v.households_complete", POSTGRES)} AS capped
  -- The numbers the database keeps (core/storage/postgis/coverage_triggers.py): 2,004 rows, not every household.
  FROM {schema}.{COMMUNITIES} v LEFT JOIN {schema}.{DISTRICTS} d ON d.district_code = v.district_code
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
WHERE a.code IS NOT NULL"""


def schema_sql(schema: str, districts: Sequence[District] = (), owner: str | None = None) -> list[str]:
    """Every statement that creates the community database in `schema` (tables to views, the
    `districts`, the audit triggers), in order. `owner`: the group role that owns the schema, and
    that the statements after CREATE SCHEMA run as (the login running them must be its member);
    None: the login owns it."""
    statements = [f"CREATE SCHEMA {schema}"]
    if owner:
        statements = [f"CREATE SCHEMA {schema} AUTHORIZATION {owner}", f"SET LOCAL ROLE {owner}"]
    # Parents before children for the foreign keys.
    for spec in (DISTRICTS_SPEC, COMMUNITIES_SPEC, HOUSEHOLDS_SPEC, MEMBERS_SPEC):
        statements += [table_ddl(schema, spec), *unique_indexes_sql(schema, spec.name)]
    statements += _trigger_sql(schema) + _index_sql(schema) + _audit_table_sql(schema) + settings_sql(schema)
    statements += row_versions.postgis_guard_sql(schema)  # house-number keys, import versions
    statements += _views_sql(schema)
    statements.append(
        f"CREATE TABLE {schema}.{MAPPER_DISTRICTS_TABLE} (user_name name NOT NULL, "
        f"district_code integer NOT NULL REFERENCES {schema}.{DISTRICTS} (district_code) ON DELETE CASCADE, "
        "PRIMARY KEY (user_name, district_code))"
    )
    if districts:
        statements.append(districts_sql(schema, districts))
    statements += kept_coverage_sql(schema, postgis_function)  # coverage kept by the server's triggers
    # The audit records changes from here on, not the set-up's 50 district boundaries.
    return statements + audit_sql(schema)


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
