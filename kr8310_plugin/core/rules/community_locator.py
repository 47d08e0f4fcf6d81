"""Which community holds a point: the one rule for digitising, importing and the quality checks.

A community holds a point when the point lies inside its polygon or on its edge (GEOS
intersects), the rule the household form's default and constraint use too
(core/project/forms.py: overlay_intersects on the communities layer). A point may lie in
no community, or in several (overlapping polygons, or a point on a shared edge); the
locator never picks one of several: it returns every candidate, and each caller reports
the tie (the form takes the first of overlay_intersects' answers, its constraint accepts
any of them; the quality check "overlapping_communities" reports the overlap itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle, QgsSpatialIndex

from .completeness import is_filled

NONE, ONE, SEVERAL = "none", "one", "several"


@dataclass(frozen=True)
class CommunityLocation:
    """Where a point fell: `candidates` are the ids of every community holding it, sorted."""

    candidates: tuple[str, ...]

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


class CommunityLocator:
    """Community polygons (all in one CRS) indexed for point look-ups.

    In: (community_id, geometry) pairs; pairs without an id (NULL or blank), and null or empty geometries,
    are left out. Geometries are prepared once, so a city's households are located fast.
    """

    def __init__(self, communities: Iterable[tuple[object, QgsGeometry | None]]):
        self._ids: list[str] = []
        self._geometries: list[QgsGeometry] = []
        self._engines: list = []
        self._index = QgsSpatialIndex()
        for community_id, geometry in communities:
            if not is_filled(community_id) or geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            geometry = QgsGeometry(geometry)  # the engine points into it: keep our own copy alive
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self._index.addFeature(len(self._ids), geometry.boundingBox())
            self._ids.append(str(community_id))
            self._geometries.append(geometry)
            self._engines.append(engine)

    def locate(self, point: QgsPointXY) -> CommunityLocation:
        """The communities whose polygon holds `point` (inside or on the edge), as a CommunityLocation."""
        location = QgsGeometry.fromPointXY(QgsPointXY(point))
        box = QgsRectangle(point.x(), point.y(), point.x(), point.y())
        hits = {
            self._ids[number]
            for number in self._index.intersects(box)
            if self._engines[number].intersects(location.constGet())
        }
        return CommunityLocation(tuple(sorted(hits)))
