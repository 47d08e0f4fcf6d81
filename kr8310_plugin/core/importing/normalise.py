"""Turn the cells of survey files into database values: text, numbers, codes, booleans.

Every parser takes one raw cell (str, int, float, bool, None, bytes...) and returns the
clean value, or raises CellError with a reason code from REASONS, so the importer can
report the row, field and value without a traceback. A cell left empty (None, NaN, blank
text) is what core/rules/completeness.is_filled calls not filled; the parsers give None for it.
"""

from __future__ import annotations

import math
import re
import unicodedata

from ...definitions.codelists import CodeList
from ..rules.completeness import is_filled

# Thai digits ๐-๙ (U+0E50-U+0E59) -> 0-9; survey forms typed on Thai keyboards carry them.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INTEGER = re.compile(r"^[+-]?\d+(\.0*)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
MAX_TEXT_LENGTH = 250  # no survey field needs more; longer cells are broken exports

_TRUE = {"1", "true", "yes", "y", "t", "ใช่", "มี", "จริง", "ติดเตียง"}
_FALSE = {"0", "false", "no", "n", "f", "ไม่ใช่", "ไม่มี", "ไม่", "เท็จ", "ไม่ติดเตียง"}

# Reasons a cell or row is rejected: code -> (Thai, English). The import report carries
# both languages whatever language QGIS runs in, so the reasons are spelt out here.
REASONS: dict[str, tuple[str, str]] = {
    "not_integer": ("ไม่ใช่จำนวนเต็ม", "not a whole number"),
    "not_number": ("ไม่ใช่ตัวเลข", "not a number"),
    "out_of_range": ("ค่าอยู่นอกช่วงที่กำหนด ({low}–{high})", "value out of range ({low}–{high})"),
    "unknown_code": ("ไม่มีในรายการรหัส {codelist}", "not in the {codelist} code list"),
    "not_boolean": ("ต้องเป็น ใช่/ไม่ใช่", "must be yes/no"),
    "too_long": ("ข้อความยาวเกิน {limit} ตัวอักษร", "text longer than {limit} characters"),
    "bad_text": ("ข้อความมีอักขระที่อ่านไม่ได้ (การเข้ารหัสผิด)", "unreadable characters (wrong text encoding)"),
    "required": ("ต้องกรอกข้อมูล", "value required"),
    "no_location": ("ไม่มีพิกัด", "no coordinates"),
    "outside_thailand": ("พิกัดอยู่นอกประเทศไทย", "coordinates outside Thailand"),
    "no_community": ("ไม่อยู่ในขอบเขตชุมชนใด และไม่ได้ระบุรหัสชุมชน", "in no community and no community_id given"),
    "several_communities": (
        "อยู่ในขอบเขตชุมชนมากกว่าหนึ่งชุมชน ({communities}) และไม่ได้ระบุรหัสชุมชน",
        "in more than one community ({communities}) and no community_id given",
    ),
    "unknown_community": ("ไม่มีรหัสชุมชนนี้ในฐานข้อมูล", "no such community in the database"),
    "no_key": ("ต้องมีรหัสครัวเรือนหรือบ้านเลขที่", "needs a household_id or a house number"),
    "duplicate_in_file": ("ซ้ำกับแถวที่ {row} ในไฟล์", "duplicate of row {row} in the file"),
    "house_no_taken": (
        "บ้านเลขที่นี้ในชุมชนนี้เป็นของครัวเรือนอื่นแล้ว",
        "house number already belongs to another household of this community",
    ),
    "no_parent": ("ไม่พบครัวเรือนที่อ้างถึง", "no household with this key in the household table"),
    "parent_rejected": ("ครัวเรือนของสมาชิกนี้ถูกปฏิเสธ", "the member's household was rejected"),
    "member_rejected": ("มีสมาชิกที่ข้อมูลไม่ถูกต้อง", "one of its members was rejected"),
    "too_many_members": ("จำนวนสมาชิกเกิน {limit} คน", "more than {limit} members"),
    "database": ("ฐานข้อมูลไม่ยอมรับ: {detail}", "refused by the database: {detail}"),
}


