"""Quality checks on a community database: the records that would make the KR figure wrong.

In: plain records (communities, households, members, optional district targets) with
geometries in one projected CRS (EPSG:32647). Out: a list of Issues (severity, code,
message, the feature it is about, a point to show it at). Messages name ids and fields,
never personal values (ages, disabilities, house numbers): the issue list is handed
around between mappers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from qgis.core import Qgis, QgsGeometry, QgsPointXY, QgsSpatialIndex

from ...definitions.schema import HOUSEHOLDS_SPEC, MEMBERS_SPEC
from ..importing.normalise import normalise_house_no
from ..rules.community_locator import POINT_COMMUNITY_RADIUS_M, CommunityLocation, CommunityLocator
from ..rules.completeness import is_filled
from ..rules.size_class import size_class
from ..toolbelt.i18n import tr
from .value_rules import breaks_spec, whole_number

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)  # INFO: to know, nothing wrong (a community not drawn yet)
OVERLAP_TOLERANCE_M2 = 1.0  # shared edges digitised twice leave slivers; less than 1 m² is noise

# Issue codes, one per check (the dock filters on them, the README lists them).
CODES = (
    "household_outside",
    "community_mismatch",
    "unknown_community",
    "household_no_location",
    "duplicate_house_no",
    "member_count_mismatch",
    "no_members",
    "household_value_out_of_range",
    "member_value_out_of_range",
    "member_without_household",
    "invalid_polygon",
    "overlapping_communities",
    "over_register",
    "district_target",
    "household_in_several_communities",
    "community_no_boundary",
    "household_outside_building",  # core/quality/layout_checks.py
    "house_without_household",
)


@dataclass(frozen=True)
class CommunityRecord:
    community_id: str
    district_code: int | None
    registered_households: int | None
    geometry: QgsGeometry
    location: QgsPointXY | None = None  # its register point (EPSG:32647); alone when it has no polygon


@dataclass(frozen=True)
class HouseholdRecord:
    household_id: str
    community_id: str | None
    house_no: str | None
    member_count: object
    residence_years: object = None
    building_type: object = None
    geometry: QgsGeometry | None = None


@dataclass(frozen=True)
class MemberRecord:
    member_id: str
    household_id: str | None
    age: object = None
    education: object = None
    occupation: object = None
    disability: object = None
    bedridden: object = None


@dataclass(frozen=True)
class DistrictTarget:
    district_code: int
    name: str
    target_small_communities: int
    target_small_households: int
    target_medium_communities: int
    target_medium_households: int
    geometry: QgsGeometry | None = None


@dataclass
class Issue:
    severity: str  # error | warning
    code: str  # one of CODES
    message: str
    layer: str  # communities | households | members | districts
    feature_id: str  # community_id, household_id, member_id or district code
    community_id: str | None = None
    district_code: int | None = None
    geometry: QgsGeometry | None = field(default=None, repr=False)  # a point, or None


def _point(geometry: QgsGeometry | None) -> QgsGeometry | None:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    point = geometry.pointOnSurface()
    return point if not point.isNull() else geometry.centroid()


def check_communities(communities: Sequence[CommunityRecord]) -> list[Issue]:
    """Invalid or self-intersecting polygons, and communities that overlap each other."""
    issues: list[Issue] = []
    index = QgsSpatialIndex()
    usable: dict[int, CommunityRecord] = {}
    for number, community in enumerate(communities):
        geometry = community.geometry
        if (geometry is None or geometry.isNull() or geometry.isEmpty()) and community.location is not None:
            issues.append(_no_boundary(community))
            continue
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            issues.append(
                Issue(
                    ERROR,
                    "invalid_polygon",
                    tr("Community {community} has no polygon.").format(community=community.community_id),
                    "communities",
                    community.community_id,
                    community.community_id,
                    community.district_code,
                )
            )
            continue
        errors = geometry.validateGeometry(Qgis.GeometryValidationEngine.Geos)
        if errors:
            where = errors[0].where() if errors[0].hasWhere() else None
            issues.append(
                Issue(
                    ERROR,
                    "invalid_polygon",
                    tr("Community {community}: invalid polygon ({problem}).").format(
                        community=community.community_id, problem=errors[0].what()
                    ),
                    "communities",
                    community.community_id,
                    community.community_id,
                    community.district_code,
                    QgsGeometry.fromPointXY(QgsPointXY(where)) if where is not None else _point(geometry),
                )
            )
            geometry = geometry.makeValid()  # still checked for overlaps, as repaired
        usable[number] = CommunityRecord(
            community.community_id, community.district_code, community.registered_households, geometry
        )
        index.addFeature(number, geometry.boundingBox())
    for number, community in usable.items():
        engine = QgsGeometry.createGeometryEngine(community.geometry.constGet())
        engine.prepareGeometry()
        for other_number in index.intersects(community.geometry.boundingBox()):
            if other_number <= number:
                continue
            other = usable[other_number]
            if not engine.intersects(other.geometry.constGet()):
                continue
            overlap = community.geometry.intersection(other.geometry)
            if overlap.isNull() or overlap.area() < OVERLAP_TOLERANCE_M2:
                continue
            first, second = sorted((community.community_id, other.community_id))
            issues.append(
                Issue(
                    ERROR,
                    "overlapping_communities",
                    tr("Communities {first} and {second} overlap by {area:.0f} m².").format(
                        first=first, second=second, area=overlap.area()
                    ),
                    "communities",
                    first,
                    first,
                    community.district_code,
                    _point(overlap),
                )
            )
    return issues


def locator_shapes(communities: Sequence[CommunityRecord]) -> list[tuple[str, QgsGeometry | None]]:
    """What the locator needs: a community's polygon, or its point when it has no polygon."""
    shapes = []
    for community in communities:
        geometry = community.geometry
        if (geometry is None or geometry.isNull() or geometry.isEmpty()) and community.location is not None:
            geometry = QgsGeometry.fromPointXY(community.location)
        shapes.append((community.community_id, geometry))
    return shapes


