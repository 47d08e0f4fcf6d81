"""Texts of the field-package merge report, in both languages (data, like print_texts.py)."""

from __future__ import annotations

from .print_texts import PrintText

MERGE_REPORT_HEADERS: dict[str, PrintText] = {
    "outcome_label": PrintText("ผล", "Outcome"),
    "outcome": PrintText("รหัสผล", "Outcome code"),
    "table": PrintText("ตาราง", "Table"),
    "community_id": PrintText("รหัสชุมชน", "Community"),
    "house_no": PrintText("บ้านเลขที่", "House number"),
    "household_id": PrintText("รหัสครัวเรือน", "Household id"),
    "member_id": PrintText("รหัสสมาชิก", "Member id"),
    "reason": PrintText("เหตุผล", "Reason"),
    "fields": PrintText("ช่องที่ต่างกัน", "Fields that differ"),
    "duplicate_of": PrintText("ซ้ำกับครัวเรือน", "Duplicate of household"),
}

MERGE_OUTCOMES: dict[str, PrintText] = {
    "inserted": PrintText("เพิ่มใหม่", "Inserted"),
    "updated": PrintText("ปรับปรุง", "Updated"),
    "deleted": PrintText("ลบ", "Deleted"),
    "conflict": PrintText("ขัดแย้ง", "Conflict"),
    "duplicate": PrintText("ซ้ำ", "Duplicate"),
    "rejected": PrintText("ไม่รับ", "Rejected"),
}

MERGE_SHEET = PrintText("ผลการรวม", "Merge")
