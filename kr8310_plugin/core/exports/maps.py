"""Coverage maps for planners: A4 landscape print layouts built in code, exported to PDF or PNG.

`export_map(database, scope, output, area, dpi)` refreshes the coverage fields of the
database first (nobody exports stale numbers), then lays out one page: the organisation's
header (the plugin's options), a bilingual title, the communities filled by their coverage
(the 0–100 % ramp and styles of their own for the coverage flags; core/exports/print_styles.py)
and outlined by size class, the communities known only by a point drawn there in the same
classes, community names on district and atlas pages where they fit, the district boundaries
with each district's KR 8310 %, the legend, scale bar, north arrow, the date of the data, a KR
8310 summary table for the page's scope and the source/attribution note. Scopes: the city, one
district group, one district, or an atlas of one page per district in one PDF.

Only the communities and districts layers are drawn: household points and every field of
schema.PERSONAL_FIELDS stay out of maps (PDPA). `add_coverage_layouts(project, ...)` puts
the same layouts (city map and district atlas) into a set-up project for the layout designer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLayout,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsMapLayerStyle,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsTableCell,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ...compat import null_rectangle
from ...definitions import print_texts, schema
from ...definitions.print_texts import PrintText
from ..coverage.export_coverage import refresh_for_export
from ..coverage.kr_summary import LEVEL_CITY, LEVEL_DISTRICT, LEVEL_GROUP, SummaryRow, districts_from_layer, kr_summary
from ..registry.districts import District
from ..storage.datasource import is_postgres, open_layer
from ..storage.postgis.server_reads import latest_household_change
from ..toolbelt import settings
from ..toolbelt.i18n import tr
from . import locale_format, past_coverage, print_styles
from .layout_items import (
    PAPER_MM,
    add_north_arrow,
    add_scale_bar,
    export_feedback,
    fit_extent,
    label_item,
    pdf_settings,
    set_legend_fonts,
)
from .print_styles import COMMUNITY_LABEL_MAX_SCALE, simple_labeling, text_format

SCOPE_CITY = "city"
SCOPE_GROUP = "group"
SCOPE_DISTRICT = "district"
SCOPE_ATLAS = "atlas"
SCOPES = (SCOPE_CITY, SCOPE_GROUP, SCOPE_DISTRICT, SCOPE_ATLAS)
OUTPUT_FORMATS = (".pdf", ".png")

PAGE_WIDTH, PAGE_HEIGHT = PAPER_MM["A4"]  # landscape, mm
MARGIN = 8.0
PANEL_WIDTH = 84.0  # the right-hand column: legend, summary, scale, notes
MAP_TOP = 31.0  # below the header and the two title lines
SUMMARY_VARIABLE = "kr8310_summary"
CITY_LAYOUT_NAME = "KR 8310 city map"
ATLAS_LAYOUT_NAME = "KR 8310 district atlas"
# Legend headings, Thai over English: the legend has two narrow columns.
COMMUNITIES_LEGEND_TITLE = print_texts.COVERAGE_FILL_LEGEND.stacked()
SIZE_CLASS_LEGEND_TITLE = print_texts.SIZE_CLASS_OUTLINE_LEGEND.stacked()
POINTS_LEGEND_TITLE = print_texts.POINT_COMMUNITIES_LEGEND.stacked()
DISTRICTS_LEGEND_TITLE = print_texts.DISTRICTS_LEGEND.stacked()
CHANGE_LEGEND_TITLE = print_texts.COVERAGE_CHANGE_LEGEND.stacked()  # too long for one line of the panel
# The point communities' legend: one circle (the 50-60 % class), labelled as standing for all.
POINT_LEGEND_CLASS = 5
POINT_LEGEND_LABEL = print_texts.POINT_COMMUNITIES_COLOUR.stacked()
LEGEND_WRAP = "\n"  # a legend text breaks where it has a new line

Progress = Callable[[float], None]


class MapExportError(ValueError):
    """The map cannot be exported; the message is for the user."""


@dataclass
class MapExportResult:
    outputs: list[Path] = field(default_factory=list)
    pages: int = 0
    city_kr_pct: float | None = None
    refresh_seconds: float = 0.0
    export_seconds: float = 0.0
    point_communities: int = 0  # drawn at their point (no polygon)


@dataclass(frozen=True)
class PageScope:
    """What one layout shows: a scope, its area code and titles; `key` finds its summary row."""

    scope: str
    area: str = ""
    title_th: str = ""
    title_en: str = ""
    district_codes: tuple[int, ...] = ()

    @property
    def summary_key_expression(self) -> str:
        if self.scope == SCOPE_ATLAS:
            return "to_string(attribute(@atlas_feature, 'district_code'))"
        return "'" + (self.area or "BKK").replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------
# Texts


def data_date(database: str) -> date | None:
    """The date of the latest household record (created or updated), None when there is none.

    Only the maximum is read: no household value reaches the map.
    """
    if is_postgres(database):  # the server's answer: a planner may not read households
        latest = latest_household_change(database)
        return latest.date() if latest else None
    households = open_layer(database, schema.HOUSEHOLDS)
    latest = None
    for name in ("updated_at", "created_at"):
        index = households.fields().indexOf(name)
        if index < 0:
            continue
        value = as_datetime(households.maximumValue(index))
        if value is not None and (latest is None or value > latest):
            latest = value
    return latest.date() if latest else None


def as_datetime(value) -> datetime | None:
    """A stored updated_at/created_at (a QDateTime, or an ISO text as GeoPackage keeps it) as a
    datetime without time zone; None for anything else."""
    if hasattr(value, "toPyDateTime"):
        value = value.toPyDateTime()
    elif isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return None


def data_as_of(day: date | None) -> PrintText:
    """'ข้อมูล ณ วันที่ 30 กันยายน พ.ศ. 2568' and 'Data as of 30 September 2025' (the Thai line's era
    and digits as set in the plugin's options)."""
    if day is None:
        return print_texts.DATA_AS_OF.format(th_date=print_texts.NO_DATE, en_date=print_texts.NO_DATE)
    return print_texts.DATA_AS_OF.format(th_date=_thai_date(day), en_date=_english_date(day))


def date_line(day: date | None) -> str:
    """data_as_of's Thai line over its English line."""
    return data_as_of(day).stacked()


def change_period_line(since: date, until: date) -> str:
    """'เปลี่ยนแปลงจาก <since> / ถึง <until>' over 'Change from <since> / to <until>', four lines (dates
    as date_line's)."""
    return print_texts.CHANGE_PERIOD.format(
        th_since=_thai_date(since),
        th_until=_thai_date(until),
        en_since=_english_date(since),
        en_until=_english_date(until),
    ).stacked()


def _thai_date(day: date) -> str:
    return locale_format.format_date(day, settings.buddhist_era(), settings.thai_digits(), "th")


def _english_date(day: date) -> str:
    return locale_format.format_date(day, language="en")


def attribution_text(database: str) -> str:
    """Source and attribution note; the district boundary attribution of resources/data/README.md."""
    return tr(
        "ที่มา: ฐานข้อมูลชุมชน KR 8310 ({database}); ค่าเป้าหมาย: แผนปฏิบัติราชการ กทม. พ.ศ. 2568. "
        "Source: KR 8310 community database ({database}); targets: BMA 2025 (B.E. 2568) action plan.\n"
        "ขอบเขตการปกครอง / District boundaries: pcrete/gsvloader-demo, MIT licence, © 2018 Poom Wettayakorn. "
        "KR 8310 % = Σ min(complete, registered) ÷ Σ registered, S and M communities."
    ).format(database=Path(database).name if not database.startswith(("pg:", "postgres")) else "PostGIS")


# ---------------------------------------------------------------------------------------
# Layer styles for print


def organisation_header() -> PrintText:
    """The organisation and its department, as pages and report sheets head them (the plugin's
    options; default กรุงเทพมหานคร · สำนักผังเมือง / Bangkok Metropolitan Administration · City
    Planning Department)."""
    organisation, department = settings.organisation(), settings.department()
    separator = print_texts.HEADER_SEPARATOR
    return PrintText(f"{organisation.th}{separator}{department.th}", f"{organisation.en}{separator}{department.en}")


def coverage_label_expression() -> str:
    return print_styles.COVERAGE_LABEL_EXPRESSION


def style_communities_for_print(layer: QgsVectorLayer, names_where: str = "", with_outlines: bool = False) -> None:
    """Fill by coverage (the ramp, the flags' own styles), coverage % labels when zoomed in and the
    names of the communities matching `names_where` where they fit; `with_outlines` draws the
    size-class outlines in the same layer (else style_size_class_outlines draws them from another)."""
    layer.setRenderer(print_styles.coverage_fill_renderer(with_outlines))
    layer.setLabeling(print_styles.community_labeling(names_where))
    layer.setLabelsEnabled(True)
    layer.setName(COMMUNITIES_LEGEND_TITLE)


def style_size_class_outlines(layer: QgsVectorLayer, city: bool = False) -> None:
    """Only the size-class outlines (S thin, M thick, L dashed), to draw over the coverage fill
    (`city`: thinner, for a page of the whole city)."""
    layer.setRenderer(print_styles.size_class_outline_renderer(city))
    layer.setLabelsEnabled(False)
    layer.setName(SIZE_CLASS_LEGEND_TITLE)


def style_point_communities(layer: QgsVectorLayer, names_where: str = "") -> None:
    """Communities known only by their point: circles in the coverage classes, with their coverage %
    and (matching `names_where`) their names."""
    layer.setRenderer(print_styles.point_communities_renderer())
    layer.setLabeling(print_styles.community_labeling(names_where, points=True))
    layer.setLabelsEnabled(True)
    layer.setName(POINTS_LEGEND_TITLE)


def size_class_outline_layer(communities: QgsVectorLayer, city: bool = False) -> QgsVectorLayer:
    """A memory copy of the communities' polygons and size classes, styled as their outlines."""
    request = QgsFeatureRequest().setSubsetOfAttributes(["size_class"], communities.fields())
    outlines = communities.materialize(request)
    style_size_class_outlines(outlines, city)
    return outlines


def names_expression(page: PageScope) -> str:
    """Which communities a page names: those of its district on district and atlas pages, none else
    (a city or group page is too small for names)."""
    if page.scope in (SCOPE_DISTRICT, SCOPE_ATLAS):
        return focus_expression(page)
    return ""


def style_change_for_print(layer: QgsVectorLayer) -> None:
    """A change layer (past_coverage.coverage_layer with `before`) on the diverging ramp of the
    change in coverage, the change in percentage points as labels when zoomed in."""
    layer.setRenderer(past_coverage.change_renderer())
    layer.setLabeling(simple_labeling(past_coverage.CHANGE_LABEL_EXPRESSION, 7, True, COMMUNITY_LABEL_MAX_SCALE))
    layer.setLabelsEnabled(True)
    layer.setName(CHANGE_LEGEND_TITLE)


def style_districts_for_print(layer: QgsVectorLayer, focus: str = "", label_focus: bool = True) -> None:
    """Boundaries drawn over the communities, labelled with the district's name and KR 8310 % (from
    the summary variable). Districts outside `focus` (when given) are veiled in white; `label_focus`
    False leaves the focus districts unlabelled (a district's own page: its title and KR table say
    it, and its communities' labels get the room)."""
    root = QgsRuleBasedRenderer.Rule(None)
    outline = {"outline_color": "30,30,30", "outline_width": "0.5"}
    if focus:
        veil = QgsFillSymbol.createSimple({"color": "255,255,255,150", **outline, "outline_width": "0.3"})
        root.appendChild(QgsRuleBasedRenderer.Rule(veil, 0, 0, f"NOT ({focus})", "other districts"))
        outlined = QgsFillSymbol.createSimple({"style": "no", **outline, "outline_width": "0.9"})
        root.appendChild(QgsRuleBasedRenderer.Rule(outlined, 0, 0, focus, DISTRICTS_LEGEND_TITLE))
    else:
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                QgsFillSymbol.createSimple({"style": "no", **outline}), 0, 0, "", DISTRICTS_LEGEND_TITLE
            )
        )
    layer.setRenderer(QgsRuleBasedRenderer(root))
    kr = f"map_get(map_get(json_to_map(@{SUMMARY_VARIABLE}), to_string(\"district_code\")), 'kr')"
    label = f"\"name_th\" || '\\n' || coalesce({kr}, '')"
    if focus and not label_focus:
        label = f"CASE WHEN {focus} THEN '' ELSE {label} END"
    labeling = simple_labeling(label, 9, True)
    pal = labeling.settings()
    pal.priority = 9  # district names win over community labels
    pal.setFormat(text_format(9, True, "#08306b", buffer=True))
    labeling.setSettings(pal)
    layer.setLabeling(labeling)
    layer.setLabelsEnabled(True)
    layer.setName(DISTRICTS_LEGEND_TITLE)


