"""Create and open the community database (GeoPackage, EPSG:32647).

The file is built under a temporary name next to the target and renamed into place
only when complete, so a failure never leaves a half-made database or destroys the
one being replaced.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem

from ...definitions.schema import (
    COMMUNITIES,
    COMMUNITIES_SPEC,
    COMMUNITY_REGISTER_FIELDS,
    CRS_AUTHID,
    CRS_EPSG,
    DISTRICTS,
    DISTRICTS_SPEC,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    LAYER_SPECS,
    LAYOUT_LAYER_SPECS,
    MEMBERS,
    FieldSpec,
    LayerSpec,
)
from ..registry.districts import District, load_registry
from ..rules.size_class import size_class_sql
from ..toolbelt.i18n import tr
from . import coverage_triggers, gpkg, layout_tables, row_versions, settings_table

_SQLITE_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "datetime": "DATETIME", "boolean": "BOOLEAN"}

# Declared foreign keys: QGIS discovers relations from them. Deletes cascade by trigger
# as well, because SQLite only enforces declared keys when a connection asks it to.
_FOREIGN_KEYS = {
    HOUSEHOLDS: ("community_id", COMMUNITIES, "community_id", "ON UPDATE CASCADE"),
}

# Unique by trigger, not by a UNIQUE constraint: QGIS 3.22 reads every existing value of a
# column it knows to be unique each time it creates a feature (QgsVectorLayerUtils::
# createFeatures), which costs seconds per new household or member at city scale. The
# trigger keeps the database just as strict while QGIS sees an ordinary indexed column.
# (So members cannot declare a foreign key to households.household_id: the cascading
# delete is a trigger, and QGIS knows the relation from the set-up project.)
_UNIQUE_BY_TRIGGER = {(HOUSEHOLDS, "household_id"), (MEMBERS, "member_id")}


class DatabaseError(Exception):
    """A community database cannot be created or opened; the message is for the user."""


def _column_sql(table: str, spec: FieldSpec) -> str:
    parts = [gpkg.quote_identifier(spec.name), _SQLITE_TYPES[spec.kind]]
    if spec.not_null:
        parts.append("NOT NULL")
    if spec.unique and (table, spec.name) not in _UNIQUE_BY_TRIGGER:
        parts.append("UNIQUE")
    if spec.sql_check:
        parts.append(f"CHECK ({spec.name} IS NULL OR ({spec.sql_check}))")
    return " ".join(parts)


def add_missing_columns(connection: sqlite3.Connection) -> bool:
    """Add the communities fields of COMMUNITY_REGISTER_FIELDS an older database lacks (nullable,
    with their CHECKs), in the caller's transaction; True when a column was added."""
    table = gpkg.quote_identifier(COMMUNITIES)
    present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    missing = [name for name in COMMUNITY_REGISTER_FIELDS if name not in present]
    for name in missing:
        connection.execute(f"ALTER TABLE {table} ADD COLUMN {_column_sql(COMMUNITIES, COMMUNITIES_SPEC.field(name))}")
    return bool(missing)


def table_ddl(spec: LayerSpec) -> str:
    columns = ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    if spec.geometry:
        columns.append(f"{gpkg.quote_identifier(GEOMETRY_COLUMN)} {spec.geometry}")
    columns += [_column_sql(spec.name, f) for f in spec.fields]
    if spec.name in _FOREIGN_KEYS:
        column, parent, parent_column, actions = _FOREIGN_KEYS[spec.name]
        columns.append(
            f'CONSTRAINT "fk_{spec.name}_{column}" FOREIGN KEY ("{column}") '
            f'REFERENCES "{parent}" ("{parent_column}") {actions} DEFERRABLE INITIALLY DEFERRED'
        )
    return f"CREATE TABLE {gpkg.quote_identifier(spec.name)} ({', '.join(columns)})"


