"""Which community database a project works on: the one its survey layers read."""

from __future__ import annotations

from qgis.core import QgsProject

from ...definitions import schema
from ..dashboard.model import find_survey_layers
from ..storage.rule_store import database_of_layer


def project_database(project: QgsProject, table: str = schema.COMMUNITIES) -> str:
    """The community database (a GeoPackage file or a postgresql:// string, core/storage/datasource.py)
    that the project's `table` layer reads (communities, which planners too can read, unless said);
    "" when the project has no such layer, or the layer reads neither."""
    layer = find_survey_layers(project).get(table)
    return (database_of_layer(layer) or "") if layer is not None else ""
