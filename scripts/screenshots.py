"""Screenshots of the plugin in real QGIS desktop, for the README (docs/screenshots/*.png).

Starts `qgis` under `xvfb-run` with a throwaway profile (Thai by default), the assembled
plugin on QGIS_PLUGINPATH and this file as its `--code` script. Inside QGIS the named
scene builds what it shows on synthetic demo data, then the whole screen is saved.

    python scripts/screenshots.py                       # every scene
    python scripts/screenshots.py household_form --language en --output /tmp/shots

Add a scene: write `def scene_NAME(iface, workdir) -> QWidget | None` below (it runs inside
QGIS, after the plugin is loaded, and returns the window to bring to the front) and add
it to SCENES. `demo_project(iface, workdir)` gives a set-up mapping project of the demo.
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "screenshots"
SCREEN = (1600, 1000)
SETTLE_MS = 2500
_KEEP: list = []  # time for the canvas to render and the form to lay out before the grab
TIMEOUT_S = 240

# ---------------------------------------------------------------------------------------
# Inside QGIS: the scenes


def demo_project(iface, workdir: Path, districts: str = "1001"):
    """Generate the demo database and its mapping project (kr8310 algorithms), open it; the project."""
    import processing
    from qgis.core import QgsProject

    database = workdir / "demo.gpkg"
    project_file = workdir / "mapping.qgz"
    if not database.exists():
        processing.run("kr8310:generatedemo", {"OUTPUT": str(database), "DISTRICTS": districts, "SEED": 8310})
    if not project_file.exists():
        processing.run("kr8310:setupproject", {"DATABASE": str(database), "OUTPUT": str(project_file)})
    iface.addProject(str(project_file))
    return QgsProject.instance()


def scene_household_form(iface, workdir: Path):
    """The household form of a complete demo household with four members, on its members tab."""
    from qgis.core import QgsFeatureRequest
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext
    from qgis.PyQt.QtWidgets import QTabWidget

    project = demo_project(iface, workdir)
    households = project.mapLayersByName("households")[0]
    members = project.mapLayersByName("members")[0]
    household = None
    for candidate in households.getFeatures(QgsFeatureRequest().setFilterExpression('"member_count" = 4')):
        rows = list(members.getFeatures(f"\"household_id\" = '{candidate['household_id']}'"))
        if len(rows) == 4 and all(row["education"] and row["occupation"] for row in rows):
            household = candidate
            break
    households.startEditing()  # the form as a mapper sees it: editable
    canvas = iface.mapCanvas()
    point = household.geometry().boundingBox()
    point.grow(120)
    canvas.setExtent(point)
    canvas.refresh()
    households.selectByIds([household.id()])
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(iface.vectorLayerTools())
    context.setMapCanvas(canvas)
    context.setFormMode(QgsAttributeEditorContext.FormMode.StandaloneDialog)
    # the dialog QGIS opens for Identify / Open form, kept on the module so Python does not free it
    dialog = QgsAttributeDialog(households, household, False, iface.mainWindow(), True, context)
    _KEEP.append(dialog)
    dialog.setGeometry(640, 150, 920, 660)
    dialog.show()
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentIndex(1)
    return dialog


# The district group of Phra Nakhon (1001): a dashboard with one whole group filled in.
CENTRAL_BANGKOK = "1001,1002,1008,1013,1014,1017,1026,1037,1045"


def scene_dashboard(iface, workdir: Path):
    """The KR 8310 dashboard dock on a demo of the Central Bangkok district group, one district picked."""
    import time

    from qgis.PyQt.QtCore import QItemSelectionModel, Qt
    from qgis.PyQt.QtWidgets import QApplication, QDockWidget

    demo_project(iface, workdir, districts=CENTRAL_BANGKOK)
    main_window = iface.mainWindow()
    dock = main_window.findChild(QDockWidget, "Kr8310DashboardDock")
    for other in main_window.findChildren(QDockWidget):
        if other is not dock and other.objectName() not in ("Layers", "LayersPanel"):
            other.hide()  # room for the dashboard: only the layers panel beside it
    dock.setUserVisible(True)
    main_window.resizeDocks([dock], [dock.default_width()], Qt.Orientation.Horizontal)  # as QGIS first docks it
    QApplication.processEvents()
    dock.refresh(write=True)  # as the Refresh button: store each community's coverage for the map colours
    deadline = time.monotonic() + 120
    while (dock.data is None or dock.task is not None) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.05)
    if dock.data is None:
        raise RuntimeError("the dashboard did not compute: " + dock.status_label.text())
    dock.tree.expandAll()
    proxy = dock.proxy
    group = proxy.index(0, 0)
    for row in range(proxy.rowCount(group)):
        index = proxy.index(row, 0, group)
        if index.data(Qt.ItemDataRole.UserRole + 2) == ("district", "1001"):
            dock.tree.selectionModel().select(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            dock.tree.clicked.emit(index)  # zoom to Phra Nakhon and show only its communities
    return main_window


def scene_options(iface, workdir: Path):
    """The plugin's page in QGIS's Options dialog (Settings ▸ Options ▸ KR 8310)."""
    from qgis.PyQt.QtCore import QTimer

    del workdir  # no data needed
    # the dialog is modal: open it from the event loop, so the grab (a timer) fires while it is shown
    QTimer.singleShot(0, lambda: iface.showOptionsDialog(iface.mainWindow(), "Kr8310OptionsPage"))
    return None


def scene_menu(iface, workdir: Path):
    """The KR 8310 menu opened over the coverage-styled demo project."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QMenu

    demo_project(iface, workdir)
    main_window = iface.mainWindow()
    menu = main_window.findChild(QMenu, "mKr8310Menu")
    bar = main_window.menuBar()
    position = bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft())
    QTimer.singleShot(500, lambda: menu.popup(position))  # popup, not exec: the grab must still run
    return None


