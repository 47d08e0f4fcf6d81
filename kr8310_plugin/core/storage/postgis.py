"""The community database in PostGIS: many district offices editing one database at once.

The same layers and fields as the GeoPackage (definitions/schema.py), plus what a shared
server needs: primary and foreign keys, check constraints, spatial indexes, triggers that
stamp `updated_at`/`editor` and keep `row_version`, roles with row-level security per
district, an audit trail, and coverage computed in the database.

A database is named by one string (see core/datasource.py):
``postgresql://user@host:5432/dbname?schema=kr8310&sslmode=require`` or ``pg:NAME?schema=kr8310``
for a QGIS saved connection. Plugin-side SQL goes through QGIS's own postgres provider
(QgsAbstractDatabaseProviderConnection.executeSql), so the plugin needs no Python driver.

Optimistic locking ("no lost edits"): an edit declares the version it started from by
writing ``row_version = -(base + 1)``; the trigger refuses it when the row's version is no
longer `base` (someone saved in between), and otherwise stores ``base + 1``. Layers opened
through the plugin do this with an idempotent default-on-update expression
(ROW_VERSION_EXPRESSION), so it works in the attribute form, the edit buffer and on
geometry moves. An update that does not declare a version (a SQL tool) is still bumped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from qgis.core import (
    NULL,
    QgsAbstractDatabaseProviderConnection,
    QgsDataSourceUri,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsException,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...definitions.codelists import CODE_LISTS_BY_FIELD, SIZE_CLASS
from ...definitions.schema import (
    COMMUNITIES,
    COMMUNITIES_SPEC,
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
    REQUIRED_HOUSEHOLD_FIELDS,
    REQUIRED_MEMBER_FIELDS,
    FieldSpec,
    LayerSpec,
)
from ..registry.districts import District, load_registry
from ..rules.size_class import size_class_sql
from ..toolbelt.i18n import tr

DEFAULT_SCHEMA = "kr8310"
KEY_COLUMN = "fid"
AUDIT_TABLE = "audit_log"
MAPPER_DISTRICTS_TABLE = "mapper_districts"
COVERAGE_VIEW = "community_coverage"
# The same rows for the whole city, planned for it: one pass, no parallel workers (each would
# rebuild the member hash) and memory enough to hash half a million households.
COVERAGE_FUNCTION = "community_coverage_all"
KR_VIEW = "kr_summary"

# Idempotent: the first edit turns version v into -(v + 1), later edits of the same pending
# row leave it alone, so the server learns the version the edit started from.
ROW_VERSION_EXPRESSION = (
    'CASE WHEN "row_version" IS NULL THEN NULL WHEN "row_version" >= 0 THEN -("row_version" + 1) ELSE "row_version" END'  # noqa: E501
)
# Fields the server fills in; the form shows but never edits them.
SERVER_FIELDS = ("created_at", "updated_at", "editor", "row_version")
# Raised by the row_version trigger; explain_commit_errors() recognises it.
CONFLICT_TAG = "KR8310 row_version conflict"

_PG_TYPES = {
    "text": "text",
    "integer": "integer",
    "real": "double precision",
    "datetime": "timestamptz",
    "boolean": "boolean",
}
_GEOMETRY_TYPES = {"MULTIPOLYGON": "MultiPolygon", "POINT": "Point"}
_WKB_TYPES = {"MULTIPOLYGON": QgsWkbTypes.MultiPolygon, "POINT": QgsWkbTypes.Point, None: QgsWkbTypes.NoGeometry}
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
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")
_URI_OPTIONS = {"schema", "sslmode", "service", "authcfg"}
_CONNECTION_LOST = ("server closed the connection", "could not connect", "no connection")
# What QGIS raises when a provider connection fails: QgsProviderConnectionException from executeSql
# on newer QGIS (not a QgsException), QgsException on QGIS 3.22.
QGIS_CONNECTION_ERRORS = (QgsProviderConnectionException, QgsException)
# A password in a libpq connection string (password='…' or password=…) or a URI (user:password@host).
_PASSWORD_PATTERNS = (
    (re.compile(r"(\bpassword\s*=\s*)'(?:[^'\\]|\\.)*'", re.IGNORECASE), r"\1'***'"),
    (re.compile(r"(\bpassword\s*=\s*)[^\s&'\]]+", re.IGNORECASE), r"\1***"),
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s/]*@", re.IGNORECASE), r"\1***@"),
)


class PostgisError(ValueError):
    """A PostGIS database cannot be reached, created or changed; the message is for the user."""


def mask_passwords(text: str) -> str:
    """`text` with every password of a connection string or URI in it replaced by ***."""
    for pattern, replacement in _PASSWORD_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def error_text(error: BaseException) -> str:
    """The message of a QGIS exception (PyQGIS exceptions have no what()), passwords masked."""
    text = str(error) or " ".join(str(arg) for arg in error.args)
    return mask_passwords(text)


# ---------------------------------------------------------------------------------------
# Naming a database


@dataclass(frozen=True)
class PostgisTarget:
    """Where a community database lives on a server: connection (no table) and schema."""

    uri: QgsDataSourceUri
    schema: str

    def connection_string(self) -> str:
        """The connection part only, as QGIS writes it (dbname='…' host=… user='…' …)."""
        return self.uri.uri(False)

    def role(self, kind: str) -> str:
        """Group role names are prefixed with the schema, so test and live schemas can share a cluster."""
        return f"{self.schema}_{kind}"


def _check_schema_name(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise PostgisError(
            tr("'{schema}' is not a usable schema name: use lower-case letters, digits and _ (at most 41).").format(
                schema=schema
            )
        )
    return schema


def parse_target(database: str, schema: str | None = None) -> PostgisTarget:
    """A PostgisTarget from ``postgres(ql)://…`` (libpq URI, plus ``schema``) or ``pg:NAME[?schema=…]``.

    `schema`, when given, overrides the one in the string. Raises PostgisError when the
    string is malformed or names no saved connection.
    """
    if database.startswith("pg:"):
        name, _, query = database[3:].partition("?")
        options = dict(parse_qsl(query))
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            connection = metadata.findConnection(name) if name else None
        except QGIS_CONNECTION_ERRORS:
            connection = None
        if connection is None:
            raise PostgisError(
                tr("There is no saved PostgreSQL connection named '{name}' (Browser ▸ PostgreSQL).").format(name=name)
            )
        uri = QgsDataSourceUri(connection.uri())
    elif database.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(database)
        options = dict(parse_qsl(parts.query))
        unknown = sorted(set(options) - _URI_OPTIONS)
        if unknown:
            raise PostgisError(
                tr(
                    "Unsupported option(s) in the connection URI: {options}. Use schema, sslmode, service, authcfg."
                ).format(options=", ".join(unknown))
            )
        try:
            port = str(parts.port or "")
        except ValueError as error:
            raise PostgisError(tr("The port in {uri} is not a number.").format(uri=mask_passwords(database))) from error
        uri = QgsDataSourceUri()
        sslmode = QgsDataSourceUri.decodeSslMode(options.get("sslmode", "prefer"))
        dbname = unquote(parts.path.lstrip("/"))
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
        if options.get("service"):
            uri.setConnection(options["service"], dbname, user, password, sslmode, options.get("authcfg", ""))
        else:
            uri.setConnection(parts.hostname or "", port, dbname, user, password, sslmode, options.get("authcfg", ""))
    else:
        raise PostgisError(tr("'{database}' is not a PostgreSQL connection.").format(database=mask_passwords(database)))
    return PostgisTarget(uri, _check_schema_name(schema or options.get("schema") or DEFAULT_SCHEMA))


def postgis_layer_uri(database: str, spec: LayerSpec) -> str:
    """The QGIS postgres data source of one layer: schema, table, geometry column, key, CRS, type."""
    target = parse_target(database)
    uri = QgsDataSourceUri(target.connection_string())
    uri.setDataSource(target.schema, spec.name, GEOMETRY_COLUMN if spec.geometry else "", "", KEY_COLUMN)
    uri.setKeyColumn(KEY_COLUMN)
    if spec.geometry:
        uri.setSrid(str(CRS_EPSG))
        uri.setWkbType(_WKB_TYPES[spec.geometry])
    return uri.uri(False)


def configure_layer(layer: QgsVectorLayer) -> None:
    """Make a PostGIS households/members layer edit safely: declare row_version, server fields read-only."""
    fields = layer.fields()
    index = fields.indexOf("row_version")
    if index < 0:
        return
    layer.setDefaultValueDefinition(index, QgsDefaultValue(ROW_VERSION_EXPRESSION, True))
    form = layer.editFormConfig()
    for name in SERVER_FIELDS:
        field_index = fields.indexOf(name)
        if field_index >= 0:
            form.setReadOnly(field_index, True)
    layer.setEditFormConfig(form)
    if layer.editorWidgetSetup(index).type() == "":
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("Hidden", {}))


def server_reachable(layer: QgsVectorLayer) -> bool:
    """Whether the PostgreSQL server of a postgres layer answers a trivial query now."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        metadata.createConnection(QgsDataSourceUri(layer.source()).connectionInfo(False), {}).executeSql("SELECT 1")
    except QGIS_CONNECTION_ERRORS:
        return False
    return True


