"""What every KR 8310 Processing algorithm shares: translation, icon, instance creation."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

from ...core.i18n import tr
from ...core.paths import resource_path


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
        return QIcon(str(resource_path("icons", self.icon_file)))