def focus_expression(page: PageScope) -> str:
    """Which districts a page is about ('' for the city: all of them)."""
    if page.scope == SCOPE_ATLAS:
        return "\"district_code\" = attribute(@atlas_feature, 'district_code')"
    if page.scope in (SCOPE_GROUP, SCOPE_DISTRICT) and page.district_codes:
        return f'"district_code" IN ({", ".join(str(c) for c in page.district_codes)})'
    return ""


# ---------------------------------------------------------------------------------------
# The summary table's numbers, stored as a layout variable (so the atlas can pick a district's)


def summary_variable(rows: list[SummaryRow]) -> str:
    """JSON of the formatted summary numbers per city (BKK), group code and district code."""
    digits = settings.thai_digits()
    number, pct = (lambda v: locale_format.format_int(v, digits)), (lambda v: locale_format.format_pct(v, 1, digits))
    values = {}
    for row in rows:
        if row.level not in (LEVEL_CITY, LEVEL_GROUP, LEVEL_DISTRICT):
            continue
        values[row.code] = {
            "s": number(row.s_communities),
            "m": number(row.m_communities),
            "registered": number(row.registered_households),
            "complete": number(row.complete_households),
            "kr": pct(row.kr_pct),
            "target": number(row.target_households),
            "diff": locale_format.format_signed_int(row.diff_households, digits),
        }
    return json.dumps(values, ensure_ascii=False)