def explain_commit_errors(errors: Sequence[str], layer: QgsVectorLayer | None = None) -> str:
    """A mapper's message for a refused commit (QgsVectorLayer.commitErrors()); the edits stay in the buffer.

    QGIS does not always pass the server's reason on; with `layer` given, a failure without one
    is checked against the server to tell a lost connection from a refusal.
    """
    text = "\n".join(errors)
    lost = tr("The connection to the database was lost. Your edits are kept: save again when it is back.")
    if CONFLICT_TAG in text:
        reason = tr(
            "Someone else saved this household (or member) after you started editing it. "
            "Your edits were not saved and are still in the edit buffer: note them, "
            "discard, reload the feature and enter them again."
        )
    elif "row-level security" in text or "permission denied" in text:
        reason = tr("You may only edit households and members of communities in your own district.")
    elif "violates check constraint" in text or "violates foreign key" in text or "violates unique" in text:
        reason = tr("A value is not allowed by the database rules (range, code list, unique house number, community).")
    elif any(words in text for words in _CONNECTION_LOST) or (
        layer is not None and layer.providerType() == "postgres" and not server_reachable(layer)
    ):
        reason = lost
    else:
        reason = tr("The database refused the save.")
    return tr("{reason}\n\nDetails: {details}").format(reason=reason, details=text)


