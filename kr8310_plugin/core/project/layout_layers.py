"""The community layout layers (แผนผังชุมชน) of the mapping project: buildings, ways, waterways,
water areas, facilities and safety points in one group below the households.

`add_layout_layers` adds what the database has of them, each with its form (value maps from the
code lists, labels in the project's language, the community filled in from the location as for
households), its style and snapping; the households stay drawn above them.
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsFeatureRenderer,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsSnappingConfig,
    QgsSymbol,
    QgsTolerance,
    QgsVectorLayer,
)

from ...definitions import schema
from ...definitions.codelists import (
    BUILDING_KIND,
    FACILITY_KIND,
    SAFETY_KIND,
    WATERWAY_KIND,
    WAY_KIND,
    CodeList,
)
from ...definitions.labels import LAYOUT_FIELD_LABELS, LAYOUT_GROUP_TITLE, LAYOUT_LAYER_TITLES, layout_field_label
from ..coverage.live import LAYER_PROPERTY, tag_layers
from ..storage.datasource import DataSourceError, open_layer
from . import forms

# Layer order inside the group, top first: points over lines over buildings over water.
LAYOUT_DRAW_ORDER = (
    schema.SAFETY_POINTS,
    schema.FACILITIES,
    schema.WAYS,
    schema.BUILDINGS,
    schema.WATERWAYS,
    schema.WATER_AREAS,
)
# Layers whose edges new layout features snap to (with the communities, snapped already).
SNAP_LAYERS = (schema.BUILDINGS, schema.WAYS)
SNAP_TOLERANCE_PX = 12
LAYOUT_GROUP_NAME = "kr8310_community_layout"  # custom property marking the group

NOT_SET_COLOUR = "#f0f0f0"

# Light fills by what a building is for: homes beige, worship gold, schools and public blue...
BUILDING_COLOURS = {
    "house": "#f6e8c3",
    "row_house": "#f1dcaa",
    "shophouse": "#eccd9a",
    "flat": "#e3c08a",
    "temple": "#fde49c",
    "mosque": "#d9f0c6",
    "church": "#e8dcf2",
    "school": "#cfe3f6",
    "public": "#c6dbef",
    "shop": "#f9d3d3",
    "factory": "#d9d9d9",
    "warehouse": "#e5e5e5",
    "other": "#ededed",
}
# (colour, width mm): roads widest, walkways and bridges thin.
WAY_LINES = {
    "road": ("#636363", 1.4),
    "soi": ("#7f7f7f", 1.0),
    "trok": ("#969696", 0.7),
    "walkway": ("#a6761d", 0.5),
    "bridge": ("#252525", 0.8),
}
FIRE_TRUCK_CASING = ("#e31a1c", 2.6)  # drawn under the way: a red band where a fire truck gets through
WATERWAY_WIDTHS = {"river": 2.0, "khlong": 1.2, "lam_rang": 0.7, "ditch": 0.4, "pond": 0.5}
WATER_COLOUR, WATER_FILL = "#2b8cbe", "#a6d3f0"
FACILITY_COLOURS = {
    "temple": "#d95f02",
    "mosque": "#1b9e77",
    "church": "#7570b3",
    "school": "#1f78b4",
    "health_centre": "#e7298a",
    "community_centre": "#66a61e",
    "market": "#e6ab02",
    "playground": "#33a02c",
    "waste_point": "#8c6d31",
    "public_toilet": "#6a3d9a",
    "other": "#737373",
}
# (marker shape, colour): fire-fighting red, water blue, dark spots black...
SAFETY_MARKERS = {
    "fire_extinguisher": ("triangle", "#e31a1c"),
    "hydrant": ("circle", "#e31a1c"),
    "flood_spot": ("diamond", "#2171b5"),
    "dark_spot": ("circle", "#252525"),
    "evacuation_point": ("star", "#238b45"),
    "cctv": ("square", "#636363"),
    "fire_risk_cluster": ("pentagon", "#fd8d3c"),
}


def _kind_field(spec: schema.LayerSpec) -> schema.FieldSpec:
    """The field holding what the feature is (building_kind, way_kind, ...): the first with a code list."""
    return next(field for field in spec.fields if field.code_list)


def _id_field(spec: schema.LayerSpec) -> schema.FieldSpec:
    return next(field for field in spec.fields if field.unique and field.not_null)


# ---------------------------------------------------------------------------------------
# Forms


def _widget(field: schema.FieldSpec, language: str, communities: QgsVectorLayer | None) -> QgsEditorWidgetSetup:
    """The editor widget of one layout field, from its FieldSpec."""
    if field.name == "community_id" and communities is not None:
        return QgsEditorWidgetSetup(
            "ValueRelation",
            {
                "Layer": communities.id(),
                "LayerName": communities.name(),
                "Key": "community_id",
                "Value": "name",
                "AllowNull": True,
                "OrderByValue": True,
            },
        )
    if field.code_list:
        return forms.value_map_setup(schema.CODE_LISTS_BY_NAME[field.code_list], language)
    if field.kind == "integer" and field.minimum is not None:
        return forms.range_setup(field.minimum, field.maximum)
    if field.kind == "real" and field.minimum is not None:
        return QgsEditorWidgetSetup(
            "Range",
            {
                "Min": field.minimum,
                "Max": field.maximum,
                "Step": 0.5,
                "Style": "SpinBox",
                "AllowNull": True,
                "Precision": 1,
            },
        )
    if field.kind == "boolean":
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
    if field.kind == "datetime":
        return forms.datetime_setup()
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False})


def layout_defaults(spec: schema.LayerSpec) -> dict[str, tuple[str, bool]]:
    """field -> (default expression, re-evaluated on every change): a new id, the community under
    the feature (the households' expression), the time of the last change."""
    return {
        _id_field(spec).name: ("uuid('WithoutBraces')", False),
        "community_id": (forms.COMMUNITY_UNDER_POINT, True),
        "updated_at": ("now()", True),
    }


def display_expression(spec: schema.LayerSpec) -> str:
    """The feature's name when it has one, else what it is, else its id."""
    parts = [f'"{name}"' for name in ("name",) if spec.get(name)]
    parts += [f'represent_value("{_kind_field(spec).name}")', f'"{_id_field(spec).name}"']
    return f"coalesce({', '.join(parts)})"


def configure_layout_form(
    layer: QgsVectorLayer,
    spec: schema.LayerSpec,
    language: str,
    communities: QgsVectorLayer | None,
    refs: forms.LayerRefs = forms.BY_NAME,
) -> None:
    """Widgets, aliases, defaults and read-only fields of one layout layer's form; `refs` says how
    the community default names the communities layer (core.project.forms.LayerRefs)."""
    fields = layer.fields()
    for field in spec.fields:
        index = fields.indexOf(field.name)
        layer.setEditorWidgetSetup(index, _widget(field, language, communities))
        label = layout_field_label(field.name, language)
        if label:
            layer.setFieldAlias(index, label)
    if fields.indexOf("fid") >= 0:
        layer.setEditorWidgetSetup(fields.indexOf("fid"), QgsEditorWidgetSetup("Hidden", {}))
    forms.apply_defaults(layer, layout_defaults(spec), refs)
    layer.setDisplayExpression(display_expression(spec))
    config = layer.editFormConfig()
    # Filled in by the form or the OSM import (osm_id is the key of a re-import): shown, not typed.
    for name in (_id_field(spec).name, "community_id", "osm_id", "updated_at"):
        config.setReadOnly(fields.indexOf(name), True)
    layer.setEditFormConfig(config)


# ---------------------------------------------------------------------------------------
# Styles


def _fill(colour: str, outline: str = "#8c8c8c", outline_width: float = 0.2) -> QgsSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(outline_width), "outline_width_unit": "MM"}
    )


