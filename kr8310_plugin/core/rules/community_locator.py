"""Which community holds a point: the one rule for digitising, importing and the quality checks.

A community with a boundary holds a point when the point lies inside its polygon or on its
edge (GEOS intersects). A community known only by its point (NULL polygon, `location_x`/
`location_y` set, as the register import stores it) holds a point when it is the nearest such
community within `point_radius` (POINT_COMMUNITY_RADIUS_M by default) — and only when no
polygon holds the point: a boundary, once drawn, decides.

A point may lie in no community, or in several (overlapping polygons, a point on a shared
edge, or point communities about as near as each other: within POINT_TIE_MARGIN_M of the
nearest). The locator never picks one of several: it returns every candidate and each caller
reports the tie. The same rule as QGIS expressions, for the household form's default and
constraint: `community_default_expression` and `community_constraint_expression` below
(tests/test_community_locator.py proves them equal on awkward points).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...definitions.schema import COMMUNITIES, CRS_AUTHID
from .completeness import is_filled

NONE, ONE, SEVERAL = "none", "one", "several"
# How far a household may lie from a community known only by its point: a Bangkok community
# is a few hundred metres across, and its register point is one spot in it.
POINT_COMMUNITY_RADIUS_M = 300.0
# Point communities whose distances differ by less than this are a tie: GPS error in an alley.
POINT_TIE_MARGIN_M = 10.0
LOCATION_FIELDS = ("location_x", "location_y")

# Reasons the import reports for a point placed by distance: code -> (Thai, English).
LOCATION_REASONS: dict[str, tuple[str, str]] = {
    "nearest_point_community": (
        "กำหนดให้อยู่ในชุมชน {community} ซึ่งมีเฉพาะพิกัด (ใกล้ที่สุด ห่าง {distance} ม.)",
        "assigned to the nearest point community {community} at {distance} m",
    ),
    "several_point_communities": (
        "อยู่ใกล้ชุมชนที่มีเฉพาะพิกัดหลายชุมชนพอ ๆ กัน ({communities}) และไม่ได้ระบุรหัสชุมชน",
        "about as near to several point communities ({communities}) and no community_id given",
    ),
}


@dataclass(frozen=True)
class LocationNote:
    """What a caller reports about a location (duck-types importing.normalise.CellError)."""

    code: str
    details: dict = field(default_factory=dict)

    def reason(self, language: str) -> str:
        thai, english = LOCATION_REASONS[self.code]
        return (thai if language == "th" else english).format(**self.details)


@dataclass(frozen=True)
class CommunityLocation:
    """Where a point fell: `candidates` are the ids of every community holding it (sorted by id
    for polygons; by distance, then id, for point communities, with their `distances` in metres)."""

    candidates: tuple[str, ...]
    distances: tuple[float, ...] = ()

    @property
    def status(self) -> str:
        """NONE (outside every community), ONE, or SEVERAL (a tie the caller must report)."""
        if not self.candidates:
            return NONE
        return ONE if len(self.candidates) == 1 else SEVERAL

    @property
    def community_id(self) -> str | None:
        """The community holding the point when exactly one does; None for none or several."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def by_point(self) -> bool:
        """Whether the candidates are communities known only by a point (found by distance)."""
        return bool(self.distances)

    @property
    def distance(self) -> float | None:
        """Metres to the nearest point community; None when a polygon decided (or nothing did)."""
        return self.distances[0] if self.distances else None

    def note(self) -> LocationNote | None:
        """For a point placed by distance: 'assigned to the nearest point community X at 120 m'
        (one candidate) or the tie (several); None when a polygon decided or nothing holds it."""
        if not self.by_point:
            return None
        if self.status == ONE:
            return LocationNote(
                "nearest_point_community", {"community": self.candidates[0], "distance": round(self.distances[0])}
            )
        return LocationNote(
            "several_point_communities",
            {"communities": ", ".join(f"{c} {round(d)} m" for c, d in zip(self.candidates, self.distances))},
        )


def is_point_geometry(geometry: QgsGeometry | None) -> bool:
    return (
        geometry is not None
        and not geometry.isNull()
        and not geometry.isEmpty()
        and QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.PointGeometry
    )


