"""The quality checks on layers: read the records from any QGIS feature sources, then check them.

In: the communities, households and members layers (QgsVectorLayer or a Processing feature
source) and, optionally, the districts layer as official targets. Features are read in
EPSG:32647 whatever the layers' CRS. Out: checks.py's Issues. Processing's kr8310:validate
and the dashboard's data-problems count both call `check_layers`, so they count alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from qgis.core import QgsCoordinateTransformContext, QgsFeatureSource, QgsGeometry

from ..storage.postgis.target import PostgisError
from ..toolbelt.i18n import tr
from .checks import DistrictTarget, HouseholdRecord, Issue, MemberRecord, sort_issues, validate
from .database_checks import database_issues, database_tables
from .layout_checks import BuildingRecord, check_buildings
from .postgis_checks import postgis_issues, postgis_tables
from .reading import COMMUNITY_FIELDS, community_records, feature_values, household_records, member_records

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]

# The fields each input must have, by its role (the role also names the layer in messages).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "communities": COMMUNITY_FIELDS,
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


class QualityInputError(ValueError):
    """A layer lacks a field the checks need; the message is for the user."""


def require_fields(source: QgsFeatureSource, role: str) -> None:
    """Raise QualityInputError when `source` lacks a field that REQUIRED_FIELDS[role] lists."""
    missing = [name for name in REQUIRED_FIELDS[role] if source.fields().indexOf(name) < 0]
    if missing:
        raise QualityInputError(
            tr("The {parameter} layer lacks the field(s) {fields}.").format(parameter=role, fields=", ".join(missing))
        )


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
        for f, v in feature_values(source, names, context, is_cancelled)
        if v[0] is not None
    ]


def _issues_in_database(layers: tuple[object, object, object], *arguments, **options) -> list[Issue] | None:
    """The fast path's issues (database_issues or postgis_issues with `arguments` and `options`) when
    `layers` show the whole tables of one KR 8310 GeoPackage or PostGIS schema; None otherwise."""
    try:
        tables = database_tables(*layers)
        if tables is not None:
            return database_issues(tables, *arguments, **options)
        server_tables = postgis_tables(*layers)
        if server_tables is not None:
            return postgis_issues(server_tables, *arguments, **options)
    except (sqlite3.Error, PostgisError):  # a database QGIS reads but SQL cannot (locked, damaged, refused)
        return None
    return None


def check_layers(
    communities: QgsFeatureSource,
    households: QgsFeatureSource,
    members: QgsFeatureSource,
    targets: QgsFeatureSource | None = None,
    transform_context: QgsCoordinateTransformContext | None = None,
    is_cancelled: IsCancelled | None = None,
    progress: Progress | None = None,
    buildings: QgsFeatureSource | None = None,
    database_layers: tuple[object, object, object] | None = None,
) -> list[Issue]:
    """Every quality check on the layers (checks.validate on their records, and with the community
    layout's `buildings` layout_checks.check_buildings), issues sorted as checks.sort_issues sorts them.

    When the three layers (or `database_layers`, the layers behind Processing's sources) show the
    whole tables of one KR 8310 GeoPackage or PostGIS schema, the households and members are checked
    in the database (database_checks, postgis_checks: the same issues, the city in seconds); otherwise
    every record is read.
    `progress` gets 10 (communities read), 30 and 90 (checked); `is_cancelled` stops
    reading and checking early. Raises QualityInputError when a layer lacks a needed field.
    """
    for role, source in (("communities", communities), ("households", households), ("members", members)):
        require_fields(source, role)
    if targets is not None:
        require_fields(targets, "targets")
    if buildings is not None:
        require_fields(buildings, "buildings")
    context = transform_context or QgsCoordinateTransformContext()
    community_list = community_records(communities, context, is_cancelled)
    if progress:
        progress(10)
    target_records = _targets(targets, context, is_cancelled) if targets is not None else None
    layers = database_layers or (communities, households, members)
    issues = _issues_in_database(
        layers, community_list, households, members, target_records, is_cancelled=is_cancelled, progress=progress
    )
    household_list: list[HouseholdRecord] | None = None
    if issues is None:
        household_list = [record for _fid, record in household_records(households, context, is_cancelled)]
        member_list: list[MemberRecord] = member_records(members, context, is_cancelled)
        if progress:
            progress(30)
        issues = validate(community_list, household_list, member_list, target_records, is_cancelled)
    if buildings is not None and buildings.featureCount() != 0:
        if household_list is None:
            household_list = [record for _fid, record in household_records(households, context, is_cancelled)]
        building_records = [
            BuildingRecord(str(v[0]), v[1], v[2], QgsGeometry(f.geometry()))
            for f, v in feature_values(buildings, REQUIRED_FIELDS["buildings"], context, is_cancelled)
            if v[0] is not None
        ]
        issues = sort_issues(issues + check_buildings(community_list, household_list, building_records))
    if progress:
        progress(90)
    return issues
