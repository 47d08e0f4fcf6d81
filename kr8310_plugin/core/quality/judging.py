"""The judging half of the quality checks' fast paths (database_checks for a GeoPackage,
postgis_checks for PostGIS): what the database found, turned into checks.validate's issues.

A database side says which households can have an issue — the ones not plainly inside their own
community (bulk_location, from its points per community), and the facts SQL finds alone
(`TableFacts`). Only those households, their members and the members without a household are
read through QGIS, as the reference reads them, and judged by the reference's own functions
(checks.household_issues, duplicate_issues, orphan_member_issues, register_issues), with the
CommunityLocator for the ones not plainly inside. So both databases give the reference's issues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from qgis.core import QgsFeatureSource

from ...compat import field_type
from ..rules.community_locator import CommunityLocation, CommunityLocator
from .bulk_location import CommunityPolygons
from .checks import (
    MEMBER_CHECKED_FIELDS,
    CommunityRecord,
    DistrictTarget,
    Issue,
    MemberRecord,
    check_communities,
    duplicate_issues,
    household_issues,
    household_point,
    locator_shapes,
    orphan_member_issues,
    register_issues,
    sort_issues,
)
from .reading import household_records, member_records

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class TableFacts:
    """What SQL alone finds about the checked households."""

    miscounted: set[int]  # households whose member rows are not their member count, or none
    orphan_keys: set[object]  # household_ids members name that no household has
    odd_values: set[int]  # households with a value of theirs or of a member not plainly allowed
    shared: list[list[int]]  # households sharing a house number within a community
    entered: dict[object, int]  # households per community_id value


class DatabaseSide(Protocol):
    """What a database answers for the judging (see database_checks._Database, postgis_checks._Server)."""

    community_ids: list[str] | None  # the communities checked; None: all

    def without_plain_point(self) -> set[int]:
        """Fids of the checked households the locator must decide (no plain point, no community_id)."""

    def point_groups(self) -> Iterable[tuple[str, str, int, bytes]]:
        """(community_id, "fid,fid,…", how many, their WKB points in that order) per community."""

    def member_fids(self, household_ids: Iterable[object]) -> list[int]:
        """Fids of the members naming one of `household_ids`."""


# boolean_fields -> the facts, or None when the fast path cannot answer (then the reference must).
FactsFinder = Callable[[set[str]], "TableFacts | None"]


def boolean_fields(members: QgsFeatureSource) -> set[str]:
    """Member fields QGIS reads as booleans: true/false or NULL, which never break the rule."""
    fields = members.fields()
    return {
        name
        for name in MEMBER_CHECKED_FIELDS
        if fields.indexOf(name) >= 0 and fields.field(name).type() == field_type("bool")
    }


def _has_polygon(community: CommunityRecord) -> bool:
    geometry = community.geometry
    return geometry is not None and not geometry.isNull() and not geometry.isEmpty()


def _community_issues(communities: Sequence[CommunityRecord], subset: set[str] | None) -> tuple[list[Issue], set[str]]:
    """(check_communities' issues of the communities of `subset`, or of all; the ids of the communities
    whose polygon is invalid). For a subset, the overlaps are looked for among its communities and
    those whose box meets theirs only (in the order given, so each pair is intersected as in a full check)."""
    if subset is None:
        issues = check_communities(communities)
        return issues, {i.feature_id for i in issues if i.code == "invalid_polygon"}
    boxes = [c.geometry.boundingBox() for c in communities if c.community_id in subset and _has_polygon(c)]
    near = [
        c
        for c in communities
        if c.community_id in subset
        or (_has_polygon(c) and any(box.intersects(c.geometry.boundingBox()) for box in boxes))
    ]
    issues = [i for i in check_communities(near) if i.community_id in subset]
    invalid = {i.feature_id for c in communities for i in check_communities([c]) if i.code == "invalid_polygon"}
    return issues, invalid


def judged_issues(
    database: DatabaseSide,
    find_facts: FactsFinder,
    communities: Sequence[CommunityRecord],
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    targets: Sequence[DistrictTarget] | None,
    is_cancelled: IsCancelled | None,
    progress: Progress | None,
) -> list[Issue] | None:
    """checks.validate's issues of the database's checked households (all, or those recorded in
    `database.community_ids`, with those communities' own issues), sorted as it sorts them.
    `find_facts` runs in a thread beside the location checks (on a connection of its own). None
    when the facts cannot be had (then the reference path must answer)."""
    subset = None if database.community_ids is None else set(database.community_ids)

    def report(value: float) -> bool:
        if progress:
            progress(value)
        return bool(is_cancelled and is_cancelled())

    with ThreadPoolExecutor(max_workers=1) as pool:
        sql_side = pool.submit(find_facts, boolean_fields(members))
        issues, invalid = _community_issues(communities, subset)
        if report(40):
            return sort_issues(issues)
        polygons = CommunityPolygons(communities, invalid)
        not_inside = database.without_plain_point()
        for number, (community_id, fids, count, points) in enumerate(database.point_groups()):
            not_inside |= polygons.not_plainly_inside(community_id, fids, count, points)
            if number % 200 == 0 and is_cancelled and is_cancelled():
                return sort_issues(issues)
        facts = sql_side.result()
    if facts is None:
        return None
    if report(70):
        return sort_issues(issues)
    suspects = not_inside | facts.miscounted | facts.odd_values
    known = {c.community_id: c for c in communities}
    records = dict(household_records(households, fids=suspects | {fid for group in facts.shared for fid in group}))
    rows_of: dict[object, list[MemberRecord]] = {}
    household_ids = {records[fid].household_id for fid in suspects if fid in records}
    for member in member_records(members, fids=database.member_fids(household_ids)):
        rows_of.setdefault(member.household_id, []).append(member)
    locator = None
    for fid in sorted(suspects):
        household = records.get(fid)
        if household is None:
            continue
        point = household_point(household)
        if point is None:
            location = None
        elif fid not in not_inside:
            location = CommunityLocation((household.community_id,))
        else:
            locator = locator or CommunityLocator(locator_shapes(communities))
            location = locator.locate(point.asPoint())
        issues += household_issues(household, rows_of.get(household.household_id, []), known, location, point)
    issues += duplicate_issues([[records[fid] for fid in group if fid in records] for group in facts.shared], known)
    if facts.orphan_keys:
        orphans: dict[object, list[MemberRecord]] = {}
        for member in member_records(members, fids=database.member_fids(facts.orphan_keys)):
            orphans.setdefault(member.household_id, []).append(member)
        issues += orphan_member_issues(orphans)
    own = [c for c in communities if subset is None or c.community_id in subset]
    issues += register_issues(own, facts.entered, targets if subset is None else None)
    report(90)
    return sort_issues(issues)
