"""The community database schema: layer names, field names and types, thresholds.

These names are the contract that the database, forms, imports, coverage, reports
and the PostGIS backend rely on. Change them here or nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codelists import (
    BUILDING_CONDITION,
    BUILDING_KIND,
    BUILDING_MATERIAL,
    BUILDING_TYPE,
    COMMUNITY_TYPE,
    DISABILITY,
    DISTRICT_GROUP,
    EDUCATION,
    FACILITY_KIND,
    LAYOUT_CODE_LISTS,
    OCCUPATION,
    SAFETY_KIND,
    SIZE_CLASS,
    WATERWAY_KIND,
    WAY_KIND,
    WAY_SURFACE,
    CodeList,
)

CRS_AUTHID = "EPSG:32647"  # WGS 84 / UTM zone 47N, metres, covers Bangkok
CRS_EPSG = 32647

# Size classes by registered households (KR 8310 sheet): S <= 200, M 201-500, L >= 501.
SMALL_MAX_HOUSEHOLDS = 200
MEDIUM_MAX_HOUSEHOLDS = 500
KR_SIZE_CLASSES = ("S", "M")  # the classes KR 8310 counts; L is reported beside it

# Valid ranges: a value outside is a typo, never data (the forms, the DDL CHECKs and the
# completeness rule all read them from the FieldSpecs below).
AGE_MIN, AGE_MAX = 0, 120
RESIDENCE_YEARS_MIN, RESIDENCE_YEARS_MAX = 0, 120
MEMBER_COUNT_MIN, MEMBER_COUNT_MAX = 1, 99
DISTRICT_CODE_MIN, DISTRICT_CODE_MAX = 1001, 1050
REGISTERED_HOUSEHOLDS_MIN = 0

COMMUNITIES = "communities"
HOUSEHOLDS = "households"
MEMBERS = "members"
DISTRICTS = "districts"
GEOMETRY_COLUMN = "geom"

# The community layout (แผนผังชุมชน) layers.
BUILDINGS = "buildings"
WAYS = "ways"
WATERWAYS = "waterways"
WATER_AREAS = "water_areas"
FACILITIES = "facilities"
SAFETY_POINTS = "safety_points"

FLOORS_MIN, FLOORS_MAX = 1, 99
WAY_WIDTH_M_MIN, WAY_WIDTH_M_MAX = 0, 100
# Several house numbers of one building (row houses, flats) are written in one field, split by this.
HOUSE_NUMBERS_SEPARATOR = ";"

# Code lists by name, for FieldSpec.code_list.
CODE_LISTS_BY_NAME: dict[str, CodeList] = {
    code_list.name: code_list
    for code_list in (
        BUILDING_TYPE,
        EDUCATION,
        OCCUPATION,
        DISABILITY,
        SIZE_CLASS,
        DISTRICT_GROUP,
        COMMUNITY_TYPE,
        *LAYOUT_CODE_LISTS,
    )
}

# sql_check is written into DDL without a quoting helper (definitions/ cannot use core/), so
# the names and codes it contains must be plain words.
_PLAIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | integer | real | datetime | boolean
    unique: bool = False
    not_null: bool = False
    personal: bool = False  # PDPA: never in a map or planner report
    minimum: int | float | None = None  # valid range of a number, bounds included
    maximum: int | float | None = None
    code_list: str | None = None  # name of the code list whose keys are the only valid values

    def __post_init__(self) -> None:
        if not _PLAIN_WORD.fullmatch(self.name):
            raise ValueError(f"field name {self.name!r} is not a plain SQL word")
        if self.code_list is not None:
            for key in self.codes:
                if not _PLAIN_WORD.fullmatch(key):
                    raise ValueError(f"code {key!r} of {self.code_list} is not a plain word")

    @property
    def codes(self) -> tuple[str, ...]:
        """The keys of the field's code list; () when it has none. KeyError for an unknown list name."""
        if self.code_list is None:
            return ()
        return tuple(CODE_LISTS_BY_NAME[self.code_list].keys())

    @property
    def sql_check(self) -> str:
        """SQL CHECK expression from the range and code list ("" when none), shared by the
        GeoPackage and PostGIS DDL, which add "name IS NULL OR (...)"."""
        parts = []
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"{self.name} BETWEEN {self.minimum!r} AND {self.maximum!r}")
        elif self.minimum is not None:
            parts.append(f"{self.name} >= {self.minimum!r}")
        elif self.maximum is not None:
            parts.append(f"{self.name} <= {self.maximum!r}")
        if self.codes:
            keys = ", ".join(f"'{key}'" for key in self.codes)  # plain words: see __post_init__
            parts.append(f"{self.name} IN ({keys})")
        return " AND ".join(parts)