def _no_boundary(community: CommunityRecord) -> Issue:
    """A community known only by its point: counted in coverage, drawn as a point until its boundary is."""
    return Issue(
        INFO,
        "community_no_boundary",
        tr(
            "Community {community} has no boundary yet, only its point: households within {radius} m belong "
            "to it (KR 8310 ▸ Draw community boundary)."
        ).format(community=community.community_id, radius=round(POINT_COMMUNITY_RADIUS_M)),
        "communities",
        community.community_id,
        community.community_id,
        community.district_code,
        QgsGeometry.fromPointXY(community.location),
    )


def _several_message(household_id: str, location: CommunityLocation) -> str:
    """A household in two communities (overlapping polygons, a shared edge) or as near to two point
    communities: the form and the Add household tool took one of them, or the import refused it."""
    if location.by_point:
        return tr("Household {household} is about as near to the point communities {communities}.").format(
            household=household_id,
            communities=", ".join(f"{c} ({round(d)} m)" for c, d in zip(location.candidates, location.distances)),
        )
    return tr("Household {household} lies in more than one community ({communities}).").format(
        household=household_id, communities=", ".join(location.candidates)
    )


MEMBER_CHECKED_FIELDS = ("age", "education", "occupation", "disability", "bedridden")
HOUSEHOLD_CHECKED_FIELDS = ("residence_years", "member_count", "building_type")


def _member_problems(member: MemberRecord) -> list[str]:
    """Names of the member's fields whose values are out of range or not in their code list."""
    return [name for name in MEMBER_CHECKED_FIELDS if breaks_spec(getattr(member, name), MEMBERS_SPEC.field(name))]


def _household_problems(household: HouseholdRecord) -> list[str]:
    return [
        name for name in HOUSEHOLD_CHECKED_FIELDS if breaks_spec(getattr(household, name), HOUSEHOLDS_SPEC.field(name))
    ]


def household_point(household: HouseholdRecord) -> QgsGeometry | None:
    """Where the issues of a household are shown, and the point located: None when it has none."""
    return _point(household.geometry)


