"""Where a community register is written: a GeoPackage file or a PostGIS schema.

Both stores read the same things (the districts, the stored communities, the highest generated
code sequence per district) and write one plan (inserts, updates, sequences) in one transaction:
everything or nothing. Geometries are compared as QGIS writes their WKB, so a boundary read back
from either backend equals the one imported. On PostGIS the register is an admin's task: a login
that may not insert and update communities (mappers, planners) is refused before anything is read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from qgis.core import QgsGeometry

from ...definitions.schema import COMMUNITIES, CRS_EPSG, DISTRICTS, GEOMETRY_COLUMN
from ..rules.completeness import is_filled
from ..storage import gpkg, settings_table
from ..storage.datasource import is_postgres
from ..toolbelt.i18n import tr
from .importer import ImportRefusedError, rejection
from .normalise import CellError

# Fields an import compares and updates, in report order.
STORED_FIELDS = (
    "name",
    "district_code",
    "community_type",
    "registered_households",
    "population",
    "date_registered",
    "location_x",
    "location_y",
)
SEQUENCE_KEY = "community_sequence_{district}"  # kr8310_settings: highest generated sequence
_PG_ROWS_PER_INSERT = 500


def geometry_key(geometry: QgsGeometry | None) -> bytes | None:
    """A geometry as QGIS writes its WKB: the form both stores compare boundaries in."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    return bytes(geometry.asWkb())


@dataclass
class StoredCommunity:
    key: int  # the row's fid
    community_id: str
    values: dict[str, object]  # STORED_FIELDS as stored
    geometry: bytes | None  # geometry_key of the stored boundary


@dataclass
class CommunityInsert:
    community_id: str
    values: dict[str, object]
    geometry: QgsGeometry | None


@dataclass
class CommunityUpdate:
    stored: StoredCommunity
    values: dict[str, object]  # only the changed fields
    geometry: QgsGeometry | None  # a new boundary, or None to keep the stored one


class RegisterStore:
    """A community database the register import reads from and writes into."""

    def district_rows(self) -> list[tuple[int, str, str, QgsGeometry]]:
        """(district_code, name_th, name_en, boundary) of every district."""
        raise NotImplementedError

    def stored(self) -> list[StoredCommunity]:
        raise NotImplementedError

    def sequence(self, district: int) -> int:
        """The highest generated code sequence stored for `district` (0 when none)."""
        raise NotImplementedError

    def write(self, inserts: list[CommunityInsert], updates: list[CommunityUpdate], sequences: dict[int, int]) -> None:
        """Everything in one transaction; raises ImportRefusedError (nothing written) when refused."""
        raise NotImplementedError

    def close(self) -> None:
        pass


def _refused(detail: str) -> ImportRefusedError:
    return ImportRefusedError(
        tr("The database refused the register; nothing was imported: {error}").format(error=detail),
        [rejection("", 0, "", "", CellError("database", detail=detail))],
    )


def _sequence_value(value: object) -> int:
    text = str(value).strip() if is_filled(value) else ""
    return int(text) if text.isdigit() else 0


