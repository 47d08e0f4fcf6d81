"""Reading the checks' records from QGIS feature sources: every feature, or only some by fid.

Features are read in EPSG:32647 whatever the source's CRS; attribute values as QGIS gives them
(NULL as None). The reference path (layers.check_layers) reads every feature this way; the fast
path (database_checks) only the few households and members whose values SQL cannot judge, so both
judge the very same values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

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
from .checks import CommunityRecord, HouseholdRecord, MemberRecord

IsCancelled = Callable[[], bool]

COMMUNITY_FIELDS = ("community_id", "district_code", "registered_households")
HOUSEHOLD_FIELDS = ("household_id", "community_id", "house_no", "member_count", "residence_years", "building_type")
MEMBER_FIELDS = ("member_id", "household_id", "age", "education", "occupation", "disability", "bedridden")


def _value(feature: QgsFeature, index: int) -> object:
    if index < 0:
        return None
    value = feature.attribute(index)
    return None if value == NULL else value


def feature_values(
    source: QgsFeatureSource,
    names: Sequence[str],
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    fids: Iterable[int] | None = None,
) -> Iterator[tuple[QgsFeature, list[object]]]:
    """(feature in EPSG:32647, values of `names`) per feature (only those of `fids` when given, in fid
    order); stops early when cancelled."""
    target = QgsCoordinateReferenceSystem(CRS_AUTHID)
    request = QgsFeatureRequest()
    if fids is not None:
        wanted = sorted(set(fids))
        if not wanted:
            return
        request.setFilterFids(wanted)
    if source.sourceCrs().isValid() and source.sourceCrs() != target:
        request.setDestinationCrs(target, transform_context or QgsCoordinateTransformContext())
    indexes = [source.fields().indexOf(name) for name in names]
    features = source.getFeatures(request)
    if fids is not None:  # a provider may return them in another order
        features = sorted(features, key=lambda feature: feature.id())
    for feature in features:
        if is_cancelled and is_cancelled():
            break
        yield feature, [_value(feature, index) for index in indexes]


def community_records(
    source: QgsFeatureSource,
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    fids: Iterable[int] | None = None,
) -> list[CommunityRecord]:
    return [
        CommunityRecord(str(v[0]), v[1], v[2], QgsGeometry(f.geometry()), community_point(f))
        for f, v in feature_values(source, COMMUNITY_FIELDS, transform_context, is_cancelled, fids)
        if v[0] is not None
    ]


def household_records(
    source: QgsFeatureSource,
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    fids: Iterable[int] | None = None,
) -> list[tuple[int, HouseholdRecord]]:
    """(fid, record) per household."""
    return [
        (f.id(), HouseholdRecord(str(v[0]), v[1], v[2], v[3], v[4], v[5], QgsGeometry(f.geometry())))
        for f, v in feature_values(source, HOUSEHOLD_FIELDS, transform_context, is_cancelled, fids)
    ]


def member_records(
    source: QgsFeatureSource,
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    fids: Iterable[int] | None = None,
) -> list[MemberRecord]:
    return [
        MemberRecord(str(v[0]), *v[1:])
        for _f, v in feature_values(source, MEMBER_FIELDS, transform_context, is_cancelled, fids)
    ]
