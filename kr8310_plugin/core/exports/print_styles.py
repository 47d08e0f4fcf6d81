"""How the coverage maps draw the communities: fills by coverage, outlines by size class, labels.

- **Coverage fill** (`coverage_fill_renderer`): the 0–100 % ramp of the screen style
  (core.project.styles: ColorBrewer RdYlGn in 10 % classes) for communities flagged `ok`, and
  styles of their own for the flags of core.rules.coverage_flag — over register (blue, hatched),
  zero registered (white, purple hatching), no data (grey, hatched) — so a flag never reads as a
  colour of the ramp; communities whose coverage was never computed stay white.
- **Size class** (`size_class_outline_renderer`): drawn as the outline over the fill: S thin,
  M thick, L dashed.
- **Communities known only by a point** (`point_communities_renderer`): a circle in the same
  classes.
- **Labels** (`community_labeling`): the coverage % at the centre when zoomed in, and on district
  and atlas pages the community's name above it where it fits inside the polygon (QGIS's label
  engine drops a label that would overlap another).

Pure styling of given layers: no data is read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ...compat import label_placement_over_point
from ...definitions import print_texts
from ...definitions.codelists import SIZE_CLASS
from ..project import styles as screen_styles
from ..rules.coverage_flag import FLAG_NO_DATA, FLAG_OK, FLAG_OVER_REGISTER, FLAG_ZERO_REGISTERED
from ..toolbelt import settings

# Community labels only where they can be read: districts carry the KR % on city and group maps.
COMMUNITY_LABEL_MAX_SCALE = 80000
NOT_COMPUTED = "not_computed"
LABEL_COLOUR = "#202020"
NAME_COLOUR = "#3a3a3a"


@dataclass(frozen=True)
class CoverageClass:
    """One class of the coverage fill: its legend key, filter expression, label and look."""

    key: str
    expression: str
    label: str
    colour: str
    hatch: str = ""  # hatching colour ("": a plain fill)
    hatch_angle: float = 0.0


NOT_COMPUTED_COLOUR = "#ffffff"
# Size class outlines: (width in mm, line style).
SIZE_CLASS_OUTLINES = {"S": (0.15, "solid"), "M": (0.55, "solid"), "L": (0.45, "dash")}
CITY_OUTLINE_FACTOR = 0.5  # a city page holds 2,004 communities: thinner outlines keep the fills readable
OUTLINE_COLOUR = "#262626"
POINT_SIZE_MM = 3.2


def text_format(size: float, bold: bool = False, colour: str = LABEL_COLOUR, buffer: bool = False) -> QgsTextFormat:
    """The map font of the plugin's options at `size` points."""
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


def hatched_fill(colour: str, line: str, angle: float, outline: str = "#4d4d4d", width: float = 0.15) -> QgsFillSymbol:
    """A fill with a line hatching on it (flags, and values nothing can be compared with)."""
    symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": outline, "outline_width": str(width)})
    return screen_styles.add_hatching(symbol, line, angle)


def coverage_classes() -> list[CoverageClass]:
    """The fill's classes in legend order: the ramp 0–100 %, the three flags, then not computed (ELSE)."""
    classes = []
    bounds = screen_styles.coverage_class_bounds()
    for index, ((lower, upper), colour) in enumerate(zip(bounds, screen_styles.COVERAGE_RAMP)):
        upper_test = "<=" if index == len(bounds) - 1 else "<"  # 100 % exactly belongs to the top class
        expression = (
            f'"coverage_flag" = \'{FLAG_OK}\' AND "coverage_pct" >= {lower} AND "coverage_pct" {upper_test} {upper}'
        )
        label = print_texts.COVERAGE_CLASS.format(lower=lower, upper=upper).th
        classes.append(CoverageClass(f"coverage_{lower:03d}", expression, label, colour))
    for flag in (FLAG_OVER_REGISTER, FLAG_NO_DATA, FLAG_ZERO_REGISTERED):
        colour, hatch, angle = screen_styles.FLAG_LOOKS[flag]  # as the screen style draws them
        label = print_texts.COVERAGE_FLAG_LABELS[flag].slashed()
        classes.append(CoverageClass(flag, f"\"coverage_flag\" = '{flag}'", label, colour, hatch, angle))
    label = print_texts.COVERAGE_FLAG_LABELS[NOT_COMPUTED].slashed()
    classes.append(CoverageClass(NOT_COMPUTED, "ELSE", label, NOT_COMPUTED_COLOUR, "", 0.0))
    return classes


def _rule(symbol, expression: str, label: str, key: str) -> QgsRuleBasedRenderer.Rule:
    rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
    rule.setRuleKey(f"{{kr8310-print-{key}}}")  # fixed keys: legend orders and overrides find them again
    return rule


def _fill_symbol(item: CoverageClass) -> QgsFillSymbol:
    outline = {"outline_color": "#ffffff", "outline_width": "0.1"}  # the size-class outline goes on top
    if item.hatch:
        return hatched_fill(item.colour, item.hatch, item.hatch_angle, "#ffffff", 0.1)
    if item.key == NOT_COMPUTED:
        outline = {"outline_color": "#bdbdbd", "outline_width": "0.15"}
    return QgsFillSymbol.createSimple({"color": item.colour, **outline})