@dataclass(frozen=True)
class LayerSpec:
    name: str
    geometry: str | None  # "MULTIPOLYGON", "MULTILINESTRING", "POINT" or None
    fields: tuple[FieldSpec, ...]

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldSpec:
        spec = self.get(name)
        if spec is None:
            raise KeyError(name)
        return spec

    def get(self, name: str) -> FieldSpec | None:
        """The field called `name`, or None when the layer has none."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


COMMUNITIES_SPEC = LayerSpec(
    COMMUNITIES,
    "MULTIPOLYGON",
    (
        FieldSpec("community_id", "text", unique=True, not_null=True),
        FieldSpec("name", "text"),
        FieldSpec("district_code", "integer", minimum=DISTRICT_CODE_MIN, maximum=DISTRICT_CODE_MAX),
        FieldSpec("registered_households", "integer", minimum=REGISTERED_HOUSEHOLDS_MIN),
        FieldSpec("size_class", "text", code_list=SIZE_CLASS.name),
        FieldSpec("households_entered", "integer"),
        FieldSpec("households_complete", "integer"),
        FieldSpec("coverage_pct", "real"),
        # ok | over_register | zero_registered | no_data: why coverage_pct looks as it does
        FieldSpec("coverage_flag", "text"),
        # From BMA's community register (core/importing/register.py):
        FieldSpec("community_type", "text", code_list=COMMUNITY_TYPE.name),
        FieldSpec("population", "integer", minimum=0),
        FieldSpec("date_registered", "text"),  # ISO date YYYY-MM-DD
        # The community's location (EPSG:32647): the register's point, or a point on the polygon.
        # A community known only by its point has a NULL polygon and these two set.
        FieldSpec("location_x", "real"),
        FieldSpec("location_y", "real"),
    ),
)

# Added to communities after the first layout: upgrade_database adds them to older databases.
COMMUNITY_REGISTER_FIELDS: tuple[str, ...] = (
    "community_type",
    "population",
    "date_registered",
    "location_x",
    "location_y",
)

HOUSEHOLDS_SPEC = LayerSpec(
    HOUSEHOLDS,
    "POINT",
    (
        FieldSpec("household_id", "text", unique=True, not_null=True),
        FieldSpec("community_id", "text"),
        FieldSpec("house_no", "text", personal=True),
        FieldSpec("building_type", "text", personal=True, code_list=BUILDING_TYPE.name),
        FieldSpec(
            "residence_years",
            "integer",
            personal=True,
            minimum=RESIDENCE_YEARS_MIN,
            maximum=RESIDENCE_YEARS_MAX,
        ),
        FieldSpec("member_count", "integer", personal=True, minimum=MEMBER_COUNT_MIN, maximum=MEMBER_COUNT_MAX),
        FieldSpec("created_at", "datetime"),
        FieldSpec("updated_at", "datetime"),
        FieldSpec("editor", "text", personal=True),
        # Optimistic locking: bumped on every update so concurrent saves can be refused.
        FieldSpec("row_version", "integer"),
    ),
)

MEMBERS_SPEC = LayerSpec(
    MEMBERS,
    None,
    (
        FieldSpec("member_id", "text", unique=True, not_null=True),
        FieldSpec("household_id", "text", not_null=True),
        FieldSpec("age", "integer", personal=True, minimum=AGE_MIN, maximum=AGE_MAX),
        FieldSpec("education", "text", personal=True, code_list=EDUCATION.name),
        FieldSpec("occupation", "text", personal=True, code_list=OCCUPATION.name),
        FieldSpec("disability", "text", personal=True, code_list=DISABILITY.name),
        FieldSpec("bedridden", "boolean", personal=True),
        FieldSpec("row_version", "integer"),
    ),
)

DISTRICTS_SPEC = LayerSpec(
    DISTRICTS,
    "MULTIPOLYGON",
    (
        FieldSpec(
            "district_code", "integer", unique=True, not_null=True, minimum=DISTRICT_CODE_MIN, maximum=DISTRICT_CODE_MAX
        ),
        FieldSpec("name_th", "text"),
        FieldSpec("name_en", "text"),
        FieldSpec("group_code", "text", code_list=DISTRICT_GROUP.name),
        FieldSpec("group_th", "text"),
        FieldSpec("group_en", "text"),
        FieldSpec("target_small_communities", "integer"),
        FieldSpec("target_small_households", "integer"),
        FieldSpec("target_medium_communities", "integer"),
        FieldSpec("target_medium_households", "integer"),
    ),
)

LAYER_SPECS: tuple[LayerSpec, ...] = (COMMUNITIES_SPEC, HOUSEHOLDS_SPEC, MEMBERS_SPEC, DISTRICTS_SPEC)


# The community layout (แผนผังชุมชน) layers, in layout_contract order: name, geometry, the id field,
# the kind field and its code list, then the layer's own other fields.
_LAYOUT_LAYERS: tuple[tuple[str, str, str, str, CodeList, tuple[FieldSpec, ...]], ...] = (
    (
        BUILDINGS,
        "MULTIPOLYGON",
        "building_id",
        "building_kind",
        BUILDING_KIND,
        (
            FieldSpec("floors", "integer", minimum=FLOORS_MIN, maximum=FLOORS_MAX),
            FieldSpec("material", "text", code_list=BUILDING_MATERIAL.name),
            FieldSpec("condition", "text", code_list=BUILDING_CONDITION.name),
            # The building's address numbers (not a family's): "12;12/1;14"; planners' maps never label them.
            FieldSpec("house_numbers", "text"),
            FieldSpec("name", "text"),
        ),
    ),
    (
        WAYS,
        "MULTILINESTRING",
        "way_id",
        "way_kind",
        WAY_KIND,
        (
            FieldSpec("name", "text"),
            FieldSpec("width_m", "real", minimum=WAY_WIDTH_M_MIN, maximum=WAY_WIDTH_M_MAX),
            FieldSpec("surface", "text", code_list=WAY_SURFACE.name),
            FieldSpec("fire_truck_access", "boolean"),
        ),
    ),
    (WATERWAYS, "MULTILINESTRING", "waterway_id", "waterway_kind", WATERWAY_KIND, (FieldSpec("name", "text"),)),
    (WATER_AREAS, "MULTIPOLYGON", "water_area_id", "waterway_kind", WATERWAY_KIND, (FieldSpec("name", "text"),)),
    (FACILITIES, "POINT", "facility_id", "facility_kind", FACILITY_KIND, (FieldSpec("name", "text"),)),
    (SAFETY_POINTS, "POINT", "safety_id", "safety_kind", SAFETY_KIND, (FieldSpec("note", "text"),)),
)


def _layout_spec(
    name: str, geometry: str, id_field: str, kind_field: str, kinds: CodeList, fields: tuple[FieldSpec, ...]
) -> LayerSpec:
    """A layout layer: its id and kind, its own fields, then where it lies, its OSM key and when it
    last changed."""
    identity = (
        FieldSpec(id_field, "text", unique=True, not_null=True),
        FieldSpec(kind_field, "text", code_list=kinds.name),
    )
    common = (
        FieldSpec("community_id", "text"),  # set from the location, as for households
        # "node/123", "way/456", "relation/789" when imported from OpenStreetMap: the re-import key.
        FieldSpec("osm_id", "text", unique=True),
        FieldSpec("updated_at", "datetime"),
    )
    return LayerSpec(name, geometry, identity + fields + common)


# The community layout layers (layout_contract order); LAYER_SPECS keeps the four core layers.
LAYOUT_LAYER_SPECS: tuple[LayerSpec, ...] = tuple(_layout_spec(*layer) for layer in _LAYOUT_LAYERS)
BUILDINGS_SPEC, WAYS_SPEC, WATERWAYS_SPEC, WATER_AREAS_SPEC, FACILITIES_SPEC, SAFETY_POINTS_SPEC = LAYOUT_LAYER_SPECS

# Household coordinates are personal too: a point locates a family.
PERSONAL_FIELDS: frozenset[str] = frozenset(f.name for spec in LAYER_SPECS for f in spec.fields if f.personal) | {
    "household_id",
    "member_id",
}

# Completeness defaults (KR 8310: "data entered" for a household).
REQUIRED_HOUSEHOLD_FIELDS: tuple[str, ...] = ("house_no", "building_type", "residence_years", "member_count")
REQUIRED_MEMBER_FIELDS: tuple[str, ...] = ("age", "education", "occupation", "disability", "bedridden")
