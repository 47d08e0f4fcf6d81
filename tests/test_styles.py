"""The communities' size-class and coverage styles: shipped .qml files, the set-up project, rendering."""

from __future__ import annotations

import pytest
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGraduatedSymbolRenderer,
    QgsLinePatternFillSymbolLayer,
    QgsMapLayer,
    QgsProject,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from kr8310_plugin.core.coverage.engine import refresh_database
from kr8310_plugin.core.project import styles
from kr8310_plugin.core.project.setup import set_up_project
from kr8310_plugin.core.toolbelt.paths import resource_path
from kr8310_plugin.definitions.codelists import SIZE_CLASS

# ---------------------------------------------------------------------------------------
# The shipped .qml files against core/styles.py, by what a style shows (not byte for byte: every
# QGIS version writes its own XML, QGIS 3.44 with random symbol-layer and category ids).


def _enum_value(value) -> int:
    """An enum member as its number: Python enums (QGIS >= 3.26 scoped enums) and sip ints alike."""
    return int(getattr(value, "value", value))


def _colour(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexArgb)


def _symbol_summary(symbol) -> dict | None:
    """Kind, opacity and per symbol layer: class, colours, widths and hatching (recursing into sub-symbols)."""
    if symbol is None:
        return None
    layers = []
    for layer in symbol.symbolLayers():
        entry = {"class": layer.layerType(), "enabled": layer.enabled(), "colour": _colour(layer.color())}
        if isinstance(layer, QgsSimpleFillSymbolLayer):
            entry["stroke"] = (_colour(layer.strokeColor()), round(layer.strokeWidth(), 4))
        if isinstance(layer, QgsLinePatternFillSymbolLayer):
            entry["hatch"] = (round(layer.lineAngle(), 4), round(layer.distance(), 4), round(layer.lineWidth(), 4))
        if layer.subSymbol() is not None:
            entry["sub_symbol"] = _symbol_summary(layer.subSymbol())
        layers.append(entry)
    return {"kind": _enum_value(symbol.type()), "opacity": round(symbol.opacity(), 4), "layers": layers}


def _rule_summary(rule) -> dict:
    return {
        "key": rule.ruleKey(),
        "label": rule.label(),
        "filter": rule.filterExpression(),
        "else": rule.isElse(),
        "active": rule.active(),
        "scales": (rule.minimumScale(), rule.maximumScale()),
        "symbol": _symbol_summary(rule.symbol()),
        "children": [_rule_summary(child) for child in rule.children()],
    }


def _value(value):
    return None if value is None or value == NULL or value == "" else value


def renderer_summary(renderer) -> dict:
    """What a renderer draws: its type, attribute, classes (values, ranges, labels, symbols) or rules."""
    summary = {"type": renderer.type()}
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        summary["attribute"] = renderer.classAttribute()
        summary["classes"] = [
            (_value(c.value()), c.label(), c.renderState(), _symbol_summary(c.symbol())) for c in renderer.categories()
        ]
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        summary["attribute"] = renderer.classAttribute()
        summary["classes"] = [
            (r.lowerValue(), r.upperValue(), r.label(), r.renderState(), _symbol_summary(r.symbol()))
            for r in renderer.ranges()
        ]
    elif isinstance(renderer, QgsRuleBasedRenderer):
        summary["rules"] = _rule_summary(renderer.rootRule())
    elif isinstance(renderer, QgsSingleSymbolRenderer):
        summary["symbol"] = _symbol_summary(renderer.symbol())
    else:
        raise AssertionError(f"no summary for a {renderer.type()} renderer")
    return summary


def labeling_summary(layer: QgsVectorLayer) -> dict:
    """Whether labels are on and what they say, where, in which text format and at which scales."""
    summary = {"enabled": layer.labelsEnabled(), "type": layer.labeling().type() if layer.labeling() else None}
    if isinstance(layer.labeling(), QgsVectorLayerSimpleLabeling):
        settings = layer.labeling().settings()
        text = settings.format()
        summary.update(
            expression=(settings.fieldName, settings.isExpression),
            placement=_enum_value(settings.placement),
            centroid_inside=settings.centroidInside,
            priority=settings.priority,
            scales=(settings.scaleVisibility, settings.minimumScale, settings.maximumScale),
            font=(text.font().family(), text.font().bold(), round(text.size(), 4), _colour(text.color())),
            buffer=(text.buffer().enabled(), round(text.buffer().size(), 4), _colour(text.buffer().color())),
        )
    return summary


