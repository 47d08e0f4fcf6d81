"""Low-level GeoPackage access with the Python sqlite3 module.

QGIS edits our GeoPackages through GDAL; bulk work (demo generation, imports,
coverage write-back) goes straight through sqlite3 because it is an order of
magnitude faster. GDAL's R-tree triggers call ST_* SQL functions that only GDAL
registers, so `connect()` registers compatible ones.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

from qgis.core import QgsGeometry, QgsWkbTypes

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10300  # GeoPackage 1.3

_FLAG_LITTLE_ENDIAN = 0x01
_FLAG_ENVELOPE_XY = 0x02  # envelope indicator 1 (minx, maxx, miny, maxy), in bits 1-3
_FLAG_EMPTY = 0x10


def encode_geometry(geometry: QgsGeometry | None, srs_id: int) -> bytes | None:
    """GeoPackage binary geometry (header + ISO WKB) for a QgsGeometry; None for null."""
    if geometry is None or geometry.isNull():
        return None
    wkb = bytes(geometry.asWkb())
    if geometry.isEmpty():
        return b"GP\x00" + bytes([_FLAG_LITTLE_ENDIAN | _FLAG_EMPTY]) + struct.pack("<i", srs_id) + wkb
    if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.Point:
        # GDAL writes points without an envelope: the point is its own envelope.
        return b"GP\x00" + bytes([_FLAG_LITTLE_ENDIAN]) + struct.pack("<i", srs_id) + wkb
    box = geometry.boundingBox()
    header = b"GP\x00" + bytes([_FLAG_LITTLE_ENDIAN | _FLAG_ENVELOPE_XY]) + struct.pack("<i", srs_id)
    return header + struct.pack("<dddd", box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()) + wkb


def encode_point(x: float, y: float, srs_id: int) -> bytes:
    """GeoPackage binary for a 2D point, without building a QgsGeometry (hot path of bulk writes)."""
    return b"GP\x00\x01" + struct.pack("<i", srs_id) + struct.pack("<BIdd", 1, 1, x, y)


def _header_size(blob: bytes) -> int:
    envelope = (blob[3] >> 1) & 0x07
    return 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope, 0)


def decode_geometry(blob: bytes | None) -> QgsGeometry:
    """QgsGeometry from GeoPackage binary (null geometry for None)."""
    geometry = QgsGeometry()
    if blob:
        geometry.fromWkb(bytes(blob[_header_size(blob) :]))
    return geometry


def _envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) from a GeoPackage blob, or None when null or empty."""
    if blob is None or len(blob) < 8 or blob[3] & _FLAG_EMPTY:
        return None
    order = "<" if blob[3] & _FLAG_LITTLE_ENDIAN else ">"
    if (blob[3] >> 1) & 0x07:
        return struct.unpack_from(order + "dddd", blob, 8)
    body = bytes(blob[8:])
    # Fast path for 2D points, the bulk of our rows.
    if len(body) == 21:
        point_order = "<" if body[0] == 1 else ">"
        (geometry_type,) = struct.unpack_from(point_order + "I", body, 1)
        if geometry_type == 1:
            x, y = struct.unpack_from(point_order + "dd", body, 5)
            return (x, x, y, y)
    geometry = decode_geometry(blob)
    if geometry.isNull() or geometry.isEmpty():
        return None
    box = geometry.boundingBox()
    return (box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum())


def _st_is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    return 1 if _envelope(blob) is None else 0


def _envelope_part(index: int):
    def function(blob: bytes | None) -> float | None:
        envelope = _envelope(blob)
        return None if envelope is None else envelope[index]

    return function


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a GeoPackage with the ST_* functions GDAL's triggers need registered."""
    connection = sqlite3.connect(str(path))
    connection.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    for index, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        connection.create_function(name, 1, _envelope_part(index), deterministic=True)
    return connection


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def unique_by_trigger_sql(table: str, column: str) -> list[str]:
    """Triggers refusing a second row with the same value of `column` (NULLs never clash), for a
    column kept out of UNIQUE constraints (see gpkg_database._UNIQUE_BY_TRIGGER for why)."""
    return [
        f'CREATE TRIGGER "{table}_{column}_unique_{event.split()[0].lower()}" BEFORE {event} ON "{table}" '
        f'WHEN EXISTS (SELECT 1 FROM "{table}" WHERE "{column}" = NEW."{column}" AND fid IS NOT NEW.fid) '
        f"BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: {table}.{column}'); END"
        for event in ("INSERT", f'UPDATE OF "{column}"')
    ]


def insert_rows(connection: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert rows (tuples in `columns` order) in the current transaction; returns rows written."""
    placeholders = ", ".join("?" for _ in columns)
    column_list = ", ".join(quote_identifier(c) for c in columns)
    cursor = connection.executemany(
        f"INSERT INTO {quote_identifier(table)} ({column_list}) VALUES ({placeholders})", rows
    )
    return cursor.rowcount


def update_extent(connection: sqlite3.Connection, table: str, geometry_column: str = "geom") -> None:
    """Refresh gpkg_contents' extent of a table from its R-tree (QGIS reads the layer extent from it)."""
    rtree = quote_identifier(f"rtree_{table}_{geometry_column}")
    row = connection.execute(f"SELECT MIN(minx), MIN(miny), MAX(maxx), MAX(maxy) FROM {rtree}").fetchone()
    connection.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,"
        " last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
        (*row, table),
    )
