"""Small helpers every piece of the plugin's GUI (menu, docks) uses to talk to QGIS's interface."""

from __future__ import annotations


def open_algorithm_dialog(algorithm_id: str) -> None:
    """Show a kr8310 Processing algorithm's dialog (QGIS's own, with its progress bar and log)."""
    import processing  # QGIS's Processing plugin, loaded with the QGIS GUI

    processing.execAlgorithmDialog(f"kr8310:{algorithm_id}")


def remove_dock_widget(iface, dock) -> None:
    """Take a plugin dock out of QGIS now (not at the next event-loop turn) and free it."""
    if hasattr(iface, "removeDockWidget"):  # the test interface has none
        iface.removeDockWidget(dock)
    dock.setParent(None)
    dock.deleteLater()
