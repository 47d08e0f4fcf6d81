"""Screenshots of the community register's way to the first coverage map (docs/screenshots/register_*.png).

Two scenes in real QGIS (through scripts/screenshots.py, which lists them in its SCENES) on the
synthetic Dusit register of resources/demo/: the register dialog with its automatic mapping, and the
Draw community boundary tool half-way through a boundary; and the district's coverage map as
kr8310:exportmap draws it (headless, no QGIS window).

    python scripts/register_screenshots.py              # all three, Thai
    python scripts/register_screenshots.py register_dialog --language en
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "resources" / "demo" / "dusit_register.csv"
SURVEY = ROOT / "resources" / "demo" / "dusit_survey.csv"
DEFAULT_OUTPUT = ROOT / "docs" / "screenshots"
MAP_WIDTH_PX = 1600  # the README's map: readable, not the print resolution
DRAWN_COMMUNITY_CORNERS = ((-140, -60), (120, -110), (170, 60), (20, 150))  # metres around the point


def register_database(workdir: Path) -> Path:
    """The register demo's database (scripts/register_demo.py's steps) in `workdir`, made once."""
    import processing

    database = workdir / "register_demo.gpkg"
    if not database.exists():
        processing.run("kr8310:createdatabase", {"OUTPUT": str(database), "OVERWRITE": True})
        processing.run("kr8310:importcommunities", {"INPUT": str(REGISTER), "DATABASE": str(database)})
        processing.run(
            "kr8310:importhouseholds", {"INPUT": str(SURVEY), "DATABASE": str(database), "REPORT": "TEMPORARY_OUTPUT"}
        )
    return database


def scene_register_dialog(iface, workdir: Path):
    """The register dialog on the Dusit register: every column but the row number mapped by its header."""
    from kr8310_plugin.gui.register_dialog import RegisterDialog

    database = workdir / "register_demo.gpkg"
    dialog = RegisterDialog(iface.mainWindow(), str(database))
    dialog.input_file.setFilePath(str(REGISTER))
    dialog.report.setFilePath(str(workdir / "register_check.xlsx"))
    dialog.setGeometry(330, 110, 940, 700)
    dialog.show()
    from screenshots import _KEEP

    _KEEP.append(dialog)
    return dialog


def scene_draw_boundary(iface, workdir: Path):
    """The set-up project of the register demo, its communities only points, a boundary being drawn."""
    import processing
    from qgis.core import QgsPointXY, QgsProject, QgsRectangle
    from qgis.PyQt.QtWidgets import QApplication, QDockWidget

    from kr8310_plugin.core.project.community_boundary import point_communities

    database = register_database(workdir)
    project_file = workdir / "register_mapping.qgz"
    processing.run("kr8310:setupproject", {"DATABASE": str(database), "OUTPUT": str(project_file)})
    iface.addProject(str(project_file))
    project = QgsProject.instance()
    main_window = iface.mainWindow()
    for dock in main_window.findChildren(QDockWidget):
        if dock.objectName() not in ("Layers", "LayersPanel"):
            dock.hide()
    communities = _layer_of(project, database, "communities")
    communities.setReadOnly(False)  # GIS staff's project: communities editable
    surveyed = max(point_communities(communities), key=lambda p: _households_of(project, database, p.community_id))
    centre = surveyed.point
    canvas = iface.mapCanvas()
    canvas.setExtent(QgsRectangle(centre.x() - 1100, centre.y() - 650, centre.x() + 1100, centre.y() + 650))
    for group in project.layerTreeRoot().findGroups():
        group.setExpanded(False)  # the community layout's legend would fill the panel
    canvas.refresh()
    for action in main_window.findChildren(type(iface.actionPan())):
        if action.objectName() == "mKr8310DrawBoundary":
            action.trigger()
    QApplication.processEvents()
    tool = canvas.mapTool()
    tool._start(surveyed)
    for dx, dy in DRAWN_COMMUNITY_CORNERS:
        tool.add_vertex(QgsPointXY(centre.x() + dx, centre.y() + dy))
    QApplication.processEvents()
    return main_window


def _layer_of(project, database: Path, table: str):
    """The project's layer of `table` in `database`, whatever its name in the layer tree's language."""
    for layer in project.mapLayers().values():
        source = layer.source() if hasattr(layer, "source") else ""
        if str(database) in source and source.endswith(f"layername={table}"):
            return layer
    raise LookupError(table)


def _households_of(project, database: Path, community_id: str) -> int:
    households = _layer_of(project, database, "households")
    return sum(1 for _ in households.getFeatures(f"\"community_id\" = '{community_id}'"))


REGISTER_SCENES = {
    "register_dialog": scene_register_dialog,
    "register_draw_boundary": scene_draw_boundary,
}


def coverage_map(output_dir: Path, plugins: Path) -> Path:
    """Dusit's coverage map of the register demo, as `make demo` writes it, scaled for the README."""
    os.environ.setdefault("QGIS_PLUGINPATH", str(plugins))
    import qgis_session

    qgis_session.start()
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QImage
    from register_demo import run_register_demo

    with tempfile.TemporaryDirectory(prefix="kr8310-register-map-") as temp:
        run_register_demo(Path(temp))
        image = QImage(str(Path(temp) / "register_demo_map.png"))
        target = output_dir / "register_coverage_map.png"
        output_dir.mkdir(parents=True, exist_ok=True)
        image.scaledToWidth(MAP_WIDTH_PX, Qt.TransformationMode.SmoothTransformation).save(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    choices = [*REGISTER_SCENES, "register_coverage_map"]
    parser.add_argument("scenes", nargs="*", default=choices, help=f"default all: {', '.join(choices)}")
    parser.add_argument("--language", default="th")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--plugins", type=Path, default=Path(os.environ.get("QGIS_PLUGINPATH", ROOT / "build" / "plugins"))
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    import screenshots

    for name in args.scenes:
        if name == "register_coverage_map":
            print(coverage_map(args.output, args.plugins))
        elif name in REGISTER_SCENES:
            if shutil.which("xvfb-run") is None or shutil.which("qgis") is None:
                sys.exit("screenshots need xvfb-run and qgis (make setup installs them)")
            print(screenshots.take(name, args.output, args.language, args.plugins))
        else:
            sys.exit(f"unknown scene {name}; known: {', '.join(choices)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
