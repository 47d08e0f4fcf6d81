"""The printable community layout map (แผนผังชุมชน): one PDF page per community.

`export_layout(database, output, community=..., district=...)` draws, for each community, its
boundary (or the 150 m circle of a community known only by its point), the buildings, ways,
waterways, water areas, facilities, safety points and household points around it, with a Thai
title (community and district) and a small English line, a Thai legend (layer titles and
code-list labels in Thai), north arrow, scale bar, the data date, the sources, and
"© OpenStreetMap contributors" on every page that draws a feature imported from OSM.

A page is A4, or A3 when the community would print smaller than 1:MAX_A4_SCALE on A4; landscape
for a community wider than tall, else portrait. A district gives one page per community, in
one PDF (pages of different sizes are fine in a PDF).

No personal field or value is printed: household points are drawn as dots without any label,
and labels are only the names of buildings, ways, waterways and facilities (never a building's
house numbers, a household's house number or anything of its members).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ...compat import (
    label_placement_along_line,
    label_placement_over_point,
)
from ...definitions import layout_texts, print_texts, schema
from ...definitions.labels import LAYOUT_LAYER_TITLES
from ...definitions.osm_tags import POINT_COMMUNITY_RADIUS_M
from ..project.layout_layers import layout_renderer
from ..rules.sql_text import QGIS_EXPRESSION, quote_literal
from ..storage.datasource import is_postgres, open_layer
from ..toolbelt.i18n import tr
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
from .maps import as_datetime, date_line
from .print_styles import text_format

Progress = Callable[[float], None]

MARGIN = 10.0
HEADER_HEIGHT = 24.0
FOOTER_HEIGHT = 12.0
PANEL_SIZE = 64.0  # the legend column (landscape) or band (portrait), mm
MAX_A4_SCALE = 2500  # a community that needs a smaller scale on A4 gets A3
NICE_SCALES = (500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000, 20000, 25000, 50000)
AREA_MARGIN = 1.08  # the map shows the community and a little around it
MIN_AREA_M = 120.0  # a tiny community is shown at least this wide

HOUSEHOLD_COLOUR = "#37474f"
# What is drawn, top first; labels only of names (never house numbers).
DRAWN_LAYERS = (
    schema.SAFETY_POINTS,
    schema.FACILITIES,
    schema.HOUSEHOLDS,
    schema.BUILDINGS,
    schema.WAYS,
    schema.WATERWAYS,
    schema.WATER_AREAS,
)
LABELLED_LAYERS = {schema.BUILDINGS: 6.0, schema.WAYS: 6.5, schema.WATERWAYS: 6.5, schema.FACILITIES: 6.5}
OSM_LAYERS = (
    schema.BUILDINGS,
    schema.WAYS,
    schema.WATERWAYS,
    schema.WATER_AREAS,
    schema.FACILITIES,
    schema.SAFETY_POINTS,
)


class LayoutExportError(ValueError):
    """The layout map cannot be exported; the message is for the user."""


@dataclass(frozen=True)
class LayoutPage:
    """One community's page: what it shows and on what paper."""

    community_id: str
    name: str
    district_code: int | None
    area: object  # QgsGeometry: the polygon, or the circle around a point community's location
    from_point: bool
    paper: str  # "A4" or "A3"
    landscape: bool
    scale: int
    extent: QgsRectangle


@dataclass
class LayoutExportResult:
    output: Path | None = None
    pages: int = 0
    osm_pages: int = 0  # pages carrying the OpenStreetMap attribution
    seconds: float = 0.0
    communities: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Pages: paper, orientation and scale


def page_size(paper: str, landscape: bool) -> tuple[float, float]:
    width, height = PAPER_MM[paper]
    return (width, height) if landscape else (height, width)


