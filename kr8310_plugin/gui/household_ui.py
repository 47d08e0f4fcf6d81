"""Household digitising in the QGIS window: "Set up mapping project…", the Add household tool, the
household list, "Save household" and the plugin's additions to the household form.

Also puts a set-up project's texts in the language QGIS runs in when it is opened
(core/project/language.py), and its forms get the plugin's additions (gui/household_form.py).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QMessageBox

from ..compat import QAction
from ..core.project.language import set_up_layers, settle_opened_project
from ..core.toolbelt.i18n import tr, user_language
from ..definitions import schema
from .add_household_tool import AddHouseholdTool
from .household_form import FormWatcher
from .household_list_dock import HouseholdListDock
from .interface import remove_dock_widget

SAVE_SHORTCUT = "Ctrl+Alt+S"  # QGIS keeps Ctrl+S (project) and Ctrl+Shift+S (project as)


def save_household_edits(project: QgsProject) -> tuple[bool, list[str]]:
    """Save the households and members of `project`'s set-up layers, whichever layer is active:
    households first (members refer to them); where the two share a transaction the first commit
    saves both. Layers stay in edit mode. Returns (saved, errors); (True, []) when nothing was pending."""
    layers = set_up_layers(project)
    errors: list[str] = []
    for name in (schema.HOUSEHOLDS, schema.MEMBERS):
        layer = layers.get(name)
        if layer is None or not layer.isEditable() or not layer.isModified():
            continue
        if not layer.commitChanges(False):
            errors += [f"{layer.name()}: {error}" for error in layer.commitErrors()]
            break
    return not errors, errors


class HouseholdMappingUi:
    """Adds its actions to the plugin's menu (`setup(menu)`) and removes what it added (`teardown()`)."""

    def __init__(self, iface):
        self.iface = iface
        self.tool: AddHouseholdTool | None = None
        self.tool_action: QAction | None = None
        self.save_action: QAction | None = None
        self.list_action: QAction | None = None
        self.list_dock: HouseholdListDock | None = None
        self.form_watcher: FormWatcher | None = None

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
        self.save_action = menu.add_action(
            tr("Save household edits"), self.save_edits, toolbar=True, object_name="mKr8310SaveHouseholds"
        )
        self.save_action.setShortcut(QKeySequence(SAVE_SHORTCUT))
        self.save_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.save_action.setToolTip(
            tr(
                "Save household edits ({shortcut}): the households and their members, whichever layer is active."
            ).format(shortcut=SAVE_SHORTCUT)
        )
        self.list_dock = HouseholdListDock(self.iface, parent=self.iface.mainWindow())
        if hasattr(self.iface, "addDockWidget"):
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.list_dock)
        self.list_dock.hide()
        self.list_action = menu.add_action(
            tr("Households by house number"), self._toggle_list, object_name="mKr8310HouseholdList", toolbar=True
        )
        self.list_action.setCheckable(True)
        self.list_dock.visibilityChanged.connect(self.list_action.setChecked)
        self.tool = (
            AddHouseholdTool(self.iface.mapCanvas(), self.iface.vectorLayerTools(), self.iface.messageBar())
            if hasattr(self.iface, "vectorLayerTools")
            else None
        )
        if self.tool is not None:
            self.tool.setAction(self.tool_action)  # QGIS unchecks the action when another tool takes over
        self.form_watcher = FormWatcher()
        QgsProject.instance().readProject.connect(self.project_read)

    def _tool_action_triggered(self) -> None:
        canvas = self.iface.mapCanvas()
        if self.tool is None:
            return
        if self.tool_action.isChecked():
            canvas.setMapTool(self.tool)
        elif canvas.mapTool() is self.tool:
            canvas.unsetMapTool(self.tool)

    def _toggle_list(self) -> None:
        if self.list_dock is not None:
            self.list_dock.setVisible(self.list_action.isChecked())

    def project_read(self, *_args) -> None:
        """A set-up project just opened: its texts in the language QGIS runs in, once QGIS has
        finished reading it (its relations are read after this signal)."""
        QTimer.singleShot(0, lambda: settle_opened_project(QgsProject.instance(), user_language()))

    def save_edits(self) -> bool:
        saved, errors = save_household_edits(QgsProject.instance())
        bar = self.iface.messageBar()
        if saved:
            bar.pushMessage(
                tr("Save household edits"), tr("Households and members saved."), Qgis.MessageLevel.Success, 3
            )
        else:
            bar.pushMessage(
                tr("Save household edits"),
                tr("Not saved; your edits are kept: {errors}").format(errors="; ".join(errors)),
                Qgis.MessageLevel.Critical,
            )
        return saved

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
        with contextlib.suppress(TypeError, RuntimeError):
            QgsProject.instance().readProject.disconnect(self.project_read)
        if self.form_watcher is not None:
            self.form_watcher.unload()
            self.form_watcher.deleteLater()
            self.form_watcher = None
        if self.list_dock is not None:
            with contextlib.suppress(TypeError, RuntimeError):
                QgsProject.instance().layersAdded.disconnect(self.list_dock.fill_communities)
                QgsProject.instance().cleared.disconnect(self.list_dock.fill_communities)
            remove_dock_widget(self.iface, self.list_dock)
            self.list_dock = None
        if self.tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.deleteLater()
            self.tool = None
        self.tool_action = None
        self.save_action = None
        self.list_action = None
