"""The QGIS lifecycle of the KR 8310 plugin: initProcessing, initGui, unload."""

from __future__ import annotations

from qgis.core import QgsApplication

from .core.toolbelt.i18n import install_translator, remove_translator
from .processing.provider import Kr8310Provider


class Kr8310Plugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider: Kr8310Provider | None = None
        self.menu = None
        self.live_coverage = None
        install_translator()

    def initProcessing(self):  # noqa: N802 - QGIS API
        self.provider = Kr8310Provider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        from .gui.menu import Kr8310Menu

        self.menu = Kr8310Menu(self.iface)
        self.menu.setup()
        self.start_live_coverage()

    def start_live_coverage(self):
        """Keep the coverage of set-up projects' communities current as mappers save (gui/live_coverage.py)."""
        from qgis.core import QgsProject

        from .core.toolbelt.i18n import tr
        from .gui.live_coverage import LiveCoverageManager

        message_bar = self.iface.messageBar()
        self.live_coverage = LiveCoverageManager(
            QgsProject.instance(), on_failure=lambda message: message_bar.pushWarning(tr("KR 8310"), message)
        )

    def unload(self):
        if self.live_coverage is not None:
            self.live_coverage.unload()
            self.live_coverage = None
        if self.menu is not None:
            self.menu.teardown()
            self.menu = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