# ---------------------------------------------------------------------------------------
# SQL generation (pure: strings in, strings out)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: object) -> str:
    """An SQL literal for None, bool, int, float or text (standard_conforming_strings on)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


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
        # Optimistic locking; see the module docstring.
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


def _filled_sql(column: str, kind: str) -> str:
    """The engine's "filled": not NULL and, for text, not blank."""
    if kind == "text":
        return f"btrim({column}, E' \\t\\n\\r\\f\\v') <> ''"
    return f"{column} IS NOT NULL"


def coverage_select_sql(
    schema: str,
    household_fields: Sequence[str] = REQUIRED_HOUSEHOLD_FIELDS,
    member_fields: Sequence[str] = REQUIRED_MEMBER_FIELDS,
) -> str:
    """Per community: households_entered, households_complete, coverage_pct, coverage_flag (issue 4's rules)."""
    member_complete, household_complete = _complete_sql(household_fields, member_fields)
    return f"""WITH member_stats AS (
  SELECT m.household_id, count(*) AS member_rows, count(*) FILTER (WHERE {member_complete}) AS complete_rows
  FROM {schema}.{MEMBERS} m GROUP BY m.household_id
), household_stats AS (
  SELECT h.community_id, count(*) AS entered, count(*) FILTER (WHERE {household_complete}) AS complete
  FROM {schema}.{HOUSEHOLDS} h LEFT JOIN member_stats s ON s.household_id = h.household_id
  WHERE h.community_id IS NOT NULL
  GROUP BY h.community_id
)
SELECT c.{KEY_COLUMN}, c.{GEOMETRY_COLUMN}, c.community_id, c.name, c.district_code, c.registered_households,
       c.size_class,
       coalesce(hs.entered, 0)::integer AS households_entered,
       coalesce(hs.complete, 0)::integer AS households_complete,
       CASE WHEN c.registered_households > 0
            THEN 100.0 * coalesce(hs.complete, 0) / c.registered_households END::double precision AS coverage_pct,
       CASE WHEN coalesce(c.registered_households, 0) <= 0 THEN 'zero_registered'
            WHEN coalesce(hs.complete, 0) > c.registered_households THEN 'over_register'
            WHEN coalesce(hs.entered, 0) = 0 THEN 'no_data'
            ELSE 'ok' END AS coverage_flag
FROM {schema}.{COMMUNITIES} c LEFT JOIN household_stats hs ON hs.community_id = c.community_id"""


