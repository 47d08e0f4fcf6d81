"""Quality checks of the households against the community layout's buildings.

- household_outside_building: a household point in no building, in a community that has buildings
  mapped (where none are mapped yet, every household would be flagged: no check there).
- house_without_household: a building of kind "house" with no household point in it.

In: records as checks.py takes them, and BuildingRecords, in one projected CRS. Out: checks.py
Issues (warnings: a mapper may not have reached the building yet), naming ids, never house numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qgis.core import QgsGeometry, QgsSpatialIndex

from ..rules.completeness import is_filled
from ..toolbelt.i18n import tr
from .checks import WARNING, CommunityRecord, HouseholdRecord, Issue
from .checks import _point as issue_point  # where checks.py shows an issue of a feature

LAYOUT_CODES = ("household_outside_building", "house_without_household")
HOUSE_KIND = "house"


@dataclass(frozen=True)
class BuildingRecord:
    building_id: str
    building_kind: str | None
    community_id: str | None
    geometry: QgsGeometry


class _BuildingIndex:
    """Buildings with a polygon, indexed and prepared for point look-ups."""

    def __init__(self, buildings: Sequence[BuildingRecord]):
        self.buildings: list[BuildingRecord] = []
        self._engines = []
        self._index = QgsSpatialIndex()
        for building in buildings:
            geometry = building.geometry
            if geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            engine = QgsGeometry.createGeometryEngine(geometry.constGet())
            engine.prepareGeometry()
            self._index.addFeature(len(self.buildings), geometry.boundingBox())
            self.buildings.append(building)
            self._engines.append(engine)

    def holding(self, point: QgsGeometry) -> list[int]:
        """Numbers of the buildings the point lies in or on the edge of."""
        return [
            number
            for number in self._index.intersects(point.boundingBox())
            if self._engines[number].intersects(point.constGet())
        ]


def check_buildings(
    communities: Sequence[CommunityRecord], households: Sequence[HouseholdRecord], buildings: Sequence[BuildingRecord]
) -> list[Issue]:
    """The two layout checks (module docstring); no issue at all when there are no buildings."""
    districts = {c.community_id: c.district_code for c in communities}
    index = _BuildingIndex(buildings)
    mapped = {b.community_id for b in index.buildings if is_filled(b.community_id)}
    occupied: set[int] = set()
    issues: list[Issue] = []
    for household in households:
        point = issue_point(household.geometry)
        if point is None:
            continue  # checks.py reports it already
        inside = index.holding(point)
        occupied.update(inside)
        cid = household.community_id
        if not inside and cid in mapped:
            issues.append(
                Issue(
                    WARNING,
                    "household_outside_building",
                    tr(
                        "Household {household} lies in no building, though community {community} has buildings mapped."
                    ).format(household=household.household_id, community=cid),
                    "households",
                    household.household_id,
                    cid,
                    districts.get(cid),
                    point,
                )
            )
    for number, building in enumerate(index.buildings):
        if building.building_kind != HOUSE_KIND or number in occupied:
            continue
        issues.append(
            Issue(
                WARNING,
                "house_without_household",
                tr("Building {building} is a house but no household lies in it.").format(building=building.building_id),
                "buildings",
                building.building_id,
                building.community_id,
                districts.get(building.community_id),
                issue_point(building.geometry),
            )
        )
    return issues