def _rtree_sql(table: str, column: str = GEOMETRY_COLUMN) -> list[str]:
    """GDAL's own R-tree index and triggers (GeoPackage spec, extension gpkg_rtree_index)."""
    rtree = f'"rtree_{table}_{column}"'
    values = (
        f'(NEW."fid", ST_MinX(NEW."{column}"), ST_MaxX(NEW."{column}"),'
        f' ST_MinY(NEW."{column}"), ST_MaxY(NEW."{column}"))'
    )
    filled = f'(NEW."{column}" NOTNULL AND NOT ST_IsEmpty(NEW."{column}"))'
    empty = f'(NEW."{column}" ISNULL OR ST_IsEmpty(NEW."{column}"))'
    name = f"rtree_{table}_{column}"
    return [
        f"CREATE VIRTUAL TABLE {rtree} USING rtree(id, minx, maxx, miny, maxy)",
        f'CREATE TRIGGER "{name}_insert" AFTER INSERT ON "{table}" WHEN {filled} '
        f"BEGIN INSERT OR REPLACE INTO {rtree} VALUES {values}; END",
        f'CREATE TRIGGER "{name}_update1" AFTER UPDATE OF "{column}" ON "{table}" '
        f'WHEN OLD."fid" = NEW."fid" AND {filled} BEGIN INSERT OR REPLACE INTO {rtree} VALUES {values}; END',
        f'CREATE TRIGGER "{name}_update2" AFTER UPDATE OF "{column}" ON "{table}" '
        f'WHEN OLD."fid" = NEW."fid" AND {empty} BEGIN DELETE FROM {rtree} WHERE id = OLD."fid"; END',
        f'CREATE TRIGGER "{name}_update3" AFTER UPDATE ON "{table}" WHEN OLD."fid" != NEW."fid" AND {filled} '
        f'BEGIN DELETE FROM {rtree} WHERE id = OLD."fid"; INSERT OR REPLACE INTO {rtree} VALUES {values}; END',
        f'CREATE TRIGGER "{name}_update4" AFTER UPDATE ON "{table}" WHEN OLD."fid" != NEW."fid" AND {empty} '
        f'BEGIN DELETE FROM {rtree} WHERE id IN (OLD."fid", NEW."fid"); END',
        f'CREATE TRIGGER "{name}_delete" AFTER DELETE ON "{table}" WHEN OLD."{column}" NOT NULL '
        f'BEGIN DELETE FROM {rtree} WHERE id = OLD."fid"; END',
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
        f"VALUES ('{table}', '{column}', 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
    ]


def _rule_triggers_sql() -> list[str]:
    derived = size_class_sql("NEW.registered_households")
    unique_triggers = [
        statement
        for table, column in sorted(_UNIQUE_BY_TRIGGER)
        for statement in gpkg.unique_by_trigger_sql(table, column)
    ]
    return [
        *unique_triggers,
        # size_class is always derived from registered_households, whoever writes the row.
        f'CREATE TRIGGER "communities_size_class_insert" AFTER INSERT ON "{COMMUNITIES}" '
        f"WHEN NEW.size_class IS NOT ({derived}) "
        f'BEGIN UPDATE "{COMMUNITIES}" SET size_class = ({derived}) WHERE fid = NEW.fid; END',
        f'CREATE TRIGGER "communities_size_class_update" AFTER UPDATE OF registered_households, size_class '
        f'ON "{COMMUNITIES}" WHEN NEW.size_class IS NOT ({derived}) '
        f'BEGIN UPDATE "{COMMUNITIES}" SET size_class = ({derived}) WHERE fid = NEW.fid; END',
        # Members belong to their household (composition): deleting it deletes them.
        f'CREATE TRIGGER "households_delete_members" AFTER DELETE ON "{HOUSEHOLDS}" '
        f'BEGIN DELETE FROM "{MEMBERS}" WHERE household_id = OLD.household_id; END',
        f'CREATE INDEX "idx_households_community_id" ON "{HOUSEHOLDS}" (community_id)',
        f'CREATE INDEX "idx_households_household_id" ON "{HOUSEHOLDS}" (household_id)',
        f'CREATE INDEX "idx_members_member_id" ON "{MEMBERS}" (member_id)',
        # Covers the coverage engine's per-household member statistics (default completeness rule).
        f'CREATE INDEX "idx_members_household_id" ON "{MEMBERS}" '
        "(household_id, age, education, occupation, disability, bedridden)",
        f'CREATE UNIQUE INDEX "idx_households_community_house_no" ON "{HOUSEHOLDS}" (community_id, house_no)',
        f'CREATE INDEX "idx_communities_district_code" ON "{COMMUNITIES}" (district_code)',
    ]


def _gpkg_core_sql(srs_wkt: str) -> list[str]:
    """The mandatory GeoPackage tables and spatial reference systems."""
    return [
        f"PRAGMA application_id = {gpkg.GPKG_APPLICATION_ID}",
        f"PRAGMA user_version = {gpkg.GPKG_USER_VERSION}",
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,"
        " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,"
        " description TEXT)",
        "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
        " identifier TEXT UNIQUE, description TEXT DEFAULT '',"
        " last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
        " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
        " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
        " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
        " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
        " CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
        " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
        " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))",
        "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,"
        " definition TEXT NOT NULL, scope TEXT NOT NULL,"
        " CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',"
        " 'undefined cartesian coordinate reference system')",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',"
        " 'undefined geographic coordinate reference system')",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
        ' \'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
        'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
        'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
        'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]\','
        " 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / UTM zone 47N', ?, 'EPSG', ?, ?, '')",
    ]


