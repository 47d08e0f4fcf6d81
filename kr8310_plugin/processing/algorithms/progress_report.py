"""kr8310:progressreport — the KR 8310 progress report of a period, from the snapshots, as XLSX or PDF."""

from __future__ import annotations

import datetime as _dt

from qgis.core import QgsProcessingException, QgsProcessingParameterFileDestination, QgsProcessingParameterString

from ...core.exports.reports import ReportExportError
from ...core.progress.pace import fiscal_year_be, fiscal_year_dates
from ...core.progress.report import progress_report
from ...core.progress.snapshots import SnapshotError, parse_date
from ...core.storage.datasource import DataSourceError
from ...core.toolbelt import settings
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class ProgressReportAlgorithm(Kr8310Algorithm):
    group_id = "exports"
    algorithm_id = "progressreport"
    database_parameter = "DATABASE"
    output_suffixes = {"OUTPUT": (".xlsx", ".pdf")}
    DATABASE = "DATABASE"
    FROM = "FROM"
    TO = "TO"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("KR 8310 progress report")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Writes the KR 8310 progress report of a reporting period from the recorded snapshots "
            "(kr8310:snapshot): for the city, each district group and each district the KR 8310 % of the last "
            "snapshot in the period, the change since the last snapshot before it, the official target households "
            "and the difference. XLSX: Thai (English) headers, a sheet per level. PDF: in Thai and English, with a "
            "chart of the city's KR % over the fiscal year. No personal field is written.\n\n"
            "FROM and TO are dates written YYYY-MM-DD; empty TO: today, empty FROM: the start of TO's fiscal year.\n\n"
            "Example: qgis_process.bin run kr8310:progressreport -- DATABASE=/tmp/demo.gpkg FROM=2025-01-01 "
            "TO=2025-03-31 OUTPUT=/tmp/progress.pdf"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        self.addParameter(QgsProcessingParameterString(self.FROM, tr("Period from (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.TO, tr("Period to (YYYY-MM-DD)"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Progress report"), tr("Excel workbook (*.xlsx);;PDF (*.pdf)")
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            to_text = self.parameterAsString(parameters, self.TO, context).strip()
            from_text = self.parameterAsString(parameters, self.FROM, context).strip()
            date_to = parse_date(to_text) if to_text else _dt.date.today()
            date_from = parse_date(from_text) if from_text else fiscal_year_dates(fiscal_year_be(date_to))[0]
            result = progress_report(
                database, date_from, date_to, output, settings.thai_digits(), progress=feedback.setProgress
            )
        except (DataSourceError, SnapshotError, ReportExportError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("Progress report of the snapshot of {date} written: {path}").format(
                date=result.report_date.isoformat(), path=result.output
            )
        )
        return {
            self.OUTPUT: str(result.output),
            "REPORT_DATE": result.report_date.isoformat(),
            "CITY_KR_PCT": result.city_kr_pct,
        }
