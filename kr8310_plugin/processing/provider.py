"""The KR 8310 Processing provider (id `kr8310`)."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.toolbelt.i18n import tr
from ..core.toolbelt.paths import resource_path

PROVIDER_ID = "kr8310"


class Kr8310Provider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return tr("KR 8310 community mapping")

    def longName(self) -> str:  # noqa: N802 - QGIS API
        return tr("KR 8310 community household mapping (Bangkok)")

    def icon(self) -> QIcon:
        return QIcon(str(resource_path("icons", "icon.svg")))

    def loadAlgorithms(self) -> None:  # noqa: N802 - QGIS API
        from .algorithms import ALGORITHMS

        for algorithm_class in ALGORITHMS:
            self.addAlgorithm(algorithm_class())