def create_layer_table(connection: sqlite3.Connection, spec: LayerSpec) -> None:
    """One table of `spec`, registered in gpkg_contents (and with its geometry column and R-tree)."""
    connection.execute(table_ddl(spec))
    data_type = "features" if spec.geometry else "attributes"
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, ?, ?, ?)",
        (spec.name, data_type, spec.name, CRS_EPSG if spec.geometry else None),
    )
    if spec.geometry:
        connection.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
            (spec.name, GEOMETRY_COLUMN, spec.geometry, CRS_EPSG),
        )
        for statement in _rtree_sql(spec.name):
            connection.execute(statement)


def add_missing_layout_tables(connection: sqlite3.Connection) -> bool:
    """Create the layout tables (core/storage/layout_tables.py) an older database lacks, in the caller's
    transaction; True when one was added."""
    missing = layout_tables.missing_layout_specs(connection)
    for spec in missing:
        create_layer_table(connection, layout_tables.stored_spec(spec))
    for statement in layout_tables.layout_rules_sql(missing):
        connection.execute(statement)
    return bool(missing)


def _create_schema(connection: sqlite3.Connection) -> None:
    srs_wkt = QgsCoordinateReferenceSystem(CRS_AUTHID).toWkt(QgsCoordinateReferenceSystem.WKT1_GDAL)
    for statement in _gpkg_core_sql(srs_wkt):
        if "?" in statement:
            connection.execute(statement, (CRS_EPSG, CRS_EPSG, srs_wkt))
        else:
            connection.execute(statement)
    for spec in (*LAYER_SPECS, *layout_tables.STORED_LAYOUT_SPECS):
        create_layer_table(connection, spec)
    for statement in _rule_triggers_sql() + layout_tables.layout_rules_sql(LAYOUT_LAYER_SPECS):
        connection.execute(statement)
    for statement in row_versions.gpkg_guard_sql():  # row versions, import versions, house-number keys
        connection.execute(statement)
    create_settings_table(connection)


def create_settings_table(connection: sqlite3.Connection) -> None:
    """The settings table (core/storage/settings_table.py) with its first rows, registered in
    gpkg_contents as an attributes table so QGIS and GDAL list it; in the caller's transaction."""
    name = settings_table.SETTINGS_TABLE
    connection.execute(settings_table.create_table_sql(gpkg.quote_identifier(name)))
    connection.executemany(
        f"INSERT INTO {gpkg.quote_identifier(name)} (key, value) VALUES (?, ?)", settings_table.initial_rows()
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
        (name, name, "KR 8310 database settings: schema version and completeness rule"),
    )


def write_districts(connection: sqlite3.Connection, districts: list[District]) -> None:
    columns = [GEOMETRY_COLUMN] + DISTRICTS_SPEC.field_names()
    rows = [
        (
            gpkg.encode_geometry(d.geometry, CRS_EPSG),
            d.code,
            d.name_th,
            d.name_en,
            d.group_code,
            d.group_th,
            d.group_en,
            d.target_small_communities,
            d.target_small_households,
            d.target_medium_communities,
            d.target_medium_households,
        )
        for d in districts
    ]
    gpkg.insert_rows(connection, DISTRICTS, columns, rows)


def build_database(
    path: str | Path,
    overwrite: bool = False,
    populate: Callable[[sqlite3.Connection, list[District]], None] | None = None,
) -> Path:
    """Create a community database at `path` with the schema and the 50 districts.

    `populate(connection, districts)`, if given, adds rows in the same transaction
    (the demo generator uses it). Raises DatabaseError, leaving any existing file
    untouched, when `path` exists and `overwrite` is false or when anything fails.
    """
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise DatabaseError(
            tr("The community database must be a GeoPackage file ending in .gpkg: {path}").format(path=path)
        )
    if path.exists() and not overwrite:
        raise DatabaseError(
            tr("{path} already exists. Choose another file, or set OVERWRITE to replace it.").format(path=path)
        )
    if not path.parent.is_dir():
        raise DatabaseError(tr("The folder {folder} does not exist.").format(folder=path.parent))
    districts = load_registry()
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        connection = gpkg.connect(partial)
        # The partial file is thrown away on any failure, so it needs no rollback journal.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        try:
            with connection:
                _create_schema(connection)
                write_districts(connection, districts)
                if populate is not None:
                    populate(connection, districts)
                # After the rows: a bulk load builds the coverage state in one pass, not row by row.
                coverage_triggers.install(connection)
                for spec in LAYER_SPECS:
                    if spec.geometry:
                        gpkg.update_extent(connection, spec.name)
        finally:
            connection.close()
        os.replace(partial, path)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise DatabaseError(
            tr("Could not write the community database {path}: {error}").format(path=path, error=error)
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