SUMMARY_TABLE_ROWS = tuple((key, label.slashed()) for key, label in print_texts.MAP_SUMMARY_ROWS.items())


# ---------------------------------------------------------------------------------------
# Layout


def _summary_table(layout: QgsLayout, page: PageScope, x: float, y: float, w: float) -> QgsLayoutItemManualTable:
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    lookup = f"map_get(json_to_map(@{SUMMARY_VARIABLE}), {page.summary_key_expression})"
    contents = []
    for key, label in SUMMARY_TABLE_ROWS:
        value = QgsTableCell(QgsProperty.fromExpression(f"coalesce(map_get({lookup}, '{key}'), '–')"))
        value.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
        if key == "kr":
            value.setTextFormat(text_format(8.5, True))
        contents.append([QgsTableCell(label), value])
    table.setTableContents(contents)
    header = [QgsLayoutTableColumn(print_texts.MAP_SUMMARY_HEADER.slashed()), QgsLayoutTableColumn("")]
    table.setHeaders(header)
    table.setIncludeTableHeader(True)
    table.setColumnWidths([w * 0.70, 0])
    table.setContentTextFormat(text_format(7.5))
    table.setHeaderTextFormat(text_format(8, True))
    table.setGridStrokeWidth(0.2)
    table.setCellMargin(0.8)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    frame.attemptResize(QgsLayoutSize(w, 45, QgsUnitTypes.LayoutMillimeters))
    table.addFrame(frame)
    return table


