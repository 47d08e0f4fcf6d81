"""kr8310:createdatabase — an empty community database (GeoPackage or PostGIS) with the 50 districts."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...core.storage.datasource import DEFAULT_PG_SCHEMA
from ...core.storage.gpkg_database import DatabaseError, build_database
from ...core.storage.postgis.build import build_postgis_database
from ...core.storage.postgis.target import PostgisError, database_string, mask_passwords, public_database
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class CreateDatabaseAlgorithm(Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "createdatabase"
    OUTPUT = "OUTPUT"
    OVERWRITE = "OVERWRITE"
    CONNECTION = "CONNECTION"
    SCHEMA = "SCHEMA"
    ROLES = "ROLES"
    DATABASE = "DATABASE"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Create community database")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Creates an empty KR 8310 community database (GeoPackage, EPSG:32647 WGS 84 / UTM 47N) with the "
            "layers communities, households, members and districts. The districts layer holds the 50 Bangkok "
            "districts with their district group and the official KR 8310 targets.\n\n"
            "Output: the .gpkg file. An existing file is kept unless Overwrite is checked.\n\n"
            "PostGIS (many editors): leave the file empty and give a PostgreSQL connection instead: the name "
            "of a saved QGIS connection or a URI postgresql://user@host:5432/dbname, and a schema. The same "
            "layers are created with keys, checks, triggers, an audit log, coverage views and (optionally) the "
            "roles admin, mapper and planner with per-district row-level security, and the role <schema>_owner "
            "that owns it all: it cannot log in, the connecting login becomes its member. Everything is created "
            "in one transaction; an existing schema is kept unless Overwrite is checked.\n\n"
            "Example: qgis_process.bin run kr8310:createdatabase -- OUTPUT=/data/community.gpkg\n"
            "qgis_process.bin run kr8310:createdatabase -- CONNECTION=postgresql://admin@db/kr8310 SCHEMA=kr8310"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        output = QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Community database"), tr("GeoPackage (*.gpkg)"), optional=True, createByDefault=False
        )
        self.addParameter(output)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.OVERWRITE, tr("Overwrite an existing file or schema"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CONNECTION,
                tr("PostgreSQL connection (saved connection name or postgresql:// URI) instead of a file"),
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.SCHEMA, tr("PostgreSQL schema"), DEFAULT_PG_SCHEMA))
        roles = QgsProcessingParameterBoolean(
            self.ROLES, tr("Create the admin, mapper and planner roles (needs CREATEROLE)"), defaultValue=True
        )
        roles.setFlags(roles.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(roles)
        self.addOutput(QgsProcessingOutputString(self.DATABASE, tr("Database (as the other algorithms take it)")))
        self.addOutput(QgsProcessingOutputString("MESSAGE", tr("Summary")))

    @staticmethod
    def _postgres_database(connection: str) -> str:
        """A connection parameter as a database string: URIs as they are, saved connection names as pg:NAME."""
        connection = connection.strip()
        if connection.startswith(("postgres://", "postgresql://", "pg:")):
            return connection
        return f"pg:{connection}"

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        connection = self.parameterAsString(parameters, self.CONNECTION, context)
        if bool(path) == bool(connection.strip()):
            return False, tr("Give either a GeoPackage file or a PostgreSQL connection (not both).")
        if path and Path(path).exists() and not self.parameterAsBoolean(parameters, self.OVERWRITE, context):
            return False, tr("{path} already exists. Choose another file, or set OVERWRITE to replace it.").format(
                path=path
            )
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802 - QGIS API
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        overwrite = self.parameterAsBoolean(parameters, self.OVERWRITE, context)
        connection = self.parameterAsString(parameters, self.CONNECTION, context).strip()
        if connection:
            return self._create_postgis(connection, parameters, context, feedback, overwrite)
        try:
            build_database(path, overwrite=overwrite)
        except DatabaseError as error:
            raise QgsProcessingException(str(error)) from error
        message = tr("Created the community database {path}").format(path=path)
        feedback.pushInfo(message)
        return {self.OUTPUT: path, self.DATABASE: path, "MESSAGE": message}

    def _create_postgis(self, connection: str, parameters, context, feedback, overwrite: bool) -> dict:
        database = self._postgres_database(connection)
        schema = self.parameterAsString(parameters, self.SCHEMA, context).strip() or DEFAULT_PG_SCHEMA
        try:
            target = build_postgis_database(
                database,
                schema=schema,
                overwrite=overwrite,
                roles=self.parameterAsBoolean(parameters, self.ROLES, context),
                progress=feedback.setProgress,
            )
        except PostgisError as error:
            raise QgsProcessingException(mask_passwords(str(error))) from error
        # The other algorithms take this string; a password stays with the caller (and out of logs).
        result = public_database(database_string(target, database))
        # Named by host, port and database only: a URI may carry a password.
        where = f"{target.uri.host() or target.uri.service()}:{target.uri.port()}/{target.uri.database()}"
        message = tr("Created the community database in schema {schema} of {database}").format(
            schema=target.schema, database=where
        )
        feedback.pushInfo(message)
        return {self.DATABASE: result, "MESSAGE": message}
