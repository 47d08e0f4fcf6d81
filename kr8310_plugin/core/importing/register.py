"""Import BMA's community register into a community database (GeoPackage or PostGIS).

In: a SourceTable from `readers` (CSV in UTF-8/BOM/TIS-620, XLSX, any OGR layer) with one
community per row; columns map themselves from English or Thai headers (REGISTER_ALIASES),
or by hand (`mapping`: field -> column). Out: a RegisterImportResult (inserted, updated,
unchanged, the changes field by field, notices), or ImportRefusedError with the rejected
rows (row, field, value, reason in Thai and English) and nothing written.

Contract for communities known only by a point: the polygon (`geom`) is NULL and the point is
stored in `location_x`/`location_y` (EPSG:32647). Communities with a polygon get a point on
the polygon there too, so every community has a location. Coverage counts households by
`community_id`, so a point community counts in coverage and every KR roll-up at once. An
import never removes a polygon: a register row without geometry leaves a stored boundary.

Matching: on `community_id` when the register has codes, else on the normalised name within
the district (`normalise_community_name`); communities sharing a normalised name in one
district are paired in file order with the stored ones in id order, and reported, never
merged. New communities without a code get `<district code>-<sequence>` (e.g. 1001-0007); the
highest sequence per district is kept in `kr8310_settings`, so a code is never reused.
Columns the register does not have are left as stored. Importing the same file twice writes
nothing the second time. Reading and writing the database is register_store's (one
transaction on either backend; on PostGIS only the schema's admin role may import).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsWkbTypes,
)

from ...definitions.codelists import COMMUNITY_TYPE
from ...definitions.schema import (
    CRS_AUTHID,
    DISTRICT_CODE_MAX,
    DISTRICT_CODE_MIN,
)
from ..rules.completeness import is_filled
from ..storage import rule_store
from ..toolbelt.i18n import tr
from .importer import ImportRefusedError, Rejection, apply_overrides
from .normalise import CellError, clean_text, normalise_column_name, parse_integer, parse_number
from .readers import SourceTable
from .register_store import (
    CommunityInsert,
    CommunityUpdate,
    RegisterStore,
    StoredCommunity,
    geometry_key,
    open_register_store,
)

REGISTER_TARGETS = (
    "community_id",
    "name",
    "district",
    "community_type",
    "registered_households",
    "population",
    "date_registered",
    "latitude",
    "longitude",
    "x",
    "y",
)
# Other names registers use (normalised by normalise_column_name: lower case, '_' for spaces).
REGISTER_ALIASES: dict[str, tuple[str, ...]] = {
    "community_id": ("community_id", "community_code", "code", "รหัสชุมชน", "รหัส"),
    "name": ("name", "community_name", "community", "ชื่อชุมชน", "ชุมชน", "ชื่อ"),
    "district": (
        "district",
        "district_code",
        "district_name",
        "district_th",
        "district_en",
        "dcode",
        "เขต",
        "ชื่อเขต",
        "รหัสเขต",
        "สำนักงานเขต",
    ),
    "community_type": ("community_type", "type", "ประเภทชุมชน", "ประเภท"),
    "registered_households": (
        "registered_households",
        "households",
        "household",
        "จำนวนหลังคาเรือน",
        "จำนวนครัวเรือน",
        "หลังคาเรือน",
        "ครัวเรือน",
        "จำนวนบ้าน",  # BMA's dataset counts houses: one household a house for KR 8310
    ),
    "population": ("population", "จำนวนประชากร", "ประชากร"),
    "date_registered": (
        "date_registered",
        "registered_date",
        "registration_date",
        "registered_on",
        "วันที่จดทะเบียน",
        "วันที่ตั้งชุมชน",
    ),
    "latitude": ("latitude", "lat", "ละติจูด"),
    "longitude": ("longitude", "lon", "lng", "long", "ลองจิจูด"),
    "x": ("x", "easting"),
    "y": ("y", "northing"),
}
THAILAND_LON = (97.3, 105.7)
THAILAND_LAT = (5.6, 20.5)

# Reasons for rejections and notices: code -> (Thai, English); the report carries both.
REGISTER_REASONS: dict[str, tuple[str, str]] = {
    "required": ("ต้องกรอกข้อมูล", "value required"),
    "unknown_district": ("ไม่พบเขตนี้ในกรุงเทพมหานคร", "no such district in Bangkok"),
    "no_district": ("ไม่ระบุเขตและไม่มีพิกัดในเขตใด", "no district given and no location inside a district"),
    "unknown_type": ("ไม่มีในรายการประเภทชุมชน", "not in the community type code list"),
    "not_date": ("ไม่ใช่วันที่", "not a date"),
    "not_integer": ("ไม่ใช่จำนวนเต็ม", "not a whole number"),
    "not_number": ("ไม่ใช่ตัวเลข", "not a number"),
    "out_of_range": ("ค่าอยู่นอกช่วงที่กำหนด ({low}–{high})", "value out of range ({low}–{high})"),
    "too_long": ("ข้อความยาวเกิน {limit} ตัวอักษร", "text longer than {limit} characters"),
    "bad_text": ("ข้อความมีอักขระที่อ่านไม่ได้ (การเข้ารหัสผิด)", "unreadable characters (wrong text encoding)"),
    "no_location": ("พิกัดไม่ครบ", "incomplete coordinates"),
    "outside_thailand": ("พิกัดอยู่นอกประเทศไทย", "coordinates outside Thailand"),
    "bad_geometry": ("รูปทรงต้องเป็นจุดหรือรูปปิด", "geometry must be a point or a polygon"),
    "duplicate_code": ("รหัสชุมชนซ้ำกับแถวที่ {row} ในไฟล์", "community code repeats row {row} of the file"),
    "district_mismatch": (
        "ตำแหน่งอยู่ในเขต {located} แต่ระบุเขต {given}",
        "the location lies in district {located} but the row names {given}",
    ),
    "outside_districts": ("ตำแหน่งไม่อยู่ในเขตใด", "the location lies in no district"),
    "duplicate_name": (
        "ชื่อชุมชนซ้ำกับแถวที่ {row} ในเขตเดียวกัน (นำเข้าเป็นคนละชุมชน)",
        "same community name as row {row} in the same district (imported as separate communities)",
    ),
    "code_differs": (
        "รหัสในไฟล์ {given} ต่างจากรหัสที่เก็บไว้ {stored} (คงรหัสเดิม)",
        "the file's code {given} differs from the stored code {stored} (stored code kept)",
    ),
    "database": ("ฐานข้อมูลไม่ยอมรับ: {detail}", "refused by the database: {detail}"),
}

# U+200B-U+200D zero-width, U+2060 word joiner, U+FEFF BOM, U+00AD soft hyphen; bidi marks,
# embeddings, overrides and isolates; U+061C Arabic letter mark.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 3)
_COMMUNITY_PREFIX = "ชุมชน"
_DISTRICT_PREFIX = "เขต"
_GENERATED_ID = re.compile(r"^(\d{4})-(\d{4,})$")
_DATE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$")


def normalise_community_name(name: object) -> str:
    """The form of a community name used for matching: NFC, without zero-width and bidi control
    characters, without the `ชุมชน` prefix and any spaces, Thai and Arabic digits as ASCII,
    case-folded. 'ชุมชน วัด ๑๒' and 'วัด12' are the same; '' for a blank name."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _INVISIBLE.sub("", text).translate(_DIGITS)
    text = "".join(text.split())
    if text.startswith(_COMMUNITY_PREFIX) and len(text) > len(_COMMUNITY_PREFIX):
        text = text[len(_COMMUNITY_PREFIX) :]
    return text.casefold()