def scene_mapper_layout(iface, workdir: Path):
    """A mapper's view of one demo community with its layout (แผนผังชุมชน): buildings by kind, sois with
    fire-truck access, the khlong, facilities and safety points, the household points above them, and the
    Add household tool ready to place a household in a building."""
    import processing
    from qgis.core import QgsFeatureRequest, QgsProject, QgsRectangle
    from qgis.PyQt.QtWidgets import QApplication, QDockWidget

    from kr8310_plugin.core.project.layout_layers import set_up_layer
    from kr8310_plugin.core.project.setup import write_mapping_project
    from kr8310_plugin.core.registry.demo_layout import generate_demo_layout
    from kr8310_plugin.core.toolbelt.i18n import user_language

    database = workdir / "layout_demo.gpkg"
    processing.run("kr8310:generatedemo", {"OUTPUT": str(database), "DISTRICTS": "1001", "SEED": 8310})
    summary = generate_demo_layout(database, (1001,), limit=2)
    project_file = write_mapping_project(str(database), workdir / "layout_mapping.qgz", user_language())
    iface.addProject(str(project_file))
    project = QgsProject.instance()
    main_window = iface.mainWindow()
    for dock in main_window.findChildren(QDockWidget):
        if dock.objectName() not in ("Layers", "LayersPanel"):
            dock.hide()  # the map and the layer tree only
    buildings = set_up_layer(project, "buildings")
    community_id = summary.communities[0]
    request = QgsFeatureRequest().setFilterExpression(f"\"community_id\" = '{community_id}'")
    extent = QgsRectangle()
    for feature in buildings.getFeatures(request):
        extent.combineExtentWith(feature.geometry().boundingBox())
    centre = extent.center()
    canvas = iface.mapCanvas()
    canvas.setExtent(QgsRectangle(centre.x() - 150, centre.y() - 90, centre.x() + 150, centre.y() + 90))
    for action in main_window.findChildren(type(iface.actionPan())):
        if action.objectName() == "mKr8310AddHousehold":
            action.trigger()  # the map tool a mapper places households with
    canvas.refresh()
    QApplication.processEvents()
    return main_window


SCENES: dict[str, Callable] = {
    "menu": scene_menu,
    "household_form": scene_household_form,
    "dashboard": scene_dashboard,
    "options": scene_options,
    "mapper_layout": scene_mapper_layout,
}
# The community register's scenes (scripts/register_screenshots.py, which also makes the coverage map).
from register_screenshots import REGISTER_SCENES  # noqa: E402

SCENES.update(REGISTER_SCENES)
from mapper_screenshots import MAPPER_SCENES  # noqa: E402  (the mapper's form and map)

SCENES.update(MAPPER_SCENES)
from field_screenshots import FIELD_SCENES  # noqa: E402  (a field package as QField opens it)

SCENES.update(FIELD_SCENES)


