"""Screenshot of a field package opened in QGIS as QField opens it (docs/screenshots/field_package.png).

A scene for scripts/screenshots.py (which lists FIELD_SCENES in its SCENES): the demo's biggest
community cut into a field package (kr8310:packagecommunity), the package's own .qgs opened, and
the household form of one of its households, as a volunteer sees it on the phone's project.

    python scripts/screenshots.py field_package
"""

from __future__ import annotations

from pathlib import Path


def scene_field_package(iface, workdir: Path):
    """The package's project with the household form of one of its households open."""
    import contextlib
    import sqlite3

    import processing
    from qgis.core import QgsProject
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext

    from kr8310_plugin.core.field_package.manifest import Manifest

    database = workdir / "field_demo.gpkg"
    processing.run("kr8310:generatedemo", {"OUTPUT": str(database), "DISTRICTS": "1001", "SEED": 8310})
    with contextlib.closing(sqlite3.connect(database)) as connection:
        (community,) = connection.execute(
            "SELECT community_id FROM households GROUP BY community_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    made = processing.run(
        "kr8310:packagecommunity",
        {"DATABASE": str(database), "COMMUNITIES": community, "OUTPUT": str(workdir / "field_package")},
    )
    folder = Path(made["OUTPUT"])
    iface.addProject(str(folder / Manifest.read(folder).project_file))
    project = QgsProject.instance()
    from qgis.PyQt.QtWidgets import QDockWidget

    for dock in iface.mainWindow().findChildren(QDockWidget):
        if dock.objectName() not in ("Layers", "LayersPanel"):
            dock.hide()  # the map and the layer tree, as on a phone (and no issue highlighted on the map)
    households = next(
        layer for layer in project.mapLayers().values() if layer.customProperty("kr8310/layer") == "households"
    )
    household = next(households.getFeatures())
    canvas = iface.mapCanvas()
    extent = household.geometry().boundingBox()
    extent.grow(40)  # a few houses around the one being edited (demo communities are dense)
    canvas.setExtent(extent)
    canvas.refresh()
    canvas.waitWhileRendering()
    households.startEditing()
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(iface.vectorLayerTools())
    context.setFormMode(QgsAttributeEditorContext.FormMode.StandaloneDialog)
    dialog = QgsAttributeDialog(households, household, False, iface.mainWindow(), True, context)
    KEEP.append(dialog)
    dialog.setGeometry(900, 150, 660, 640)
    dialog.show()
    return dialog


KEEP: list = []  # dialogs Python must not free before the grab
FIELD_SCENES = {"field_package": scene_field_package}
