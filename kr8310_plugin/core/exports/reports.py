"""KR 8310 reports for planners: the summary per level and the per-community coverage, as CSV or XLSX.

`export_report(database, output)` refreshes the coverage fields, then writes:

- .xlsx: one sheet per level (city, district groups, districts, size classes) and one of
  communities. Each sheet opens with its title, the organisation (the plugin's options) and the
  date of the data, then a frozen header row of Thai headers (English in brackets); numbers are
  numbers with thousands separators, percentages rounded to one decimal, differences signed,
  columns as wide as their values (Thai too), the coverage flags in Thai beside their codes. A
  column has one type on every sheet: the district code is a number wherever it stands. Written
  by core/exports/xlsx_writer.py on the standard library (stock QGIS ships no openpyxl, and
  GDAL's XLSX driver writes no formats, widths or frozen panes).
- .csv: UTF-8 with BOM (so Excel shows Thai): `<name>.csv` holds the summary of every level
  (a level column first), `<name>_communities.csv` the communities.

The columns are those a district reports to BMA Policy Tracking: district, S and M
communities, registered and complete households, KR %, official targets, differences.
No field of schema.PERSONAL_FIELDS is ever written (PDPA): the rows are built from the
coverage result and the communities' public attributes only.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import NULL, QgsFeatureRequest

from ...definitions import print_texts, schema
from ...definitions.print_texts import PrintText
from ..coverage.engine import CoverageResult
from ..coverage.export_coverage import refresh_for_export
from ..coverage.kr_summary import (
    LEVEL_CITY,
    LEVEL_DISTRICT,
    LEVEL_GROUP,
    LEVEL_SIZE_CLASS,
    districts_from_layer,
    kr_summary,
)
from ..storage.datasource import open_layer
from ..toolbelt.i18n import tr
from . import xlsx_writer
from .maps import data_as_of, data_date, organisation_header

REPORT_FORMATS = (".csv", ".xlsx")
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Column:
    key: str  # SummaryRow attribute / community value
    header: str  # Thai (English)
    kind: str  # text | integer | percent | signed (a difference: +12, -3) | code (a number as 1001)


def _columns(headers: dict[str, PrintText], kinds: dict[str, str]) -> tuple[Column, ...]:
    """Columns in the order of `kinds`, headed "ไทย (English)" by print_texts."""
    return tuple(Column(key, headers[key].bracketed(), kind) for key, kind in kinds.items())


SUMMARY_REPORT_COLUMNS: tuple[Column, ...] = _columns(
    print_texts.SUMMARY_REPORT_HEADERS,
    {
        "code": "text",
        "name_th": "text",
        "name_en": "text",
        "s_communities": "integer",
        "m_communities": "integer",
        "registered_households": "integer",
        "complete_households": "integer",
        "kr_pct": "percent",
        "target_s_communities": "integer",
        "target_m_communities": "integer",
        "target_households": "integer",
        "diff_s_communities": "signed",
        "diff_m_communities": "signed",
        "diff_households": "signed",
        "households_entered": "integer",
        "l_communities": "integer",
        "l_registered_households": "integer",
        "l_complete_households": "integer",
        "l_coverage_pct": "percent",
    },
)
LEVEL_COLUMN = Column("level", print_texts.LEVEL_HEADER.bracketed(), "text")

COMMUNITY_REPORT_COLUMNS: tuple[Column, ...] = _columns(
    print_texts.COMMUNITY_REPORT_HEADERS,
    {
        "district_code": "code",
        "district_th": "text",
        "community_id": "text",
        "name": "text",
        "size_class": "text",
        "registered_households": "integer",
        "households_entered": "integer",
        "households_complete": "integer",
        "coverage_pct": "percent",
        "coverage_flag_label": "text",
        "coverage_flag": "text",
    },
)
# The district sheet's code is the district's number (as on the communities sheet), the other
# sheets' codes are text (BKK, a group code, a size class).
DISTRICT_CODE_COLUMN = Column("code", print_texts.DISTRICT_CODE_HEADER.bracketed(), "code")


def summary_columns(level: str) -> tuple[Column, ...]:
    """The summary columns of one level's sheet."""
    if level != LEVEL_DISTRICT:
        return SUMMARY_REPORT_COLUMNS
    return tuple(DISTRICT_CODE_COLUMN if column.key == "code" else column for column in SUMMARY_REPORT_COLUMNS)


