"""KR 8310 community household mapping for Bangkok: QGIS plugin entry point."""


def classFactory(iface):  # noqa: N802 - name required by QGIS
    from .plugin import Kr8310Plugin

    return Kr8310Plugin(iface)