def run_in_qgis() -> None:
    """The --code entry point: build the scene named in the environment, grab the screen, quit."""
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication
    from qgis.utils import iface

    name = os.environ["KR8310_SCREENSHOT"]
    output = Path(os.environ["KR8310_SCREENSHOT_OUTPUT"])
    workdir = Path(os.environ["KR8310_SCREENSHOT_WORKDIR"])
    status = workdir / f"{name}.status"

    def finish(message: str) -> None:
        status.write_text(message, encoding="utf-8")
        for layer in QgsProject.instance().mapLayers().values():
            if hasattr(layer, "isEditable") and layer.isEditable():
                layer.rollBack()
        QgsProject.instance().setDirty(False)
        QTimer.singleShot(200, lambda: os._exit(0))  # a throwaway session: no shutdown dialogs

    def grab(window) -> None:
        try:
            if window is not None:
                window.raise_()
                window.activateWindow()
            QApplication.processEvents()
            if not QApplication.primaryScreen().grabWindow(0).save(str(output), "PNG"):
                raise RuntimeError(f"could not write {output}")
            finish("ok")
        except Exception as error:  # reported by the driver, which waits for the status file
            finish(f"error: {error!r}")

    def build() -> None:
        try:
            # Xvfb has no window manager to maximise windows: size the main window to the screen
            iface.mainWindow().setGeometry(0, 0, *SCREEN)
            window = SCENES[name](iface, workdir)
        except Exception as error:
            import traceback

            finish("error: " + traceback.format_exc())
            raise error
        QTimer.singleShot(SETTLE_MS, lambda: grab(window))

    QTimer.singleShot(1500, build)  # after QGIS has restored its plugins and windows


# ---------------------------------------------------------------------------------------
# Outside QGIS: the driver


def write_profile(profiles: Path, language: str) -> None:
    """A fresh QGIS profile: the language, the plugin enabled, no first-run dialogs."""
    settings_dir = profiles / "profiles" / "screenshots" / "QGIS"
    settings_dir.mkdir(parents=True, exist_ok=True)
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str  # QGIS keys are case-sensitive
    ini["locale"] = {"userLocale": language, "overrideFlag": "true", "globalLocale": language}
    ini["PythonPlugins"] = {"kr8310_plugin": "true", "processing": "true"}
    ini["qgis"] = {
        "showTips322": "false",
        "checkVersion": "false",
        "allowVersionCheck": "false",
        "askToSaveProjectChanges": "false",
        "warnOldProjectVersion": "false",
        "messageTimeout": "60",
    }
    ini["core"] = {"NewsFeed\\httpsfeedqgisorg\\disabled": "true"}
    with (settings_dir / "QGIS3.ini").open("w", encoding="utf-8") as handle:
        ini.write(handle, space_around_delimiters=False)


def take(name: str, output_dir: Path, language: str, plugins_dir: Path) -> Path:
    """Run QGIS once for scene `name`; the PNG written. Raises RuntimeError on failure."""
    output_dir.mkdir(parents=True, exist_ok=True)
    output = output_dir / f"{name}_{language}.png"
    with tempfile.TemporaryDirectory(prefix=f"kr8310-shot-{name}-") as temp:
        workdir = Path(temp)
        write_profile(workdir / "profile", language)
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)  # a real X display (Xvfb), not offscreen
        env.update(
            QGIS_PLUGINPATH=str(plugins_dir),
            KR8310_SCREENSHOT=name,
            KR8310_SCREENSHOT_OUTPUT=str(output),
            KR8310_SCREENSHOT_WORKDIR=str(workdir),
            LANG="th_TH.UTF-8" if language == "th" else "en_US.UTF-8",
            XDG_RUNTIME_DIR=str(workdir / "runtime"),
        )
        (workdir / "runtime").mkdir(mode=0o700)
        code = workdir / "run_scene.py"
        code.write_text(
            f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            "import screenshots\nscreenshots.run_in_qgis()\n",
            encoding="utf-8",
        )
        command = [
            "xvfb-run", "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
            "qgis", "--profiles-path", str(workdir / "profile"), "--profile", "screenshots",
            "--nologo", "--noversioncheck", "--code", str(code),
        ]  # fmt: skip
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
            log = result.stdout[-3000:] + result.stderr[-3000:]
        except subprocess.TimeoutExpired as error:
            log = f"timed out after {TIMEOUT_S} s: {error}"
        status = workdir / f"{name}.status"
        message = status.read_text(encoding="utf-8") if status.exists() else "no status"
        if message != "ok" or not output.is_file():
            raise RuntimeError(f"screenshot {name} failed: {message}\n{log}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenes", nargs="*", default=list(SCENES), help=f"scenes (default all: {', '.join(SCENES)})")
    parser.add_argument("--language", default="th", help="QGIS user locale, e.g. th or en (default th)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--plugins", type=Path, default=Path(os.environ.get("QGIS_PLUGINPATH", ROOT / "build" / "plugins"))
    )
    args = parser.parse_args(argv)
    if shutil.which("xvfb-run") is None or shutil.which("qgis") is None:
        sys.exit("screenshots need xvfb-run and qgis (make setup installs them)")
    if not (args.plugins / "kr8310_plugin" / "metadata.txt").is_file():
        sys.exit(f"no assembled plugin in {args.plugins}: run make build")
    for name in args.scenes:
        if name not in SCENES:
            sys.exit(f"unknown scene {name}; known: {', '.join(SCENES)}")
        print(take(name, args.output, args.language, args.plugins))
    return 0


if __name__ == "__main__":
    sys.exit(main())
