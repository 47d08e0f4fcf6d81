"""Thai and English labels of the database's fields, for forms, imports and reports.

Labels that end up stored in a QGIS project (field aliases, form tabs) are picked by
language when the project is written, so they live here as data (like the code lists)
rather than as run-time translations.
"""

from __future__ import annotations

from .codelists import Code, CodeList

FIELD_LABELS = CodeList(
    "field_labels",
    (
        # communities
        Code("community_id", "รหัสชุมชน", "Community ID"),
        Code("name", "ชื่อชุมชน", "Community name"),
        Code("district_code", "รหัสเขต", "District code"),
        Code("registered_households", "ครัวเรือนตามทะเบียน", "Registered households"),
        Code("size_class", "ขนาดชุมชน", "Size class"),
        Code("households_entered", "ครัวเรือนที่บันทึกแล้ว", "Households entered"),
        Code("households_complete", "ครัวเรือนที่ข้อมูลครบ", "Households complete"),
        Code("coverage_pct", "ความครอบคลุม (%)", "Coverage (%)"),
        Code("coverage_flag", "สถานะความครอบคลุม", "Coverage flag"),
        # households
        Code("household_id", "รหัสครัวเรือน", "Household ID"),
        Code("house_no", "บ้านเลขที่", "House number"),
        Code("building_type", "ลักษณะที่อยู่อาศัย", "Building type"),
        Code("residence_years", "ระยะเวลาที่อยู่อาศัย (ปี)", "Years of residence"),
        Code("member_count", "จำนวนสมาชิก (คน)", "Member count"),
        Code("created_at", "บันทึกเมื่อ", "Created"),
        Code("updated_at", "แก้ไขล่าสุดเมื่อ", "Last updated"),
        Code("editor", "ผู้บันทึก", "Editor"),
        Code("row_version", "รุ่นของแถว", "Row version"),
        # members
        Code("member_id", "รหัสสมาชิก", "Member ID"),
        Code("age", "อายุ (ปี)", "Age"),
        Code("education", "การศึกษา", "Education"),
        Code("occupation", "อาชีพ", "Occupation"),
        Code("disability", "ความพิการ", "Disability"),
        Code("bedridden", "ผู้ป่วยติดเตียง", "Bedridden"),
        # districts
        Code("name_th", "ชื่อเขต (ไทย)", "District name (Thai)"),
        Code("name_en", "ชื่อเขต (อังกฤษ)", "District name (English)"),
        Code("group_code", "รหัสกลุ่มเขต", "District group code"),
        Code("group_th", "กลุ่มเขต (ไทย)", "District group (Thai)"),
        Code("group_en", "กลุ่มเขต (อังกฤษ)", "District group (English)"),
        Code("target_small_communities", "เป้าหมายชุมชนขนาดเล็ก", "Target small communities"),
        Code("target_small_households", "เป้าหมายครัวเรือนชุมชนขนาดเล็ก", "Target small-community households"),
        Code("target_medium_communities", "เป้าหมายชุมชนขนาดกลาง", "Target medium communities"),
        Code("target_medium_households", "เป้าหมายครัวเรือนชุมชนขนาดกลาง", "Target medium-community households"),
    ),
)

# The community layout layers' fields (besides community_id and updated_at, labelled above); "name"
# here is a building's, way's or facility's name, not a community's.
LAYOUT_FIELD_LABELS = CodeList(
    "layout_field_labels",
    (
        Code("name", "ชื่อ", "Name"),
        Code("osm_id", "รหัส OpenStreetMap", "OpenStreetMap ID"),
        # buildings
        Code("building_id", "รหัสอาคาร", "Building ID"),
        Code("building_kind", "ประเภทอาคาร", "Building kind"),
        Code("floors", "จำนวนชั้น", "Floors"),
        Code("material", "วัสดุก่อสร้าง", "Material"),
        Code("condition", "สภาพอาคาร", "Condition"),
        Code("house_numbers", "บ้านเลขที่ในอาคาร (คั่นด้วย ;)", "House numbers (separated by ;)"),
        # ways
        Code("way_id", "รหัสเส้นทาง", "Way ID"),
        Code("way_kind", "ประเภทเส้นทาง", "Way kind"),
        Code("width_m", "ความกว้าง (เมตร)", "Width (m)"),
        Code("surface", "ผิวทาง", "Surface"),
        Code("fire_truck_access", "รถดับเพลิงเข้าถึงได้", "Fire-truck access"),
        # waterways and water areas
        Code("waterway_id", "รหัสทางน้ำ", "Waterway ID"),
        Code("water_area_id", "รหัสแหล่งน้ำ", "Water area ID"),
        Code("waterway_kind", "ประเภทแหล่งน้ำ", "Water kind"),
        # facilities and safety points
        Code("facility_id", "รหัสสถานที่", "Facility ID"),
        Code("facility_kind", "ประเภทสถานที่", "Facility kind"),
        Code("safety_id", "รหัสจุดความปลอดภัย", "Safety point ID"),
        Code("safety_kind", "ประเภทจุดความปลอดภัย", "Safety point kind"),
        Code("note", "หมายเหตุ", "Note"),
    ),
)

# The layout layers' names in the layer tree and legends, keyed by table name, and their group.
LAYOUT_LAYER_TITLES = CodeList(
    "layout_layer_titles",
    (
        Code("buildings", "อาคาร", "Buildings"),
        Code("ways", "ถนนและทางเดิน", "Roads and walkways"),
        Code("waterways", "คลองและทางน้ำ", "Canals and waterways"),
        Code("water_areas", "แหล่งน้ำ", "Water areas"),
        Code("facilities", "สถานที่สำคัญ", "Facilities"),
        Code("safety_points", "จุดความปลอดภัย", "Safety points"),
    ),
)
LAYOUT_GROUP_TITLE = Code("community_layout", "แผนผังชุมชน", "Community layout")


def layout_field_label(name: str, language: str) -> str | None:
    """The label of a layout layer's field in the language (None when it has none)."""
    labels = LAYOUT_FIELD_LABELS if LAYOUT_FIELD_LABELS.get(name) else FIELD_LABELS
    return labels.label(name, language) if labels.get(name) else None
