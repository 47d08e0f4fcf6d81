"""Code lists of the household survey, with stable English keys and Thai + English labels.

One source of truth: forms (value maps), validation, import (labels -> keys) and
reports all read these. Keys are stored in the database and never change; labels
may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    key: str
    label_th: str
    label_en: str

    def label(self, language: str) -> str:
        """The label for a language code ('th' gives Thai, anything else English)."""
        return self.label_th if language.startswith("th") else self.label_en


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]

    def keys(self) -> list[str]:
        return [c.key for c in self.codes]

    def get(self, key: str) -> Code | None:
        for code in self.codes:
            if code.key == key:
                return code
        return None

    def label(self, key: str, language: str) -> str:
        code = self.get(key)
        return code.label(language) if code else key

    def key_for(self, value: str) -> str | None:
        """Find the key for a key, Thai label or English label (case/space-insensitive)."""
        wanted = " ".join(str(value).split()).casefold()
        if not wanted:
            return None
        for code in self.codes:
            if wanted in (code.key.casefold(), code.label_th.casefold(), code.label_en.casefold()):
                return code.key
        return None


BUILDING_TYPE = CodeList(
    "building_type",
    (
        Code("detached_house", "บ้านเดี่ยว", "Detached house"),
        Code("twin_house", "บ้านแฝด", "Twin house"),
        Code("row_house", "ห้องแถว / ทาวน์เฮาส์", "Row house / townhouse"),
        Code("shophouse", "ตึกแถว / อาคารพาณิชย์", "Shophouse"),
        Code("apartment", "อพาร์ตเมนต์ / ห้องเช่า", "Apartment / rented room"),
        Code("floating_house", "เรือนแพ", "Floating house"),
        Code("temporary_shelter", "เพิงพัก / ที่พักชั่วคราว", "Temporary shelter"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

EDUCATION = CodeList(
    "education",
    (
        Code("none", "ไม่ได้รับการศึกษา", "No schooling"),
        Code("pre_primary", "ก่อนประถมศึกษา", "Pre-primary"),
        Code("primary", "ประถมศึกษา", "Primary"),
        Code("lower_secondary", "มัธยมศึกษาตอนต้น", "Lower secondary"),
        Code("upper_secondary", "มัธยมศึกษาตอนปลาย / ปวช.", "Upper secondary / vocational certificate"),
        Code("diploma", "ปวส. / อนุปริญญา", "Diploma"),
        Code("bachelor", "ปริญญาตรี", "Bachelor's degree"),
        Code("postgraduate", "สูงกว่าปริญญาตรี", "Postgraduate"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

OCCUPATION = CodeList(
    "occupation",
    (
        Code("none", "ไม่ได้ประกอบอาชีพ", "Not working"),
        Code("student", "นักเรียน / นักศึกษา", "Student"),
        Code("government", "รับราชการ / รัฐวิสาหกิจ", "Civil servant / state enterprise"),
        Code("private_employee", "พนักงานบริษัทเอกชน", "Private-sector employee"),
        Code("general_labour", "รับจ้างทั่วไป", "General labourer"),
        Code("trade", "ค้าขาย", "Trader / vendor"),
        Code("own_business", "ธุรกิจส่วนตัว", "Own business"),
        Code("agriculture", "เกษตรกรรม / ประมง", "Agriculture / fishery"),
        Code("homemaker", "งานบ้าน", "Homemaker"),
        Code("retired", "เกษียณ / ผู้สูงอายุ", "Retired"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

# The seven disability types of Thailand's Persons with Disabilities Empowerment Act, plus none.
DISABILITY = CodeList(
    "disability",
    (
        Code("none", "ไม่มี", "None"),
        Code("visual", "ทางการเห็น", "Visual"),
        Code("hearing", "ทางการได้ยินหรือสื่อความหมาย", "Hearing or communication"),
        Code("physical", "ทางการเคลื่อนไหวหรือทางร่างกาย", "Mobility or physical"),
        Code("mental", "ทางจิตใจหรือพฤติกรรม", "Mental or behavioural"),
        Code("intellectual", "ทางสติปัญญา", "Intellectual"),
        Code("learning", "ทางการเรียนรู้", "Learning"),
        Code("autism", "ทางออทิสติก", "Autism"),
    ),
)

SIZE_CLASS = CodeList(
    "size_class",
    (
        Code("S", "ชุมชนขนาดเล็ก (S)", "Small community (S)"),
        Code("M", "ชุมชนขนาดกลาง (M)", "Medium community (M)"),
        Code("L", "ชุมชนขนาดใหญ่ (L)", "Large community (L)"),
    ),
)

# District groups of the KR 8310 sheet, in the sheet's order.
DISTRICT_GROUP = CodeList(
    "district_group",
    (
        Code("central", "กรุงเทพกลาง", "Central Bangkok"),
        Code("south", "กรุงเทพใต้", "South Bangkok"),
        Code("east", "กรุงเทพตะวันออก", "East Bangkok"),
        Code("north", "กรุงเทพเหนือ", "North Bangkok"),
        Code("north_thonburi", "กรุงธนเหนือ", "North Thonburi"),
        Code("south_thonburi", "กรุงธนใต้", "South Thonburi"),
    ),
)

# Community types: the five of BMA's 2021 community regulation, then the older ones found in
# open data (registers made before 2021 still use them).
COMMUNITY_TYPE = CodeList(
    "community_type",
    (
        Code("crowded", "ชุมชนแออัด", "Crowded (slum) community"),
        Code("urban", "ชุมชนเมือง", "Urban community"),
        Code("suburban", "ชุมชนชานเมือง", "Suburban community"),
        Code("high_rise", "ชุมชนอาคารสูง", "High-rise community"),
        Code("special", "ชุมชนรูปแบบพิเศษ", "Special-form community"),
        Code("housing_authority", "เคหะชุมชน", "Housing-authority community"),
        Code("housing_estate", "หมู่บ้านจัดสรร", "Housing estate"),
    ),
)

# The community layout (แผนผังชุมชน): buildings, ways, water, facilities and safety points.
BUILDING_KIND = CodeList(
    "building_kind",
    (
        Code("house", "บ้านพักอาศัย", "House"),
        Code("row_house", "ห้องแถว / ทาวน์เฮาส์", "Row house / townhouse"),
        Code("shophouse", "ตึกแถว / อาคารพาณิชย์", "Shophouse"),
        Code("flat", "แฟลต / อาคารชุด", "Flat / apartment block"),
        Code("temple", "วัด", "Temple"),
        Code("mosque", "มัสยิด", "Mosque"),
        Code("church", "โบสถ์คริสต์", "Church"),
        Code("school", "โรงเรียน", "School"),
        Code("shop", "ร้านค้า", "Shop"),
        Code("factory", "โรงงาน", "Factory"),
        Code("warehouse", "โกดัง", "Warehouse"),
        Code("public", "อาคารสาธารณะ", "Public building"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

BUILDING_MATERIAL = CodeList(
    "building_material",
    (
        Code("concrete", "คอนกรีต", "Concrete"),
        Code("brick", "ก่ออิฐ", "Brick"),
        Code("wood", "ไม้", "Wood"),
        Code("mixed", "ครึ่งตึกครึ่งไม้", "Mixed (brick and wood)"),
        Code("metal", "โครงเหล็ก / สังกะสี", "Metal / corrugated sheet"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

BUILDING_CONDITION = CodeList(
    "building_condition",
    (
        Code("good", "ดี", "Good"),
        Code("fair", "พอใช้", "Fair"),
        Code("poor", "ทรุดโทรม", "Poor"),
        Code("ruin", "ชำรุดทรุดโทรมมาก / ร้าง", "Ruin"),
    ),
)

WAY_KIND = CodeList(
    "way_kind",
    (
        Code("road", "ถนน", "Road"),
        Code("soi", "ซอย", "Soi (lane)"),
        Code("trok", "ตรอก", "Trok (alley)"),
        Code("walkway", "ทางเดิน", "Walkway"),
        Code("bridge", "สะพาน / สะพานไม้", "Bridge / footbridge"),
    ),
)

WAY_SURFACE = CodeList(
    "way_surface",
    (
        Code("asphalt", "ลาดยาง", "Asphalt"),
        Code("concrete", "คอนกรีต", "Concrete"),
        Code("paved", "ปูตัวหนอน / ปูกระเบื้อง", "Paved (blocks or tiles)"),
        Code("unpaved", "ดิน / ลูกรัง", "Unpaved"),
        Code("wood", "ไม้", "Wood"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

WATERWAY_KIND = CodeList(
    "waterway_kind",
    (
        Code("khlong", "คลอง", "Khlong (canal)"),
        Code("lam_rang", "ลำราง / ลำประโดง", "Lam rang (small channel)"),
        Code("ditch", "คูระบายน้ำ", "Ditch"),
        Code("pond", "บ่อ / สระน้ำ", "Pond"),
        Code("river", "แม่น้ำ", "River"),
    ),
)

FACILITY_KIND = CodeList(
    "facility_kind",
    (
        Code("temple", "วัด", "Temple"),
        Code("mosque", "มัสยิด", "Mosque"),
        Code("church", "โบสถ์คริสต์", "Church"),
        Code("school", "โรงเรียน", "School"),
        Code("health_centre", "ศูนย์บริการสาธารณสุข", "Health centre"),
        Code("community_centre", "ศูนย์ชุมชน / ที่ทำการชุมชน", "Community centre"),
        Code("market", "ตลาด", "Market"),
        Code("playground", "ลานกีฬา / สนามเด็กเล่น", "Playground / sports ground"),
        Code("waste_point", "จุดทิ้งขยะ", "Waste collection point"),
        Code("public_toilet", "ห้องน้ำสาธารณะ", "Public toilet"),
        Code("other", "อื่น ๆ", "Other"),
    ),
)

SAFETY_KIND = CodeList(
    "safety_kind",
    (
        Code("fire_extinguisher", "ถังดับเพลิง", "Fire extinguisher"),
        Code("hydrant", "หัวรับน้ำดับเพลิง", "Fire hydrant"),
        Code("flood_spot", "จุดน้ำท่วมขัง", "Flood spot"),
        Code("dark_spot", "จุดมืด / จุดเสี่ยง", "Dark spot"),
        Code("evacuation_point", "จุดรวมพล / จุดอพยพ", "Evacuation point"),
        Code("cctv", "กล้องวงจรปิด", "CCTV camera"),
        Code("fire_risk_cluster", "กลุ่มบ้านเสี่ยงอัคคีภัย", "Fire-risk cluster"),
    ),
)

LAYOUT_CODE_LISTS: tuple[CodeList, ...] = (
    BUILDING_KIND,
    BUILDING_MATERIAL,
    BUILDING_CONDITION,
    WAY_KIND,
    WAY_SURFACE,
    WATERWAY_KIND,
    FACILITY_KIND,
    SAFETY_KIND,
)

# Code lists by the field that stores them.
CODE_LISTS_BY_FIELD: dict[str, CodeList] = {
    "building_type": BUILDING_TYPE,
    "education": EDUCATION,
    "occupation": OCCUPATION,
    "disability": DISABILITY,
}
