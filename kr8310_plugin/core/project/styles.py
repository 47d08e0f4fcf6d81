"""The communities' two map styles, built in Python and shipped as .qml files.

- **Size class**: categorized S / M / L, legend labels in Thai or English
  (definitions.codelists.SIZE_CLASS), community names as labels when zoomed in.
- **Coverage**: each polygon shaded on a red-yellow-green ramp 0-100 % (ten 10 % steps)
  and labelled with its coverage %; over-register, zero-registered and no-data
  communities (the `coverage_flag` field) get styles of their own, drawn with hatching so
  they never read as a colour of the ramp.

A .qml file has fixed texts, so one file per style and language is exported from this
module (`export_styles`, run by `make styles`); tests check the shipped files are up to
date. The set-up project applies the styles from Python (`add_community_styles`), as two
named styles of the communities layer, the coverage one see-through (coloured edges, a light
tint) so the household points and the map beneath stay visible while digitising. The .qml files
label in a Thai font of fonts-thai-tlwg ("Loma"); a set-up project labels in the first Thai font
this machine has (`label_font_family`), so QGIS never opens it to a missing-font warning here.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRenderer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtXml import QDomDocument

from ...compat import label_placement_over_point
from ...definitions.codelists import SIZE_CLASS
from ...definitions.print_texts import COVERAGE_LEGEND  # legend texts stored in the .qml / project
from ...definitions.schema import COMMUNITIES_SPEC
from ..rules.coverage_flag import FLAG_NO_DATA, FLAG_OK, FLAG_OVER_REGISTER, FLAG_ZERO_REGISTERED
from ..toolbelt.fonts import THAI_FONT_CANDIDATES, installed_thai_font  # noqa: F401 - re-exported
from ..toolbelt.paths import resource_path

STYLE_SIZE_CLASS = "size_class"
STYLE_COVERAGE = "coverage"
# Named styles of the communities layer, in the order the style manager lists them;
# the first is current when a project is set up (coverage is what offices are judged by).
COMMUNITY_STYLE_NAMES = (STYLE_COVERAGE, STYLE_SIZE_CLASS)
LANGUAGES = ("en", "th")
STYLE_CATEGORIES = QgsMapLayer.Symbology | QgsMapLayer.Labeling | QgsMapLayer.Rendering

QML_DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
# Ids QGIS makes up when it writes a style (symbol layer id, category uuid), left out of the .qml files.
RUN_TIME_ID_ATTRIBUTES = frozenset({"id", "uuid"})
RUN_TIME_ID = re.compile(r"^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$", re.IGNORECASE)
LABEL_FONT_FAMILY = "Loma"  # fonts-thai-tlwg; Thai and Latin glyphs (the shipped .qml files)
SEE_THROUGH_ALPHA = 50  # fill opacity (of 255) of the coverage style in a mapping project

SIZE_CLASS_COLOURS = {"S": "#66c2a5", "M": "#fc8d62", "L": "#8da0cb"}

# ColorBrewer RdYlGn, 10 classes: 0-10 % red ... 90-100 % green.
COVERAGE_RAMP = (
    "#a50026",
    "#d73027",
    "#f46d43",
    "#fdae61",
    "#fee08b",
    "#d9ef8b",
    "#a6d96a",
    "#66bd63",
    "#1a9850",
    "#006837",
)
COVERAGE_STEP = 10  # per cent per ramp class
# The coverage flags, hatched so that none reads as a colour of the ramp, on screen and in print:
# (fill, hatching colour, hatching angle).
FLAG_LOOKS = {
    FLAG_OVER_REGISTER: ("#c6dbef", "#08306b", 45.0),
    FLAG_NO_DATA: ("#e0e0e0", "#737373", -45.0),
    FLAG_ZERO_REGISTERED: ("#ffffff", "#7b3294", 0.0),
}


def style_file_name(style: str, language: str) -> str:
    """communities_size_class.qml (English) or communities_size_class_th.qml (Thai)."""
    suffix = "_th" if language.startswith("th") else ""
    return f"communities_{style}{suffix}.qml"


def label_font_family(families: list[str] | None = None) -> str:
    """The first of THAI_FONT_CANDIDATES among `families` (default: this machine's fonts), else the
    first candidate."""
    return installed_thai_font(families=families)


def _label_format(size: float, bold: bool = False, family: str = LABEL_FONT_FAMILY) -> QgsTextFormat:
    text = QgsTextFormat()
    font = QFont(family)
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor("#202020"))
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor(255, 255, 255, 220))
    text.setBuffer(buffer)
    return text


def _labeling(
    expression: str,
    size: float,
    bold: bool,
    max_scale_denominator: float = 0.0,
    priority: int = 5,
    family: str = LABEL_FONT_FAMILY,
):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(_label_format(size, bold, family))
    settings.placement = label_placement_over_point()  # the label sits on the polygon's centroid
    settings.centroidInside = True
    settings.fitInPolygonOnly = False
    settings.priority = priority
    if max_scale_denominator:
        settings.scaleVisibility = True
        settings.minimumScale = max_scale_denominator  # "minimum" scale is the most zoomed-out one
        settings.maximumScale = 0
    return QgsVectorLayerSimpleLabeling(settings)


def _fill(colour: str, outline: str = "#4d4d4d", width: float = 0.26, alpha: int = 255) -> QgsFillSymbol:
    fill = QColor(colour)
    fill.setAlpha(alpha)
    return QgsFillSymbol.createSimple(
        {
            "color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
            "outline_color": outline,
            "outline_width": str(width),
            "outline_width_unit": "MM",
        }
    )


def _hatched(colour: str, line: str, angle: float, outline: str, width: float = 0.4) -> QgsFillSymbol:
    return add_hatching(_fill(colour, outline, width), line, angle)


def add_hatching(symbol: QgsFillSymbol, line: str, angle: float) -> QgsFillSymbol:
    """`symbol` with lines of colour `line` at `angle` degrees over it (the coverage flags' hatching,
    on screen and in print)."""
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(angle)
    hatch.setDistance(1.6)
    hatch.setDistanceUnit(QgsUnitTypes.RenderMillimeters)
    hatch.setLineWidth(0.3)
    hatch.setColor(QColor(line))
    symbol.appendSymbolLayer(hatch)
    return symbol


# ---------------------------------------------------------------------------------------
# Size class


def size_class_renderer(language: str) -> QgsCategorizedSymbolRenderer:
    categories = [
        QgsRendererCategory(code.key, _fill(SIZE_CLASS_COLOURS[code.key], alpha=200), code.label(language))
        for code in SIZE_CLASS.codes
    ]
    categories.append(
        QgsRendererCategory(None, _fill("#f0f0f0", alpha=200), COVERAGE_LEGEND.label("no_size_class", language))
    )
    return QgsCategorizedSymbolRenderer("size_class", categories)


def size_class_labeling(family: str = LABEL_FONT_FAMILY) -> QgsVectorLayerSimpleLabeling:
    return _labeling('"name"', 8, bold=False, max_scale_denominator=25000, family=family)


# ---------------------------------------------------------------------------------------
# Coverage overlay

COVERAGE_LABEL_EXPRESSION = (
    "CASE WHEN \"coverage_pct\" IS NULL THEN '–' ELSE format_number(\"coverage_pct\", 1) || ' %' END"
)


def coverage_class_bounds() -> list[tuple[int, int]]:
    """(lower, upper) per ramp class: (0, 10), (10, 20), ..., (90, 100)."""
    return [(lower, lower + COVERAGE_STEP) for lower in range(0, 100, COVERAGE_STEP)]


def _rule(symbol, expression: str, label: str, key: str) -> QgsRuleBasedRenderer.Rule:
    rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
    rule.setRuleKey(key)  # fixed keys keep the exported .qml reproducible
    return rule


def coverage_renderer(language: str) -> QgsRuleBasedRenderer:
    """Flags first (each with its own hatched style), then the 0-100 % ramp for `ok` communities."""
    root = QgsRuleBasedRenderer.Rule(None)
    root.setRuleKey("{kr8310-coverage-root}")
    flag = "\"coverage_flag\" = '{}'"
    # Each flag in its look, outlined in its hatching colour (width in mm), under a fixed rule key.
    for key, width, rule_key in (
        (FLAG_OVER_REGISTER, 0.6, "{kr8310-coverage-over-register}"),
        (FLAG_ZERO_REGISTERED, 0.5, "{kr8310-coverage-zero-registered}"),
        (FLAG_NO_DATA, 0.3, "{kr8310-coverage-no-data}"),
    ):
        colour, line, angle = FLAG_LOOKS[key]
        symbol = _hatched(colour, line, angle, line, width)
        root.appendChild(_rule(symbol, flag.format(key), COVERAGE_LEGEND.label(key, language), rule_key))
    last = len(COVERAGE_RAMP) - 1
    for index, ((lower, upper), colour) in enumerate(zip(coverage_class_bounds(), COVERAGE_RAMP)):
        upper_test = "<=" if index == last else "<"  # 100 % exactly belongs to the top class
        expression = (
            f'"coverage_flag" = \'{FLAG_OK}\' AND "coverage_pct" >= {lower} AND "coverage_pct" {upper_test} {upper}'
        )
        label = f"{lower} – {upper} %"
        root.appendChild(_rule(_fill(colour, alpha=230), expression, label, f"{{kr8310-coverage-{lower:03d}}}"))
    root.appendChild(
        _rule(
            _fill("#ffffff", "#bdbdbd", 0.26, alpha=0),
            "ELSE",
            COVERAGE_LEGEND.label("not_computed", language),
            "{kr8310-coverage-not-computed}",
        )
    )
    return QgsRuleBasedRenderer(root)


def coverage_labeling(family: str = LABEL_FONT_FAMILY) -> QgsVectorLayerSimpleLabeling:
    return _labeling(COVERAGE_LABEL_EXPRESSION, 9, bold=True, priority=10, family=family)  # before district names


def coverage_colour(coverage_pct: float | None, flag: str | None) -> str | None:
    """The fill colour the coverage style gives a community (None for the hatched flag styles)."""
    if flag != FLAG_OK or coverage_pct is None:
        return None
    index = min(int(coverage_pct // COVERAGE_STEP), len(COVERAGE_RAMP) - 1)
    return COVERAGE_RAMP[max(index, 0)]


# ---------------------------------------------------------------------------------------
# Households and districts in a mapping project


def _label(layer: QgsVectorLayer, expression: str, size: float, max_scale_denominator: float = 0.0) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setFont(QFont(label_font_family()))  # never the session's default font, missing elsewhere
    text.setSize(size)
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    if max_scale_denominator:
        settings.scaleVisibility = True
        settings.minimumScale = max_scale_denominator  # "minimum" scale is the most zoomed-out one
        settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_households(layer: QgsVectorLayer) -> None:
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "230,85,13", "outline_color": "255,255,255", "outline_width": "0.3", "size": "2.4"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _label(layer, '"house_no"', 8, max_scale_denominator=2500)


def style_districts(layer: QgsVectorLayer, language: str) -> None:
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "60,60,60", "outline_width": "0.7", "outline_style": "dash"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _label(layer, '"name_th"' if language == "th" else '"name_en"', 11)


# ---------------------------------------------------------------------------------------
# Applying and exporting


def see_through(renderer: QgsFeatureRenderer) -> QgsFeatureRenderer:
    """`renderer` with every fill made a light tint and its outline drawn in the fill's colour, so
    what lies beneath (household points, the base map) shows through."""
    for symbol in renderer.symbols(QgsRenderContext()):
        base = symbol.symbolLayer(0)
        colour = QColor(base.color())
        if colour.alpha() > 0:
            base.setStrokeColor(colour.darker(115))
            base.setStrokeWidth(max(base.strokeWidth(), 0.6))
            colour.setAlpha(min(colour.alpha(), SEE_THROUGH_ALPHA))
            base.setColor(colour)
    return renderer


def apply_style(
    layer: QgsVectorLayer, style: str, language: str, family: str = LABEL_FONT_FAMILY, digitising: bool = False
) -> None:
    """Give `layer` (a communities layer) the size-class or coverage style in a language; labels in
    `family`; `digitising`: see-through fills (a mapping project's coverage style)."""
    renderer: QgsFeatureRenderer
    if style == STYLE_SIZE_CLASS:
        renderer, labeling = size_class_renderer(language), size_class_labeling(family)
    elif style == STYLE_COVERAGE:
        renderer, labeling = coverage_renderer(language), coverage_labeling(family)
        if digitising:
            renderer = see_through(renderer)
    else:
        raise ValueError(style)
    layer.setRenderer(renderer)
    layer.setLabeling(labeling)
    layer.setLabelsEnabled(True)
    layer.setOpacity(1.0)


def add_community_styles(layer: QgsVectorLayer, language: str, family: str | None = None) -> list[str]:
    """Both styles as named styles of `layer`'s style manager (Layer ▸ Styles), the coverage style
    current and see-through; labels in `family` (default: `label_font_family()`). Returns the style names."""
    family = family or label_font_family()
    manager = layer.styleManager()
    for index, name in enumerate(COMMUNITY_STYLE_NAMES):
        if index == 0:
            manager.renameStyle(manager.currentStyle(), name)
        elif name not in manager.styles():
            manager.addStyleFromLayer(name)
        manager.setCurrentStyle(name)
        apply_style(layer, name, language, family, digitising=True)
    manager.setCurrentStyle(COMMUNITY_STYLE_NAMES[0])
    return list(COMMUNITY_STYLE_NAMES)


def _template_layer() -> QgsVectorLayer:
    """An in-memory layer with the communities' fields, to export styles from."""
    kinds = {"text": "string", "integer": "integer", "real": "double"}
    uri_fields = "&".join(f"field={f.name}:{kinds.get(f.kind, 'string')}" for f in COMMUNITIES_SPEC.fields)
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:32647&{uri_fields}", "communities", "memory")
    return layer


def style_qml(style: str, language: str) -> str:
    """The .qml text of a style, reproducible (no run-time ids)."""
    layer = _template_layer()
    apply_style(layer, style, language)
    document = QDomDocument("qgis")
    error = layer.exportNamedStyle(document, QgsReadWriteContext(), STYLE_CATEGORIES)
    if error:
        raise RuntimeError(error)
    return normalise_qml(document.toString(1))


def normalise_qml(text: str) -> str:
    """The same style gives the same text: attributes sorted (Qt writes them in a per-process hash
    order, C14N sorts them), no QGIS version stamp and no run-time ids (QGIS 3.44 gives every symbol
    layer and category a random one; QGIS makes new ones when it reads a file without them)."""
    root = _without_run_time_ids(ElementTree.fromstring(text))
    canonical = ElementTree.canonicalize(ElementTree.tostring(root, encoding="unicode"))
    canonical = re.sub(r'(<qgis [^>]*?)version="[^"]*"', r'\1version=""', canonical, count=1)
    return QML_DOCTYPE + canonical + "\n"


def _without_run_time_ids(root: ElementTree.Element) -> ElementTree.Element:
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name in RUN_TIME_ID_ATTRIBUTES and RUN_TIME_ID.match(value):
                del element.attrib[name]
            elif value.startswith("<symbol"):  # a symbol stored as XML text (label callouts)
                symbol = _without_run_time_ids(ElementTree.fromstring(value))
                element.set(name, ElementTree.canonicalize(ElementTree.tostring(symbol, encoding="unicode")))
    return root


def export_styles(directory: Path | None = None) -> list[Path]:
    """Write every style in every language as .qml into `directory` (default resources/styles)."""
    directory = Path(directory) if directory else resource_path("styles")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for style in (STYLE_SIZE_CLASS, STYLE_COVERAGE):
        for language in LANGUAGES:
            path = directory / style_file_name(style, language)
            path.write_text(style_qml(style, language), encoding="utf-8")
            written.append(path)
    return written
