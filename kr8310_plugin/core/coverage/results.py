"""What a coverage computation returns: per community, the unassigned households, the totals.

Plain values, the same whichever path computed them (features, GeoPackage SQL or the PostGIS
server), so the engine and core/coverage/postgis_path.py build the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import coverage_flag as rule
from ..rules.size_class import size_class


@dataclass
class CommunityCoverage:
    community_id: str
    district_code: int | None
    registered_households: int | None
    households_entered: int = 0
    households_complete: int = 0

    @property
    def size_class(self) -> str | None:
        return size_class(self.registered_households)

    @property
    def coverage_pct(self) -> float | None:
        return rule.coverage_pct(self.registered_households, self.households_complete)

    @property
    def coverage_flag(self) -> str:
        return rule.coverage_flag(self.registered_households, self.households_entered, self.households_complete)

    @property
    def capped_complete(self) -> int:
        """Complete households counted for KR 8310: never more than the register."""
        return rule.capped_complete(self.registered_households, self.households_complete)

    def values(self) -> dict[str, object]:
        return {
            "households_entered": self.households_entered,
            "households_complete": self.households_complete,
            "coverage_pct": self.coverage_pct,
            "coverage_flag": self.coverage_flag,
        }


@dataclass(frozen=True)
class UnassignedHousehold:
    household_id: str
    community_id: str | None  # what the row says (None when empty)
    reason: str  # "missing_community_id" | "unknown_community_id"


@dataclass
class CoverageResult:
    communities: dict[str, CommunityCoverage] = field(default_factory=dict)
    unassigned: list[UnassignedHousehold] = field(default_factory=list)
    households_total: int = 0
    households_complete_total: int = 0