def qml_summary(qml: str) -> dict:
    """The summary of a style's .qml text, as the running QGIS reads it into a communities layer."""
    document = QDomDocument()
    assert document.setContent(qml)
    layer = styles._template_layer()
    ok, message = layer.importNamedStyle(document, styles.STYLE_CATEGORIES)
    assert ok, message
    return {"renderer": renderer_summary(layer.renderer()), "labels": labeling_summary(layer)}


def _shipped_qml(style: str, language: str) -> str:
    shipped = resource_path("styles", styles.style_file_name(style, language))
    assert shipped.is_file(), f"{shipped.name} missing: run `make styles`"
    return shipped.read_text(encoding="utf-8")


@pytest.mark.parametrize("style", [styles.STYLE_SIZE_CLASS, styles.STYLE_COVERAGE])
@pytest.mark.parametrize("language", styles.LANGUAGES)
def test_shipped_qml_files_are_up_to_date(qgis_app, style, language):
    shipped = qml_summary(_shipped_qml(style, language))
    assert shipped == qml_summary(styles.style_qml(style, language)), (
        f"{styles.style_file_name(style, language)} is out of date with core/styles.py: run `make styles`"
    )


def test_the_comparison_sees_a_changed_colour_and_label(qgis_app, tmp_path):
    qml = _shipped_qml(styles.STYLE_SIZE_CLASS, "en")
    expected = qml_summary(styles.style_qml(styles.STYLE_SIZE_CLASS, "en"))
    small = QColor(styles.SIZE_CLASS_COLOURS["S"])
    rgb = f"{small.red()},{small.green()},{small.blue()}"
    assert rgb in qml
    copy = tmp_path / "communities_size_class.qml"
    copy.write_text(qml.replace(rgb, "255,0,0"), encoding="utf-8")
    changed = qml_summary(copy.read_text(encoding="utf-8"))
    assert changed != expected
    assert changed["renderer"]["classes"][0][3]["layers"][0]["colour"] == "#c8ff0000"  # alpha 200 kept
    assert qml_summary(qml.replace("Small community (S)", "Small (S)")) != expected
    assert qml_summary(qml.replace('labelsEnabled="1"', 'labelsEnabled="0"')) != expected


def test_exported_qml_has_no_run_time_ids():
    """QGIS 3.44 writes a random id per symbol layer and category: stripped, so `make styles` is reproducible."""
    assert styles.style_qml(styles.STYLE_COVERAGE, "en") == styles.style_qml(styles.STYLE_COVERAGE, "en")
    qml = styles.normalise_qml(
        '<qgis version="3.44.0"><renderer-v2><categories>'
        '<category uuid="{0f4c6a3e-2b1d-4f7a-9c1e-5d2b3a4c5e6f}" value="S"/></categories>'
        '<symbols><symbol name="0"><layer class="SimpleFill" id="{11111111-2222-3333-4444-555555555555}"/>'
        '</symbol></symbols></renderer-v2><rule key="{kr8310-coverage-root}"/></qgis>'
    )
    assert "uuid=" not in qml and " id=" not in qml
    assert 'key="{kr8310-coverage-root}"' in qml and 'version=""' in qml


def _legend_labels(layer: QgsVectorLayer) -> list[str]:
    return [item.label() for item in layer.renderer().legendSymbolItems()]


@pytest.mark.parametrize("language", styles.LANGUAGES)
def test_shipped_qml_loads_into_a_communities_layer(demo_copy, language):
    layer = QgsVectorLayer(f"{demo_copy}|layername=communities", "communities", "ogr")
    _message, ok = layer.loadNamedStyle(
        str(resource_path("styles", styles.style_file_name(styles.STYLE_SIZE_CLASS, language))),
        styles.STYLE_CATEGORIES,
    )
    assert ok
    assert _legend_labels(layer)[:3] == [code.label(language) for code in SIZE_CLASS.codes]
    _message, ok = layer.loadNamedStyle(
        str(resource_path("styles", styles.style_file_name(styles.STYLE_COVERAGE, language))),
        styles.STYLE_CATEGORIES,
    )
    assert ok
    assert layer.renderer().type() == "RuleRenderer"
    assert layer.labelsEnabled()
    assert styles.LABEL_FONT_FAMILY in layer.labeling().settings().format().font().family()


