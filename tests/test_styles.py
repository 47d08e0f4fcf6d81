"""The communities' size-class and coverage styles: shipped .qml files, the set-up project, rendering."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsFeature,
    QgsMapLayer,
    QgsProject,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from kr8310_plugin.core import styles
from kr8310_plugin.core.coverage import refresh_database
from kr8310_plugin.core.paths import resource_path
from kr8310_plugin.core.project_setup import set_up_project
from kr8310_plugin.definitions.codelists import SIZE_CLASS


@pytest.mark.parametrize("style", [styles.STYLE_SIZE_CLASS, styles.STYLE_COVERAGE])
@pytest.mark.parametrize("language", styles.LANGUAGES)
def test_shipped_qml_files_are_up_to_date(qgis_app, style, language):
    shipped = resource_path("styles", styles.style_file_name(style, language))
    assert shipped.is_file(), f"{shipped.name} missing: run `make styles`"
    assert shipped.read_text(encoding="utf-8") == styles.style_qml(style, language), (
        f"{shipped.name} is out of date with core/styles.py: run `make styles`"
    )


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
