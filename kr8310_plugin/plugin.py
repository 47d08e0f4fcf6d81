"""The QGIS lifecycle of the KR 8310 plugin: initProcessing, initGui, unload."""

from __future__ import annotations

from qgis.core import QgsApplication

from .core.i18n import install_translator, remove_translator
from .processing.provider import Kr8310Provider


class Kr8310Plugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider: Kr8310Provider | None = None
        self.menu = None
        install_translator()

    def initProcessing(self):  # noqa: N802 - QGIS API
        self.provider = Kr8310Provider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        from .gui.menu import Kr8310Menu

        self.menu = Kr8310Menu(self.iface)
        self.menu.setup()

    def unload(self):
        if self.menu is not None:
            self.menu.teardown()
            self.menu = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