def _line(colour: str, width: float, style: str = "solid") -> QgsSymbol:
    return QgsLineSymbol.createSimple(
        {"line_color": colour, "line_width": str(width), "line_width_unit": "MM", "line_style": style}
    )


def _marker(shape: str, colour: str, size: float = 3.2) -> QgsSymbol:
    return QgsMarkerSymbol.createSimple(
        {"name": shape, "color": colour, "outline_color": "255,255,255", "outline_width": "0.3", "size": str(size)}
    )


def _categorized(field: str, code_list: CodeList, symbols: dict, language: str, fallback: QgsSymbol):
    """One category per code (symbol from `symbols`, label from the code list), then "not set"."""
    categories = [
        QgsRendererCategory(code.key, symbols[code.key], code.label(language), True) for code in code_list.codes
    ]
    categories.append(QgsRendererCategory(None, fallback, forms.NOT_SET.label(language), True))
    return QgsCategorizedSymbolRenderer(field, categories)


def ways_renderer(language: str) -> QgsRuleBasedRenderer:
    """Ways by kind, over a red band where a fire truck gets through (the band is drawn first)."""
    root = QgsRuleBasedRenderer.Rule(None)
    casing_colour, casing_width = FIRE_TRUCK_CASING
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            _line(casing_colour, casing_width),
            0,
            0,
            '"fire_truck_access"',
            LAYOUT_FIELD_LABELS.label("fire_truck_access", language),
        )
    )
    for code in WAY_KIND.codes:
        colour, width = WAY_LINES[code.key]
        style = "dot" if code.key == "walkway" else "solid"
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                _line(colour, width, style), 0, 0, f"\"way_kind\" = '{code.key}'", code.label(language)
            )
        )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(
            _line("#bdbdbd", 0.6),
            0,
            0,
            '"way_kind" IS NULL OR "way_kind" NOT IN (\'' + "', '".join(WAY_KIND.keys()) + "')",
            forms.NOT_SET.label(language),
        )
    )
    return QgsRuleBasedRenderer(root)


