"""The Add household map tool, clicked with real mouse events on the pytest-qgis map canvas."""

from __future__ import annotations

import pytest
from household_forms import FormLayerTools, close_forms, project_layers
from qgis.core import Qgis, QgsPointXY, QgsProject, QgsRectangle
from qgis.gui import QgsMapMouseEvent, QgsMessageBar
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from quiet_canvas import quiet, unquiet

from kr8310_plugin.core.project.setup import write_mapping_project
from kr8310_plugin.gui.add_household_tool import AddHouseholdTool

ANSWERS = {"house_no": "99/9", "building_type": "detached_house", "residence_years": 4, "member_count": 1}


@pytest.fixture()
def tool_on_canvas(qgis_app, qgis_canvas, demo_copy, tmp_path):
    """The set-up demo project open on the pytest-qgis canvas, and the tool active on it."""
    project = QgsProject.instance()
    assert project.read(str(write_mapping_project(str(demo_copy), tmp_path / "mapping.qgz", language="en")))
    layers = project_layers(project)
    qgis_canvas.setDestinationCrs(layers["communities"].crs())
    qgis_canvas.setLayers([layers["households"], layers["communities"]])
    qgis_canvas.resize(600, 400)
    extent = layers["communities"].extent()
    qgis_canvas.setExtent(
        QgsRectangle(extent.xMinimum() - 2000, extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    )
    quiet(qgis_canvas)
    layer_tools = FormLayerTools()
    layer_tools.answers = dict(ANSWERS)
    message_bar = QgsMessageBar()
    tool = AddHouseholdTool(qgis_canvas, layer_tools, message_bar, project)
    qgis_canvas.setMapTool(tool)
    yield tool, layers, message_bar
    qgis_canvas.unsetMapTool(tool)
    close_forms()
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    unquiet(qgis_canvas)
    qgis_canvas.setLayers([])
    project.clear()


def click(canvas, map_point: QgsPointXY) -> None:
    """Press and release the left button at a map point, as Qt delivers it to the canvas's tool."""
    pixel = canvas.getCoordinateTransform().transform(map_point)
    position = QPoint(round(pixel.x()), round(pixel.y()))
    for kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease):
        event = QgsMapMouseEvent(
            canvas, kind, position, Qt.LeftButton, Qt.LeftButton if kind == QEvent.MouseButtonPress else Qt.NoButton
        )
        if kind == QEvent.MouseButtonPress:
            canvas.mapTool().canvasPressEvent(event)
        else:
            canvas.mapTool().canvasReleaseEvent(event)


def test_click_in_a_community_adds_a_household_there_through_its_form(tool_on_canvas, qgis_canvas):
    tool, layers, message_bar = tool_on_canvas
    households = layers["households"]
    community = next(layers["communities"].getFeatures("\"community_id\" = '1001-004'"))
    point = community.geometry().pointOnSurface().asPoint()
    added = []
    tool.householdAdded.connect(added.append)
    before = households.featureCount()
    entered_before = community["households_entered"]
    click(qgis_canvas, point)
    assert households.featureCount() == before + 1
    assert added == ["1001-004"]
    new = next(households.getFeatures("\"house_no\" = '99/9'"))
    assert new["community_id"] == "1001-004"
    assert new.geometry().asPoint().distance(point) <= qgis_canvas.mapUnitsPerPixel()  # where the click was
    assert not message_bar.items()
    # the coverage of the community is recomputed on the spot
    entered = sum(1 for _ in households.getFeatures("\"community_id\" = '1001-004'"))
    community = layers["communities"].getFeature(community.id())
    assert entered_before != entered  # (the demo leaves coverage to be computed)
    assert community["households_entered"] == entered


def test_click_outside_every_community_warns_and_adds_nothing(tool_on_canvas, qgis_canvas):
    tool, layers, message_bar = tool_on_canvas
    households = layers["households"]
    extent = layers["communities"].extent()
    outside = QgsPointXY(extent.xMinimum() - 1500, extent.center().y())
    assert qgis_canvas.extent().contains(outside)
    before = households.featureCount()
    click(qgis_canvas, outside)
    assert households.featureCount() == before
    assert not households.isEditable() or not households.editBuffer().addedFeatures()
    (item,) = message_bar.items()
    assert item.level() == Qgis.Warning and "outside every community" in item.text()


def test_menu_has_the_set_up_and_add_household_actions(qgis_iface):
    from qgis.PyQt.QtWidgets import QAction

    from kr8310_plugin.gui.menu import Kr8310Menu

    menu = Kr8310Menu(qgis_iface)
    menu.setup()
    try:
        main_window = qgis_iface.mainWindow()
        assert main_window.findChild(QAction, "mKr8310SetUpProject") is not None
        add_household = main_window.findChild(QAction, "mKr8310AddHousehold")
        assert add_household is not None and add_household.isCheckable()
    finally:
        menu.teardown()
