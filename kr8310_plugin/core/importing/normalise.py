"""Turn the cells of survey files into database values: text, numbers, codes, booleans.

Every parser takes one raw cell (str, int, float, bool, None, bytes...) and returns the
clean value, or raises CellError with a reason code from REASONS, so the importer can
report the row, field and value without a traceback. A cell left empty (None, NaN, blank
text) is what core/rules/completeness.is_filled calls not filled; the parsers give None for it.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Iterable

from ...definitions.codelists import CodeList
from ...definitions.text_rules import ZERO_WIDTH_CHARACTERS
from ..rules.completeness import is_filled
from ..rules.house_number import house_number_key

# Thai digits ๐-๙ (U+0E50-U+0E59) -> 0-9; survey forms typed on Thai keyboards carry them.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INTEGER = re.compile(r"^[+-]?\d+(\.0*)?$")
# '1,234' / '12,345,678': commas that group thousands. Any other comma in a number is a decimal comma.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
# '5,0', '12,00': a decimal comma with a zero fraction (a whole number written the European way).
_WHOLE_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,0+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
MAX_TEXT_LENGTH = 250  # no survey field needs more; longer cells are broken exports

_TRUE = {"1", "true", "yes", "y", "t", "ใช่", "มี", "จริง", "ติดเตียง"}
_FALSE = {"0", "false", "no", "n", "f", "ไม่ใช่", "ไม่มี", "ไม่", "เท็จ", "ไม่จริง", "ไม่ติดเตียง"}

# Characters that have no business in a house number: C0/C1 controls and the bidi embedding,
# override and isolate controls (they reorder what the reader sees: U+202E shows '3/21' as '12/3').
_CONTROL_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))
# Excel serial day numbers from 2010 to 2040: what a house number like '12/3' becomes when Excel
# reads it as 12 March and the sheet is saved with the cell formatted as a number.
EXCEL_DATE_SERIALS = (40179, 51136)
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
)
_DATE_TEXT = re.compile(
    r"^((19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}([ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"  # 2025-03-12, 2025/03/12 00:00:00
    rf"|\d{{1,2}}[- ]({_MONTHS})[a-z]*([- ]\d{{2,4}})?"  # 12-Mar, 12-มี.ค., 12 Mar 2025
    rf"|({_MONTHS})[a-z]*[- ]\d{{1,4}})$"  # Mar-12
)

# Reasons a cell or row is rejected: code -> (Thai, English). The import report carries
# both languages whatever language QGIS runs in, so the reasons are spelt out here.
REASONS: dict[str, tuple[str, str]] = {
    "not_integer": ("ไม่ใช่จำนวนเต็ม", "not a whole number"),
    "decimal_comma": (
        "มีจุลภาคทศนิยม ไม่ใช่จำนวนเต็ม",
        "decimal comma, not a whole number",
    ),
    "decimal_comma_whole": (
        "อ่าน {value} เป็น {number} (จุลภาคทศนิยม) โปรดตรวจสอบ",
        "read {value} as {number} (decimal comma); please check",
    ),
    "excel_date": (
        "ดูเหมือนวันที่ที่ Excel แปลงมาจากบ้านเลขที่ (เช่น 12/3 เป็น 12 มี.ค.) ให้จัดรูปแบบคอลัมน์เป็นข้อความแล้วส่งออกใหม่",
        "looks like a date Excel made from a house number (12/3 shown as 12-Mar); format the column as text and "
        "export again",
    ),
    "control_character": (
        "มีอักขระควบคุมที่มองไม่เห็น ({characters})",
        "contains invisible control characters ({characters})",
    ),
    "invisible_removed": (
        "ลบอักขระที่มองไม่เห็นออกแล้ว ({characters})",
        "invisible characters removed ({characters})",
    ),
    "not_a_point": (
        "ครัวเรือนต้องเป็นจุด ไม่ใช่ {kind}",
        "households are points, not {kind}",
    ),
    "point_outside_community": (
        "จุดอยู่ห่างจากชุมชน {community} {distance} ม. (ยอมรับได้ไม่เกิน {limit} ม.)",
        "the point lies {distance} m from community {community} (at most {limit} m allowed)",
    ),
    "duplicate_column": (
        "ชื่อคอลัมน์ซ้ำ",
        "duplicated column header",
    ),
    "unmapped_member_column": (
        "ดูเหมือนคอลัมน์ข้อมูลสมาชิก แต่ไม่ตรงกับช่องข้อมูลใด",
        "looks like a member column but maps to no field",
    ),
    "no_member_columns": (
        "ไม่มีคอลัมน์สมาชิก ครัวเรือนที่มีสมาชิกจะถูกนำเข้าโดยไม่มีข้อมูลสมาชิก",
        "no member columns: households with members are imported without them",
    ),
    "unknown_value": (
        "ค่าที่ไม่รู้จัก {count} แถว กำหนดค่าให้ตรงกับรายการรหัสแล้วนำเข้าใหม่",
        "unknown value in {count} row(s); map it to the code list and import again",
    ),
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
    "changed_since": (
        "ครัวเรือนนี้ถูกแก้ไขในฐานข้อมูลหลังจากที่ทำไฟล์นี้ (ไฟล์เป็นรุ่น {since} ฐานข้อมูลเป็นรุ่น {current}) จึงคงไว้ "
        "ไม่เขียนทับ หากต้องการเขียนทับ ให้ใส่ row_version {current} ในไฟล์",
        "changed in the database since the file was made (the file is of version {since}, the database has "
        "{current}): kept, not overwritten; to overwrite it, give row_version {current} in the file",
    ),
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
    """Every decimal digit (Thai ๐-๙, Arabic-Indic ٠-٩, full-width ...) as ASCII 0-9."""
    text = text.translate(_THAI_DIGITS)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text)


def _number_text(value: object, notes: list[CellError] | None, whole: bool) -> str:
    """A number cell as plain ASCII digits: Thai digits converted, spaces and thousands commas gone.

    Commas: '1,234' groups thousands; a comma in a whole-number field otherwise is a decimal
    comma: '5,0' is read as 5 with a note (when `notes` collects them), '4,5' is refused.
    """
    text = thai_digits_to_ascii(clean_text(value) or "").replace(" ", "")
    if "," not in text:
        return text
    if _GROUPED.match(text):
        return text.replace(",", "")
    if whole and _WHOLE_DECIMAL_COMMA.match(text) and notes is not None:
        number = text.split(",")[0]
        notes.append(CellError("decimal_comma_whole", value=text, number=int(number)))
        return number
    raise CellError("decimal_comma" if whole else "not_number")


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
        text = _number_text(value, None, whole=False)
        if not _NUMBER.match(text):
            raise CellError("not_number")
        number = float(text)
    if not math.isfinite(number):
        raise CellError("not_number")
    return number


def parse_integer(
    value: object, low: int | None = None, high: int | None = None, notes: list[CellError] | None = None
) -> int | None:
    """Cell -> int within [low, high] (None when blank). '12', '๑๒', 12.0, '1,200' are numbers; 12.5 is an error.

    A decimal comma is never read as a thousands separator: '4,5' is refused (decimal_comma);
    '5,0' is 5 when `notes` is given, with a decimal_comma_whole note appended, else refused.
    """
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
        text = _number_text(value, notes, whole=True)
        if not _INTEGER.match(text):
            raise CellError("not_integer")
        number = int(text.split(".")[0])
    if (low is not None and number < low) or (high is not None and number > high):
        raise CellError("out_of_range", low=low if low is not None else "", high=high if high is not None else "")
    return number


def _label_form(text: str) -> str:
    """A code or label as compared: NFC, case-folded, single spaces, none around '/' or before 'ๆ'."""
    text = " ".join(unicodedata.normalize("NFC", str(text)).replace("\u2019", "'").split()).casefold()
    return re.sub(r"\s*/\s*", "/", text).replace(" ๆ", "ๆ")


def code_for(text: str, codelist: CodeList) -> str | None:
    """The key of a code list entry given as its key, Thai label or English label, whatever the
    spacing around '/' ('ห้องแถว/ทาวน์เฮาส์' is 'ห้องแถว / ทาวน์เฮาส์'); None when none matches."""
    wanted = _label_form(text)
    if not wanted:
        return None
    for code in codelist.codes:
        if wanted in (_label_form(code.key), _label_form(code.label_th), _label_form(code.label_en)):
            return code.key
    return None


def parse_code(value: object, codelist: CodeList) -> str | None:
    """Cell (key, Thai label or English label) -> the code list key (None when blank)."""
    text = clean_text(value)
    if text is None:
        return None
    key = code_for(text, codelist)
    if key is None:
        raise CellError("unknown_code", codelist=codelist.name)
    return key


def parse_boolean(value: object) -> int | None:
    """Cell -> 1 or 0 (None when blank); yes/no, true/false, 1/0 and Thai ใช่/ไม่ใช่, มี/ไม่มี, จริง/ไม่จริง."""
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


def _codepoints(characters: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in characters))


def _invisible(ch: str) -> bool:
    """Zero-width, bidi marks and other format characters (Unicode category Cf), and the BOM."""
    return ch in ZERO_WIDTH_CHARACTERS or unicodedata.category(ch) == "Cf"


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _CONTROL_RANGES)


def parse_house_no(value: object, notes: list[CellError] | None = None) -> str | None:
    """A house number cell -> the text to store (None when blank). Raises CellError.

    Refused: control characters and bidi overrides (control_character); a date or an Excel
    date serial where a house number was typed (excel_date). Zero-width and other invisible
    format characters are removed, with an invisible_removed note when `notes` is given.
    """
    if not is_filled(value):
        return None
    if isinstance(value, (datetime.date, datetime.time)):
        raise CellError("excel_date")
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and math.isfinite(value) and EXCEL_DATE_SERIALS[0] <= value <= EXCEL_DATE_SERIALS[1]:
        raise CellError("excel_date")
    raw = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
    controls = [ch for ch in raw if _is_control(ch) and ch not in " \t\r\n"]
    inner = raw.strip(" \t\r\n")
    controls += [ch for ch in inner if ch in "\t\r\n"]
    if controls:
        raise CellError("control_character", characters=_codepoints(controls))
    invisible = [ch for ch in raw if _invisible(ch)]
    if invisible:
        raw = "".join(ch for ch in raw if not _invisible(ch))
        if notes is not None:
            notes.append(CellError("invisible_removed", characters=_codepoints(invisible)))
    text = clean_text(raw if not isinstance(value, (int, float)) else value)
    if text is None:
        return None
    plain = thai_digits_to_ascii(text).casefold()
    serial = re.sub(r"\.0*$", "", plain)  # '45728.0': the serial as a spreadsheet writes a number
    if _DATE_TEXT.match(plain) or (serial.isdigit() and EXCEL_DATE_SERIALS[0] <= int(serial) <= EXCEL_DATE_SERIALS[1]):
        raise CellError("excel_date")
    return text


def normalise_house_no(text: str | None) -> str | None:
    """The key two house numbers are compared by (core/rules/house_number.py, the one rule of importer,
    quality checks, form and database): '๑๒ / ๓' and '12\u200b/3' are '12/3'; None for blank."""
    return house_number_key(text)


def normalise_column_name(name: object) -> str:
    """A source column name as the mapper compares it: Kobo group path dropped, lower case, '_' for spaces.

    'household/House No' -> 'house_no'; '_gps_latitude' stays '_gps_latitude'.
    """
    text = unicodedata.normalize("NFC", str(name or "")).strip().lstrip("\ufeff")
    text = thai_digits_to_ascii(text.rsplit("/", 1)[-1])
    return re.sub(r"[\s\-]+", "_", text).casefold()
