"""Read OpenStreetMap features from an extract: `.osm` / `.osm.pbf` through GDAL's OSM driver, or any
vector file GDAL reads whose fields look like OSM's (an Overpass or QuickOSM export).

Out: `OsmFeature`s with the OSM key ("node/1", "way/2", "relation/3"), every tag (the driver's
own fields and its `other_tags` hstore text, or `all_tags`), and the geometry in EPSG:32647.
Only features whose bounding box meets `extent` (EPSG:32647) are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsRectangle,
    QgsWkbTypes,
)

from ...definitions.schema import CRS_AUTHID
from ..toolbelt.i18n import tr
from .osm_mapping import LINE, POINT, POLYGON

# The OSM driver's layers and the kind of OSM object their osm_id counts.
_OSM_DRIVER_LAYERS = {
    "points": "node",
    "lines": "way",
    "multilinestrings": "relation",
    "multipolygons": "relation",  # osm_way_id set instead: a closed way
    "other_relations": "relation",
}
_HSTORE_FIELDS = ("other_tags", "all_tags")
# Fields of other exports that name the feature rather than tag it.
_ID_FIELDS = ("osm_id", "osm_way_id", "osm_type", "full_id", "@id", "id", "fid", "z_order")
# A layer is OSM-like when it has one of these fields.
_OSM_LIKE_FIELDS = frozenset({"other_tags", "all_tags", "osm_id", "@id", "full_id", "building", "highway", "waterway"})
_HSTORE_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"\s*=>\s*(?:"((?:[^"\\]|\\.)*)"|NULL)')
_TYPED_ID = re.compile(r"^(node|way|relation|n|w|r)[/:]?(-?\d+)$", re.IGNORECASE)
_TYPE_NAMES = {"n": "node", "w": "way", "r": "relation", "node": "node", "way": "way", "relation": "relation"}


class OsmSourceError(ValueError):
    """The file is not an OSM extract (or OSM-like layer) that can be read; the message is for the user."""


@dataclass(frozen=True)
class OsmFeature:
    osm_id: str  # "way/123"
    tags: dict[str, str]
    shape: str  # osm_mapping POINT, LINE or POLYGON
    geometry: QgsGeometry  # EPSG:32647


@dataclass
class OsmRead:
    features: list[OsmFeature]
    layers: list[str]
    read: int = 0  # features the file holds in the extent (before mapping)


def parse_hstore(text: str | None) -> dict[str, str]:
    """Tags from the OSM driver's hstore text: '"a"=>"b","c"=>"d"' -> {"a": "b", "c": "d"}."""
    tags = {}
    for match in _HSTORE_PAIR.finditer(text or ""):
        key = match.group(1).replace('\\"', '"').replace("\\\\", "\\")
        if match.group(2) is not None:
            tags[key] = match.group(2).replace('\\"', '"').replace("\\\\", "\\")
    return tags


def _shape(geometry: QgsGeometry) -> str | None:
    kind = geometry.type()
    if kind == QgsWkbTypes.GeometryType.PointGeometry:
        return POINT
    if kind == QgsWkbTypes.GeometryType.LineGeometry:
        return LINE
    if kind == QgsWkbTypes.GeometryType.PolygonGeometry:
        return POLYGON
    return None


def _lines_of_collection(geometry: QgsGeometry) -> QgsGeometry:
    """The line parts of a geometry collection (a waterway relation) as one multi-line."""
    lines = [part for part in geometry.asGeometryCollection() if _shape(part) == LINE]
    if not lines:
        return QgsGeometry()
    return QgsGeometry.collectGeometry(lines)


def _osm_key(layer_name: str, fields: dict[str, object], shape: str) -> str | None:
    if layer_name in _OSM_DRIVER_LAYERS and "other_tags" in fields:
        if layer_name == "multipolygons" and fields.get("osm_way_id"):
            return f"way/{fields['osm_way_id']}"
        return f"{_OSM_DRIVER_LAYERS[layer_name]}/{fields['osm_id']}" if fields.get("osm_id") else None
    for name in ("@id", "full_id", "id", "osm_id"):
        match = _TYPED_ID.match(str(fields.get(name) or "").strip())
        if match:
            return f"{_TYPE_NAMES[match.group(1).lower()]}/{match.group(2)}"
    number = str(fields.get("osm_id") or "").strip()
    if not re.fullmatch(r"-?\d+", number):
        return None
    osm_type = str(fields.get("osm_type") or "").strip().lower()
    kind = _TYPE_NAMES.get(osm_type) or ("node" if shape == POINT else "way")
    return f"{kind}/{number}"