class GpkgRegisterStore(RegisterStore):
    def __init__(self, path: str):
        self.connection = gpkg.connect(path)

    def district_rows(self):
        rows = self.connection.execute(
            f"SELECT district_code, name_th, name_en, {GEOMETRY_COLUMN} FROM {gpkg.quote_identifier(DISTRICTS)}"
        ).fetchall()
        return [(int(code), th or "", en or "", gpkg.decode_geometry(blob)) for code, th, en, blob in rows]

    def stored(self):
        columns = ", ".join(STORED_FIELDS)
        rows = self.connection.execute(
            f"SELECT fid, community_id, {GEOMETRY_COLUMN}, {columns} FROM {gpkg.quote_identifier(COMMUNITIES)} "
            "ORDER BY community_id"
        ).fetchall()
        return [
            StoredCommunity(
                fid,
                str(cid),
                dict(zip(STORED_FIELDS, rest)),
                geometry_key(gpkg.decode_geometry(bytes(blob))) if blob is not None else None,
            )
            for fid, cid, blob, *rest in rows
            if cid is not None
        ]

    def sequence(self, district):
        table = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
        row = self.connection.execute(
            f"SELECT value FROM {table} WHERE key = ?", (SEQUENCE_KEY.format(district=district),)
        ).fetchone()
        return _sequence_value(row[0]) if row else 0

    def write(self, inserts, updates, sequences):
        quoted = gpkg.quote_identifier(COMMUNITIES)
        settings = gpkg.quote_identifier(settings_table.SETTINGS_TABLE)
        try:
            with self.connection:
                for insert in inserts:
                    names = [GEOMETRY_COLUMN, "community_id", *insert.values]
                    blob = gpkg.encode_geometry(insert.geometry, CRS_EPSG) if insert.geometry is not None else None
                    gpkg.insert_rows(
                        self.connection, COMMUNITIES, names, [(blob, insert.community_id, *insert.values.values())]
                    )
                for update in updates:
                    changed = dict(update.values)
                    if update.geometry is not None:
                        changed[GEOMETRY_COLUMN] = gpkg.encode_geometry(update.geometry, CRS_EPSG)
                    assignments = ", ".join(f"{gpkg.quote_identifier(n)} = ?" for n in changed)
                    self.connection.execute(
                        f"UPDATE {quoted} SET {assignments} WHERE fid = ?", (*changed.values(), update.stored.key)
                    )
                self.connection.executemany(
                    f"INSERT INTO {settings} (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [(SEQUENCE_KEY.format(district=d), str(s)) for d, s in sorted(sequences.items())],
                )
                if inserts or updates:
                    gpkg.update_extent(self.connection, COMMUNITIES)
        except sqlite3.Error as error:
            raise _refused(str(error)) from error

    def close(self):
        self.connection.close()


