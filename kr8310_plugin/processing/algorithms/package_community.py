"""kr8310:packagecommunity — a field package of some communities for QField."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ...core.field_package.manifest import PackageError
from ...core.field_package.package import make_package, parse_community_ids
from ...core.project.setup import ProjectSetupError
from ...core.storage.datasource import DataSourceError
from ...core.storage.rule_store import RuleStoreError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class PackageCommunityAlgorithm(Kr8310Algorithm):
    group_id = "survey"
    algorithm_id = "packagecommunity"
    database_parameter = "DATABASE"
    DATABASE = "DATABASE"
    COMMUNITIES = "COMMUNITIES"
    OUTPUT = "OUTPUT"
    MADE_FOR = "MADE_FOR"
    BASEMAP = "BASEMAP"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Make a field package (QField)")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Cuts one or more communities out of the community database into a folder (and a zip beside it) "
            "that QField opens as it is: a GeoPackage with only those communities' boundary, households, "
            "members and community-layout features (and their district outline), a QGIS project with the same "
            "forms, value maps, constraints and styles as the desktop project, and manifest.json. Paths are "
            "relative and no password is written. An optional basemap raster (MBTiles, GeoPackage, GeoTIFF) is "
            "copied in.\n\nBring the package back with 'Merge a field package'.\n\n"
            "Example: qgis_process run kr8310:packagecommunity -- DATABASE=community.gpkg "
            "COMMUNITIES=1001-0001,1001-0002 OUTPUT=/tmp/field_1001"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database")))
        self.addParameter(
            QgsProcessingParameterString(self.COMMUNITIES, tr("Communities (community ids, comma-separated)"))
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Package folder (new or empty)")))
        self.addParameter(
            QgsProcessingParameterString(self.MADE_FOR, tr("Made for (team or volunteer)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.BASEMAP,
                tr("Basemap raster (optional)"),
                optional=True,
                fileFilter=tr("Rasters (*.mbtiles *.gpkg *.tif *.tiff);;All files (*)"),
            )
        )
        self.addOutput(QgsProcessingOutputFile("ZIP", tr("Package zip")))
        self.addOutput(QgsProcessingOutputNumber("HOUSEHOLDS", tr("Households in the package")))
        self.addOutput(QgsProcessingOutputNumber("SIZE_BYTES", tr("Size of the zip (bytes)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        ids = parse_community_ids(self.parameterAsString(parameters, self.COMMUNITIES, context))
        output = self.parameterAsString(parameters, self.OUTPUT, context)
        try:
            result = make_package(
                database,
                ids,
                output,
                made_for=self.parameterAsString(parameters, self.MADE_FOR, context).strip(),
                basemap=self.parameterAsFile(parameters, self.BASEMAP, context) or None,
                progress=feedback.setProgress,
            )
        except (PackageError, DataSourceError, RuleStoreError, ProjectSetupError) as error:
            raise QgsProcessingException(str(error)) from error
        manifest = result.manifest
        feedback.pushInfo(
            tr("Package {package} of {communities}: {households} household(s), {members} member(s).").format(
                package=manifest.package_id[:8],
                communities=", ".join(manifest.communities),
                households=manifest.households,
                members=manifest.members,
            )
        )
        feedback.pushInfo(
            tr("Written {folder} and {zip} ({size:.1f} MB).").format(
                folder=result.folder, zip=result.zip_file, size=result.size_bytes / 1e6
            )
        )
        return {
            self.OUTPUT: str(result.folder),
            "ZIP": str(result.zip_file),
            "HOUSEHOLDS": manifest.households,
            "SIZE_BYTES": result.size_bytes,
        }
