"""Coverage maps for planners: A4 landscape print layouts built in code, exported to PDF or PNG.

`export_map(database, scope, output, area, dpi)` refreshes the coverage fields of the
database first (nobody exports stale numbers), then lays out one page: the communities
styled by size class with their coverage % labels, the district boundaries, a bilingual
title, legend, scale bar, north arrow, the date of the data, a KR 8310 summary table for
the page's scope and the source/attribution note. Scopes: the city, one district group,
one district, or an atlas of one page per district in one PDF.

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
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLayout,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsMapLayerStyle,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ...compat import label_placement_over_point, null_rectangle, set_label_text_format, set_legend_text_format
from ...definitions import print_texts, schema
from ...definitions.codelists import SIZE_CLASS
from ...definitions.print_texts import PrintText
from ..coverage.engine import refresh_database
from ..coverage.kr_summary import LEVEL_CITY, LEVEL_DISTRICT, LEVEL_GROUP, SummaryRow, districts_from_layer, kr_summary
from ..registry.districts import District
from ..storage.datasource import open_layer
from ..toolbelt import settings
from ..toolbelt.i18n import tr
from ..toolbelt.paths import resource_path
from . import locale_format, past_coverage

SCOPE_CITY = "city"
SCOPE_GROUP = "group"
SCOPE_DISTRICT = "district"
SCOPE_ATLAS = "atlas"
SCOPES = (SCOPE_CITY, SCOPE_GROUP, SCOPE_DISTRICT, SCOPE_ATLAS)
OUTPUT_FORMATS = (".pdf", ".png")

PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0  # A4 landscape, mm
MARGIN = 8.0
PANEL_WIDTH = 78.0  # the right-hand column: legend, summary, scale, notes
# Community labels only where they can be read: districts carry the KR % on city and group maps.
COMMUNITY_LABEL_MAX_SCALE = 80000
SUMMARY_VARIABLE = "kr8310_summary"
CITY_LAYOUT_NAME = "KR 8310 city map"
ATLAS_LAYOUT_NAME = "KR 8310 district atlas"
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"
SIZE_CLASS_COLOURS = {"S": "#66c2a5", "M": "#fc8d62", "L": "#8da0cb"}  # as core.project.styles when present
COMMUNITIES_LEGEND_TITLE = print_texts.COMMUNITIES_LEGEND.slashed()
DISTRICTS_LEGEND_TITLE = print_texts.DISTRICTS_LEGEND.slashed()
CHANGE_LEGEND_TITLE = print_texts.COVERAGE_CHANGE_LEGEND.stacked()  # too long for one line of the panel

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
    households = open_layer(database, schema.HOUSEHOLDS)
    latest = None
    for name in ("updated_at", "created_at"):
        index = households.fields().indexOf(name)
        if index < 0:
            continue
        value = households.maximumValue(index)
        if hasattr(value, "toPyDateTime"):
            value = value.toPyDateTime()
        elif isinstance(value, str) and value:
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                value = None
        if isinstance(value, datetime) and (latest is None or value > latest):
            latest = value
    return latest.date() if latest else None


def date_line(day: date | None) -> str:
    """'ข้อมูล ณ วันที่ 30 กันยายน พ.ศ. 2568' over 'Data as of 30 September 2025' (the Thai line's era
    and digits as set in the plugin's options)."""
    if day is None:
        return print_texts.DATA_AS_OF.format(th_date=print_texts.NO_DATE, en_date=print_texts.NO_DATE).stacked()
    return print_texts.DATA_AS_OF.format(th_date=_thai_date(day), en_date=_english_date(day)).stacked()


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


def text_format(size: float, bold: bool = False, colour: str = "#202020", buffer: bool = False) -> QgsTextFormat:
    font = QFont(settings.map_font())
    font.setBold(bold)
    text = QgsTextFormat()
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(colour))
    if buffer:
        halo = text.buffer()
        halo.setEnabled(True)
        halo.setSize(0.8)
        halo.setColor(QColor(255, 255, 255, 230))
        text.setBuffer(halo)
    return text


def _labels(expression: str, size: float, bold: bool, max_scale: float = 0.0) -> QgsVectorLayerSimpleLabeling:
    pal = QgsPalLayerSettings()
    pal.fieldName = expression
    pal.isExpression = True
    pal.setFormat(text_format(size, bold, buffer=True))
    pal.placement = label_placement_over_point()
    pal.centroidInside = True
    if max_scale:
        pal.scaleVisibility = True
        pal.minimumScale = max_scale  # "minimum" is the most zoomed-out scale
        pal.maximumScale = 0
    return QgsVectorLayerSimpleLabeling(pal)


