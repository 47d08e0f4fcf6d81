"""What every KR 8310 Processing algorithm shares: translation, icon, instance creation."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QFile
from qgis.PyQt.QtGui import QIcon

from ...core.storage.datasource import DataSourceError, layer_source
from ...core.storage.postgis.target import mask_passwords
from ...core.toolbelt.i18n import tr
from ...core.toolbelt.paths import resource_path
from ...definitions.schema import COMMUNITIES

# Toolbox icons: QGIS's own icon for the same kind of task, so the kr8310 tools look native
# (the provider's icon marks them as ours). Missing icons fall back to the plugin icon.
THEME_ICONS = {
    "createdatabase": "/mActionNewGeoPackageLayer.svg",
    "generatedemo": "/algorithms/mAlgorithmRandomPointsInPolygons.svg",
    "importcommunities": "/mActionAddOgrLayer.svg",
    "importhouseholds": "/mActionAddDelimitedTextLayer.svg",
    "coverage": "/algorithms/mAlgorithmSumPoints.svg",
    "krsummary": "/algorithms/mAlgorithmBasicStatistics.svg",
    "setupproject": "/mIconQgsProjectFile.svg",
    "setcompletenessrule": "/mActionOptions.svg",
    "validate": "/algorithms/mAlgorithmCheckGeometry.svg",
    "exportmap": "/mActionSaveAsPDF.svg",
    "exportreport": "/mIconTableLayer.svg",
    "snapshot": "/mActionSaveEdits.svg",
    "progressreport": "/mActionSaveAsPDF.svg",
    "importosm": "/mActionAddOgrLayer.svg",
    "exportlayout": "/mActionSaveMapAsImage.svg",
    "packagecommunity": "/mActionNewMap.svg",
    "mergepackage": "/mActionMergeFeatures.svg",
}


def group_names() -> dict[str, str]:
    """The provider's algorithm groups, by id (translated when asked, so QGIS's language applies)."""
    return {
        "database": tr("Database"),
        "survey": tr("Survey data"),
        "coverage": tr("Coverage"),
        "exports": tr("Maps and reports"),
    }


class Kr8310Algorithm(QgsProcessingAlgorithm):
    """Subclasses set `algorithm_id`, and implement the display texts and `processAlgorithm`."""

    algorithm_id = ""
    group_id = ""  # a key of group_names()
    icon_file = "icon.svg"
    # Checked by checkParameterValues before the algorithm runs (the dialog shows the message):
    database_parameter = ""  # a community database string parameter (GeoPackage path or PostGIS)
    output_suffixes: dict[str, tuple[str, ...]] = {}  # file destination parameter -> accepted endings

    def name(self) -> str:
        return self.algorithm_id

    def group(self) -> str:
        return group_names()[self.group_id]

    def groupId(self) -> str:  # noqa: N802 - QGIS API
        return self.group_id

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        if self.database_parameter:
            database = self.parameterAsString(parameters, self.database_parameter, context).strip()
            if not database:
                return False, tr("Give the community database: a .gpkg file or a PostGIS connection.")
            try:
                layer_source(database, COMMUNITIES)  # the file exists / the connection string is usable
            except DataSourceError as error:
                return False, mask_passwords(str(error))
        for name, suffixes in self.output_suffixes.items():
            path = self.parameterAsFileOutput(parameters, name, context)
            if path and Path(path).is_dir():
                return False, tr("{parameter}: {path} is a folder; give a file name.").format(
                    parameter=self.parameterDefinition(name).description(), path=path
                )
            if path and not path.lower().endswith(suffixes):
                endings = tr("{first} or {last}").format(first=", ".join(suffixes[:-1]), last=suffixes[-1])
                return False, tr("{parameter}: the file must end in {endings}, not {path}").format(
                    parameter=self.parameterDefinition(name).description(),
                    endings=endings if len(suffixes) > 1 else suffixes[0],
                    path=path,
                )
        return True, ""

    def icon(self) -> QIcon:
        theme_icon = THEME_ICONS.get(self.algorithm_id, "")
        if theme_icon and QFile.exists(":/images/themes/default" + theme_icon):
            return QgsApplication.getThemeIcon(theme_icon)
        return QIcon(str(resource_path("icons", self.icon_file)))
