"""The completeness rule stored in a community database (table `kr8310_settings`, see
core/storage/settings_table.py), read and written the same way for GeoPackage and PostGIS.

A database is named by a database string (core/storage/datasource.py) or by one of its
layers (a layer of a set-up project). Every coverage path reads the rule from the database it
works on; a layer outside a community database (a memory layer, a shapefile) has the default
rule. A database made before the table existed (schema version 1) reads as the default rule
until `upgrade_database` adds the table; `write_rule` upgrades it first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlencode

from qgis.core import NULL, QgsDataSourceUri, QgsVectorLayer

from ...definitions.schema import COMMUNITY_REGISTER_FIELDS
from ..rules.completeness import DEFAULT_RULE, CompletenessRule, format_field_list
from ..toolbelt.i18n import tr
from . import coverage_triggers, gpkg, row_versions, settings_table
from .datasource import is_postgres
from .layer_source import geopackage_table


class RuleStoreError(ValueError):
    """The rule cannot be read or stored; the message is for the user."""


def _location(database: str | QgsVectorLayer):
    """A GeoPackage path (str), a PostgisTarget, or None for a layer outside a community database."""
    if isinstance(database, QgsVectorLayer):
        if database.providerType() == "postgres":
            from .postgis.target import PostgisTarget

            uri = QgsDataSourceUri(database.source())
            return PostgisTarget(QgsDataSourceUri(uri.connectionInfo(False)), uri.schema())
        located = geopackage_table(database)
        return located[0] if located else None
    if is_postgres(database):
        from .postgis.target import parse_target

        return parse_target(database)
    return str(database)


def database_of_layer(layer: QgsVectorLayer) -> str | None:
    """The community database string (core/storage/datasource.py) a layer reads: its GeoPackage
    file, or a postgresql:// string of its connection and schema; None for any other layer."""
    if layer.providerType() == "postgres":
        uri = QgsDataSourceUri(layer.source())
        user = quote(uri.username(), safe="")
        login = f"{user}:{quote(uri.password(), safe='')}@" if uri.password() else (f"{user}@" if user else "")
        host = uri.host() + (f":{uri.port()}" if uri.port() else "")
        options = {"schema": uri.schema(), "service": uri.service(), "authcfg": uri.authConfigId()}
        if uri.sslMode() != QgsDataSourceUri.SslPrefer:
            options["sslmode"] = QgsDataSourceUri.encodeSslMode(uri.sslMode())
        query = urlencode({key: value for key, value in options.items() if value})
        return f"postgresql://{login}{host}/{quote(uri.database(), safe='')}?{query}"
    located = geopackage_table(layer)
    return located[0] if located else None


# ---------------------------------------------------------------------------------------
# GeoPackage


def _gpkg_connect(path: str, write: bool) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise RuleStoreError(tr("The community database {path} does not exist.").format(path=path))
    if write:
        return gpkg.connect(path)
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def _gpkg_has_table(connection: sqlite3.Connection) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (settings_table.SETTINGS_TABLE,)
    ).fetchone()
    return row is not None


def _gpkg_values(path: str) -> dict[str, str] | None:
    try:
        connection = _gpkg_connect(path, write=False)
        try:
            if not _gpkg_has_table(connection):
                return None
            table = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
            return dict(connection.execute(f"SELECT key, value FROM {table}").fetchall())
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise RuleStoreError(
            tr("Could not read the settings of {database}: {error}").format(database=path, error=error)
        ) from error


def _gpkg_upgrade(connection: sqlite3.Connection) -> bool:
    from .gpkg_database import add_missing_columns, add_missing_layout_tables, create_settings_table

    changed = False
    if not _gpkg_has_table(connection):
        create_settings_table(connection)
        changed = True
    changed = add_missing_layout_tables(connection) or changed
    changed = add_missing_columns(connection) or changed
    changed = row_versions.upgrade_gpkg(connection) or changed  # no-lost-update guards
    return coverage_triggers.ensure_installed(connection) or changed


