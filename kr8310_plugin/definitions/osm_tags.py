"""How OpenStreetMap tags become community layout features (core/importing/osm_mapping.py reads these).

Plain data: which tag values make a building, way, waterway, water area, facility or safety
point, and which code-list key (definitions/codelists.py) each becomes. Thai names decide
before tags where Bangkok's mappers name a thing by what it is (`ซอย`, `ตรอก`, `คลอง`, `ลำราง`):
a `highway=residential` named `ตรอกวัด` is a trok. A tag value not listed gives no kind (NULL,
for the mapper to fill in), never a guess.
"""

from __future__ import annotations

# Names: the first of these tags that is filled (Bangkok's `name` is usually Thai already).
NAME_KEYS = ("name", "name:th", "name:en")

# A community known only by its point (NULL polygon, location_x/location_y) imports and prints
# the features within this radius of the point.
POINT_COMMUNITY_RADIUS_M = 150.0

# Tag values that mean "not this" whatever the key.
NEGATIVE_VALUES = frozenset({"no", "none", "false", "0"})

# ---------------------------------------------------------------------------------------
# Buildings: building=* (any value but "no"); the kind from building=*, then from what the
# building holds (amenity, religion, shop).

BUILDING_KIND_BY_VALUE: dict[str, str] = {
    "house": "house",
    "detached": "house",
    "semidetached_house": "house",
    "residential": "house",
    "bungalow": "house",
    "hut": "house",
    "cabin": "house",
    "stilt_house": "house",
    "houseboat": "house",
    "terrace": "row_house",
    "row_house": "row_house",
    "townhouse": "row_house",
    "shophouse": "shophouse",
    "apartments": "flat",
    "dormitory": "flat",
    "flat": "flat",
    "temple": "temple",
    "wat": "temple",
    "monastery": "temple",
    "mosque": "mosque",
    "church": "church",
    "chapel": "church",
    "cathedral": "church",
    "school": "school",
    "kindergarten": "school",
    "college": "school",
    "university": "school",
    "retail": "shop",
    "commercial": "shop",
    "kiosk": "shop",
    "supermarket": "shop",
    "industrial": "factory",
    "factory": "factory",
    "manufacture": "factory",
    "warehouse": "warehouse",
    "storage": "warehouse",
    "public": "public",
    "civic": "public",
    "government": "public",
    "hospital": "public",
    "fire_station": "public",
    "office": "public",
    "train_station": "public",
    "transportation": "public",
    "shed": "other",
    "garage": "other",
    "garages": "other",
    "roof": "other",
    "construction": "other",
}
# building=yes (or an unlisted value) on a place of worship: the kind from its religion.
RELIGION_BUILDING_KIND: dict[str, str] = {"buddhist": "temple", "muslim": "mosque", "christian": "church"}
# building=yes (or an unlisted value) holding one of these: that kind.
BUILDING_KIND_BY_AMENITY: dict[str, str] = {
    "school": "school",
    "kindergarten": "school",
    "community_centre": "public",
    "townhall": "public",
    "clinic": "public",
    "hospital": "public",
    "police": "public",
    "fire_station": "public",
    "marketplace": "shop",
}
SHOP_BUILDING_KIND = "shop"  # building=yes with any shop=*

FLOORS_KEYS = ("building:levels",)
BUILDING_MATERIAL_KEYS = ("building:material", "material")
BUILDING_MATERIAL_BY_VALUE: dict[str, str] = {
    "concrete": "concrete",
    "reinforced_concrete": "concrete",
    "cement_block": "concrete",
    "brick": "brick",
    "bricks": "brick",
    "masonry": "brick",
    "plaster": "brick",
    "wood": "wood",
    "timber": "wood",
    "timber_framing": "wood",
    "bamboo": "wood",
    "mixed": "mixed",
    "metal": "metal",
    "steel": "metal",
    "metal_plates": "metal",
    "tin": "metal",
}
# building=ruins, or ruins=yes / abandoned=yes on a building: condition "ruin".
RUIN_BUILDING_VALUES = frozenset({"ruins"})
RUIN_KEYS = ("ruins", "abandoned", "disused")
HOUSE_NUMBER_KEYS = ("addr:housenumber",)

# ---------------------------------------------------------------------------------------
# Ways: lines with highway=*. Order of decision: a bridge; footpaths; an alley; the Thai
# name's first word; the highway class.

