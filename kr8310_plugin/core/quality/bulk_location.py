"""Which households lie plainly inside their own community, found for all of a community's points at once.

A household lies plainly inside its community when its point is in (or on the edge of) the
community's polygon and in no other polygon: then CommunityLocator (core/rules/community_locator.py)
gives exactly that one community, since polygons decide before point communities. Per community,
one prepared GEOS test on the multipoint of its households says whether all of them are in the
polygon, one more per neighbouring polygon whether any of them is also in that one; only then
are the points concerned picked out (GEOS overlay of points copies their coordinates). Every
household not shown plainly inside — outside its polygon, in a neighbour too, its community
without a usable polygon, an unreadable result — goes to the locator, one by one.

Points come as GeoPackage blobs of a 2D little-endian point without envelope (what GDAL writes);
`plain_point_wkb_sql` picks their WKB in SQL, anything else is left to the caller.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence

from qgis.core import QgsGeometry, QgsRectangle, QgsSpatialIndex

from ..rules.completeness import is_filled
from ..storage import gpkg
from .checks import CommunityRecord

_POINT_PART = struct.Struct("<5xdd")  # one WKB point of a multipoint: byte order, type, x, y
_MULTIPOINT_HEAD = b"\x01\x04\x00\x00\x00"  # little-endian WKB MultiPoint


def plain_point_wkb_sql(column: str) -> str:
    """SQLite condition: the GeoPackage blob in `column` is a plain 2D point (29 bytes: 8 of header
    with little-endian flags and no envelope, then a little-endian WKB Point)."""
    quoted = gpkg.quote_identifier(column)
    return (
        f"(length({quoted}) = 29 AND substr({quoted}, 1, 4) = x'47500001' AND substr({quoted}, 9, 5) = x'0101000000')"
    )


def point_wkb_sql(column: str) -> str:
    """SQLite: the WKB point of a blob `plain_point_wkb_sql` accepts."""
    return f"substr({gpkg.quote_identifier(column)}, 9)"


class CommunityPolygons:
    """The communities' polygons, indexed and prepared, for `not_plainly_inside`.

    `invalid_ids`: communities whose polygon GEOS finds invalid (the checks' invalid_polygon):
    their households, and any point within such a polygon's box, are always left to the locator.
    """

    def __init__(self, communities: Sequence[CommunityRecord], invalid_ids: Iterable[str] = ()):
        invalid = set(invalid_ids)
        self._geometries: list[QgsGeometry] = []
        self._engines: list = []
        self._invalid: list[bool] = []
        self._by_id: dict[str, list[int]] = {}
        self._index = QgsSpatialIndex()
        for community in communities:
            geometry = community.geometry
            if not is_filled(community.community_id) or geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            number = len(self._geometries)
            geometry = QgsGeometry(geometry)  # the engine points into it
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self._geometries.append(geometry)
            self._engines.append(engine)
            self._invalid.append(community.community_id in invalid)
            self._by_id.setdefault(community.community_id, []).append(number)
            self._index.addFeature(number, geometry.boundingBox())

    def not_plainly_inside(self, community_id: str, fids: str, count: int, points_wkb: bytes) -> set[int]:
        """The fids among `fids` (`count` households of `community_id` as "fid,fid,…", their WKB points
        concatenated in the same order in `points_wkb`) that do not lie plainly inside their community."""
        own = self._by_id.get(community_id, [])
        if len(own) != 1 or self._invalid[own[0]]:
            return set(_parsed(fids))
        number = own[0]
        points = QgsGeometry()
        points.fromWkb(_MULTIPOINT_HEAD + struct.pack("<I", count) + points_wkb)
        if points.isNull():
            return set(_parsed(fids))
        flagged: list[QgsGeometry] = []
        boxes: list[QgsRectangle] = []
        if not self._engines[number].contains(points.constGet()):
            flagged.append(points.difference(self._geometries[number]))
        for other in self._index.intersects(self._geometries[number].boundingBox()):
            if other == number:
                continue
            if self._invalid[other]:
                boxes.append(self._geometries[other].boundingBox())
            elif self._engines[other].intersects(points.constGet()):
                flagged.append(points.intersection(self._geometries[other]))
        if not flagged and not boxes:
            return set()
        return _fids_at(_parsed(fids), points_wkb, flagged, boxes)


def _parsed(fids: str) -> list[int]:
    return [int(fid) for fid in fids.split(",")]


def _fids_at(fids: Sequence[int], points_wkb: bytes, flagged: list[QgsGeometry], boxes: list[QgsRectangle]) -> set[int]:
    """The fids whose point is a vertex of a `flagged` geometry or lies in one of `boxes`; all of
    them when a flagged geometry failed or holds a point that is none of theirs."""
    by_point: dict[tuple[float, float], list[int]] = {}
    for fid, xy in zip(fids, _POINT_PART.iter_unpack(points_wkb)):
        by_point.setdefault(xy, []).append(fid)
    found: set[int] = set()
    for geometry in flagged:
        if geometry.isNull():
            return set(fids)
        for vertex in geometry.vertices():
            hits = by_point.get((vertex.x(), vertex.y()))
            if hits is None:
                return set(fids)
            found.update(hits)
    for box in boxes:
        for (x, y), hits in by_point.items():
            if box.xMinimum() <= x <= box.xMaximum() and box.yMinimum() <= y <= box.yMaximum():
                found.update(hits)
    return found
