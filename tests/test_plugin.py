"""The plugin as QGIS loads it: classFactory, initGui, unload."""

import os
import subprocess
import zipfile
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QMenu, QToolBar

import kr8310_plugin
from kr8310_plugin.gui.menu import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME

ROOT = Path(__file__).resolve().parent.parent


def test_plugin_loads_and_unloads_cleanly(qgis_iface, qgis_processing):
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("kr8310")
    if existing is not None:  # the session fixture's provider: the plugin must add its own
        registry.removeProvider(existing)
    main_window = qgis_iface.mainWindow()
    plugin = kr8310_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        provider = registry.providerById("kr8310")
        assert provider is not None
        assert {a.name() for a in provider.algorithms()} >= {"createdatabase", "generatedemo"}
        for algorithm in provider.algorithms():  # every algorithm sits in a named group
            assert algorithm.groupId() and algorithm.group(), algorithm.name()
        menu = main_window.findChild(QMenu, MENU_OBJECT_NAME)
        assert menu is not None and menu.title() == "KR 8310"
        assert menu.actions()
        assert main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME) is not None
    finally:
        plugin.unload()
    QgsApplication.processEvents()
    assert registry.providerById("kr8310") is None
    assert main_window.findChild(QMenu, MENU_OBJECT_NAME) is None
    assert main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME) is None
    assert all(a.menu().objectName() != MENU_OBJECT_NAME for a in main_window.menuBar().actions() if a.menu())


def test_assembled_plugin_folder_is_what_qgis_needs():
    plugin_dir = Path(os.environ.get("QGIS_PLUGINPATH", ROOT / "build" / "plugins")) / "kr8310_plugin"
    assert (plugin_dir / "metadata.txt").read_text(encoding="utf-8").count("hasProcessingProvider=yes") == 1
    for needed in (
        "resources/icons/icon.svg",
        "resources/data/district_targets.csv",
        "resources/data/bangkok_districts.geojson",
        "resources/data/README.md",
        "LICENSE",
    ):
        assert (plugin_dir / needed).is_file(), needed
    assert not list(plugin_dir.rglob("__pycache__"))


def test_make_zip_packs_the_assembled_plugin(tmp_path):
    result = subprocess.run(["make", "-s", "zip", f"BUILD={tmp_path}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "kr8310_plugin.zip") as archive:
        names = set(archive.namelist())
    assert "kr8310_plugin/metadata.txt" in names
    assert "kr8310_plugin/__init__.py" in names
    assert "kr8310_plugin/resources/data/bangkok_districts.geojson" in names
    assert not any("__pycache__" in n or n.endswith(".ts") for n in names)


def test_menu_opens_the_register_import_and_progress_algorithms(qgis_iface):
    """Every user task of the provider that has no dialog of its own is one menu click away."""
    from kr8310_plugin.gui.menu import Kr8310Menu

    menu = Kr8310Menu(qgis_iface)
    menu.setup()
    try:
        names = {action.objectName() for action in menu.actions}
        assert {"mKr8310RecordProgress", "mKr8310ProgressReport", "mKr8310ImportCommunities"} <= names
    finally:
        menu.teardown()