BRIDGE_KEYS = ("bridge",)  # any value but a negative one: way_kind "bridge"
WALKWAY_HIGHWAYS = frozenset({"footway", "path", "pedestrian", "steps", "cycleway", "bridleway", "corridor"})
TROK_SERVICE_VALUES = frozenset({"alley"})  # highway=service + service=alley
# The Thai name's start, checked in this order ("ซ." and "ถ." are the usual abbreviations).
WAY_KIND_BY_NAME_PREFIX: tuple[tuple[str, str], ...] = (
    ("สะพาน", "bridge"),
    ("ตรอก", "trok"),
    ("ซอย", "soi"),
    ("ซ.", "soi"),
    ("ถนน", "road"),
    ("ถ.", "road"),
    ("ทางเดิน", "walkway"),
)
WAY_KIND_BY_HIGHWAY: dict[str, str] = {
    "motorway": "road",
    "trunk": "road",
    "primary": "road",
    "secondary": "road",
    "tertiary": "road",
    "motorway_link": "road",
    "trunk_link": "road",
    "primary_link": "road",
    "secondary_link": "road",
    "tertiary_link": "road",
    "unclassified": "road",
    "road": "road",
    "residential": "soi",
    "living_street": "soi",
    "service": "soi",
    "track": "soi",
    **{value: "walkway" for value in WALKWAY_HIGHWAYS},
}
WIDTH_KEYS = ("width", "est_width")
SURFACE_KEYS = ("surface",)
WAY_SURFACE_BY_VALUE: dict[str, str] = {
    "asphalt": "asphalt",
    "chipseal": "asphalt",
    "concrete": "concrete",
    "concrete:plates": "concrete",
    "concrete:lanes": "concrete",
    "paved": "paved",
    "paving_stones": "paved",
    "sett": "paved",
    "bricks": "paved",
    "cobblestone": "paved",
    "unpaved": "unpaved",
    "dirt": "unpaved",
    "earth": "unpaved",
    "ground": "unpaved",
    "gravel": "unpaved",
    "fine_gravel": "unpaved",
    "compacted": "unpaved",
    "grass": "unpaved",
    "sand": "unpaved",
    "mud": "unpaved",
    "wood": "wood",
    "metal": "other",
    "rubber": "other",
}

# ---------------------------------------------------------------------------------------
# Waterways (lines with waterway=*) and water areas (polygons)

WATERWAY_KIND_BY_NAME_PREFIX: tuple[tuple[str, str], ...] = (
    ("คลอง", "khlong"),
    ("ลำราง", "lam_rang"),
    ("ลำกระโดง", "lam_rang"),
    ("ลำประโดง", "lam_rang"),
    ("ลำคู", "ditch"),
    ("คูน้ำ", "ditch"),
    ("แม่น้ำ", "river"),
    ("บึง", "pond"),
    ("สระ", "pond"),
    ("บ่อ", "pond"),
)
WATERWAY_KIND_BY_VALUE: dict[str, str] = {
    "canal": "khlong",
    "river": "river",
    "stream": "lam_rang",
    "ditch": "ditch",
    "drain": "ditch",
}
# Polygons that are water: natural=water, landuse=reservoir/basin, waterway=riverbank.
WATER_AREA_TAGS: dict[str, frozenset[str]] = {
    "natural": frozenset({"water"}),
    "landuse": frozenset({"reservoir", "basin"}),
    "waterway": frozenset({"riverbank", "canal", "river", "dock"}),
}
WATER_KIND_BY_VALUE: dict[str, str] = {  # water=* (then waterway=* on the polygon)
    "pond": "pond",
    "lake": "pond",
    "reservoir": "pond",
    "basin": "pond",
    "lagoon": "pond",
    "oxbow": "pond",
    "wastewater": "pond",
    "river": "river",
    "riverbank": "river",
    "canal": "khlong",
    "moat": "khlong",
    "ditch": "ditch",
    "stream": "lam_rang",
}
WATER_AREA_DEFAULT_KIND = "pond"  # natural=water without water=* or a telling name

# ---------------------------------------------------------------------------------------
# Facilities and safety points: (key, values, kind), the first rule that matches decides.
# A polygon (a temple's grounds, a school) gives a point on its surface.

RELIGION_FACILITY_KIND: dict[str, str] = {"buddhist": "temple", "muslim": "mosque", "christian": "church"}
FACILITY_RULES: tuple[tuple[str, frozenset[str], str], ...] = (
    ("amenity", frozenset({"school", "kindergarten"}), "school"),
    ("amenity", frozenset({"clinic", "hospital", "doctors"}), "health_centre"),
    ("healthcare", frozenset({"clinic", "hospital", "centre", "doctor"}), "health_centre"),
    ("amenity", frozenset({"community_centre", "social_centre"}), "community_centre"),
    ("amenity", frozenset({"marketplace"}), "market"),
    ("leisure", frozenset({"playground", "pitch", "sports_centre", "fitness_station"}), "playground"),
    ("amenity", frozenset({"waste_disposal", "recycling", "waste_transfer_station"}), "waste_point"),
    ("amenity", frozenset({"toilets"}), "public_toilet"),
)
PLACE_OF_WORSHIP = ("amenity", "place_of_worship")  # kind by RELIGION_FACILITY_KIND, else "other"
FACILITY_OTHER_KIND = "other"

SAFETY_RULES: tuple[tuple[str, frozenset[str], str], ...] = (
    ("emergency", frozenset({"fire_hydrant", "water_tank", "suction_point"}), "hydrant"),
    ("emergency", frozenset({"fire_extinguisher"}), "fire_extinguisher"),
    ("emergency", frozenset({"assembly_point"}), "evacuation_point"),
    ("man_made", frozenset({"surveillance"}), "cctv"),
)

# Lifecycle prefixes: a feature that is only planned or gone is not in the community.
IGNORED_LIFECYCLE_VALUES = frozenset({"proposed", "construction", "abandoned", "disused", "razed", "demolished"})
