"""A map canvas that draws nothing while a test edits the layers on it.

The canvas renders its layers in worker threads, each opening the GeoPackage on its own. A test
that starts editing while such a render runs races it: QGIS turns the file to WAL mode as editing
starts, and a read in the other thread at that moment finds the file locked (seen on QGIS 3.40 as
GDAL's "required GeoPackage tables ... missing" and a filtered read that returned nothing). The
tests drive the tools directly and never look at the rendered picture, so the canvas keeps its map
settings (extent, size, pixels to map units) and does not render.
"""

from __future__ import annotations

from qgis.core import QgsApplication


def quiet(canvas) -> None:
    """Let the canvas take its size and settings, finish any render under way, then freeze it."""
    QgsApplication.processEvents()
    canvas.stopRendering()
    canvas.waitWhileRendering()
    canvas.freeze(True)


def unquiet(canvas) -> None:
    canvas.freeze(False)