def _gpkg_write(path: str, household: str, member: str) -> None:
    table = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
    try:
        connection = _gpkg_connect(path, write=True)
        try:
            with connection:
                _gpkg_upgrade(connection)
                connection.executemany(
                    f"INSERT INTO {table} (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [(settings_table.KEY_HOUSEHOLD_FIELDS, household), (settings_table.KEY_MEMBER_FIELDS, member)],
                )
                coverage_triggers.store_rule_mask(connection)  # rewrites every community under the new rule
                connection.execute(
                    f"UPDATE {table} SET value = CAST(max(CAST(value AS INTEGER), 1) + 1 AS TEXT) WHERE key = ?",
                    (settings_table.KEY_RULE_VERSION,),
                )
                connection.execute(
                    "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                    (settings_table.SETTINGS_TABLE,),
                )
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise RuleStoreError(
            tr("Could not store the completeness rule in {database}: {error}").format(database=path, error=error)
        ) from error


# ---------------------------------------------------------------------------------------
# PostGIS


def _pg_table(target) -> str:
    from .postgis.connection import quote_ident

    return f"{quote_ident(target.schema)}.{quote_ident(settings_table.SETTINGS_TABLE)}"


def _pg_values(target) -> dict[str, str] | None:
    from .postgis.connection import connect, execute, quote_literal

    connection = connect(target)
    qualified = quote_literal(f"{target.schema}.{settings_table.SETTINGS_TABLE}")
    if not execute(connection, f"SELECT to_regclass({qualified}) IS NOT NULL")[0][0]:
        return None
    rows = execute(connection, f"SELECT key, value FROM {_pg_table(target)}")
    return {str(key): ("" if value is None or value == NULL else str(value)) for key, value in rows}


def _pg_write(target, household: str, member: str) -> None:
    from .postgis.connection import connect, execute, quote_literal
    from .postgis.coverage_triggers import store_rule_mask_sql
    from .postgis.ddl import upgrade_sql
    from .postgis.target import PostgisError

    table = _pg_table(target)
    rows = ", ".join(
        f"({quote_literal(key)}, {quote_literal(value)})"
        for key, value in ((settings_table.KEY_HOUSEHOLD_FIELDS, household), (settings_table.KEY_MEMBER_FIELDS, member))
    )
    connection = connect(target)
    try:
        if _pg_values(target) is None:
            execute(connection, upgrade_sql(target))
        execute(
            connection,
            [
                f"INSERT INTO {table} (key, value) VALUES {rows} "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                f"UPDATE {table} SET value = (greatest(value::integer, 1) + 1)::text "
                f"WHERE key = {quote_literal(settings_table.KEY_RULE_VERSION)}",
                *store_rule_mask_sql(target.schema, household, member),  # rewrites every community
            ],
        )
    except PostgisError as error:
        if "permission denied" in str(error):
            raise RuleStoreError(
                tr("Only a KR 8310 administrator (role {role}) may change the completeness rule.").format(
                    role=target.role("admin")
                )
            ) from error
        raise RuleStoreError(
            tr("Could not store the completeness rule in schema '{schema}': {error}").format(
                schema=target.schema, error=error
            )
        ) from error


# ---------------------------------------------------------------------------------------
# The API


def _values(location) -> dict[str, str] | None:
    if location is None:
        return None
    if isinstance(location, str):
        return _gpkg_values(location)
    from .postgis.target import PostgisError

    try:
        return _pg_values(location)
    except PostgisError as error:
        raise RuleStoreError(
            tr("Could not read the settings of schema '{schema}': {error}").format(schema=location.schema, error=error)
        ) from error


def read_rule(database: str | QgsVectorLayer) -> CompletenessRule:
    """The completeness rule stored in `database` (a database string or a layer of one).

    The default rule for a database without the settings table (schema version 1) and for a
    layer outside a community database. Raises RuleStoreError when the database cannot be read.
    """
    values = _values(_location(database))
    return DEFAULT_RULE if values is None else settings_table.rule_from_values(values)


def schema_version(database: str | QgsVectorLayer) -> int:
    """The layout version of `database`: 1 without the settings table, else what it stores."""
    values = _values(_location(database))
    return settings_table.LEGACY_SCHEMA_VERSION if values is None else settings_table.schema_version_from_values(values)


