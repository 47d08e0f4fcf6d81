"""kr8310:createdatabase — an empty community database with the 50 districts and their targets."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
)

from ...core.database import DatabaseError, build_database
from ...core.i18n import tr
from .base import Kr8310Algorithm


class CreateDatabaseAlgorithm(Kr8310Algorithm):
    algorithm_id = "createdatabase"
    OUTPUT = "OUTPUT"
    OVERWRITE = "OVERWRITE"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Create community database")

    def group(self) -> str:
        return tr("Database")

    def groupId(self) -> str:  # noqa: N802 - QGIS API
        return "database"

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Creates an empty KR 8310 community database (GeoPackage, EPSG:32647 WGS 84 / UTM 47N) with the "
            "layers communities, households, members and districts. The districts layer holds the 50 Bangkok "
            "districts with their district group and the official KR 8310 targets.\n\n"
            "Output: the .gpkg file. An existing file is kept unless Overwrite is checked.\n\n"
            "Example: qgis_process.bin run kr8310:createdatabase -- OUTPUT=/data/community.gpkg"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Community database"), tr("GeoPackage (*.gpkg)"))
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.OVERWRITE, tr("Overwrite an existing file"), defaultValue=False)
        )
        self.addOutput(QgsProcessingOutputString("MESSAGE", tr("Summary")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if path and Path(path).exists() and not self.parameterAsBoolean(parameters, self.OVERWRITE, context):
            return False, tr("{path} already exists. Choose another file, or set OVERWRITE to replace it.").format(
                path=path
            )
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        overwrite = self.parameterAsBoolean(parameters, self.OVERWRITE, context)
        try:
            build_database(path, overwrite=overwrite)
        except DatabaseError as error:
            raise QgsProcessingException(str(error)) from error
        message = tr("Created the community database {path}").format(path=path)
        feedback.pushInfo(message)
        return {self.OUTPUT: path, "MESSAGE": message}