class RegisterError(CellError):
    """A register cell that cannot become a value: `code` names the reason in REGISTER_REASONS."""

    def reason(self, language: str) -> str:
        thai, english = REGISTER_REASONS[self.code]
        return (thai if language == "th" else english).format(**self.details)


def _entry(table: str, row: int, field_name: str, value: object, error: CellError) -> Rejection:
    shown = str(value) if is_filled(value) else ""
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    reasons = REGISTER_REASONS if error.code in REGISTER_REASONS else None
    if reasons is None:
        return Rejection(table, row, field_name, shown, error.code, error.reason("th"), error.reason("en"))
    thai, english = reasons[error.code]
    return Rejection(
        table, row, field_name, shown, error.code, thai.format(**error.details), english.format(**error.details)
    )


@dataclass(frozen=True)
class FieldChange:
    community_id: str
    field: str
    old: object
    new: object


@dataclass
class RegisterImportResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[FieldChange] = field(default_factory=list)
    notices: list[Rejection] = field(default_factory=list)  # reported, imported anyway
    inserted_ids: list[str] = field(default_factory=list)


# --- mapping --------------------------------------------------------------------------


def parse_register_mapping(text: str) -> dict[str, str]:
    """The MAPPING parameter: 'name=ชื่อ; district=เขต' (as importhouseholds) or a JSON object."""
    text = (text or "").strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError as error:
            raise ImportRefusedError(tr("The column mapping is not valid JSON: {error}").format(error=error)) from error
        return {str(k).strip(): str(v or "").strip() for k, v in value.items()}
    from .importer import parse_mapping_text

    return parse_mapping_text(text)


