"""Import households and members from survey tables into a community database.

In: SourceTables from `readers` (households, and optionally members: a KoboToolbox/ODK
repeat-group sheet linked by `_parent_index` -> `_index`, or any table linked by
`household_id`; or members as numbered columns `member1_age`, `member2_age`, ...), a
column mapping (schema field -> source column; schema-named columns map themselves),
and the database's communities. Out: an ImportResult with counts and Rejections (row,
field, value, reason in Thai and English).

Two steps: `prepare_import` turns rows into checked drafts (pure, no database writes);
`write_gpkg` writes them in one transaction, inserting new households and updating
changed ones (matched on household_id, else community + house number), so importing the
same file twice changes nothing the second time. Without `skip_invalid` any rejection
rolls everything back.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsWkbTypes,
)

from ...definitions.labels import FIELD_LABELS
from ...definitions.schema import (
    CODE_LISTS_BY_NAME,
    CRS_AUTHID,
    CRS_EPSG,
    GEOMETRY_COLUMN,
    HOUSEHOLDS,
    HOUSEHOLDS_SPEC,
    MEMBERS,
    MEMBERS_SPEC,
    FieldSpec,
)
from ..rules.community_locator import (
    POINT_COMMUNITY_RADIUS_M,
    SEVERAL,
    CommunityLocation,
    CommunityLocator,
    communities_from_layer,
)
from ..rules.completeness import is_filled
from ..rules.house_number import house_number_key
from ..storage import coverage_triggers, gpkg, row_versions
from ..toolbelt.i18n import tr
from .normalise import (
    REASONS,
    CellError,
    clean_text,
    normalise_column_name,
    parse_boolean,
    parse_code,
    parse_house_no,
    parse_integer,
    parse_number,
)
from .readers import SourceRow, SourceTable

# WGS 84 box around Thailand: coordinates outside are typos or swapped lon/lat.
THAILAND_LON = (97.3, 105.7)
THAILAND_LAT = (5.6, 20.5)
# More member rows than a member_count may say (its FieldSpec maximum) is a broken row, not a family.
MAX_MEMBERS = HOUSEHOLDS_SPEC.field("member_count").maximum
MEMBER_ID_NAMESPACE = uuid.UUID("5f1b6d0e-8310-4c1a-9a57-6b7231c8e310")

HOUSEHOLD_TARGETS = (
    "household_id",
    "community_id",
    "house_no",
    "building_type",
    "residence_years",
    "member_count",
    "editor",
    "longitude",
    "latitude",
    "_index",
    "row_version",  # the version the file was made from (an export of the database): never written
)
MEMBER_TARGETS = (
    "member_id",
    "household_id",
    "_parent_index",
    "age",
    "education",
    "occupation",
    "disability",
    "bedridden",
)
MEMBER_VALUE_FIELDS = ("age", "education", "occupation", "disability", "bedridden")

# Other names surveys use for our fields; the fields' own Thai and English labels
# (definitions/labels.py, as the forms show them) are added below.
_OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "household_id": ("household_id", "hh_id", "householdid", "รหัสครัวเรือน"),
    "community_id": ("community_id", "community_code", "community", "รหัสชุมชน"),
    "house_no": ("house_no", "house_number", "houseno", "address_no", "บ้านเลขที่"),
    "building_type": ("building_type", "building", "ประเภทอาคาร", "ลักษณะที่อยู่อาศัย", "ประเภทที่อยู่อาศัย"),
    "residence_years": (
        "residence_years",
        "years_of_residence",
        "years_resident",
        "ระยะเวลาที่อาศัย",
        "ระยะเวลาที่อยู่อาศัย",
        "จำนวนปีที่อาศัย",
        "จำนวนปีที่อยู่อาศัย",
    ),
    "member_count": ("member_count", "household_size", "members_count", "จำนวนสมาชิก", "จำนวนสมาชิกในครัวเรือน"),
    "editor": ("editor", "enumerator", "surveyor", "ผู้สำรวจ", "ผู้บันทึก"),
    "longitude": ("longitude", "lon", "lng", "long", "x", "ลองจิจูด"),
    "latitude": ("latitude", "lat", "y", "ละติจูด"),
    "_index": ("_index", "key"),  # KoboToolbox; ODK Central's KEY
    "row_version": ("row_version", "rowversion"),
    "member_id": ("member_id", "รหัสสมาชิก"),
    "_parent_index": ("_parent_index", "parent_key"),  # KoboToolbox; ODK Central's PARENT_KEY
    "age": ("age", "อายุ"),
    "education": ("education", "การศึกษา", "ระดับการศึกษา"),
    "occupation": ("occupation", "อาชีพ"),
    "disability": ("disability", "ความพิการ", "ความพิการ_(ประเภท)", "ประเภทความพิการ"),
    "bedridden": ("bedridden", "ติดเตียง", "ผู้ป่วยติดเตียง"),
}


def _label_names(field_name: str) -> tuple[str, ...]:
    """A field's Thai and English labels as column names, also without a unit in brackets ('อายุ (ปี)')."""
    code = FIELD_LABELS.get(field_name)
    if code is None:
        return ()
    names = []
    for label in (code.label_th, code.label_en):
        names.append(label)
        names.append(re.sub(r"\s*\([^)]*\)\s*$", "", label))
    return tuple(names)


ALIASES: dict[str, tuple[str, ...]] = {
    target: tuple(
        dict.fromkeys(normalise_column_name(name) for name in (*names, *_label_names(target)) if name.strip())
    )
    for target, names in _OTHER_NAMES.items()
}
# Member fields of numbered columns: 'member1_age', 'สมาชิก 1 อายุ', 'สมาชิกคนที่1_อายุ', 'อายุ_1', 'age1'.
_MEMBER_WORDS = {alias: target for target in ("member_id", *MEMBER_VALUE_FIELDS) for alias in ALIASES[target]}
_FIELD_PATTERN = "|".join(re.escape(alias) for alias in sorted(_MEMBER_WORDS, key=len, reverse=True))
_NUMBERED_MEMBER = re.compile(
    rf"^(?:member|m|สมาชิก|สมาชิกคนที่|คนที่)_?(?P<number>\d{{1,3}})_?(?P<field>{_FIELD_PATTERN})$"
    rf"|^(?P<field2>{_FIELD_PATTERN})_?(?P<number2>\d{{1,3}})$"
)
# A numbered column whose field we do not know ('สมาชิก1_เพศ'): reported, never dropped silently.
_NUMBERED_OTHER = re.compile(r"^(?:member|สมาชิก|สมาชิกคนที่|คนที่)_?\d{1,3}(_|$)")
# Where the point of a household given with its community_id may lie: in the polygon or this
# close to it (a phone's GPS error), or within the point radius of a community known only by a point
# (POINT_COMMUNITY_RADIUS_M, core/rules/community_locator).
COMMUNITY_EDGE_TOLERANCE_M = 30.0