def build_layout(
    project: QgsProject,
    communities: QgsVectorLayer,
    districts: QgsVectorLayer,
    page: PageScope,
    summary_json: str,
    date_text: str,
    attribution: str,
    name: str = CITY_LAYOUT_NAME,
    style_overrides: dict[str, str] | None = None,
    communities_title: str = COMMUNITIES_LEGEND_TITLE,
    outlines: QgsVectorLayer | None = None,
    points: QgsVectorLayer | None = None,
) -> QgsPrintLayout:
    """An A4 landscape print layout of `page` (for an atlas, driven by the districts layer).

    `date_text` goes top right (date_line or change_period_line); `communities_title` heads the
    communities in the legend. `outlines` (the size-class outlines over the fill) and `points`
    (communities known only by a point) are drawn when given. The layers must be in `project`;
    the layout is not added to the project's manager. `style_overrides` (layer id -> style XML)
    draw the map and legend unlike the layers' own styles.
    """
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Landscape)
    layout.setCustomProperty("variableNames", [SUMMARY_VARIABLE])
    layout.setCustomProperty("variableValues", [summary_json])
    # Text stays text in a PDF: searchable, small, and Thai shaped by Qt from the embedded font.
    layout.renderContext().setTextRenderFormat(Qgis.TextRenderFormat.AlwaysText)

    map_width = PAGE_WIDTH - 3 * MARGIN - PANEL_WIDTH
    map_top = MAP_TOP
    map_height = PAGE_HEIGHT - map_top - MARGIN - 12
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(MARGIN, map_top, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(map_width, map_height, QgsUnitTypes.LayoutMillimeters))
    map_item.setCrs(communities.crs())
    drawn = [layer for layer in (districts, points, outlines, communities) if layer is not None]
    map_item.setLayers(drawn)  # top first
    map_item.setKeepLayerSet(True)
    if style_overrides:
        map_item.setKeepLayerStyles(True)
        map_item.setLayerStyleOverrides(style_overrides)
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("#dfeaf2"))
    map_item.setExtent(fit_extent(scope_extent(districts, page), map_width, map_height))

    if page.scope == SCOPE_ATLAS:
        atlas = layout.atlas()
        atlas.setCoverageLayer(districts)
        atlas.setEnabled(True)
        atlas.setSortFeatures(True)
        atlas.setSortExpression('"district_code"')
        atlas.setPageNameExpression('"district_code" || \' \' || "name_en"')
        atlas.setFilenameExpression("'kr8310_' || \"district_code\"")
        map_item.setAtlasDriven(True)
        map_item.setAtlasScalingMode(QgsLayoutItemMap.Auto)
        map_item.setAtlasMargin(0.08)

    # The organisation's header, then the title, Thai over English.
    title_width = PAGE_WIDTH - 3 * MARGIN - 70
    header = organisation_header()
    label_item(layout, header.th, MARGIN, 4, title_width, 5, 8.5, bold=True).setId("header_th")
    label_item(layout, header.en, MARGIN, 8.3, title_width, 4.5, 7.5).setId("header_en")
    label_item(layout, page.title_th, MARGIN, 12.5, title_width, 10, 15, bold=True)
    label_item(layout, page.title_en, MARGIN, 22, title_width, 7, 10.5)
    label_item(layout, date_text, PAGE_WIDTH - MARGIN - 70, 5, 70, 22, 9).setHAlign(Qt.AlignmentFlag.AlignRight)

    panel_x = PAGE_WIDTH - MARGIN - PANEL_WIDTH
    legend = _legend(
        layout, map_item, communities, districts, page, communities_title, style_overrides, outlines, points
    )
    legend.attemptMove(QgsLayoutPoint(panel_x, map_top, QgsUnitTypes.LayoutMillimeters))

    panel_bottom = map_top + map_height
    _summary_table(layout, page, panel_x, panel_bottom - 62, PANEL_WIDTH)

    add_north_arrow(layout, map_item, panel_x, panel_bottom - 14)
    add_scale_bar(layout, map_item, panel_x + 14, panel_bottom - 11)

    note = label_item(layout, attribution, MARGIN, PAGE_HEIGHT - MARGIN - 10, PAGE_WIDTH - 2 * MARGIN, 10, 6.5)
    note.setId("attribution")
    return layout


