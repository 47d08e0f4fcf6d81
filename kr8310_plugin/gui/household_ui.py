"""Household digitising in the QGIS window: "Set up mapping project…" and the Add household tool."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtWidgets import QMessageBox

from ..compat import QAction
from ..core.toolbelt.i18n import tr
from .add_household_tool import AddHouseholdTool


class HouseholdMappingUi:
    """Adds its actions to the plugin's menu (`setup(menu)`) and removes its tool (`teardown()`)."""

    def __init__(self, iface):
        self.iface = iface
        self.tool: AddHouseholdTool | None = None
        self.tool_action: QAction | None = None

    def setup(self, menu) -> None:
        """`menu` is the plugin's Kr8310Menu; its teardown removes the actions."""
        menu.add_action(
            tr("Set up mapping project…"), self.set_up_project, object_name="mKr8310SetUpProject", toolbar=False
        )
        self.tool_action = menu.add_action(
            tr("Add household"),
            self._tool_action_triggered,
            icon="add_household.svg",
            toolbar=True,
            object_name="mKr8310AddHousehold",
        )
        self.tool_action.setCheckable(True)
        self.tool_action.setToolTip(
            tr("Add household: click inside a community to place a household and fill in its form.")
        )
        self.tool = (
            AddHouseholdTool(self.iface.mapCanvas(), self.iface.vectorLayerTools(), self.iface.messageBar())
            if hasattr(self.iface, "vectorLayerTools")
            else None
        )
        if self.tool is not None:
            self.tool.setAction(self.tool_action)  # QGIS unchecks the action when another tool takes over

    def _tool_action_triggered(self) -> None:
        canvas = self.iface.mapCanvas()
        if self.tool is None:
            return
        if self.tool_action.isChecked():
            canvas.setMapTool(self.tool)
        elif canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)

    def set_up_project(self) -> None:
        """Run kr8310:setupproject in its dialog, then offer to open the project it wrote."""
        import processing

        results = processing.execAlgorithmDialog("kr8310:setupproject") or {}
        output = results.get("OUTPUT")
        if not output or not Path(output).is_file():
            return
        answer = QMessageBox.question(
            self.iface.mainWindow(),
            tr("Set up mapping project"),
            tr("The mapping project {path} is ready. Open it now?").format(path=output),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.iface.addProject(output)

    def teardown(self) -> None:
        if self.tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.deleteLater()
            self.tool = None
        self.tool_action = None
