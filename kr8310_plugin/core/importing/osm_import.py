"""Start a community layout from OpenStreetMap: an extract's buildings, ways, waterways, water areas,
facilities and safety points into the layout layers of a community database.

In: an extract (osm_reader), a database string (GeoPackage or PostGIS), the communities to fill
(their ids, or districts, or none: every community). Out: an OsmImportResult with counts per
layer, or OsmImportError with a message naming what is wrong; nothing is written then.

The rules:
- Clipping. Each community's area is its polygon, or for a community known only by its point a
  circle of osm_tags.POINT_COMMUNITY_RADIUS_M (150 m) around location_x/location_y. Lines and
  water areas are cut to the areas they cross and stored as one row (osm_id is unique) whose
  community is the one holding the longest part (the largest share of a water area). Buildings
  stay whole and belong to the community holding a point on their surface; facilities and
  safety points (a point on a polygon's surface) to the community holding them.
- Re-import. Rows are matched on osm_id ("way/123"): a stored row is updated when the file
  differs, left alone when it does not, never duplicated. A row a user edited after the import
  that wrote it is kept as it is and reported. The import knows its own rows by updated_at: every
  import's time is listed in kr8310_settings (OSM_STAMPS_KEY), so a row whose updated_at is none
  of them was changed since. A row stored for a community outside this import's is re-cut to
  its own community's area as well, so importing a neighbour does not shorten it.
- One transaction for all layers. Features no longer in the file are reported, never deleted.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from qgis.core import NULL, QgsGeometry, QgsPointXY, QgsRectangle, QgsSpatialIndex, QgsWkbTypes

from ...compat import null_rectangle
from ...definitions.osm_tags import POINT_COMMUNITY_RADIUS_M
from ...definitions.schema import (
    BUILDINGS,
    COMMUNITIES,
    CRS_EPSG,
    GEOMETRY_COLUMN,
    LAYOUT_LAYER_SPECS,
    LayerSpec,
)
from ..rules.community_locator import CommunityLocator
from ..rules.completeness import is_filled
from ..storage import gpkg, rule_store, settings_table
from ..storage.datasource import DataSourceError, is_postgres, open_layer
from ..toolbelt.i18n import tr
from .osm_mapping import LINE, POINT, POLYGON, map_tags
from .osm_reader import OsmFeature, OsmSourceError, read_osm

OSM_STAMPS_KEY = "osm_import_stamps"  # kr8310_settings: JSON list of the times imports wrote rows
_SPECS = {spec.name: spec for spec in LAYOUT_LAYER_SPECS}
_COMMON_FIELDS = ("community_id", "osm_id", "updated_at")
_FLOAT_TOLERANCE = 1e-9

Progress = Callable[[float], None]
Log = Callable[[str], None]


class OsmImportError(ValueError):
    """The OSM import cannot run or was refused; nothing was written. The message is for the user."""


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edited: list[str] = field(default_factory=list)  # osm ids the user changed since their import
    not_in_file: int = 0  # stored OSM rows of the chosen communities the file no longer has


@dataclass
class OsmImportResult:
    communities: list[str] = field(default_factory=list)
    tables: dict[str, TableCounts] = field(default_factory=lambda: {s.name: TableCounts() for s in LAYOUT_LAYER_SPECS})
    features_read: int = 0
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return sum(c.inserted + c.updated for c in self.tables.values())


@dataclass(frozen=True)
class CommunityArea:
    community_id: str
    geometry: QgsGeometry  # polygon, or the buffer of a point community
    from_point: bool


@dataclass
class LayoutRow:
    """One row the file gives for a layout table."""

    table: str
    osm_id: str
    community_id: str
    values: dict[str, object]
    geometry: QgsGeometry


@dataclass
class StoredRow:
    key: object  # GeoPackage fid or the PostGIS row's id field value
    row_id: str
    community_id: str | None
    updated_at: str | None
    values: dict[str, object]
    wkb: bytes


def id_field(spec: LayerSpec) -> str:
    """The table's own id field (building_id, way_id, ...): the unique, not-null one."""
    return next(f.name for f in spec.fields if f.unique and f.not_null)


def value_fields(spec: LayerSpec) -> list[str]:
    """The fields an import fills from tags: all but the id, community, osm_id and updated_at."""
    return [f.name for f in spec.fields if f.name not in (id_field(spec), *_COMMON_FIELDS)]