class CommunityLocator:
    """Community polygons and community points (all in one projected CRS, metres) indexed for look-ups.

    In: (community_id, geometry) pairs: a polygon for a community with a boundary, a point for one
    known only by its point (see `communities_from_layer`). Pairs without an id (NULL or blank),
    and null or empty geometries, are left out. Polygons are prepared once, so a city's
    households are located fast.
    """

    def __init__(
        self,
        communities: Iterable[tuple[object, QgsGeometry | None]],
        point_radius: float = POINT_COMMUNITY_RADIUS_M,
    ):
        self.point_radius = float(point_radius)
        self._ids: list[str] = []
        self._geometries: list[QgsGeometry] = []
        self._engines: list = []
        self._index = QgsSpatialIndex()
        self._point_ids: list[str] = []
        self._points: list[QgsPointXY] = []
        self._point_index = QgsSpatialIndex()
        for community_id, geometry in communities:
            if not is_filled(community_id) or geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            if is_point_geometry(geometry):
                point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
                self._point_index.addFeature(len(self._point_ids), QgsRectangle(point, point))
                self._point_ids.append(str(community_id))
                self._points.append(QgsPointXY(point))
                continue
            geometry = QgsGeometry(geometry)  # the engine points into it: keep our own copy alive
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self._index.addFeature(len(self._ids), geometry.boundingBox())
            self._ids.append(str(community_id))
            self._geometries.append(geometry)
            self._engines.append(engine)

    def locate(self, point: QgsPointXY) -> CommunityLocation:
        """The communities holding `point`: those whose polygon holds it (inside or on the edge), else
        the nearest point community within the radius and any other within POINT_TIE_MARGIN_M of it."""
        location = QgsGeometry.fromPointXY(QgsPointXY(point))
        box = QgsRectangle(point.x(), point.y(), point.x(), point.y())
        hits = {
            self._ids[number]
            for number in self._index.intersects(box)
            if self._engines[number].intersects(location.constGet())
        }
        if hits or not self._point_ids:
            return CommunityLocation(tuple(sorted(hits)))
        return self.nearest_points(point)

    def nearest_points(self, point: QgsPointXY) -> CommunityLocation:
        """The point communities within the radius of `point` that are as near as the nearest
        (within POINT_TIE_MARGIN_M), by distance then id; polygons are not looked at."""
        radius = self.point_radius
        box = QgsRectangle(point.x() - radius, point.y() - radius, point.x() + radius, point.y() + radius)
        near = []
        for number in self._point_index.intersects(box):
            distance = self._points[number].distance(point)
            if distance <= radius:
                near.append((distance, self._point_ids[number]))
        if not near:
            return CommunityLocation(())
        near.sort()
        tied = [(d, c) for d, c in near if d - near[0][0] < POINT_TIE_MARGIN_M]
        return CommunityLocation(tuple(c for _d, c in tied), tuple(round(d, 3) for d, _c in tied))


def community_point(feature: QgsFeature) -> QgsPointXY | None:
    """A community feature's stored location (EPSG:32647), or None when it has none."""
    fields = feature.fields()
    if any(fields.indexOf(name) < 0 for name in LOCATION_FIELDS):
        return None
    x, y = (feature[name] for name in LOCATION_FIELDS)
    if not is_filled(x) or not is_filled(y):
        return None
    try:
        return QgsPointXY(float(x), float(y))
    except (TypeError, ValueError):
        return None


def location_transform(crs: QgsCoordinateReferenceSystem) -> QgsCoordinateTransform | None:
    """From the stored locations' CRS (EPSG:32647) to `crs`; None when they are the same (or `crs` invalid)."""
    utm = QgsCoordinateReferenceSystem(CRS_AUTHID)
    if not crs.isValid() or crs == utm:
        return None
    return QgsCoordinateTransform(utm, crs, QgsCoordinateTransformContext())