def _outline_rules(factor: float = 1.0) -> list[QgsRuleBasedRenderer.Rule]:
    rules = []
    for code in SIZE_CLASS.codes:
        width, style = SIZE_CLASS_OUTLINES[code.key]
        symbol = QgsFillSymbol.createSimple(
            {
                "style": "no",
                "outline_color": OUTLINE_COLOUR,
                "outline_width": str(width * factor),
                "outline_style": style,
            }
        )
        label = print_texts.SIZE_CLASS_OUTLINE_LABELS[code.key].slashed()
        rules.append(_rule(symbol, f"\"size_class\" = '{code.key}'", label, f"size-{code.key}"))
    return rules


def coverage_fill_renderer(with_outlines: bool = False) -> QgsRuleBasedRenderer:
    """Communities filled by coverage class; `with_outlines` adds the size-class outlines to the same
    renderer (one layer, as in a set-up project's layouts) instead of a layer of their own."""
    root = QgsRuleBasedRenderer.Rule(None)
    for item in coverage_classes():
        root.appendChild(_rule(_fill_symbol(item), item.expression, item.label, item.key))
    if with_outlines:
        for rule in _outline_rules():
            root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def size_class_outline_renderer(city: bool = False) -> QgsRuleBasedRenderer:
    """Only the size-class outlines (no fill): drawn over the coverage fill (`city`: thinner)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for rule in _outline_rules(CITY_OUTLINE_FACTOR if city else 1.0):
        root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def point_communities_renderer() -> QgsRuleBasedRenderer:
    """Circles in the fill's classes (a flag's circle in its fill colour, outlined in its hatching colour)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for item in coverage_classes():
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": item.colour,
                "outline_color": item.hatch or OUTLINE_COLOUR,
                "outline_width": "0.5" if item.hatch else "0.3",
                "size": str(POINT_SIZE_MM),
            }
        )
        root.appendChild(_rule(symbol, item.expression, item.label, f"point-{item.key}"))
    return QgsRuleBasedRenderer(root)


COVERAGE_LABEL_EXPRESSION = (
    "CASE WHEN \"coverage_pct\" IS NULL THEN '–' ELSE format_number(\"coverage_pct\", 0) || ' %' END"
)


NAME_LABEL_EXPRESSION = f"trim(regexp_replace(\"name\", '^{print_texts.COMMUNITY_NAME_PREFIX}', ''))"
# With names, the name sits above the centre and the coverage % below it, apart by what Thai
# marks above and below the line take (labels touching each other are dropped); a point
# community's % below its circle.
NAME_OFFSET_MM = 4.8
PCT_OFFSET_MM = 0.0
POINT_LABEL_OFFSET_MM = 2.8


def _label_settings(expression: str, size: float, bold: bool, colour: str = LABEL_COLOUR) -> QgsPalLayerSettings:
    pal = QgsPalLayerSettings()
    pal.fieldName = expression
    pal.isExpression = True
    pal.setFormat(text_format(size, bold, colour, buffer=True))
    pal.placement = label_placement_over_point()
    pal.centroidInside = True
    # The communities are what is labelled: their polygons must not push each other's labels away.
    pal.obstacleSettings().setIsObstacle(False)
    return pal


def _scale_limited(pal: QgsPalLayerSettings, max_scale: float) -> None:
    pal.scaleVisibility = True
    pal.minimumScale = max_scale  # "minimum" is the most zoomed-out scale
    pal.maximumScale = 0


def simple_labeling(expression: str, size: float, bold: bool, max_scale: float = 0.0) -> QgsVectorLayerSimpleLabeling:
    """One label per feature over its centre (or point), shown below `max_scale` when given."""
    pal = _label_settings(expression, size, bold)
    if max_scale:
        _scale_limited(pal, max_scale)
    return QgsVectorLayerSimpleLabeling(pal)


def community_labeling(names_where: str = "", points: bool = False) -> QgsRuleBasedLabeling:
    """The coverage % over each community's centre (when zoomed in), and — for the communities
    matching `names_where` (an expression; '' for none) — the name above it, only where it fits in
    the polygon. `points`: labels of point communities (no polygon to fit in: the name above the circle)."""
    root = QgsRuleBasedLabeling.Rule(None)
    pct = _label_settings(COVERAGE_LABEL_EXPRESSION, 7, True)
    pct.priority = 6
    _scale_limited(pct, COMMUNITY_LABEL_MAX_SCALE)
    if points:
        pct.yOffset = POINT_LABEL_OFFSET_MM  # below the circle
    elif names_where:
        pct.yOffset = PCT_OFFSET_MM
    root.appendChild(QgsRuleBasedLabeling.Rule(pct))
    if names_where:
        name = _label_settings(NAME_LABEL_EXPRESSION, 6, False, NAME_COLOUR)
        name.priority = 4  # district names and coverage % win a clash
        name.yOffset = -NAME_OFFSET_MM
        if not points:
            name.fitInPolygonOnly = True
        rule = QgsRuleBasedLabeling.Rule(name)
        rule.setFilterExpression(f'"name" IS NOT NULL AND ({names_where})')
        root.appendChild(rule)
    return QgsRuleBasedLabeling(root)
