"""The coverage a map or report prints: recomputed and stored first, so no stale number leaves the office.

On a GeoPackage the engine recomputes the coverage and writes it (engine.refresh_database). On
PostGIS the server does both (storage/postgis/server_reads.py), by the rule stored in the
database: every KR 8310 role can export, planners too, who may not read a household.
"""

from __future__ import annotations

from ..storage.datasource import is_postgres
from ..storage.postgis.server_reads import refreshed_coverage_rows
from ..storage.postgis.target import PostgisError, mask_passwords
from ..toolbelt.i18n import tr
from .engine import CoverageError, Progress, refresh_database
from .results import CommunityCoverage, CoverageResult


def refresh_for_export(database: str, progress: Progress | None = None) -> CoverageResult:
    """Recompute and store the coverage of every community of `database` and return it.

    On PostGIS the result holds the communities only (the households in no community are the
    quality checks' business, not a planner's). Raises CoverageError or DataSourceError.
    """
    if not is_postgres(database):
        return refresh_database(database, progress=progress)
    try:
        rows = refreshed_coverage_rows(database)
    except PostgisError as error:
        raise CoverageError(
            tr("The server could not refresh the coverage: {error}").format(error=mask_passwords(str(error)))
        ) from error
    result = CoverageResult()
    for community_id, district_code, registered, entered, complete in rows:
        result.communities[community_id] = CommunityCoverage(community_id, district_code, registered, entered, complete)
    result.households_total = sum(c.households_entered for c in result.communities.values())
    result.households_complete_total = sum(c.households_complete for c in result.communities.values())
    if progress:
        progress(100.0)
    return result