def layout_renderer(name: str, language: str) -> QgsFeatureRenderer:
    """The renderer of the layout layer `name` in the language of its legend."""
    if name == schema.BUILDINGS:
        symbols = {key: _fill(colour) for key, colour in BUILDING_COLOURS.items()}
        return _categorized("building_kind", BUILDING_KIND, symbols, language, _fill(NOT_SET_COLOUR))
    if name == schema.WAYS:
        return ways_renderer(language)
    if name == schema.WATERWAYS:
        symbols = {key: _line(WATER_COLOUR, width) for key, width in WATERWAY_WIDTHS.items()}
        return _categorized("waterway_kind", WATERWAY_KIND, symbols, language, _line(WATER_COLOUR, 0.5))
    if name == schema.WATER_AREAS:
        return QgsSingleSymbolRenderer(_fill(WATER_FILL, WATER_COLOUR, 0.3))
    if name == schema.FACILITIES:
        symbols = {key: _marker("square", colour) for key, colour in FACILITY_COLOURS.items()}
        return _categorized("facility_kind", FACILITY_KIND, symbols, language, _marker("square", "#bdbdbd"))
    if name == schema.SAFETY_POINTS:
        symbols = {key: _marker(shape, colour) for key, (shape, colour) in SAFETY_MARKERS.items()}
        return _categorized("safety_kind", SAFETY_KIND, symbols, language, _marker("circle", "#bdbdbd"))
    raise ValueError(name)


# ---------------------------------------------------------------------------------------
# The project


def _layout_group(project: QgsProject, language: str, households: QgsVectorLayer | None) -> QgsLayerTreeGroup:
    """A new group for the layout layers, right below the households in the layer tree."""
    root = project.layerTreeRoot()
    node = root.findLayer(households.id()) if households is not None else None
    parent = node.parent() if node is not None else root
    position = parent.children().index(node) + 1 if node is not None else 0
    group = parent.insertGroup(position, LAYOUT_GROUP_TITLE.label(language))
    group.setCustomProperty(LAYOUT_GROUP_NAME, True)
    return group


