"""Drawing a community's boundary: the polygon a user digitised, made to fit among its neighbours.

In: the drawn ring (vertices in the layer's CRS), the community's own point (its register
location, or None), and the neighbouring polygons (other communities). Out: a BoundaryResult
with the multipolygon to store — made valid and cut by every neighbour it overlaps
(difference), so communities never overlap — the neighbours it was cut by, and whether it holds
the community's point. Nothing here draws or writes: gui/draw_boundary_tool.py does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..rules.community_locator import community_point, is_point_geometry, location_transform

MIN_PART_AREA_M2 = 1.0  # slivers left by a cut along a shared edge drawn twice


@dataclass
class BoundaryResult:
    geometry: QgsGeometry  # MultiPolygon; empty when nothing is left (see `problem`)
    clipped_by: list[str] = field(default_factory=list)  # neighbours the drawing overlapped
    contains_point: bool | None = None  # None: the community has no point to check
    problem: str = ""  # "too_few_vertices" | "invalid" | "inside_neighbours" ('' when usable)

    @property
    def ok(self) -> bool:
        return not self.problem


def _polygon_parts(geometry: QgsGeometry) -> QgsGeometry:
    """Only the polygon parts (a cut can leave lines and points), as one MultiPolygon, slivers dropped."""
    parts = []
    for part in geometry.asGeometryCollection() if geometry.isMultipart() else [geometry]:
        if QgsWkbTypes.geometryType(part.wkbType()) == QgsWkbTypes.PolygonGeometry and (
            part.area() >= MIN_PART_AREA_M2
        ):
            parts.append(part)
    if not parts:
        return QgsGeometry()
    combined = QgsGeometry.unaryUnion(parts) if len(parts) > 1 else parts[0]
    combined.convertToMultiType()
    return combined


def clip_boundary(
    vertices: Sequence[QgsPointXY],
    point: QgsPointXY | None,
    neighbours: Iterable[tuple[str, QgsGeometry]],
) -> BoundaryResult:
    """The drawn ring as a valid MultiPolygon minus every neighbour polygon it overlaps."""
    if len(vertices) < 3:
        return BoundaryResult(QgsGeometry(), problem="too_few_vertices")
    drawn = QgsGeometry.fromPolygonXY([[QgsPointXY(v) for v in vertices] + [QgsPointXY(vertices[0])]])
    if not drawn.isGeosValid():
        drawn = drawn.makeValid()
    drawn = _polygon_parts(drawn)
    if drawn.isEmpty():
        return BoundaryResult(QgsGeometry(), problem="invalid")
    clipped_by = []
    for community_id, geometry in neighbours:
        if geometry is None or geometry.isEmpty() or is_point_geometry(geometry):
            continue
        if not geometry.boundingBox().intersects(drawn.boundingBox()) or not geometry.intersects(drawn):
            continue
        overlap = geometry.intersection(drawn)
        if overlap.isEmpty() or overlap.area() < MIN_PART_AREA_M2:
            continue  # touching along an edge (snapped): nothing to cut
        drawn = _polygon_parts(drawn.difference(geometry))
        clipped_by.append(str(community_id))
        if drawn.isEmpty():
            return BoundaryResult(QgsGeometry(), sorted(clipped_by), problem="inside_neighbours")
    contains = None if point is None else drawn.intersects(QgsGeometry.fromPointXY(point))
    return BoundaryResult(drawn, sorted(clipped_by), contains)


def neighbour_polygons(
    communities: QgsVectorLayer, area: QgsRectangle, community_id: str
) -> list[tuple[str, QgsGeometry]]:
    """The polygons of the other communities whose box meets `area` (layer CRS), from the layer as
    it is now (its edit buffer included)."""
    request = QgsFeatureRequest().setFilterRect(area)
    request.setSubsetOfAttributes(["community_id"], communities.fields())
    return [
        (str(feature["community_id"]), QgsGeometry(feature.geometry()))
        for feature in communities.getFeatures(request)
        if feature["community_id"] != community_id and feature.hasGeometry()
    ]


@dataclass(frozen=True)
class PointCommunity:
    feature_id: int
    community_id: str
    point: QgsPointXY  # in the layer's CRS


def point_community_of(communities: QgsVectorLayer, feature: QgsFeature) -> PointCommunity | None:
    """`feature` of the communities layer as a PointCommunity when it has no boundary but a location."""
    point = community_point(feature)
    if feature.hasGeometry() or point is None:
        return None
    transform = location_transform(communities.crs())
    if transform is not None:
        point = transform.transform(point)
    return PointCommunity(feature.id(), str(feature["community_id"]), point)


def point_communities(communities: QgsVectorLayer) -> list[PointCommunity]:
    """Every community of the layer without a boundary but with a location (edit buffer included)."""
    found = (point_community_of(communities, feature) for feature in communities.getFeatures())
    return [community for community in found if community is not None]


def nearest_point_community(communities: QgsVectorLayer, point: QgsPointXY, tolerance: float) -> PointCommunity | None:
    """The community without a boundary whose location lies nearest `point` (layer CRS), within
    `tolerance` (layer units); None when none does."""
    best = None
    for candidate in point_communities(communities):
        distance = candidate.point.distance(point)
        if distance <= tolerance and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None
