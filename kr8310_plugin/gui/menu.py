"""The "KR 8310" menu and toolbar: every action the plugin adds to QGIS, and their removal."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from ..compat import QAction
from ..core.toolbelt.i18n import tr
from ..core.toolbelt.paths import resource_path
from .commit_errors import CommitErrorsUi
from .dashboard_dock import DashboardUi
from .draw_boundary_tool import BoundaryDrawingUi
from .export_dialog import open_export_map_dialog, open_export_report_dialog
from .household_ui import HouseholdMappingUi
from .interface import open_algorithm_dialog
from .issues_dock import SurveyUi
from .merge_dialog import open_merge_package
from .register_dialog import open_register_dialog

MENU_OBJECT_NAME = "mKr8310Menu"
TOOLBAR_OBJECT_NAME = "mKr8310Toolbar"


class Kr8310Menu:
    """Owns the menu, toolbar and actions; `teardown()` removes everything `setup()` added."""

    def __init__(self, iface):
        self.iface = iface
        self.menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self.actions: list[QAction] = []
        self.households = None  # set-up action and Add household tool (gui.household_ui.HouseholdMappingUi)
        self.boundaries = None  # the Draw community boundary tool (gui.draw_boundary_tool.BoundaryDrawingUi)
        self.dashboard = None  # the dashboard dock and the Options page (gui.dashboard_dock.DashboardUi)
        self.survey = None  # import dialog, quality checks and the issues dock (gui.issues_dock.SurveyUi)
        self.commit_errors = None  # explains refused saves in the message bar (gui.commit_errors.CommitErrorsUi)

    def add_action(
        self,
        text: str,
        callback: Callable[[], None],
        icon: str = "icon.svg",
        toolbar: bool = False,
        object_name: str = "",
    ) -> QAction:
        action = QAction(QIcon(str(resource_path("icons", icon))), text, self.iface.mainWindow())
        action.setObjectName(object_name or f"mKr8310Action{len(self.actions)}")
        action.triggered.connect(lambda _checked=False: callback())
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def setup(self) -> None:
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("KR 8310"), main_window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        main_window.menuBar().addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(tr("KR 8310"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self.add_action(
            tr("Create community database…"),
            lambda: open_algorithm_dialog("createdatabase"),
            object_name="mKr8310CreateDatabase",
        )
        self.add_action(
            tr("Generate demo database…"),
            lambda: open_algorithm_dialog("generatedemo"),
            object_name="mKr8310GenerateDemo",
        )
        self.add_action(
            tr("Export coverage map…"),
            lambda: open_export_map_dialog(self.iface),
            object_name="mKr8310ExportMap",
        )
        self.add_action(
            tr("Export KR 8310 report…"),
            lambda: open_export_report_dialog(self.iface),
            object_name="mKr8310ExportReport",
        )
        self.add_action(
            tr("Record progress (snapshot)…"),
            lambda: open_algorithm_dialog("snapshot"),
            object_name="mKr8310RecordProgress",
        )
        self.add_action(
            tr("KR 8310 progress report…"),
            lambda: open_algorithm_dialog("progressreport"),
            object_name="mKr8310ProgressReport",
        )
        self.add_action(
            tr("Import community register…"),
            lambda: open_register_dialog(self.iface),
            object_name="mKr8310ImportCommunities",
        )
        self.add_action(
            tr("Import community layout from OpenStreetMap…"),
            lambda: open_algorithm_dialog("importosm"),
            object_name="mKr8310ImportOsm",
        )
        self.add_action(
            tr("Export community layout map…"),
            lambda: open_algorithm_dialog("exportlayout"),
            object_name="mKr8310ExportLayout",
        )
        self.add_action(
            tr("Make a field package (QField)…"),
            lambda: open_algorithm_dialog("packagecommunity"),
            object_name="mKr8310PackageCommunity",
        )
        self.add_action(
            tr("Merge a field package…"),
            lambda: open_merge_package(self.iface),
            object_name="mKr8310MergePackage",
        )
        self.households = HouseholdMappingUi(self.iface)
        self.households.setup(self)
        self.boundaries = BoundaryDrawingUi(self.iface)
        self.boundaries.setup(self)
        self.dashboard = DashboardUi(self.iface)
        self.dashboard.setup(self)
        self.survey = SurveyUi(self.iface)
        self.survey.setup(self)
        self.commit_errors = CommitErrorsUi(self.iface)
        self.commit_errors.setup(self)

    def teardown(self) -> None:
        if self.commit_errors is not None:
            self.commit_errors.teardown()
            self.commit_errors = None
        if self.survey is not None:
            self.survey.teardown()
            self.survey = None
        if self.households is not None:
            self.households.teardown()
            self.households = None
        if self.boundaries is not None:
            self.boundaries.teardown()
            self.boundaries = None
        if self.dashboard is not None:
            self.dashboard.teardown()
            self.dashboard = None
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions.clear()
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.setParent(None)  # gone now, not at the next event loop turn
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.setParent(None)
            self.menu.deleteLater()
            self.menu = None
