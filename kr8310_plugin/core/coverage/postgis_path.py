"""Coverage of three PostGIS layers of one community database, computed by the server.

The same rule as the engine (tests compare them); one round trip instead of streaming every
household and member to QGIS. storage/postgis/coverage_sql.py runs the query and returns
plain rows; this module decides when that path applies and builds the engine's results.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...definitions.schema import (
    COMMUNITIES,
    HOUSEHOLDS,
    MEMBERS,
    REQUIRED_HOUSEHOLD_FIELDS,
    REQUIRED_MEMBER_FIELDS,
)
from ..storage.layer_source import stored_postgis_table
from ..storage.postgis.coverage_sql import coverage_rows
from .results import CommunityCoverage, CoverageResult, UnassignedHousehold


def coverage_for_layers(
    communities: object,
    households: object,
    members: object,
    household_fields: Sequence[str] = REQUIRED_HOUSEHOLD_FIELDS,
    member_fields: Sequence[str] = REQUIRED_MEMBER_FIELDS,
    community_ids: Sequence[str] | None = None,
) -> CoverageResult | None:
    """The CoverageResult computed by the server for the communities, households and members layers
    of one PostGIS community database; None when the layers are not that (the engine then reads
    features). Raises PostgisError with the server's message.
    """
    located = [stored_postgis_table(layer) for layer in (communities, households, members)]
    if any(item is None for item in located) or len({item[:2] for item in located}) != 1:
        return None
    if [item[2] for item in located] != [COMMUNITIES, HOUSEHOLDS, MEMBERS]:
        return None
    connection_info, schema = located[0][:2]
    rows = coverage_rows(connection_info, schema, household_fields, member_fields, community_ids)
    result = CoverageResult()
    for kind, key, district, registered, entered, complete, community_id in rows:
        if kind == "c":
            result.communities[key] = CommunityCoverage(key, district, registered, entered, complete)
        elif kind == "u":
            reason = "missing_community_id" if community_id is None else "unknown_community_id"
            result.unassigned.append(UnassignedHousehold(key, community_id, reason))
        else:
            result.households_total, result.households_complete_total = entered, complete
    return result