def _legend(
    layout: QgsLayout,
    map_item: QgsLayoutItemMap,
    communities: QgsVectorLayer,
    districts: QgsVectorLayer,
    page: PageScope,
    communities_title: str,
    style_overrides: dict[str, str] | None,
    outlines: QgsVectorLayer | None,
    points: QgsVectorLayer | None,
) -> QgsLayoutItemLegend:
    """The legend in two columns: the coverage classes, then size classes, point communities and the
    district boundary. Every class is listed on every page (an atlas reads alike page after page),
    unless the layouts take style overrides (a set-up project's), whose legend follows the map."""
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(print_texts.LEGEND_TITLE.slashed())
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)  # the legend now owns a copy of the project's layer tree: trim it
    root = legend.model().rootGroup()
    root.removeAllChildren()
    root.addLayer(communities).setCustomProperty("legend/title-label", communities_title)
    second_column = None
    if outlines is not None:
        node = root.addLayer(outlines)
        node.setCustomProperty("legend/title-label", SIZE_CLASS_LEGEND_TITLE)
        second_column = second_column or node
    if points is not None:
        node = root.addLayer(points)
        node.setCustomProperty("legend/title-label", POINTS_LEGEND_TITLE)
        # One circle stands for all: its colour is the coverage class, as the fill's.
        QgsMapLayerLegendUtils.setLegendNodeOrder(node, [POINT_LEGEND_CLASS])
        QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, POINT_LEGEND_CLASS, POINT_LEGEND_LABEL)
        second_column = second_column or node
    district_node = root.addLayer(districts)
    district_node.setCustomProperty("legend/title-label", DISTRICTS_LEGEND_TITLE)
    second_column = second_column or district_node
    if outlines is not None or points is not None:
        second_column.setCustomProperty("legend/column-break", "1")  # read as a number
        legend.setColumnCount(2)
        legend.setColumnSpace(3)
    # One boundary symbol (the page's districts), without the veil of the others or a second title.
    QgsLegendRenderer.setNodeLegendStyle(district_node, QgsLegendStyle.Hidden)
    if focus_expression(page):
        QgsMapLayerLegendUtils.setLegendNodeOrder(district_node, [1])
    if style_overrides:
        legend.model().setLayerStyleOverrides(style_overrides)
    for node in root.findLayers():
        legend.model().refreshLayerLegend(node)
    # Filtered by the map, the legend also takes the map's style overrides when a project is read.
    legend.setLegendFilterByMapEnabled(bool(style_overrides))
    set_legend_fonts(legend, (9.5, 8, 7), symbol=(3.2, 5.5))
    for component in (QgsLegendStyle.Symbol, QgsLegendStyle.SymbolLabel):
        legend.rstyle(component).setMargin(QgsLegendStyle.Top, 1.0)  # 15 classes in one column
    legend.setWrapString(LEGEND_WRAP)
    layout.addLayoutItem(legend)
    return legend


