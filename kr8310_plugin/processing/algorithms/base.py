"""What every KR 8310 Processing algorithm shares: translation, icon, instance creation; and what
the import algorithms share: the source-file parameters and the lines of a refused import."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QFile
from qgis.PyQt.QtGui import QIcon

from ...core.importing.importer import ImportRefusedError, Rejection
from ...core.importing.readers import ENCODINGS
from ...core.storage.datasource import DataSourceError, layer_source
from ...core.storage.postgis.target import mask_passwords
from ...core.toolbelt.i18n import tr, user_language
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


# ---------------------------------------------------------------------------------------
# Importing from a source file (survey files, BMA's register)


class SourceFile(NamedTuple):
    """The source-file parameters' values, as an import algorithm reads them."""

    source: str  # the file
    source_layer: str | None  # its sheet or layer; None: the first
    encoding: str  # of a CSV: one of ENCODINGS ("auto": detected)
    database: str
    mapping_text: str  # 'field=column; ...', parsed by each import's own mapping rules


class SourceFileParameters:
    """The source file, its sheet or layer, the text encoding of CSV files, the community database
    and the column mapping, for a Kr8310Algorithm that imports a file. Each `add_...` adds its
    parameters, so that every algorithm keeps its own order in the dialog."""

    INPUT = "INPUT"
    INPUT_LAYER = "INPUT_LAYER"
    ENCODING = "ENCODING"
    DATABASE = "DATABASE"
    MAPPING = "MAPPING"
    database_parameter = DATABASE

    def add_source_parameters(self, description: str, file_filter: str) -> None:
        """The file (INPUT, described as `description`) and its sheet or layer (INPUT_LAYER)."""
        self.addParameter(QgsProcessingParameterFile(self.INPUT, description, fileFilter=file_filter))
        self.addParameter(
            QgsProcessingParameterString(self.INPUT_LAYER, tr("Sheet or layer (empty: the first)"), optional=True)
        )

    def add_encoding_parameter(self) -> None:
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ENCODING,
                tr("Text encoding of CSV files"),
                [tr("Detect"), "UTF-8", "TIS-620 / cp874"],
                defaultValue=0,
            )
        )

    def add_database_parameter(self) -> None:
        self.addParameter(
            QgsProcessingParameterString(self.DATABASE, tr("Community database (GeoPackage file or PostGIS)"))
        )

    def add_mapping_parameter(self) -> None:
        self.addParameter(
            QgsProcessingParameterString(
                self.MAPPING, tr("Column mapping (field=column; ...)"), optional=True, multiLine=True
            )
        )

    def source_file(self, parameters, context) -> SourceFile:
        return SourceFile(
            self.parameterAsFile(parameters, self.INPUT, context),
            self.parameterAsString(parameters, self.INPUT_LAYER, context) or None,
            ENCODINGS[self.parameterAsEnum(parameters, self.ENCODING, context)],
            self.parameterAsString(parameters, self.DATABASE, context).strip(),
            self.parameterAsString(parameters, self.MAPPING, context),
        )


def rejection_reason(item: Rejection) -> str:
    """Why a row was rejected (or warned about), in QGIS's language (Thai or English)."""
    return item.reason_th if user_language() == "th" else item.reason_en


def describe_rejection(item: Rejection) -> str:
    """One rejected (or warned) row for the log."""
    return tr("{table} row {row}, {field} '{value}': {reason}").format(
        table=item.table, row=item.row, field=item.field or "-", value=item.value, reason=rejection_reason(item)
    )


def refusal_lines(error: ImportRefusedError, shown: int) -> list[str]:
    """A refused import's message: the error, its first `shown` rejections and how many more there are."""
    lines = [str(error)] + [describe_rejection(item) for item in error.rejections[:shown]]
    if len(error.rejections) > shown:
        lines.append(tr("... and {more} more.").format(more=len(error.rejections) - shown))
    return lines
