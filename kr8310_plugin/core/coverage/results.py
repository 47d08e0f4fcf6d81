"""What a coverage computation returns: per community, the unassigned households, the totals.

Plain values, the same whichever path computed them (features, GeoPackage SQL or the PostGIS
server), so the engine and core/coverage/postgis_path.py build the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.size_class import size_class

FLAG_OK = "ok"
FLAG_OVER_REGISTER = "over_register"
FLAG_ZERO_REGISTERED = "zero_registered"
FLAG_NO_DATA = "no_data"


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
        if not self.registered_households or self.registered_households <= 0:
            return None
        return 100.0 * self.households_complete / self.registered_households

    @property
    def coverage_flag(self) -> str:
        if not self.registered_households or self.registered_households <= 0:
            return FLAG_ZERO_REGISTERED
        if self.households_complete > self.registered_households:
            return FLAG_OVER_REGISTER
        if self.households_entered == 0:
            return FLAG_NO_DATA
        return FLAG_OK

    @property
    def capped_complete(self) -> int:
        """Complete households counted for KR 8310: never more than the register."""
        return min(self.households_complete, max(self.registered_households or 0, 0))

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
