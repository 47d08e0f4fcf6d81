"""Synthetic community layouts for the demo database: buildings, sois, a khlong, facilities and
safety points in the communities of chosen districts.

Deterministic from the seed, like the rest of the demo (core/registry/demo.py), and synthetic
throughout: a building stands at each household point of the demo (whose points are random
themselves), a grid of sois and a trok cross each community, a khlong runs through it, and a
temple, a school, a community centre, a waste point and a few safety points stand inside. No row
has an osm_id (nothing is from OpenStreetMap) and no house number of a household is copied.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsGeometry, QgsPointXY

from ...definitions.schema import (
    BUILDINGS,
    CRS_EPSG,
    FACILITIES,
    GEOMETRY_COLUMN,
    SAFETY_POINTS,
    WATER_AREAS,
    WATERWAYS,
    WAYS,
)
from ..storage import gpkg

DEMO_LAYOUT_DISTRICTS = (1001,)
STAMP = "2025-09-30T10:00:00.000Z"  # the demo layout's updated_at: the end of fiscal year B.E. 2568
_BUILDING_KINDS = ("house",) * 6 + ("row_house",) * 3 + ("shophouse", "shophouse", "flat", "shop", "other")
_MATERIALS = ("concrete", "concrete", "brick", "wood", "mixed", "metal")
_CONDITIONS = ("good", "good", "fair", "fair", "poor", "ruin")
_SOI_WORDS = ("ร่วมใจ", "สามัคคี", "พัฒนา", "สุขใจ", "มิตรภาพ", "เจริญสุข")
_KHLONG_WORDS = ("บางลำพู", "ผดุงกรุงเกษม", "หลอด", "โอ่งอ่าง", "คูเมือง")


@dataclass
class DemoLayoutSummary:
    communities: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _multi(geometry: QgsGeometry) -> QgsGeometry | None:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    return geometry


def _building(rng: random.Random, x: float, y: float, spacing: float) -> QgsGeometry:
    """A small rotated rectangle (a house of 6-10 by 7-14 m, smaller where households are dense:
    at most 0.6 of `spacing`, the mean distance between them) centred on (x, y)."""
    width, depth = min(rng.uniform(6, 10), 0.6 * spacing), min(rng.uniform(7, 14), 0.7 * spacing)
    box = QgsGeometry.fromWkt(
        f"POLYGON(({x - width / 2} {y - depth / 2}, {x + width / 2} {y - depth / 2}, {x + width / 2} {y + depth / 2}, "
        f"{x - width / 2} {y + depth / 2}, {x - width / 2} {y - depth / 2}))"
    )
    box.rotate(rng.uniform(-20, 20), QgsPointXY(x, y))
    return box


def _line(x0: float, y0: float, x1: float, y1: float) -> QgsGeometry:
    return QgsGeometry.fromWkt(f"LINESTRING({x0} {y0}, {x1} {y1})")


def _community_layout(rng: random.Random, community_id: str, area: QgsGeometry, households: list[QgsPointXY]):
    """(table, values, geometry) rows of one community."""
    box = area.boundingBox()
    spacing = (area.area() / max(len(households), 1)) ** 0.5
    rows = []
    for point in households:
        rows.append(
            (
                BUILDINGS,
                {
                    "building_kind": rng.choice(_BUILDING_KINDS),
                    "floors": rng.choice((1, 1, 2, 2, 2, 3)),
                    "material": rng.choice(_MATERIALS),
                    "condition": rng.choice(_CONDITIONS),
                },
                _multi(_building(rng, point.x(), point.y(), spacing)),
            )
        )
    word = rng.choice(_SOI_WORDS)
    for number in range(1, 4):  # three sois east-west, a road north-south, a trok
        y = box.yMinimum() + box.height() * number / 4
        soi = area.intersection(_line(box.xMinimum(), y, box.xMaximum(), y))
        rows.append(
            (WAYS, {"way_kind": "soi", "name": f"ซอย{word} {number}", "width_m": 4.0, "surface": "concrete"}, soi)
        )
    x = box.xMinimum() + box.width() * rng.uniform(0.35, 0.65)
    road = area.intersection(_line(x, box.yMinimum(), x, box.yMaximum()))
    rows.append((WAYS, {"way_kind": "road", "name": f"ถนน{word}", "width_m": 8.0, "surface": "asphalt"}, road))
    trok_x = box.xMinimum() + box.width() * 0.2
    trok = area.intersection(_line(trok_x, box.yMinimum(), trok_x + box.width() * 0.1, box.yMaximum()))
    rows.append((WAYS, {"way_kind": "trok", "name": f"ตรอก{word}", "width_m": 1.5, "surface": "paved"}, trok))
    khlong = area.intersection(_line(box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
    rows.append((WATERWAYS, {"waterway_kind": "khlong", "name": f"คลอง{rng.choice(_KHLONG_WORDS)}"}, khlong))
    centre = area.pointOnSurface().asPoint()
    pond = QgsGeometry.fromPointXY(QgsPointXY(centre.x() + 25, centre.y() - 25)).buffer(12, 8).intersection(area)
    rows.append((WATER_AREAS, {"waterway_kind": "pond", "name": "สระน้ำชุมชน"}, pond))
    for kind, name, dx, dy in (
        ("temple", f"วัด{word}", -40, 30),
        ("school", f"โรงเรียนวัด{word}", 40, 30),
        ("community_centre", "ที่ทำการชุมชน", 0, -40),
        ("waste_point", None, 30, -60),
    ):
        rows.append((FACILITIES, {"facility_kind": kind, "name": name}, _inside(area, centre, dx, dy)))
    for kind, dx, dy in (("fire_extinguisher", 10, 10), ("hydrant", -20, -10), ("evacuation_point", 0, 20)):
        rows.append((SAFETY_POINTS, {"safety_kind": kind}, _inside(area, centre, dx, dy)))
    return [
        (table, values, geometry if table in (FACILITIES, SAFETY_POINTS) else _multi(geometry))
        for table, values, geometry in rows
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty()
    ]


def _inside(area: QgsGeometry, centre, dx: float, dy: float) -> QgsGeometry:
    point = QgsGeometry.fromPointXY(QgsPointXY(centre.x() + dx, centre.y() + dy))
    return point if area.contains(point) else QgsGeometry.fromPointXY(QgsPointXY(centre))


_ID_FIELDS = {
    BUILDINGS: "building_id",
    WAYS: "way_id",
    WATERWAYS: "waterway_id",
    WATER_AREAS: "water_area_id",
    FACILITIES: "facility_id",
    SAFETY_POINTS: "safety_id",
}


def generate_demo_layout(
    database: str | Path, districts: tuple[int, ...] = DEMO_LAYOUT_DISTRICTS, seed: int = 8310, limit: int = 0
) -> DemoLayoutSummary:
    """Write synthetic layout layers for the communities of `districts` (the first `limit` of each
    district when given) into the GeoPackage `database`, in one transaction; communities that have
    layout rows already are left alone. Returns the communities filled and the rows per table."""
    summary = DemoLayoutSummary(rows={table: 0 for table in _ID_FIELDS})
    connection = gpkg.connect(database)
    try:
        placeholders = ", ".join("?" for _ in districts)
        communities = connection.execute(
            f"SELECT community_id, district_code, geom FROM communities WHERE district_code IN ({placeholders}) "
            "AND geom IS NOT NULL ORDER BY community_id",
            districts,
        ).fetchall()
        done = {
            row[0] for table in _ID_FIELDS for row in connection.execute(f"SELECT DISTINCT community_id FROM {table}")
        }
        taken: dict[int, int] = {}
        with connection:
            for community_id, district_code, blob in communities:
                taken[district_code] = taken.get(district_code, 0) + 1
                if community_id in done or (limit and taken[district_code] > limit):
                    continue
                points = [
                    gpkg.decode_geometry(row[0]).asPoint()
                    for row in connection.execute("SELECT geom FROM households WHERE community_id = ?", (community_id,))
                ]
                rng = random.Random(f"{seed}-layout-{community_id}")
                for table, values, geometry in _community_layout(rng, community_id, gpkg.decode_geometry(blob), points):
                    names = [GEOMETRY_COLUMN, _ID_FIELDS[table], "community_id", "updated_at", *values]
                    row = [gpkg.encode_geometry(geometry, CRS_EPSG), _id(rng), community_id, STAMP, *values.values()]
                    summary.rows[table] += gpkg.insert_rows(connection, table, names, [row])
                summary.communities.append(community_id)
            for table in _ID_FIELDS:
                gpkg.update_extent(connection, table)
    finally:
        connection.close()
    return summary
