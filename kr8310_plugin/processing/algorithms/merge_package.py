"""kr8310:mergepackage — a field package back into the community database."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...core.exports.reports import ReportExportError
from ...core.field_package.manifest import PackageError
from ...core.field_package.merge import CONFLICT, DUPLICATE, OUTCOMES, REJECTED, MergeError, merge_package, reason_text
from ...core.field_package.report import write_merge_report
from ...core.storage.datasource import DataSourceError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm

SHOWN_ITEMS = 30  # in the log; the report lists them all


class MergePackageAlgorithm(Kr8310Algorithm):
    group_id = "survey"
    algorithm_id = "mergepackage"
    database_parameter = "DATABASE"
    output_suffixes = {"REPORT": (".csv", ".xlsx")}
    INPUT = "INPUT"
    DATABASE = "DATABASE"
    REPORT = "REPORT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Merge a field package")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Brings a field package (its folder or zip) back into the community database in one transaction. "
            "New households and members are inserted; changed ones are updated only when the database has not "
            "changed them since the package was made; deletions are applied only to rows unchanged since. "
            "Anything changed on both sides is a conflict and a new household with the house number of one "
            "already in its community is a duplicate: both are listed and nothing of them is written (resolve "
            "them in the plugin's conflict dialog). Merging the same package twice changes nothing.\n\n"
            "Report (optional, .csv or .xlsx): inserted, updated, deleted, conflicts, duplicates and rejected rows.\n\n"
            "Example: qgis_process run kr8310:mergepackage -- INPUT=/tmp/field_1001.zip DATABASE=community.gpkg "
            "REPORT=/tmp/merge_1001.xlsx"
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT,
                tr("Field package (folder or zip)"),
                fileFilter=tr("Field packages (*.zip manifest.json);;All files (*)"),
            )
        )
        self.addParameter(QgsProcessingParameterString(self.DATABASE, tr("Community database")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                tr("Merge report"),
                fileFilter=tr("CSV (*.csv);;Excel (*.xlsx)"),
                optional=True,
                createByDefault=False,
            )
        )
        for outcome in OUTCOMES:
            self.addOutput(QgsProcessingOutputNumber(outcome.upper(), outcome))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        package = self.parameterAsFile(parameters, self.INPUT, context)
        if package.endswith("manifest.json"):
            package = package[: -len("manifest.json")] or "."
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        try:
            plan = merge_package(package, database, progress=feedback.setProgress)
            if report:
                write_merge_report(plan, report)
        except (PackageError, MergeError, DataSourceError, ReportExportError) as error:
            raise QgsProcessingException(str(error)) from error
        counts = plan.counts()
        problems = [item for item in plan.items if item.outcome in (CONFLICT, DUPLICATE, REJECTED)]
        for item in problems[:SHOWN_ITEMS]:
            feedback.reportError(
                tr("{outcome}: household {household} ({house_no}), {table} {key}: {reason}").format(
                    outcome=item.outcome,
                    household=item.household_id,
                    house_no=item.house_no or "-",
                    table=item.table,
                    key=item.key,
                    reason=reason_text(item.reason),
                ),
                fatalError=False,
            )
        if len(problems) > SHOWN_ITEMS:
            feedback.pushInfo(tr("... and {more} more.").format(more=len(problems) - SHOWN_ITEMS))
        feedback.pushInfo(
            tr(
                "{inserted} inserted, {updated} updated, {deleted} deleted, {conflict} conflict(s), "
                "{duplicate} duplicate(s), {rejected} rejected."
            ).format(**counts)
        )
        return {self.REPORT: report or None, **{outcome.upper(): counts[outcome] for outcome in OUTCOMES}}
