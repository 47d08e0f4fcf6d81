"""What every printed page is built of, shared by the coverage maps (maps.py) and the community
layout map (layout_print.py): paper sizes, text labels, legend fonts, the north arrow, the scale
bar, a map extent fitted to its frame, and the PDF export's settings and progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsFeedback,
    QgsLayout,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ...compat import set_label_text_format, set_legend_text_format
from ...definitions import print_texts
from ..toolbelt.paths import resource_path
from .print_styles import text_format

Progress = Callable[[float], None]

PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape width, height
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"


def label_item(
    layout: QgsLayout,
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    bold: bool = False,
    page: int = 0,
) -> QgsLayoutItemLabel:
    """A text label of `w` x `h` mm at (x, y) mm of page `page`, in the map font of `size` points."""
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    set_label_text_format(label, text_format(size, bold))
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setMode(QgsLayoutItemLabel.ModeFont)
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    label.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), True, False, page)
    return label


def set_legend_fonts(
    legend: QgsLayoutItemLegend, sizes: tuple[float, float, float], symbol: tuple[float, float]
) -> None:
    """The legend's title (bold), group titles (bold) and class labels in the map font of `sizes`
    points, and its symbols `symbol` (height, width) mm."""
    title, subgroup, label = sizes
    for component, size, bold in (
        (QgsLegendStyle.Title, title, True),
        (QgsLegendStyle.Subgroup, subgroup, True),
        (QgsLegendStyle.SymbolLabel, label, False),
    ):
        set_legend_text_format(legend, component, text_format(size, bold))
    legend.setSymbolHeight(symbol[0])
    legend.setSymbolWidth(symbol[1])


def add_north_arrow(
    layout: QgsLayout,
    map_item: QgsLayoutItemMap,
    x: float,
    y: float,
    width: float = 9,
    height: float = 14,
    page: int = 0,
) -> QgsLayoutItemPicture:
    """QGIS's north arrow at (x, y) mm of page `page`, turned with `map_item`."""
    north = QgsLayoutItemPicture(layout)
    north.setPicturePath(north_arrow_path())
    north.setLinkedMap(map_item)
    layout.addLayoutItem(north)
    north.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))
    north.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), True, False, page)
    return north


def add_scale_bar(
    layout: QgsLayout,
    map_item: QgsLayoutItemMap,
    x: float,
    y: float,
    page: int = 0,
    metres: bool = False,
    segments: int = 3,
    widths: tuple[float, float] = (35, 55),
    font_size: float = 8,
    height: float = 2.5,
    background: bool = False,
) -> QgsLayoutItemScaleBar:
    """A scale bar of `map_item` at (x, y) mm of page `page`, in the map font: kilometres in whole
    segments (city and district maps), or metres ("ม.", community layouts) fitted to `widths` mm."""
    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setLinkedMap(map_item)
    scale_bar.setStyle("Single Box")
    scale_bar.setUnits(QgsUnitTypes.DistanceMeters if metres else QgsUnitTypes.DistanceKilometers)
    scale_bar.setUnitLabel(print_texts.METRE_UNIT.th if metres else "km")
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setNumberOfSegments(segments)
    scale_bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    scale_bar.setMinimumBarWidth(widths[0])
    scale_bar.setMaximumBarWidth(widths[1])
    if not metres:
        scale_bar.setUnitsPerSegment(1)
    scale_bar.setHeight(height)
    scale_bar.setTextFormat(text_format(font_size))
    if background:
        scale_bar.setBackgroundEnabled(True)
        scale_bar.setBackgroundColor(QColor(255, 255, 255, 210))
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), True, False, page)
    return scale_bar


def north_arrow_path() -> str:
    """QGIS's own north arrow SVG, else the plugin icon (never a missing picture)."""
    from qgis.core import QgsApplication

    for directory in QgsApplication.svgPaths():
        candidate = Path(directory) / NORTH_ARROW_SVG
        if candidate.is_file():
            return str(candidate)
    return str(resource_path("icons", "icon.svg"))


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


def pdf_settings(dpi: float, simplify_geometries: bool) -> QgsLayoutExporter.PdfExportSettings:
    """How a layout goes to PDF: vectors, and text kept as text (searchable, small, Thai shaped by
    Qt from the embedded font)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
    settings.simplifyGeometries = simplify_geometries
    return settings


def export_feedback(report: Progress, feedback: QgsFeedback | None) -> QgsFeedback:
    """The feedback of a layout's export: its progress reported as 30-100 % to `report` (what came
    before reports 0-30 %), cancelled when `feedback` is."""
    page_feedback = QgsFeedback()
    page_feedback.progressChanged.connect(lambda value: report(30 + 0.7 * value))
    if feedback is not None:
        feedback.canceled.connect(page_feedback.cancel)
    return page_feedback
