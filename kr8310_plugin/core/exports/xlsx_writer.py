"""A small XLSX (Office Open XML) writer on the standard library: what the reports need, and no more.

GDAL's XLSX driver (what stock QGIS ships) writes one header row and the values, but no frozen
panes, column widths, number formats or title rows; openpyxl does, but QGIS does not ship it.
So the workbook is written here with `zipfile` and XML text: per sheet, optional title lines,
a bold wrapped header row frozen under them, the values (text always as text, never a formula),
numbers with thousands separators, percentages with one decimal, signed differences, and
column widths that fit the longest value (Thai marks above and below a letter take no width).
Excel, LibreOffice, openpyxl and GDAL read it.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

KINDS = ("text", "integer", "percent", "signed", "code")  # code: a whole number without separators (1001)
FONT = "Tahoma"  # on every Windows and in LibreOffice, with Thai glyphs
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
HEADER_LINES = 3  # a header wraps onto up to this many lines
# Style ids of styles.xml's cellXfs, by use.
STYLE_OF_KIND = {"text": 0, "integer": 2, "percent": 3, "signed": 4, "code": 7}
STYLE_HEADER, STYLE_TITLE, STYLE_SUBTITLE = 1, 5, 6
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class Sheet:
    """One sheet: `titles` lines above the header row, then `rows` of values under `headers`,
    each column of a kind of KINDS (None: an empty cell)."""

    name: str
    headers: Sequence[str]
    kinds: Sequence[str]
    rows: Sequence[Sequence[object]]
    titles: Sequence[str] = field(default_factory=tuple)

    @property
    def header_row(self) -> int:
        """The header's row number (1-based); the values start under it."""
        return len(self.titles) + 1


def display_width(text: str) -> float:
    """How many character widths `text` takes: combining marks (Thai vowels and tone marks above
    and below the line) none, wide East Asian characters two."""
    width = 0.0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
            continue
        width += 2.0 if unicodedata.east_asian_width(character) in ("W", "F") else 1.0
    return width


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: object, kind: str) -> str:
    """A value as the sheet shows it (for the width): 1,234 · 57.9 · +12."""
    if value is None:
        return ""
    if kind == "integer":
        return f"{int(value):,d}"
    if kind == "signed":
        return f"{int(value):+,d}" if value else "0"
    if kind == "code":
        return str(int(value))
    if kind == "percent":
        return f"{float(value):.1f}"
    return str(value)


def column_widths(sheet: Sheet) -> list[float]:
    """Widths that fit each column's longest value, and its header wrapped on HEADER_LINES lines."""
    widths = []
    for column, (header, kind) in enumerate(zip(sheet.headers, sheet.kinds)):
        longest_word = max((display_width(word) for word in header.split()), default=0.0)
        needed = max(longest_word, math.ceil(display_width(header) / HEADER_LINES))
        for row in sheet.rows:
            needed = max(needed, display_width(cell_text(row[column], kind)))
        widths.append(min(max(needed * 1.1 + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


class _Strings:
    """The shared strings table: every text once, cells refer to it by number."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def add(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(_clean(text), len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in self.index)
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
            f'count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>'
        )


def _cell(reference: str, value: object, kind: str, strings: _Strings, style: int | None = None) -> str:
    style = STYLE_OF_KIND[kind] if style is None else style
    attribute = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{reference}"{attribute}/>' if style else ""
    if kind == "text" or isinstance(value, str):
        return f'<c r="{reference}"{attribute} t="s"><v>{strings.add(str(value))}</v></c>'
    number = float(value) if kind == "percent" else int(value)
    return f'<c r="{reference}"{attribute}><v>{number!r}</v></c>'


def sheet_xml(sheet: Sheet, strings: _Strings) -> str:
    """The worksheet part of one sheet."""
    header_row = sheet.header_row
    rows = []
    for number, title in enumerate(sheet.titles, start=1):
        style = STYLE_TITLE if number == 1 else STYLE_SUBTITLE
        rows.append(f'<row r="{number}">{_cell(f"A{number}", title, "text", strings, style)}</row>')
    header = "".join(
        _cell(f"{column_letter(c)}{header_row}", text, "text", strings, STYLE_HEADER)
        for c, text in enumerate(sheet.headers)
    )
    rows.append(f'<row r="{header_row}" ht="{15 * HEADER_LINES}" customHeight="1">{header}</row>')
    for offset, values in enumerate(sheet.rows, start=1):
        number = header_row + offset
        cells = "".join(
            _cell(f"{column_letter(c)}{number}", value, kind, strings)
            for c, (value, kind) in enumerate(zip(values, sheet.kinds))
        )
        rows.append(f'<row r="{number}">{cells}</row>')
    columns = "".join(
        f'<col min="{c}" max="{c}" width="{width:.1f}" customWidth="1"/>'
        for c, width in enumerate(column_widths(sheet), start=1)
    )
    first_value = f"A{header_row + 1}"
    pane = (
        f'<pane ySplit="{header_row}" topLeftCell="{first_value}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{first_value}" sqref="{first_value}"/>'
    )
    last = f"{column_letter(max(len(sheet.headers) - 1, 0))}{header_row + len(sheet.rows)}"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>{"".join(rows)}</sheetData>'
        '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/></worksheet>'
    )


STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/>
<numFmt numFmtId="165" formatCode="+#,##0;-#,##0;0"/></numFmts>
<fonts count="4">
<font><sz val="10"/><name val="{FONT}"/></font>
<font><b/><sz val="10"/><name val="{FONT}"/></font>
<font><b/><sz val="13"/><name val="{FONT}"/></font>
<font><sz val="10"/><color rgb="FF404040"/><name val="{FONT}"/></font>
</fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F0"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"
 applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f"{sheets}</Types>"
    )


def _workbook(names: list[str]) -> tuple[str, str]:
    sheets = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(names, start=1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    count = len(names)
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    relations += f'<Relationship Id="rId{count + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    relations += f'<Relationship Id="rId{count + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_REL_NS}">{relations}</Relationships>'
    )
    return workbook, rels


ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def sheet_name(name: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", _clean(name)).strip() or "Sheet"
    candidate, number = cleaned[:31], 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.casefold())
    return candidate


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write `sheets` to the .xlsx `path` (replaced; never through a symbolic link). Raises OSError."""
    strings = _Strings()
    taken: set[str] = set()
    names = [sheet_name(sheet.name, taken) for sheet in sheets]
    parts = [(f"xl/worksheets/sheet{n}.xml", sheet_xml(sheet, strings)) for n, sheet in enumerate(sheets, start=1)]
    workbook, workbook_rels = _workbook(names)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with open(descriptor, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/styles.xml", STYLES_XML)
        for name, text in parts:
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", strings.xml())