class CellError(ValueError):
    """A cell that cannot become a database value: `code` names the reason in REASONS."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details

    def reason(self, language: str) -> str:
        """The reason in Thai ('th') or English (anything else)."""
        thai, english = REASONS[self.code]
        template = thai if language == "th" else english
        return template.format(**self.details)


def clean_text(value: object, limit: int = MAX_TEXT_LENGTH) -> str | None:
    """Cell -> stripped NFC text with single spaces (None when blank). Raises CellError."""
    if not is_filled(value):
        return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CellError("bad_text") from error
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets hand house numbers like 12 over as 12.0
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    # U+FFFD and C0 controls are what a wrongly decoded file leaves behind.
    if "\ufffd" in text or any(ord(ch) < 32 for ch in text):
        raise CellError("bad_text")
    if len(text) > limit:
        raise CellError("too_long", limit=limit)
    return text


def thai_digits_to_ascii(text: str) -> str:
    return text.translate(_THAI_DIGITS)


def parse_number(value: object) -> float | None:
    """Cell -> finite float (None when blank); Thai digits and thousands commas accepted."""
    if not is_filled(value):
        return None
    if isinstance(value, bool):
        raise CellError("not_number")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError as error:  # an int too large for a float
            raise CellError("not_number") from error
    else:
        text = thai_digits_to_ascii(clean_text(value) or "").replace(",", "").replace(" ", "")
        if not _NUMBER.match(text):
            raise CellError("not_number")
        number = float(text)
    if not math.isfinite(number):
        raise CellError("not_number")
    return number


def parse_integer(value: object, low: int | None = None, high: int | None = None) -> int | None:
    """Cell -> int within [low, high] (None when blank). '12', '๑๒', 12.0 are 12; 12.5 is an error."""
    if not is_filled(value):
        return None
    if isinstance(value, bool):
        raise CellError("not_integer")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError("not_integer")
        number = int(value)
    else:
        text = thai_digits_to_ascii(clean_text(value) or "").replace(",", "").replace(" ", "")
        if not _INTEGER.match(text):
            raise CellError("not_integer")
        number = int(text.split(".")[0])
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError("out_of_range", low=low if low is not None else "", high=high if high is not None else "")
    return number


def parse_code(value: object, codelist: CodeList) -> str | None:
    """Cell (key, Thai label or English label) -> the code list key (None when blank)."""
    text = clean_text(value)
    if text is None:
        return None
    key = codelist.key_for(text)
    if key is None:
        raise CellError("unknown_code", codelist=codelist.name)
    return key


def parse_boolean(value: object) -> int | None:
    """Cell -> 1 or 0 (None when blank); yes/no, true/false, 1/0 and Thai ใช่/ไม่ใช่, มี/ไม่มี."""
    if not is_filled(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return int(value)
    text = thai_digits_to_ascii(clean_text(value) or "").casefold()
    if text in _TRUE:
        return 1
    if text in _FALSE:
        return 0
    raise CellError("not_boolean")


def normalise_house_no(text: str | None) -> str | None:
    """The comparable form of a house number: Thai digits as ASCII, no spaces, case-folded."""
    if text is None:
        return None
    return "".join(thai_digits_to_ascii(text).split()).casefold() or None


def normalise_column_name(name: object) -> str:
    """A source column name as the mapper compares it: Kobo group path dropped, lower case, '_' for spaces.

    'household/House No' -> 'house_no'; '_gps_latitude' stays '_gps_latitude'.
    """
    text = unicodedata.normalize("NFC", str(name or "")).strip().lstrip("\ufeff")
    text = text.rsplit("/", 1)[-1]
    return re.sub(r"[\s\-]+", "_", text).casefold()