def register_mapping(columns: list[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Register field -> source column: columns named like a field or an alias, the user's choices
    on top (an empty choice unmaps). Raises ImportRefusedError for a column the table lacks."""
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(normalise_column_name(column), column)
    mapping: dict[str, str] = {}
    for target in REGISTER_TARGETS:
        for alias in REGISTER_ALIASES[target]:
            if alias in by_name and by_name[alias] not in mapping.values():
                mapping[target] = by_name[alias]
                break
    for target in overrides or {}:
        if target not in REGISTER_TARGETS:
            raise ImportRefusedError(
                tr("The mapping names the field '{field}', which a community register does not have.").format(
                    field=target
                )
            )
    return apply_overrides(mapping, columns, dict(overrides or {}))


# --- districts ------------------------------------------------------------------------


class DistrictLookup:
    """The database's 50 districts: by Thai name (with or without 'เขต'), English name or code,
    and by location (point in polygon, EPSG:32647)."""

    def __init__(self, districts: list[tuple[int, str, str, QgsGeometry]]):
        self.names: dict[str, int] = {}
        self.codes = {code for code, *_ in districts}
        self.shapes = {code: geometry for code, _th, _en, geometry in districts if not geometry.isEmpty()}
        for code, name_th, name_en, _geometry in districts:
            self.names[self._key(name_th)] = code
            self.names[self._key(name_en)] = code

    @staticmethod
    def _key(text: object) -> str:
        key = normalise_community_name(text)
        key = key[len(_DISTRICT_PREFIX) :] if key.startswith(_DISTRICT_PREFIX) else key
        return key.replace("-", "").replace("_", "")

    def by_value(self, value: object) -> int:
        """A district code from a cell (code, Thai or English name); raises RegisterError."""
        number = None
        try:
            number = parse_integer(str(value).translate(_DIGITS) if isinstance(value, str) else value)
        except CellError:
            number = None
        if number is not None:
            if number in self.codes and DISTRICT_CODE_MIN <= number <= DISTRICT_CODE_MAX:
                return number
            raise RegisterError("unknown_district")
        code = self.names.get(self._key(value))
        if code is None:
            raise RegisterError("unknown_district")
        return code

    def at(self, x: float, y: float) -> int | None:
        point = QgsPointXY(x, y)
        found = [code for code, shape in self.shapes.items() if shape.boundingBox().contains(point)]
        geometry = QgsGeometry.fromPointXY(point)
        found = [code for code in found if self.shapes[code].intersects(geometry)]
        return found[0] if len(found) == 1 else None


# --- rows -----------------------------------------------------------------------------


@dataclass
class RegisterRow:
    row: int
    community_id: str | None
    values: dict[str, object]  # STORED_FIELDS present in the file
    geometry: QgsGeometry | None  # the polygon (multi, EPSG:32647), when the file has one
    key: str  # normalised name


def _in_thailand(lon: float, lat: float) -> bool:
    return THAILAND_LON[0] <= lon <= THAILAND_LON[1] and THAILAND_LAT[0] <= lat <= THAILAND_LAT[1]


class _Transforms:
    def __init__(self, source: QgsCoordinateReferenceSystem | None):
        context = QgsCoordinateTransformContext()
        utm, wgs84 = QgsCoordinateReferenceSystem(CRS_AUTHID), QgsCoordinateReferenceSystem("EPSG:4326")
        self.wgs84_to_utm = QgsCoordinateTransform(wgs84, utm, context)
        self.utm_to_wgs84 = QgsCoordinateTransform(utm, wgs84, context)
        self.layer_to_utm = QgsCoordinateTransform(source, utm, context) if source is not None else None

    def lonlat(self, lon: float, lat: float) -> tuple[float, float]:
        if not _in_thailand(lon, lat):
            raise RegisterError("outside_thailand")
        point = self.wgs84_to_utm.transform(QgsPointXY(lon, lat))
        return round(point.x(), 3), round(point.y(), 3)

    def utm(self, x: float, y: float) -> tuple[float, float]:
        try:
            back = self.utm_to_wgs84.transform(QgsPointXY(x, y))
        except QgsCsException as error:
            raise RegisterError("outside_thailand") from error
        if not _in_thailand(back.x(), back.y()):
            raise RegisterError("outside_thailand")
        return round(x, 3), round(y, 3)


def _parse_date(value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    text = text.translate(_DIGITS)
    match = _DATE_ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DATE_DMY.match(text)
        if not match:
            raise RegisterError("not_date")
        day, month, year = (int(g) for g in match.groups())
    if year > 2400:  # Buddhist era
        year -= 543
    try:
        return date(year, month, day).isoformat()
    except ValueError as error:
        raise RegisterError("not_date") from error


def _parse_type(value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    key = COMMUNITY_TYPE.key_for(text)
    if key is None:  # 'แออัด' for 'ชุมชนแออัด', spaces aside
        wanted = normalise_community_name(text)
        for code in COMMUNITY_TYPE.codes:
            if wanted in (normalise_community_name(code.label_th), normalise_community_name(code.label_en)):
                return code.key
        raise RegisterError("unknown_type")
    return key


def _geometry(geometry: QgsGeometry, transforms: _Transforms) -> tuple[QgsGeometry | None, tuple[float, float]]:
    """(multipolygon or None, location) in EPSG:32647 from a row geometry in the layer's CRS."""
    kind = QgsWkbTypes.geometryType(geometry.wkbType())
    if kind not in (QgsWkbTypes.PointGeometry, QgsWkbTypes.PolygonGeometry):
        raise RegisterError("bad_geometry")
    geometry = QgsGeometry(geometry)
    try:
        if transforms.layer_to_utm is not None:
            geometry.transform(transforms.layer_to_utm)
    except QgsCsException as error:
        raise RegisterError("outside_thailand") from error
    if kind == QgsWkbTypes.PointGeometry:
        point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
        return None, transforms.utm(point.x(), point.y())
    geometry.convertToMultiType()
    point = geometry.pointOnSurface().asPoint()
    location = transforms.utm(point.x(), point.y())
    return geometry, location


def _location(cells: dict[str, object], transforms: _Transforms) -> tuple[float, float] | None:
    for first, second, kind in (("longitude", "latitude", "lonlat"), ("x", "y", "xy")):
        a, b = parse_number(cells.get(first)), parse_number(cells.get(second))
        if a is None and b is None:
            continue
        if a is None or b is None:
            raise RegisterError("no_location")
        if kind == "xy" and abs(a) > 180:  # metres: UTM 47N
            return transforms.utm(a, b)
        return transforms.lonlat(a, b)
    return None


def prepare_register(
    table: SourceTable, mapping: dict[str, str], districts: DistrictLookup
) -> tuple[list[RegisterRow], list[Rejection], list[Rejection]]:
    """Register rows -> (checked rows, rejections, notices); pure, nothing is written."""
    transforms = _Transforms(table.crs)
    rows: list[RegisterRow] = []
    rejections: list[Rejection] = []
    notices: list[Rejection] = []
    seen_codes: dict[str, int] = {}
    for source in table.rows:
        cells = {target: source.values.get(column) for target, column in mapping.items()}
        column_of = lambda target: mapping.get(target, target)  # noqa: E731
        values: dict[str, object] = {}
        failed = False

        def reject(target: str, error: CellError, value: object = None, number=source.number, names=mapping) -> None:
            nonlocal failed
            failed = True
            rejections.append(_entry(table.name, number, names.get(target, target), value, error))

        community_id = None
        try:
            community_id = clean_text(cells.get("community_id"))
        except CellError as error:
            reject("community_id", error, cells.get("community_id"))
        if community_id is not None:
            community_id = community_id.translate(_DIGITS)
            if community_id in seen_codes:
                reject("community_id", RegisterError("duplicate_code", row=seen_codes[community_id]), community_id)
            seen_codes.setdefault(community_id, source.number)
        try:
            name = clean_text(cells.get("name"))
            if name is None:
                raise RegisterError("required")
            values["name"] = name
        except CellError as error:
            reject("name", error, cells.get("name"))
        parsers = {
            "community_type": _parse_type,
            "registered_households": lambda v: parse_integer(v, low=0),
            "population": lambda v: parse_integer(v, low=0),
            "date_registered": _parse_date,
        }
        for target, parser in parsers.items():
            if target in mapping:
                try:
                    values[target] = parser(cells.get(target))
                except CellError as error:
                    reject(target, error, cells.get(target))
        blob, location = None, None
        try:
            if source.geometry is not None and not source.geometry.isNull() and not source.geometry.isEmpty():
                blob, location = _geometry(source.geometry, transforms)
            else:
                location = _location(cells, transforms)
        except CellError as error:
            where = "latitude" if "latitude" in mapping else ("y" if "y" in mapping else "geometry")
            reject(where, error, cells.get(where) if where in cells else "")
        if location is not None:
            values["location_x"], values["location_y"] = location
        located = districts.at(*location) if location is not None else None
        district = None
        if is_filled(cells.get("district")):
            try:
                district = districts.by_value(cells["district"])
            except CellError as error:
                reject("district", error, cells.get("district"))
            if district is not None and location is not None and located != district:
                code = "outside_districts" if located is None else "district_mismatch"
                notices.append(
                    _entry(
                        table.name,
                        source.number,
                        column_of("district"),
                        cells["district"],
                        RegisterError(code, located=located, given=district),
                    )
                )
        elif located is not None:
            district = located
        else:
            reject("district", RegisterError("no_district"), cells.get("district"))
        if failed:
            continue
        values["district_code"] = district
        rows.append(RegisterRow(source.number, community_id, values, blob, normalise_community_name(values["name"])))
    first_of: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (row.values["district_code"], row.key)
        if key in first_of:
            notices.append(
                _entry(
                    table.name,
                    row.row,
                    column_of("name"),
                    row.values["name"],
                    RegisterError("duplicate_name", row=first_of[key]),
                )
            )
        first_of.setdefault(key, row.row)
    return rows, rejections, notices


# --- writing --------------------------------------------------------------------------


def _match(
    rows: list[RegisterRow], stored: list[StoredCommunity], table: str, notices: list[Rejection]
) -> list[tuple[RegisterRow, StoredCommunity | None]]:
    """(row, stored community or None) per row: by code, else by normalised name in the district."""
    by_id = {s.community_id: s for s in stored}
    claimed: set[str] = set()
    pairs: list[tuple[RegisterRow, StoredCommunity | None]] = []
    for row in rows:
        match = by_id.get(row.community_id) if row.community_id else None
        if match is not None:
            claimed.add(match.community_id)
        pairs.append((row, match))
    by_name: dict[tuple[int, str], list[StoredCommunity]] = {}
    for s in stored:
        if s.community_id not in claimed:
            key = (s.values["district_code"], normalise_community_name(s.values["name"]))
            by_name.setdefault(key, []).append(s)
    result = []
    for row, match in pairs:
        if match is None:
            candidates = by_name.get((row.values["district_code"], row.key))
            if candidates:
                match = candidates.pop(0)
                if row.community_id:
                    notices.append(
                        _entry(
                            table,
                            row.row,
                            "community_id",
                            row.community_id,
                            RegisterError("code_differs", given=row.community_id, stored=match.community_id),
                        )
                    )
        result.append((row, match))
    return result


def _same(old: object, new: object) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(new, float) or isinstance(old, float):
        return abs(float(old) - float(new)) < 1e-6
    return str(old) == str(new)


class _CodeGiver:
    """New community codes `<district>-<sequence>`: past the highest sequence stored for the district
    and past every code of that form in use, so a code is never given twice."""

    def __init__(self, store: RegisterStore, used: set[str]):
        self.store, self.used, self.sequences = store, used, {}

    def next(self, district: int) -> str:
        if district not in self.sequences:
            matches = [m for m in map(_GENERATED_ID.match, self.used) if m and int(m.group(1)) == district]
            highest = max([int(m.group(2)) for m in matches] or [0])
            self.sequences[district] = max(self.store.sequence(district), highest)
        while True:
            self.sequences[district] += 1
            candidate = f"{district}-{self.sequences[district]:04d}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def plan_register(
    rows: list[RegisterRow], store: RegisterStore, table: str, result: RegisterImportResult
) -> tuple[list[CommunityInsert], list[CommunityUpdate], dict[int, int]]:
    """What the checked rows do to the stored communities: inserts, updates (only the changed
    fields; a boundary only when the file has a new one) and the code sequences used. Fills the
    counts and changes of `result`; writes nothing."""
    stored = store.stored()
    codes = _CodeGiver(store, {s.community_id for s in stored})
    inserts: list[CommunityInsert] = []
    updates: list[CommunityUpdate] = []
    for row, match in _match(rows, stored, table, result.notices):
        if match is None:
            community_id = row.community_id or codes.next(row.values["district_code"])
            codes.used.add(community_id)
            inserts.append(CommunityInsert(community_id, dict(row.values), row.geometry))
            result.inserted += 1
            result.inserted_ids.append(community_id)
            continue
        changed = {name: value for name, value in row.values.items() if not _same(match.values.get(name), value)}
        for name, value in changed.items():
            result.changes.append(FieldChange(match.community_id, name, match.values.get(name), value))
        boundary = None
        if row.geometry is not None and geometry_key(row.geometry) != match.geometry:
            boundary = row.geometry
            result.changes.append(FieldChange(match.community_id, "boundary", None, None))
        if not changed and boundary is None:
            result.unchanged += 1
            continue
        updates.append(CommunityUpdate(match, changed, boundary))
        result.updated += 1
    return inserts, updates, codes.sequences


def import_register(
    database: str,
    table: SourceTable,
    mapping: dict[str, str] | None = None,
) -> RegisterImportResult:
    """Import a community register into `database` (a GeoPackage path or a PostGIS database string,
    core/storage/datasource.py) in one transaction.

    Raises ImportRefusedError (with the rejected rows; nothing written) when any row is rejected,
    the database refuses a change, or (PostGIS) the login may not add and change communities
    (only the schema's admin role may). Upgrades an older database first (rule_store.upgrade_database).
    """
    columns = register_mapping(table.columns, mapping)
    if "name" not in columns:
        raise ImportRefusedError(tr("The register has no community name column (name / ชื่อชุมชน)."))
    store = open_register_store(database)
    try:
        rule_store.upgrade_database(database)
        districts = DistrictLookup(store.district_rows())
        rows, rejections, notices = prepare_register(table, columns, districts)
        if rejections:
            raise ImportRefusedError(
                tr("{rows} row(s) of the register were rejected; nothing was imported.").format(
                    rows=len({r.row for r in rejections})
                ),
                rejections,
            )
        result = RegisterImportResult(notices=notices)
        inserts, updates, sequences = plan_register(rows, store, table.name, result)
        if inserts or updates:
            store.write(inserts, updates, sequences)
    finally:
        store.close()
    return result