def _complete_sql(household_fields: Sequence[str], member_fields: Sequence[str]) -> tuple[str, str]:
    """(member row complete, household complete given member_stats s) as SQL conditions."""
    member_filled = " AND ".join(
        _filled_sql(f"m.{quote_ident(name)}", MEMBERS_SPEC.field(name).kind) for name in member_fields
    )
    household_filled = " AND ".join(
        _filled_sql(f"h.{quote_ident(name)}", HOUSEHOLDS_SPEC.field(name).kind) for name in household_fields
    )
    household = (
        f"h.{GEOMETRY_COLUMN} IS NOT NULL AND NOT ST_IsEmpty(h.{GEOMETRY_COLUMN}) AND {household_filled or 'TRUE'} "
        "AND h.member_count >= 1 AND coalesce(s.member_rows, 0) = h.member_count "
        "AND coalesce(s.complete_rows, 0) = coalesce(s.member_rows, 0)"
    )
    return member_filled or "TRUE", household


def _postgis_table(layer: object) -> tuple[str, str, str] | None:
    """(connection, schema, table) of an unfiltered postgres layer without unsaved edits, else None."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "postgres" or layer.subsetString():
        return None
    if layer.isEditable() and layer.editBuffer() and layer.editBuffer().isModified():
        return None  # unsaved edits are only visible through QGIS
    uri = QgsDataSourceUri(layer.source())
    return uri.connectionInfo(False), uri.schema(), uri.table()


def coverage_for_layers(
    communities: object,
    households: object,
    members: object,
    household_fields: Sequence[str] = REQUIRED_HOUSEHOLD_FIELDS,
    member_fields: Sequence[str] = REQUIRED_MEMBER_FIELDS,
    community_ids: Sequence[str] | None = None,
):
    """The coverage engine's CoverageResult computed by the server, for three PostGIS layers of one
    community database; None when the layers are not that (the engine then reads features).

    The same rule as core/coverage.py (tests compare them); one round trip instead of streaming
    every household and member to QGIS.
    """
    from ..coverage.engine import CommunityCoverage, CoverageResult, UnassignedHousehold

    located = [_postgis_table(layer) for layer in (communities, households, members)]
    if any(item is None for item in located) or len({item[:2] for item in located}) != 1:
        return None
    if [item[2] for item in located] != [COMMUNITIES, HOUSEHOLDS, MEMBERS]:
        return None
    connection_info, schema = located[0][:2]
    s = quote_ident(schema)
    member_complete, household_complete = _complete_sql(household_fields, member_fields)
    in_scope = in_members = community_scope = ""
    if community_ids is not None:
        ids = "ARRAY[" + (", ".join(quote_literal(c) for c in community_ids) or "NULL") + "]::text[]"
        in_scope = f"WHERE h.community_id = ANY({ids})"
        in_members = (
            f"WHERE m.household_id IN (SELECT household_id FROM {s}.{HOUSEHOLDS} WHERE community_id = ANY({ids}))"
        )
        community_scope = f"WHERE c.community_id = ANY({ids})"
    sql = f"""SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL work_mem = '256MB';
WITH member_stats AS (
  SELECT m.household_id, count(*) AS member_rows, count(*) FILTER (WHERE {member_complete}) AS complete_rows
  FROM {s}.{MEMBERS} m {in_members} GROUP BY m.household_id
), per_household AS (
  SELECT h.household_id, h.community_id, ({household_complete}) AS complete
  FROM {s}.{HOUSEHOLDS} h LEFT JOIN member_stats s ON s.household_id = h.household_id {in_scope}
), by_community AS (
  SELECT community_id, count(*) AS entered, count(*) FILTER (WHERE complete) AS complete
  FROM per_household GROUP BY community_id
)
SELECT 'c', c.community_id, c.district_code, c.registered_households, coalesce(b.entered, 0)::integer,
       coalesce(b.complete, 0)::integer, NULL::text
