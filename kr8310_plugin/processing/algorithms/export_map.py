"""kr8310:exportmap — an A4 coverage map (city, district group, district or 50-page district atlas) as PDF/PNG."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...core.coverage.engine import CoverageError
from ...core.exports.maps import SCOPES, MapExportError, export_map
from ...core.progress.snapshots import SnapshotError, parse_date
from ...core.storage.datasource import DataSourceError
from ...core.storage.postgis.target import PostgisError, mask_passwords
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class ExportMapAlgorithm(Kr8310Algorithm):
    group_id = "exports"
    algorithm_id = "exportmap"
    database_parameter = "DATABASE"
    output_suffixes = {"OUTPUT": (".pdf", ".png")}
    DATABASE = "DATABASE"
    SCOPE = "SCOPE"
    AREA = "AREA"
    OUTPUT = "OUTPUT"
    DPI = "DPI"
    DATE = "DATE"
    SINCE = "SINCE"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Export coverage map")

    def flags(self):
        # Print layouts render with QPainter and fonts: keep them on the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Refreshes the coverage fields of a community database, then exports an A4 landscape coverage map: "
            "communities filled by their coverage % with their size class as outline, district boundaries with "
            "each district's KR 8310 %, "
            "a title in Thai and English, legend, scale bar, north arrow, the date of the data, a KR 8310 summary "
            "of the page and the sources. No household or personal data appears on the map.\n\n"
            "Scope: city, group (AREA = a district group code: central, south, north, east, north_thonburi, "
            "south_thonburi), district (AREA = a district code 1001-1050) or atlas (one page per district, 50 "
            "pages in one PDF; as PNG one image per district, <name>_<code>.png).\n\n"
            "DATE (YYYY-MM-DD, optional): the map of a recorded progress snapshot (kr8310:snapshot) instead of "
            "today: its coverage values, its KR 8310 summary and its date on the page; the database is not "
            "refreshed. SINCE (YYYY-MM-DD, optional): a map of the change in each community's coverage, in "
            "percentage points, from the snapshot of SINCE to DATE (or today).\n\n"
            "Example: qgis_process.bin run kr8310:exportmap -- DATABASE=/tmp/demo.gpkg SCOPE=atlas "
            "OUTPUT=/tmp/atlas.pdf"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        # Static strings: SCOPE=atlas on the command line, and the value a script passes is the scope's name.
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SCOPE, tr("Scope (city, group, district, atlas)"), list(SCOPES), False, SCOPES[0], False, True
            )
        )
        self.addParameter(QgsProcessingParameterString(self.AREA, tr("District group or district code"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Map"), tr("PDF (*.pdf);;PNG image (*.png)"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI, tr("Resolution (DPI)"), QgsProcessingParameterNumber.Integer, 150, False, 50, 600
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.DATE, tr("Snapshot date (YYYY-MM-DD; empty: today)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SINCE, tr("Change since the snapshot of (YYYY-MM-DD; empty: no change map)"), optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        scope = self.parameterAsEnumString(parameters, self.SCOPE, context)
        area = self.parameterAsString(parameters, self.AREA, context).strip()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        dpi = self.parameterAsInt(parameters, self.DPI, context)
        try:
            snapshot_date = self._date(parameters, self.DATE, context)
            since = self._date(parameters, self.SINCE, context)
            if snapshot_date is None:
                feedback.pushInfo(tr("Refreshing coverage, then exporting the {scope} map…").format(scope=scope))
            else:
                feedback.pushInfo(
                    tr("Exporting the {scope} map of the snapshot of {date}…").format(scope=scope, date=snapshot_date)
                )
            result = export_map(
                database,
                scope,
                output,
                area,
                dpi,
                progress=feedback.setProgress,
                feedback=feedback,
                snapshot_date=snapshot_date,
                since=since,
            )
        except (DataSourceError, CoverageError, MapExportError, SnapshotError, PostgisError) as error:
            raise QgsProcessingException(mask_passwords(str(error))) from error
        if result.city_kr_pct is not None:
            feedback.pushInfo(tr("City KR 8310: {pct:.1f} %").format(pct=result.city_kr_pct))
        feedback.pushInfo(
            tr("{pages} page(s) written in {seconds:.1f} s: {files}").format(
                pages=result.pages, seconds=result.export_seconds, files=", ".join(str(p) for p in result.outputs)
            )
        )
        return {self.OUTPUT: str(result.outputs[0]) if result.outputs else output, "PAGES": result.pages}

    def _date(self, parameters, name: str, context):
        """A YYYY-MM-DD parameter as a date, None when empty; SnapshotError for another text."""
        text = self.parameterAsString(parameters, name, context).strip()
        return parse_date(text) if text else None