class ImportRefusedError(Exception):
    """Nothing was imported; the message is for the user, `rejections` say which rows failed."""

    def __init__(self, message: str, rejections: list[Rejection] | None = None):
        super().__init__(message)
        self.rejections = rejections or []


@dataclass(frozen=True)
class Rejection:
    table: str  # sheet, layer or file name
    row: int  # spreadsheet row number (header = 1)
    field: str  # source column (or schema field when no column)
    value: str
    code: str  # key of normalise.REASONS
    reason_th: str
    reason_en: str


def rejection(table: str, row: int, field_name: str, value: object, error: CellError) -> Rejection:
    shown = str(value) if is_filled(value) else ""
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return Rejection(table, row, field_name, shown, error.code, error.reason("th"), error.reason("en"))


@dataclass
class MemberDraft:
    table: str
    row: int
    values: dict[str, object]
    problems: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # values taken, but to be checked


@dataclass
class HouseholdDraft:
    table: str
    row: int
    values: dict[str, object]  # database column -> value, only for columns the source provides
    point: tuple[float, float] | None = None  # EPSG:32647
    link: object = None  # the key members point at (_index or household_id)
    members: list[MemberDraft] | None = None  # None: the source says nothing about members
    problems: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # values taken, but to be checked

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # changed in the database since the file was made: kept, reported in warnings
    members_written: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)  # imported, but reported for a check

    @property
    def rejected_rows(self) -> int:
        return len({(r.table, r.row) for r in self.rejections})


# --- column mapping -----------------------------------------------------------------


def _names_by_column(columns: Iterable[str]) -> dict[str, list[str]]:
    """Normalised name -> the columns carrying it (more than one: a duplicated header)."""
    by_name: dict[str, list[str]] = {}
    for column in columns:
        by_name.setdefault(normalise_column_name(column), []).append(column)
    return by_name


def auto_mapping(columns: Iterable[str], targets: Iterable[str]) -> dict[str, str]:
    """Schema field -> source column for columns named like the field, its Thai or English label, or a known alias.

    Kobo geopoints ('_gps_latitude', '_gps_longitude') and ODK Central ones ('location-Latitude')
    map to latitude/longitude; group paths ('household/house_no', 'hh-house_no') are dropped.
    Of columns with the same name the first is given here; resolve_mapping refuses them.
    """
    columns = list(columns)
    by_name = {name: found[0] for name, found in _names_by_column(columns).items()}
    for column in columns:  # ODK Central separates groups with '-': 'hh-house_no'
        by_name.setdefault(normalise_column_name(str(column).rsplit("-", 1)[-1]), column)
    mapping: dict[str, str] = {}
    for target in targets:
        for alias in ALIASES.get(target, (normalise_column_name(target),)):
            if alias in by_name:
                mapping[target] = by_name[alias]
                break
        else:
            if target in ("latitude", "longitude"):
                suffix = "_" + target
                found = [c for n, c in by_name.items() if n.endswith(suffix) and n != suffix]
                if found:
                    mapping[target] = found[0]
    return mapping


def duplicated_headers(columns: list[str]) -> dict[str, list[str]]:
    """Header -> the columns that carry it twice or more: same name once normalised ('House No',
    'house_no'), or the 'name_2' a reader gives the second 'name' (with 'name' there and no 'name_1')."""
    duplicates = {found[0]: found for found in _names_by_column(columns).values() if len(found) > 1}
    present = set(columns)
    for column in columns:
        match = re.match(r"^(.+)_(\d+)$", column)
        if not match or match.group(1) not in present or f"{match.group(1)}_1" in present:
            continue
        base, number = match.group(1), int(match.group(2))
        if number >= 2 and all(f"{base}_{n}" in present for n in range(2, number)):
            duplicates.setdefault(base, [base]).append(column)
    return duplicates


def refuse_duplicated_headers(table: str, columns: list[str], used: Iterable[str]) -> None:
    """Raise ImportRefusedError naming each duplicated header of which a copy would be read."""
    used = set(used)
    problems = [
        Rejection(table, 1, header, header, "duplicate_column", *REASONS["duplicate_column"])
        for header, copies in duplicated_headers(columns).items()
        if used & set(copies)
    ]
    if problems:
        raise ImportRefusedError(
            tr(
                "The header {headers} appears more than once in {table}; rename the copies so that each "
                "column has its own name. Nothing was imported."
            ).format(headers=", ".join(f"'{p.field}'" for p in problems), table=table),
            problems,
        )


def resolve_mapping(
    columns: list[str], targets: Iterable[str], overrides: dict[str, str] | None, table: str = ""
) -> dict[str, str]:
    """auto_mapping with the user's choices on top (an empty choice unmaps the field).

    Raises ImportRefusedError when the user names a column the table does not have, or a
    mapped column's header is duplicated (the copies would be indistinguishable).
    """
    targets = tuple(targets)
    wanted = {target: column for target, column in (overrides or {}).items() if target in targets}
    mapping = apply_overrides(auto_mapping(columns, targets), columns, wanted)
    refuse_duplicated_headers(table, list(columns), mapping.values())
    return mapping


def apply_overrides(mapping: dict[str, str], columns: list[str], overrides: dict[str, str]) -> dict[str, str]:
    """The user's choices over an automatic field -> column mapping (an empty choice unmaps the field).

    Raises ImportRefusedError when a choice names a column the table does not have."""
    for target, column in overrides.items():
        if not column:
            mapping.pop(target, None)
        elif column in columns:
            mapping[target] = column
        else:
            raise ImportRefusedError(
                tr("The mapping names column '{column}' for {field}, but the table has no such column.").format(
                    column=column, field=target
                )
            )
    return mapping