FROM {s}.{COMMUNITIES} c LEFT JOIN by_community b ON b.community_id = c.community_id {community_scope}
UNION ALL
SELECT 'u', p.household_id, NULL, NULL, NULL, p.complete::integer, p.community_id
FROM per_household p
WHERE p.community_id IS NULL OR NOT EXISTS (SELECT 1 FROM {s}.{COMMUNITIES} c WHERE c.community_id = p.community_id)
UNION ALL
SELECT 't', NULL, NULL, NULL, count(*)::integer, (count(*) FILTER (WHERE complete))::integer, NULL FROM per_household"""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        rows = metadata.createConnection(connection_info, {}).executeSql(sql)
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(_server_message(error)) from error
    result = CoverageResult()

    def value(item):  # QGIS gives NULL as a QVariant: make it None
        return None if item is None or item == NULL else item

    for kind, key, district, registered, entered, complete, community_id in rows:
        if kind == "c":
            result.communities[key] = CommunityCoverage(key, value(district), value(registered), entered, complete)
        elif kind == "u":
            community_id = value(community_id)
            reason = "missing_community_id" if community_id is None else "unknown_community_id"
            result.unassigned.append(UnassignedHousehold(key, community_id, reason))
        else:
            result.households_total, result.households_complete_total = entered, complete
    return result


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
        f"CREATE VIEW {schema}.{COVERAGE_VIEW} AS\n{coverage_select_sql(schema)}",
        # SECURITY DEFINER like the view: planners get coverage numbers, never the household rows.
        f"""CREATE FUNCTION {schema}.{COVERAGE_FUNCTION}() RETURNS SETOF {schema}.{COVERAGE_VIEW}
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public SET max_parallel_workers_per_gather = 0 SET work_mem = '256MB' SET jit = off
AS $$\n{coverage_select_sql(schema)}\n$$""",
        # KR 8310 roll-ups as core/kr_summary.py makes them: S and M communities only, complete
        # capped at each community's register; L communities beside it.
        f"""CREATE VIEW {schema}.{KR_VIEW} AS