def map_frame(paper: str, landscape: bool) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the map on the page, mm; the legend panel is right or below."""
    width, height = page_size(paper, landscape)
    top = MARGIN + HEADER_HEIGHT
    if landscape:
        return MARGIN, top, width - 3 * MARGIN - PANEL_SIZE, height - top - MARGIN - FOOTER_HEIGHT
    return MARGIN, top, width - 2 * MARGIN, height - top - 2 * MARGIN - FOOTER_HEIGHT - PANEL_SIZE


def nice_scale(denominator: float) -> int:
    """The first of NICE_SCALES at or above `denominator` (a round number a planner can measure with)."""
    for scale in NICE_SCALES:
        if scale >= denominator:
            return scale
    return int(-(-denominator // 10000) * 10000)


def plan_page(area_box: QgsRectangle) -> tuple[str, bool, int]:
    """(paper, landscape, scale) for a community whose area has the bounding box `area_box` (metres)."""
    width = max(area_box.width(), MIN_AREA_M) * AREA_MARGIN
    height = max(area_box.height(), MIN_AREA_M) * AREA_MARGIN
    landscape = width >= height
    for paper in ("A4", "A3"):
        _x, _y, frame_w, frame_h = map_frame(paper, landscape)
        denominator = max(width / frame_w, height / frame_h) * 1000.0
        scale = nice_scale(denominator)
        if paper == "A3" or scale <= MAX_A4_SCALE:
            return paper, landscape, scale
    raise AssertionError("unreachable")


def _page_extent(area_box: QgsRectangle, paper: str, landscape: bool, scale: int) -> QgsRectangle:
    _x, _y, frame_w, frame_h = map_frame(paper, landscape)
    centre = area_box.center()
    half_w, half_h = frame_w * scale / 2000.0, frame_h * scale / 2000.0
    return QgsRectangle(centre.x() - half_w, centre.y() - half_h, centre.x() + half_w, centre.y() + half_h)


def layout_pages(database: str, community: str = "", district: str | int = "") -> list[LayoutPage]:
    """The pages of one community (its id) or of every community of a district (its code), in
    community id order. Raises LayoutExportError for an unknown id or district, or neither given."""
    from qgis.core import QgsGeometry, QgsPointXY

    community, district = str(community or "").strip(), str(district or "").strip()
    if not community and not district:
        raise LayoutExportError(tr("Give a community id or a district code."))
    if district and not district.isdigit():
        raise LayoutExportError(tr("'{district}' is not a district code (1001-1050).").format(district=district))
    communities = open_layer(database, schema.COMMUNITIES)
    names = communities.fields().names()
    request = QgsFeatureRequest()
    if community:
        request.setFilterExpression(f'"community_id" = {quote_literal(community, QGIS_EXPRESSION)}')
    else:
        request.setFilterExpression(f'"district_code" = {int(district)}')
    pages = []
    for feature in communities.getFeatures(request):
        geometry = feature.geometry()
        from_point = geometry is None or geometry.isNull() or geometry.isEmpty()
        if from_point:
            x = feature["location_x"] if "location_x" in names else None
            y = feature["location_y"] if "location_y" in names else None
            if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
                continue  # neither a boundary nor a point: nothing to draw
            geometry = QgsGeometry.fromPointXY(QgsPointXY(x, y)).buffer(POINT_COMMUNITY_RADIUS_M, 24)
        box = geometry.boundingBox()
        paper, landscape, scale = plan_page(box)
        district_code = feature["district_code"]
        pages.append(
            LayoutPage(
                str(feature["community_id"]),
                str(feature["name"] or feature["community_id"]),
                int(district_code) if isinstance(district_code, (int, float)) else None,
                geometry,
                from_point,
                paper,
                landscape,
                scale,
                _page_extent(box, paper, landscape, scale),
            )
        )
    if not pages:
        if community:
            raise LayoutExportError(
                tr("No community {community} with a boundary or a point.").format(community=community)
            )
        raise LayoutExportError(
            tr("District {district} has no community with a boundary or a point.").format(district=district)
        )
    return sorted(pages, key=lambda page: page.community_id)


# ---------------------------------------------------------------------------------------
# Styles


def _marker(colour: str, shape: str, size: float) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple(
        {"name": shape, "color": colour, "outline_color": "#ffffff", "outline_width": "0.2", "size": str(size)}
    )


def _name_labels(size: float, colour: str, along_line: bool) -> QgsVectorLayerSimpleLabeling:
    pal = QgsPalLayerSettings()
    pal.fieldName = "name"  # names only: a building's house numbers never reach the page
    pal.isExpression = False
    pal.setFormat(text_format(size, False, colour, buffer=True))
    pal.placement = label_placement_along_line() if along_line else label_placement_over_point()
    pal.centroidInside = True
    return QgsVectorLayerSimpleLabeling(pal)


def style_for_print(layer: QgsVectorLayer, table: str) -> None:
    """The print style of one drawn layer (the layout layers as on screen, legend in Thai), its Thai
    title as the layer name."""
    if table == schema.HOUSEHOLDS:
        layer.setRenderer(QgsSingleSymbolRenderer(_marker(HOUSEHOLD_COLOUR, "circle", 1.2)))
    else:
        layer.setRenderer(layout_renderer(table, "th"))
    if table in LABELLED_LAYERS:
        colour = "#1f5f9f" if table == schema.WATERWAYS else "#202020"
        layer.setLabeling(_name_labels(LABELLED_LAYERS[table], colour, table in (schema.WAYS, schema.WATERWAYS)))
        layer.setLabelsEnabled(True)
    else:
        layer.setLabelsEnabled(False)  # households and safety points carry no label at all
    title = layout_texts.HOUSEHOLD_POINTS.th if table == schema.HOUSEHOLDS else LAYOUT_LAYER_TITLES.label(table, "th")
    layer.setName(title)


def _boundary_layer(page: LayoutPage) -> QgsVectorLayer:
    """The page's community area alone, as a memory layer drawn over everything."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={schema.CRS_AUTHID}", "boundary", "memory")
    feature = QgsFeature()
    feature.setGeometry(page.area)
    layer.dataProvider().addFeatures([feature])
    style = "dash" if page.from_point else "solid"
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#c62828", "outline_width": "0.8", "outline_style": style}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if page.from_point:
        layer.setName(layout_texts.POINT_COMMUNITY_AREA.format(radius=f"{POINT_COMMUNITY_RADIUS_M:.0f}").th)
    else:
        layer.setName(layout_texts.COMMUNITY_BOUNDARY.th)
    return layer