def scope_extent(districts: QgsVectorLayer, page: PageScope) -> QgsRectangle:
    """The extent of the scope's districts (all of them for the city and the atlas), with a margin."""
    request = QgsFeatureRequest()
    if page.district_codes and page.scope in (SCOPE_GROUP, SCOPE_DISTRICT):
        request.setFilterExpression(f'"district_code" IN ({", ".join(str(c) for c in page.district_codes)})')
    extent = null_rectangle()
    for feature in districts.getFeatures(request):
        extent.combineExtentWith(feature.geometry().boundingBox())
    if extent.isEmpty():
        extent = districts.extent()
    extent.scale(1.04)
    return extent


# ---------------------------------------------------------------------------------------
# Scopes


def page_scope(scope: str, area: str, districts: list[District], title: PrintText = print_texts.MAP_TITLE) -> PageScope:
    """Title and districts of a scope (`districts`: the database's registry; `title`: the map's,
    before the area); raises MapExportError for an unknown scope or area code."""
    if scope not in SCOPES:
        raise MapExportError(
            tr("Unknown scope '{scope}': use one of {scopes}.").format(scope=scope, scopes=", ".join(SCOPES))
        )
    area = (area or "").strip()
    if scope == SCOPE_CITY:
        return PageScope(scope, "BKK", *_titles(title, print_texts.MAP_AREA_CITY))
    if scope == SCOPE_ATLAS:
        atlas_district = print_texts.MAP_AREA_ATLAS_DISTRICT.format(
            name_th="[% attribute(@atlas_feature, 'name_th') %]",
            name_en="[% attribute(@atlas_feature, 'name_en') %]",
            code="[% attribute(@atlas_feature, 'district_code') %]",
        )
        return PageScope(scope, "", *_titles(title, atlas_district))
    if scope == SCOPE_GROUP:
        group = next((d for d in districts if d.group_code.lower() == area.lower()), None)
        if group is None:
            valid = ", ".join(dict.fromkeys(d.group_code for d in districts))
            raise MapExportError(
                tr("AREA '{area}' is not a district group code; valid codes: {codes}.").format(area=area, codes=valid)
            )
        codes = tuple(d.code for d in districts if d.group_code == group.group_code)
        group_area = print_texts.MAP_AREA_GROUP.format(group_th=group.group_th, group_en=group.group_en)
        return PageScope(scope, group.group_code, *_titles(title, group_area), codes)
    district = next((d for d in districts if str(d.code) == area), None)
    if district is None:
        raise MapExportError(
            tr("AREA '{area}' is not a district code: give one of 1001-1050 that is in the database.").format(area=area)
        )
    district_area = print_texts.MAP_AREA_DISTRICT.format(name_th=district.name_th, name_en=district.name_en)
    return PageScope(scope, str(district.code), *_titles(title, district_area), (district.code,))


