"""kr8310:importcommunities — BMA's community register into a community database."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterFileDestination

from ...core.coverage.engine import CoverageError, refresh_database
from ...core.exports.reports import ReportExportError
from ...core.importing.importer import ImportRefusedError
from ...core.importing.readers import SourceError, read_table
from ...core.importing.register import import_register, parse_register_mapping
from ...core.importing.register_report import discrepancy_lines, register_discrepancies, write_discrepancies
from ...core.storage.datasource import DataSourceError
from ...core.storage.postgis.target import PostgisError
from ...core.storage.rule_store import RuleStoreError
from ...core.toolbelt.i18n import tr
from .base import Kr8310Algorithm, SourceFileParameters, refusal_lines, rejection_reason

SHOWN_PROBLEMS = 20  # in the log; the exception lists them too


class ImportCommunitiesAlgorithm(SourceFileParameters, Kr8310Algorithm):
    group_id = "database"
    algorithm_id = "importcommunities"
    output_suffixes = {"REPORT": (".csv", ".xlsx")}
    REPORT = "REPORT"

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        return tr("Import communities from BMA's register")

    def shortHelpString(self) -> str:  # noqa: N802 - QGIS API
        return tr(
            "Imports BMA's community register (one community per row) into a community database, in one "
            "transaction.\n\n"
            "Input: CSV (UTF-8, UTF-8 with BOM or TIS-620), XLSX, GeoJSON, Shapefile or any vector layer, with "
            "points, polygons or no geometry (then latitude/longitude or x/y columns, or none). Columns named "
            "name/ชื่อชุมชน, district/เขต (Thai or English name, or code 1001-1050), type/ประเภท, "
            "households/จำนวนหลังคาเรือน, population/ประชากร, community code/รหัสชุมชน, date registered/"
            "วันที่จดทะเบียน map themselves; others as 'field=column; ...'.\n\n"
            "Without a district the community's location decides it; a district that disagrees with the "
            "location is reported. Communities known only by a point are stored without a boundary and count "
            "in coverage at once. Communities are matched on their code, else on the name within the district "
            "(the ชุมชน prefix, spaces and Thai digits aside); re-importing the same file changes nothing, an "
            "updated register updates in place and the changes are listed. New communities without a code get "
            "one: district code and sequence (1001-0007), never reused. Any rejected row stops the import.\n\n"
            "Report (optional, .csv or .xlsx): per district and size class, the S and M communities and "
            "households in the database beside the official targets, with the differences.\n\n"
            "Example: qgis_process.bin run kr8310:importcommunities -- INPUT=register.csv "
            "DATABASE=community.gpkg REPORT=/tmp/register_check.xlsx"
        ) + tr(
            "\n\nPostGIS: DATABASE may also be a PostGIS database (postgresql://…?schema=… or pg:NAME), in one "
            "server transaction. Only the schema's administrator (role <schema>_admin) may import the register; "
            "mappers and planners are refused before anything is read."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.add_source_parameters(
            tr("Community register"),
            tr("Register files (*.csv *.xlsx *.ods *.geojson *.json *.gpkg *.shp);;All files (*)"),
        )
        self.add_encoding_parameter()
        self.add_database_parameter()
        self.add_mapping_parameter()
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT,
                tr("Register against the official targets"),
                fileFilter=tr("CSV (*.csv);;Excel (*.xlsx)"),
                optional=True,
                createByDefault=False,
            )
        )
        for key, label in (
            ("INSERTED", tr("Communities added")),
            ("UPDATED", tr("Communities updated")),
            ("UNCHANGED", tr("Communities unchanged")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.source_file(parameters, context)
        database = source.database
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        try:
            mapping = parse_register_mapping(source.mapping_text)
            feedback.pushInfo(tr("Reading {source}").format(source=source.source))
            table = read_table(source.source, source.source_layer, source.encoding)
            result = import_register(database, table, mapping)
            if result.inserted or result.updated:
                refresh_database(database)
            rows = register_discrepancies(database)
            if report:
                write_discrepancies(report, rows)
        except ImportRefusedError as error:
            raise QgsProcessingException("\n".join(refusal_lines(error, SHOWN_PROBLEMS))) from error
        except (SourceError, DataSourceError, PostgisError, RuleStoreError, CoverageError, ReportExportError) as error:
            raise QgsProcessingException(str(error)) from error
        for item in result.notices:
            feedback.reportError(
                tr("Row {row}, {field} '{value}': {reason}").format(
                    row=item.row, field=item.field, value=item.value, reason=rejection_reason(item)
                ),
                fatalError=False,
            )
        for change in result.changes:
            feedback.pushInfo(
                tr("{community}: {field}: {old} → {new}").format(
                    community=change.community_id, field=change.field, old=change.old, new=change.new
                )
            )
        if not result.inserted and not result.updated:
            feedback.pushInfo(tr("The register is unchanged: nothing was written."))
        feedback.pushInfo(
            tr("{inserted} community(ies) added, {updated} updated, {unchanged} unchanged.").format(
                inserted=result.inserted, updated=result.updated, unchanged=result.unchanged
            )
        )
        feedback.pushInfo(tr("Register against the official targets (rows that differ):"))
        for line in discrepancy_lines(rows):
            feedback.pushInfo(line)
        return {
            self.REPORT: report or None,
            "INSERTED": result.inserted,
            "UPDATED": result.updated,
            "UNCHANGED": result.unchanged,
        }
