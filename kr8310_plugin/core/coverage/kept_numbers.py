"""The engine's result from the numbers a community database keeps (core/coverage/maintained.py):
its community rows and its counts per community key, the same for GeoPackage and PostGIS."""

from __future__ import annotations

from collections.abc import Sequence

from .results import CommunityCoverage, CoverageResult


def kept_result(
    communities: list[tuple], counts: list[tuple[str, int, int]], community_ids: Sequence[str] | None, all_keys: set
) -> tuple[CoverageResult, list[str]] | None:
    """The result from community rows and counts, and the community keys whose households are
    unassigned (to be listed by the caller); None when a community row lacks its numbers."""
    result = CoverageResult()
    for key, district, registered, entered, complete in communities:
        if entered is None or complete is None:
            return None
        result.communities[key] = CommunityCoverage(key, district, registered, int(entered), int(complete))
    scope = None if community_ids is None else set(community_ids)
    unassigned_keys = []
    for key, households, complete in counts:
        if scope is not None and key not in scope:
            continue
        result.households_total += int(households)
        result.households_complete_total += int(complete)
        if key not in all_keys and households:
            unassigned_keys.append(key)
    return result, unassigned_keys