def _titles(title: PrintText, area: PrintText) -> tuple[str, str]:
    """The page's Thai and English titles: the map's title, then its area."""
    separator = print_texts.MAP_TITLE_SEPARATOR
    return f"{title.th}{separator}{area.th}", f"{title.en}{separator}{area.en}"


# ---------------------------------------------------------------------------------------
# Export


def _check_output(output: Path) -> None:
    if output.suffix.lower() not in OUTPUT_FORMATS:
        raise MapExportError(tr("The map file must end in .pdf or .png: {path}").format(path=output))
    if not output.parent.is_dir():
        raise MapExportError(tr("The folder {folder} does not exist.").format(folder=output.parent))


def export_map(
    database: str,
    scope: str,
    output: str | Path,
    area: str = "",
    dpi: float = 150.0,
    progress: Progress | None = None,
    feedback=None,
    snapshot_date: date | None = None,
    since: date | None = None,
) -> MapExportResult:
    """Refresh the coverage of `database`, then export the map of `scope` (and `area`) to `output`.

    `snapshot_date` draws the coverage recorded in that progress snapshot instead (and its KR
    8310 numbers; the database is then only read). `since` draws the change in coverage_pct
    from the snapshot of `since` to `snapshot_date` (or today) on a diverging ramp. Both draw a
    memory copy of the communities: the stored ones are never rewritten for a past map.

    A .pdf holds one page (all the districts' pages for the atlas); a .png one image (for the
    atlas one image per district, named <stem>_<district code>.png). `feedback` (a QgsFeedback)
    can cancel. Returns the files written. Raises MapExportError, SnapshotError (a date without
    a snapshot), DataSourceError or CoverageError with a message for the user; a failed export
    leaves no partial file behind.
    """
    output = Path(output)
    _check_output(output)
    if dpi <= 0 or dpi > 1200:
        raise MapExportError(tr("DPI must be between 1 and 1200, not {dpi}.").format(dpi=dpi))
    # Scope, area and dates are checked before the refresh writes anything.
    districts = open_layer(database, schema.DISTRICTS)
    district_list = districts_from_layer(districts)
    page = page_scope(scope, area, district_list, print_texts.CHANGE_MAP_TITLE if since else print_texts.MAP_TITLE)
    past_coverage.check_snapshot_dates(database, snapshot_date, since)
    report = progress or (lambda _value: None)
    result = MapExportResult()
    started = time.perf_counter()
    if snapshot_date is None:
        # By the completeness rule stored in the database.
        coverage = refresh_for_export(database, progress=lambda value: report(0.3 * value))
        values, rows = coverage.communities, kr_summary(coverage, district_list)
        day = data_date(database)
    else:
        past = past_coverage.snapshot_coverage(database, snapshot_date)
        values, rows, day = past.communities, past.summary, snapshot_date
    result.refresh_seconds = time.perf_counter() - started
    report(30)
    result.city_kr_pct = rows[0].kr_pct if rows else None
    communities = open_layer(database, schema.COMMUNITIES)
    communities_title = COMMUNITIES_LEGEND_TITLE
    date_text = date_line(day)
    names = names_expression(page)
    past_values = values if snapshot_date is not None else None
    # Communities known only by a point, with the same values as the polygons (today's stored, or the snapshot's).
    points = past_coverage.coverage_layer(communities, past_values, points=True)
    if since is not None:
        before = past_coverage.snapshot_coverage(database, since).communities
        communities = past_coverage.coverage_layer(communities, values, before)
        style_change_for_print(communities)
        communities_title = CHANGE_LEGEND_TITLE
        date_text = change_period_line(since, day or date.today())
        points = None  # the change map draws polygons only
    elif snapshot_date is not None:
        communities = past_coverage.coverage_layer(communities, values)
        style_communities_for_print(communities, names)
    else:
        style_communities_for_print(communities, names)
    outlines = size_class_outline_layer(communities, city=scope == SCOPE_CITY)
    if points is not None and points.featureCount():
        style_point_communities(points, names)
        result.point_communities = points.featureCount()
    else:
        points = None
    style_districts_for_print(districts, focus_expression(page), label_focus=not names)
    project = QgsProject()
    project.setCrs(communities.crs())
    project.addMapLayers([layer for layer in (districts, points, outlines, communities) if layer is not None])
    layout = build_layout(
        project,
        communities,
        districts,
        page,
        summary_variable(rows),
        date_text,
        attribution_text(database),
        ATLAS_LAYOUT_NAME if scope == SCOPE_ATLAS else CITY_LAYOUT_NAME,
        communities_title=communities_title,
        outlines=outlines,
        points=points,
    )
    started = time.perf_counter()
    try:
        result.outputs, result.pages = _export_layout(layout, output, dpi, report, feedback)
    finally:
        result.export_seconds = time.perf_counter() - started
        project.clear()
    report(100)
    return result