def _neighbours_style(layer: QgsVectorLayer) -> None:
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#9e9e9e", "outline_width": "0.3", "outline_style": "dash"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setLabelsEnabled(False)
    layer.setName(layout_texts.OTHER_COMMUNITIES.th)


# ---------------------------------------------------------------------------------------
# What a page says


def _has_osm_features(layers: dict[str, QgsVectorLayer], extent: QgsRectangle) -> bool:
    for table in OSM_LAYERS:
        request = QgsFeatureRequest().setFilterRect(extent).setFilterExpression('"osm_id" IS NOT NULL')
        request.setNoAttributes().setLimit(1)
        if next(layers[table].getFeatures(request), None) is not None:
            return True
    return False


def community_data_date(layers: dict[str, QgsVectorLayer], community_id: str) -> date | None:
    """The latest updated_at of the community's layout features and households (only the maximum
    is read: no household value reaches the page)."""
    is_community = f'"community_id" = {quote_literal(community_id, QGIS_EXPRESSION)}'
    latest = None
    for table in (*OSM_LAYERS, schema.HOUSEHOLDS):
        layer = layers[table]
        request = QgsFeatureRequest().setFilterExpression(is_community)
        request.setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(["updated_at"], layer.fields())
        for feature in layer.getFeatures(request):
            moment = as_datetime(feature["updated_at"])
            if moment is not None and (latest is None or moment > latest):
                latest = moment
    return latest.date() if latest else None