def upgrade_database(database: str | QgsVectorLayer) -> bool:
    """Bring an older database to the current layout: add the settings table with the default
    rule (and, on PostGIS, the coverage views that read it) and the register fields of
    communities (schema.COMMUNITY_REGISTER_FIELDS) and the community layout tables
    (schema.LAYOUT_LAYER_SPECS). Idempotent; True when it changed
    something. Raises RuleStoreError when the database cannot be changed."""
    location = _location(database)
    if location is None:
        raise RuleStoreError(tr("The layer is not part of a KR 8310 community database."))
    if isinstance(location, str):
        try:
            connection = _gpkg_connect(location, write=True)
            try:
                with connection:
                    return _gpkg_upgrade(connection)
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise RuleStoreError(
                tr("Could not upgrade {database}: {error}").format(database=location, error=error)
            ) from error
    from .postgis.connection import connect, execute, quote_literal
    from .postgis.coverage_triggers import upgrade_kept_coverage
    from .postgis.ddl import missing_columns_sql, postgis_function, upgrade_sql
    from .postgis.layout_ddl import add_missing_layout_tables
    from .postgis.target import PostgisError

    try:
        layout_added = add_missing_layout_tables(location)
        layout_added = row_versions.upgrade_postgis(location) or layout_added  # no-lost-update guards
        layout_added = upgrade_kept_coverage(location, postgis_function) or layout_added  # coverage kept by triggers
        if _pg_values(location) is not None:
            connection = connect(location)
            present = {
                str(row[0])
                for row in execute(
                    connection,
                    "SELECT column_name FROM information_schema.columns "
                    f"WHERE table_schema = {quote_literal(location.schema)} AND table_name = 'communities'",
                )
            }
            if set(COMMUNITY_REGISTER_FIELDS) <= present:
                from .postgis.ddl import hardening_needed_sql, hardening_sql

                if execute(connection, hardening_needed_sql(location))[0][0]:  # only when acting as the owner
                    execute(connection, hardening_sql(location))
                    return True
                return layout_added
            execute(connection, missing_columns_sql(location.schema))
            return True
        execute(connect(location), upgrade_sql(location))
        upgrade_kept_coverage(location, postgis_function)
    except PostgisError as error:
        raise RuleStoreError(
            tr("Could not upgrade schema '{schema}': {error}").format(schema=location.schema, error=error)
        ) from error
    return True


def write_rule(
    database: str | QgsVectorLayer, household_fields: Sequence[str], member_fields: Sequence[str]
) -> CompletenessRule:
    """Store a rule requiring these fields in `database` (upgrading a version-1 database first);
    the stored rule_version goes up by one when the fields change. Returns the stored rule.

    Only the writer of the file (GeoPackage) or a KR 8310 admin (PostGIS, where the other roles
    may only read the table) succeeds; RuleStoreError says why otherwise. Does not recompute
    coverage: core/coverage/rule_change.py does both.
    """
    location = _location(database)
    if location is None:
        raise RuleStoreError(tr("The layer is not part of a KR 8310 community database."))
    values = _values(location)
    current = settings_table.rule_from_values(values or {})
    household, member = tuple(household_fields), tuple(member_fields)
    if values is not None and (household, member) == (current.household_fields, current.member_fields):
        return current
    if isinstance(location, str):
        _gpkg_write(location, format_field_list(household), format_field_list(member))
    else:
        _pg_write(location, format_field_list(household), format_field_list(member))
    return read_rule(database)


def can_write_rule(database: str | QgsVectorLayer) -> bool:
    """Whether the current user may change the stored rule: a writable GeoPackage file, or on
    PostGIS a member of the schema's admin role (or the owner of the settings table)."""
    location = _location(database)
    if location is None:
        return False
    if isinstance(location, str):
        import os

        return Path(location).is_file() and os.access(location, os.W_OK)
    from .postgis.connection import connect, execute, quote_literal
    from .postgis.target import PostgisError

    admin = quote_literal(location.role("admin"))
    table = quote_literal(f"{location.schema}.{settings_table.SETTINGS_TABLE}")
    try:
        rows = execute(
            connect(location),
            f"SELECT CASE WHEN to_regclass({table}) IS NOT NULL THEN has_table_privilege({table}, 'UPDATE') "
            f"WHEN to_regrole({admin}) IS NOT NULL THEN pg_has_role({admin}, 'USAGE') "
            "ELSE has_schema_privilege(" + quote_literal(location.schema) + ", 'CREATE') END",
        )
    except PostgisError:
        return False
    return bool(rows and rows[0][0])