def parse_mapping_text(text: str) -> dict[str, str]:
    """'house_no=บ้านเลขที่; age=อายุ' -> {'house_no': 'บ้านเลขที่', 'age': 'อายุ'} (the MAPPING parameter).

    A 'members.' prefix names a column of the members table ('members.household_id=HH').
    """
    mapping = {}
    for item in re.split(r"[;\n]", text or ""):
        if "=" in item:
            target, _, column = item.partition("=")
            mapping[target.strip()] = column.strip()
    return mapping


def numbered_member_columns(columns: Iterable[str]) -> dict[int, dict[str, str]]:
    """Members as numbered columns: {1: {'age': 'member1_age', ...}, 2: {...}}.

    Any of 'member1_age', 'member_1_age', 'สมาชิก1_อายุ', 'สมาชิก 1 อายุ', 'สมาชิกคนที่ ๑ อายุ',
    'อายุ_1', 'อายุ1' (Thai or Arabic digits, the field as name, alias or label).
    """
    found: dict[int, dict[str, str]] = {}
    for column in columns:
        match = _NUMBERED_MEMBER.match(normalise_column_name(column))
        if match:
            number = int(match.group("number") or match.group("number2"))
            target = _MEMBER_WORDS[match.group("field") or match.group("field2")]
            found.setdefault(number, {}).setdefault(target, column)
    return dict(sorted(found.items()))


def unknown_numbered_columns(columns: Iterable[str]) -> list[str]:
    """Columns that look like numbered member columns of a field we do not know ('สมาชิก1_เพศ')."""
    return [
        column
        for column in columns
        if _NUMBERED_OTHER.match(normalise_column_name(column))
        and not _NUMBERED_MEMBER.match(normalise_column_name(column))
    ]


# --- communities ----------------------------------------------------------------------


class CommunityIndex:
    """The database's communities (EPSG:32647): their ids, and which of them holds a point
    (core/rules/community_locator)."""

    def __init__(self, communities: Iterable[tuple[str, QgsGeometry]], point_radius: float = POINT_COMMUNITY_RADIUS_M):
        communities = [(c, g) for c, g in communities if is_filled(c)]
        self.point_radius = point_radius
        self.ids: list[str] = [str(community_id) for community_id, _geometry in communities]
        self.known = set(self.ids)
        self._geometries = {
            str(c): QgsGeometry(g) for c, g in communities if g is not None and not g.isNull() and not g.isEmpty()
        }
        self._locator = CommunityLocator(communities, point_radius)

    @classmethod
    def from_layer(cls, layer, point_radius: float = POINT_COMMUNITY_RADIUS_M) -> CommunityIndex:
        """From a communities QgsVectorLayer (any backend), in EPSG:32647; a community without a polygon
        by its location point (core/rules/community_locator.communities_from_layer)."""
        return cls(communities_from_layer(layer), point_radius)

    def locate(self, x: float, y: float) -> CommunityLocation:
        """The communities whose polygon holds the point: none, one or several (never one picked of several)."""
        return self._locator.locate(QgsPointXY(x, y))

    def distance_beyond(self, community_id: str, x: float, y: float) -> tuple[float, float] | None:
        """(distance in m, allowed distance) when the point lies too far from the community it names; else None.

        Allowed: in the polygon or within COMMUNITY_EDGE_TOLERANCE_M of it; within
        POINT_COMMUNITY_RADIUS_M of a community known only by a point. A community without a
        location cannot be checked (None).
        """
        geometry = self._geometries.get(community_id)
        if geometry is None:
            return None
        point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
        if QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.GeometryType.PointGeometry:
            limit = self.point_radius
        else:
            limit = COMMUNITY_EDGE_TOLERANCE_M
            if geometry.intersects(point):
                return None
        distance = geometry.distance(point)
        return (distance, limit) if distance > limit else None


# --- rows -> drafts -------------------------------------------------------------------


@dataclass(frozen=True)
class LayerTransforms:
    """From a source layer's CRS to EPSG:32647 (for storing) and to WGS 84 (for the Thailand check)."""

    to_utm: QgsCoordinateTransform
    to_wgs84: QgsCoordinateTransform


def _layer_transforms(table: SourceTable) -> LayerTransforms | None:
    if table.crs is None:
        return None
    context = QgsCoordinateTransformContext()
    return LayerTransforms(
        QgsCoordinateTransform(table.crs, QgsCoordinateReferenceSystem(CRS_AUTHID), context),
        QgsCoordinateTransform(table.crs, QgsCoordinateReferenceSystem("EPSG:4326"), context),
    )


_WGS84_TO_UTM = None


def _wgs84_to_utm() -> QgsCoordinateTransform:
    global _WGS84_TO_UTM
    if _WGS84_TO_UTM is None:
        _WGS84_TO_UTM = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsCoordinateReferenceSystem(CRS_AUTHID),
            QgsCoordinateTransformContext(),
        )
    return _WGS84_TO_UTM


def _in_thailand(lon: float, lat: float) -> bool:
    return THAILAND_LON[0] <= lon <= THAILAND_LON[1] and THAILAND_LAT[0] <= lat <= THAILAND_LAT[1]


