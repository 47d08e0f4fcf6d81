"""No lost update: row versions, the versions imports wrote, and unique house numbers, in the database.

GeoPackage and PostGIS alike:

- Row versions. A QGIS layer declares the version an edit started from (row_version holds
  ``-(version + 1)`` while the edit is pending: postgis/editing.py's ROW_VERSION_EXPRESSION, set
  on every survey layer by `declare_row_version`). The database refuses an update that declares
  another version than the stored one (someone saved in between), stores ``version + 1``, and bumps
  the version of writes that declare none. PostGIS: postgis/ddl.py's check_row_version trigger;
  GeoPackage: the triggers of `gpkg_guard_sql` (GDAL writes every field of a feature, so a stale
  positive version is refused too).
- Import versions. `kr8310_import_versions` lists, per household, the row version an import wrote
  and a digest of the file row it came from, so that re-importing a file never reverts a change made
  since (core/importing/importer.py).
- House numbers are unique per community by their key (core/rules/house_number.py): a PostgreSQL
  expression index, a GeoPackage key table kept by triggers.
- Pending edits against the database (`pending_edit_problems`): an edit of a household or member
  deleted (or saved by someone else) since the edit began. QGIS's providers report an update of a
  deleted row as done, so `refuse_commit` makes QGIS refuse the whole commit before it writes
  anything, keeping every edit in the buffer (gui/commit_errors.py wires both to every survey layer).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsDefaultValue,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsVectorLayerEditPassthrough,
    QgsWkbTypes,
)

from ...definitions.schema import HOUSEHOLDS, MEMBERS
from ..rules import house_number
from . import gpkg
from .layer_source import geopackage_table, table_name
from .postgis.editing import CONFLICT_TAG, ROW_VERSION_EXPRESSION
from .postgis.target import safe_search_path

IMPORT_VERSIONS_TABLE = "kr8310_import_versions"
HOUSE_NUMBER_KEYS_TABLE = "kr8310_house_number_keys"
HOUSE_NUMBER_KEYS_INDEX = "kr8310_house_number_keys_unique"
POSTGRES_HOUSE_NUMBER_INDEX = "households_house_number_key_idx"
# The key column of each versioned table.
KEY_COLUMNS = {HOUSEHOLDS: "household_id", MEMBERS: "member_id"}


# --- GeoPackage -------------------------------------------------------------------------------


def _row_version_triggers_sql(table: str) -> list[str]:
    q = gpkg.quote_identifier
    base = "coalesce(OLD.row_version, 0)"
    return [
        # Declared -(base + 1) with another base, or a positive version that is neither the stored one
        # nor the next (a stale copy of the row): someone saved in between. OLD < 0 is the moment between
        # a declared write and the trigger below that stores the real version.
        f"CREATE TRIGGER IF NOT EXISTS {q(f'{table}_row_version_check')} BEFORE UPDATE ON {q(table)} "
        f"WHEN (OLD.row_version IS NULL OR OLD.row_version >= 0) AND NEW.row_version IS NOT OLD.row_version "
        f"AND NEW.row_version IS NOT {base} + 1 "
        f"AND (NEW.row_version IS NULL OR NEW.row_version >= 0 OR -NEW.row_version - 1 IS NOT {base}) "
        f"BEGIN SELECT RAISE(ABORT, '{CONFLICT_TAG}: this {table[:-1]} was saved by someone else after this "
        "edit began'); END",
        # A declared version, a write that left row_version alone, or none: the next version. (GDAL turns
        # recursive triggers on, so this fires again for its own update: then NEW is the next version.)
        f"CREATE TRIGGER IF NOT EXISTS {q(f'{table}_row_version_next')} AFTER UPDATE ON {q(table)} "
        f"WHEN NEW.row_version IS NULL OR NEW.row_version < 0 OR NEW.row_version IS OLD.row_version "
        f"BEGIN UPDATE {q(table)} SET row_version = {base} + 1 WHERE fid = NEW.fid; END",
        f"CREATE TRIGGER IF NOT EXISTS {q(f'{table}_row_version_first')} AFTER INSERT ON {q(table)} "
        f"WHEN NEW.row_version IS NULL OR NEW.row_version < 1 "
        f"BEGIN UPDATE {q(table)} SET row_version = 1 WHERE fid = NEW.fid; END",
    ]


def _import_versions_sql() -> list[str]:
    q = gpkg.quote_identifier
    return [
        f"CREATE TABLE IF NOT EXISTS {q(IMPORT_VERSIONS_TABLE)} (household_id TEXT NOT NULL, "
        "source_hash TEXT NOT NULL, row_version INTEGER NOT NULL, imported_at TEXT NOT NULL, "
        "PRIMARY KEY (household_id, source_hash)) WITHOUT ROWID",
        f"CREATE TRIGGER IF NOT EXISTS {q('households_import_versions_delete')} AFTER DELETE ON {q(HOUSEHOLDS)} "
        f"BEGIN DELETE FROM {q(IMPORT_VERSIONS_TABLE)} WHERE household_id = OLD.household_id; END",
    ]


def _house_number_keys_sql() -> list[str]:
    """The key table with its unique index (tables of the SQLite key dialect made before) and triggers."""
    q = gpkg.quote_identifier
    keys = q(HOUSE_NUMBER_KEYS_TABLE)
    key = house_number.sqlite_key_sql("NEW.house_no")
    insert = f"INSERT INTO {keys} (fid, community_id, house_key) VALUES (NEW.fid, NEW.community_id, {key})"
    trigger = "CREATE TRIGGER IF NOT EXISTS"
    return [
        f"CREATE TABLE IF NOT EXISTS {keys} (fid INTEGER PRIMARY KEY, community_id TEXT, house_key TEXT)",
        f"CREATE UNIQUE INDEX IF NOT EXISTS {q(HOUSE_NUMBER_KEYS_INDEX)} ON {keys} (community_id, house_key)",
        f"{trigger} {q('households_house_number_key_insert')} AFTER INSERT ON {q(HOUSEHOLDS)} BEGIN {insert}; END",
        f"{trigger} {q('households_house_number_key_update')} AFTER UPDATE OF house_no, community_id, fid "
        f"ON {q(HOUSEHOLDS)} BEGIN DELETE FROM {keys} WHERE fid = OLD.fid; {insert}; END",
        f"{trigger} {q('households_house_number_key_delete')} AFTER DELETE ON {q(HOUSEHOLDS)} "
        f"BEGIN DELETE FROM {keys} WHERE fid = OLD.fid; END",
    ]


def _fill_house_number_keys_sql() -> str:
    """Keys of the households already stored; a duplicate (made before the rule) is left without one
    and reported by the quality checks."""
    key = house_number.sqlite_key_sql("house_no")
    return (
        f"INSERT OR IGNORE INTO {gpkg.quote_identifier(HOUSE_NUMBER_KEYS_TABLE)} (fid, community_id, house_key) "
        f"SELECT fid, community_id, {key} FROM {gpkg.quote_identifier(HOUSEHOLDS)}"
    )


def gpkg_guard_sql() -> list[str]:
    """Every statement of the guards, for a new GeoPackage whose households and members tables exist."""
    return [
        *_row_version_triggers_sql(HOUSEHOLDS),
        *_row_version_triggers_sql(MEMBERS),
        *_import_versions_sql(),
        *house_number.sqlite_map_sql(),
        *_house_number_keys_sql(),
    ]


def _names(connection: sqlite3.Connection, kind: str) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def _stored_map_signature(connection: sqlite3.Connection) -> str:
    rows = connection.execute(
        f"SELECT ch, replacement FROM {gpkg.quote_identifier(house_number.SQLITE_MAP_TABLE)}"
    ).fetchall()
    return house_number.map_signature(dict(rows))


def upgrade_gpkg(connection: sqlite3.Connection) -> bool:
    """Add the guards an older GeoPackage lacks (and refresh a house-number map another version made),
    in the caller's transaction; idempotent, True when something changed."""
    tables = _names(connection, "table")
    stale_map = house_number.SQLITE_MAP_TABLE in tables and _stored_map_signature(connection) != (
        house_number.map_signature()
    )
    if stale_map:  # made again below, the keys refilled by the new rule
        for table in (house_number.SQLITE_MAP_TABLE, house_number.SQLITE_POSITIONS_TABLE, HOUSE_NUMBER_KEYS_TABLE):
            connection.execute(f"DROP TABLE {gpkg.quote_identifier(table)}")
    before = _names(connection, "table") | _names(connection, "trigger")
    for statement in gpkg_guard_sql():
        connection.execute(statement)
    if HOUSE_NUMBER_KEYS_TABLE not in before:
        connection.execute(_fill_house_number_keys_sql())
    return stale_map or (_names(connection, "table") | _names(connection, "trigger")) != before


