"""OpenStreetMap tags -> community layout values, by the tables of definitions/osm_tags.py.

`map_tags(tags, shape)` gives what one OSM feature becomes: zero or more `Mapped` (the table,
its field values, and whether the table takes a point on the feature's surface). A polygon
building that is also a temple gives a building and a facility. Values are always keys of the
layout code lists or NULL, and numbers within the schema's ranges; a value that cannot be
read (a width of "narrow") is left NULL, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...definitions import osm_tags
from ...definitions.schema import (
    BUILDINGS,
    FACILITIES,
    FLOORS_MAX,
    FLOORS_MIN,
    HOUSE_NUMBERS_SEPARATOR,
    SAFETY_POINTS,
    WATER_AREAS,
    WATERWAYS,
    WAY_WIDTH_M_MAX,
    WAY_WIDTH_M_MIN,
    WAYS,
)

POINT, LINE, POLYGON = "point", "line", "polygon"

_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(m|metres?|meters?|ม\.?|เมตร|ft|')?\s*$", re.IGNORECASE)
_FEET = 0.3048


@dataclass(frozen=True)
class Mapped:
    """One layout row an OSM feature gives: `table`, its values, and `as_point` (a point on the surface)."""

    table: str
    values: dict[str, object]
    as_point: bool = False


def _value(tags: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = (tags.get(key) or "").strip()
        if value:
            return value
    return ""


def _yes(tags: dict[str, str], keys: tuple[str, ...]) -> bool:
    value = _value(tags, keys).casefold()
    return bool(value) and value not in osm_tags.NEGATIVE_VALUES


def name_of(tags: dict[str, str]) -> str | None:
    return _value(tags, osm_tags.NAME_KEYS) or None


def _by_prefix(name: str | None, prefixes: tuple[tuple[str, str], ...]) -> str | None:
    text = "".join((name or "").split())
    for prefix, kind in prefixes:
        if text.startswith(prefix):
            return kind
    return None


def parse_width(text: str) -> float | None:
    """Metres from an OSM width ('3', '3.5 m', '2,5', '10 ft'); None when unreadable or out of range."""
    match = _NUMBER.match(text or "")
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").casefold()
    if unit in ("ft", "'"):
        number = round(number * _FEET, 2)
    return number if WAY_WIDTH_M_MIN <= number <= WAY_WIDTH_M_MAX else None


def parse_floors(text: str) -> int | None:
    """Whole storeys from building:levels ('2', '2.5' -> 2); None when unreadable or out of range."""
    try:
        floors = int(float((text or "").replace(",", ".")))
    except ValueError:
        return None
    return floors if FLOORS_MIN <= floors <= FLOORS_MAX else None


def _lifecycle(value: str) -> bool:
    return value.casefold() in osm_tags.IGNORED_LIFECYCLE_VALUES


# ---------------------------------------------------------------------------------------


def building_values(tags: dict[str, str]) -> dict[str, object] | None:
    building = (tags.get("building") or "").strip().casefold()
    if not building or building in osm_tags.NEGATIVE_VALUES:
        return None
    kind = osm_tags.BUILDING_KIND_BY_VALUE.get(building)
    if kind is None:
        amenity = (tags.get("amenity") or "").casefold()
        if amenity == osm_tags.PLACE_OF_WORSHIP[1]:
            kind = osm_tags.RELIGION_BUILDING_KIND.get((tags.get("religion") or "").casefold(), "other")
        elif amenity in osm_tags.BUILDING_KIND_BY_AMENITY:
            kind = osm_tags.BUILDING_KIND_BY_AMENITY[amenity]
        elif tags.get("shop"):
            kind = osm_tags.SHOP_BUILDING_KIND
    material = osm_tags.BUILDING_MATERIAL_BY_VALUE.get(_value(tags, osm_tags.BUILDING_MATERIAL_KEYS).casefold())
    ruin = building in osm_tags.RUIN_BUILDING_VALUES or _yes(tags, osm_tags.RUIN_KEYS)
    numbers = [n.strip() for n in re.split(r"[;,]", _value(tags, osm_tags.HOUSE_NUMBER_KEYS)) if n.strip()]
    return {
        "building_kind": kind,
        "floors": parse_floors(_value(tags, osm_tags.FLOORS_KEYS)),
        "material": material,
        "condition": "ruin" if ruin else None,
        "house_numbers": HOUSE_NUMBERS_SEPARATOR.join(numbers) or None,
        "name": name_of(tags),
    }


def way_kind(tags: dict[str, str]) -> str | None:
    highway = (tags.get("highway") or "").strip().casefold()
    if highway not in osm_tags.WAY_KIND_BY_HIGHWAY:
        return None
    if _yes(tags, osm_tags.BRIDGE_KEYS):
        return "bridge"
    if highway in osm_tags.WALKWAY_HIGHWAYS:
        return "walkway"
    if highway == "service" and (tags.get("service") or "").casefold() in osm_tags.TROK_SERVICE_VALUES:
        return "trok"
    return _by_prefix(name_of(tags), osm_tags.WAY_KIND_BY_NAME_PREFIX) or osm_tags.WAY_KIND_BY_HIGHWAY[highway]


def way_values(tags: dict[str, str]) -> dict[str, object] | None:
    kind = way_kind(tags)
    if kind is None:
        return None
    return {
        "way_kind": kind,
        "name": name_of(tags),
        "width_m": parse_width(_value(tags, osm_tags.WIDTH_KEYS)),
        "surface": osm_tags.WAY_SURFACE_BY_VALUE.get(_value(tags, osm_tags.SURFACE_KEYS).casefold()),
    }


def waterway_values(tags: dict[str, str]) -> dict[str, object] | None:
    waterway = (tags.get("waterway") or "").strip().casefold()
    if waterway not in osm_tags.WATERWAY_KIND_BY_VALUE:
        return None
    name = name_of(tags)
    kind = _by_prefix(name, osm_tags.WATERWAY_KIND_BY_NAME_PREFIX) or osm_tags.WATERWAY_KIND_BY_VALUE[waterway]
    return {"waterway_kind": kind, "name": name}


def water_area_values(tags: dict[str, str]) -> dict[str, object] | None:
    if not any((tags.get(key) or "").casefold() in values for key, values in osm_tags.WATER_AREA_TAGS.items()):
        return None
    name = name_of(tags)
    kind = (
        _by_prefix(name, osm_tags.WATERWAY_KIND_BY_NAME_PREFIX)
        or osm_tags.WATER_KIND_BY_VALUE.get((tags.get("water") or "").casefold())
        or osm_tags.WATER_KIND_BY_VALUE.get((tags.get("waterway") or "").casefold())
        or osm_tags.WATER_AREA_DEFAULT_KIND
    )
    return {"waterway_kind": kind, "name": name}


def _first_rule(tags: dict[str, str], rules) -> str | None:
    for key, values, kind in rules:
        if (tags.get(key) or "").casefold() in values:
            return kind
    return None


def facility_values(tags: dict[str, str]) -> dict[str, object] | None:
    key, value = osm_tags.PLACE_OF_WORSHIP
    if (tags.get(key) or "").casefold() == value:
        religion = (tags.get("religion") or "").casefold()
        kind = osm_tags.RELIGION_FACILITY_KIND.get(religion, osm_tags.FACILITY_OTHER_KIND)
    else:
        kind = _first_rule(tags, osm_tags.FACILITY_RULES)
    if kind is None:
        return None
    return {"facility_kind": kind, "name": name_of(tags)}


def safety_values(tags: dict[str, str]) -> dict[str, object] | None:
    kind = _first_rule(tags, osm_tags.SAFETY_RULES)
    if kind is None:
        return None
    return {"safety_kind": kind, "note": name_of(tags)}


def map_tags(tags: dict[str, str], shape: str) -> list[Mapped]:
    """What an OSM feature of `shape` (POINT, LINE or POLYGON) with `tags` becomes."""
    mapped: list[Mapped] = []
    if shape == LINE:
        if _lifecycle(tags.get("highway") or "") or _lifecycle(tags.get("waterway") or ""):
            return []
        for table, values in ((WAYS, way_values(tags)), (WATERWAYS, waterway_values(tags))):
            if values is not None:
                mapped.append(Mapped(table, values))
        return mapped
    if shape == POLYGON:
        for table, values in ((BUILDINGS, building_values(tags)), (WATER_AREAS, water_area_values(tags))):
            if values is not None:
                mapped.append(Mapped(table, values))
    for table, values in ((FACILITIES, facility_values(tags)), (SAFETY_POINTS, safety_values(tags))):
        if values is not None:
            mapped.append(Mapped(table, values, as_point=shape == POLYGON))
    return mapped