def _stamp_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"  # GeoPackage: milliseconds


def _plain(value: object) -> object:
    if value is None or value == NULL:
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime()
    return value


# ---------------------------------------------------------------------------------------
# Which communities


def community_areas(
    database: str, community_ids: list[str] | None = None, district_codes: list[int] | None = None
) -> tuple[list[CommunityArea], dict[str, CommunityArea]]:
    """(the chosen communities' areas, every community's area by id). Unknown ids or districts raise
    OsmImportError naming them; communities with neither polygon nor point are left out."""
    layer = open_layer(database, COMMUNITIES)
    names = layer.fields().names()
    every: dict[str, CommunityArea] = {}
    districts: dict[str, int | None] = {}
    for feature in layer.getFeatures():
        community_id = _plain(feature["community_id"])
        if not is_filled(community_id):
            continue
        community_id = str(community_id)
        districts[community_id] = _plain(feature["district_code"])
        geometry = feature.geometry()
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
            every[community_id] = CommunityArea(community_id, QgsGeometry(geometry), False)
            continue
        x = _plain(feature["location_x"]) if "location_x" in names else None
        y = _plain(feature["location_y"]) if "location_y" in names else None
        if x is not None and y is not None:
            circle = QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))).buffer(POINT_COMMUNITY_RADIUS_M, 24)
            every[community_id] = CommunityArea(community_id, circle, True)
    chosen_ids = [c for c in districts]
    if community_ids:
        unknown = [c for c in community_ids if c not in districts]
        if unknown:
            raise OsmImportError(
                tr("No community {ids} in {database}.").format(ids=", ".join(unknown), database=_shown(database))
            )
        chosen_ids = list(dict.fromkeys(community_ids))
    if district_codes:
        present = {d for d in districts.values() if d is not None}
        unknown_districts = [str(d) for d in district_codes if d not in present]
        if unknown_districts:
            raise OsmImportError(
                tr("District {codes}: no community of {database} lies in it.").format(
                    codes=", ".join(unknown_districts), database=_shown(database)
                )
            )
        chosen_ids = [c for c in chosen_ids if districts[c] in set(district_codes)]
    chosen = [every[c] for c in chosen_ids if c in every]
    if not chosen:
        raise OsmImportError(
            tr("The chosen communities have neither a boundary nor a location point: nothing to import into.")
        )
    return chosen, every


def _shown(database: str) -> str:
    return "PostGIS" if is_postgres(database) else Path(database).name


# ---------------------------------------------------------------------------------------
# Cutting features to the communities


class _Areas:
    """The communities' areas, indexed and with prepared geometry engines, for look-ups."""

    def __init__(self, areas: list[CommunityArea]):
        self.areas = areas
        self._engines = []
        self._index = QgsSpatialIndex()
        # Points (facilities, a building's point on its surface) by the one community locator.
        self.locator = CommunityLocator((area.community_id, area.geometry) for area in areas)
        for number, area in enumerate(areas):
            engine = QgsGeometry.createGeometryEngine(area.geometry.constGet())
            engine.prepareGeometry()
            self._engines.append(engine)
            self._index.addFeature(number, area.geometry.boundingBox())

    def touching(self, geometry: QgsGeometry) -> list[CommunityArea]:
        """The areas `geometry` meets (inside or on the edge), in the order given."""
        hits = sorted(self._index.intersects(geometry.boundingBox()))
        return [self.areas[i] for i in hits if self._engines[i].intersects(geometry.constGet())]