def configure_layout_snapping(project: QgsProject, layers: dict[str, QgsVectorLayer]) -> None:
    """New layout features snap to building and way edges (and to communities, snapped already);
    each polygon layer keeps its own features from overlapping."""
    config = project.snappingConfig()
    edges = QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag
    for name, layer in layers.items():
        settings = QgsSnappingConfig.IndividualLayerSettings(
            name in SNAP_LAYERS, edges, SNAP_TOLERANCE_PX, QgsTolerance.Pixels, 0.0, 0.0
        )
        config.setIndividualLayerSettings(layer, settings)
    project.setSnappingConfig(config)
    # "Avoid the communities layer" would cut every building drawn inside a community away to
    # nothing (QGIS applies it to whatever polygon layer is edited); "the current layer" keeps
    # communities from overlapping communities as before, and buildings from overlapping buildings.
    project.setAvoidIntersectionsMode(QgsProject.AvoidIntersectionsMode.AvoidIntersectionsCurrentLayer)


def set_up_layer(project: QgsProject, name: str) -> QgsVectorLayer | None:
    """The project's layer of database layer `name`: the one a set-up project tagged with it (the name
    in the layer tree may be translated), else the one called `name`; None when neither."""
    vector_layers = [layer for layer in project.mapLayers().values() if isinstance(layer, QgsVectorLayer)]
    tagged = [layer for layer in vector_layers if layer.customProperty(LAYER_PROPERTY) == name]
    named = [layer for layer in vector_layers if layer.name() == name]
    return next(iter(tagged or named), None)


def _configure(
    layers: dict[str, QgsVectorLayer], language: str, communities: QgsVectorLayer | None, refs: forms.LayerRefs
) -> None:
    specs = {spec.name: spec for spec in schema.LAYOUT_LAYER_SPECS}
    for name, layer in layers.items():
        configure_layout_form(layer, specs[name], language, communities, refs)
        layer.setRenderer(layout_renderer(name, language))
        layer.setName(LAYOUT_LAYER_TITLES.label(name, language))  # found by its tag (set_up_layer), not its name


def apply_layout_language(project: QgsProject, language: str) -> bool:
    """Put the layout layers' forms, legends and group name of a set-up project in `language` (for
    core.project.language, as the project opens); False when the project has none."""
    layers = {name: layer for name in LAYOUT_DRAW_ORDER if (layer := set_up_layer(project, name)) is not None}
    if not layers:
        return False
    communities = set_up_layer(project, schema.COMMUNITIES)
    households = set_up_layer(project, schema.HOUSEHOLDS)
    refs = forms.LayerRefs(communities.id(), households.id()) if communities and households else forms.BY_NAME
    _configure(layers, language, communities, refs)
    for group in project.layerTreeRoot().findGroups():
        if group.customProperty(LAYOUT_GROUP_NAME):
            group.setName(LAYOUT_GROUP_TITLE.label(language))
    return True


def add_layout_layers(
    project: QgsProject, database: str, language: str, core_layers: dict[str, QgsVectorLayer]
) -> dict[str, QgsVectorLayer]:
    """Add the layout layers of `database` to `project` (set up with `core_layers`, the four core
    layers by name) in a group below the households, with forms, styles and snapping.

    A database made before the layout layers has no tables for them: those layers are left out
    (rule_store.upgrade_database, run by the OSM import and the other upgrading tasks, adds them).
    Returns the layers added, by name.
    """
    layers = {}
    for name in LAYOUT_DRAW_ORDER:
        try:
            layers[name] = open_layer(database, name)
        except DataSourceError:
            continue
    if not layers:
        return layers
    group = _layout_group(project, language, core_layers.get(schema.HOUSEHOLDS))
    for layer in layers.values():
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    tag_layers(layers)  # found by their database names whatever the layer tree calls them
    communities, households = core_layers[schema.COMMUNITIES], core_layers[schema.HOUSEHOLDS]
    # By id, as the households' forms refer to the communities: a project translation renames layers.
    _configure(layers, language, communities, forms.LayerRefs(communities.id(), households.id()))
    configure_layout_snapping(project, layers)
    return layers