def household_issues(
    household: HouseholdRecord,
    rows: Sequence[MemberRecord],
    known: Mapping[str, CommunityRecord],
    location: CommunityLocation | None,
    point: QgsGeometry | None,
) -> list[Issue]:
    """The issues of one household and its member rows: `location` is where its `point` lies (None
    when it has no point), `known` the communities by id. Duplicate house numbers and members
    without a household are the callers' (they need every household)."""
    issues: list[Issue] = []
    hid, cid = household.household_id, household.community_id
    district = known[cid].district_code if cid in known else None

    def add(severity, code, message):
        issues.append(Issue(severity, code, message, "households", hid, cid, district, point))

    if location is None:
        add(ERROR, "household_no_location", tr("Household {household} has no location.").format(household=hid))
    else:
        located = location.candidates
        if len(located) > 1:
            add(WARNING, "household_in_several_communities", _several_message(hid, location))
        if not located:
            add(
                ERROR,
                "household_outside",
                tr("Household {household} lies outside every community.").format(household=hid),
            )
        elif cid in known and cid not in located:
            add(
                WARNING,
                "community_mismatch",
                tr("Household {household} is recorded in community {recorded} but lies in {located}.").format(
                    household=hid, recorded=cid, located=", ".join(located)
                ),
            )
    if not is_filled(cid) or cid not in known:
        add(
            ERROR,
            "unknown_community",
            tr("Household {household} names no community of the database ({community}).").format(
                household=hid, community=cid if is_filled(cid) else "-"
            ),
        )
    for name in _household_problems(household):
        add(
            ERROR,
            "household_value_out_of_range",
            tr("Household {household}: {field} is outside the allowed values.").format(household=hid, field=name),
        )
    count = whole_number(household.member_count)
    if not rows:
        add(WARNING, "no_members", tr("Household {household} has no member rows.").format(household=hid))
    elif count is not None and count != len(rows):
        add(
            WARNING,
            "member_count_mismatch",
            tr("Household {household}: member count is {count} but it has {rows} member rows.").format(
                household=hid, count=count, rows=len(rows)
            ),
        )
    for member in rows:
        for name in _member_problems(member):
            issues.append(
                Issue(
                    ERROR,
                    "member_value_out_of_range",
                    tr("Member {member} of household {household}: {field} is outside the allowed values.").format(
                        member=member.member_id, household=hid, field=name
                    ),
                    "members",
                    member.member_id,
                    cid,
                    district,
                    point,
                )
            )
    return issues


def house_key(household: HouseholdRecord) -> tuple[str, str] | None:
    """(community, house number key) by which two households share a house number; None when it has
    no house number or no community_id."""
    house = normalise_house_no(str(household.house_no)) if is_filled(household.house_no) else None
    return (household.community_id, house) if house and is_filled(household.community_id) else None


def duplicate_issues(groups: Iterable[Sequence[HouseholdRecord]], known: Mapping[str, CommunityRecord]) -> list[Issue]:
    """An issue per household of each group (two or more) sharing a house number in one community."""
    issues: list[Issue] = []
    for same in groups:
        if len(same) < 2:
            continue
        cid = same[0].community_id
        ids = sorted(h.household_id for h in same)
        for household in same:
            issues.append(
                Issue(
                    ERROR,
                    "duplicate_house_no",
                    tr("Household {household} shares its house number with {others} in community {community}.").format(
                        household=household.household_id,
                        others=", ".join(i for i in ids if i != household.household_id),
                        community=cid,
                    ),
                    "households",
                    household.household_id,
                    cid,
                    known[cid].district_code if cid in known else None,
                    _point(household.geometry),
                )
            )
    return issues


def orphan_member_issues(orphans: Mapping[object, Sequence[MemberRecord]]) -> list[Issue]:
    """An issue per member whose household_id (the key) names no household."""
    return [
        Issue(
            ERROR,
            "member_without_household",
            tr("Member {member} belongs to no household ({household}).").format(
                member=member.member_id, household=household_id if is_filled(household_id) else "-"
            ),
            "members",
            member.member_id,
        )
        for household_id, rows in orphans.items()
        for member in rows
    ]