def gpkg_import_versions(connection: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """household_id -> {source digest: the row version the import of that file row wrote}."""
    versions: dict[str, dict[str, int]] = {}
    table = gpkg.quote_identifier(IMPORT_VERSIONS_TABLE)
    for household_id, digest, version in connection.execute(
        f"SELECT household_id, source_hash, row_version FROM {table}"
    ):
        versions.setdefault(household_id, {})[digest] = version
    return versions


def record_gpkg_import_versions(connection: sqlite3.Connection, rows: Iterable[tuple[str, str, int]], now: str) -> None:
    """Remember (household_id, source digest, row version written) of an import, in its transaction."""
    connection.executemany(
        f"INSERT INTO {gpkg.quote_identifier(IMPORT_VERSIONS_TABLE)} "
        "(household_id, source_hash, row_version, imported_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (household_id, source_hash) DO UPDATE SET row_version = excluded.row_version, "
        "imported_at = excluded.imported_at",
        [(*row, now) for row in rows],
    )


# --- PostGIS ----------------------------------------------------------------------------------

IMPORT_VERSIONS_FUNCTION = "import_versions_of"
RECORD_IMPORT_FUNCTION = "record_import_versions"


def postgis_guard_sql(schema: str) -> list[str]:
    """The house-number key index and the import versions (table and the two functions importers call)
    of a schema whose households table exists. Row versions are ddl.py's check_row_version trigger."""
    households = f"{schema}.{HOUSEHOLDS}"
    table = f"{schema}.{IMPORT_VERSIONS_TABLE}"
    # SECURITY DEFINER: the table needs no grants; only a user who may change households uses it.
    may_edit = f"has_table_privilege(session_user, '{households}', 'UPDATE')"
    return [
        f"CREATE UNIQUE INDEX {POSTGRES_HOUSE_NUMBER_INDEX} ON {households} "
        f"(community_id, ({house_number.postgres_key_sql('house_no')}))",
        f"CREATE TABLE {table} (household_id text NOT NULL REFERENCES {households} (household_id) "
        "ON UPDATE CASCADE ON DELETE CASCADE, source_hash text NOT NULL, row_version integer NOT NULL, "
        "imported_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (household_id, source_hash))",
        f"REVOKE ALL ON {table} FROM PUBLIC",
        f"""CREATE FUNCTION {schema}.{IMPORT_VERSIONS_FUNCTION}(ids text[])
RETURNS TABLE (household_id text, source_hash text, row_version integer)
LANGUAGE sql STABLE SECURITY DEFINER {safe_search_path(schema)} AS $$
  SELECT v.household_id, v.source_hash, v.row_version FROM {table} v
  WHERE v.household_id = ANY (ids) AND {may_edit}
$$""",
        f"""CREATE FUNCTION {schema}.{RECORD_IMPORT_FUNCTION}(ids text[], hashes text[])
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER {safe_search_path(schema)} AS $$
  INSERT INTO {table} (household_id, source_hash, row_version)
  SELECT h.household_id, x.hash, h.row_version FROM unnest(ids, hashes) AS x (id, hash)
  JOIN {households} h ON h.household_id = x.id WHERE {may_edit}
  ON CONFLICT (household_id, source_hash) DO UPDATE SET row_version = EXCLUDED.row_version, imported_at = now()
$$""",
    ]


def postgis_upgrade_sql(schema: str) -> list[str]:
    """The guards for a schema made before them, as one idempotent DO block (run by the schema owner).
    House numbers that already repeat by their key leave the index out, with a warning (the quality
    checks name them)."""
    statements = postgis_guard_sql(schema)
    index, rest = statements[0], statements[1:]
    body = "; ".join(rest).replace("$$", "$f$")
    return [
        f"""DO $guard$ BEGIN
  IF to_regclass('{schema}.{IMPORT_VERSIONS_TABLE}') IS NULL THEN {body}; END IF;
  IF to_regclass('{schema}.{POSTGRES_HOUSE_NUMBER_INDEX}') IS NULL THEN
    BEGIN {index};
    EXCEPTION WHEN unique_violation THEN
      RAISE WARNING 'house numbers repeat in a community of {schema}: the unique key index is left out';
    END;
  END IF;
END $guard$"""
    ]


# --- QGIS layers ------------------------------------------------------------------------------


def _gpkg_guarded(path: str) -> bool:
    """Whether a GeoPackage has the row-version triggers, adding them when it lacks them (and may be written)."""
    try:
        connection = gpkg.connect(path)
        try:
            with connection:
                upgrade_gpkg(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        try:
            connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                return f"{HOUSEHOLDS}_row_version_check" in _names(connection, "trigger")
            finally:
                connection.close()
        except sqlite3.Error:
            return False
    return True


def declare_row_version(layer: QgsVectorLayer) -> None:
    """Make every edit of a households/members layer declare the version it started from. A GeoPackage
    gets the triggers that check and store it first; one that cannot (read-only, without them) is left
    as it is: without the triggers a declaration would be stored as the version."""
    index = layer.fields().indexOf("row_version")
    if index < 0:
        return
    located = geopackage_table(layer)
    if located is not None and not _gpkg_guarded(located[0]):
        return
    layer.setDefaultValueDefinition(index, QgsDefaultValue(ROW_VERSION_EXPRESSION, True))


@dataclass(frozen=True)
class PendingEditProblem:
    """A pending edit of a row that was deleted, or saved by someone else, since the edit began."""

    table: str  # households or members
    fid: int
    key: str | None  # household_id / member_id
    house_no: str | None  # households only: how the mapper knows the household
    deleted: bool
    declared_version: int | None = None  # the version the edit started from
    stored_version: int | None = None


def _table_of(layer: QgsVectorLayer) -> str | None:
    table = (table_name(layer) or layer.name()).lower()
    return table if table in KEY_COLUMNS else None


def _value(value: object) -> object:
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def edit_labels(layer: QgsVectorLayer, fids: Iterable[int]) -> dict[int, tuple[str | None, str | None]]:
    """fid -> (key, house number) as the layer shows them now: what a message names a row by."""
    table = _table_of(layer)
    if table is None:
        return {}
    names = [KEY_COLUMNS[table]] + (["house_no"] if table == HOUSEHOLDS else [])
    request = QgsFeatureRequest().setFilterFids(list(fids)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(names, layer.fields())
    labels = {}
    for feature in layer.getFeatures(request):
        values = [_value(feature[name]) for name in names]
        labels[feature.id()] = (values[0], values[1] if len(values) > 1 else None)
    return labels


def pending_edit_problems(
    layer: QgsVectorLayer, labels: dict[int, tuple[str | None, str | None]] | None = None
) -> list[PendingEditProblem]:
    """The pending edits of `layer` (a households or members layer in edit mode, with an edit buffer
    of its own) whose rows are gone from the database or were saved by someone else since the edit
    began (by the version it declares). `labels` (from `edit_labels`, taken when the edit began) name
    the deleted ones. Empty for other layers and for edits that go straight to the database."""
    buffer = layer.editBuffer()
    table = _table_of(layer)
    if buffer is None or table is None or isinstance(buffer, QgsVectorLayerEditPassthrough):
        return []
    changed = buffer.changedAttributeValues()
    fids = (set(changed) | set(buffer.changedGeometries())) - set(buffer.deletedFeatureIds())
    fids = {fid for fid in fids if fid >= 0 and not buffer.isFeatureAdded(fid)}
    if not fids:
        return []
    key_name = KEY_COLUMNS[table]
    version_index = layer.fields().indexOf("row_version")
    request = QgsFeatureRequest().setFilterFids(sorted(fids)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([key_name, "row_version"], layer.dataProvider().fields())
    stored = {feature.id(): feature for feature in layer.dataProvider().getFeatures(request)}
    labels = labels or {}
    problems = []
    for fid in sorted(fids):
        key, house_no = labels.get(fid, (None, None))
        feature = stored.get(fid)
        if feature is None:
            problems.append(PendingEditProblem(table, fid, key, house_no, True))
            continue
        declared = _value(changed.get(fid, {}).get(version_index)) if version_index >= 0 else None
        stored_version = _value(feature["row_version"])
        if isinstance(declared, int) and declared < 0 and -declared - 1 != (stored_version or 0):
            key = key or _value(feature[key_name])
            problems.append(PendingEditProblem(table, fid, key, house_no, False, -declared - 1, stored_version))
    return problems


def refuse_commit(layer: QgsVectorLayer) -> int:
    """Make the commit that is starting (call from beforeCommitChanges) fail before it writes
    anything, every edit kept: QGIS checks added features' geometry types first, so a placeholder
    feature of a type the layer cannot hold stops it (Python cannot veto a commit otherwise).
    Returns the undo index to hand to `undo_refusal` once the commit has returned."""
    index = layer.undoStack().index()
    placeholder = QgsFeature(layer.fields())
    lines = QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.LineGeometry
    placeholder.setGeometry(QgsGeometry.fromWkt("Polygon ((0 0, 1 0, 1 1, 0 0))" if lines else "LineString (0 0, 1 1)"))
    layer.editBuffer().addFeature(placeholder)
    return index


def undo_refusal(layer: QgsVectorLayer, index: int) -> None:
    """Take the placeholders of `refuse_commit` (the first returned `index`) out of the edit buffer again."""
    stack = layer.undoStack()
    while layer.isEditable() and stack.index() > index:
        stack.undo()


def upgrade_postgis(target) -> bool:
    """Add the guards of `postgis_guard_sql` to a schema an older version made (run by its owner);
    True when something was added. Raises PostgisError with the server's message."""
    from .postgis.connection import connect, execute, quote_literal

    connection = connect(target)
    table = quote_literal(f"{target.schema}.{IMPORT_VERSIONS_TABLE}")
    index = quote_literal(f"{target.schema}.{POSTGRES_HOUSE_NUMBER_INDEX}")
    present = f"SELECT to_regclass({table}) IS NOT NULL, to_regclass({index}) IS NOT NULL"
    before = tuple(execute(connection, present)[0])
    if all(before):
        return False
    execute(connection, postgis_upgrade_sql(target.schema))
    return tuple(execute(connection, present)[0]) != before