def _export_layout(layout: QgsPrintLayout, output: Path, dpi: float, report: Progress, feedback):
    page_feedback = export_feedback(report, feedback)
    exporter = QgsLayoutExporter(layout)
    atlas = layout.atlas()
    if output.suffix.lower() == ".pdf":
        settings = pdf_settings(dpi, simplify_geometries=True)
        if atlas.enabled():
            status, error = QgsLayoutExporter.exportToPdf(atlas, str(output), settings, page_feedback)
            pages = atlas.count()
        else:
            status, error, pages = exporter.exportToPdf(str(output), settings), exporter.errorFile(), 1
        outputs = [output]
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        settings.exportMetadata = False
        # QGIS tries to georeference the image in place, which GDAL cannot do for a PNG: keep it quiet.
        from osgeo import gdal

        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            if atlas.enabled():
                stem = output.stem.replace("'", "''")
                atlas.setFilenameExpression(f"'{stem}_' || \"district_code\"")
                status, error = QgsLayoutExporter.exportToImage(atlas, str(output), "png", settings, page_feedback)
                pages = atlas.count()
                outputs = sorted(output.parent.glob(f"{output.stem}_*.png"))
            else:
                status, error, pages = exporter.exportToImage(str(output), settings), exporter.errorFile(), 1
                outputs = [output]
        finally:
            gdal.PopErrorHandler()
    if page_feedback.isCanceled():
        for path in outputs:
            path.unlink(missing_ok=True)
        raise MapExportError(tr("The map export was cancelled."))
    if status != QgsLayoutExporter.Success:
        for path in outputs:
            path.unlink(missing_ok=True)
        raise MapExportError(
            tr("Could not export the map to {path}: {error}").format(path=output, error=error or status)
        )
    return outputs, pages


# ---------------------------------------------------------------------------------------
# Layouts in the set-up project


def add_coverage_layouts(project: QgsProject, communities: QgsVectorLayer, districts: QgsVectorLayer, database: str):
    """Add the city map and district atlas layouts to a set-up project (for the layout designer).

    Their summary numbers are those stored in the database when the project was set up;
    kr8310:exportmap refreshes them. Returns the layouts.
    """
    from ..coverage.engine import compute_coverage

    coverage = compute_coverage(
        communities,
        open_layer(database, schema.HOUSEHOLDS),
        open_layer(database, schema.MEMBERS),
    )  # by the completeness rule stored in the database
    district_list = districts_from_layer(districts)
    rows = kr_summary(coverage, district_list)
    summary = summary_variable(rows)
    day = date_line(data_date(database))
    attribution = attribution_text(database)
    layouts = []
    for scope, name in ((SCOPE_CITY, CITY_LAYOUT_NAME), (SCOPE_ATLAS, ATLAS_LAYOUT_NAME)):
        existing = project.layoutManager().layoutByName(name)
        if existing is not None:
            project.layoutManager().removeLayout(existing)
        page = page_scope(scope, "", district_list)
        layout = build_layout(
            project,
            communities,
            districts,
            page,
            summary,
            day,
            attribution,
            name,
            print_style_overrides(communities, districts, page),
        )
        project.layoutManager().addLayout(layout)
        layouts.append(layout)
    return layouts


def print_style_overrides(communities: QgsVectorLayer, districts: QgsVectorLayer, page: PageScope) -> dict[str, str]:
    """The print styles of the two layers as map style overrides (layer id -> style XML): the
    project's own styles and its layers' style lists stay as they are."""
    overrides = {}
    for layer, apply in (
        (communities, lambda copy: style_communities_for_print(copy, names_expression(page), with_outlines=True)),
        (districts, lambda copy: style_districts_for_print(copy, focus_expression(page), not names_expression(page))),
    ):
        copy = layer.clone()
        apply(copy)
        style = QgsMapLayerStyle()
        style.readFromLayer(copy)
        overrides[layer.id()] = style.xmlData()
    return overrides
