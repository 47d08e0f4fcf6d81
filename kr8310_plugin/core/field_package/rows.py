"""Household and member rows as packaging and merging compare them.

A row is read the same way from a GeoPackage table (sqlite3) and from any QGIS layer (PostGIS),
so the three versions of a household — as cut, as the field left it, as the office has it — can
be compared value for value: NULL and blank text are None, booleans 0/1, whole numbers int,
a point as its coordinates to the millimetre.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from qgis.core import NULL, QgsFeatureRequest, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ...definitions.schema import GEOMETRY_COLUMN, HOUSEHOLDS, MEMBERS
from ..rules.completeness import is_filled
from ..rules.sql_text import QGIS_EXPRESSION, quote_literal
from ..storage import gpkg

# What a field worker can change; ids, stamps and versions are the database's.
HOUSEHOLD_COLUMNS = ("community_id", "house_no", "building_type", "residence_years", "member_count")
MEMBER_COLUMNS = ("household_id", "age", "education", "occupation", "disability", "bedridden")
KEY_COLUMNS = {HOUSEHOLDS: "household_id", MEMBERS: "member_id"}
COMPARED_COLUMNS = {HOUSEHOLDS: HOUSEHOLD_COLUMNS, MEMBERS: MEMBER_COLUMNS}


@dataclass(frozen=True)
class Row:
    """One household or member: its key, compared values, point (households) and row version."""

    table: str
    key: str
    values: dict[str, object]
    point: tuple[float, float] | None = None
    row_version: int | None = None

    @property
    def household_id(self) -> str:
        return self.key if self.table == HOUSEHOLDS else str(self.values.get("household_id"))

    def content(self) -> dict[str, object]:
        """What the field may change, as one JSON-able dict (values and the point)."""
        content = dict(self.values)
        if self.table == HOUSEHOLDS:
            content[GEOMETRY_COLUMN] = list(self.point) if self.point else None
        return content

    def same_content(self, other: Row | None) -> bool:
        return other is not None and self.content() == other.content()

    def differing_fields(self, other: Row) -> list[str]:
        mine, theirs = self.content(), other.content()
        return [name for name in mine if mine[name] != theirs.get(name)]

    def to_json(self) -> str:
        return json.dumps(self.content(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, table: str, key: str, text: str, row_version: int | None) -> Row:
        content = json.loads(text)
        point = content.pop(GEOMETRY_COLUMN, None)
        return cls(table, key, content, tuple(point) if point else None, row_version)


def plain_value(value: object) -> object:
    """A stored value in the one form rows compare: None, int, float, str."""
    if isinstance(value, QVariant):
        value = None if value.isNull() else value.value()
    if value is None or value == NULL or not is_filled(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, QDateTime):
        return value.toString("yyyy-MM-ddTHH:mm:ss")
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd")
    return value


def point_of(geometry: QgsGeometry | None) -> tuple[float, float] | None:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
    return (round(point.x(), 3), round(point.y(), 3))


def _row(table: str, values: dict[str, object], point, row_version) -> Row | None:
    key = plain_value(values.get(KEY_COLUMNS[table]))
    if key is None:
        return None
    version = plain_value(row_version)
    return Row(
        table,
        str(key),
        {name: plain_value(values.get(name)) for name in COMPARED_COLUMNS[table]},
        point,
        int(version) if isinstance(version, (int, float)) else None,
    )


def rows_from_layer(layer: QgsVectorLayer, expression: str = "") -> Iterator[Row]:
    """The households or members of a QGIS layer (any provider), optionally filtered."""
    table = HOUSEHOLDS if layer.fields().indexOf("member_id") < 0 else MEMBERS
    request = QgsFeatureRequest()
    if expression:
        request.setFilterExpression(expression)
    if table == MEMBERS:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    names = layer.fields().names()
    for feature in layer.getFeatures(request):
        values = {name: feature[name] for name in names}
        point = point_of(feature.geometry()) if table == HOUSEHOLDS else None
        row = _row(table, values, point, values.get("row_version"))
        if row is not None:
            yield row


def rows_from_gpkg(connection, table: str, where: str = "", parameters: Sequence = ()) -> Iterator[Row]:
    """The households or members of a GeoPackage table read with sqlite3, optionally filtered."""
    columns = [KEY_COLUMNS[table], *COMPARED_COLUMNS[table], "row_version"]
    if table == HOUSEHOLDS:
        columns.append(GEOMETRY_COLUMN)
    column_list = ", ".join(gpkg.quote_identifier(c) for c in dict.fromkeys(columns))
    sql = f"SELECT {column_list} FROM {gpkg.quote_identifier(table)}{' WHERE ' + where if where else ''}"
    names = list(dict.fromkeys(columns))
    for record in connection.execute(sql, list(parameters)):
        values = dict(zip(names, record))
        point = point_of(gpkg.decode_geometry(values[GEOMETRY_COLUMN])) if table == HOUSEHOLDS else None
        row = _row(table, values, point, values["row_version"])
        if row is not None:
            yield row


def in_list_expression(field: str, values: Iterable[str]) -> str:
    """A QGIS expression: `field` is one of `values` (false for none)."""
    items = ", ".join(quote_literal(v, QGIS_EXPRESSION) for v in sorted(set(values)))
    return f'"{field}" IN ({items})' if items else "false"
