"""What every KR 8310 Processing algorithm shares: translation, icon, instance creation."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QFile
from qgis.PyQt.QtGui import QIcon

from ...core.i18n import tr
from ...core.paths import resource_path

# Toolbox icons: QGIS's own icon for the same kind of task, so the kr8310 tools look native
# (the provider's icon marks them as ours). Missing icons fall back to the plugin icon.
THEME_ICONS = {
    "createdatabase": "/mActionNewGeoPackageLayer.svg",
    "generatedemo": "/algorithms/mAlgorithmRandomPointsInPolygons.svg",
    "importhouseholds": "/mActionAddDelimitedTextLayer.svg",
    "coverage": "/algorithms/mAlgorithmSumPoints.svg",
    "krsummary": "/algorithms/mAlgorithmBasicStatistics.svg",
    "setupproject": "/mIconQgsProjectFile.svg",
    "validate": "/algorithms/mAlgorithmCheckGeometry.svg",
    "exportmap": "/mActionSaveAsPDF.svg",
    "exportreport": "/mIconTableLayer.svg",
}


class Kr8310Algorithm(QgsProcessingAlgorithm):
    """Subclasses set `algorithm_id`, and implement the display texts and `processAlgorithm`."""

    algorithm_id = ""
    icon_file = "icon.svg"

    def name(self) -> str:
        return self.algorithm_id

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def icon(self) -> QIcon:
        theme_icon = THEME_ICONS.get(self.algorithm_id, "")
        if theme_icon and QFile.exists(":/images/themes/default" + theme_icon):
            return QgsApplication.getThemeIcon(theme_icon)
        return QIcon(str(resource_path("icons", self.icon_file)))
