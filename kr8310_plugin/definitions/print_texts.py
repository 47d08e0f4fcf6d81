"""Texts printed in both languages on maps, atlas pages and reports (CSV, XLSX, the progress report).

Plain data, like the code lists: a page or a sheet carries Thai and English side by side
whatever QGIS's language, so these are never run-time translations (those go through tr()).
Each text is a `PrintText` with its Thai and English; how a page joins them ("ไทย / English",
"ไทย (English)", one over the other) is the method the page calls. Texts with `{names}`
are filled in with `PrintText.format`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codelists import Code, CodeList


@dataclass(frozen=True)
class PrintText:
    th: str
    en: str

    def _joined(self, separator: str, opening: str = "", closing: str = "") -> str:
        if self.th == self.en:  # a text the same in both languages is printed once
            return self.th
        return f"{self.th}{separator}{opening}{self.en}{closing}"

    def slashed(self) -> str:
        """'ไทย / English': legends, map tables, PDF headers."""
        return self._joined(" / ")

    def bracketed(self) -> str:
        """'ไทย (English)': report column headers and level labels."""
        return self._joined(" ", "(", ")")

    def spaced(self) -> str:
        """'ไทย English': sheet names (Excel allows 31 characters)."""
        return self._joined(" ")

    def stacked(self) -> str:
        """Thai over English, on two lines."""
        return self._joined("\n")

    def format(self, **values: object) -> PrintText:
        return PrintText(self.th.format(**values), self.en.format(**values))


def same(text: str) -> PrintText:
    """A text that reads the same in both languages (figures, the KR code)."""
    return PrintText(text, text)


# ---------------------------------------------------------------------------------------
# Coverage maps and atlas pages (core/exports/maps.py)

MAP_TITLE = PrintText("แผนที่ความครอบคลุมข้อมูลครัวเรือนชุมชน KR 8310", "KR 8310 community household data coverage")
CHANGE_MAP_TITLE = PrintText(
    "แผนที่การเปลี่ยนแปลงความครอบคลุมข้อมูลครัวเรือนชุมชน KR 8310",
    "Change in KR 8310 community household data coverage",
)
# What follows the title after " — ": the page's area.
MAP_AREA_CITY = PrintText("กรุงเทพมหานคร", "Bangkok")
MAP_AREA_GROUP = PrintText("{group_th}", "{group_en} district group")
MAP_AREA_DISTRICT = PrintText("เขต{name_th}", "{name_en} district")
MAP_AREA_ATLAS_DISTRICT = PrintText("เขต{name_th}", "{name_en} district ({code})")
MAP_TITLE_SEPARATOR = " — "

DATA_AS_OF = PrintText("ข้อมูล ณ วันที่ {th_date}", "Data as of {en_date}")
# Four lines in the page's top right corner (the dates are long).
CHANGE_PERIOD = PrintText("เปลี่ยนแปลงจาก {th_since}\nถึง {th_until}", "Change from {en_since}\nto {en_until}")
NO_DATE = "–"  # the date of a database without households

# The page's header, above the title: the organisation and its department (defaults of the
# plugin's options, core/toolbelt/settings.py).
ORGANISATION = PrintText("กรุงเทพมหานคร", "Bangkok Metropolitan Administration")
DEPARTMENT = PrintText("สำนักผังเมือง", "City Planning Department")
HEADER_SEPARATOR = "  ·  "

LEGEND_TITLE = PrintText("คำอธิบายสัญลักษณ์", "Legend")
COMMUNITIES_LEGEND = PrintText("ชุมชน (ขนาด)", "Communities (size class)")
# The coverage map's communities: filled by coverage, outlined by size class.
COVERAGE_FILL_LEGEND = PrintText("ความครอบคลุมข้อมูล (ร้อยละ)", "Data coverage (%)")
SIZE_CLASS_OUTLINE_LEGEND = PrintText("ขนาดชุมชน (เส้นขอบ)", "Size class (outline)")
POINT_COMMUNITIES_LEGEND = PrintText("ชุมชนที่ทราบเฉพาะตำแหน่ง", "Known by its point only")
POINT_COMMUNITIES_COLOUR = PrintText("สีตามความครอบคลุม", "by coverage")
# Community names on the map go without this prefix (every label there is a community).
COMMUNITY_NAME_PREFIX = "ชุมชน"
# The ramp's classes print as "0–10" ... "90–100" under COVERAGE_FILL_LEGEND (the unit is in the title).
COVERAGE_CLASS = same("{lower}–{upper}")
# The coverage flags as maps and reports print them (short: a legend line; no percentage in them).
COVERAGE_FLAG_LABELS: dict[str, PrintText] = {
    "ok": PrintText("ปกติ", "OK"),
    "over_register": PrintText("เกินทะเบียน", "Over register"),
    "zero_registered": PrintText("ไม่มีครัวเรือนตามทะเบียน", "0 registered"),
    "no_data": PrintText("ยังไม่มีข้อมูล", "No data"),
    "not_computed": PrintText("ยังไม่ได้คำนวณ", "Not computed"),
}
# The size classes as the map's outlines list them.
SIZE_CLASS_OUTLINE_LABELS: dict[str, PrintText] = {
    "S": PrintText("ขนาดเล็ก (S)", "small"),
    "M": PrintText("ขนาดกลาง (M)", "medium"),
    "L": PrintText("ขนาดใหญ่ (L)", "large"),
}
DISTRICTS_LEGEND = PrintText("เขต", "District boundaries")
COVERAGE_CHANGE_LEGEND = PrintText("การเปลี่ยนแปลงความครอบคลุม (จุดร้อยละ)", "Change in coverage (percentage points)")
COVERAGE_CHANGE_NONE = PrintText("0 (ไม่เปลี่ยนแปลง)", "0 (no change)")
COVERAGE_CHANGE_UNKNOWN = PrintText("ไม่มีค่าให้เปรียบเทียบ", "No value to compare")

MAP_SUMMARY_HEADER = PrintText("สรุปผล KR 8310", "Summary")
# The rows of the map's KR 8310 summary table, by the key of their number.
MAP_SUMMARY_ROWS: dict[str, PrintText] = {
    "s": PrintText("ชุมชนขนาดเล็ก (S)", "S communities"),
    "m": PrintText("ชุมชนขนาดกลาง (M)", "M communities"),
    "registered": PrintText("ครัวเรือนตามทะเบียน", "Registered households"),
    "complete": PrintText("ครัวเรือนที่บันทึกครบ", "Complete households"),
    "kr": same("KR 8310 (%)"),
    "target": PrintText("เป้าหมายครัวเรือน", "Official target households"),
}

# ---------------------------------------------------------------------------------------
# KR 8310 reports, CSV and XLSX (core/exports/reports.py): headers "ไทย (English)"

SUMMARY_REPORT_HEADERS: dict[str, PrintText] = {
    "code": PrintText("รหัส", "Code"),
    "name_th": PrintText("ชื่อ", "Name, Thai"),
    "name_en": PrintText("ชื่อภาษาอังกฤษ", "Name, English"),
    "s_communities": PrintText("ชุมชนขนาดเล็ก S", "S communities"),
    "m_communities": PrintText("ชุมชนขนาดกลาง M", "M communities"),
    "registered_households": PrintText("ครัวเรือนตามทะเบียน S+M", "Registered households"),
    "complete_households": PrintText("ครัวเรือนที่บันทึกครบ", "Complete households"),
    "kr_pct": PrintText("ร้อยละ KR 8310", "KR %"),
    "target_s_communities": PrintText("เป้าหมายชุมชน S", "Official target S communities"),
    "target_m_communities": PrintText("เป้าหมายชุมชน M", "Official target M communities"),
    "target_households": PrintText("เป้าหมายครัวเรือน", "Official target households"),
    "diff_s_communities": PrintText("ผลต่างชุมชน S", "Difference S communities"),
    "diff_m_communities": PrintText("ผลต่างชุมชน M", "Difference M communities"),
    "diff_households": PrintText("ผลต่างครัวเรือน", "Difference households"),
    "households_entered": PrintText("ครัวเรือนที่บันทึกแล้ว", "Households entered"),
    "l_communities": PrintText("ชุมชนขนาดใหญ่ L", "L communities"),
    "l_registered_households": PrintText("ครัวเรือนตามทะเบียน L", "L registered households"),
    "l_complete_households": PrintText("ครัวเรือนที่บันทึกครบ L", "L complete households"),
    "l_coverage_pct": PrintText("ร้อยละความครอบคลุม L", "L coverage %"),
}
LEVEL_HEADER = PrintText("ระดับ", "Level")
# The district sheet's code is the district's number, headed as the communities sheet heads it.
DISTRICT_CODE_HEADER = PrintText("รหัสเขต", "District code")
# The rows above each XLSX sheet's header: the title (with the sheet's level), the organisation
# and the date of the data (DATA_AS_OF, on one line).
REPORT_TITLE = PrintText(
    "รายงาน KR 8310 ความครอบคลุมข้อมูลครัวเรือนชุมชน", "KR 8310 community household data coverage report"
)

COMMUNITY_REPORT_HEADERS: dict[str, PrintText] = {
    "district_code": PrintText("รหัสเขต", "District code"),
    "district_th": PrintText("เขต", "District"),
    "community_id": PrintText("รหัสชุมชน", "Community id"),
    "name": PrintText("ชุมชน", "Community"),
    "size_class": PrintText("ขนาดชุมชน", "Size class"),
    "registered_households": PrintText("ครัวเรือนตามทะเบียน", "Registered households"),
    "households_entered": PrintText("ครัวเรือนที่บันทึกแล้ว", "Households entered"),
    "households_complete": PrintText("ครัวเรือนที่บันทึกครบ", "Complete households"),
    "coverage_pct": PrintText("ร้อยละความครอบคลุม", "Coverage %"),
    "coverage_flag_label": PrintText("หมายเหตุ", "Flag"),
    "coverage_flag": PrintText("รหัสหมายเหตุ", "Flag code"),
}

# Keys are core/coverage/kr_summary.py's LEVELS (definitions imports nothing of core).
LEVEL_SHEETS: dict[str, PrintText] = {
    "city": PrintText("กรุงเทพฯ", "city"),
    "district_group": PrintText("กลุ่มเขต", "district groups"),
    "district": PrintText("เขต", "districts"),
    "size_class": PrintText("ขนาดชุมชน", "size classes"),
}
COMMUNITIES_SHEET = PrintText("ชุมชน", "communities")
LEVEL_LABELS: dict[str, PrintText] = {
    "city": PrintText("กรุงเทพมหานคร", "city"),
    "district_group": PrintText("กลุ่มเขต", "district group"),
    "district": PrintText("เขต", "district"),
    "size_class": PrintText("ขนาดชุมชน", "size class"),
}

# ---------------------------------------------------------------------------------------
# The progress report, XLSX and PDF (core/progress/report.py)

PROGRESS_TITLE = PrintText("รายงานความก้าวหน้า KR 8310", "KR 8310 progress report")
PROGRESS_SUBTITLE = PrintText(
    "ความครอบคลุมครัวเรือนชุมชนขนาดเล็กและกลาง", "Coverage of households of small and medium communities"
)
PROGRESS_CHART_TITLE = PrintText("ร้อยละ KR 8310 ของกรุงเทพมหานคร", "City KR 8310 %")
PROGRESS_ABOUT_SHEET = PrintText("รายงาน", "report")
# Month abbreviations under the chart, January first.
CHART_MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")

PROGRESS_HEADERS: dict[str, PrintText] = {
    "code": SUMMARY_REPORT_HEADERS["code"],
    "name_th": SUMMARY_REPORT_HEADERS["name_th"],
    "name_en": SUMMARY_REPORT_HEADERS["name_en"],
    "registered": SUMMARY_REPORT_HEADERS["registered_households"],
    "complete": SUMMARY_REPORT_HEADERS["complete_households"],
    "kr_pct": PrintText("ร้อยละ KR 8310 ณ วันที่รายงาน", "KR % at the reporting date"),
    "previous_kr_pct": PrintText("ร้อยละ KR 8310 รายงานครั้งก่อน", "KR % at the previous report"),
    "change_points": PrintText("การเปลี่ยนแปลง จุดร้อยละ", "Change, percentage points"),
    "target_households": SUMMARY_REPORT_HEADERS["target_households"],
    "diff_households": SUMMARY_REPORT_HEADERS["diff_households"],
}
PROGRESS_ABOUT_HEADERS: dict[str, PrintText] = {
    "item": PrintText("รายการ", "Item"),
    "value": PrintText("ค่า", "Value"),
}
# The items of the about sheet, in order.
PROGRESS_ABOUT_ITEMS: dict[str, PrintText] = {
    "report": PrintText("รายงาน", "Report"),
    "period": PrintText("ช่วงรายงาน", "Period"),
    "period_be": PrintText("ช่วงรายงาน พ.ศ.", "Period, B.E."),
    "fiscal_year": PrintText("ปีงบประมาณ พ.ศ.", "Fiscal year, B.E."),
    "report_date": PrintText("ข้อมูล ณ วันที่", "Snapshot of the reporting date"),
    "previous_date": PrintText("รายงานครั้งก่อน", "Previous snapshot"),
    "rule_version": PrintText("รุ่นของเกณฑ์ความครบถ้วน", "Completeness rule version"),
}
# The PDF's table: "ไทย / English" headers.
PROGRESS_PDF_HEADERS: dict[str, PrintText] = {
    "name": PrintText("พื้นที่", "Area"),
    "kr_pct": PrintText("KR % ณ วันที่รายงาน", "at the reporting date"),
    "previous_kr_pct": PrintText("KR % ครั้งก่อน", "previous report"),
    "change_points": PrintText("เปลี่ยนแปลง (จุด)", "Change (points)"),
    "target_households": PrintText("เป้าหมายครัวเรือน", "Official target households"),
    "diff_households": PrintText("ผลต่าง", "Difference"),
}
# The PDF's heading lines ("ไทย / English: value").
PROGRESS_PERIOD = PrintText("ช่วงรายงาน", "Period")
PROGRESS_SNAPSHOT = PrintText("ข้อมูล ณ วันที่", "Snapshot")
PROGRESS_PREVIOUS = PrintText("รายงานครั้งก่อน", "Previous snapshot")
PROGRESS_FISCAL_YEAR = PrintText("ปีงบประมาณ", "Fiscal year")
FISCAL_YEAR_ERA_TH = "พ.ศ."

# ---------------------------------------------------------------------------------------
# Legend texts of the communities' map styles stored in .qml files and projects
# (core/project/styles.py), picked by language when written; keys: coverage flags and two more.

COVERAGE_LEGEND = CodeList(
    "coverage_legend",
    (
        Code("over_register", "เกินทะเบียน (มากกว่า 100 %)", "Over register (more than 100 %)"),
        Code("zero_registered", "ไม่มีครัวเรือนตามทะเบียน", "No registered households"),
        Code("no_data", "ยังไม่มีข้อมูล", "No data entered"),
        Code("not_computed", "ยังไม่ได้คำนวณ", "Coverage not computed"),
        Code("no_size_class", "ไม่ทราบขนาด", "Size class unknown"),
    ),
)

# The scale bar's unit on community layout pages (metres; city and district maps use km).
METRE_UNIT = PrintText("ม.", "m")
