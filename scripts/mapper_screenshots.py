"""Screenshots of the district mapper's work (docs/screenshots/mapper_*.png), through scripts/screenshots.py.

Two scenes in real QGIS on the synthetic demo (one district), Thai by default:

- mapper_form: a new household's form on its members tab, two member rows entered in the table;
- mapper_map: a community zoomed in, household points above the see-through coverage colours, and
  the household list of that community beside the map.

    python scripts/screenshots.py mapper_form mapper_map          # Thai
    python scripts/screenshots.py mapper_form --language en
"""

from __future__ import annotations

from pathlib import Path

COMMUNITY = "1001-004"
MEMBERS = (
    {"age": 46, "education": "upper_secondary", "occupation": "trade", "disability": "none", "bedridden": False},
    {"age": 12, "education": "primary", "occupation": "student", "disability": "none", "bedridden": False},
)


def _plugin_households_ui():
    from qgis.utils import plugins

    return plugins["kr8310_plugin"].menu.households


def _community(project, community_id: str):
    from qgis.PyQt.QtWidgets import QApplication

    from kr8310_plugin.core.project.language import set_up_layers

    QApplication.processEvents()  # the plugin puts the project in QGIS's language once it is read

    layers = set_up_layers(project)
    feature = next(layers["communities"].getFeatures(f"\"community_id\" = '{community_id}'"))
    return layers, feature


def scene_mapper_form(iface, workdir: Path):
    """A new household in COMMUNITY, its form on the members tab with two rows typed in."""
    from qgis.core import QgsGeometry, QgsVectorLayerUtils
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsRelationEditorWidget
    from qgis.PyQt.QtWidgets import QTabWidget, QToolButton
    from screenshots import _KEEP, demo_project

    from kr8310_plugin.gui.household_form import widgets_of

    project = demo_project(iface, workdir)
    layers, community = _community(project, COMMUNITY)
    households, members = layers["households"], layers["members"]
    for layer in (households, members):
        layer.startEditing()
    point = community.geometry().pointOnSurface().asPoint()
    canvas = iface.mapCanvas()
    extent = community.geometry().boundingBox()
    extent.grow(60)
    canvas.setExtent(extent)
    canvas.refresh()
    feature = QgsVectorLayerUtils.createFeature(
        households, QgsGeometry.fromPointXY(point), {}, households.createExpressionContext()
    )
    for name, value in (("house_no", "45/12"), ("building_type", "row_house"), ("residence_years", 8)):
        feature[name] = value
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(iface.vectorLayerTools())
    context.setMapCanvas(canvas)
    context.setFormMode(QgsAttributeEditorContext.FormMode.StandaloneDialog)
    dialog = QgsAttributeDialog(households, feature, False, iface.mainWindow(), True, context)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode)
    _KEEP.append(dialog)
    dialog.setGeometry(560, 140, 1000, 640)
    dialog.show()
    _plugin_households_ui().form_watcher.attach(dialog.attributeForm())
    for tabs in dialog.findChildren(QTabWidget):
        if tabs.count() == 3:  # household, members, record
            tabs.setCurrentIndex(1)
    (editor,) = widgets_of(dialog, QgsRelationEditorWidget)
    add = next(button for button in editor.findChildren(QToolButton) if button.objectName() == "mAddFeatureButton")
    for answers in MEMBERS:
        added = []
        members.featureAdded.connect(added.append)
        add.click()
        members.featureAdded.disconnect(added.append)
        for name, value in answers.items():
            members.changeAttributeValue(added[0], members.fields().indexFromName(name), value)
    return dialog


def scene_mapper_map(iface, workdir: Path):
    """COMMUNITY on the map (households above see-through communities) and its household list."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget
    from screenshots import demo_project

    project = demo_project(iface, workdir)
    _layers, community = _community(project, COMMUNITY)
    main_window = iface.mainWindow()
    ui = _plugin_households_ui()
    for other in main_window.findChildren(QDockWidget):
        if other is not ui.list_dock and other.objectName() not in ("Layers", "LayersPanel"):
            other.hide()
    ui.list_dock.setVisible(True)
    ui.list_dock.fill_communities()
    ui.list_dock.set_community(COMMUNITY)
    main_window.resizeDocks([ui.list_dock], [420], Qt.Orientation.Horizontal)
    extent = community.geometry().boundingBox()
    extent.grow(40)
    canvas = iface.mapCanvas()
    canvas.setExtent(extent)
    canvas.refresh()
    return main_window


MAPPER_SCENES = {"mapper_form": scene_mapper_form, "mapper_map": scene_mapper_map}
