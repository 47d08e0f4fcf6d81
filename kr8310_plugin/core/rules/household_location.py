"""Where a household's point may lie: in reach of its community and inside its district.

The rule the PostGIS server enforces on every saved household (storage/postgis/ddl.py), with
its PostgreSQL dialect generated here; tests/postgis/test_security_model.py proves both equal.
A household with a point and a community_id:

- its community has a polygon: the point lies in it, or within COMMUNITY_EDGE_TOLERANCE_M of
  it (a phone's GPS error; the survey import allows the same);
- its community is known only by its point (NULL polygon, location_x/location_y): the point
  lies within the point radius of it (community_locator.POINT_COMMUNITY_RADIUS_M unless the
  database stores another);
- its community has neither: nothing to measure against;

and in every case within DISTRICT_EDGE_TOLERANCE_M of its community's district (of any
district when the community has no district_code, or the household no community: it lies in
Bangkok). A household without a point is not checked (it counts as incomplete).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qgis.core import QgsGeometry, QgsPointXY

from .community_locator import POINT_COMMUNITY_RADIUS_M

# A phone's GPS error at the edge of a community's polygon.
COMMUNITY_EDGE_TOLERANCE_M = 30.0
# The district boundaries (resources/data) are generalised: a community drawn on a better map
# may cross them by a little.
DISTRICT_EDGE_TOLERANCE_M = 100.0

OUTSIDE_COMMUNITY = "outside_community"
OUTSIDE_DISTRICT = "outside_district"


@dataclass(frozen=True)
class LocationProblem:
    """Why a point may not be saved: `reason` (OUTSIDE_COMMUNITY or OUTSIDE_DISTRICT), how far it lies
    from the area in metres, and how far it may."""

    reason: str
    distance: float
    limit: float


def location_problem(
    point: QgsPointXY,
    community_polygon: QgsGeometry | None,
    community_point: QgsPointXY | None,
    district_polygons: Sequence[QgsGeometry],
    point_radius: float = POINT_COMMUNITY_RADIUS_M,
) -> LocationProblem | None:
    """The problem with saving a household at `point` (EPSG:32647), None when there is none.

    `community_polygon`/`community_point`: the community's polygon (None or empty: it has none) and
    its stored location; `district_polygons`: its district's polygon, or every district's when it
    names none (the household lies in Bangkok).
    """
    where = QgsGeometry.fromPointXY(point)
    if community_polygon is not None and not community_polygon.isNull() and not community_polygon.isEmpty():
        distance, limit = community_polygon.distance(where), COMMUNITY_EDGE_TOLERANCE_M
    elif community_point is not None:
        distance, limit = QgsPointXY(community_point).distance(point), float(point_radius)
    else:
        distance, limit = 0.0, 0.0
    if distance > limit:
        return LocationProblem(OUTSIDE_COMMUNITY, distance, limit)
    distances = [d.distance(where) for d in district_polygons if d is not None and not d.isNull()]
    if distances and min(distances) > DISTRICT_EDGE_TOLERANCE_M:
        return LocationProblem(OUTSIDE_DISTRICT, min(distances), DISTRICT_EDGE_TOLERANCE_M)
    return None


def community_distance_sql(point: str, polygon: str, location_x: str, location_y: str, srid: int, st: str) -> str:
    """PostgreSQL: metres from `point` to the community (its polygon, else its location); NULL when it
    has neither. `st` qualifies the PostGIS functions (``"public."``)."""
    return (
        f"CASE WHEN {polygon} IS NOT NULL AND NOT {st}ST_IsEmpty({polygon}) THEN {st}ST_Distance({polygon}, {point}) "
        f"WHEN {location_x} IS NOT NULL AND {location_y} IS NOT NULL "
        f"THEN {st}ST_Distance({st}ST_SetSRID({st}ST_MakePoint({location_x}, {location_y}), {srid}), {point}) END"
    )


def community_limit_sql(polygon: str, point_radius: str, st: str) -> str:
    """PostgreSQL: how far from the community the point may lie (`point_radius`: an SQL number)."""
    return (
        f"CASE WHEN {polygon} IS NOT NULL AND NOT {st}ST_IsEmpty({polygon}) "
        f"THEN {COMMUNITY_EDGE_TOLERANCE_M!r} ELSE {point_radius} END"
    )


def within_district_sql(point: str, district_polygon: str, st: str) -> str:
    """PostgreSQL: `point` lies within DISTRICT_EDGE_TOLERANCE_M of `district_polygon`."""
    return f"{st}ST_DWithin({district_polygon}, {point}, {DISTRICT_EDGE_TOLERANCE_M!r})"
