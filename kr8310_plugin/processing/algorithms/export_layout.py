"""kr8310:exportlayout — the printable community layout map (แผนผังชุมชน), one PDF page per community."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...core.exports.layout_print import LayoutExportError, export_layout
from ...core.storage.datasource import DataSourceError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class ExportLayoutAlgorithm(Kr8310Algorithm):
    group_id = "exports"
    algorithm_id = "exportlayout"
    database_parameter = "DATABASE"
    output_suffixes = {"OUTPUT": (".pdf",)}
    DATABASE = "DATABASE"
    COMMUNITY = "COMMUNITY"
    DISTRICT = "DISTRICT"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Export community layout map")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Writes the printable community layout map (แผนผังชุมชน) to a PDF: one page per community, A4 or A3, "
            "landscape or portrait as the community's shape needs. Each page draws the community's boundary, "
            "buildings, roads and walkways, waterways, water areas, facilities, safety points and household "
            "points, with a Thai title, a Thai legend, north arrow, scale bar and the data date; pages showing "
            "OpenStreetMap data carry its attribution.\n\n"
            "No personal data is printed: household points are unlabelled dots, labels are names of buildings, "
            "ways and facilities only.\n\n"
            "Give a community id, or a district code for every community of the district.\n\n"
            "Example: qgis_process.bin run kr8310:exportlayout -- DATABASE=community.gpkg DISTRICT=1001 "
            "OUTPUT=/tmp/layout_1001.pdf"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterString(self.DATABASE, tr("Community database (GeoPackage file or PostGIS)"))
        )
        self.addParameter(QgsProcessingParameterString(self.COMMUNITY, tr("Community (id)"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.DISTRICT, tr("District (code)"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Layout map (PDF)"), fileFilter=tr("PDF (*.pdf)"))
        )
        self.addOutput(QgsProcessingOutputNumber("PAGES", tr("Pages")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            result = export_layout(
                database,
                output,
                community=self.parameterAsString(parameters, self.COMMUNITY, context),
                district=self.parameterAsString(parameters, self.DISTRICT, context),
                progress=feedback.setProgress,
                feedback=feedback,
            )
        except (LayoutExportError, DataSourceError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("{path}: {pages} page(s) in {seconds:.1f} s ({per_page:.2f} s a page).").format(
                path=output, pages=result.pages, seconds=result.seconds, per_page=result.seconds / max(result.pages, 1)
            )
        )
        return {self.OUTPUT: output, "PAGES": result.pages}