def _size_class_colours() -> dict[str, str]:
    try:  # the map styles module, when it is there: one palette for screen and print
        from ..project import styles

        return dict(styles.SIZE_CLASS_COLOURS)
    except (ImportError, AttributeError):
        return dict(SIZE_CLASS_COLOURS)


def coverage_label_expression() -> str:
    return "CASE WHEN \"coverage_pct\" IS NULL THEN '–' ELSE format_number(\"coverage_pct\", 0) || ' %' END"


def style_communities_for_print(layer: QgsVectorLayer) -> None:
    """Fill by size class (bilingual legend), coverage % as labels when zoomed in; no-data hatched grey outline."""
    colours = _size_class_colours()
    categories = []
    for code in SIZE_CLASS.codes:
        symbol = QgsFillSymbol.createSimple(
            {"color": colours[code.key], "outline_color": "#4d4d4d", "outline_width": "0.15"}
        )
        categories.append(QgsRendererCategory(code.key, symbol, f"{code.label_th} / {code.label_en}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("size_class", categories))
    layer.setLabeling(_labels(coverage_label_expression(), 7, True, COMMUNITY_LABEL_MAX_SCALE))
    layer.setLabelsEnabled(True)
    layer.setName(COMMUNITIES_LEGEND_TITLE)


def style_change_for_print(layer: QgsVectorLayer) -> None:
    """A change layer (past_coverage.coverage_layer with `before`) on the diverging ramp of the
    change in coverage, the change in percentage points as labels when zoomed in."""
    layer.setRenderer(past_coverage.change_renderer())
    layer.setLabeling(_labels(past_coverage.CHANGE_LABEL_EXPRESSION, 7, True, COMMUNITY_LABEL_MAX_SCALE))
    layer.setLabelsEnabled(True)
    layer.setName(CHANGE_LEGEND_TITLE)


def style_districts_for_print(layer: QgsVectorLayer, focus: str = "") -> None:
    """Boundaries drawn over the communities, labelled with the district's name and KR 8310 % (from
    the summary variable). Districts outside `focus` (when given) are veiled in white."""
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
    labeling = _labels(f"\"name_th\" || '\\n' || coalesce({kr}, '')", 9, True)
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


def _label_item(layout: QgsLayout, text: str, x: float, y: float, w: float, h: float, size: float, bold=False):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    set_label_text_format(label, text_format(size, bold))
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setMode(QgsLayoutItemLabel.ModeFont)
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    return label


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
) -> QgsPrintLayout:
    """An A4 landscape print layout of `page` (for an atlas, driven by the districts layer).

    `date_text` goes top right (date_line or change_period_line); `communities_title` heads the
    communities in the legend. The layers must be in `project`; the layout is not added to the
    project's manager. `style_overrides` (layer id -> style XML) draw the map and legend unlike
    the layers' own styles.
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
    map_top = 28.0
    map_height = PAGE_HEIGHT - map_top - MARGIN - 12
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(MARGIN, map_top, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(map_width, map_height, QgsUnitTypes.LayoutMillimeters))
    map_item.setCrs(communities.crs())
    map_item.setLayers([districts, communities])  # top first
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

    # Title, Thai over English.
    title_width = PAGE_WIDTH - 3 * MARGIN - 70
    _label_item(layout, page.title_th, MARGIN, 6, title_width, 11, 16, bold=True)
    _label_item(layout, page.title_en, MARGIN, 16.5, title_width, 8, 11)
    _label_item(layout, date_text, PAGE_WIDTH - MARGIN - 70, 7, 70, 20, 9).setHAlign(Qt.AlignmentFlag.AlignRight)

    panel_x = PAGE_WIDTH - MARGIN - PANEL_WIDTH
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(print_texts.LEGEND_TITLE.slashed())
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)  # the legend now owns a copy of the project's layer tree: trim it
    root = legend.model().rootGroup()
    root.removeAllChildren()
    root.addLayer(communities).setCustomProperty("legend/title-label", communities_title)
    district_node = root.addLayer(districts)
    district_node.setCustomProperty("legend/title-label", DISTRICTS_LEGEND_TITLE)
    # One boundary symbol (the page's districts), without the veil of the others or a second title.
    QgsLegendRenderer.setNodeLegendStyle(district_node, QgsLegendStyle.Hidden)
    if focus_expression(page):
        QgsMapLayerLegendUtils.setLegendNodeOrder(district_node, [1])
    if style_overrides:
        legend.model().setLayerStyleOverrides(style_overrides)
    for node in root.findLayers():
        legend.model().refreshLayerLegend(node)
    # Filtered by the map: the legend then also takes the map's style overrides when a project is read.
    legend.setLegendFilterByMapEnabled(True)
    for component, size, bold in (
        (QgsLegendStyle.Title, 10, True),
        (QgsLegendStyle.Subgroup, 8.5, True),
        (QgsLegendStyle.SymbolLabel, 8, False),
    ):
        set_legend_text_format(legend, component, text_format(size, bold))
    legend.setSymbolHeight(4)
    legend.setSymbolWidth(6)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(panel_x, map_top, QgsUnitTypes.LayoutMillimeters))

    _summary_table(layout, page, panel_x, map_top + 50, PANEL_WIDTH)

    north = QgsLayoutItemPicture(layout)
    north.setPicturePath(north_arrow_path())
    north.setLinkedMap(map_item)
    layout.addLayoutItem(north)
    north.attemptMove(QgsLayoutPoint(panel_x, map_top + 104, QgsUnitTypes.LayoutMillimeters))
    north.attemptResize(QgsLayoutSize(11, 16, QgsUnitTypes.LayoutMillimeters))

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setLinkedMap(map_item)
    scale_bar.setStyle("Single Box")
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setNumberOfSegments(3)
    scale_bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    scale_bar.setMinimumBarWidth(35)
    scale_bar.setMaximumBarWidth(55)
    scale_bar.setUnitsPerSegment(1)
    scale_bar.setHeight(2.5)
    scale_bar.setTextFormat(text_format(8))
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(panel_x + 16, map_top + 108, QgsUnitTypes.LayoutMillimeters))

    note = _label_item(layout, attribution, MARGIN, PAGE_HEIGHT - MARGIN - 10, PAGE_WIDTH - 2 * MARGIN, 10, 6.5)
    note.setId("attribution")
    return layout


def fit_extent(extent: QgsRectangle, width: float, height: float) -> QgsRectangle:
    """`extent` grown on one side to the width:height ratio of a map frame, around its centre."""
    centre = extent.center()
    half_width, half_height = extent.width() / 2, extent.height() / 2
    if half_width / half_height < width / height:
        half_width = half_height * width / height
    else:
        half_height = half_width * height / width
    return QgsRectangle(
        centre.x() - half_width, centre.y() - half_height, centre.x() + half_width, centre.y() + half_height
    )


def north_arrow_path() -> str:
    """QGIS's own north arrow SVG, else the plugin icon (never a missing picture)."""
    from qgis.core import QgsApplication

    for directory in QgsApplication.svgPaths():
        candidate = Path(directory) / NORTH_ARROW_SVG
        if candidate.is_file():
            return str(candidate)
    return str(resource_path("icons", "icon.svg"))


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
        coverage = refresh_database(database, progress=lambda value: report(0.3 * value))
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
    if since is not None:
        before = past_coverage.snapshot_coverage(database, since).communities
        communities = past_coverage.coverage_layer(communities, values, before)
        style_change_for_print(communities)
        communities_title = CHANGE_LEGEND_TITLE
        date_text = change_period_line(since, day or date.today())
    elif snapshot_date is not None:
        communities = past_coverage.coverage_layer(communities, values)
        style_communities_for_print(communities)
    else:
        style_communities_for_print(communities)
    style_districts_for_print(districts, focus_expression(page))
    project = QgsProject()
    project.setCrs(communities.crs())
    project.addMapLayers([districts, communities])
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
    from qgis.core import QgsFeedback

    page_feedback = QgsFeedback()
    page_feedback.progressChanged.connect(lambda value: report(30 + 0.7 * value))
    if feedback is not None:
        feedback.canceled.connect(page_feedback.cancel)
    exporter = QgsLayoutExporter(layout)
    atlas = layout.atlas()
    if output.suffix.lower() == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        settings.simplifyGeometries = True
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
        (communities, style_communities_for_print),
        (districts, lambda copy: style_districts_for_print(copy, focus_expression(page))),
    ):
        copy = layer.clone()
        apply(copy)
        style = QgsMapLayerStyle()
        style.readFromLayer(copy)
        overrides[layer.id()] = style.xmlData()
    return overrides
