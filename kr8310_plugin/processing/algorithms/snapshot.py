"""kr8310:snapshot — record today's (or a given date's) coverage and KR 8310 figures as a snapshot."""

from __future__ import annotations

import datetime as _dt

from qgis.core import QgsProcessingException, QgsProcessingParameterString

from ...core.coverage.engine import CoverageError
from ...core.progress.snapshots import SnapshotError, parse_date, record_snapshot
from ...core.storage.datasource import DataSourceError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm


class SnapshotAlgorithm(Kr8310Algorithm):
    group_id = "coverage"
    algorithm_id = "snapshot"
    database_parameter = "DATABASE"
    DATABASE = "DATABASE"
    DATE = "DATE"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Record progress (coverage snapshot)")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Computes, with the completeness rule stored in the database, the coverage of every community and "
            "the KR 8310 figures of the city, each district group, "
            "district and size class, and keeps them in the database as the snapshot of one date "
            "(tables coverage_snapshots and kr_snapshots). A snapshot is never rewritten: a date already recorded "
            "is refused, and so is a date in the future or before the latest snapshot. No personal field is "
            "stored.\n\n"
            "Example (a nightly job): qgis_process.bin run kr8310:snapshot -- DATABASE=/tmp/demo.gpkg"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database (.gpkg or PostGIS)")))
        self.addParameter(
            QgsProcessingParameterString(
                self.DATE, tr("Snapshot date (YYYY-MM-DD, empty: today)"), _dt.date.today().isoformat(), optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        text = self.parameterAsString(parameters, self.DATE, context).strip()
        try:
            day = parse_date(text) if text else _dt.date.today()
            summary = record_snapshot(database, day, progress=feedback.setProgress)
        except (DataSourceError, CoverageError, SnapshotError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("Snapshot of {date} recorded: {communities} communities.").format(
                date=summary.snapshot_date.isoformat(), communities=summary.communities
            )
        )
        if summary.city_kr_pct is not None:
            feedback.pushInfo(tr("City KR 8310: {pct:.1f} %").format(pct=summary.city_kr_pct))
        return {
            "SNAPSHOT_DATE": summary.snapshot_date.isoformat(),
            "COMMUNITIES": summary.communities,
            "CITY_KR_PCT": summary.city_kr_pct,
        }