def _open(path: Path):
    if not path.is_file():
        raise OsmSourceError(tr("The OSM file {path} does not exist.").format(path=path))
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    except RuntimeError:
        dataset = None
    finally:
        gdal.PopErrorHandler()
    if dataset is None:
        raise OsmSourceError(
            tr(
                "{path} is not an OpenStreetMap file: GDAL cannot read it as .osm (XML), .osm.pbf or another "
                "vector format."
            ).format(path=path.name)
        )
    return dataset


def _layer_fields(layer) -> list[str]:
    definition = layer.GetLayerDefn()
    return [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]


def _to_utm(source_wkt: str | None) -> QgsCoordinateTransform:
    source = QgsCoordinateReferenceSystem.fromWkt(source_wkt) if source_wkt else QgsCoordinateReferenceSystem()
    if not source.isValid():
        source = QgsCoordinateReferenceSystem("EPSG:4326")  # OSM's own, and GeoJSON's
    return QgsCoordinateTransform(source, QgsCoordinateReferenceSystem(CRS_AUTHID), QgsCoordinateTransformContext())


def _features(dataset, is_osm_driver: bool) -> Iterator[tuple[object, object, float]]:
    """(layer, feature, share of the file read 0-1) triples; the OSM driver is read in one
    interleaved pass, as GDAL asks."""
    if is_osm_driver:
        while True:
            feature, layer, share = dataset.GetNextFeature(include_layer=True, include_pct=True)
            if feature is None:
                return
            yield layer, feature, share
    count = dataset.GetLayerCount()
    for index in range(count):
        layer = dataset.GetLayer(index)
        layer.ResetReading()
        for feature in layer:
            yield layer, feature, index / count


def read_osm(
    path: str | Path, extent: QgsRectangle | None = None, progress: Callable[[float], None] | None = None
) -> OsmRead:
    """The OSM features of `path` whose bounding box meets `extent` (EPSG:32647; None: all of them).

    Raises OsmSourceError naming the file when GDAL cannot read it or no layer has OSM fields.
    """
    path = Path(path)
    dataset = _open(path)
    is_osm_driver = dataset.GetDriver().ShortName == "OSM"
    layers = {}
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(index)
        names = _layer_fields(layer)
        if is_osm_driver or _OSM_LIKE_FIELDS & {n.lower() for n in names}:
            spatial_ref = layer.GetSpatialRef()
            transform = _to_utm(spatial_ref.ExportToWkt() if spatial_ref else None)
            layers[layer.GetName()] = (names, transform, _source_box(extent, transform))
    if not layers:
        raise OsmSourceError(
            tr(
                "{path} has no OpenStreetMap data: none of its layers has OSM fields (other_tags, osm_id, building, "
                "highway, waterway)."
            ).format(path=path.name)
        )
    result = OsmRead([], list(layers))
    for count, (layer, feature, share) in enumerate(_features(dataset, is_osm_driver)):
        if progress and count % 1000 == 0:
            progress(100.0 * share)
        entry = layers.get(layer.GetName())
        ogr_geometry = feature.GetGeometryRef()
        if entry is None or ogr_geometry is None:
            continue
        names, transform, source_box = entry
        if source_box is not None:
            # Envelope test in the file's coordinates before any conversion (GDAL's OSM driver's own
            # spatial filter drops ways whose nodes all lie outside the box, even when they cross it).
            min_x, max_x, min_y, max_y = ogr_geometry.GetEnvelope()
            if not source_box.intersects(QgsRectangle(min_x, min_y, max_x, max_y)):
                continue
        fields = {name: feature.GetField(index) for index, name in enumerate(names)}  # by index: by name is slow
        geometry = QgsGeometry()
        geometry.fromWkb(bytes(ogr_geometry.ExportToIsoWkb()))
        if geometry.isNull() or geometry.isEmpty():
            continue
        if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
            geometry = _lines_of_collection(geometry)
            if geometry.isNull():
                continue
        try:
            geometry.transform(transform)
        except QgsCsException:
            continue
        if extent is not None and not geometry.boundingBox().intersects(extent):
            continue
        shape = _shape(geometry)
        key = _osm_key(layer.GetName(), {k.lower() if k.startswith("@") else k: v for k, v in fields.items()}, shape)
        if shape is None or key is None:
            continue
        tags = {}
        for name, value in fields.items():
            if name in _HSTORE_FIELDS:
                tags.update(parse_hstore(value))
            elif name.lower() not in _ID_FIELDS and value not in (None, ""):
                tags[name] = str(value)
        result.read += 1
        result.features.append(OsmFeature(key, tags, shape, geometry))
    return result


def _source_box(extent: QgsRectangle | None, transform: QgsCoordinateTransform) -> QgsRectangle | None:
    """`extent` (EPSG:32647) in a layer's own coordinates, a little larger; None for no extent."""
    if extent is None:
        return None
    try:
        box = transform.transformBoundingBox(extent, Qgis.TransformDirection.Reverse)
    except QgsCsException:
        return None
    box.scale(1.01)
    return box
