"""The KR 8310 progress report of a reporting period, for BMA Policy Tracking: XLSX or PDF.

For the city, each district group and each district: the KR % of the last snapshot in the
period (FROM to TO, both included), the KR % of the last snapshot before the period and the
change (percentage points, of the unrounded values, rounded to one decimal), the registered
and complete S + M households, the official target households and the difference (data −
official, as kr_summary). Everything comes from kr_snapshots: no personal field can reach it.

- .xlsx: a sheet about the report, then one per level, Thai (English) headers; written with
  core/exports/reports.py's GDAL writer.
- .pdf: an A4 print layout: the Thai and English title, the period, a chart of the city's KR %
  over the fiscal year against the line to 100 % at its end, and the table (pages added as needed).
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from qgis.core import (
    Qgis,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemManualTable,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsPrintLayout,
    QgsProject,
    QgsTableCell,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt

from ...compat import set_label_text_format
from ...definitions import print_texts
from ..coverage.kr_summary import LEVEL_CITY, LEVEL_DISTRICT, LEVEL_GROUP
from ..exports import locale_format
from ..exports.print_styles import text_format
from ..exports.reports import SHEETS, Column, ReportExportError, rounded_percent, write_xlsx
from ..toolbelt.i18n import tr
from . import pace
from .snapshots import KrSnapshot, read_snapshots

REPORT_FORMATS = (".xlsx", ".pdf")
REPORT_LEVELS = (LEVEL_CITY, LEVEL_GROUP, LEVEL_DISTRICT)
TITLE_TH = print_texts.PROGRESS_TITLE.th
TITLE_EN = print_texts.PROGRESS_TITLE.en
SUBTITLE = print_texts.PROGRESS_SUBTITLE.slashed()
CHART_TITLE = print_texts.PROGRESS_CHART_TITLE.slashed()
ABOUT_SHEET = print_texts.PROGRESS_ABOUT_SHEET.spaced()
MONTHS_TH_SHORT = print_texts.CHART_MONTHS_TH
Progress = Callable[[float], None]

PROGRESS_COLUMNS: tuple[Column, ...] = tuple(
    Column(key, print_texts.PROGRESS_HEADERS[key].bracketed(), kind)
    for key, kind in (
        ("code", "text"),
        ("name_th", "text"),
        ("name_en", "text"),
        ("registered", "integer"),
        ("complete", "integer"),
        ("kr_pct", "percent"),
        ("previous_kr_pct", "percent"),
        ("change_points", "percent"),
        ("target_households", "integer"),
        ("diff_households", "integer"),
    )
)
ABOUT_COLUMNS: tuple[Column, ...] = tuple(
    Column(key, header.bracketed(), "text") for key, header in print_texts.PROGRESS_ABOUT_HEADERS.items()
)
# The PDF table: fewer columns, so an A4 page holds them.
PDF_COLUMNS: tuple[tuple[str, str, float], ...] = tuple(
    (key, print_texts.PROGRESS_PDF_HEADERS[key].slashed(), width)
    for key, width in (
        ("name", 58.0),
        ("kr_pct", 28.0),
        ("previous_kr_pct", 26.0),
        ("change_points", 24.0),
        ("target_households", 27.0),
        ("diff_households", 22.0),
    )
)


@dataclass
class ProgressRow:
    level: str
    code: str
    name_th: str | None
    name_en: str | None
    registered: int
    complete: int
    kr_pct: float | None
    previous_kr_pct: float | None
    change_points: float | None
    target_households: int | None
    diff_households: int | None


@dataclass
class ProgressTable:
    date_from: _dt.date
    date_to: _dt.date
    report_date: _dt.date  # the last snapshot in the period
    previous_date: _dt.date | None  # the last snapshot before the period
    rows: list[ProgressRow] = field(default_factory=list)
    city_series: list[tuple[_dt.date, float | None]] = field(default_factory=list)  # the fiscal year to report_date
    rule_version: int | None = None


@dataclass
class ProgressReportResult:
    output: Path
    report_date: _dt.date
    previous_date: _dt.date | None
    city_kr_pct: float | None
    pages: int = 0


def progress_table(kr_rows: list[KrSnapshot], date_from: _dt.date, date_to: _dt.date) -> ProgressTable:
    """The report's rows from kr_snapshots rows (at least those up to `date_to`).

    Raises ReportExportError when the period is empty or holds no snapshot.
    """
    if date_from > date_to:
        raise ReportExportError(
            tr("The period starts ({start}) after it ends ({end}).").format(start=date_from, end=date_to)
        )
    dates = sorted({row.snapshot_date for row in kr_rows})
    in_period = [day for day in dates if date_from <= day <= date_to]
    if not in_period:
        raise ReportExportError(
            tr("There is no snapshot from {start} to {end}: record progress first (kr8310:snapshot).").format(
                start=date_from, end=date_to
            )
        )
    report_date = in_period[-1]
    previous_date = max((day for day in dates if day < date_from), default=None)
    previous = {(r.level, r.key): r for r in kr_rows if r.snapshot_date == previous_date}
    table = ProgressTable(date_from, date_to, report_date, previous_date)
    for level in REPORT_LEVELS:
        for row in kr_rows:
            if row.snapshot_date != report_date or row.level != level:
                continue
            before = previous.get((level, row.key))
            previous_pct = before.kr_pct if before is not None else None
            change = None
            if row.kr_pct is not None and previous_pct is not None:
                change = row.kr_pct - previous_pct
            table.rows.append(
                ProgressRow(
                    level,
                    row.key,
                    row.name_th,
                    row.name_en,
                    row.registered,
                    row.complete,
                    row.kr_pct,
                    previous_pct,
                    change,
                    row.target_households,
                    None if row.target_households is None else row.registered - row.target_households,
                )
            )
            table.rule_version = row.rule_version
    year_start = pace.fiscal_year_dates(pace.fiscal_year_be(report_date))[0]
    table.city_series = [
        (r.snapshot_date, r.kr_pct)
        for r in kr_rows
        if r.level == LEVEL_CITY and year_start <= r.snapshot_date <= report_date
    ]
    return table


def progress_report(
    database: str,
    date_from: _dt.date,
    date_to: _dt.date,
    output: str | Path,
    thai_digits: bool = False,
    progress: Progress | None = None,
) -> ProgressReportResult:
    """Write the progress report of `date_from`..`date_to` (both included) to `output` (.xlsx or .pdf).

    Reads the snapshots only (nothing is recomputed). Raises ReportExportError (or
    SnapshotError, DataSourceError) with a message for the user.
    """
    output = Path(output)
    if output.suffix.lower() not in REPORT_FORMATS:
        raise ReportExportError(tr("The progress report must end in .xlsx or .pdf: {path}").format(path=output))
    if not output.parent.is_dir():
        raise ReportExportError(tr("The folder {folder} does not exist.").format(folder=output.parent))
    report = progress or (lambda _value: None)
    kr_rows = read_snapshots(database, date_to=date_to, communities=False).kr
    table = progress_table(kr_rows, date_from, date_to)
    report(30)
    pages = 1
    if output.suffix.lower() == ".xlsx":
        write_xlsx(output, xlsx_sheets(table))
    else:
        pages = write_pdf(table, output, thai_digits)
    report(100)
    city = next((row for row in table.rows if row.level == LEVEL_CITY), None)
    return ProgressReportResult(output, table.report_date, table.previous_date, city.kr_pct if city else None, pages)


# ---------------------------------------------------------------------------------------
# XLSX


def _period_line(table: ProgressTable, language: str, thai_digits: bool = False) -> str:
    def day(value: _dt.date) -> str:
        return locale_format.format_date(
            value, buddhist_era=language == "th", thai_digits=thai_digits, language=language
        )

    return f"{day(table.date_from)} – {day(table.date_to)}"


def about_rows(table: ProgressTable) -> list[dict]:
    previous = table.previous_date.isoformat() if table.previous_date else "–"
    fiscal_year = str(pace.fiscal_year_be(table.report_date))
    values = {
        "report": print_texts.PROGRESS_TITLE.bracketed(),
        "period": f"{table.date_from.isoformat()} – {table.date_to.isoformat()}",
        "period_be": _period_line(table, "th"),
        "fiscal_year": fiscal_year,
        "report_date": table.report_date.isoformat(),
        "previous_date": previous,
        "rule_version": str(table.rule_version),
    }
    return [{"item": item.bracketed(), "value": values[key]} for key, item in print_texts.PROGRESS_ABOUT_ITEMS.items()]


def level_values(table: ProgressTable, level: str) -> list[dict]:
    return [
        {column.key: getattr(row, column.key) for column in PROGRESS_COLUMNS}
        for row in table.rows
        if row.level == level
    ]


def xlsx_sheets(table: ProgressTable) -> list[tuple[str, tuple[Column, ...], list[dict]]]:
    sheets = [(ABOUT_SHEET, ABOUT_COLUMNS, about_rows(table))]
    sheets += [
        (sheet, PROGRESS_COLUMNS, level_values(table, level)) for level, sheet in SHEETS if level in REPORT_LEVELS
    ]
    return sheets


# ---------------------------------------------------------------------------------------
# PDF

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4 portrait, mm
MARGIN = 12.0
CHART_HEIGHT = 70.0


def _signed_points(value: float | None, thai_digits: bool) -> str:
    if value is None:
        return "–"
    value = rounded_percent(value)
    text = f"{value:+.1f}" if value else "0.0"
    return locale_format.thai_digits(text.replace("-", "−")) if thai_digits else text.replace("-", "−")


def _pdf_cell(row: ProgressRow, key: str, thai_digits: bool) -> str:
    if key == "name":
        return " / ".join(name for name in (row.name_th, row.name_en) if name)
    value = getattr(row, key)
    if key == "change_points":
        return _signed_points(value, thai_digits)
    if key == "diff_households":
        return locale_format.format_signed_int(value, thai_digits)
    if key.endswith("_pct"):
        return locale_format.format_pct(value, thai_digits=thai_digits)
    return locale_format.format_int(value, thai_digits)


def chart_svg(
    series: list[tuple[_dt.date, float | None]], year_end: _dt.date, width: int = 700, height: int = 260
) -> str:
    """An SVG line chart: KR % over the fiscal year (dots and line), the line to 100 % at its end
    (dashed) and the 100 % target (dotted). Pure text: the print layout draws it as a picture."""
    left, right, top, bottom = 48, 16, 24, 32
    year_start = pace.fiscal_year_dates(year_end.year + locale_format.BUDDHIST_ERA_OFFSET)[0]
    span = max((year_end - year_start).days, 1)

    def x(day: _dt.date) -> float:
        return left + (width - left - right) * (day - year_start).days / span

    def y(pct: float) -> float:
        return top + (height - top - bottom) * (1 - min(max(pct, 0.0), 100.0) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
    ]
    for pct in range(0, 101, 20):
        parts.append(f'<line x1="{left}" y1="{y(pct):.1f}" x2="{width - right}" y2="{y(pct):.1f}" stroke="#dddddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y(pct) + 4:.1f}" font-size="11" text-anchor="end" fill="#444444">{pct}</text>'
        )
    for month in range(12):
        day = _dt.date(
            year_start.year + (year_start.month + month - 1) // 12, (year_start.month + month - 1) % 12 + 1, 1
        )
        label = escape(MONTHS_TH_SHORT[day.month - 1])
        parts.append(
            f'<text x="{x(day) + 2:.1f}" y="{height - bottom + 16}" font-size="10" fill="#444444">{label}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{y(100):.1f}" x2="{width - right}" y2="{y(100):.1f}" stroke="#1a9850" '
        'stroke-width="1.5" stroke-dasharray="2,3"/>'
    )
    points = [(day, pct) for day, pct in series if pct is not None]
    if points:
        last_day, last = points[-1]
        parts.append(
            f'<line x1="{x(last_day):.1f}" y1="{y(last):.1f}" x2="{x(year_end):.1f}" y2="{y(100):.1f}" '
            'stroke="#d73027" stroke-width="1.5" stroke-dasharray="6,4"/>'
        )
        path = " ".join(f"{x(day):.1f},{y(pct):.1f}" for day, pct in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2166ac" stroke-width="2.5"/>')
        for day, pct in points:
            parts.append(f'<circle cx="{x(day):.1f}" cy="{y(pct):.1f}" r="3.5" fill="#2166ac"/>')
        parts.append(
            f'<text x="{x(last_day) + 6:.1f}" y="{y(last) - 6:.1f}" font-size="12" fill="#2166ac">{last:.1f} %</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#444444"/>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#444444"/>'
        "</svg>"
    )
    return "".join(parts)


def _label(layout, text: str, x: float, y: float, w: float, h: float, size: float, bold: bool = False):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    set_label_text_format(label, text_format(size, bold))
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    return label


def build_layout(
    project: QgsProject, table: ProgressTable, chart_path: Path, thai_digits: bool = False
) -> QgsPrintLayout:
    """The report's A4 layout in `project` (not added to its layout manager)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(TITLE_EN)
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)
    layout.renderContext().setTextRenderFormat(Qgis.TextRenderFormat.AlwaysText)
    width = PAGE_WIDTH - 2 * MARGIN
    _label(layout, print_texts.PROGRESS_TITLE.slashed(), MARGIN, MARGIN, width, 9, 15, bold=True)
    _label(layout, SUBTITLE, MARGIN, MARGIN + 9, width, 6, 9)
    previous = (
        locale_format.format_date(table.previous_date, buddhist_era=True, thai_digits=thai_digits)
        if table.previous_date
        else "–"
    )
    snapshot = locale_format.format_date(table.report_date, buddhist_era=True, thai_digits=thai_digits)
    lines = (
        f"{print_texts.PROGRESS_PERIOD.slashed()}: "
        f"{_period_line(table, 'th', thai_digits)} ({_period_line(table, 'en', thai_digits)})\n"
        f"{print_texts.PROGRESS_SNAPSHOT.slashed()}: {snapshot}"
        f"   {print_texts.PROGRESS_PREVIOUS.slashed()}: {previous}"
        f"\n{print_texts.PROGRESS_FISCAL_YEAR.slashed()}: "
        f"{print_texts.FISCAL_YEAR_ERA_TH} {pace.fiscal_year_be(table.report_date)}"
    )
    _label(layout, lines, MARGIN, MARGIN + 16, width, 14, 8.5)
    top = MARGIN + 31
    _label(layout, CHART_TITLE, MARGIN, top, width, 6, 9, bold=True)
    picture = QgsLayoutItemPicture(layout)
    picture.setPicturePath(str(chart_path), QgsLayoutItemPicture.FormatSVG)
    picture.setResizeMode(QgsLayoutItemPicture.Zoom)
    layout.addLayoutItem(picture)
    picture.attemptMove(QgsLayoutPoint(MARGIN, top + 6, QgsUnitTypes.LayoutMillimeters))
    picture.attemptResize(QgsLayoutSize(width, CHART_HEIGHT, QgsUnitTypes.LayoutMillimeters))
    table_top = top + 8 + CHART_HEIGHT
    manual = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(manual)
    contents = []
    for row in table.rows:
        cells = []
        for key, _header, _width in PDF_COLUMNS:
            cell = QgsTableCell(_pdf_cell(row, key, thai_digits))
            if key != "name":
                cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
            if row.level != LEVEL_DISTRICT:
                cell.setTextFormat(text_format(7.5, True))
            cells.append(cell)
        contents.append(cells)
    manual.setTableContents(contents)
    manual.setHeaders([QgsLayoutTableColumn(header) for _key, header, _width in PDF_COLUMNS])
    manual.setIncludeTableHeader(True)
    manual.setColumnWidths([w for _key, _header, w in PDF_COLUMNS])
    manual.setContentTextFormat(text_format(7.5))
    manual.setHeaderTextFormat(text_format(7.5, True))
    manual.setHeaderMode(QgsLayoutTable.AllFrames)
    manual.setWrapBehavior(QgsLayoutTable.WrapText)
    manual.setGridStrokeWidth(0.2)
    manual.setCellMargin(0.8)
    frame = QgsLayoutFrame(layout, manual)
    frame.attemptMove(QgsLayoutPoint(MARGIN, table_top, QgsUnitTypes.LayoutMillimeters))
    frame.attemptResize(QgsLayoutSize(width, PAGE_HEIGHT - MARGIN - table_top, QgsUnitTypes.LayoutMillimeters))
    manual.addFrame(frame)
    manual.setResizeMode(QgsLayoutMultiFrame.RepeatUntilFinished)
    manual.recalculateFrameSizes()
    return layout


def write_pdf(table: ProgressTable, output: Path, thai_digits: bool = False) -> int:
    """Export the report's layout to `output`; returns the number of pages."""
    with tempfile.TemporaryDirectory(prefix="kr8310_progress_") as folder:
        chart = Path(folder) / "chart.svg"
        chart.write_text(chart_svg(table.city_series, pace.fiscal_year_end(table.report_date)), encoding="utf-8")
        project = QgsProject()  # held until the export is done: the layout refers to it
        layout = build_layout(project, table, chart, thai_digits)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        status = QgsLayoutExporter(layout).exportToPdf(str(output), settings)
        pages = layout.pageCollection().pageCount()
    if status != QgsLayoutExporter.Success:
        output.unlink(missing_ok=True)
        raise ReportExportError(tr("Could not write the progress report {path}.").format(path=output))
    return pages
