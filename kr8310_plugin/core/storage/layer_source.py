"""What a layer reads: the file and table of an OGR (GeoPackage) layer, the table of a PostGIS one.

The one parser of QGIS data source strings. It asks the provider's own decodeUri, which
knows every option QGIS writes ('|layername=', '|layerid=', '|subset=' with a '|' inside,
/vsizip/ paths), instead of splitting the string on '|'.
"""

from __future__ import annotations

from qgis.core import QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer

from ..rules.completeness import is_filled


def split_source(source: str) -> tuple[str, str | None]:
    """An OGR data source string -> (file path, layer name or None).

    'file.xlsx|layername=members' -> ('file.xlsx', 'members'); a plain path -> (path, None).
    A /vsizip/ (or other /vsi) path is given back whole, as GDAL opens it.
    """
    parts = QgsProviderRegistry.instance().decodeUri("ogr", str(source))
    path = str(parts.get("path") or "")
    prefix, suffix = parts.get("vsiPrefix"), parts.get("vsiSuffix")
    if is_filled(prefix):
        path = f"{prefix}{path}{suffix if is_filled(suffix) else ''}"
    name = parts.get("layerName")
    return path, (str(name) if is_filled(name) else None)


def geopackage_table(layer: QgsVectorLayer) -> tuple[str, str] | None:
    """(GeoPackage file, table) of an OGR layer reading a named table of a .gpkg; else None."""
    if layer.providerType() != "ogr":
        return None
    path, table = split_source(layer.source())
    if table is None or not path.lower().endswith(".gpkg"):
        return None
    return path, table


def shows_stored_table(layer: object) -> bool:
    """True when `layer` is a vector layer showing its table as stored: no subset filter and no unsaved
    edits, so a query on the database reads what QGIS shows (unsaved edits are visible only through QGIS)."""
    if not isinstance(layer, QgsVectorLayer) or layer.subsetString():
        return False
    return not (layer.isEditable() and layer.isModified())


def stored_geopackage_table(layer: object) -> tuple[str, str] | None:
    """(file, table) of a layer showing a GeoPackage table as stored (shows_stored_table); else None."""
    return geopackage_table(layer) if shows_stored_table(layer) else None


def stored_postgis_table(layer: object) -> tuple[str, str, str] | None:
    """(connection info, schema, table) of a postgres layer showing its table as stored; else None."""
    if not shows_stored_table(layer) or layer.providerType() != "postgres":
        return None
    uri = QgsDataSourceUri(layer.source())
    return uri.connectionInfo(False), uri.schema(), uri.table()


def table_name(layer: QgsVectorLayer) -> str | None:
    """The table a layer reads, as stored: an OGR layer name or a PostGIS table; None when it names none."""
    if layer.providerType() == "ogr":
        return split_source(layer.source())[1]
    if layer.providerType() == "postgres":
        return QgsDataSourceUri(layer.source()).table() or None
    return None


def database_key(layer: QgsVectorLayer) -> str:
    """What identifies a layer's database: the file of an OGR layer, the connection and schema of PostGIS."""
    if layer.providerType() == "ogr":
        return split_source(layer.source())[0]
    uri = QgsDataSourceUri(layer.source())
    return f"{uri.connectionInfo(False)} schema={uri.schema()}"