def page_title(page: LayoutPage, districts: dict[int, tuple[str, str]]) -> tuple[str, str, str]:
    """(Thai title, Thai district line, English line) of a page."""
    name = page.name
    if name.startswith(layout_texts.LAYOUT_TITLE_PREFIX_TH):
        name = name[len(layout_texts.LAYOUT_TITLE_PREFIX_TH) :]
    title = layout_texts.LAYOUT_TITLE.format(name=name)
    name_th, name_en = districts.get(page.district_code, ("", ""))
    district = layout_texts.LAYOUT_DISTRICT.format(name_th=name_th, name_en=name_en)
    english = layout_texts.LAYOUT_SUBTITLE_EN.format(title=title.en, district=district.en) if name_en else title.en
    return title.th, district.th if name_th else "", english


# ---------------------------------------------------------------------------------------
# Layout


def _add_page(layout: QgsPrintLayout, page: LayoutPage) -> int:
    item = QgsLayoutItemPage(layout)
    item.setPageSize(page.paper, QgsLayoutItemPage.Landscape if page.landscape else QgsLayoutItemPage.Portrait)
    layout.pageCollection().addPage(item)
    return layout.pageCollection().pageCount() - 1


def _lay_out_page(
    layout: QgsPrintLayout,
    page: LayoutPage,
    number: int,
    total: int,
    layers: dict[str, QgsVectorLayer],
    neighbours: QgsVectorLayer,
    boundary: QgsVectorLayer,
    titles: tuple[str, str, str],
    day: date | None,
    source_note: str,
    osm: bool,
) -> None:
    index = _add_page(layout, page)
    width, height = page_size(page.paper, page.landscape)
    map_x, map_y, map_w, map_h = map_frame(page.paper, page.landscape)
    title_th, district_th, english = titles
    title = f"{title_th} {district_th}".strip()
    label_item(layout, title, MARGIN, MARGIN, width - 2 * MARGIN - 75, 11, 17, True, page=index)
    label_item(layout, english, MARGIN, MARGIN + 11.5, width - 2 * MARGIN - 75, 7, 10, page=index)
    dated = label_item(layout, date_line(day), width - MARGIN - 75, MARGIN + 1, 75, 16, 9, page=index)
    dated.setHAlign(Qt.AlignmentFlag.AlignRight)

    map_item = QgsLayoutItemMap(layout)
    map_item.setId(f"map_{page.community_id}")
    layout.addLayoutItem(map_item)
    map_item.attemptResize(QgsLayoutSize(map_w, map_h, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptMove(QgsLayoutPoint(map_x, map_y, QgsUnitTypes.LayoutMillimeters), True, False, index)
    map_item.setCrs(boundary.crs())
    drawn = [boundary] + [layers[t] for t in DRAWN_LAYERS] + [neighbours]
    map_item.setLayers(drawn)
    map_item.setKeepLayerSet(True)
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("#fbfaf6"))
    map_item.setExtent(fit_extent(page.extent, map_w, map_h))
    map_item.setScale(page.scale)

    if page.landscape:
        panel_x, panel_y = width - MARGIN - PANEL_SIZE, map_y
    else:
        panel_x, panel_y = MARGIN, map_y + map_h + MARGIN / 2
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(print_texts.LEGEND_TITLE.th)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in drawn:
        root.addLayer(layer)
    for node in root.findLayers():
        legend.model().refreshLayerLegend(node)
    legend.setLegendFilterByMapEnabled(True)
    set_legend_fonts(legend, (10, 8.5, 7.5), symbol=(3.5, 6))
    if not page.landscape:
        legend.setColumnCount(3)
        legend.setSplitLayer(True)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(panel_x, panel_y, QgsUnitTypes.LayoutMillimeters), True, False, index)

    # North arrow and scale bar over the map's lower left corner: they never collide with the legend.
    add_north_arrow(layout, map_item, map_x + 3, map_y + 3, height=13, page=index)
    add_scale_bar(
        layout,
        map_item,
        map_x + 3,
        map_y + map_h - 14,
        page=index,
        metres=True,
        segments=4,
        widths=(30, 50),
        font_size=7.5,
        height=2,
        background=True,
    )
    scale_text = layout_texts.SCALE_TEXT.format(scale=f"{page.scale:,}").th
    label_item(layout, scale_text, map_x + 3, map_y + map_h - 20, 50, 5, 7.5, page=index)

    notes = [source_note]
    if osm:
        notes.append(f"{layout_texts.OSM_ATTRIBUTION.th} — {layout_texts.OSM_LICENCE.th}")
    footer_y = height - MARGIN - FOOTER_HEIGHT + 2
    notes_text = "\n".join(notes)
    note = label_item(layout, notes_text, MARGIN, footer_y, width - 2 * MARGIN - 40, FOOTER_HEIGHT, 7, page=index)
    note.setId(f"notes_{page.community_id}")
    page_number = layout_texts.PAGE_NUMBER.format(page=number, pages=total).th
    numbered = label_item(layout, page_number, width - MARGIN - 40, footer_y, 40, 6, 7, page=index)
    numbered.setHAlign(Qt.AlignmentFlag.AlignRight)


