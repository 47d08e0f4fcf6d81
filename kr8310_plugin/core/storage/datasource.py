"""Where a community database lives: a GeoPackage file or a PostGIS schema.

Every feature (set-up project, coverage, reports, import, validation) asks this module
for the four layers, so that GeoPackage and PostGIS work alike. A database is named by
one string:

- a GeoPackage path: ``/data/community.gpkg``
- a PostGIS connection: ``postgres://user@host:port/dbname?schema=kr8310`` (libpq URI, plus
  a ``schema`` query item, default ``kr8310``), or ``pg:NAME`` / ``pg:NAME?schema=...`` for a
  QGIS saved PostgreSQL connection (Browser ▸ PostgreSQL ▸ New connection).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsVectorLayer

from ...definitions.schema import LAYER_SPECS, LAYOUT_LAYER_SPECS
from ..toolbelt.i18n import tr
from .postgis.editing import configure_layer
from .postgis.target import DEFAULT_SCHEMA, PostgisError, mask_passwords, postgis_layer_uri

DEFAULT_PG_SCHEMA = DEFAULT_SCHEMA  # the schema a PostGIS database string names by default


class DataSourceError(ValueError):
    """The database string names nothing usable; the message is for the user."""


@dataclass(frozen=True)
class LayerSource:
    uri: str
    provider: str  # "ogr" or "postgres"


def is_postgres(database: str) -> bool:
    return database.startswith(("postgres://", "postgresql://", "pg:"))


def layer_source(database: str, layer_name: str) -> LayerSource:
    """The QGIS data source (uri, provider) of one layer of a community database."""
    spec = next((s for s in (*LAYER_SPECS, *LAYOUT_LAYER_SPECS) if s.name == layer_name), None)
    if spec is None:
        raise DataSourceError(tr("Unknown layer '{layer}'.").format(layer=layer_name))
    if is_postgres(database):
        try:
            return LayerSource(postgis_layer_uri(database, spec), "postgres")
        except PostgisError as error:  # a malformed connection string: its message, password masked
            raise DataSourceError(mask_passwords(str(error))) from error
    path = Path(database)
    if not path.is_file():
        raise DataSourceError(tr("The community database {path} does not exist.").format(path=database))
    return LayerSource(f"{path}|layername={layer_name}", "ogr")


def open_layer(database: str, layer_name: str) -> QgsVectorLayer:
    source = layer_source(database, layer_name)
    layer = QgsVectorLayer(source.uri, layer_name, source.provider)
    if not layer.isValid():
        raise DataSourceError(
            tr("{database} is not a KR 8310 community database: layer '{layer}' cannot be opened.").format(
                database=mask_passwords(database), layer=layer_name
            )
        )
    if source.provider == "postgres":
        configure_layer(layer)
    return layer


def open_database_layers(database: str) -> dict[str, QgsVectorLayer]:
    """The four layers (communities, households, members, districts) keyed by layer name."""
    return {spec.name: open_layer(database, spec.name) for spec in LAYER_SPECS}