# Sheet per level, in this order; the names stay short (Excel allows 31 characters).
SHEETS: tuple[tuple[str, str], ...] = tuple(
    (level, print_texts.LEVEL_SHEETS[level].spaced())
    for level in (LEVEL_CITY, LEVEL_GROUP, LEVEL_DISTRICT, LEVEL_SIZE_CLASS)
)
COMMUNITIES_SHEET = print_texts.COMMUNITIES_SHEET.spaced()
LEVEL_LABELS = {level: label.bracketed() for level, label in print_texts.LEVEL_LABELS.items()}


class ReportExportError(ValueError):
    """The report cannot be written; the message is for the user."""


@dataclass
class ReportExportResult:
    outputs: list[Path] = field(default_factory=list)
    city_kr_pct: float | None = None
    communities: int = 0
    seconds: float = 0.0


def rounded_percent(value: float | None) -> float | None:
    """Percentages as reported: one decimal."""
    return None if value is None else round(value, 1)


def report_tables(database: str, coverage: CoverageResult) -> tuple[dict[str, list[dict]], list[dict]]:
    """The summary rows per level (dicts keyed by column key) and the community rows, values only."""
    districts_layer = open_layer(database, schema.DISTRICTS)
    districts = districts_from_layer(districts_layer)
    names = {d.code: d.name_th for d in districts}
    levels: dict[str, list[dict]] = {level: [] for level, _sheet in SHEETS}
    for row in kr_summary(coverage, districts):
        values = {column.key: getattr(row, column.key) for column in SUMMARY_REPORT_COLUMNS}
        values["level"] = row.level
        if row.level == LEVEL_DISTRICT:
            values["code"] = int(row.code)
        levels[row.level].append(values)
    communities = []
    layer = open_layer(database, schema.COMMUNITIES)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(["community_id", "name", "size_class"], layer.fields())
    details = {str(f["community_id"]): (f["name"], f["size_class"]) for f in layer.getFeatures(request)}
    for community in sorted(coverage.communities.values(), key=lambda c: (c.district_code or 0, c.community_id)):
        name, stored_class = details.get(community.community_id, (None, None))
        communities.append(
            {
                "district_code": community.district_code,
                "district_th": names.get(community.district_code),
                "community_id": community.community_id,
                "name": None if name == NULL else name,
                "size_class": community.size_class or (None if stored_class == NULL else stored_class),
                "registered_households": community.registered_households,
                "households_entered": community.households_entered,
                "households_complete": community.households_complete,
                "coverage_pct": community.coverage_pct,
                "coverage_flag_label": print_texts.COVERAGE_FLAG_LABELS[community.coverage_flag].th,
                "coverage_flag": community.coverage_flag,
            }
        )
    return levels, communities


def _cell(value: object, kind: str) -> object:
    if value is None or value == NULL:
        return None
    if kind == "percent":
        return rounded_percent(float(value))
    return value


# ---------------------------------------------------------------------------------------
# CSV


# A text cell starting with one of these is run as a formula by Excel/LibreOffice when the CSV is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """A CSV text cell that a spreadsheet would run as a formula, prefixed with ' so it shows as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_text(value: object, kind: str) -> str:
    value = _cell(value, kind)
    if value is None:
        return ""
    if kind == "percent":
        return f"{value:.1f}"
    if kind == "text":  # numbers stay numbers: -3 is a number, not a formula
        return neutralise_formula(str(value))
    return str(value)


def write_csv(path: Path, columns: tuple[Column, ...], rows: list[dict], level_labels: bool = False) -> None:
    """UTF-8 with BOM (Excel reads Thai), one header row of Thai (English) headers; never through a symlink."""
    check_output_file(path)
    try:  # O_NOFOLLOW: a link made after the check is refused too
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as error:
        raise ReportExportError(tr("Cannot write {path}: {error}").format(path=path, error=error.strerror)) from error
    with open(descriptor, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in columns])
        for row in rows:
            cells = [_csv_text(row.get(c.key), c.kind) for c in columns]
            if level_labels:
                cells[0] = LEVEL_LABELS.get(row["level"], row["level"])
            writer.writerow(cells)


# ---------------------------------------------------------------------------------------
# XLSX


