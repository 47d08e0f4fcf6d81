"""The community database schema: layer names, field names and types, thresholds.

These names are the contract that the database, forms, imports, coverage, reports
and the PostGIS backend rely on. Change them here or nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

CRS_AUTHID = "EPSG:32647"  # WGS 84 / UTM zone 47N, metres, covers Bangkok
CRS_EPSG = 32647

# Size classes by registered households (KR 8310 sheet): S <= 200, M 201-500, L >= 501.
SMALL_MAX_HOUSEHOLDS = 200
MEDIUM_MAX_HOUSEHOLDS = 500
KR_SIZE_CLASSES = ("S", "M")  # the classes KR 8310 counts; L is reported beside it

AGE_MIN, AGE_MAX = 0, 120
RESIDENCE_YEARS_MIN, RESIDENCE_YEARS_MAX = 0, 120
DISTRICT_CODE_MIN, DISTRICT_CODE_MAX = 1001, 1050

COMMUNITIES = "communities"
HOUSEHOLDS = "households"
MEMBERS = "members"
DISTRICTS = "districts"
GEOMETRY_COLUMN = "geom"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | integer | real | datetime | boolean
    sql_check: str = ""  # SQL CHECK expression, shared by GeoPackage and PostGIS DDL
    unique: bool = False
    not_null: bool = False
    personal: bool = False  # PDPA: never in a map or planner report


@dataclass(frozen=True)
class LayerSpec:
    name: str
    geometry: str | None  # "MULTIPOLYGON", "POINT" or None
    fields: tuple[FieldSpec, ...]

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


COMMUNITIES_SPEC = LayerSpec(
    COMMUNITIES,
    "MULTIPOLYGON",
    (
        FieldSpec("community_id", "text", unique=True, not_null=True),
        FieldSpec("name", "text"),
        FieldSpec(
            "district_code",
            "integer",
            sql_check=f"district_code BETWEEN {DISTRICT_CODE_MIN} AND {DISTRICT_CODE_MAX}",
        ),
        FieldSpec("registered_households", "integer", sql_check="registered_households >= 0"),
        FieldSpec("size_class", "text", sql_check="size_class IN ('S', 'M', 'L')"),
        FieldSpec("households_entered", "integer"),
        FieldSpec("households_complete", "integer"),
        FieldSpec("coverage_pct", "real"),
        # ok | over_register | zero_registered | no_data: why coverage_pct looks as it does
        FieldSpec("coverage_flag", "text"),
    ),
)

HOUSEHOLDS_SPEC = LayerSpec(
    HOUSEHOLDS,
    "POINT",
    (
        FieldSpec("household_id", "text", unique=True, not_null=True),
        FieldSpec("community_id", "text"),
        FieldSpec("house_no", "text", personal=True),
        FieldSpec("building_type", "text", personal=True),
        FieldSpec(
            "residence_years",
            "integer",
            sql_check=f"residence_years BETWEEN {RESIDENCE_YEARS_MIN} AND {RESIDENCE_YEARS_MAX}",
            personal=True,
        ),
        FieldSpec("member_count", "integer", sql_check="member_count >= 1", personal=True),
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
        FieldSpec("age", "integer", sql_check=f"age BETWEEN {AGE_MIN} AND {AGE_MAX}", personal=True),
        FieldSpec("education", "text", personal=True),
        FieldSpec("occupation", "text", personal=True),
        FieldSpec("disability", "text", personal=True),
        FieldSpec("bedridden", "boolean", personal=True),
        FieldSpec("row_version", "integer"),
    ),
)

DISTRICTS_SPEC = LayerSpec(
    DISTRICTS,
    "MULTIPOLYGON",
    (
        FieldSpec("district_code", "integer", unique=True, not_null=True),
        FieldSpec("name_th", "text"),
        FieldSpec("name_en", "text"),
        FieldSpec("group_code", "text"),
        FieldSpec("group_th", "text"),
        FieldSpec("group_en", "text"),
        FieldSpec("target_small_communities", "integer"),
        FieldSpec("target_small_households", "integer"),
        FieldSpec("target_medium_communities", "integer"),
        FieldSpec("target_medium_households", "integer"),
    ),
)

LAYER_SPECS: tuple[LayerSpec, ...] = (COMMUNITIES_SPEC, HOUSEHOLDS_SPEC, MEMBERS_SPEC, DISTRICTS_SPEC)

# Household coordinates are personal too: a point locates a family.
PERSONAL_FIELDS: frozenset[str] = frozenset(f.name for spec in LAYER_SPECS for f in spec.fields if f.personal) | {
    "household_id",
    "member_id",
}

# Completeness defaults (KR 8310: "data entered" for a household).
REQUIRED_HOUSEHOLD_FIELDS: tuple[str, ...] = ("house_no", "building_type", "residence_years", "member_count")
REQUIRED_MEMBER_FIELDS: tuple[str, ...] = ("age", "education", "occupation", "disability", "bedridden")
