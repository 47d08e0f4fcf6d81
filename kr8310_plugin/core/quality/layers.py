"""The quality checks on layers: read the records from any QGIS feature sources, then check them.

In: the communities, households and members layers (QgsVectorLayer or a Processing feature
source) and, optionally, the districts layer as official targets. Features are read in
EPSG:32647 whatever the layers' CRS. Out: checks.py's Issues. Processing's kr8310:validate
and the dashboard's data-problems count both call `check_layers`, so they count alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
)

from ...definitions.schema import CRS_AUTHID
from ..rules.community_locator import community_point
from ..toolbelt.i18n import tr
from .checks import CommunityRecord, DistrictTarget, HouseholdRecord, Issue, MemberRecord, sort_issues, validate
from .layout_checks import BuildingRecord, check_buildings

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]

# The fields each input must have, by its role (the role also names the layer in messages).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "communities": ("community_id", "district_code", "registered_households"),
    "households": ("household_id", "community_id", "house_no", "member_count"),
    "members": ("member_id", "household_id"),
    "targets": (
        "district_code",
        "target_small_communities",
        "target_small_households",
        "target_medium_communities",
        "target_medium_households",
    ),
    "buildings": ("building_id", "building_kind", "community_id"),
}
_HOUSEHOLD_FIELDS = ("household_id", "community_id", "house_no", "member_count", "residence_years", "building_type")
_MEMBER_FIELDS = ("member_id", "household_id", "age", "education", "occupation", "disability", "bedridden")


class QualityInputError(ValueError):
    """A layer lacks a field the checks need; the message is for the user."""


def require_fields(source: QgsFeatureSource, role: str) -> None:
    """Raise QualityInputError when `source` lacks a field that REQUIRED_FIELDS[role] lists."""
    missing = [name for name in REQUIRED_FIELDS[role] if source.fields().indexOf(name) < 0]
    if missing:
        raise QualityInputError(
            tr("The {parameter} layer lacks the field(s) {fields}.").format(parameter=role, fields=", ".join(missing))
        )


def _value(feature: QgsFeature, index: int) -> object:
    if index < 0:
        return None
    value = feature.attribute(index)
    return None if value == NULL else value


def _records(
    source: QgsFeatureSource,
    names: Sequence[str],
    transform_context: QgsCoordinateTransformContext,
    is_cancelled: IsCancelled | None,
) -> Iterator[tuple[QgsFeature, list[object]]]:
    """(feature in EPSG:32647, values of `names`) per feature; stops early when cancelled."""
    target = QgsCoordinateReferenceSystem(CRS_AUTHID)
    request = QgsFeatureRequest()
    if source.sourceCrs().isValid() and source.sourceCrs() != target:
        request.setDestinationCrs(target, transform_context)
    indexes = [source.fields().indexOf(name) for name in names]
    for feature in source.getFeatures(request):
        if is_cancelled and is_cancelled():
            break
        yield feature, [_value(feature, index) for index in indexes]


def _targets(
    source: QgsFeatureSource, context: QgsCoordinateTransformContext, is_cancelled: IsCancelled | None
) -> list[DistrictTarget]:
    names = (*REQUIRED_FIELDS["targets"], "name_en")
    return [
        DistrictTarget(
            int(v[0]),
            str(v[5] or v[0]),
            int(v[1] or 0),
            int(v[2] or 0),
            int(v[3] or 0),
            int(v[4] or 0),
            QgsGeometry(f.geometry()),
        )
        for f, v in _records(source, names, context, is_cancelled)
        if v[0] is not None
    ]


def check_layers(
    communities: QgsFeatureSource,
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    targets: QgsFeatureSource | None = None,
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
    buildings: QgsFeatureSource | None = None,
) -> list[Issue]:
    """Every quality check on the layers (checks.validate on their records, and with the community
    layout's `buildings` layout_checks.check_buildings), issues sorted as checks.sort_issues sorts them.

    `progress` gets 10 (communities read), 30 (all read) and 90 (checked); `is_cancelled` stops
    reading and checking early. Raises QualityInputError when a layer lacks a needed field.
    """
    for role, source in (("communities", communities), ("households", households), ("members", members)):
        require_fields(source, role)
    if targets is not None:
        require_fields(targets, "targets")
    if buildings is not None:
        require_fields(buildings, "buildings")
    context = transform_context or QgsCoordinateTransformContext()
    community_records = [
        CommunityRecord(str(v[0]), v[1], v[2], QgsGeometry(f.geometry()), community_point(f))
        for f, v in _records(communities, REQUIRED_FIELDS["communities"], context, is_cancelled)
        if v[0] is not None
    ]
    if progress:
        progress(10)
    household_records = [
        HouseholdRecord(str(v[0]), v[1], v[2], v[3], v[4], v[5], QgsGeometry(f.geometry()))
        for f, v in _records(households, _HOUSEHOLD_FIELDS, context, is_cancelled)
    ]
    member_records = [
        MemberRecord(str(v[0]), *v[1:]) for _f, v in _records(members, _MEMBER_FIELDS, context, is_cancelled)
    ]
    target_records = _targets(targets, context, is_cancelled) if targets is not None else None
    if progress:
        progress(30)
    issues = validate(community_records, household_records, member_records, target_records, is_cancelled)
    if buildings is not None:
        building_records = [
            BuildingRecord(str(v[0]), v[1], v[2], QgsGeometry(f.geometry()))
            for f, v in _records(buildings, REQUIRED_FIELDS["buildings"], context, is_cancelled)
            if v[0] is not None
        ]
        issues = sort_issues(issues + check_buildings(community_records, household_records, building_records))
    if progress:
        progress(90)
    return issues