@pytest.mark.parametrize(("language", "small"), [("th", "ชุมชนขนาดเล็ก (S)"), ("en", "Small community (S)")])
def test_set_up_project_has_both_named_styles(demo_copy, language, small):
    project = QgsProject()
    try:
        layers = set_up_project(project, str(demo_copy), language)
        communities = layers["communities"]
        manager = communities.styleManager()
        assert set(manager.styles()) >= set(styles.COMMUNITY_STYLE_NAMES)  # (print styles may sit beside them)
        assert manager.currentStyle() == styles.STYLE_COVERAGE
        assert communities.renderer().type() == "RuleRenderer"
        assert communities.labeling().settings().fieldName == styles.COVERAGE_LABEL_EXPRESSION
        manager.setCurrentStyle(styles.STYLE_SIZE_CLASS)
        assert communities.renderer().type() == "categorizedSymbol"
        assert small in _legend_labels(communities)
        # The styles survive the project file (named styles are stored in it).
        document = QDomDocument()
        element = document.createElement("maplayer")
        assert communities.writeLayerXml(element, document, QgsReadWriteContext())
        assert {s.attribute("name") for s in _elements(element, "map-layer-style")} >= set(manager.styles())
    finally:
        project.clear()


def _elements(element, tag):
    nodes = element.elementsByTagName(tag)
    return [nodes.at(i).toElement() for i in range(nodes.count())]


def _rule_labels_for(layer: QgsVectorLayer, feature: QgsFeature) -> list[str]:
    renderer = layer.renderer().clone()
    context = QgsRenderContext()
    renderer.startRender(context, layer.fields())
    keys = renderer.legendKeysForFeature(feature, context)
    renderer.stopRender(context)
    root = renderer.rootRule()
    return [root.findRuleByKey(key).label() for key in keys if key != root.ruleKey()]


def test_coverage_style_classes_every_flag_and_percentage(demo_copy):
    refresh_database(str(demo_copy))
    layer = QgsVectorLayer(f"{demo_copy}|layername=communities", "communities", "ogr")
    styles.apply_style(layer, styles.STYLE_COVERAGE, "en")
    seen = set()
    for feature in layer.getFeatures():
        labels = _rule_labels_for(layer, feature)
        assert len(labels) == 1, (feature["community_id"], labels)
        flag, pct = feature["coverage_flag"], feature["coverage_pct"]
        if flag == "ok":
            lower = min(int(pct // 10) * 10, 90)
            assert labels == [f"{lower} – {lower + 10} %"]
        else:
            assert labels == [styles.COVERAGE_LEGEND.label(flag, "en")]
        seen.add(flag)
    assert {"ok", "no_data", "over_register"} <= seen
    # zero_registered and "not computed" on a feature of their own
    feature = next(layer.getFeatures())
    feature["coverage_flag"], feature["coverage_pct"] = "zero_registered", None
    assert _rule_labels_for(layer, feature) == ["No registered households"]
    feature["coverage_flag"] = None
    assert _rule_labels_for(layer, feature) == ["Coverage not computed"]
    feature["coverage_flag"], feature["coverage_pct"] = "ok", 100.0
    assert _rule_labels_for(layer, feature) == ["90 – 100 %"]
    assert styles.coverage_colour(100.0, "ok") == styles.COVERAGE_RAMP[-1]
    assert styles.coverage_colour(0.0, "ok") == styles.COVERAGE_RAMP[0]
    assert styles.coverage_colour(None, "zero_registered") is None


def test_style_categories_leave_fields_and_forms_alone():
    assert not styles.STYLE_CATEGORIES & QgsMapLayer.Fields
    assert not styles.STYLE_CATEGORIES & QgsMapLayer.Forms
