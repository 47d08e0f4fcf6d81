"""The optional imagery/basemap of the Options: an XYZ layer under everything in new mapping projects,
switched off, and nothing when no URL is set (no network is ever needed)."""

from __future__ import annotations

from qgis.core import QgsProject, QgsRasterLayer

from kr8310_plugin.core.toolbelt import settings

URL = "https://tiles.example.invalid/{z}/{x}/{y}.png"


def _rasters(project: QgsProject) -> list[QgsRasterLayer]:
    return [layer for layer in project.mapLayers().values() if isinstance(layer, QgsRasterLayer)]


def test_setupproject_adds_the_options_basemap_switched_off_at_the_bottom(demo_copy, tmp_path, run_algorithm):
    before = settings.basemap_url()
    try:
        settings.set_basemap_url(URL)
        with_basemap = tmp_path / "with.qgs"
        run_algorithm("setupproject", {"DATABASE": str(demo_copy), "OUTPUT": str(with_basemap)})
        settings.set_basemap_url("")
        without = tmp_path / "without.qgs"
        run_algorithm("setupproject", {"DATABASE": str(demo_copy), "OUTPUT": str(without)})
    finally:
        settings.set_basemap_url(before)
    project = QgsProject()
    try:
        assert project.read(str(with_basemap))
        (basemap,) = _rasters(project)
        assert (
            basemap.providerType() == "wms" and "type=xyz" in basemap.source() and "example.invalid" in basemap.source()
        )
        root = project.layerTreeRoot()
        assert root.findLayers()[-1].layerId() == basemap.id()  # drawn under everything
        assert not root.findLayer(basemap.id()).isVisible()
        project.clear()
        assert project.read(str(without))
        assert _rasters(project) == []
    finally:
        project.clear()