def _source_note(database: str) -> str:
    shown = "PostGIS" if is_postgres(database) else Path(database).name
    return layout_texts.SOURCE_NOTE.format(database=shown).th


def export_layout(
    database: str,
    output: str | Path,
    community: str = "",
    district: str | int = "",
    progress: Progress | None = None,
    feedback=None,
) -> LayoutExportResult:
    """Write the layout map of one community, or of every community of a district, to the PDF
    `output` (one page per community). Raises LayoutExportError (or DataSourceError) with a
    message for the user; a failed export leaves no file behind."""
    started = time.perf_counter()
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        raise LayoutExportError(tr("The layout map file must end in .pdf: {path}").format(path=output))
    if not output.parent.is_dir():
        raise LayoutExportError(tr("The folder {folder} does not exist.").format(folder=output.parent))
    report = progress or (lambda _value: None)
    pages = layout_pages(database, community, district)
    layers = {table: open_layer(database, table) for table in (*OSM_LAYERS, schema.HOUSEHOLDS)}
    neighbours = open_layer(database, schema.COMMUNITIES)
    districts = {
        int(f["district_code"]): (str(f["name_th"] or ""), str(f["name_en"] or ""))
        for f in open_layer(database, schema.DISTRICTS).getFeatures()
    }
    for table, layer in layers.items():
        style_for_print(layer, table)
    _neighbours_style(neighbours)
    project = QgsProject()
    project.setCrs(neighbours.crs())
    project.addMapLayers([*layers.values(), neighbours])
    layout = QgsPrintLayout(project)
    layout.setName("KR 8310 community layout")
    layout.renderContext().setTextRenderFormat(Qgis.TextRenderFormat.AlwaysText)
    result = LayoutExportResult(output=output, communities=[p.community_id for p in pages])
    boundaries = []
    try:
        for number, page in enumerate(pages, start=1):
            if feedback is not None and feedback.isCanceled():
                raise LayoutExportError(tr("The layout export was cancelled."))
            boundary = _boundary_layer(page)
            boundaries.append(boundary)
            project.addMapLayer(boundary)
            osm = _has_osm_features(layers, page.extent)
            result.osm_pages += osm
            day = community_data_date(layers, page.community_id)
            titles = page_title(page, districts)
            _lay_out_page(
                layout, page, number, len(pages), layers, neighbours, boundary, titles, day, _source_note(database), osm
            )
            report(30 * number / len(pages))
        _export_pdf(layout, output, report, feedback)
    finally:
        project.clear()
    result.pages = len(pages)
    result.seconds = time.perf_counter() - started
    report(100)
    return result


def _export_pdf(layout: QgsPrintLayout, output: Path, report: Progress, feedback) -> None:
    page_feedback = export_feedback(report, feedback)
    exporter = QgsLayoutExporter(layout)
    status = exporter.exportToPdf(str(output), pdf_settings(200, simplify_geometries=False))
    if page_feedback.isCanceled() or status != QgsLayoutExporter.Success:
        output.unlink(missing_ok=True)
        raise LayoutExportError(
            tr("Could not export the layout map to {path}: {error}").format(
                path=output, error=exporter.errorFile() or status
            )
        )
