"""Texts printed on the community layout map (core/exports/layout_print.py), Thai and English.

Plain data like print_texts: the page is Thai first (title, legend, notes), with a small English
line under the title. Layer titles come from labels.LAYOUT_LAYER_TITLES, kinds from the code lists.
"""

from __future__ import annotations

from .print_texts import PrintText, same

LAYOUT_TITLE = PrintText("แผนผังชุมชน{name}", "Community layout: {name}")
LAYOUT_TITLE_PREFIX_TH = "ชุมชน"  # a community name that starts with it is not given it twice
LAYOUT_DISTRICT = PrintText("เขต{name_th}", "{name_en} district")
LAYOUT_SUBTITLE_EN = "{title}, {district}, Bangkok"

COMMUNITY_BOUNDARY = PrintText("ขอบเขตชุมชน", "Community boundary")
POINT_COMMUNITY_AREA = PrintText("พื้นที่รัศมี {radius} ม. รอบที่ตั้งชุมชน", "Within {radius} m of the community's point")
OTHER_COMMUNITIES = PrintText("ชุมชนข้างเคียง", "Neighbouring communities")
HOUSEHOLD_POINTS = PrintText("ครัวเรือน (ตำแหน่ง)", "Households (location)")
SCALE_TEXT = PrintText("มาตราส่วน 1:{scale}", "Scale 1:{scale}")
SOURCE_NOTE = PrintText(
    "ที่มา: ฐานข้อมูลชุมชน KR 8310 ({database}); ไม่แสดงข้อมูลส่วนบุคคล",
    "Source: KR 8310 community database ({database}); no personal data shown",
)
OSM_ATTRIBUTION = same("© OpenStreetMap contributors")
OSM_LICENCE = PrintText("ข้อมูลบางส่วนจาก OpenStreetMap (ODbL)", "Partly from OpenStreetMap (ODbL)")
PAGE_NUMBER = PrintText("หน้า {page}/{pages}", "Page {page} of {pages}")