class PostgisRegisterStore(RegisterStore):
    """A PostGIS schema, reached through QGIS's provider connection (core/storage/postgis)."""

    def __init__(self, database: str):
        from ..storage.postgis.connection import connect, execute, quote_ident, quote_literal
        from ..storage.postgis.target import PostgisError, parse_target

        self._execute, self._literal, self._error = execute, quote_literal, PostgisError
        try:
            self.target = parse_target(database)
            self.connection = connect(self.target)
            schema = quote_ident(self.target.schema)
            self.communities = f"{schema}.{quote_ident(COMMUNITIES)}"
            self.districts = f"{schema}.{quote_ident(DISTRICTS)}"
            self.settings = f"{schema}.{quote_ident(settings_table.SETTINGS_TABLE)}"
            self._check_rights()
        except PostgisError as error:
            raise ImportRefusedError(str(error)) from error

    def _check_rights(self) -> None:
        checks = [
            f"has_table_privilege({self._literal(table)}, {self._literal(right)})"
            for table in (
                f"{self.target.schema}.{COMMUNITIES}",
                f"{self.target.schema}.{settings_table.SETTINGS_TABLE}",
            )
            for right in ("INSERT", "UPDATE")
        ]
        exists = self._literal(f"{self.target.schema}.{COMMUNITIES}")
        present, user = self._execute(self.connection, f"SELECT to_regclass({exists}) IS NOT NULL, session_user")[0]
        if not present:
            raise ImportRefusedError(
                tr("Schema '{schema}' holds no KR 8310 community database.").format(schema=self.target.schema)
            )
        allowed = self._execute(self.connection, f"SELECT {' AND '.join(checks)}")[0][0]
        if not allowed:
            raise ImportRefusedError(
                tr(
                    "Only a KR 8310 administrator (role {role}) may import the community register; the login "
                    "{user} may not add or change communities in schema '{schema}'. Nothing was imported."
                ).format(role=self.target.role("admin"), user=user, schema=self.target.schema)
            )

    def _rows(self, sql: str) -> list[list]:
        try:
            return self._execute(self.connection, sql)
        except self._error as error:
            raise _refused(str(error)) from error

    def district_rows(self):
        rows = self._rows(
            f"SELECT district_code, name_th, name_en, encode(ST_AsBinary({GEOMETRY_COLUMN}), 'hex') "
            f"FROM {self.districts}"
        )
        return [(int(code), _text(th), _text(en), _from_hex(wkb)) for code, th, en, wkb in rows]

    def stored(self):
        columns = ", ".join(STORED_FIELDS)
        rows = self._rows(
            f"SELECT fid, community_id, encode(ST_AsBinary({GEOMETRY_COLUMN}), 'hex'), {columns} "
            f"FROM {self.communities} ORDER BY community_id"
        )
        return [
            StoredCommunity(
                int(fid),
                str(cid),
                {name: (value if is_filled(value) else None) for name, value in zip(STORED_FIELDS, rest)},
                geometry_key(_from_hex(wkb)),
            )
            for fid, cid, wkb, *rest in rows
            if is_filled(cid)
        ]

    def sequence(self, district):
        rows = self._rows(
            f"SELECT value FROM {self.settings} WHERE key = {self._literal(SEQUENCE_KEY.format(district=district))}"
        )
        return _sequence_value(rows[0][0]) if rows else 0

    def _geometry_sql(self, geometry: QgsGeometry | None) -> str:
        if geometry is None:
            return "NULL"
        return f"ST_Multi(ST_GeomFromWKB(decode('{bytes(geometry.asWkb()).hex()}', 'hex'), {CRS_EPSG}))"

    def write(self, inserts, updates, sequences):
        statements = []
        by_columns: dict[tuple[str, ...], list[CommunityInsert]] = {}
        for insert in inserts:
            by_columns.setdefault(tuple(insert.values), []).append(insert)
        for names, group in by_columns.items():
            columns = ", ".join((GEOMETRY_COLUMN, "community_id", *names))
            for start in range(0, len(group), _PG_ROWS_PER_INSERT):
                values = ",\n".join(
                    "("
                    + ", ".join(
                        [self._geometry_sql(i.geometry), self._literal(i.community_id)]
                        + [self._literal(v) for v in i.values.values()]
                    )
                    + ")"
                    for i in group[start : start + _PG_ROWS_PER_INSERT]
                )
                statements.append(f"INSERT INTO {self.communities} ({columns}) VALUES\n{values}")
        for update in updates:
            assignments = [f"{name} = {self._literal(value)}" for name, value in update.values.items()]
            if update.geometry is not None:
                assignments.append(f"{GEOMETRY_COLUMN} = {self._geometry_sql(update.geometry)}")
            statements.append(f"UPDATE {self.communities} SET {', '.join(assignments)} WHERE fid = {update.stored.key}")
        if sequences:
            rows = ", ".join(
                f"({self._literal(SEQUENCE_KEY.format(district=d))}, {self._literal(str(s))})"
                for d, s in sorted(sequences.items())
            )
            statements.append(
                f"INSERT INTO {self.settings} (key, value) VALUES {rows} "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
            )
        if statements:
            self._rows(statements)  # one implicit transaction: all of it or none


def _text(value: object) -> str:
    return str(value) if is_filled(value) else ""


def _from_hex(value: object) -> QgsGeometry:
    if not is_filled(value):
        return QgsGeometry()
    geometry = QgsGeometry()
    geometry.fromWkb(bytes.fromhex(str(value)))
    return geometry


def open_register_store(database: str) -> RegisterStore:
    """The store of a database string (core/storage/datasource.py): a .gpkg path or PostGIS."""
    if is_postgres(database):
        return PostgisRegisterStore(database)
    return GpkgRegisterStore(database)
