"""kr8310:setupproject — a ready-to-map QGIS project (.qgz) for a community database."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...core.project.setup import ProjectSetupError, write_mapping_project
from ...core.storage.datasource import DataSourceError
from ...core.storage.postgis.target import mask_passwords
from ...core.toolbelt import settings
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class SetUpProjectAlgorithm(Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "setupproject"
    database_parameter = "DATABASE"
    output_suffixes = {"OUTPUT": (".qgz", ".qgs")}
    DATABASE = "DATABASE"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Set up mapping project")

    def flags(self):
        # Builds a QgsProject and its layers: keep it on the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Writes a QGIS project for mapping households in a community database: the layers communities, "
            "households, members and districts, the household form (household, members and record tabs, code "
            "lists, defaults and constraints), relations (deleting a household deletes its members), styles and "
            "snapping. Open the project and start with the Add household tool.\n\n"
            "Database: a GeoPackage path, or a PostGIS connection (postgres://user@host/db?schema=kr8310 or "
            "pg:NAME of a saved QGIS connection).\n\n"
            "Example: qgis_process.bin run kr8310:setupproject -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/mapping.qgz"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Mapping project"), tr("QGIS project (*.qgz)"))
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        notices: list[str] = []
        try:
            path = write_mapping_project(database, output, notices=notices, basemap_url=settings.basemap_url())
        except (DataSourceError, ProjectSetupError) as error:
            raise QgsProcessingException(mask_passwords(str(error))) from error
        for notice in notices:
            feedback.pushInfo(notice)
        feedback.pushInfo(tr("Mapping project written: {path}").format(path=path))
        return {self.OUTPUT: str(path)}