def communities_from_layer(
    layer: QgsVectorLayer,
    destination: QgsCoordinateReferenceSystem | None = None,
    rectangle: QgsRectangle | None = None,
) -> list[tuple[object, QgsGeometry]]:
    """(community_id, geometry) pairs of a communities layer, for CommunityLocator, in `destination`
    (EPSG:32647 by default): the polygon, or for a community without one its location as a point
    (or an empty geometry when it has neither).
    `rectangle` (in `destination`) reads only the communities near it; point communities are
    all read (their NULL geometry has no box to filter on)."""
    target = destination or QgsCoordinateReferenceSystem(CRS_AUTHID)
    to_target = None
    if layer.crs().isValid() and layer.crs() != target:
        to_target = QgsCoordinateTransform(layer.crs(), target, QgsCoordinateTransformContext())
    location_to_target = location_transform(target)
    names = ["community_id", *[n for n in LOCATION_FIELDS if layer.fields().indexOf(n) >= 0]]
    request = QgsFeatureRequest().setSubsetOfAttributes(names, layer.fields())
    items = []
    for feature in layer.getFeatures(request):
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            point = community_point(feature)
            if point is None:  # known by its id only: it exists, but holds no point
                items.append((feature["community_id"], QgsGeometry()))
                continue
            if location_to_target is not None:
                point = location_to_target.transform(point)
            items.append((feature["community_id"], QgsGeometry.fromPointXY(point)))
            continue
        if to_target is not None:
            geometry.transform(to_target)
        if rectangle is not None and not geometry.boundingBox().intersects(rectangle):
            continue
        items.append((feature["community_id"], geometry))
    return items


def locate_in_layer(
    layer: QgsVectorLayer, point: QgsPointXY, point_radius: float = POINT_COMMUNITY_RADIUS_M
) -> CommunityLocation:
    """The communities of `layer` holding `point` (given in the layer's CRS, which must be in metres):
    polygons near the point and every point community. For the Add household tool and the form."""
    box = QgsRectangle(point.x(), point.y(), point.x(), point.y())
    pairs = communities_from_layer(layer, layer.crs(), box)
    return CommunityLocator(pairs, point_radius).locate(point)


# --- the same rule as QGIS expressions (the household form) -------------------------------------


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _point_community_filter(radius: float, extra: str = "") -> str:
    """Filter of an aggregate over the communities layer: point communities within `radius` of the
    feature being edited (geometry(@parent)). The location fields are in EPSG:32647, as the layer."""
    conditions = [
        "$geometry IS NULL",
        '"location_x" IS NOT NULL',
        '"location_y" IS NOT NULL',
        f"{_distance_to_parent()} <= {float(radius)!r}",
    ]
    if extra:
        conditions.append(extra)
    return " AND ".join(conditions)


def _distance_to_parent() -> str:
    return 'distance(make_point("location_x", "location_y"), geometry(@parent))'


def community_default_expression(layer: str = COMMUNITIES, radius: float = POINT_COMMUNITY_RADIUS_M) -> str:
    """QGIS expression: the community of the point being edited — the polygon holding it (the first
    of overlay_intersects' answers in a tie), else the nearest point community within `radius`
    (the nearest of a tie). NULL when none. The quality checks report the ties."""
    nearest = (
        f"array_first(aggregate({_quoted(layer)}, 'array_agg', \"community_id\", "
        f"filter:={_point_community_filter(radius)}, order_by:={_distance_to_parent()}))"
    )
    return f'coalesce(array_first(overlay_intersects({_quoted(layer)}, "community_id")), {nearest})'


def community_constraint_expression(layer: str = COMMUNITIES, radius: float = POINT_COMMUNITY_RADIUS_M) -> str:
    """QGIS expression: true when the edited household's community_id is set and names a community
    whose polygon holds the point, or a point community within `radius` of it."""
    same_id = "\"community_id\" = attribute(@parent, 'community_id')"
    point_filter = _point_community_filter(radius, same_id)
    named_point = f"aggregate({_quoted(layer)}, 'count', \"community_id\", filter:={point_filter}) > 0"
    return (
        f'"community_id" IS NOT NULL AND (array_contains(overlay_intersects({_quoted(layer)}, "community_id"), '
        f'"community_id") OR {named_point})'
    )