WITH c AS (
  SELECT v.district_code, d.group_code, v.size_class, v.households_entered,
         greatest(coalesce(v.registered_households, 0), 0) AS registered,
         LEAST(v.households_complete, greatest(coalesce(v.registered_households, 0), 0)) AS capped
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
    statements += _trigger_sql(schema) + _index_sql(schema) + _audit_sql(schema) + _views_sql(schema)
    statements.append(
        f"CREATE TABLE {schema}.{MAPPER_DISTRICTS_TABLE} (user_name name NOT NULL, "
        f"district_code integer NOT NULL REFERENCES {schema}.{DISTRICTS} (district_code) ON DELETE CASCADE, "
        "PRIMARY KEY (user_name, district_code))"
    )
    return statements


def roles_sql(target: PostgisTarget) -> list[str]:
    """Group roles, grants and row-level security (needs CREATEROLE; role creation is idempotent).

    - ``<schema>_admin``: everything, reads the audit log, may grant the two roles below.
    - ``<schema>_mapper``: edits households and members only in communities of the districts
      that ``<schema>.mapper_districts`` lists for the login user; reads communities and
      districts; updates the coverage fields of its own communities.
    - ``<schema>_planner``: reads communities, districts and the coverage and KR views only.
    """
    s = target.schema
    admin, mapper, planner = (target.role(k) for k in ("admin", "mapper", "planner"))
    own_communities = (
        f"community_id IN (SELECT community_id FROM {s}.{COMMUNITIES} WHERE district_code IN "
        f"(SELECT {s}.my_district_codes()))"
    )
    statements = [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
END $$"""
        for role in (admin, mapper, planner)
    ]
    statements += [
        f"GRANT {mapper}, {planner} TO {admin} WITH ADMIN OPTION",
        # The districts of the login user (SECURITY DEFINER: mappers cannot read the whole mapping).
        f"""CREATE FUNCTION {s}.my_district_codes() RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog AS $$
  SELECT district_code FROM {s}.{MAPPER_DISTRICTS_TABLE} WHERE user_name = session_user
$$""",
        # Admin helper: let a login user map for a district (run by an admin).
        f"""CREATE FUNCTION {s}.assign_mapper(login name, district integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('GRANT %I TO %I', '{mapper}', login);
  INSERT INTO {s}.{MAPPER_DISTRICTS_TABLE} VALUES (login, district) ON CONFLICT DO NOTHING;
END $$""",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {s}.assign_mapper(name, integer) FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {admin}, {mapper}, {planner}",
        f"GRANT ALL ON ALL TABLES IN SCHEMA {s} TO {admin}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {s} TO {admin}",
        f"GRANT EXECUTE ON FUNCTION {s}.assign_mapper(name, integer) TO {admin}",
        # Nobody but the owner may change the audit trail; the admin reads it.
        f"REVOKE ALL ON {s}.{AUDIT_TABLE} FROM {admin}",
        f"GRANT SELECT ON {s}.{AUDIT_TABLE} TO {admin}",
        f"REVOKE ALL ON FUNCTION {s}.{COVERAGE_FUNCTION}() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.{COVERAGE_FUNCTION}() TO {admin}, {mapper}, {planner}",
        f"GRANT SELECT ON {s}.{DISTRICTS}, {s}.{COMMUNITIES}, {s}.{COVERAGE_VIEW}, {s}.{KR_VIEW} "
        f"TO {mapper}, {planner}",
        f"GRANT UPDATE (households_entered, households_complete, coverage_pct, coverage_flag) "
        f"ON {s}.{COMMUNITIES} TO {mapper}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{HOUSEHOLDS}, {s}.{MEMBERS} TO {mapper}",
        f"GRANT USAGE ON SEQUENCE {s}.{HOUSEHOLDS}_{KEY_COLUMN}_seq, {s}.{MEMBERS}_{KEY_COLUMN}_seq TO {mapper}",
        f"GRANT SELECT ON {s}.{MAPPER_DISTRICTS_TABLE} TO {mapper}",
    ]
    for table in (COMMUNITIES, HOUSEHOLDS, MEMBERS, MAPPER_DISTRICTS_TABLE):
        statements += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY admin_all ON {s}.{table} FOR ALL TO {admin} USING (true) WITH CHECK (true)",
        ]
    statements += [
        f"CREATE POLICY read_all ON {s}.{COMMUNITIES} FOR SELECT TO {mapper}, {planner} USING (true)",
        f"CREATE POLICY own_district ON {s}.{COMMUNITIES} FOR UPDATE TO {mapper} "
        f"USING (district_code IN (SELECT {s}.my_district_codes())) "
        f"WITH CHECK (district_code IN (SELECT {s}.my_district_codes()))",
        f"CREATE POLICY own_district ON {s}.{HOUSEHOLDS} FOR ALL TO {mapper} "
        f"USING ({own_communities}) WITH CHECK ({own_communities})",
        # A member is visible and editable exactly when its household is (households' policy applies
        # inside); EXISTS makes it one index probe per row.
        f"CREATE POLICY own_district ON {s}.{MEMBERS} FOR ALL TO {mapper} "
        f"USING (EXISTS (SELECT 1 FROM {s}.{HOUSEHOLDS} h WHERE h.household_id = {MEMBERS}.household_id)) "
        f"WITH CHECK (EXISTS (SELECT 1 FROM {s}.{HOUSEHOLDS} h WHERE h.household_id = {MEMBERS}.household_id))",
        f"CREATE POLICY own_rows ON {s}.{MAPPER_DISTRICTS_TABLE} FOR SELECT TO {mapper} "
        "USING (user_name = session_user)",
    ]
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


# ---------------------------------------------------------------------------------------
# Talking to the server through QGIS


def connect(target: PostgisTarget) -> QgsAbstractDatabaseProviderConnection:
    """A QGIS provider connection (executeSql) to the target's database."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        return metadata.createConnection(target.connection_string(), {})
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(tr("Cannot connect to PostgreSQL: {error}").format(error=error_text(error))) from error


def _server_message(error: BaseException) -> str:
    """The server's words from a QGIS SQL error (which also repeats the whole statement), passwords masked."""
    text = error_text(error)
    start = text.find("[ERROR:")
    return text[start + 1 :].rstrip("]\n ") if start >= 0 else text


def execute(connection: QgsAbstractDatabaseProviderConnection, statements: Sequence[str] | str) -> list[list]:
    """Run statements as one implicit transaction (one round trip): all of them or none.

    Returns the rows of the last statement; raises PostgisError with the server's message.
    """
    sql = statements if isinstance(statements, str) else ";\n".join(statements)
    try:
        return connection.executeSql(sql)
    except QGIS_CONNECTION_ERRORS as error:
        raise PostgisError(_server_message(error)) from error


def schema_exists(connection: QgsAbstractDatabaseProviderConnection, schema: str) -> bool:
    return bool(execute(connection, f"SELECT to_regnamespace({quote_literal(schema)}) IS NOT NULL")[0][0])


def build_postgis_database(
    database: str,
    schema: str | None = None,
    overwrite: bool = False,
    roles: bool = True,
    districts: Sequence[District] | None = None,
    progress: Callable[[float], None] | None = None,
) -> PostgisTarget:
    """Create the community database (schema, 50 districts, roles and RLS) on a PostgreSQL server.

    Everything happens in one transaction: on any error the server is left as it was and
    PostgisError says why. An existing schema is replaced only with `overwrite` (its data is
    dropped). `roles` also creates the group roles and policies (needs CREATEROLE).
    """
    target = parse_target(database, schema)
    connection = connect(target)
    if progress:
        progress(5.0)
    if schema_exists(connection, target.schema) and not overwrite:
        raise PostgisError(
            tr("The schema '{schema}' already exists. Choose another schema, or set OVERWRITE to replace it.").format(
                schema=target.schema
            )
        )
    districts = load_registry() if districts is None else districts
    if progress:
        progress(30.0)
    statements = [
        "SET LOCAL client_min_messages = warning",
        "CREATE EXTENSION IF NOT EXISTS postgis",
        f"DROP SCHEMA IF EXISTS {target.schema} CASCADE",
        *schema_sql(target.schema),
        districts_sql(target.schema, districts),
    ]
    if roles:
        statements += roles_sql(target)
    try:
        execute(connection, statements)
    except PostgisError as error:
        raise PostgisError(
            tr("Could not create the community database in schema '{schema}': {error}").format(
                schema=target.schema, error=error
            )
        ) from error
    if progress:
        progress(100.0)
    return target


def database_string(target: PostgisTarget, database: str) -> str:
    """The database string (datasource.py) of `database` with the target's schema set."""
    base, _, query = database.partition("?")
    options = [(k, v) for k, v in parse_qsl(query) if k != "schema"] + [("schema", target.schema)]
    return base + "?" + "&".join(f"{k}={v}" for k, v in options)


def coverage_in_database(database: str) -> dict[str, tuple[int, int, float | None, str]]:
    """community_id -> (households_entered, households_complete, coverage_pct, coverage_flag), computed by
    the server (the view community_coverage)."""
    target = parse_target(database)
    rows = execute(
        connect(target),
        f"SELECT community_id, households_entered, households_complete, coverage_pct, coverage_flag "
        f"FROM {target.schema}.{COVERAGE_FUNCTION}()",
    )
    return {r[0]: (r[1], r[2], None if r[3] is None or r[3] == "" else r[3], r[4]) for r in rows}


def refresh_coverage_in_database(database: str) -> int:
    """Write the server-computed coverage into the communities' four coverage fields; returns rows changed."""
    target = parse_target(database)
    s = target.schema
    rows = execute(
        connect(target),
        f"""WITH changed AS (
  UPDATE {s}.{COMMUNITIES} c SET households_entered = v.households_entered,
         households_complete = v.households_complete, coverage_pct = v.coverage_pct, coverage_flag = v.coverage_flag
  FROM {s}.{COVERAGE_FUNCTION}() v
  WHERE v.community_id = c.community_id
    AND (c.households_entered, c.households_complete, c.coverage_pct, c.coverage_flag)
        IS DISTINCT FROM (v.households_entered, v.households_complete, v.coverage_pct, v.coverage_flag)
  RETURNING 1)
SELECT count(*) FROM changed""",
    )
    return int(rows[0][0])
