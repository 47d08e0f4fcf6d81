"""kr8310:exportreport — the KR 8310 report (summary per level, coverage per community) as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingParameterFileDestination, QgsProcessingParameterString

from ...core.coverage.engine import CoverageError
from ...core.exports.reports import ReportExportError, check_report_output, export_report
from ...core.storage.datasource import DataSourceError
from ...core.storage.postgis.target import PostgisError, mask_passwords
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class ExportReportAlgorithm(Kr8310Algorithm):
    group_id = "exports"
    algorithm_id = "exportreport"
    database_parameter = "DATABASE"
    output_suffixes = {"OUTPUT": (".csv", ".xlsx")}
    DATABASE = "DATABASE"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Export KR 8310 report")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Refreshes the coverage fields of a community database, then writes the KR 8310 report for BMA Policy "
            "Tracking: for the city, each district group, each district and each size class the S and M "
            "communities, registered and complete households, KR 8310 %, official targets and differences; and the "
            "coverage of every community. No personal field is written.\n\n"
            "XLSX: a sheet per level and one of communities, Thai headers. CSV: UTF-8 with BOM; the summary in "
            "<name>.csv and the communities in <name>_communities.csv.\n\n"
            "Example: qgis_process.bin run kr8310:exportreport -- DATABASE=/tmp/demo.gpkg OUTPUT=/tmp/kr8310.xlsx"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Report"), tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)")
            )
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:  # a folder, a symlinked file or side-car: refused before the coverage is refreshed
            check_report_output(Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context)))
        except ReportExportError as error:
            return False, str(error)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            result = export_report(database, output, progress=feedback.setProgress)
        except (DataSourceError, CoverageError, ReportExportError, PostgisError) as error:
            raise QgsProcessingException(mask_passwords(str(error))) from error
        if result.city_kr_pct is not None:
            feedback.pushInfo(tr("City KR 8310: {pct:.1f} %").format(pct=result.city_kr_pct))
        feedback.pushInfo(tr("Report written: {files}").format(files=", ".join(str(p) for p in result.outputs)))
        return {self.OUTPUT: str(result.outputs[0]), "CITY_KR_PCT": result.city_kr_pct}