def _parts_of(geometry: QgsGeometry, kind) -> QgsGeometry | None:
    """Only the parts of `kind` (line or polygon) of an intersection, as one multi-geometry."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    if geometry.type() == kind and QgsWkbTypes.flatType(geometry.wkbType()) != QgsWkbTypes.GeometryCollection:
        parts = [geometry]
    else:
        parts = [p for p in geometry.asGeometryCollection() if p.type() == kind]
    if not parts:
        return None
    collected = QgsGeometry.collectGeometry(parts)
    collected.convertToMultiType()
    return collected


def _measure(geometry: QgsGeometry, shape: str) -> float:
    return geometry.length() if shape == LINE else geometry.area()


def cut_to_communities(
    feature_geometry: QgsGeometry, shape: str, areas: list[CommunityArea]
) -> tuple[QgsGeometry, str] | None:
    """A line or polygon cut to `areas`: (the pieces as one multi-geometry, the community of the
    largest piece); None when nothing of it lies in them."""
    kind = QgsWkbTypes.GeometryType.LineGeometry if shape == LINE else QgsWkbTypes.GeometryType.PolygonGeometry
    pieces = []
    for area in areas:
        piece = _parts_of(feature_geometry.intersection(area.geometry), kind)
        if piece is not None and _measure(piece, shape) > 0:
            pieces.append((piece, area.community_id))
    if not pieces:
        return None
    best = min(pieces, key=lambda item: (-_measure(item[0], shape), item[1]))[1]  # a tie goes to the lower id
    if len(pieces) == 1:
        return pieces[0][0], best
    union = QgsGeometry.unaryUnion([piece for piece, _ in pieces])
    if shape == LINE:
        union = union.mergeLines() if union.type() == kind else union
    merged = _parts_of(union, kind)
    return (merged or pieces[0][0]), best


def rows_of_feature(
    feature: OsmFeature, areas: _Areas, every: dict[str, CommunityArea], stored_community: dict[tuple[str, str], str]
) -> list[LayoutRow]:
    """The layout rows one OSM feature gives inside the chosen communities (or, for a row stored
    before, inside its stored community too)."""
    rows = []
    for mapped in map_tags(feature.tags, feature.shape):
        earlier = every.get(stored_community.get((mapped.table, feature.osm_id)) or "")
        if mapped.as_point or feature.shape == POINT or mapped.table == BUILDINGS:
            point = feature.geometry if feature.shape == POINT else feature.geometry.pointOnSurface()
            candidates = set(areas.locator.locate(point.asPoint()).candidates)
            if earlier is not None and earlier.geometry.intersects(point):
                candidates.add(earlier.community_id)
            if not candidates:
                continue
            community = min(candidates)  # on a shared edge or in overlapping communities: the lowest id
            if mapped.table == BUILDINGS:
                whole = QgsGeometry(feature.geometry)
                whole.convertToMultiType()
                rows.append(LayoutRow(mapped.table, feature.osm_id, community, mapped.values, whole))
            else:
                rows.append(LayoutRow(mapped.table, feature.osm_id, community, mapped.values, point))
            continue
        touched = areas.touching(feature.geometry)
        if (
            earlier is not None
            and all(a.community_id != earlier.community_id for a in touched)
            and earlier.geometry.intersects(feature.geometry)
        ):
            touched.append(earlier)
        cut = cut_to_communities(feature.geometry, LINE if feature.shape == LINE else POLYGON, touched)
        if cut is not None:
            rows.append(LayoutRow(mapped.table, feature.osm_id, cut[1], mapped.values, cut[0]))
    return rows


# ---------------------------------------------------------------------------------------
# Comparing with what is stored


def _same_value(old: object, new: object) -> bool:
    old, new = _plain(old), _plain(new)
    if old is None or new is None:
        return old is None and new is None
    if isinstance(new, bool) or isinstance(old, bool):
        return bool(old) == bool(new)
    if isinstance(new, (int, float)) and isinstance(old, (int, float)):
        return abs(float(old) - float(new)) <= _FLOAT_TOLERANCE
    return str(old) == str(new)


def _wkb(geometry: QgsGeometry) -> bytes:
    return bytes(geometry.asWkb())


def _same_row(stored: StoredRow, row: LayoutRow) -> bool:
    return (
        stored.community_id == row.community_id
        and all(_same_value(stored.values.get(name), value) for name, value in row.values.items())
        and stored.wkb == _wkb(row.geometry)
    )


def _new_id(osm_id: str, used: set[str]) -> str:
    candidate = "osm-" + osm_id.replace("/", "-")
    if candidate in used:
        candidate = str(uuid.uuid4())
    used.add(candidate)
    return candidate


@dataclass
class _Plan:
    inserts: dict[str, list[tuple[str, LayoutRow]]] = field(default_factory=dict)  # table -> (new id, row)
    updates: dict[str, list[tuple[StoredRow, LayoutRow]]] = field(default_factory=dict)


def plan_rows(
    rows: list[LayoutRow], stored: dict[str, dict[str, StoredRow]], stamps: set[str], result: OsmImportResult
) -> _Plan:
    plan = _Plan()
    chosen = set(result.communities)
    seen: set[tuple[str, str]] = set()
    used = {table: {s.row_id for s in by_osm.values()} for table, by_osm in stored.items()}
    for row in rows:
        if (row.table, row.osm_id) in seen:
            continue  # one OSM object read twice (a way in two layers): the first counts
        seen.add((row.table, row.osm_id))
        counts = result.tables[row.table]
        existing = stored[row.table].get(row.osm_id)
        if existing is None:
            plan.inserts.setdefault(row.table, []).append((_new_id(row.osm_id, used[row.table]), row))
            counts.inserted += 1
        elif _normal_stamp(existing.updated_at) not in stamps:
            counts.kept_edited.append(row.osm_id)
        elif _same_row(existing, row):
            counts.unchanged += 1
        else:
            plan.updates.setdefault(row.table, []).append((existing, row))
            counts.updated += 1
    for table, by_osm in stored.items():
        result.tables[table].not_in_file = sum(
            1 for osm_id, s in by_osm.items() if s.community_id in chosen and (table, osm_id) not in seen
        )
    return plan


def _normal_stamp(value: object) -> str | None:
    """updated_at as the text the import stamps write ('2025-01-31T08:00:00.123456Z')."""
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
    return str(value)


# ---------------------------------------------------------------------------------------
# GeoPackage


def _gpkg_stored(connection: sqlite3.Connection, spec: LayerSpec) -> dict[str, StoredRow]:
    fields = value_fields(spec)
    columns = ", ".join(gpkg.quote_identifier(c) for c in ["fid", id_field(spec), *_COMMON_FIELDS, *fields])
    stored = {}
    query = f"SELECT {columns}, {GEOMETRY_COLUMN} FROM {gpkg.quote_identifier(spec.name)} WHERE osm_id IS NOT NULL"
    for row in connection.execute(query):
        geometry = gpkg.decode_geometry(row[-1])
        values = dict(zip(fields, row[5:-1]))
        stored[row[3]] = StoredRow(row[0], row[1], row[2], row[4], values, _wkb(geometry))
    return stored


def _gpkg_stamps(connection: sqlite3.Connection) -> list[str]:
    table = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
    row = connection.execute(f"SELECT value FROM {table} WHERE key = ?", (OSM_STAMPS_KEY,)).fetchone()
    return _parse_stamps(row[0] if row else None)


def _parse_stamps(text: object) -> list[str]:
    try:
        stamps = json.loads(str(text)) if text else []
    except ValueError:
        return []
    return [str(s) for s in stamps] if isinstance(stamps, list) else []


def _gpkg_value(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


def _gpkg_write(connection: sqlite3.Connection, plan: _Plan, stamp: str, stamps: list[str]) -> None:
    for table, inserts in plan.inserts.items():
        spec = _SPECS[table]
        fields = value_fields(spec)
        names = [GEOMETRY_COLUMN, id_field(spec), *_COMMON_FIELDS, *fields]
        gpkg.insert_rows(
            connection,
            table,
            names,
            [
                (
                    gpkg.encode_geometry(row.geometry, CRS_EPSG),
                    new_id,
                    row.community_id,
                    row.osm_id,
                    stamp,
                    *(_gpkg_value(row.values.get(f)) for f in fields),
                )
                for new_id, row in inserts
            ],
        )
    for table, updates in plan.updates.items():
        fields = value_fields(_SPECS[table])
        names = [GEOMETRY_COLUMN, "community_id", "updated_at", *fields]
        assignments = ", ".join(f"{gpkg.quote_identifier(n)} = ?" for n in names)
        connection.executemany(
            f"UPDATE {gpkg.quote_identifier(table)} SET {assignments} WHERE fid = ?",
            [
                (
                    gpkg.encode_geometry(row.geometry, CRS_EPSG),
                    row.community_id,
                    stamp,
                    *(_gpkg_value(row.values.get(f)) for f in fields),
                    stored.key,
                )
                for stored, row in updates
            ],
        )
    settings = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
    connection.execute(
        f"INSERT INTO {settings} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (OSM_STAMPS_KEY, json.dumps([*stamps, stamp])),
    )
    for table in {*plan.inserts, *plan.updates}:
        gpkg.update_extent(connection, table)


# ---------------------------------------------------------------------------------------
# PostGIS (the server stamps updated_at with now(): the import records the same now())


_PG_STAMP_SQL = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"


def _pg_stored(connection, schema: str, spec: LayerSpec) -> dict[str, StoredRow]:
    from ..storage.postgis.connection import execute, quote_ident

    fields = value_fields(spec)
    columns = ", ".join(quote_ident(c) for c in [id_field(spec), "community_id", "osm_id"])
    stamp = "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    values = "".join(f", {quote_ident(c)}" for c in fields)
    sql = (
        f"SELECT {columns}, {stamp}{values}, encode(ST_AsBinary({GEOMETRY_COLUMN}), 'hex') "
        f"FROM {schema}.{quote_ident(spec.name)} WHERE osm_id IS NOT NULL"
    )
    stored = {}
    for row in execute(connection, sql):
        geometry = QgsGeometry()
        if row[-1]:
            geometry.fromWkb(bytes.fromhex(str(row[-1])))
        values_of = {name: _plain(value) for name, value in zip(fields, row[4:-1])}
        stored[str(row[2])] = StoredRow(row[0], str(row[0]), _plain(row[1]), _plain(row[3]), values_of, _wkb(geometry))
    return stored


def _pg_geometry(geometry: QgsGeometry) -> str:
    return f"ST_SetSRID(ST_GeomFromWKB(decode('{_wkb(geometry).hex()}', 'hex')), {CRS_EPSG})"


def _pg_statements(schema: str, plan: _Plan, stamps: list[str]) -> list[str]:
    from ..storage.postgis.connection import quote_ident, quote_literal

    statements = []
    for table, inserts in plan.inserts.items():
        spec = _SPECS[table]
        fields = value_fields(spec)
        names = ", ".join(quote_ident(n) for n in [GEOMETRY_COLUMN, id_field(spec), "community_id", "osm_id", *fields])
        rows = ", ".join(
            "("
            + ", ".join(
                [_pg_geometry(row.geometry), quote_literal(new_id), quote_literal(row.community_id)]
                + [quote_literal(row.osm_id)]
                + [quote_literal(row.values.get(f)) for f in fields]
            )
            + ")"
            for new_id, row in inserts
        )
        statements.append(f"INSERT INTO {schema}.{quote_ident(table)} ({names}) VALUES {rows}")
    for table, updates in plan.updates.items():
        spec = _SPECS[table]
        fields = value_fields(spec)
        for stored, row in updates:
            assignments = [
                f"{GEOMETRY_COLUMN} = {_pg_geometry(row.geometry)}",
                f"community_id = {quote_literal(row.community_id)}",
            ] + [f"{quote_ident(f)} = {quote_literal(row.values.get(f))}" for f in fields]
            statements.append(
                f"UPDATE {schema}.{quote_ident(table)} SET {', '.join(assignments)} "
                f"WHERE {quote_ident(id_field(spec))} = {quote_literal(stored.row_id)}"
            )
    settings = f"{schema}.{quote_ident(settings_table.SETTINGS_TABLE)}"
    earlier = quote_literal(json.dumps(stamps))
    statements.append(
        f"INSERT INTO {settings} (key, value) VALUES ({quote_literal(OSM_STAMPS_KEY)}, "
        f"(({earlier})::jsonb || to_jsonb({_PG_STAMP_SQL}))::text) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    return statements


# ---------------------------------------------------------------------------------------
# The import


def _extent(areas: list[CommunityArea]) -> QgsRectangle:
    extent = null_rectangle()
    for area in areas:
        extent.combineExtentWith(area.geometry.boundingBox())
    return extent


def import_osm(
    source: str | Path,
    database: str,
    community_ids: list[str] | None = None,
    district_codes: list[int] | None = None,
    progress: Progress | None = None,
    log: Log | None = None,
) -> OsmImportResult:
    """Import the OSM extract `source` into the layout layers of `database` for the chosen
    communities (default: all of them), in one transaction. See the module's rules.

    Raises OsmImportError (bad file, unknown community or district, no overlap, refused by the
    database) with nothing written.
    """
    started = time.perf_counter()
    report = progress or (lambda _value: None)
    say = log or (lambda _text: None)
    try:
        rule_store.upgrade_database(database)  # an older database gets the layout tables first
        chosen, every = community_areas(database, community_ids, district_codes)
    except (DataSourceError, rule_store.RuleStoreError) as error:
        raise OsmImportError(str(error)) from error
    result = OsmImportResult(communities=[a.community_id for a in chosen])
    point_communities = [a.community_id for a in chosen if a.from_point]
    if point_communities:
        say(
            tr("{count} community(ies) known only by a point: features within {radius:.0f} m of it.").format(
                count=len(point_communities), radius=POINT_COMMUNITY_RADIUS_M
            )
        )
    say(tr("Reading {source}").format(source=Path(source).name))
    try:
        read = read_osm(source, _extent(chosen), progress=lambda value: report(0.5 * value))
    except OsmSourceError as error:
        raise OsmImportError(str(error)) from error
    result.features_read = read.read
    report(50)
    if is_postgres(database):
        _import_postgis(database, read.features, chosen, every, result, report)
    else:
        _import_geopackage(database, read.features, chosen, every, result, report)
    if not any(c.inserted + c.updated + c.unchanged + len(c.kept_edited) for c in result.tables.values()):
        raise OsmImportError(
            tr(
                "{source} has no building, way, waterway, water area or facility inside the chosen {count} "
                "community(ies) ({ids}): nothing was imported. Is it an extract of their area?"
            ).format(source=Path(source).name, count=len(chosen), ids=_ids_text(result.communities))
        )
    report(100)
    result.seconds = time.perf_counter() - started
    return result


def _ids_text(ids: list[str], shown: int = 5) -> str:
    return ", ".join(ids[:shown]) + (f", … (+{len(ids) - shown})" if len(ids) > shown else "")


def _layout_rows(features, chosen, every, stored, report) -> list[LayoutRow]:
    areas = _Areas(chosen)
    stored_community = {
        (table, osm_id): row.community_id for table, rows in stored.items() for osm_id, row in rows.items()
    }
    rows: list[LayoutRow] = []
    for count, feature in enumerate(features):
        if count % 500 == 0:
            report(50 + 40 * count / max(len(features), 1))
        rows.extend(rows_of_feature(feature, areas, every, stored_community))
    return rows


def _import_geopackage(database, features, chosen, every, result, report) -> None:
    connection = gpkg.connect(database)
    try:
        stored = {spec.name: _gpkg_stored(connection, spec) for spec in LAYOUT_LAYER_SPECS}
        stamps = _gpkg_stamps(connection)
        rows = _layout_rows(features, chosen, every, stored, report)
        plan = plan_rows(rows, stored, set(stamps), result)
        if not plan.inserts and not plan.updates:
            return
        try:
            with connection:
                _gpkg_write(connection, plan, _stamp_now(), stamps)
        except sqlite3.Error as error:
            raise OsmImportError(
                tr("The database refused the OSM import; nothing was imported: {error}").format(error=error)
            ) from error
    finally:
        connection.close()


def _import_postgis(database, features, chosen, every, result, report) -> None:
    from ..storage.postgis.connection import connect, execute, quote_ident, quote_literal
    from ..storage.postgis.target import PostgisError, parse_target

    try:
        target = parse_target(database)
        connection = connect(target)
        schema = target.schema
        stored = {spec.name: _pg_stored(connection, schema, spec) for spec in LAYOUT_LAYER_SPECS}
        settings = f"{schema}.{quote_ident(settings_table.SETTINGS_TABLE)}"
        found = execute(connection, f"SELECT value FROM {settings} WHERE key = {quote_literal(OSM_STAMPS_KEY)}")
        stamps = _parse_stamps(found[0][0] if found else None)
        rows = _layout_rows(features, chosen, every, stored, report)
        plan = plan_rows(rows, stored, set(stamps), result)
        if plan.inserts or plan.updates:
            execute(connection, _pg_statements(schema, plan, stamps))
    except PostgisError as error:
        raise OsmImportError(
            tr("The PostGIS database refused the OSM import; nothing was imported: {error}").format(error=error)
        ) from error
