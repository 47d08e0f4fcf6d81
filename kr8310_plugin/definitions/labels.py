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