def _point_from_geometry(geometry: QgsGeometry, transforms: LayerTransforms) -> tuple[float, float]:
    """A layer feature's point in EPSG:32647; raises CellError for no point or outside Thailand."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise CellError("no_location")
    # Households are points: a polygon, a line or several points are refused, never reduced to one point.
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.GeometryType.PointGeometry:
        raise CellError("not_a_point", kind=QgsWkbTypes.displayString(geometry.wkbType()))
    if geometry.isMultipart():
        points = geometry.asMultiPoint()
        if len(points) != 1:  # a one-point MultiPoint (as some GeoPackages store points) is that point
            raise CellError("not_a_point", kind=f"{QgsWkbTypes.displayString(geometry.wkbType())} ({len(points)})")
        point = points[0]
    else:
        point = geometry.asPoint()
    try:
        lonlat = transforms.to_wgs84.transform(point)
        if not _in_thailand(lonlat.x(), lonlat.y()):
            raise CellError("outside_thailand")
        utm = transforms.to_utm.transform(point)
    except QgsCsException as error:
        raise CellError("outside_thailand") from error
    return round(utm.x(), 3), round(utm.y(), 3)


def _point_from_lonlat(lon: object, lat: object) -> tuple[float, float] | None:
    longitude, latitude = parse_number(lon), parse_number(lat)
    if longitude is None and latitude is None:
        return None
    if longitude is None or latitude is None:
        raise CellError("no_location")
    if not _in_thailand(longitude, latitude):
        raise CellError("outside_thailand")
    utm = _wgs84_to_utm().transform(QgsPointXY(longitude, latitude))
    return round(utm.x(), 3), round(utm.y(), 3)


CellParser = Callable[[object, list[CellError]], object]


def _spec_parser(spec: FieldSpec) -> CellParser:
    """The cell parser of a schema field: its code list or its range, as the FieldSpec says.

    A parser takes (cell, notes): it returns the value or raises CellError, and appends to
    `notes` what it took but the user should check (a '5,0' read as 5).
    """
    if spec.name == "house_no":
        return parse_house_no
    if spec.code_list is not None:
        code_list = CODE_LISTS_BY_NAME[spec.code_list]
        return lambda value, notes: parse_code(value, code_list)
    if spec.kind == "integer":
        return lambda value, notes: parse_integer(value, spec.minimum, spec.maximum, notes)
    if spec.kind == "boolean":
        return lambda value, notes: parse_boolean(value)
    if spec.kind == "text":
        return lambda value, notes: clean_text(value)
    raise ValueError(f"no cell parser for {spec.name} ({spec.kind})")


# The household targets that are schema fields (longitude, latitude and _index are not).
_HOUSEHOLD_PARSERS: dict[str, CellParser] = {
    name: _spec_parser(spec) for name in HOUSEHOLD_TARGETS if (spec := HOUSEHOLDS_SPEC.get(name)) is not None
}
_MEMBER_PARSERS: dict[str, CellParser] = {
    name: _spec_parser(MEMBERS_SPEC.field(name)) for name in ("member_id", *MEMBER_VALUE_FIELDS)
}


def _link_value(value: object) -> object:
    """A join key as comparable text: 3, 3.0 and '3' are the same Kobo index."""
    if not is_filled(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return clean_text(value)
    except CellError:
        return None


def _member_draft(table: str, row: int, cells: dict[str, tuple[str, object]]) -> MemberDraft:
    """cells: schema field -> (source column, raw value)."""
    draft = MemberDraft(table, row, {})
    for name, (column, raw) in cells.items():
        notes: list[CellError] = []
        try:
            draft.values[name] = _MEMBER_PARSERS[name](raw, notes)
        except CellError as error:
            draft.problems.append(rejection(table, row, column, raw, error))
        draft.notes.extend(rejection(table, row, column, raw, note) for note in notes)
    return draft


def _household_draft(
    table: SourceTable,
    row: SourceRow,
    mapping: dict[str, str],
    numbered: dict[int, dict[str, str]],
    transforms: LayerTransforms | None,
    communities: CommunityIndex,
) -> HouseholdDraft:
    draft = HouseholdDraft(table.name, row.number, {})
    for name, parser in _HOUSEHOLD_PARSERS.items():
        if name in mapping:
            raw = row.values.get(mapping[name])
            notes: list[CellError] = []
            try:
                draft.values[name] = parser(raw, notes)
            except CellError as error:
                draft.problems.append(rejection(table.name, row.number, mapping[name], raw, error))
            draft.notes.extend(rejection(table.name, row.number, mapping[name], raw, note) for note in notes)
    try:
        if transforms is not None:
            draft.point = _point_from_geometry(row.geometry, transforms)
        else:
            lon_column, lat_column = mapping.get("longitude"), mapping.get("latitude")
            draft.point = _point_from_lonlat(
                row.values.get(lon_column) if lon_column else None, row.values.get(lat_column) if lat_column else None
            )
            if draft.point is None:
                raise CellError("no_location")
    except CellError as error:
        if transforms is not None:
            column = "geometry"
            value = QgsWkbTypes.displayString(row.geometry.wkbType()) if row.geometry is not None else ""
        else:
            column = mapping.get("longitude") or "longitude"
            value = " ".join(
                str(row.values.get(mapping[name])) for name in ("longitude", "latitude") if name in mapping
            )
        draft.problems.append(rejection(table.name, row.number, column, value, error))
    community_id = draft.values.get("community_id")
    if community_id is not None and community_id not in communities.known:
        draft.problems.append(
            rejection(table.name, row.number, mapping["community_id"], community_id, CellError("unknown_community"))
        )
    elif community_id is not None and draft.point is not None:
        too_far = communities.distance_beyond(community_id, *draft.point)
        if too_far is not None:
            error = CellError(
                "point_outside_community", community=community_id, distance=round(too_far[0]), limit=round(too_far[1])
            )
            draft.problems.append(rejection(table.name, row.number, mapping["community_id"], community_id, error))
    elif community_id is None and draft.point is not None:
        location = communities.locate(*draft.point)
        draft.values["community_id"] = location.community_id
        if location.by_point:  # a point community found by distance: the assignment, or the tie, reported
            note = rejection(table.name, row.number, "community_id", location.community_id, location.note())
            (draft.problems if location.status == SEVERAL else draft.notes).append(note)
        elif location.status == SEVERAL:  # overlapping polygons: the file must say which community
            candidates = ", ".join(location.candidates)
            error = CellError("several_communities", communities=candidates)
            draft.problems.append(rejection(table.name, row.number, "community_id", "", error))
        elif location.community_id is None:
            draft.problems.append(rejection(table.name, row.number, "community_id", "", CellError("no_community")))
    house_no_refused = any(p.field == mapping.get("house_no") for p in draft.problems)
    if not draft.values.get("household_id") and not draft.values.get("house_no") and not house_no_refused:
        draft.problems.append(
            rejection(table.name, row.number, mapping.get("house_no", "house_no"), "", CellError("no_key"))
        )
    link_column = mapping.get("_index") or mapping.get("household_id")
    draft.link = _link_value(row.values.get(link_column)) if link_column else None
    if numbered:
        draft.members = []
        for columns in numbered.values():
            raw_cells = {name: (column, row.values.get(column)) for name, column in columns.items()}
            if not any(is_filled(raw) for _, raw in raw_cells.values()):
                continue
            draft.members.append(_member_draft(table.name, row.number, raw_cells))
    return draft


def prepare_import(
    households: SourceTable,
    communities: CommunityIndex,
    members: SourceTable | None = None,
    mapping: dict[str, str] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    warnings: list[Rejection] | None = None,
) -> list[HouseholdDraft]:
    """Check and convert every row; the drafts carry their own problems (nothing is written).

    `mapping` is schema field -> source column (either table; see resolve_mapping).
    `warnings` (when given) collects what concerns the whole file: member columns that map
    to nothing. Raises ImportRefusedError for a whole-file problem: tables that cannot be
    linked, a duplicated header, or households with members whose member columns map to
    nothing (named in the error's rejections).
    """
    household_mapping = resolve_mapping(households.columns, HOUSEHOLD_TARGETS, mapping, households.name)
    numbered = numbered_member_columns(households.columns)
    numbered_columns = {column for columns in numbered.values() for column in columns.values()}
    refuse_duplicated_headers(households.name, households.columns, numbered_columns)
    for target, mapped in list(household_mapping.items()):
        if mapped in numbered_columns:
            household_mapping.pop(target)
    transforms = _layer_transforms(households)
    drafts = []
    for row in households.rows:
        if is_cancelled and is_cancelled():
            raise ImportRefusedError(tr("The import was cancelled; nothing was imported."))
        drafts.append(_household_draft(households, row, household_mapping, numbered, transforms, communities))
    _check_member_columns(households, household_mapping, numbered, members, drafts, warnings)
    if members is not None:
        _attach_members(drafts, household_mapping, members, mapping)
    _reject_duplicates(drafts)
    for draft in drafts:
        _check_members(draft)
    return drafts


def _attach_members(
    drafts: list[HouseholdDraft], household_mapping: dict[str, str], members: SourceTable, overrides
) -> None:
    # 'members.household_id=HH' maps a members-table column; plain names of member-only fields do too.
    member_overrides = {
        key.removeprefix("members."): column
        for key, column in (overrides or {}).items()
        if key.startswith("members.") or key not in HOUSEHOLD_TARGETS
    }
    member_mapping = resolve_mapping(members.columns, MEMBER_TARGETS, member_overrides, members.name)
    if "_parent_index" in member_mapping and "_index" in household_mapping:
        link_column = member_mapping["_parent_index"]
    elif "household_id" in member_mapping and "household_id" in household_mapping:
        link_column = member_mapping["household_id"]
        for draft in drafts:
            draft.link = draft.values.get("household_id")
    else:
        raise ImportRefusedError(
            tr(
                "The members table cannot be linked to the households: it needs '_parent_index' (with '_index' in "
                "the household table, as in a KoboToolbox/ODK export) or a 'household_id' column in both."
            )
        )
    by_link: dict[object, HouseholdDraft] = {}
    for draft in drafts:
        draft.members = draft.members or []
        if draft.link is not None:
            by_link.setdefault(draft.link, draft)
    orphans_table = members.name
    for row in members.rows:
        cells = {
            name: (member_mapping[name], row.values.get(member_mapping[name]))
            for name in _MEMBER_PARSERS
            if name in member_mapping
        }
        member = _member_draft(members.name, row.number, cells)
        parent = by_link.get(_link_value(row.values.get(link_column)))
        if parent is None:
            member.problems.append(
                rejection(orphans_table, row.number, link_column, row.values.get(link_column), CellError("no_parent"))
            )
            # An orphan cannot be imported; it is reported through a placeholder household-less draft.
            drafts.append(HouseholdDraft(members.name, row.number, {}, problems=list(member.problems)))
            continue
        parent.members.append(member)


def _looks_like_member_column(column: str) -> bool:
    """A column whose name says 'member' or a member field, with or without a number."""
    name = normalise_column_name(column)
    if _NUMBERED_OTHER.match(name) or name in _MEMBER_WORDS or re.sub(r"_?\d{1,3}$", "", name) in _MEMBER_WORDS:
        return True
    return any(word in name for word in ("member", "สมาชิก")) and name not in ALIASES["member_count"]


def _check_member_columns(
    households: SourceTable,
    household_mapping: dict[str, str],
    numbered: dict[int, dict[str, str]],
    members: SourceTable | None,
    drafts: list[HouseholdDraft],
    warnings: list[Rejection] | None,
) -> None:
    """Before anything is written: households with members must get them from somewhere.

    Households whose member_count is 1 or more, with no members table and no numbered member
    columns: refused when some unmapped column looks like member data (it names them), else
    a warning (no_member_columns) naming the unmapped columns. Numbered columns of a field we
    do not know ('สมาชิก1_เพศ') are a warning.
    """
    used = set(household_mapping.values()) | {c for columns in numbered.values() for c in columns.values()}
    unmapped = [c for c in households.columns if c not in used]
    notes = warnings if warnings is not None else []
    for column in unknown_numbered_columns(unmapped) if numbered or members is not None else []:
        notes.append(rejection(households.name, 1, column, column, CellError("unmapped_member_column")))
    if members is not None or numbered:
        return
    with_members = [
        d for d in drafts if isinstance(d.values.get("member_count"), int) and d.values["member_count"] >= 1
    ]
    if not with_members:
        return
    suspects = [c for c in unmapped if _looks_like_member_column(c)]
    if suspects:
        raise ImportRefusedError(
            tr(
                "{households} household(s) have members (member_count), but the member columns {columns} map to "
                "no field, so no member would be imported. Name them like member1_age or สมาชิก1_อายุ, or give "
                "the members as a table of their own (MEMBERS). Nothing was imported."
            ).format(households=len(with_members), columns=", ".join(f"'{c}'" for c in suspects)),
            [rejection(households.name, 1, c, c, CellError("unmapped_member_column")) for c in suspects],
        )
    shown = ", ".join(f"'{c}'" for c in unmapped) or "-"
    notes.append(rejection(households.name, 1, shown, len(with_members), CellError("no_member_columns")))


def _reject_duplicates(drafts: list[HouseholdDraft]) -> None:
    """Second and later rows with the same household_id or community + house number are rejected."""
    seen_ids: dict[str, int] = {}
    seen_houses: dict[tuple[str, str], int] = {}
    for draft in drafts:
        if not draft.ok:
            continue
        household_id = draft.values.get("household_id")
        house = (draft.values.get("community_id"), house_number_key(draft.values.get("house_no")))
        first = seen_ids.get(household_id) if household_id else None
        if first is None and house[0] and house[1]:
            first = seen_houses.get(house)
        if first is not None:
            field_name = "household_id" if household_id in seen_ids else "house_no"
            draft.problems.append(
                rejection(
                    draft.table,
                    draft.row,
                    field_name,
                    household_id if field_name == "household_id" else draft.values.get("house_no"),
                    CellError("duplicate_in_file", row=first),
                )
            )
            continue
        if household_id:
            seen_ids[household_id] = draft.row
        if house[0] and house[1]:
            seen_houses[house] = draft.row


def _check_members(draft: HouseholdDraft) -> None:
    """A household is imported with all its members or not at all; member problems reject it."""
    if draft.members is None:
        return
    if len(draft.members) > MAX_MEMBERS:
        draft.problems.append(
            rejection(
                draft.table, draft.row, "members", len(draft.members), CellError("too_many_members", limit=MAX_MEMBERS)
            )
        )
    seen: dict[str, int] = {}
    for member in draft.members:
        member_id = member.values.get("member_id")
        if member_id:
            if member_id in seen:
                member.problems.append(
                    rejection(
                        member.table,
                        member.row,
                        "member_id",
                        member_id,
                        CellError("duplicate_in_file", row=seen[member_id]),
                    )
                )
            seen.setdefault(member_id, member.row)
    bad_members = [m for m in draft.members if m.problems]
    if bad_members and draft.ok:
        draft.problems.append(rejection(draft.table, draft.row, "members", "", CellError("member_rejected")))
    if draft.problems:
        for member in draft.members:
            draft.problems.extend(member.problems)
            if not member.problems and member.table != draft.table:
                draft.problems.append(rejection(member.table, member.row, "", "", CellError("parent_rejected")))
    elif draft.values.get("member_count") is None and draft.members:
        draft.values["member_count"] = len(draft.members)


# --- writing --------------------------------------------------------------------------

COMPARED_COLUMNS = ("community_id", "house_no", "building_type", "residence_years", "member_count", "editor")
MEMBER_COLUMNS = ("member_id", "household_id", "age", "education", "occupation", "disability", "bedridden")
MEMBER_VALUE_COLUMNS = MEMBER_COLUMNS[2:]


@dataclass(frozen=True)
class ExistingHousehold:
    values: dict[str, object]  # COMPARED_COLUMNS and row_version as stored
    point_key: object  # the stored location, comparable with the backend's point_key of a draft


@dataclass
class MemberChanges:
    """What an import does to the stored members of one household, member by member (by member_id), so
    that a member nobody changed keeps its row and version, and a pending edit of one the import
    changed is refused as stale instead of landing on nothing."""

    insert: list[tuple] = field(default_factory=list)  # MEMBER_COLUMNS rows
    update: list[tuple[tuple, int | None]] = field(default_factory=list)  # (MEMBER_COLUMNS row, version read)
    delete: list[tuple[str, int | None]] = field(default_factory=list)  # (member_id, version read)
    read: list[tuple[str, int | None]] = field(default_factory=list)  # every stored (member_id, version) read

    @property
    def empty(self) -> bool:
        return not (self.insert or self.update or self.delete)

    @property
    def written(self) -> int:
        return len(self.insert) + len(self.update)


@dataclass
class HouseholdChange:
    """What one valid draft does to the database."""

    draft: HouseholdDraft
    household_id: str
    insert: bool
    values: dict[str, object]  # insert: every column; update: only the changed ones
    members: MemberChanges | None  # None: members stay as they are
    read_version: int | None = None  # update: the row version the plan was made from
    source_hash: str = ""  # the file row's digest (core/storage/row_versions.py)

    @property
    def row_version(self) -> int:
        """The version this change writes."""
        return 1 if self.insert else (self.read_version or 0) + 1


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _member_rows(household_id: str, members: list[MemberDraft]) -> list[tuple]:
    rows = []
    for ordinal, member in enumerate(members, start=1):
        # Without ids in the file, ids derived from household + position keep re-imports stable.
        member_id = member.values.get("member_id") or str(uuid.uuid5(MEMBER_ID_NAMESPACE, f"{household_id}/{ordinal}"))
        rows.append((member_id, household_id, *(member.values.get(name) for name in MEMBER_VALUE_FIELDS)))
    return sorted(rows, key=lambda r: r[0])


def _comparable_member(row: Iterable) -> tuple:
    """A stored member row (MEMBER_COLUMNS) in _member_rows' form: blanks as None, booleans as 0/1."""
    values = [v if is_filled(v) else None for v in row]
    values[6] = None if values[6] is None else int(bool(values[6]))
    return tuple(values)


def _member_changes(new_rows: list[tuple], stored: list[tuple]) -> MemberChanges:
    """Member by member: `stored` rows are MEMBER_COLUMNS + row_version."""
    by_id = {row[0]: (_comparable_member(row[: len(MEMBER_COLUMNS)]), row[len(MEMBER_COLUMNS)]) for row in stored}
    changes = MemberChanges(read=sorted((member_id, version) for member_id, (_row, version) in by_id.items()))
    wanted = {row[0] for row in new_rows}
    for row in new_rows:
        current = by_id.get(row[0])
        if current is None:
            changes.insert.append(row)
        elif current[0] != row:
            changes.update.append((row, current[1]))
    changes.delete = [
        (member_id, version) for member_id, (_row, version) in sorted(by_id.items()) if member_id not in wanted
    ]
    return changes


def source_hash(draft: HouseholdDraft) -> str:
    """A digest of what a file row says about a household and its members (its row_version aside):
    the same row imported again has the same digest."""
    values = {name: value for name, value in draft.values.items() if name != "row_version"}
    members = None if draft.members is None else [member.values for member in draft.members]
    text = json.dumps([values, draft.point, members], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _reject_draft(draft: HouseholdDraft, field_name: str, value: object, error: CellError) -> None:
    draft.problems.append(rejection(draft.table, draft.row, field_name, value, error))
    for member in draft.members or []:
        if member.table != draft.table:
            draft.problems.append(rejection(member.table, member.row, "", "", CellError("parent_rejected")))


def keep_changed(
    result: ImportResult, draft: HouseholdDraft, household_id: str, current: object, since: object
) -> None:
    """Report a household the database changed after the file was made (or imported): kept as it is."""
    result.kept += 1
    error = CellError("changed_since", current=current if current is not None else "?", since=since)
    result.warnings.append(rejection(draft.table, draft.row, "household_id", household_id, error))


def _changed_since(
    draft: HouseholdDraft, household_id: str, current_version: object, imported: dict[str, dict[str, int]], digest: str
) -> object:
    """The version the file row was made from when the database has changed the household since
    (else None): the file's own row_version column, else what an import of this row (or the
    household's latest import) wrote. A household no import wrote is the file's to update."""
    file_version = draft.values.get("row_version")
    if file_version is not None:
        return None if file_version == current_version else file_version
    versions = imported.get(household_id)
    if not versions:
        return None
    written = versions.get(digest, max(versions.values()))
    return None if written == current_version else written


def plan_changes(
    drafts: list[HouseholdDraft],
    existing: dict[str, ExistingHousehold],
    point_key: Callable[[tuple[float, float]], object],
    stored_members: Callable[[list[str]], dict[str, list[tuple]]],
    editor: str,
    result: ImportResult,
    compared: tuple[str, ...] = COMPARED_COLUMNS,
    imported: dict[str, dict[str, int]] | None = None,
) -> list[HouseholdChange]:
    """Match valid drafts to stored households and decide insert / update / nothing (counted as unchanged).

    A draft whose house number belongs to another stored household of the community is
    rejected (house_no_taken). `stored_members(ids)` gives the stored member rows of the
    matched households, in MEMBER_COLUMNS order plus row_version. `compared` are the columns
    whose change makes an update (a server that stamps `editor` itself leaves it out).
    `imported` (row_versions' import versions) keeps a household changed since an import of it
    as it is, reported (changed_since) instead of updated.
    """
    imported = imported or {}
    by_house: dict[tuple[str, str], str] = {}
    for household_id, household in existing.items():
        house = house_number_key(household.values.get("house_no"))
        if household.values.get("community_id") and house:
            by_house[(household.values["community_id"], house)] = household_id
    matched: list[tuple[HouseholdDraft, str]] = []
    for draft in drafts:
        if not draft.ok:
            continue
        household_id = draft.values.get("household_id")
        house = (draft.values.get("community_id"), house_number_key(draft.values.get("house_no")))
        owner = by_house.get(house) if house[0] and house[1] else None
        if household_id is None:
            household_id = owner or str(uuid.uuid4())
        elif owner is not None and owner != household_id:
            _reject_draft(draft, "house_no", draft.values.get("house_no"), CellError("house_no_taken"))
            continue
        if house[0] and house[1]:
            by_house[house] = household_id
        matched.append((draft, household_id))
    members_of = stored_members([hid for draft, hid in matched if hid in existing and draft.members is not None])
    changes = []
    for draft, household_id in matched:
        values = {name: value for name, value in draft.values.items() if name != "row_version"}
        values["household_id"] = household_id
        if values.get("editor") is None:
            values["editor"] = editor
        new_members = _member_rows(household_id, draft.members) if draft.members is not None else None
        digest = source_hash(draft)
        current = existing.get(household_id)
        if current is None:
            members = MemberChanges(insert=new_members) if new_members else None
            changes.append(HouseholdChange(draft, household_id, True, values, members, source_hash=digest))
            continue
        changed = {c: values[c] for c in compared if c in draft.values and values[c] != current.values.get(c)}
        if current.point_key != point_key(draft.point):
            changed[GEOMETRY_COLUMN] = draft.point
        members = None
        if new_members is not None:
            members = _member_changes(new_members, members_of.get(household_id, []))
            members = None if members.empty else members
        if not changed and members is None:
            result.unchanged += 1
            continue
        version = current.values.get("row_version")
        since = _changed_since(draft, household_id, version, imported, digest)
        if since is not None:
            keep_changed(result, draft, household_id, version, since)
            continue
        changes.append(HouseholdChange(draft, household_id, False, changed, members, version, digest))
    return changes


UNKNOWN_VALUE_CODES = ("unknown_code", "not_boolean")


def unknown_values(rejections: Iterable[Rejection]) -> list[tuple[str, str, str, int]]:
    """(table, column, value, rows) of every value not in its code list or not a yes/no, most frequent first:
    what the user maps in the dialog (or corrects in the file). Never guessed."""
    counts: dict[tuple[str, str, str], int] = {}
    for item in rejections:
        if item.code in UNKNOWN_VALUE_CODES:
            key = (item.table, item.field, item.value)
            counts[key] = counts.get(key, 0) + 1
    return sorted(((*key, count) for key, count in counts.items()), key=lambda r: (-r[3], r[:3]))


def collect_rejections(result: ImportResult, drafts: list[HouseholdDraft], skip_invalid: bool) -> None:
    """Collect the rejections; without skip_invalid any of them refuses the whole import."""
    for draft in drafts:
        result.rejections.extend(draft.problems)
        if draft.ok:
            result.warnings.extend(draft.notes)
            for member in draft.members or []:
                result.warnings.extend(member.notes)
    if result.rejections and not skip_invalid:
        raise ImportRefusedError(
            tr("{rows} row(s) were rejected, so nothing was imported.").format(rows=result.rejected_rows),
            result.rejections,
        )


# Seconds the import waits for QGIS (or another import) to finish writing the GeoPackage.
GPKG_BUSY_TIMEOUT_S = 5.0


class _ChangedSinceError(Exception):
    """A row's version is no longer the one the plan read: someone saved it in between."""


def write_gpkg(
    path: str | Path,
    drafts: list[HouseholdDraft],
    skip_invalid: bool = False,
    editor: str = "import",
    progress: Callable[[float], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Write the valid drafts into a community GeoPackage in one transaction.

    Without `skip_invalid`, any rejected draft (from prepare_import or found here: a house
    number owned by another household, a row the database refuses) rolls everything back
    and raises ImportRefusedError carrying all rejections. With it, valid households are
    committed and the rest reported in ImportResult.rejections. A household changed since an
    import of it, or since the version the file names, is kept and reported (ImportResult.kept).
    """
    result = ImportResult()
    try:
        connection = gpkg.connect(path)
    except sqlite3.Error as error:
        raise ImportRefusedError(tr("Cannot open {path}: {error}").format(path=path, error=error)) from error
    connection.isolation_level = None  # transactions are ours: BEGIN ... COMMIT / ROLLBACK
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(GPKG_BUSY_TIMEOUT_S * 1000)}")
        connection.execute("BEGIN IMMEDIATE")
        row_versions.upgrade_gpkg(connection)  # a database made before the guards gets them now
        changes = plan_changes(
            drafts,
            _gpkg_existing(connection),
            lambda point: gpkg.encode_point(*point, CRS_EPSG),
            lambda ids: _gpkg_members(connection, ids),
            editor,
            result,
            imported=row_versions.gpkg_import_versions(connection),
        )
        now = _now()
        written = []
        # Coverage of the households written is brought up to date once, set-based, before COMMIT.
        with coverage_triggers.deferred(connection):
            for number, change in enumerate(changes):
                if is_cancelled and is_cancelled():
                    raise ImportRefusedError(tr("The import was cancelled; nothing was imported."))
                if progress and number % 200 == 0:
                    progress(100.0 * number / len(changes))
                if _gpkg_apply(connection, change, now, result):
                    written.append((change.household_id, change.source_hash, change.row_version))
            row_versions.record_gpkg_import_versions(connection, written, now)
            collect_rejections(result, drafts, skip_invalid)
        gpkg.update_extent(connection, HOUSEHOLDS)
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        if "locked" in str(error) or "busy" in str(error):
            raise ImportRefusedError(
                tr(
                    "The community database {path} is being written by someone else (edits in QGIS not yet "
                    "saved, or another import): save or discard those edits and import again. Nothing was imported."
                ).format(path=path)
            ) from error
        raise ImportRefusedError(
            tr("The community database {path} could not be written; nothing was imported: {error}").format(
                path=path, error=error
            )
        ) from error
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    if progress:
        progress(100.0)
    return result


def _gpkg_existing(connection: sqlite3.Connection) -> dict[str, ExistingHousehold]:
    columns = ("household_id", *COMPARED_COLUMNS, "row_version", GEOMETRY_COLUMN)
    select = ", ".join(gpkg.quote_identifier(c) for c in columns)
    existing = {}
    for row in connection.execute(f"SELECT {select} FROM {gpkg.quote_identifier(HOUSEHOLDS)}"):
        values = dict(zip(columns[1:-1], row[1:-1]))
        existing[row[0]] = ExistingHousehold(values, bytes(row[-1]) if row[-1] is not None else None)
    return existing


def _gpkg_members(connection: sqlite3.Connection, household_ids: list[str]) -> dict[str, list[tuple]]:
    stored: dict[str, list[tuple]] = {}
    columns = ", ".join((*MEMBER_COLUMNS, "row_version"))
    select = f"SELECT {columns} FROM {gpkg.quote_identifier(MEMBERS)} WHERE household_id = ?"
    for household_id in household_ids:
        stored[household_id] = connection.execute(select, (household_id,)).fetchall()
    return stored


def _gpkg_execute_checked(connection: sqlite3.Connection, sql: str, parameters: tuple) -> None:
    """Run an UPDATE/DELETE that names the version it read; no row means someone saved in between."""
    if connection.execute(sql, parameters).rowcount != 1:
        raise _ChangedSinceError


def _gpkg_write_members(connection: sqlite3.Connection, members: MemberChanges) -> None:
    table = gpkg.quote_identifier(MEMBERS)
    assignments = ", ".join(f"{gpkg.quote_identifier(c)} = ?" for c in MEMBER_VALUE_COLUMNS)
    for row, version in members.update:
        _gpkg_execute_checked(
            connection,
            f"UPDATE {table} SET {assignments}, row_version = ? WHERE member_id = ? AND row_version IS ?",
            (*row[2:], (version or 0) + 1, row[0], version),
        )
    for member_id, version in members.delete:
        _gpkg_execute_checked(
            connection, f"DELETE FROM {table} WHERE member_id = ? AND row_version IS ?", (member_id, version)
        )
    if members.insert:
        gpkg.insert_rows(connection, MEMBERS, [*MEMBER_COLUMNS, "row_version"], [(*r, 1) for r in members.insert])


def _gpkg_apply(connection: sqlite3.Connection, change: HouseholdChange, now: str, result: ImportResult) -> bool:
    """One household and its members, in a savepoint: a row the database refuses is rejected alone,
    a row saved by someone since the plan was read is kept. True when written."""
    values = dict(change.values)
    if GEOMETRY_COLUMN in values or change.insert:
        values[GEOMETRY_COLUMN] = gpkg.encode_point(*change.draft.point, CRS_EPSG)
    connection.execute("SAVEPOINT household")
    try:
        if change.insert:
            names = [GEOMETRY_COLUMN, "household_id", *COMPARED_COLUMNS, "created_at", "updated_at", "row_version"]
            row = [values.get(c) for c in names[:-3]] + [now, now, 1]
            gpkg.insert_rows(connection, HOUSEHOLDS, names, [row])
        else:
            values.update(updated_at=now, row_version=change.row_version)
            assignments = ", ".join(f"{gpkg.quote_identifier(c)} = ?" for c in values)
            _gpkg_execute_checked(
                connection,
                f"UPDATE {gpkg.quote_identifier(HOUSEHOLDS)} SET {assignments} "
                "WHERE household_id = ? AND row_version IS ?",
                (*values.values(), change.household_id, change.read_version),
            )
        if change.members is not None:
            _gpkg_write_members(connection, change.members)
        connection.execute("RELEASE household")
    except _ChangedSinceError:
        connection.execute("ROLLBACK TO household")
        connection.execute("RELEASE household")
        stored = connection.execute(
            f"SELECT row_version FROM {gpkg.quote_identifier(HOUSEHOLDS)} WHERE household_id = ?",
            (change.household_id,),
        ).fetchone()
        keep_changed(result, change.draft, change.household_id, stored[0] if stored else None, change.read_version)
        return False
    except sqlite3.IntegrityError as error:
        connection.execute("ROLLBACK TO household")
        connection.execute("RELEASE household")
        _reject_draft(change.draft, "", "", CellError("database", detail=str(error)))
        return False
    result.members_written += change.members.written if change.members else 0
    if change.insert:
        result.inserted += 1
    else:
        result.updated += 1
    return True