def write_xlsx(path: Path, sheets: list[tuple]) -> None:
    """One sheet per (name, columns, rows) or (name, columns, rows, title lines), in order; the title
    lines stand above the frozen header row. Raises ReportExportError when the file cannot be written."""
    check_output_file(path)
    workbook = []
    for name, columns, rows, *titles in sheets:
        values = [[_cell(row.get(column.key), column.kind) for column in columns] for row in rows]
        headers, kinds = [c.header for c in columns], [c.kind for c in columns]
        workbook.append(xlsx_writer.Sheet(name, headers, kinds, values, tuple(titles[0]) if titles else ()))
    try:
        xlsx_writer.write_workbook(path, workbook)
    except OSError as error:
        raise ReportExportError(
            tr("Cannot write {path}: {error}").format(path=path, error=error.strerror or error)
        ) from error


def sheet_titles(sheet: PrintText, day) -> tuple[str, str, str]:
    """The lines above a report sheet's header: the report's title with the sheet's, the
    organisation, the date of the data."""
    title = print_texts.REPORT_TITLE
    separator = print_texts.MAP_TITLE_SEPARATOR
    heading = PrintText(f"{title.th}{separator}{sheet.th}", f"{title.en}{separator}{sheet.en}")
    return heading.slashed(), organisation_header().slashed(), data_as_of(day).slashed()


# ---------------------------------------------------------------------------------------


def report_files(output: Path) -> list[Path]:
    """The files a report to `output` writes: the file itself, and for CSV the communities' side-car."""
    if output.suffix.lower() == ".csv":
        return [output, output.with_name(f"{output.stem}_communities.csv")]
    return [output]


def check_output_file(path: Path) -> None:
    """Refuse to write `path` when it is a folder or a symbolic link (which would overwrite another file)."""
    if path.is_symlink():
        raise ReportExportError(
            tr(
                "{path} is a symbolic link: it is not followed, so nothing is written through it. Remove it or choose "
                "another file."
            ).format(path=path)
        )
    if path.is_dir():
        raise ReportExportError(tr("{path} is a folder: give a file name for the report.").format(path=path))


def check_report_output(output: Path) -> None:
    """Everything about `output` that can be refused before the coverage is computed or written.

    Raises ReportExportError with a message for the user."""
    check_output_file(output)
    if output.suffix.lower() not in REPORT_FORMATS:
        raise ReportExportError(tr("The report file must end in .csv or .xlsx: {path}").format(path=output))
    if not output.parent.is_dir():
        raise ReportExportError(tr("The folder {folder} does not exist.").format(folder=output.parent))
    for path in report_files(output)[1:]:
        check_output_file(path)


def export_report(database: str, output: str | Path, progress: Progress | None = None) -> ReportExportResult:
    """Refresh the coverage of `database` and write the KR 8310 report to `output` (.csv or .xlsx).

    Returns the files written (two for CSV: the summary and `<stem>_communities.csv`).
    Raises ReportExportError (or DataSourceError, CoverageError) with a message for the user.
    """
    output = Path(output)
    check_report_output(output)
    report = progress or (lambda _value: None)
    started = time.perf_counter()
    # By the completeness rule stored in the database.
    coverage = refresh_for_export(database, progress=lambda value: report(0.7 * value))
    levels, communities = report_tables(database, coverage)
    report(80)
    result = ReportExportResult(city_kr_pct=levels[LEVEL_CITY][0]["kr_pct"], communities=len(communities))
    if output.suffix.lower() == ".csv":
        summary_rows = [row for level, _sheet in SHEETS for row in levels[level]]
        communities_path = report_files(output)[1]
        write_csv(output, (LEVEL_COLUMN, *SUMMARY_REPORT_COLUMNS), summary_rows, level_labels=True)
        write_csv(communities_path, COMMUNITY_REPORT_COLUMNS, communities)
        result.outputs = [output, communities_path]
    else:
        day = data_date(database)
        sheets = [
            (sheet, summary_columns(level), levels[level], sheet_titles(print_texts.LEVEL_SHEETS[level], day))
            for level, sheet in SHEETS
        ]
        titles = sheet_titles(print_texts.COMMUNITIES_SHEET, day)
        sheets.append((COMMUNITIES_SHEET, COMMUNITY_REPORT_COLUMNS, communities, titles))
        write_xlsx(output, sheets)
        result.outputs = [output]
    result.seconds = time.perf_counter() - started
    report(100)
    return result