def check_households(
    communities: Sequence[CommunityRecord],
    households: Sequence[HouseholdRecord],
    members: Sequence[MemberRecord],
    is_cancelled: Callable[[], bool] | None = None,
) -> list[Issue]:
    """Location against community polygons, duplicates, member rows against member counts, value ranges."""
    issues: list[Issue] = []
    known = {c.community_id: c for c in communities}
    locator = CommunityLocator(locator_shapes(communities))
    members_by_household: dict[str, list[MemberRecord]] = defaultdict(list)
    for member in members:
        members_by_household[member.household_id].append(member)
    household_ids = set()
    houses: dict[tuple[str, str], list[HouseholdRecord]] = defaultdict(list)
    for number, household in enumerate(households):
        if is_cancelled and number % 1000 == 0 and is_cancelled():
            break
        household_ids.add(household.household_id)
        point = household_point(household)
        location = locator.locate(point.asPoint()) if point is not None else None
        rows = members_by_household.get(household.household_id, [])
        issues += household_issues(household, rows, known, location, point)
        key = house_key(household)
        if key is not None:
            houses[key].append(household)
    issues += duplicate_issues(houses.values(), known)
    orphans = {hid: rows for hid, rows in members_by_household.items() if hid not in household_ids}
    return issues + orphan_member_issues(orphans)


def check_registers(
    communities: Sequence[CommunityRecord],
    households: Iterable[HouseholdRecord],
    targets: Sequence[DistrictTarget] | None = None,
) -> list[Issue]:
    """Communities with more households entered than registered; district registers against official targets."""
    return register_issues(communities, Counter(h.community_id for h in households), targets)


def register_issues(
    communities: Sequence[CommunityRecord],
    entered: Mapping[object, int],
    targets: Sequence[DistrictTarget] | None = None,
) -> list[Issue]:
    """check_registers on the households entered per community_id value (`entered`)."""
    issues: list[Issue] = []
    for community in communities:
        registered = whole_number(community.registered_households)
        count = entered.get(community.community_id, 0)
        if registered is not None and count > registered:
            issues.append(
                Issue(
                    WARNING,
                    "over_register",
                    tr("Community {community}: {entered} households entered, {registered} registered.").format(
                        community=community.community_id, entered=count, registered=registered
                    ),
                    "communities",
                    community.community_id,
                    community.community_id,
                    community.district_code,
                    _point(community.geometry),
                )
            )
    sized = [
        (community.district_code, size_class(registered), registered)
        for community in communities
        for registered in [whole_number(community.registered_households)]
    ]
    for target in targets or []:
        counts = {"S": [0, 0], "M": [0, 0]}
        for district_code, cls, registered in sized:
            if district_code == target.district_code and cls in counts:
                counts[cls][0] += 1
                counts[cls][1] += registered
        expected = {
            "S": (target.target_small_communities, target.target_small_households),
            "M": (target.target_medium_communities, target.target_medium_households),
        }
        for cls, (communities_target, households_target) in expected.items():
            found_communities, found_households = counts[cls]
            if (found_communities, found_households) == (communities_target, households_target):
                continue
            issues.append(
                Issue(
                    WARNING,
                    "district_target",
                    tr(
                        "District {district} ({name}), size class {size}: {communities} communities with {households} "
                        "registered households; the official target is {target_communities} with "
                        "{target_households}."
                    ).format(
                        district=target.district_code,
                        name=target.name,
                        size=cls,
                        communities=found_communities,
                        households=found_households,
                        target_communities=communities_target,
                        target_households=households_target,
                    ),
                    "districts",
                    str(target.district_code),
                    None,
                    target.district_code,
                    _point(target.geometry),
                )
            )
    return issues


def validate(
    communities: Sequence[CommunityRecord],
    households: Sequence[HouseholdRecord],
    members: Sequence[MemberRecord],
    targets: Sequence[DistrictTarget] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[Issue]:
    """Every check; issues sorted errors first, then by code and feature."""
    issues = check_communities(communities)
    issues += check_households(communities, households, members, is_cancelled)
    issues += check_registers(communities, households, targets)
    return sort_issues(issues)


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """`issues` sorted in place errors first, then by code (CODES order) and feature; returns them."""
    order = {code: n for n, code in enumerate(CODES)}
    issues.sort(key=lambda i: (SEVERITIES.index(i.severity), order.get(i.code, 99), i.feature_id or ""))
    return issues


def replace_community_issues(
    issues: Sequence[Issue], rechecked: Sequence[Issue], community_ids: Iterable[str]
) -> list[Issue]:
    """`issues` (of a full check) with those of `community_ids` replaced by `rechecked` (their re-check), sorted."""
    ids = set(community_ids)
    return sort_issues([i for i in issues if i.community_id not in ids] + list(rechecked))
